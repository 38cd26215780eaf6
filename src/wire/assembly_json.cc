#include "wire/assembly_json.h"

#include <string>

namespace kaoping::wire {

using Json = nlohmann::json;
using namespace kaoping::assembly;  // NOLINT(google-build-using-namespace): local to this file

namespace {

Status Bad(const std::string& field, const std::string& en, const std::string& zh) {
  return InvalidArgument("blueprint.bad_json", "blueprint option '" + field + "': " + en,
                         "蓝图选项“" + field + "”：" + zh);
}

Status Keys(const Json& obj, const std::string& prefix, std::initializer_list<const char*> allowed) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool ok = false;
    for (const char* a : allowed) ok |= it.key() == a;
    if (!ok) {
      std::string list;
      for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      return Bad(prefix + it.key(), "unknown key (allowed: " + list + ")",
                 "未知的字段（允许的字段：" + list + "）");
    }
  }
  return Status();
}

Result<double> Number(const Json& obj, const char* key, const std::string& field) {
  const Json& v = obj.at(key);
  if (!v.is_number()) return Bad(field, "must be a number", "必须是数字");
  return v.get<double>();
}

Result<int> Integer(const Json& obj, const char* key, const std::string& field) {
  const Json& v = obj.at(key);
  if (!v.is_number_integer()) return Bad(field, "must be an integer", "必须是整数");
  return v.get<int>();
}

Result<std::string> String(const Json& obj, const char* key, const std::string& field) {
  const Json& v = obj.at(key);
  if (!v.is_string()) return Bad(field, "must be a string", "必须是字符串");
  return v.get<std::string>();
}

Json TypeRuleJson(const TypeRule& t) {
  Json j{{"type", bank::ItemTypeName(t.type)},
         {"type_label", bank::ItemTypeLabelZh(t.type)},
         {"title", t.title},
         {"points", t.points_each}};
  if (t.min_count == t.max_count) {
    j["count"] = t.min_count;
  } else {
    j["min"] = t.min_count;
    j["max"] = t.max_count;
  }
  return j;
}

}  // namespace

Json BlueprintJson(const Blueprint& bp) {
  Json functions = Json::array();
  for (const auto& f : bp.functions) {
    functions.push_back(Json{{"target", f.target},
                             {"label", f.label},
                             {"group", f.group},
                             {"weight", f.weight},
                             {"points", f.points},
                             {"work_contents", f.work_contents}});
  }
  Json types = Json::array();
  for (const auto& t : bp.types) types.push_back(TypeRuleJson(t));
  Json rules = Json::array();
  for (const auto& r : bp.work_content_rules) {
    Json rj{{"function", r.function}, {"work_content", r.work_content}, {"min_items", r.min_items}};
    if (r.max_items >= 0) rj["max_items"] = r.max_items;
    rules.push_back(rj);
  }
  Json d{{"mode", TargetModeName(bp.difficulty.mode)},
         {"target_p", bp.difficulty.target_p},
         {"cut_theta", bp.difficulty.cut_theta}};
  if (bp.difficulty.min_expected_score) d["min_expected_score"] = *bp.difficulty.min_expected_score;
  if (bp.difficulty.max_expected_score) d["max_expected_score"] = *bp.difficulty.max_expected_score;
  if (bp.difficulty.information_target) d["information_target"] = *bp.difficulty.information_target;
  Json j{{"standard", bp.standard},
         {"standard_title", bp.standard_title},
         {"direction", bp.direction},
         {"level", bp.level},
         {"level_name", bp.level_name},
         {"exam_kind", bp.exam_kind},
         {"subject_name", bp.subject_name},
         {"weight_table", bp.weight_table},
         {"total_points", bp.total_points},
         {"duration_minutes", bp.duration_minutes},
         {"min_duration_minutes", bp.min_duration_minutes},
         {"functions", functions},
         {"not_examined", bp.not_examined},
         {"types", types},
         {"work_content_rules", rules},
         {"difficulty", d}};
  if (bp.pass_score) j["pass_score"] = *bp.pass_score;
  return j;
}

