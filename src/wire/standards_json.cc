#include "wire/standards_json.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

namespace kaoping::wire {

using standards::Pack;
using standards::Requirement;

namespace {

Json RefJson(const standards::SourceRef& r) {
  if (r.raw.empty()) return nullptr;
  Json j{{"raw", r.raw}};
  if (!r.clause.empty()) j["clause"] = r.clause;
  if (r.line_begin > 0) {
    j["line_begin"] = r.line_begin;
    j["line_end"] = r.line_end;
  }
  return j;
}

Json TextJson(const std::optional<standards::Text>& t) {
  if (!t) return nullptr;
  return Json{{"text", t->text}, {"ref", RefJson(t->ref)}};
}

Json RequirementJson(const Requirement& q) {
  Json j{{"id", q.id},
         {"path", q.path},
         {"kind", standards::RequirementKindName(q.kind)},
         {"kind_label", standards::RequirementKindLabelZh(q.kind)},
         {"text", q.text},
         {"ref", RefJson(q.ref)}};
  if (!q.level.empty()) j["level"] = q.level;
  if (!q.direction.empty()) j["direction"] = q.direction;
  if (!q.dimension.empty()) j["dimension"] = q.dimension;
  if (!q.note.empty()) j["note"] = q.note;
  return j;
}

Json LevelInfoJson(const standards::Level& l) {
  Json j{{"id", l.id}, {"name", l.name}, {"en", l.en}, {"rank", l.rank}, {"includes", l.includes}};
  if (l.description) j["description"] = TextJson(l.description);
  if (!l.grades.empty()) j["grades"] = l.grades;
  if (l.min_experience_years) j["min_experience_years"] = *l.min_experience_years;
  if (!l.note.empty()) j["note"] = l.note;
  return j;
}

Json CatalogueEntryJson(const standards::CatalogueEntry& e) {
  Json j{{"id", e.id}, {"name", e.name}, {"text", e.text}, {"ref", RefJson(e.ref)}};
  if (!e.entries.empty()) {
    j["entries"] = Json::array();
    for (const auto& c : e.entries) j["entries"].push_back(CatalogueEntryJson(c));
  }
  if (!e.note.empty()) j["note"] = e.note;
  return j;
}

Json ConditionJson(const standards::Condition& c) {
  using K = standards::Condition::Kind;
  switch (c.kind) {
    case K::kAllOf:
    case K::kAnyOf: {
      Json arr = Json::array();
      for (const auto& ch : c.children) arr.push_back(ConditionJson(ch));
      return Json{{c.kind == K::kAllOf ? "all_of" : "any_of", arr}};
    }
    case K::kNot:
      return Json{{"not", ConditionJson(c.children.at(0))}};
    case K::kFact: {
      Json j{{"fact", c.fact}};
      switch (c.op) {
        case standards::Condition::Op::kAtLeast:
          j["at_least"] = c.value;
          break;
        case standards::Condition::Op::kAtMost:
          j["at_most"] = c.value;
          break;
        case standards::Condition::Op::kEquals:
          j["equals"] = c.value;
          break;
        case standards::Condition::Op::kIn:
          j["in"] = c.values;
          break;
      }
      return j;
    }
    case K::kCertificate: {
      Json j{{"level_at_least", c.level}, {"scope", c.scopes}};
      if (c.years_after) j["years_after"] = *c.years_after;
      return Json{{"certificate", j}};
    }
    case K::kTitle: {
      Json j{{"at_least", c.title}};
      if (c.years_after) j["years_after"] = *c.years_after;
      return Json{{"title", j}};
    }
    case K::kTrainingCertificate:
      return Json{{"training_certificate", c.level}};
    case K::kEligibleFor:
      return Json{{"eligible_for", c.level}};
  }
  return nullptr;
}

Json EligibilityBlockJson(const standards::EligibilityBlock& b) {
  Json j{{"level", b.level}, {"ref", b.ref.raw}, {"alternatives", Json::array()}};
  if (b.requires_condition) {
    j["requires"] = ConditionJson(*b.requires_condition);
    j["requires_text"] = b.requires_text;
  }
  for (const auto& a : b.alternatives) {
    Json aj{{"id", a.id},
            {"text", a.text},
            {"ref", RefJson(a.ref)},
            {"when", ConditionJson(a.when)},
            {"review", a.review}};
    if (!a.note.empty()) aj["note"] = a.note;
    j["alternatives"].push_back(aj);
  }
  if (!b.note.empty()) j["note"] = b.note;
  return j;
}

Json SubjectJson(const standards::Subject& s) {
  Json j{{"kind", s.kind},
         {"name", s.name},
         {"max_score", s.max_score},
         {"required", s.required},
         {"min_duration_minutes", s.min_duration_minutes},
         {"levels", s.levels}};
  if (s.pass_score) j["pass_score"] = *s.pass_score;
  if (s.methods) j["methods"] = TextJson(s.methods);
  if (!s.weight_table.empty()) j["weight_table"] = s.weight_table;
  if (!s.note.empty()) j["note"] = s.note;
  return j;
}

Json StaffingJson(const standards::StaffingRule& s) {
  return Json{{"subject", s.subject},
              {"proctors_per_candidates", s.proctors_per_candidates},
              {"min_proctors_per_room", s.min_proctors_per_room},
              {"min_examiners", s.min_examiners},
              {"examiners_odd", s.examiners_odd},
              {"examiners_per_candidates", s.examiners_per_candidates},
              {"ref", RefJson(s.ref)}};
}

Json ExamRulesJson(const standards::ExamRules& e) {
  Json j{{"ref", RefJson(e.ref)},
         {"subjects", Json::array()},
         {"staffing", Json::array()},
         {"venue", Json::array()}};
  for (const auto& s : e.subjects) j["subjects"].push_back(SubjectJson(s));
  for (const auto& s : e.staffing) j["staffing"].push_back(StaffingJson(s));
  for (const auto& v : e.venue)
    j["venue"].push_back(Json{{"subject", v.subject}, {"text", v.text}, {"ref", RefJson(v.ref)}});
  return j;
}

Json FunctionJson(const standards::Function& f, const std::string& from_level) {
  Json j{{"id", f.id}, {"name", f.name}, {"level", from_level}, {"work_contents", Json::array()}};
  if (!f.note.empty()) j["note"] = f.note;
  for (const auto& c : f.work_contents) {
    Json cj{{"id", c.id}, {"name", c.name}, {"skills", Json::array()}, {"knowledge", Json::array()}};
    for (const auto& q : c.skills) cj["skills"].push_back(RequirementJson(q));
    for (const auto& q : c.knowledge) cj["knowledge"].push_back(RequirementJson(q));
    j["work_contents"].push_back(cj);
  }
  return j;
}

Json BasicJson(const standards::BasicRequirement& b) {
  Json j{{"id", b.id},
         {"name", b.name},
         {"kind", standards::RequirementKindName(b.kind)},
         {"groups", Json::array()}};
  for (const auto& g : b.groups) {
    Json gj{{"id", g.id}, {"name", g.name}, {"items", Json::array()}};
    for (const auto& q : g.items) gj["items"].push_back(RequirementJson(q));
    j["groups"].push_back(gj);
  }
  return j;
}

size_t CountRequirements(const Pack& p) {
  return p.AllRequirements().size();
}

}  // namespace

Json WeightTableJson(const standards::WeightTable& t) {
  Json j{{"id", t.id},           {"title", t.title},      {"exam_kind", t.exam_kind},
         {"columns", t.columns}, {"ref", RefJson(t.ref)}, {"rows", Json::array()}};
  if (!t.direction.empty()) j["direction"] = t.direction;
  for (const auto& r : t.rows) {
    Json w = Json::array();
    for (const auto& v : r.weights) w.push_back(v ? Json(*v) : Json(nullptr));
    const char* kind = r.target_kind == standards::WeightTarget::kBasic      ? "basic"
                       : r.target_kind == standards::WeightTarget::kFunction ? "function"
                                                                             : "dimension";
    j["rows"].push_back(Json{{"group", r.group},
                             {"label", r.label},
                             {"target", std::string(kind) + ":" + r.target_id},
                             {"weights", w}});
  }
  return j;
}

Json PackSummaryJson(const Pack& p) {
  Json j{{"id", p.id},
         {"title", {{"zh", p.title.zh}, {"en", p.title.en}}},
         {"short_name", {{"zh", p.short_name.zh}, {"en", p.short_name.en}}},
         {"kind", p.kind},
         {"status", p.status},
         {"code", p.code},
         {"source", {{"file", p.source.file}, {"title", p.source.title}, {"issuer", p.source.issuer}}},
         {"levels", Json::array()},
         {"directions", Json::array()},
         {"counts",
          {{"requirements", CountRequirements(p)},
           {"positions", p.positions.size()},
           {"weight_tables", p.weight_tables.size()},
           {"directions", p.directions.size()},
           {"levels", p.levels.size()}}}};
  for (const auto* l : p.LevelsByRank())
    j["levels"].push_back(Json{{"id", l->id}, {"name", l->name}, {"en", l->en}, {"rank", l->rank}});
  for (const auto& d : p.directions)
    j["directions"].push_back(Json{{"id", d.id}, {"name", d.name}, {"en", d.en}});
  return j;
}

Json DiagnosticsJson(const std::vector<standards::Diagnostic>& diagnostics) {
  Json out = Json::array();
  for (const auto& d : diagnostics) {
    out.push_back(Json{{"file", d.file},
                       {"line", d.line},
                       {"column", d.column},
                       {"key", d.key},
                       {"message", d.message},
                       {"message_zh", d.message_zh}});
  }
  return out;
}

Json WarningsJson(const std::vector<Status>& warnings) {
  Json out = Json::array();
  for (const auto& w : warnings) {
    out.push_back(Json{{"code", w.reason()}, {"message", w.message()}, {"message_zh", w.message_zh()}});
  }
  return out;
}

Json PackJson(const Pack& p) {
  Json j = PackSummaryJson(p);
  j["definition"] = TextJson(p.definition);
  j["clauses"] = Json::array();
  for (const auto& c : p.clauses)
    j["clauses"].push_back(Json{{"id", c.id}, {"title", c.title}, {"text", c.text}, {"ref", RefJson(c.ref)}});
  j["levels"] = Json::array();
  for (const auto* l : p.LevelsByRank()) j["levels"].push_back(LevelInfoJson(*l));
  j["directions"] = Json::array();
  for (const auto& d : p.directions) {
    j["directions"].push_back(
        Json{{"id", d.id}, {"name", d.name}, {"en", d.en}, {"definition", TextJson(d.definition)}});
  }
  j["dimensions"] = Json::array();
  for (const auto& d : p.dimensions) {
    Json dj{{"id", d.id},
            {"name", d.name},
            {"en", d.en},
            {"exam_kind", d.exam_kind},
            {"evaluation_method", TextJson(d.evaluation_method)},
            {"elements", Json::array()}};
    for (const auto& e : d.elements)
      dj["elements"].push_back(Json{{"id", e.id}, {"name", e.name}, {"description", e.description}});
    j["dimensions"].push_back(dj);
  }
  j["positions"] = Json::array();
  for (const auto& pos : p.positions) {
    Json pj{{"id", pos.id},
            {"name", pos.name},
            {"direction", pos.direction},
            {"duties", TextJson(pos.duties)},
            {"requirements", Json::array()}};
    for (const auto& q : pos.requirements) pj["requirements"].push_back(RequirementJson(q));
    j["positions"].push_back(pj);
  }
  j["catalogue"] = Json::array();
  for (const auto& c : p.catalogue) {
    Json cj{{"id", c.id}, {"title", c.title}, {"entries", Json::array()}};
    for (const auto& e : c.entries) cj["entries"].push_back(CatalogueEntryJson(e));
    j["catalogue"].push_back(cj);
  }
  if (p.training) {
    Json t{{"hours", p.training->hours}, {"teachers", Json::array()}, {"venue", TextJson(p.training->venue)}};
    for (const auto& r : p.training->teachers)
      t["teachers"].push_back(Json{{"levels", r.levels}, {"text", r.text}});
    j["training"] = t;
  }
  j["eligibility"] = Json::array();
  for (const auto& b : p.eligibility) j["eligibility"].push_back(EligibilityBlockJson(b));
  j["eligibility_notes"] = Json::array();
  for (const auto& n : p.eligibility_notes)
    j["eligibility_notes"].push_back(Json{{"id", n.id}, {"text", n.text}});
  if (p.exam_rules) j["exam_rules"] = ExamRulesJson(*p.exam_rules);
  j["basic_requirements"] = Json::array();
  for (const auto& b : p.basic_requirements) j["basic_requirements"].push_back(BasicJson(b));
  j["work_requirements"] = Json::array();
  for (const auto& w : p.work_requirements) {
    Json wj{{"level", w.level}, {"direction", w.direction}, {"functions", Json::array()}};
    for (const auto& f : w.functions) wj["functions"].push_back(FunctionJson(f, w.level));
    j["work_requirements"].push_back(wj);
  }
  j["weight_tables"] = WeightTablesJson(p, "");
  if (p.result_rules) {
    Json r{{"kind", p.result_rules->kind},
           {"platform_interpretation", p.result_rules->platform_interpretation},
           {"weight_table", p.result_rules->weight_table},
           {"banding", Json::array()}};
    if (p.result_rules->pass_score) r["pass_score"] = *p.result_rules->pass_score;
    for (const auto& b : p.result_rules->banding)
      r["banding"].push_back(Json{{"min_score", b.min_score}, {"grade_index", b.grade_index}});
    j["result_rules"] = r;
  }
  j["glossary"] = Json::array();
  for (const auto& g : p.glossary)
    j["glossary"].push_back(Json{{"id", g.id}, {"term", g.term}, {"en", g.en}, {"text", g.text}});
  j["interpretations"] = Json::array();
  for (const auto& i : p.interpretations) {
    j["interpretations"].push_back(Json{{"id", i.id},
                                        {"topic", i.topic},
                                        {"zh", i.text.zh},
                                        {"en", i.text.en},
                                        {"platform_interpretation", i.platform_interpretation}});
  }
  j["relations"] = Json::array();
  for (const auto& r : p.relations)
    j["relations"].push_back(Json{{"kind", r.kind}, {"target", r.target}, {"text", r.text}});
  return j;
}

Json WeightTablesJson(const Pack& p, const std::string& direction) {
  Json arr = Json::array();
  for (const auto& t : p.weight_tables) {
    if (!direction.empty() && t.direction != direction) continue;
    arr.push_back(WeightTableJson(t));
  }
  return arr;
}

Result<Json> LevelJson(const Pack& p, const std::string& level, const std::string& direction) {
  const standards::Level* l = p.FindLevel(level);
  if (!l) {
    return NotFound("standard.level_not_found", "standard '" + p.id + "' has no level '" + level + "'",
                    "标准“" + p.title.zh + "”没有等级“" + level + "”");
  }
  if (!direction.empty() && !p.FindDirection(direction)) {
    return NotFound("standard.direction_not_found",
                    "standard '" + p.id + "' has no direction '" + direction + "'",
                    "标准“" + p.title.zh + "”没有方向“" + direction + "”");
  }
  if (direction.empty() && !p.directions.empty() && !p.work_requirements.empty() && !p.FindWork(level, "")) {
    std::string list;
    for (const auto& d : p.directions) list += (list.empty() ? "" : ", ") + d.id;
    return InvalidArgument("standard.direction_required",
                           "standard '" + p.id + "' has directions; add ?direction= one of: " + list,
                           "该标准分方向，请指定方向（direction）：" + list);
  }
  Json j{{"standard", p.id},
         {"level", LevelInfoJson(*l)},
         {"direction", direction},
         {"functions", Json::array()},
         {"inherited_functions", Json::array()},
         {"basic_requirements", Json::array()},
         {"weights", Json::array()}};
  if (const auto* w = p.FindWork(level, direction)) {
    for (const auto& f : w->functions) j["functions"].push_back(FunctionJson(f, level));
  }
  for (const auto& inc : p.IncludedLevels(level)) {
    if (const auto* w = p.FindWork(inc, direction)) {
      for (const auto& f : w->functions) j["inherited_functions"].push_back(FunctionJson(f, inc));
    }
  }
  for (const auto& b : p.basic_requirements) j["basic_requirements"].push_back(BasicJson(b));
  for (const auto& t : p.weight_tables) {
    if (!t.direction.empty() && t.direction != direction) continue;
    int col = t.ColumnOf(level);
    if (col < 0) continue;
    Json rows = Json::array();
    for (const auto& r : t.rows) {
      const auto& v = r.weights.at(static_cast<size_t>(col));
      rows.push_back(Json{{"label", r.label},
                          {"group", r.group},
                          {"weight", v ? Json(*v) : Json(nullptr)},
                          {"examined", v.has_value()}});
    }
    j["weights"].push_back(
        Json{{"table", t.id}, {"title", t.title}, {"exam_kind", t.exam_kind}, {"rows", rows}});
  }
  if (p.exam_rules) {
    Json subjects = Json::array();
    for (const auto& s : p.exam_rules->subjects) {
      if (!s.levels.empty() && std::find(s.levels.begin(), s.levels.end(), level) == s.levels.end()) continue;
      Json sj = SubjectJson(s);
      auto it = s.min_duration_minutes.find(level);
      if (it != s.min_duration_minutes.end()) sj["min_duration_at_level"] = it->second;
      subjects.push_back(sj);
    }
    j["exam_subjects"] = subjects;
    j["staffing"] = Json::array();
    for (const auto& s : p.exam_rules->staffing) j["staffing"].push_back(StaffingJson(s));
  }
  if (const auto* b = p.FindEligibility(level)) j["eligibility"] = EligibilityBlockJson(*b);
  return j;
}

namespace {
Json TraceJson(const standards::ConditionTrace& t) {
  Json j{{"satisfied", t.satisfied}, {"zh", t.zh}, {"en", t.en}};
  if (!t.children.empty()) {
    j["children"] = Json::array();
    for (const auto& c : t.children) j["children"].push_back(TraceJson(c));
  }
  return j;
}
}  // namespace

Json EligibilityDecisionJson(const standards::EligibilityDecision& d) {
  Json j{{"standard", d.standard},
         {"level", d.level},
         {"verdict", standards::EligibilityVerdictName(d.verdict)},
         {"eligible", d.verdict == standards::EligibilityVerdict::kEligible},
         {"needs_review", d.verdict == standards::EligibilityVerdict::kNeedsReview},
         {"matched_alternative", d.matched_alternative},
         {"explanation_zh", d.explanation_zh},
         {"explanation_en", d.explanation_en},
         {"source_ref", d.source_ref},
         {"alternatives", Json::array()}};
  if (d.requirement) j["requirement"] = TraceJson(*d.requirement);
  for (const auto& a : d.alternatives) {
    j["alternatives"].push_back(Json{{"id", a.id},
                                     {"text", a.text},
                                     {"satisfied", a.satisfied},
                                     {"review", a.review},
                                     {"missing_zh", a.missing_zh},
                                     {"missing_en", a.missing_en},
                                     {"trace", TraceJson(a.trace)}});
  }
  return j;
}

namespace {

Status FieldError(const std::string& field, const std::string& en, const std::string& zh) {
  return InvalidArgument("profile.invalid", "field '" + field + "': " + en, "字段“" + field + "”：" + zh);
}

template <typename T>
Status Take(const Json& j, const char* key, T& out, const std::string& prefix = "") {
  if (!j.contains(key) || j[key].is_null()) return Status();
  const Json& v = j[key];
  if constexpr (std::is_same_v<T, bool>) {
    if (!v.is_boolean()) return FieldError(prefix + key, "expected true or false", "应为 true 或 false");
    out = v.get<bool>();
  } else if constexpr (std::is_same_v<T, double>) {
    if (!v.is_number()) return FieldError(prefix + key, "expected a number", "应为数字");
    out = v.get<double>();
    if (out < 0 || out > 100)
      return FieldError(prefix + key, "must be between 0 and 100", "应在 0 到 100 之间");
  } else if constexpr (std::is_same_v<T, int>) {
    if (!v.is_number_integer()) return FieldError(prefix + key, "expected a whole number", "应为整数");
    out = v.get<int>();
  } else {
    if (!v.is_string()) return FieldError(prefix + key, "expected a string", "应为字符串");
    out = v.get<std::string>();
  }
  return Status();
}

}  // namespace

Result<standards::CandidateProfile> ProfileFromJson(const Json& j) {
  standards::CandidateProfile p;
  if (!j.is_object()) return FieldError("(root)", "expected a JSON object", "应为 JSON 对象");
  static const std::set<std::string> kKnown = {
      "education",        "field_related", "is_student", "technical_school_graduate",
      "occupation_years", "work_years",    "titles",     "certificates",
      "training",         "name",          "note"};
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!kKnown.count(it.key())) {
      return FieldError(
          it.key(),
          "unknown field; known fields: education, field_related, is_student, "
          "technical_school_graduate, occupation_years, work_years, titles, certificates, training",
          "未知字段");
    }
  }
  KP_RETURN_IF_ERROR(Take(j, "education", p.education));
  if (standards::EducationRank(p.education) < 0) {
    std::string list;
    for (const auto& e : standards::EducationLevels()) list += (list.empty() ? "" : ", ") + e;
    return FieldError("education", "'" + p.education + "' is not one of: " + list,
                      "“" + p.education + "”不是有效学历；可选：" + list);
  }
  KP_RETURN_IF_ERROR(Take(j, "field_related", p.field_related));
  KP_RETURN_IF_ERROR(Take(j, "is_student", p.is_student));
  KP_RETURN_IF_ERROR(Take(j, "technical_school_graduate", p.technical_school_graduate));
  KP_RETURN_IF_ERROR(Take(j, "occupation_years", p.occupation_years));
  KP_RETURN_IF_ERROR(Take(j, "work_years", p.work_years));
  auto list = [&](const char* key) -> Result<const Json*> {
    if (!j.contains(key) || j[key].is_null()) return static_cast<const Json*>(nullptr);
    if (!j[key].is_array()) return FieldError(key, "expected a list", "应为列表");
    return &j[key];
  };
  KP_ASSIGN_OR_RETURN(const Json* titles, list("titles"));
  if (titles) {
    for (size_t i = 0; i < titles->size(); ++i) {
      const Json& t = (*titles)[i];
      std::string prefix = "titles[" + std::to_string(i) + "].";
      if (!t.is_object()) return FieldError(prefix, "expected an object", "应为对象");
      standards::HeldTitle h;
      KP_RETURN_IF_ERROR(Take(t, "title", h.title, prefix));
      if (standards::TitleRank(h.title) < 0)
        return FieldError(prefix + "title", "unknown title '" + h.title + "'", "未知职称“" + h.title + "”");
      KP_RETURN_IF_ERROR(Take(t, "years_after", h.years_after, prefix));
      p.titles.push_back(h);
    }
  }
  KP_ASSIGN_OR_RETURN(const Json* certs, list("certificates"));
  if (certs) {
    for (size_t i = 0; i < certs->size(); ++i) {
      const Json& c = (*certs)[i];
      std::string prefix = "certificates[" + std::to_string(i) + "].";
      if (!c.is_object()) return FieldError(prefix, "expected an object", "应为对象");
      standards::HeldCertificate h;
      KP_RETURN_IF_ERROR(Take(c, "standard", h.standard, prefix));
      KP_RETURN_IF_ERROR(Take(c, "level", h.level, prefix));
      KP_RETURN_IF_ERROR(Take(c, "rank", h.rank, prefix));
      KP_RETURN_IF_ERROR(Take(c, "scope", h.scope, prefix));
      if (!h.scope.empty() && h.scope != "same" && h.scope != "related" && h.scope != "unrelated") {
        return FieldError(prefix + "scope", "must be same, related or unrelated",
                          "应为 same、related 或 unrelated");
      }
      KP_RETURN_IF_ERROR(Take(c, "years_after", h.years_after, prefix));
      if (h.rank == 0 && h.level.empty())
        return FieldError(prefix + "level", "give a level id or a rank (1–3)", "请填写等级或等级序号（1–3）");
      p.certificates.push_back(h);
    }
  }
  KP_ASSIGN_OR_RETURN(const Json* training, list("training"));
  if (training) {
    for (size_t i = 0; i < training->size(); ++i) {
      const Json& t = (*training)[i];
      std::string prefix = "training[" + std::to_string(i) + "].";
      if (!t.is_object()) return FieldError(prefix, "expected an object", "应为对象");
      standards::TrainingRecord r;
      KP_RETURN_IF_ERROR(Take(t, "standard", r.standard, prefix));
      KP_RETURN_IF_ERROR(Take(t, "level", r.level, prefix));
      if (t.contains("hours")) {
        if (!t["hours"].is_number() || t["hours"].get<double>() < 0)
          return FieldError(prefix + "hours", "expected a non-negative number", "应为非负数");
        r.hours = t["hours"].get<double>();
      }
      KP_RETURN_IF_ERROR(Take(t, "certificate", r.certificate, prefix));
      p.training.push_back(r);
    }
  }
  return p;
}

