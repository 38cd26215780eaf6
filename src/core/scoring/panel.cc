#include "core/scoring/panel.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/scoring/numbers.h"

namespace kaoping::scoring {
namespace {

std::string N(std::int64_t v) {
  return std::to_string(v);
}

bool Blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

Status ScoreRange(const std::string& criterion, double v, double max_points) {
  if (!std::isfinite(v) || v < 0 || v > max_points + kScoreEpsilon) {
    return InvalidArgument("panel.score_out_of_range",
                           "criterion '" + criterion + "' is scored 0.." + FormatNumber(max_points) +
                               " (got " + FormatNumber(v) + ")",
                           "评分项“" + criterion + "”的分数应在 0 到 " + FormatNumber(max_points) +
                               " 分之间（当前为 " + FormatNumber(v) + "）");
  }
  return Status::Ok();
}

Status NeedReason(const std::string& reason) {
  if (Blank(reason)) return InvalidArgument("panel.reason_required", "a reason is required", "必须填写理由");
  return Status::Ok();
}

}  // namespace

// ---- Staffing check -----------------------------------------------------------------------------

std::vector<PanelViolation> CheckScoringPanel(const standards::Pack& pack, const std::string& subject,
                                              const std::vector<std::int64_t>& examiners, int candidates) {
  std::vector<PanelViolation> out;
  auto add = [&](std::string code, std::string field, std::string en, std::string zh, std::string ref = {}) {
    out.push_back(
        PanelViolation{std::move(code), std::move(field), std::move(en), std::move(zh), std::move(ref)});
  };

  const standards::StaffingRule* rule = nullptr;
  std::string subject_name = subject;
  if (!pack.exam_rules) {
    add("panel.no_exam_rules", "subject", "standard '" + pack.id + "' defines no exam rules",
        "标准“" + pack.id + "”未规定考试规则");
  } else if (const standards::Subject* s = pack.exam_rules->FindSubject(subject); !s) {
    add("panel.unknown_subject", "subject",
        "'" + subject + "' is not an exam subject of standard '" + pack.id + "'",
        "“" + subject + "”不是标准“" + pack.id + "”的考试科目", pack.exam_rules->ref.raw);
  } else {
    subject_name = s->name;
    rule = pack.exam_rules->FindStaffing(subject);
  }

  if (candidates <= 0) {
    add("panel.no_candidates", "candidates", "there are no candidates to score", "没有需要评分的考生");
  }

  std::set<std::int64_t> distinct;
  for (std::size_t i = 0; i < examiners.size(); ++i) {
    if (!distinct.insert(examiners[i]).second) {
      add("panel.duplicate_examiner", "examiners[" + std::to_string(i) + "]",
          "examiner " + N(examiners[i]) + " is listed twice", "考评人员 " + N(examiners[i]) + " 重复列出");
    }
  }
  const int n = static_cast<int>(distinct.size());

  const int pack_min = rule ? rule->min_examiners : 0;
  const int min_required = std::max(kPlatformMinExaminers, pack_min);
  const bool pack_odd = rule && rule->examiners_odd;
  const int ratio = rule ? rule->examiners_per_candidates : 0;
  const int need_ratio = ratio > 0 && candidates > 0 ? (candidates + ratio - 1) / ratio : 0;
  int need = std::max(min_required, need_ratio);
  if (need % 2 == 0) ++need;  // odd: the pack's rule where it says so, the platform's everywhere
  const std::string rule_ref = rule ? rule->ref.raw : std::string();

  if (n < min_required) {
    const bool from_pack = pack_min >= kPlatformMinExaminers;
    add("panel.too_few_examiners", "examiners",
        subject_name + " needs at least " + N(min_required) + " examiners (has " + N(n) + ")" +
            (from_pack ? "" : "; platform rule"),
        subject_name + "评分至少需要 " + N(min_required) + " 名考评人员（当前 " + N(n) + " 名）" +
            (from_pack ? "" : "，平台规则"),
        from_pack ? rule_ref : std::string());
  }
  if (n > 0 && n % 2 == 0) {
    add("panel.examiners_not_odd", "examiners",
        "the number of examiners must be odd (has " + N(n) + ")" + (pack_odd ? "" : "; platform rule"),
        "考评人员人数应为奇数（当前 " + N(n) + " 名）" + (pack_odd ? "" : "，平台规则"),
        pack_odd ? rule_ref : std::string());
  }
  if (need_ratio > n) {
    add("panel.too_few_for_candidates", "examiners",
        N(candidates) + " candidates need at least " + N(need_ratio) + " examiners (at least 1 per " +
            N(ratio) + " candidates), has " + N(n) + "; the smallest panel meeting every rule has " + N(need),
        N(candidates) + " 名考生至少需要 " + N(need_ratio) + " 名考评人员（每 " + N(ratio) +
            " 名考生不少于 1 名），当前 " + N(n) + " 名；满足全部规则的最少人数为 " + N(need) + " 名",
        rule_ref);
  }
  return out;
}

// ---- Rubric and thresholds ----------------------------------------------------------------------

std::vector<Criterion> CriteriaFromRubric(const std::vector<bank::RubricCriterion>& rubric) {
  std::vector<Criterion> out;
  out.reserve(rubric.size());
  for (const auto& c : rubric) out.push_back(Criterion{c.id, c.description, c.points});
  return out;
}

double SpreadRule::LimitFor(double max_points) const {
  return kind == Kind::kPoints ? value : value * max_points;
}

const char* ScriptStateName(ScriptState s) {
  switch (s) {
    case ScriptState::kScoring:
      return "scoring";
    case ScriptState::kAdjudication:
      return "adjudication";
    case ScriptState::kFinal:
      return "final";
  }
  return "unknown";
}

const char* PanelEventKindName(PanelEventKind k) {
  switch (k) {
    case PanelEventKind::kSubmitted:
      return "submitted";
    case PanelEventKind::kReopened:
      return "reopened";
    case PanelEventKind::kAdjudicated:
      return "adjudicated";
  }
  return "unknown";
}

std::optional<double> ScriptResult::Scaled(double full_marks) const {
  if (!total || max_total <= 0) return std::nullopt;
  return *total / max_total * full_marks;
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// ---- ScoringPanel --------------------------------------------------------------------------------

Result<ScoringPanel> ScoringPanel::Create(std::vector<std::int64_t> examiners, std::int64_t chief,
                                          SpreadRule spread) {
  if (examiners.empty()) {
    return InvalidArgument("panel.no_examiners", "a panel needs examiners", "评分组需要考评人员");
  }
  std::set<std::int64_t> seen;
  for (auto e : examiners) {
    if (!seen.insert(e).second) {
      return InvalidArgument("panel.duplicate_examiner", "examiner " + N(e) + " is listed twice",
                             "考评人员 " + N(e) + " 重复列出");
    }
  }
  if (chief == 0)
    return InvalidArgument("panel.no_chief", "a panel needs a chief examiner",
                           "评分组需要指定主考（考评组长）");
  if (!std::isfinite(spread.value) || spread.value < 0 ||
      (spread.kind == SpreadRule::Kind::kFractionOfMax && spread.value > 1)) {
    return InvalidArgument(
        "panel.bad_spread_rule",
        "the spread threshold must be ≥ 0 points, or a fraction between 0 and 1 (got " +
            FormatNumber(spread.value) + ")",
        "分差阈值应为不小于 0 的分数，或 0 到 1 之间的比例（当前为 " + FormatNumber(spread.value) + "）");
  }
  ScoringPanel p;
  p.examiners_ = std::move(examiners);
  p.chief_ = chief;
  p.spread_ = spread;
  return p;
}

Status ScoringPanel::AddScript(ScriptSpec spec) {
  auto bad = [&](const std::string& en, const std::string& zh) {
    return InvalidArgument("panel.bad_script", "script '" + spec.id + "': " + en,
                           "答卷“" + spec.id + "”：" + zh);
  };
  if (spec.id.empty()) return InvalidArgument("panel.bad_script", "a script needs an id", "答卷需要编号");
  if (scripts_.count(spec.id)) {
    return AlreadyExists("panel.duplicate_script", "script '" + spec.id + "' was already added",
                         "答卷“" + spec.id + "”已添加");
  }
  if (spec.rubric.empty()) return bad("the rubric has no criteria", "评分标准没有评分项");
  std::set<std::string> ids;
  for (const auto& c : spec.rubric) {
    if (c.id.empty()) return bad("a criterion has no id", "有评分项缺少编号");
    if (!ids.insert(c.id).second)
      return bad("criterion '" + c.id + "' appears twice", "评分项“" + c.id + "”重复");
    if (!std::isfinite(c.max_points) || c.max_points <= 0) {
      return bad("criterion '" + c.id + "' must be worth more than 0 points",
                 "评分项“" + c.id + "”的满分必须大于 0");
    }
  }
  if (spec.examiners.empty()) spec.examiners = examiners_;
  std::set<std::int64_t> assigned;
  for (auto e : spec.examiners) {
    if (std::find(examiners_.begin(), examiners_.end(), e) == examiners_.end()) {
      return InvalidArgument("panel.unknown_examiner", "examiner " + N(e) + " is not on the panel",
                             "考评人员 " + N(e) + " 不在评分组中");
    }
    if (!assigned.insert(e).second) {
      return InvalidArgument("panel.duplicate_examiner",
                             "examiner " + N(e) + " is assigned twice to script '" + spec.id + "'",
                             "考评人员 " + N(e) + " 被重复分配到答卷“" + spec.id + "”");
    }
  }
  order_.push_back(spec.id);
  std::string id = spec.id;
  scripts_.emplace(std::move(id), Script{std::move(spec), {}, {}});
  return Status::Ok();
}

Result<ScoringPanel::Script*> ScoringPanel::Find(const std::string& script) {
  auto it = scripts_.find(script);
  if (it == scripts_.end()) {
    return NotFound("panel.unknown_script", "no script '" + script + "' on this panel",
                    "评分组中没有答卷“" + script + "”");
  }
  return &it->second;
}

Result<const ScoringPanel::Script*> ScoringPanel::Find(const std::string& script) const {
  auto it = scripts_.find(script);
  if (it == scripts_.end()) {
    return NotFound("panel.unknown_script", "no script '" + script + "' on this panel",
                    "评分组中没有答卷“" + script + "”");
  }
  return &it->second;
}

const ScriptSpec* ScoringPanel::FindScript(const std::string& script) const {
  auto it = scripts_.find(script);
  return it == scripts_.end() ? nullptr : &it->second.spec;
}

Status ScoringPanel::Submit(std::int64_t examiner, const std::string& script,
                            const std::map<std::string, double>& scores, std::int64_t now_ms) {
  KP_ASSIGN_OR_RETURN(Script * s, Find(script));
  const auto& assigned = s->spec.examiners;
  if (std::find(assigned.begin(), assigned.end(), examiner) == assigned.end()) {
    return PermissionDenied("panel.not_assigned",
                            "examiner " + N(examiner) + " is not assigned to script '" + script + "'",
                            "考评人员 " + N(examiner) + " 未被分配评阅答卷“" + script + "”");
  }
  if (s->submissions.count(examiner)) {
    return FailedPrecondition("panel.already_submitted",
                              "examiner " + N(examiner) + " has already submitted scores for script '" +
                                  script + "'; only the chief examiner can reopen them",
                              "考评人员 " + N(examiner) + " 已提交答卷“" + script +
                                  "”的评分；如需修改，须由主考说明理由后重新开放");
  }
  for (const auto& [id, v] : scores) {
    auto c = std::find_if(s->spec.rubric.begin(), s->spec.rubric.end(),
                          [&](const Criterion& k) { return k.id == id; });
    if (c == s->spec.rubric.end()) {
      return InvalidArgument("panel.unknown_criterion",
                             "script '" + script + "' has no criterion '" + id + "'",
                             "答卷“" + script + "”没有评分项“" + id + "”");
    }
    KP_RETURN_IF_ERROR(ScoreRange(id, v, c->max_points));
  }
  for (const auto& c : s->spec.rubric) {
    if (!scores.count(c.id)) {
      return InvalidArgument("panel.criterion_missing", "no score for criterion '" + c.id + "'",
                             "缺少评分项“" + c.id + "”的分数");
    }
  }
  s->submissions[examiner] = scores;
  PanelEvent e;
  e.kind = PanelEventKind::kSubmitted;
  e.script = script;
  e.actor = examiner;
  e.examiner = examiner;
  e.scores = scores;
  e.at_ms = now_ms;
  events_.push_back(std::move(e));
  return Status::Ok();
}

Status ScoringPanel::Reopen(std::int64_t chief, std::int64_t examiner, const std::string& script,
                            const std::string& reason, std::int64_t now_ms) {
  if (chief != chief_) {
    return PermissionDenied("panel.not_chief", "only the chief examiner can reopen a submission",
                            "只有主考（考评组长）可以重新开放已提交的评分");
  }
  KP_RETURN_IF_ERROR(NeedReason(reason));
  KP_ASSIGN_OR_RETURN(Script * s, Find(script));
  if (!s->submissions.count(examiner)) {
    return FailedPrecondition(
        "panel.not_submitted",
        "examiner " + N(examiner) + " has not submitted scores for script '" + script + "'",
        "考评人员 " + N(examiner) + " 尚未提交答卷“" + script + "”的评分");
  }
  s->submissions.erase(examiner);
  s->adjudications.clear();
  PanelEvent e;
  e.kind = PanelEventKind::kReopened;
  e.script = script;
  e.actor = chief;
  e.examiner = examiner;
  e.reason = reason;
  e.at_ms = now_ms;
  events_.push_back(std::move(e));
  return Status::Ok();
}

Status ScoringPanel::Adjudicate(std::int64_t chief, const std::string& script, const std::string& criterion,
                                double score, const std::string& reason, std::int64_t now_ms) {
  if (chief != chief_) {
    return PermissionDenied("panel.not_chief", "only the chief examiner can adjudicate",
                            "只有主考（考评组长）可以裁定分数");
  }
  KP_RETURN_IF_ERROR(NeedReason(reason));
  KP_ASSIGN_OR_RETURN(Script * s, Find(script));
  ScriptResult r = Evaluate(*s);
  auto c = std::find_if(r.criteria.begin(), r.criteria.end(),
                        [&](const CriterionResult& k) { return k.id == criterion; });
  if (c == r.criteria.end()) {
    return InvalidArgument("panel.unknown_criterion",
                           "script '" + script + "' has no criterion '" + criterion + "'",
                           "答卷“" + script + "”没有评分项“" + criterion + "”");
  }
  if (!c->median) {
    return FailedPrecondition("panel.submissions_pending",
                              "not every examiner has submitted scores for script '" + script + "'",
                              "答卷“" + script + "”尚有考评人员未提交评分");
  }
  if (!c->needs_adjudication) {
    return FailedPrecondition(
        "panel.no_adjudication_needed",
        "criterion '" + criterion + "' of script '" + script + "' is within the spread threshold",
        "答卷“" + script + "”的评分项“" + criterion + "”分差未超过阈值，无需裁定");
  }
  KP_RETURN_IF_ERROR(ScoreRange(criterion, score, c->max_points));
  s->adjudications[criterion] = score;
  PanelEvent e;
  e.kind = PanelEventKind::kAdjudicated;
  e.script = script;
  e.actor = chief;
  e.criterion = criterion;
  e.score = score;
  e.reason = reason;
  e.at_ms = now_ms;
  events_.push_back(std::move(e));
  return Status::Ok();
}

Status ScoringPanel::Apply(const PanelEvent& event) {
  switch (event.kind) {
    case PanelEventKind::kSubmitted:
      return Submit(event.actor, event.script, event.scores, event.at_ms);
    case PanelEventKind::kReopened:
      return Reopen(event.actor, event.examiner, event.script, event.reason, event.at_ms);
    case PanelEventKind::kAdjudicated:
      return Adjudicate(event.actor, event.script, event.criterion, event.score, event.reason, event.at_ms);
  }
  return InvalidArgument("panel.bad_event", "unknown panel event", "未知的评分事件");
}

ScriptResult ScoringPanel::Evaluate(const Script& s) const {
  ScriptResult r;
  r.script = s.spec.id;
  const bool all_in = s.submissions.size() == s.spec.examiners.size();
  bool any_open = false;
  double total = 0;
  for (const auto& c : s.spec.rubric) {
    CriterionResult cr;
    cr.id = c.id;
    cr.max_points = c.max_points;
    r.max_total += c.max_points;
    std::vector<double> values;
    for (const auto& [examiner, scores] : s.submissions) {
      auto it = scores.find(c.id);
      if (it == scores.end()) continue;
      cr.scores[examiner] = it->second;
      values.push_back(it->second);
    }
    if (all_in && !values.empty()) {
      cr.median = Median(values);
      auto [lo, hi] = std::minmax_element(values.begin(), values.end());
      cr.spread = *hi - *lo;
      cr.needs_adjudication = *cr.spread > spread_.LimitFor(c.max_points) + kScoreEpsilon;
      if (auto a = s.adjudications.find(c.id); a != s.adjudications.end()) cr.adjudicated = a->second;
      if (cr.needs_adjudication) {
        if (cr.adjudicated) cr.final_score = cr.adjudicated;
      } else {
        cr.final_score = cr.median;
      }
    }
    if (!cr.final_score) any_open = true;
    if (cr.final_score) total += *cr.final_score;
    r.criteria.push_back(std::move(cr));
  }
  if (!all_in) {
    r.state = ScriptState::kScoring;
  } else if (any_open) {
    r.state = ScriptState::kAdjudication;
  } else {
    r.state = ScriptState::kFinal;
    r.total = total;
  }
  return r;
}

Result<ScriptResult> ScoringPanel::ResultFor(const std::string& script) const {
  KP_ASSIGN_OR_RETURN(const Script* s, Find(script));
  return Evaluate(*s);
}

Result<ScriptState> ScoringPanel::StateOf(const std::string& script) const {
  KP_ASSIGN_OR_RETURN(const Script* s, Find(script));
  return Evaluate(*s).state;
}

std::vector<std::string> ScoringPanel::AwaitingAdjudication() const {
  std::vector<std::string> out;
  for (const auto& id : order_) {
    if (Evaluate(scripts_.at(id)).state == ScriptState::kAdjudication) out.push_back(id);
  }
  return out;
}

std::vector<ExaminerWorkload> ScoringPanel::Workload() const {
  std::vector<ExaminerWorkload> out;
  for (auto e : examiners_) {
    ExaminerWorkload w;
    w.examiner = e;
    for (const auto& id : order_) {
      const Script& s = scripts_.at(id);
      if (std::find(s.spec.examiners.begin(), s.spec.examiners.end(), e) == s.spec.examiners.end()) continue;
      ++w.assigned;
      if (s.submissions.count(e)) ++w.submitted;
    }
    w.pending = w.assigned - w.submitted;
    out.push_back(w);
  }
  return out;
}

std::optional<std::map<std::string, double>> ScoringPanel::OwnSubmission(std::int64_t examiner,
                                                                         const std::string& script) const {
  auto it = scripts_.find(script);
  if (it == scripts_.end()) return std::nullopt;
  auto sub = it->second.submissions.find(examiner);
  if (sub == it->second.submissions.end()) return std::nullopt;
  return sub->second;
}

}  // namespace kaoping::scoring