Result<BlueprintOptions> BlueprintOptionsFromJson(const Json& j) {
  BlueprintOptions o;
  if (j.is_null()) return o;
  if (!j.is_object()) return Bad("", "must be an object", "必须是对象");
  KP_RETURN_IF_ERROR(Keys(
      j, "",
      {"types", "duration_minutes", "total_points", "work_content_rules", "difficulty", "function_points"}));
  if (j.contains("types")) {
    const Json& arr = j.at("types");
    if (!arr.is_array()) return Bad("types", "must be an array", "必须是数组");
    std::vector<TypeRule> rules;
    for (size_t i = 0; i < arr.size(); ++i) {
      const std::string f = "types[" + std::to_string(i) + "]";
      const Json& t = arr[i];
      if (!t.is_object()) return Bad(f, "must be an object", "必须是对象");
      KP_RETURN_IF_ERROR(Keys(t, f + ".", {"type", "type_label", "count", "min", "max", "points", "title"}));
      if (!t.contains("type")) return Bad(f + ".type", "is required", "为必填项");
      KP_ASSIGN_OR_RETURN(std::string name, String(t, "type", f + ".type"));
      auto type = bank::ParseItemType(name);
      if (!type) return Bad(f + ".type", "unknown item type '" + name + "'", "未知的题型“" + name + "”");
      TypeRule r;
      r.type = *type;
      if (t.contains("count")) {
        KP_ASSIGN_OR_RETURN(r.min_count, Integer(t, "count", f + ".count"));
        r.max_count = r.min_count;
      } else if (t.contains("min") && t.contains("max")) {
        KP_ASSIGN_OR_RETURN(r.min_count, Integer(t, "min", f + ".min"));
        KP_ASSIGN_OR_RETURN(r.max_count, Integer(t, "max", f + ".max"));
      } else {
        return Bad(f, "give \"count\", or \"min\" and \"max\"", "请给出 count，或同时给出 min 与 max");
      }
      if (t.contains("points")) {
        KP_ASSIGN_OR_RETURN(r.points_each, Number(t, "points", f + ".points"));
      }
      if (t.contains("title")) {
        KP_ASSIGN_OR_RETURN(r.title, String(t, "title", f + ".title"));
      }
      rules.push_back(r);
    }
    o.types = std::move(rules);
  }
  if (j.contains("duration_minutes")) {
    KP_ASSIGN_OR_RETURN(int d, Integer(j, "duration_minutes", "duration_minutes"));
    o.duration_minutes = d;
  }
  if (j.contains("total_points")) {
    KP_ASSIGN_OR_RETURN(double t, Number(j, "total_points", "total_points"));
    o.total_points = t;
  }
  if (j.contains("work_content_rules")) {
    const Json& arr = j.at("work_content_rules");
    if (!arr.is_array()) return Bad("work_content_rules", "must be an array", "必须是数组");
    for (size_t i = 0; i < arr.size(); ++i) {
      const std::string f = "work_content_rules[" + std::to_string(i) + "]";
      const Json& r = arr[i];
      if (!r.is_object()) return Bad(f, "must be an object", "必须是对象");
      KP_RETURN_IF_ERROR(Keys(r, f + ".", {"function", "work_content", "min_items", "max_items"}));
      WorkContentRule rule;
      if (r.contains("function")) {
        KP_ASSIGN_OR_RETURN(rule.function, String(r, "function", f + ".function"));
      }
      if (r.contains("work_content")) {
        KP_ASSIGN_OR_RETURN(rule.work_content, String(r, "work_content", f + ".work_content"));
      }
      if (r.contains("min_items")) {
        KP_ASSIGN_OR_RETURN(rule.min_items, Integer(r, "min_items", f + ".min_items"));
      }
      if (r.contains("max_items")) {
        KP_ASSIGN_OR_RETURN(rule.max_items, Integer(r, "max_items", f + ".max_items"));
      }
      o.work_content_rules.push_back(rule);
    }
  }
  if (j.contains("difficulty")) {
    const Json& d = j.at("difficulty");
    if (!d.is_object()) return Bad("difficulty", "must be an object", "必须是对象");
    KP_RETURN_IF_ERROR(Keys(
        d, "difficulty.",
        {"mode", "target_p", "min_expected_score", "max_expected_score", "cut_theta", "information_target"}));
    DifficultyPlan plan;
    if (d.contains("mode")) {
      KP_ASSIGN_OR_RETURN(std::string mode, String(d, "mode", "difficulty.mode"));
      if (mode == "expected_score") {
        plan.mode = TargetMode::kExpectedScore;
      } else if (mode == "information") {
        plan.mode = TargetMode::kInformation;
      } else {
        return Bad("difficulty.mode", "must be expected_score or information",
                   "必须是 expected_score 或 information");
      }
    }
    if (d.contains("target_p")) {
      KP_ASSIGN_OR_RETURN(plan.target_p, Number(d, "target_p", "difficulty.target_p"));
    }
    if (d.contains("cut_theta")) {
      KP_ASSIGN_OR_RETURN(plan.cut_theta, Number(d, "cut_theta", "difficulty.cut_theta"));
    }
    if (d.contains("min_expected_score")) {
      KP_ASSIGN_OR_RETURN(double v, Number(d, "min_expected_score", "difficulty.min_expected_score"));
      plan.min_expected_score = v;
    }
    if (d.contains("max_expected_score")) {
      KP_ASSIGN_OR_RETURN(double v, Number(d, "max_expected_score", "difficulty.max_expected_score"));
      plan.max_expected_score = v;
    }
    if (d.contains("information_target")) {
      KP_ASSIGN_OR_RETURN(double v, Number(d, "information_target", "difficulty.information_target"));
      plan.information_target = v;
    }
    o.difficulty = plan;
  }
  if (j.contains("function_points")) {
    const Json& fp = j.at("function_points");
    if (!fp.is_object()) return Bad("function_points", "must be an object", "必须是对象");
    for (auto it = fp.begin(); it != fp.end(); ++it) {
      if (!it->is_number()) return Bad("function_points." + it.key(), "must be a number", "必须是数字");
      o.function_points[it.key()] = it->get<double>();
    }
  }
  return o;
}