namespace {

std::map<std::string, const Requirement*> ByPath(const Pack& p) {
  std::map<std::string, const Requirement*> m;
  for (const auto* q : p.AllRequirements()) m[q->path] = q;
  return m;
}

}  // namespace

Json DiffPacks(const Pack& a, const Pack& b) {
  Json j{{"a", a.id},
         {"b", b.id},
         {"levels", Json::object()},
         {"requirements", Json::object()},
         {"weights", Json::array()}};
  std::set<std::string> la, lb;
  for (const auto& l : a.levels) la.insert(l.id);
  for (const auto& l : b.levels) lb.insert(l.id);
  Json only_a = Json::array(), only_b = Json::array();
  for (const auto& x : la)
    if (!lb.count(x)) only_a.push_back(x);
  for (const auto& x : lb)
    if (!la.count(x)) only_b.push_back(x);
  j["levels"] = Json{{"only_in_a", only_a}, {"only_in_b", only_b}};
  auto ma = ByPath(a), mb = ByPath(b);
  Json added = Json::array(), removed = Json::array(), changed = Json::array();
  for (const auto& [path, q] : ma) {
    auto it = mb.find(path);
    if (it == mb.end()) {
      removed.push_back(Json{{"path", path}, {"text", q->text}});
    } else if (it->second->text != q->text) {
      changed.push_back(Json{{"path", path}, {"a", q->text}, {"b", it->second->text}});
    }
  }
  for (const auto& [path, q] : mb) {
    if (!ma.count(path)) added.push_back(Json{{"path", path}, {"text", q->text}});
  }
  j["requirements"] = Json{{"only_in_a", removed},
                           {"only_in_b", added},
                           {"changed", changed},
                           {"common", ma.size() - removed.size()}};
  for (const auto& ta : a.weight_tables) {
    const auto* tb = b.FindWeightTable(ta.id);
    if (!tb) continue;
    for (const auto& ra : ta.rows) {
      for (const auto& rb : tb->rows) {
        if (ra.label != rb.label) continue;
        for (size_t c = 0; c < ta.columns.size(); ++c) {
          int cb = tb->ColumnOf(ta.columns[c]);
          if (cb < 0 || c >= ra.weights.size()) continue;
          const auto& va = ra.weights[c];
          const auto& vb = rb.weights.at(static_cast<size_t>(cb));
          if (va != vb) {
            j["weights"].push_back(Json{{"table", ta.id},
                                        {"row", ra.label},
                                        {"level", ta.columns[c]},
                                        {"a", va ? Json(*va) : Json("-")},
                                        {"b", vb ? Json(*vb) : Json("-")}});
          }
        }
      }
    }
  }
  return j;
}

