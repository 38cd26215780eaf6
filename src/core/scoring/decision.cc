#include "core/scoring/decision.h"

#include <algorithm>
#include <cmath>

#include "core/scoring/numbers.h"

namespace kaoping::scoring {
namespace {

using standards::Localized;

std::string SubjectEn(const std::string& kind) {
  if (kind == "theory") return "theory exam";
  if (kind == "skill") return "skill assessment";
  if (kind == "review") return "comprehensive review";
  if (kind == "written") return "written exam";
  if (kind == "lab") return "lab exam";
  if (kind == "achievement") return "achievement review";
  return kind;
}

bool AppliesAt(const standards::Subject& s, const std::string& level) {
  return s.levels.empty() || std::find(s.levels.begin(), s.levels.end(), level) != s.levels.end();
}

Status CheckRange(const std::string& key, const std::string& name, double score, double max_score) {
  if (!std::isfinite(score) || score < 0 || score > max_score + kScoreEpsilon) {
    return InvalidArgument(
        "decision.score_out_of_range",
        "score for '" + key + "' must be 0.." + FormatNumber(max_score) + " (got " + FormatNumber(score) +
            ")",
        name + "成绩应在 0 到 " + FormatNumber(max_score) + " 分之间（当前为 " + FormatNumber(score) + "）");
  }
  return Status::Ok();
}

std::string Join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

Result<LevelDecision> AllSubjectsPass(const standards::Pack& pack, const standards::Level& level,
                                      const DecisionInput& in, LevelDecision d) {
  if (!pack.exam_rules) {
    return FailedPrecondition("decision.no_exam_rules", "standard '" + pack.id + "' defines no exam subjects",
                              "标准“" + pack.id + "”未规定考试科目");
  }
  const standards::ExamRules& rules = *pack.exam_rules;
  auto check_key = [&](const std::string& kind) -> Result<const standards::Subject*> {
    const standards::Subject* s = rules.FindSubject(kind);
    if (!s) {
      return InvalidArgument("decision.unknown_subject",
                             "'" + kind + "' is not a subject of standard '" + pack.id + "'",
                             "“" + kind + "”不是标准“" + pack.id + "”的考试科目");
    }
    if (!AppliesAt(*s, in.level)) {
      return InvalidArgument("decision.subject_not_for_level",
                             "subject '" + kind + "' does not apply at level '" + in.level + "'",
                             "科目“" + s->name + "”不适用于" + level.name);
    }
    return s;
  };
  for (const auto& kind : in.planned_optional) {
    KP_ASSIGN_OR_RETURN(const standards::Subject* s, check_key(kind));
    if (s->required) {
      return InvalidArgument("decision.subject_not_planned",
                             "subject '" + kind + "' is required, not optional",
                             "科目“" + s->name + "”为必考科目，不是可选科目");
    }
  }
  for (const auto& [kind, score] : in.scores) {
    KP_ASSIGN_OR_RETURN(const standards::Subject* s, check_key(kind));
    if (!s->required && !in.planned_optional.count(kind)) {
      return InvalidArgument("decision.subject_not_planned",
                             "a score was given for '" + kind + "', which the exam plan does not include",
                             "考试计划未包含“" + s->name + "”，却提供了其成绩");
    }
    KP_RETURN_IF_ERROR(CheckRange(kind, s->name, score, s->max_score));
  }

  std::vector<std::string> failed_zh;
  std::vector<std::string> failed_en;
  std::vector<Localized> lines;
  for (const auto& s : rules.subjects) {
    if (!AppliesAt(s, in.level)) continue;
    SubjectOutcome o;
    o.subject = s.kind;
    o.name = s.name;
    o.max_score = s.max_score;
    o.pass_score = s.pass_score;
    o.ref = ClauseOf(s.pass_ref).empty() ? d.rule_ref : ClauseOf(s.pass_ref);
    o.counted = s.required || in.planned_optional.count(s.kind) > 0;
    const std::string label_en = s.name + " (" + SubjectEn(s.kind) + ")";
    if (!o.counted) {
      lines.push_back({s.name + "未纳入本次评价计划，不参与判定",
                       label_en + ": not part of this exam plan, does not count"});
      d.subjects.push_back(std::move(o));
      continue;
    }
    auto it = in.scores.find(s.kind);
    if (it == in.scores.end()) {
      return InvalidArgument("decision.score_missing", "no score for '" + s.kind + "' (" + s.name + ")",
                             "缺少“" + s.name + "”的成绩");
    }
    o.score = it->second;
    o.gating = s.pass_score.has_value();
    if (s.required && !o.gating) {
      return FailedPrecondition(
          "decision.no_pass_score",
          "required subject '" + s.kind + "' of standard '" + pack.id + "' has no pass_score",
          "标准“" + pack.id + "”的必考科目“" + s.name + "”未规定合格线");
    }
    const std::string sc = FormatScore(*o.score);
    if (!o.gating) {
      o.passed = true;
      lines.push_back({s.name + " " + sc + " 分，本标准未规定其合格线，不参与合格判定（" + o.ref + "）",
                       label_en + ": " + sc +
                           "; the standard sets no pass mark for it, so it does not decide the result (" +
                           o.ref + ")"});
    } else {
      const std::string ps = FormatScore(*s.pass_score);
      o.passed = Reaches(*o.score, *s.pass_score);
      if (o.passed) {
        lines.push_back({s.name + " " + sc + " 分，达到合格线 " + ps + " 分（" + o.ref + "）",
                         label_en + ": " + sc + ", reaches the pass mark of " + ps + " (" + o.ref + ")"});
      } else {
        lines.push_back({s.name + " " + sc + " 分，低于合格线 " + ps + " 分（" + o.ref + "）",
                         label_en + ": " + sc + ", below the pass mark of " + ps + " (" + o.ref + ")"});
        failed_zh.push_back(s.name);
        failed_en.push_back(s.name + " (" + SubjectEn(s.kind) + ")");
      }
    }
    d.subjects.push_back(std::move(o));
  }
  d.passed = failed_zh.empty();
  if (d.passed) {
    d.reasons.push_back({"通过" + level.name + "：各计分科目均达到合格线（" + d.rule_ref + "）",
                         "Passed " + level.en + " (" + level.name +
                             "): every counted subject reaches its pass mark (" + d.rule_ref + ")"});
  } else {
    d.reasons.push_back(
        {"未通过" + level.name + "：" + Join(failed_zh, "、") + "未达到合格线（" + d.rule_ref + "）",
         "Not passed for " + level.en + " (" + level.name + "): " + Join(failed_en, ", ") +
             " below the pass mark (" + d.rule_ref + ")"});
  }
  d.reasons.insert(d.reasons.end(), lines.begin(), lines.end());
  return d;
}

Result<LevelDecision> WeightedDimensions(const standards::Pack& pack, const standards::Level& level,
                                         const DecisionInput& in, LevelDecision d) {
  const standards::ResultRules& rr = *pack.result_rules;
  const standards::WeightTable* table = pack.FindWeightTable(rr.weight_table);
  if (!table) {
    return FailedPrecondition(
        "decision.no_weight_table",
        "result rules of '" + pack.id + "' name weight table '" + rr.weight_table + "', which does not exist",
        "标准“" + pack.id + "”的结果规则引用的权重表“" + rr.weight_table + "”不存在");
  }
  const int col = table->ColumnOf(in.level);
  if (col < 0) {
    return FailedPrecondition("decision.level_not_weighted",
                              "weight table '" + table->id + "' has no column for level '" + in.level + "'",
                              "权重表“" + table->id + "”没有" + level.name + "列");
  }
  if (!rr.pass_score) {
    return FailedPrecondition("decision.no_pass_score", "result rules of '" + pack.id + "' set no pass_score",
                              "标准“" + pack.id + "”的结果规则未规定合格线");
  }
  const std::string table_ref = ClauseOf(table->ref).empty() ? d.rule_ref : ClauseOf(table->ref);

  // Resolve each weighted dimension to its subject and score key.
  struct Row {
    const standards::WeightRow* row;
    const standards::Dimension* dim;
    const standards::Subject* subject;  // may be null when the pack has no exam_rules
  };
  std::vector<Row> rows;
  std::set<std::string> known_keys;
  for (const auto& r : table->rows) {
    const standards::Dimension* dim = nullptr;
    if (r.target_kind == standards::WeightTarget::kDimension) {
      for (const auto& dd : pack.dimensions) {
        if (dd.id == r.target_id) dim = &dd;
      }
    }
    if (!dim) {
      return FailedPrecondition(
          "decision.bad_weight_row",
          "weight table '" + table->id + "' row '" + r.label + "' does not target a dimension",
          "权重表“" + table->id + "”的“" + r.label + "”行不是评价维度");
    }
    const standards::Subject* subj = pack.exam_rules ? pack.exam_rules->FindSubject(dim->exam_kind) : nullptr;
    rows.push_back({&r, dim, subj});
    known_keys.insert(dim->id);
    if (!dim->exam_kind.empty()) known_keys.insert(dim->exam_kind);
  }
  for (const auto& entry : in.scores) {
    const std::string& key = entry.first;
    if (!known_keys.count(key)) {
      return InvalidArgument(
          "decision.unknown_subject",
          "'" + key + "' is not a weighted subject or dimension of standard '" + pack.id + "'",
          "“" + key + "”不是标准“" + pack.id + "”计权的科目或评价维度");
    }
  }
  if (!in.planned_optional.empty()) {
    return InvalidArgument("decision.subject_not_planned",
                           "standard '" + pack.id + "' has no optional subjects",
                           "标准“" + pack.id + "”没有可选科目");
  }

  double total = 0;
  std::vector<std::string> terms_zh;
  std::vector<std::string> terms_en;
  std::vector<Localized> lines;
  for (const Row& r : rows) {
    SubjectOutcome o;
    o.dimension = r.dim->id;
    o.subject = r.subject ? r.subject->kind : r.dim->exam_kind;
    o.name = r.dim->name;
    o.max_score = r.subject ? r.subject->max_score : 100;
    o.ref = table_ref;
    const std::optional<double> w = static_cast<std::size_t>(col) < r.row->weights.size()
                                        ? r.row->weights[static_cast<std::size_t>(col)]
                                        : std::nullopt;
    o.weight = w;
    auto by_subject = o.subject.empty() ? in.scores.end() : in.scores.find(o.subject);
    auto by_dim = in.scores.find(o.dimension);
    if (by_subject != in.scores.end() && by_dim != in.scores.end()) {
      return InvalidArgument(
          "decision.duplicate_score",
          "both '" + o.subject + "' and '" + o.dimension + "' were given; they are the same dimension",
          "同时提供了“" + o.subject + "”和“" + o.dimension + "”的成绩，二者是同一评价维度");
    }
    auto found = by_subject != in.scores.end() ? by_subject : by_dim;
    const std::string label_en =
        r.dim->name + " (" + r.dim->id + (r.dim->en.empty() ? "" : ", " + r.dim->en) + ")";
    if (!w || *w <= 0) {
      lines.push_back({r.dim->name + "在" + level.name + "不考核（权重为“-”或 0）",
                       label_en + ": not examined at " + level.en + " (weight '-' or 0)"});
      d.subjects.push_back(std::move(o));
      continue;
    }
    if (found == in.scores.end()) {
      return InvalidArgument("decision.score_missing",
                             "no score for dimension '" + o.dimension + "' (" + o.name + ")",
                             "缺少“" + o.name + "”的成绩");
    }
    KP_RETURN_IF_ERROR(CheckRange(found->first, o.name, found->second, o.max_score));
    o.score = found->second;
    o.counted = true;
    o.passed = true;
    o.weighted = *o.score * *w / o.max_score;
    total += *o.weighted;
    const std::string sc = FormatScore(*o.score);
    const std::string wt = FormatNumber(*w) + "%";
    terms_zh.push_back(o.name + " " + sc + " × " + wt);
    terms_en.push_back(o.name + " " + sc + " × " + wt);
    lines.push_back(
        {o.name + " " + sc + " 分 × 权重 " + wt + " = " + FormatScore(*o.weighted) + " 分（" + o.ref + "）",
         label_en + ": " + sc + " × " + wt + " = " + FormatScore(*o.weighted) + " (" + o.ref + ")"});
    d.subjects.push_back(std::move(o));
  }
  d.total = total;
  const double pass = *rr.pass_score;
  d.passed = Reaches(total, pass);
  const std::string ts = FormatScore(total);
  const std::string ps = FormatScore(pass);
  const std::string interp_zh = rr.platform_interpretation ? "，平台解释" : "";
  const std::string interp_en = rr.platform_interpretation ? "; platform interpretation" : "";
  Localized formula{"评价总分 = " + Join(terms_zh, " + ") + " = " + ts + " 分（权重表 " + table->id + "，" +
                        level.name + "列）",
                    "Weighted total = " + Join(terms_en, " + ") + " = " + ts + " (weight table " + table->id +
                        ", column " + level.id + ")"};
  if (!d.passed) {
    d.reasons.push_back({"不在" + level.name + "定等：评价总分 " + ts + " 分，低于合格线 " + ps + " 分（" +
                             d.rule_ref + interp_zh + "）",
                         "Not placed in " + level.en + " (" + level.name + "): weighted total " + ts +
                             " is below the pass mark of " + ps + " (" + d.rule_ref + interp_en + ")"});
  } else {
    std::vector<standards::Band> bands = rr.banding;
    std::sort(bands.begin(), bands.end(),
              [](const auto& a, const auto& b) { return a.min_score > b.min_score; });
    const standards::Band* band = nullptr;
    for (const auto& b : bands) {
      if (Reaches(total, b.min_score)) {
        band = &b;
        break;
      }
    }
    if (band && band->grade_index >= 1 &&
        static_cast<std::size_t>(band->grade_index) <= level.grades.size()) {
      d.grade = level.grades[static_cast<std::size_t>(band->grade_index - 1)];
      const std::string g = std::to_string(*d.grade);
      d.reasons.push_back({"定为" + level.name + " " + g + " 等：评价总分 " + ts + " 分，达到合格线 " + ps +
                               " 分，且不低于 " + FormatScore(band->min_score) + " 分（该等级第 " +
                               std::to_string(band->grade_index) + " 等，" + d.rule_ref + interp_zh + "）",
                           "Placed in " + level.en + " (" + level.name + "), grade " + g +
                               ": weighted total " + ts + " reaches the pass mark of " + ps +
                               " and is at least " + FormatScore(band->min_score) + " (grade " +
                               std::to_string(band->grade_index) + " of the level, " + d.rule_ref +
                               interp_en + ")"});
    } else {
      d.reasons.push_back({"通过" + level.name + "：评价总分 " + ts + " 分，达到合格线 " + ps +
                               " 分；分档规则未给出等次（" + d.rule_ref + interp_zh + "）",
                           "Passed " + level.en + " (" + level.name + "): weighted total " + ts +
                               " reaches the pass mark of " + ps + "; the banding gives no grade (" +
                               d.rule_ref + interp_en + ")"});
    }
  }
  d.reasons.push_back(std::move(formula));
  d.reasons.insert(d.reasons.end(), lines.begin(), lines.end());
  return d;
}

}  // namespace

Result<LevelDecision> DecideLevel(const standards::Pack& pack, const DecisionInput& input) {
  if (!pack.result_rules) {
    return FailedPrecondition("decision.no_result_rules",
                              "standard '" + pack.id + "' defines no result rules",
                              "标准“" + pack.id + "”未规定结果判定规则");
  }
  const standards::Level* level = pack.FindLevel(input.level);
  if (!level) {
    return NotFound("decision.unknown_level", "standard '" + pack.id + "' has no level '" + input.level + "'",
                    "标准“" + pack.id + "”没有等级“" + input.level + "”");
  }
  const standards::ResultRules& rr = *pack.result_rules;
  LevelDecision d;
  d.standard = pack.id;
  d.rule = rr.kind;
  d.rule_ref = ClauseOf(rr.ref);
  d.platform_interpretation = rr.platform_interpretation;
  d.level = level->id;
  d.level_name = level->name;
  d.level_en = level->en;
  if (rr.kind == "all_subjects_pass") return AllSubjectsPass(pack, *level, input, std::move(d));
  if (rr.kind == "weighted_dimensions") return WeightedDimensions(pack, *level, input, std::move(d));
  return FailedPrecondition("decision.unsupported_rule",
                            "result rule kind '" + rr.kind + "' is not supported",
                            "不支持的结果判定规则“" + rr.kind + "”");
}

}  // namespace kaoping::scoring