Json PaperSummaryJson(const bank::Paper& p) {
  return Json{{"id", p.id},
              {"title", p.title},
              {"standard", p.standard},
              {"direction", p.direction},
              {"level", p.level},
              {"exam_kind", p.exam_kind},
              {"duration_minutes", p.duration_minutes},
              {"total_points", p.total_points},
              {"items", p.items.size()},
              {"seed", std::to_string(p.seed)},
              {"created_by", p.created_by},
              {"created_ms", p.created_ms}};
}

Json PaperJson(const bank::Paper& p) {
  Json j = PaperSummaryJson(p);
  Json sections = Json::array();
  for (const auto& s : p.sections) {
    sections.push_back(Json{{"id", s.id},
                            {"title", s.title},
                            {"shuffle_items", s.shuffle_items},
                            {"shuffle_options", s.shuffle_options}});
  }
  Json items = Json::array();
  for (const auto& i : p.items) {
    items.push_back(Json{{"item_id", i.item_id},
                         {"item_version", i.item_version},
                         {"section", i.section},
                         {"points", i.points},
                         {"function", i.function}});
  }
  j["sections"] = sections;
  j["items"] = items;
  return j;
}

Json CoverageJson(const FormCoverage& c) {
  Json functions = Json::array();
  for (const auto& f : c.functions) {
    functions.push_back(Json{{"target", f.target},
                             {"label", f.label},
                             {"target_points", f.target_points},
                             {"points", f.points},
                             {"items", f.items}});
  }
  Json types = Json::array();
  for (const auto& t : c.types) {
    types.push_back(Json{{"type", bank::ItemTypeName(t.type)},
                         {"type_label", bank::ItemTypeLabelZh(t.type)},
                         {"min", t.min_count},
                         {"max", t.max_count},
                         {"count", t.count},
                         {"points", t.points}});
  }
  Json wcs = Json::array();
  for (const auto& w : c.work_contents) {
    Json wj{{"function", w.function},
            {"work_content", w.work_content},
            {"items", w.items},
            {"min_items", w.min_items}};
    if (w.max_items >= 0) wj["max_items"] = w.max_items;
    wcs.push_back(wj);
  }
  return Json{{"paper_id", c.paper_id},
              {"exact", c.exact},
              {"violations", c.violations},
              {"total_points", c.total_points},
              {"items", c.items},
              {"functions", functions},
              {"types", types},
              {"work_contents", wcs},
              {"expected_score", c.expected_score},
              {"mean_p", c.mean_p},
              {"information", c.information},
              {"items_with_irt", c.items_with_irt},
              {"items_without_difficulty", c.items_without_difficulty}};
}

Json ShortfallJson(const Shortfall& s) {
  return Json{
      {"constraint", s.constraint}, {"label", s.label},          {"stage", s.stage},       {"form", s.form},
      {"needed", s.needed},         {"available", s.available},  {"short_by", s.short_by}, {"unit", s.unit},
      {"message", s.message},       {"message_zh", s.message_zh}};
}

Json AssemblyOutcomeJson(const AssemblyOutcome& o) {
  Json papers = Json::array();
  for (const auto& p : o.papers) papers.push_back(PaperJson(p));
  Json coverage = Json::array();
  for (const auto& c : o.coverage) coverage.push_back(CoverageJson(c));
  Json shortfalls = Json::array();
  for (const auto& s : o.shortfalls) shortfalls.push_back(ShortfallJson(s));
  const auto& st = o.stats;
  return Json{{"feasible", o.feasible},
              {"papers", papers},
              {"coverage", coverage},
              {"shared", o.shared},
              {"shortfalls", shortfalls},
              {"stats",
               {{"solver", st.solver},
                {"status", st.status},
                {"pool", st.pool},
                {"excluded_by_exposure", st.excluded_by_exposure},
                {"candidates", st.candidates},
                {"variables", st.variables},
                {"rows", st.rows},
                {"nonzeros", st.nonzeros},
                {"solves", st.solves},
                {"prefiltered", st.prefiltered},
                {"full_model", st.full_model},
                {"seconds", st.seconds},
                {"objective", st.objective}}}};
}

Json CandidateViewJson(const CandidateView& v) {
  Json items = Json::array();
  for (const auto& i : v.items) {
    items.push_back(Json{{"item_id", i.item_id},
                         {"item_version", i.item_version},
                         {"section", i.section},
                         {"points", i.points},
                         {"paper_index", i.paper_index},
                         {"option_order", i.option_order},
                         {"option_ids", i.option_ids}});
  }
  return Json{{"seed", std::to_string(v.seed)}, {"items", items}};
}

}  // namespace kaoping::wire