namespace {
std::string Cell(const std::optional<double>& v) {
  if (!v) return "-";
  std::ostringstream os;
  os << *v;
  return os.str();
}
}  // namespace

std::string PackMarkdown(const Pack& p) {
  std::ostringstream md;
  md << "# " << p.title.zh << "\n\n";
  if (!p.title.en.empty()) md << "*" << p.title.en << "*\n\n";
  md << "- id: `" << p.id << "`\n- kind: " << p.kind << "\n- status: " << p.status << "\n";
  if (!p.code.empty()) md << "- code: " << p.code << "\n";
  md << "- source: `" << p.source.file << "` — " << p.source.title << "\n\n";
  if (p.definition) md << "## 定义\n\n" << p.definition->text << "\n\n";
  if (!p.levels.empty()) {
    md << "## 等级\n\n";
    for (const auto* l : p.LevelsByRank()) {
      md << "- **" << l->name << "** (`" << l->id << "`)";
      if (!l->includes.empty()) md << " — 涵盖 " << l->includes.front();
      if (l->description) md << "：" << l->description->text;
      md << "\n";
    }
    md << "\n";
  }
  for (const auto& d : p.directions) md << "- 方向 **" << d.name << "** (`" << d.id << "`)\n";
  for (const auto& pos : p.positions) {
    md << "\n## " << pos.id << " " << pos.name << "\n\n";
    if (pos.duties) md << pos.duties->text << "\n\n";
    for (const auto& q : pos.requirements)
      md << "- [" << standards::RequirementKindLabelZh(q.kind) << "] " << q.text << "\n";
  }
  for (const auto& b : p.basic_requirements) {
    md << "\n## " << b.id << " " << b.name << "\n";
    for (const auto& g : b.groups) {
      md << "\n### " << g.id << " " << g.name << "\n\n";
      for (const auto& q : g.items) md << "- (" << q.id << ") " << q.text << "\n";
    }
  }
  for (const auto& w : p.work_requirements) {
    const auto* l = p.FindLevel(w.level);
    md << "\n## 工作要求：" << (l ? l->name : w.level);
    if (!w.direction.empty()) md << " · " << p.FindDirection(w.direction)->name;
    md << "\n";
    for (const auto& f : w.functions) {
      md << "\n### " << f.id << ". " << f.name << "\n";
      for (const auto& c : f.work_contents) {
        md << "\n#### " << c.id << " " << c.name << "\n\n";
        for (const auto& q : c.skills) md << "- 技能 " << q.id << " " << q.text << "\n";
        for (const auto& q : c.knowledge) md << "- 知识 " << q.id << " " << q.text << "\n";
      }
    }
  }
  for (const auto& t : p.weight_tables) {
    md << "\n## " << t.title;
    if (!t.direction.empty()) md << "（" << p.FindDirection(t.direction)->name << "）";
    md << "\n\n| 项目 |";
    for (const auto& c : t.columns) md << " " << (p.FindLevel(c) ? p.FindLevel(c)->name : c) << " (%) |";
    md << "\n|---|";
    for (size_t i = 0; i < t.columns.size(); ++i) md << "---|";
    md << "\n";
    for (const auto& r : t.rows) {
      md << "| " << r.label << " |";
      for (const auto& v : r.weights) md << " " << Cell(v) << " |";
      md << "\n";
    }
  }
  if (!p.interpretations.empty()) {
    md << "\n## 平台解释 (platform interpretations)\n\n";
    for (const auto& i : p.interpretations) md << "- **" << i.topic << "**：" << i.text.zh << "\n";
  }
  return md.str();
}

}  // namespace kaoping::wire
