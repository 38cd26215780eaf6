#include "service/scoring_service.h"

#include <algorithm>
#include <set>

#include "base/utf8.h"
#include "codec/scoring_json.h"
#include "core/scoring/numbers.h"
#include "core/scoring/review.h"
#include "service/crypto.h"

namespace kaoping::service {
namespace {

using Json = nlohmann::json;

Status Denied(const std::string& what) {
  return PermissionDenied("access.denied", "your role does not allow this (" + what + ")",
                          "您的角色无权执行此操作（" + what + "）");
}

Status ScriptNotFound(const std::string& code) {
  return NotFound("scoring.script_not_found", "no script " + code, "评分卷 " + code + " 不存在");
}

Status ResultNotFound(std::int64_t id) {
  return NotFound("result.not_found", "no result " + std::to_string(id),
                  "成绩 " + std::to_string(id) + " 不存在");
}

// The panel's codes as the HTTP contract names them; the messages stay the domain's.
Status Remap(const Status& s) {
  static const std::map<std::string, std::string> kCodes = {
      {"panel.criterion_missing", "scoring.bad_score"},
      {"panel.unknown_criterion", "scoring.bad_score"},
      {"panel.score_out_of_range", "scoring.bad_score"},
      {"panel.already_submitted", "scoring.already_submitted"},
      {"panel.reason_required", "scoring.reason_required"},
      {"panel.no_adjudication_needed", "scoring.no_adjudication_needed"},
      {"panel.submissions_pending", "scoring.submissions_pending"},
      {"panel.not_assigned", "scoring.not_assigned"},
  };
  auto it = kCodes.find(s.reason());
  if (it == kCodes.end()) return s;
  return Status(s.code(), it->second, s.message(), s.message_zh());
}

std::string Key(std::int64_t user, const std::string& standard, const std::string& level,
                const std::string& direction) {
  return "u" + std::to_string(user) + ":" + standard + ":" + level + ":" + direction;
}

std::int64_t UserOfKey(const std::string& key) {
  if (key.size() < 2 || key[0] != 'u') return 0;
  return std::atoll(key.c_str() + 1);
}

bool Blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

bool Applies(const standards::Subject& s, const std::string& level) {
  return s.levels.empty() || std::find(s.levels.begin(), s.levels.end(), level) != s.levels.end();
}

double MaxScoreOf(const standards::Pack& pack, const std::string& subject) {
  if (!pack.exam_rules) return 100;
  const standards::Subject* s = pack.exam_rules->FindSubject(subject);
  return s ? s->max_score : 100;
}

std::vector<scoring::Criterion> RubricOf(const bank::Item& item) {
  std::vector<scoring::Criterion> c = scoring::CriteriaFromRubric(item.rubric);
  if (c.empty()) c.push_back({"overall", "总体评分 (overall)", item.points > 0 ? item.points : 1});
  return c;
}

// Appends the examiners not yet in `into`, keeping first-seen order (the panel's order).
void AddExaminers(std::vector<std::int64_t>& into, const std::vector<std::int64_t>& examiners) {
  for (auto e : examiners) {
    if (std::find(into.begin(), into.end(), e) == into.end()) into.push_back(e);
  }
}

// Plans whose candidates are judged on submitted achievements rather than an exam paper:
// 002's 综合评审 ("review") and 000's 成果评价 of 工程实践 ("achievement").
bool IsAchievementPlan(const store::PlanRecord& plan) {
  return plan.kind == "review" || plan.kind == "achievement";
}

// The achievement ids frozen on a review script (its materials_json).
std::set<std::int64_t> MaterialIds(const std::string& materials_json) {
  std::set<std::int64_t> out;
  Json j = Json::parse(materials_json, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& v : j) {
    if (v.is_number_integer()) out.insert(v.get<std::int64_t>());
  }
  return out;
}

double MaxTotal(const std::vector<scoring::Criterion>& c) {
  double t = 0;
  for (const auto& x : c) t += x.max_points;
  return t;
}

}  // namespace

std::string MaskName(const std::string& name) {
  std::vector<std::string> cps;
  for (std::size_t i = 0; i < name.size();) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    cps.push_back(name.substr(i, n));
    i += n;
  }
  if (cps.size() <= 1) return name.empty() ? name : cps[0];
  if (cps.size() == 2) return cps[0] + "*";
  return cps.front() + std::string(cps.size() - 2, '*') + cps.back();
}

ScoringService::ScoringService(ScoringDeps deps) : deps_(std::move(deps)) {}

// ---- helpers ------------------------------------------------------------------------------------------

Status ScoringService::RequireAdmin(const Actor& actor) const {
  if (!actor.Has("admin")) return Denied("administrators only");
  return Status();
}

Result<store::PlanRecord> ScoringService::Plan(std::int64_t plan_id) {
  return deps_.delivery->GetPlan(plan_id);
}

Result<const standards::Pack*> ScoringService::Pack(const std::string& id) const {
  return deps_.catalog->Get(id);
}

std::int64_t ScoringService::ChiefOf(const store::PlanRecord& plan) const {
  for (const auto& s : plan.sessions) {
    if (!s.examiners.empty()) return s.examiners.front();
    break;  // the first session decides (docs/scoring.md)
  }
  return 0;
}

Result<store::ScoringSettingsRecord> ScoringService::SettingsOf(std::int64_t plan_id) {
  auto s = deps_.scoring->GetSettings(plan_id);
  if (s.ok()) return s;
  if (s.status().reason() != "scoring.no_settings") return s.status();
  store::ScoringSettingsRecord d;
  d.plan_id = plan_id;
  return d;
}

Result<scoring::ObjectivePolicy> ScoringService::PolicyOf(std::int64_t plan_id) {
  KP_ASSIGN_OR_RETURN(store::ScoringSettingsRecord s, SettingsOf(plan_id));
  scoring::ObjectivePolicy p;
  auto rule = scoring::ParseMultipleChoiceRule(s.multiple_rule);
  if (!rule)
    return InvalidArgument("scoring.bad_policy", "unknown multiple-choice rule " + s.multiple_rule,
                           "未知的多选题计分规则");
  p.multiple = *rule;
  p.partial_fraction = s.partial_fraction;
  return p;
}

Result<std::map<std::string, int>> ScoringService::CorrectedVersions(std::int64_t plan_id) {
  KP_ASSIGN_OR_RETURN(store::ScoringSettingsRecord s, SettingsOf(plan_id));
  KP_ASSIGN_OR_RETURN(Json j, codec::ParseScoringJson(s.item_versions_json));
  std::map<std::string, int> out;
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      if (v.is_number_integer()) out[k] = v.get<int>();
    }
  }
  return out;
}

Result<ScoringService::Bundle> ScoringService::PaperOf(const store::PlanRecord& plan,
                                                       const std::map<std::string, int>& versions) {
  if (plan.paper_id.empty()) {
    return FailedPrecondition("plan.no_paper", "the exam plan has no paper", "考试计划尚未关联试卷");
  }
  if (!deps_.bank) return Unavailable("bank.unavailable", "the item bank is not available", "题库不可用");
  Bundle b;
  KP_ASSIGN_OR_RETURN(b.paper, deps_.bank->GetPaper(plan.paper_id));
  for (auto& pi : b.paper.items) {
    auto it = versions.find(pi.item_id);
    if (it != versions.end()) pi.item_version = it->second;
    KP_ASSIGN_OR_RETURN(bank::Item item, deps_.bank->GetVersion(pi.item_id, pi.item_version));
    b.items.push_back(std::move(item));
  }
  return b;
}

Result<ScoringService::PlanPanel> ScoringService::LoadPanel(const store::PlanRecord& plan,
                                                            const store::ScoringSettingsRecord& settings) {
  PlanPanel out;
  out.chief = ChiefOf(plan);
  KP_ASSIGN_OR_RETURN(auto scripts, deps_.scoring->ListScripts(plan.id, 0));
  if (scripts.empty()) return out;
  std::vector<std::int64_t> examiners;
  for (const auto& s : plan.sessions) AddExaminers(examiners, s.examiners);
  for (const auto& s : scripts) {
    AddExaminers(examiners, s.examiners);
  }
  scoring::SpreadRule spread;
  spread.kind = settings.spread_kind == "points" ? scoring::SpreadRule::Kind::kPoints
                                                 : scoring::SpreadRule::Kind::kFractionOfMax;
  spread.value = settings.spread_value;
  KP_ASSIGN_OR_RETURN(scoring::ScoringPanel panel,
                      scoring::ScoringPanel::Create(examiners, out.chief, spread));
  for (const auto& s : scripts) {
    KP_ASSIGN_OR_RETURN(Json rubric, codec::ParseScoringJson(s.rubric_json));
    KP_ASSIGN_OR_RETURN(auto criteria, codec::CriteriaFromJson(rubric));
    KP_RETURN_IF_ERROR(panel.AddScript(scoring::ScriptSpec{s.code, criteria, s.examiners, {}}));
    out.scripts[s.code] = s;
  }
  KP_ASSIGN_OR_RETURN(auto events, deps_.scoring->ListPanelEvents(plan.id));
  for (const auto& e : events) {
    KP_ASSIGN_OR_RETURN(Json j, codec::ParseScoringJson(e.event_json));
    KP_ASSIGN_OR_RETURN(scoring::PanelEvent ev, codec::PanelEventFromJson(j));
    KP_RETURN_IF_ERROR(
        panel.Apply(ev).WithContext("replaying panel event " + std::to_string(e.id), "重放评分事件"));
  }
  out.panel = std::move(panel);
  return out;
}

std::string ScoringService::NewScriptCode() {
  if (deps_.script_code) return deps_.script_code();
  static constexpr char kAlphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";  // no 0/O, 1/I
  std::string raw = RandomToken(6);
  std::string code = "S-";
  for (std::size_t i = 0; i < 6; ++i) code += kAlphabet[static_cast<unsigned char>(raw[i % raw.size()]) % 32];
  return code;
}

std::string ScoringService::UnusedScriptCode(std::set<std::string>& taken) {
  std::string code;
  do {
    code = NewScriptCode();
  } while (!taken.insert(code).second || deps_.scoring->GetScript(code).ok());
  return code;
}

Result<scoring::PaperScore> ScoringService::ScoreAttempt(const Bundle& bundle, std::int64_t attempt_id,
                                                         const scoring::ObjectivePolicy& policy,
                                                         const std::map<std::string, double>& human_points) {
  KP_ASSIGN_OR_RETURN(auto answers, deps_.delivery->GetAnswers(attempt_id));
  scoring::ScriptAnswers sa;
  for (const auto& a : answers) {
    if (a.sequence <= 0) continue;
    for (const auto& item : bundle.items) {
      if (item.id == a.item_id && bank::IsObjective(item.type))
        sa.responses[a.item_id] = codec::ResponseFromJson(item, a.response);
    }
  }
  sa.human_points = human_points;
  KP_ASSIGN_OR_RETURN(const standards::Pack* pack, Pack(bundle.paper.standard));
  return scoring::ScorePaper(bundle.paper, bundle.items, sa, policy,
                             MaxScoreOf(*pack, bundle.paper.exam_kind));
}

// ---- scoring ------------------------------------------------------------------------------------------

// ---- comprehensive review ---------------------------------------------------------------------------

Result<store::AchievementRecord> ScoringService::SubmitAchievement(const Actor& actor, std::int64_t plan_id,
                                                                   const AchievementInput& in,
                                                                   const std::string& remote) {
  KP_ASSIGN_OR_RETURN(store::PlanRecord plan, Plan(plan_id));
  store::RegistrationFilter f;
  f.plan_id = plan_id;
  f.user_id = actor.user_id;
  KP_ASSIGN_OR_RETURN(auto regs, deps_.delivery->ListRegistrations(f));
  if (regs.empty()) {
    return NotFound("plan.not_found", "no exam plan " + std::to_string(plan_id),
                    "考试计划 " + std::to_string(plan_id) + " 不存在");
  }
  if (!IsAchievementPlan(plan)) {
    return FailedPrecondition("achievement.not_review",
                              "achievements are submitted to comprehensive-review plans only",
                              "只有综合评审计划可以提交成果");
  }
  bool approved = std::any_of(regs.begin(), regs.end(), [](const store::RegistrationRecord& r) {
    return r.status == store::RegistrationStatus::kApproved;
  });
  if (!approved) {
    return FailedPrecondition("achievement.not_approved", "your registration for this plan is not approved",
                              "您在此计划的报名尚未通过审核");
  }
  if (!scoring::ParseAchievementKind(in.kind)) {
    return InvalidArgument("achievement.bad_kind", "kind must be project, report, paper, patent or other",
                           "成果类型须为 project、report、paper、patent 或 other");
  }
  std::size_t title_len = Utf8Length(in.title);
  if (Blank(in.title) || title_len > 200) {
    return InvalidArgument("achievement.bad_title", "the title must have 1 to 200 characters",
                           "标题须为 1 至 200 个字符");
  }
  if (Utf8Length(in.summary) > 20000) {
    return InvalidArgument("achievement.summary_too_long", "the summary may have at most 20,000 characters",
                           "成果简介最多 20,000 个字符");
  }
  store::AchievementRecord rec;
  rec.plan_id = plan_id;
  rec.user_id = actor.user_id;
  rec.kind = in.kind;
  rec.title = in.title;
  rec.summary = in.summary;
  rec.created_ms = ToUnixMillis(deps_.clock->Now());
  return deps_.scoring->AddAchievement(
      rec,
      deps_.audit->Entry(actor, "achievement.submit", "plan:" + std::to_string(plan_id), in.kind, remote));
}

Result<std::vector<store::AchievementRecord>> ScoringService::ListAchievements(const Actor& actor,
                                                                               std::int64_t plan_id) {
  KP_ASSIGN_OR_RETURN(store::PlanRecord plan, Plan(plan_id));
  if (actor.Has("admin")) return deps_.scoring->ListAchievements(plan.id, 0);
  store::RegistrationFilter f;
  f.plan_id = plan_id;
  f.user_id = actor.user_id;
  KP_ASSIGN_OR_RETURN(auto regs, deps_.delivery->ListRegistrations(f));
  if (regs.empty()) {
    return NotFound("plan.not_found", "no exam plan " + std::to_string(plan_id),
                    "考试计划 " + std::to_string(plan_id) + " 不存在");
  }
  return deps_.scoring->ListAchievements(plan.id, actor.user_id);
}

Result<StartOutcome> ScoringService::StartScoring(const Actor& actor, std::int64_t plan_id,
                                                  const ScoringSettingsInput& in, const std::string& remote) {
  KP_RETURN_IF_ERROR(RequireAdmin(actor));
  std::lock_guard<std::mutex> lock(write_mu_);
  KP_ASSIGN_OR_RETURN(store::PlanRecord plan, Plan(plan_id));
  KP_ASSIGN_OR_RETURN(const standards::Pack* pack, Pack(plan.standard));
  KP_ASSIGN_OR_RETURN(store::ScoringSettingsRecord settings, SettingsOf(plan_id));
  if (in.multiple_choice) {
    if (!scoring::ParseMultipleChoiceRule(*in.multiple_choice)) {
      return InvalidArgument("scoring.bad_policy", "multiple_choice must be all_or_nothing or partial",
                             "多选题计分规则须为 all_or_nothing 或 partial");
    }
    settings.multiple_rule = *in.multiple_choice;
    if (settings.multiple_rule == "all_or_nothing") settings.partial_fraction.reset();
  }
  if (in.partial_fraction) {
    if (*in.partial_fraction == 0) {
      settings.partial_fraction.reset();
    } else {
      settings.partial_fraction = *in.partial_fraction;
    }
  }
  if (in.spread_kind) {
    if (*in.spread_kind != "fraction" && *in.spread_kind != "points") {
      return InvalidArgument("scoring.bad_spread", "spread kind must be fraction or points",
                             "分差阈值类型须为 fraction 或 points");
    }
    settings.spread_kind = *in.spread_kind;
  }
  if (in.spread_value) settings.spread_value = *in.spread_value;
  if (!(settings.spread_value >= 0) || (settings.spread_kind == "fraction" && settings.spread_value > 1)) {
    return InvalidArgument("scoring.bad_spread", "the spread threshold must be ≥ 0 (a fraction at most 1)",
                           "分差阈值须不小于 0（比例不大于 1）");
  }
  if (IsAchievementPlan(plan)) return StartReview(actor, plan, *pack, settings, in, remote);
  KP_ASSIGN_OR_RETURN(scoring::ObjectivePolicy policy, [&]() -> Result<scoring::ObjectivePolicy> {
    scoring::ObjectivePolicy p;
    p.multiple = *scoring::ParseMultipleChoiceRule(settings.multiple_rule);
    p.partial_fraction = settings.partial_fraction;
    KP_RETURN_IF_ERROR(scoring::ValidatePolicy(p));
    return p;
  }());
  KP_ASSIGN_OR_RETURN(auto versions, CorrectedVersions(plan_id));
  KP_ASSIGN_OR_RETURN(Bundle bundle, PaperOf(plan, versions));

  std::vector<store::AttemptRecord> submitted;
  store::AttemptFilter f;
  f.plan_id = plan_id;
  while (true) {
    KP_ASSIGN_OR_RETURN(auto page, deps_.delivery->ListAttempts(f));
    for (auto& a : page) {
      if (a.state.status == delivery::AttemptStatus::kSubmitted) submitted.push_back(a);
    }
    if (static_cast<int>(page.size()) < f.limit) break;
    f.after_id = page.back().id;
  }

  StartOutcome out;
  for (const auto& s : plan.sessions) {
    int n =
        static_cast<int>(std::count_if(submitted.begin(), submitted.end(),
                                       [&](const store::AttemptRecord& a) { return a.session_id == s.id; }));
    if (n == 0) continue;
    for (auto v : scoring::CheckScoringPanel(*pack, plan.kind, s.examiners, n)) {
      v.field = "rooms[" + s.room_code + "]." + v.field;
      out.violations.push_back(std::move(v));
    }
  }
  if (!out.violations.empty()) return out;

  std::int64_t now = ToUnixMillis(deps_.clock->Now());
  std::vector<store::SubjectScoreRecord> scores;
  std::vector<store::ScriptRecord> scripts;
  std::set<std::string> codes;
  for (const auto& a : submitted) {
    KP_ASSIGN_OR_RETURN(scoring::PaperScore ps, ScoreAttempt(bundle, a.id, policy, {}));
    scores.push_back({a.id, plan_id, a.user_id, plan.kind, plan.paper_id, codec::PaperScoreJson(ps).dump(),
                      ps.total, now});
    const store::SessionRecord* session = nullptr;
    for (const auto& s : plan.sessions) {
      if (s.id == a.session_id) session = &s;
    }
    for (const auto& item : bundle.items) {
      if (bank::IsObjective(item.type)) continue;
      store::ScriptRecord sc;
      sc.code = UnusedScriptCode(codes);
      sc.plan_id = plan_id;
      sc.attempt_id = a.id;
      sc.session_id = a.session_id;
      sc.item_id = item.id;
      sc.item_version = item.version;
      sc.rubric_json = codec::CriteriaJson(RubricOf(item)).dump();
      if (session) sc.examiners = session->examiners;
      sc.created_ms = now;
      scripts.push_back(std::move(sc));
    }
  }
  if (settings.started_ms == 0) {
    settings.started_ms = now;
    settings.started_by = actor.user_id;
  }
  Json detail{{"attempts", scores.size()},
              {"multiple_choice", settings.multiple_rule},
              {"spread", {{"kind", settings.spread_kind}, {"value", settings.spread_value}}}};
  KP_ASSIGN_OR_RETURN(int created,
                      deps_.scoring->StartScoring(
                          settings, scores, scripts,
                          deps_.audit->Entry(actor, "scoring.start", "plan:" + std::to_string(plan_id),
                                             detail.dump(), remote)));
  (void)created;
  KP_ASSIGN_OR_RETURN(ScoringProgress progress, Progress(actor, plan_id));
  out.progress = std::move(progress);
  return out;
}

Result<StartOutcome> ScoringService::StartReview(const Actor& actor, const store::PlanRecord& plan,
                                                 const standards::Pack& pack,
                                                 store::ScoringSettingsRecord settings,
                                                 const ScoringSettingsInput& in, const std::string& remote) {
  // Candidates with at least one achievement; achievements submitted later are not on the script.
  KP_ASSIGN_OR_RETURN(auto achievements, deps_.scoring->ListAchievements(plan.id, 0));
  std::map<std::int64_t, std::vector<std::int64_t>> materials;  // candidate → achievement ids
  for (const auto& a : achievements) materials[a.user_id].push_back(a.id);
  std::vector<std::int64_t> examiners;
  for (const auto& session : plan.sessions) AddExaminers(examiners, session.examiners);
  StartOutcome out;
  for (auto v : scoring::CheckScoringPanel(pack, plan.kind, examiners, static_cast<int>(materials.size()))) {
    v.field = "review." + v.field;
    out.violations.push_back(std::move(v));
  }
  if (!out.violations.empty()) return out;
  const double full = MaxScoreOf(pack, plan.kind);
  KP_ASSIGN_OR_RETURN(std::vector<scoring::Criterion> rubric,
                      in.review_requirements
                          ? scoring::ReviewRubricFromRequirements(pack, *in.review_requirements, full)
                          : scoring::DefaultReviewRubric(pack, plan.level, plan.direction, full));
  const std::string rubric_json = codec::CriteriaJson(rubric).dump();
  std::int64_t now = ToUnixMillis(deps_.clock->Now());
  std::vector<store::ScriptRecord> scripts;
  std::set<std::string> codes;
  for (const auto& [user, ids] : materials) {
    store::ScriptRecord sc;
    sc.code = UnusedScriptCode(codes);
    sc.plan_id = plan.id;
    sc.review_user_id = user;
    sc.item_id = "review";
    sc.rubric_json = rubric_json;
    sc.materials_json = Json(ids).dump();
    sc.examiners = examiners;
    sc.created_ms = now;
    scripts.push_back(std::move(sc));
  }
  if (settings.started_ms == 0) {
    settings.started_ms = now;
    settings.started_by = actor.user_id;
  }
  Json detail{{"review", true},
              {"candidates", materials.size()},
              {"criteria", rubric.size()},
              {"spread", {{"kind", settings.spread_kind}, {"value", settings.spread_value}}}};
  KP_RETURN_IF_ERROR(
      deps_.scoring
          ->StartScoring(settings, {}, scripts,
                         deps_.audit->Entry(actor, "scoring.start", "plan:" + std::to_string(plan.id),
                                            detail.dump(), remote))
          .status());
  KP_ASSIGN_OR_RETURN(ScoringProgress progress, Progress(actor, plan.id));
  out.progress = std::move(progress);
  return out;
}

Result<ScoringProgress> ScoringService::Progress(const Actor& actor, std::int64_t plan_id) {
  if (!actor.Has("admin") && !actor.Has("examiner")) return Denied("scoring progress");
  KP_ASSIGN_OR_RETURN(store::PlanRecord plan, Plan(plan_id));
  if (!actor.Has("admin") && ChiefOf(plan) != actor.user_id) {
    return NotFound("plan.not_found", "no exam plan " + std::to_string(plan_id),
                    "考试计划 " + std::to_string(plan_id) + " 不存在");
  }
  ScoringProgress p;
  p.plan_id = plan_id;
  p.chief = ChiefOf(plan);
  auto settings = deps_.scoring->GetSettings(plan_id);
  if (!settings.ok()) {
    if (settings.status().reason() != "scoring.no_settings") return settings.status();
    p.settings.plan_id = plan_id;
    return p;
  }
  p.settings = *settings;
  p.started = settings->started_ms != 0;
  KP_ASSIGN_OR_RETURN(auto scores, deps_.scoring->ListSubjectScores(plan_id, 0));
  p.attempts_scored = static_cast<int>(scores.size());
  KP_ASSIGN_OR_RETURN(PlanPanel panel, LoadPanel(plan, *settings));
  if (!panel.panel) return p;
  for (const auto& code : panel.panel->scripts()) {
    ++p.scripts_total;
    KP_ASSIGN_OR_RETURN(auto st, panel.panel->StateOf(code));
    if (st == scoring::ScriptState::kFinal) ++p.scripts_final;
    if (st == scoring::ScriptState::kAdjudication) ++p.adjudication_pending;
  }
  for (const auto& w : panel.panel->Workload()) {
    ExaminerProgress e{w.examiner, "", w.assigned, w.submitted, w.pending};
    auto u = deps_.users->GetUser(store::UserId(w.examiner));
    if (u.ok()) e.display_name = u->display_name;
    p.examiners.push_back(std::move(e));
  }
  return p;
}

Result<std::vector<ScriptSummary>> ScoringService::MyScripts(const Actor& actor) {
  if (!actor.Has("examiner")) return Denied("examiners only");
  KP_ASSIGN_OR_RETURN(auto scripts, deps_.scoring->ListScripts(0, actor.user_id));
  std::map<std::int64_t, std::pair<store::PlanRecord, PlanPanel>> plans;
  std::vector<ScriptSummary> out;
  for (const auto& s : scripts) {
    auto it = plans.find(s.plan_id);
    if (it == plans.end()) {
      KP_ASSIGN_OR_RETURN(store::PlanRecord plan, Plan(s.plan_id));
      KP_ASSIGN_OR_RETURN(store::ScoringSettingsRecord settings, SettingsOf(s.plan_id));
      KP_ASSIGN_OR_RETURN(PlanPanel panel, LoadPanel(plan, settings));
      it = plans.emplace(s.plan_id, std::make_pair(std::move(plan), std::move(panel))).first;
    }
    const auto& [plan, panel] = it->second;
    ScriptSummary sum;
    sum.script = s.code;
    sum.plan_id = s.plan_id;
    sum.plan_title = plan.title;
    sum.item_id = s.item_id;
    if (s.review_user_id != 0) {
      sum.item_type = "review";
      sum.stem_excerpt = "综合评审 · " + std::to_string(MaterialIds(s.materials_json).size()) + " 项成果";
    } else if (deps_.bank) {
      auto item = deps_.bank->GetVersion(s.item_id, s.item_version);
      if (item.ok()) {
        sum.item_type = bank::ItemTypeName(item->type);
        sum.stem_excerpt = TruncateUtf8(item->stem, 40);
      }
    }
    if (panel.panel) {
      auto st = panel.panel->StateOf(s.code);
      if (st.ok()) sum.state = scoring::ScriptStateName(*st);
      sum.mine_submitted = panel.panel->OwnSubmission(actor.user_id, s.code).has_value();
      const scoring::ScriptSpec* spec = panel.panel->FindScript(s.code);
      if (spec) sum.max_total = MaxTotal(spec->rubric);
    }
    out.push_back(std::move(sum));
  }
  return out;
}

Result<ScriptView> ScoringService::View(const Actor& actor, const store::PlanRecord& plan,
                                        const PlanPanel& panel, const store::ScriptRecord& script) {
  if (!panel.panel) return ScriptNotFound(script.code);
  ScriptView v;
  v.script = script.code;
  v.plan_id = script.plan_id;
  const scoring::ScriptSpec* spec = panel.panel->FindScript(script.code);
  if (spec) v.rubric = spec->rubric;
  v.response = "null";
  if (script.review_user_id != 0) {
    // A review script: the achievements frozen when scoring started, never the candidate's id.
    v.review = true;
    v.item.id = "review";
    v.item.type = bank::ItemType::kPractical;
    v.item.stem = plan.title;
    std::set<std::int64_t> ids = MaterialIds(script.materials_json);
    KP_ASSIGN_OR_RETURN(auto achievements, deps_.scoring->ListAchievements(plan.id, script.review_user_id));
    for (auto& a : achievements) {
      if (!ids.count(a.id)) continue;
      a.user_id = 0;
      v.materials.push_back(std::move(a));
    }
  } else {
    KP_ASSIGN_OR_RETURN(v.item, deps_.bank->GetVersion(script.item_id, script.item_version));
    KP_ASSIGN_OR_RETURN(auto answers, deps_.delivery->GetAnswers(script.attempt_id));
    for (const auto& a : answers) {
      if (a.item_id == script.item_id && a.sequence > 0) v.response = a.response;
    }
  }
  v.mine = panel.panel->OwnSubmission(actor.user_id, script.code);
  v.submitted = v.mine.has_value();
  bool assigned =
      std::find(script.examiners.begin(), script.examiners.end(), actor.user_id) != script.examiners.end();
  v.show_panel = v.submitted || (!assigned && (actor.Has("admin") || panel.chief == actor.user_id));
  KP_ASSIGN_OR_RETURN(v.result, panel.panel->ResultFor(script.code));
  v.state = scoring::ScriptStateName(v.result.state);
  return v;
}

Result<ScriptView> ScoringService::GetScript(const Actor& actor, const std::string& code) {
  if (!actor.Has("admin") && !actor.Has("examiner")) return Denied("scripts");
  KP_ASSIGN_OR_RETURN(store::ScriptRecord script, deps_.scoring->GetScript(code));
  KP_ASSIGN_OR_RETURN(store::PlanRecord plan, Plan(script.plan_id));
  bool assigned =
      std::find(script.examiners.begin(), script.examiners.end(), actor.user_id) != script.examiners.end();
  if (!assigned && !actor.Has("admin") && ChiefOf(plan) != actor.user_id) return ScriptNotFound(code);
  KP_ASSIGN_OR_RETURN(store::ScoringSettingsRecord settings, SettingsOf(plan.id));
  KP_ASSIGN_OR_RETURN(PlanPanel panel, LoadPanel(plan, settings));
  return View(actor, plan, panel, script);
}

Result<ScriptView> ScoringService::ScriptAction(
    const Actor& actor, const std::string& code, const std::string& action,
    const std::function<Status(PlanPanel&, const store::PlanRecord&)>& apply, const std::string& detail,
    const std::string& remote) {
  std::lock_guard<std::mutex> lock(write_mu_);
  KP_ASSIGN_OR_RETURN(store::ScriptRecord script, deps_.scoring->GetScript(code));
  KP_ASSIGN_OR_RETURN(store::PlanRecord plan, Plan(script.plan_id));
  bool assigned =
      std::find(script.examiners.begin(), script.examiners.end(), actor.user_id) != script.examiners.end();
  bool chief = ChiefOf(plan) == actor.user_id;
  if (!assigned && !chief && !actor.Has("admin")) return ScriptNotFound(code);
  if (action == "scoring.submit" && !assigned) {
    return PermissionDenied("scoring.not_assigned", "the script is not assigned to you",
                            "该评分卷未分配给您");
  }
  if (action == "scoring.adjudicate" && !chief && !actor.Has("admin"))
    return Denied("the chief examiner adjudicates");
  KP_ASSIGN_OR_RETURN(store::ScoringSettingsRecord settings, SettingsOf(plan.id));
  KP_ASSIGN_OR_RETURN(PlanPanel panel, LoadPanel(plan, settings));
  if (!panel.panel) return ScriptNotFound(code);
  std::size_t before = panel.panel->events().size();
  KP_RETURN_IF_ERROR(Remap(apply(panel, plan)));
  if (panel.panel->events().size() != before + 1)
    return Internal("scoring.no_event", "the panel recorded no event", "评分事件缺失");
  const scoring::PanelEvent& ev = panel.panel->events().back();
  store::PanelEventRecord rec{0, plan.id, code, codec::PanelEventJson(ev).dump(), ev.at_ms};
  KP_RETURN_IF_ERROR(
      deps_.scoring
          ->AppendPanelEvent(rec, deps_.audit->Entry(actor, action, "script:" + code, detail, remote))
          .status());
  return View(actor, plan, panel, script);
}

Result<ScriptView> ScoringService::SubmitScores(const Actor& actor, const std::string& code,
                                                const std::map<std::string, double>& scores,
                                                const std::string& remote) {
  if (!actor.Has("examiner")) return Denied("examiners only");
  Json detail = Json::object();
  for (const auto& [k, v] : scores) detail[k] = v;
  std::int64_t now = ToUnixMillis(deps_.clock->Now());
  return ScriptAction(
      actor, code, "scoring.submit",
      [&](PlanPanel& p, const store::PlanRecord&) {
        return p.panel->Submit(actor.user_id, code, scores, now);
      },
      Json{{"scores", detail}}.dump(), remote);
}

Result<std::vector<AdjudicationItem>> ScoringService::AdjudicationQueue(const Actor& actor) {
  if (!actor.Has("admin") && !actor.Has("examiner")) return Denied("adjudication");
  std::vector<AdjudicationItem> out;
  std::int64_t after = 0;
  while (true) {
    KP_ASSIGN_OR_RETURN(auto plans, deps_.delivery->ListPlans(500, after));
    for (const auto& plan : plans) {
      if (!actor.Has("admin") && ChiefOf(plan) != actor.user_id) continue;
      auto settings = deps_.scoring->GetSettings(plan.id);
      if (!settings.ok()) continue;
      KP_ASSIGN_OR_RETURN(PlanPanel panel, LoadPanel(plan, *settings));
      if (!panel.panel) continue;
      for (const auto& code : panel.panel->AwaitingAdjudication()) {
        KP_ASSIGN_OR_RETURN(scoring::ScriptResult r, panel.panel->ResultFor(code));
        const scoring::ScriptSpec* spec = panel.panel->FindScript(code);
        for (const auto& c : r.criteria) {
          if (!c.needs_adjudication || c.adjudicated) continue;
          AdjudicationItem a;
          a.script = code;
          a.plan_id = plan.id;
          a.criterion = c.id;
          a.max_points = c.max_points;
          for (const auto& cr : spec->rubric) {
            if (cr.id == c.id) a.description = cr.description;
          }
          for (const auto& [e, s] : c.scores) a.scores.push_back(s);
          a.spread = c.spread.value_or(0);
          a.limit = panel.panel->spread_rule().LimitFor(c.max_points);
          out.push_back(std::move(a));
        }
      }
    }
    if (plans.size() < 500) break;
    after = plans.back().id;
  }
  return out;
}

Result<ScriptView> ScoringService::Adjudicate(const Actor& actor, const std::string& code,
                                              const std::string& criterion, double score,
                                              const std::string& reason, const std::string& remote) {
  if (!actor.Has("admin") && !actor.Has("examiner")) return Denied("adjudication");
  if (Blank(reason))
    return InvalidArgument("scoring.reason_required", "a reason is required", "裁决须填写理由");
  std::int64_t now = ToUnixMillis(deps_.clock->Now());
  return ScriptAction(
      actor, code, "scoring.adjudicate",
      [&](PlanPanel& p, const store::PlanRecord&) {
        return p.panel->Adjudicate(p.panel->chief(), code, criterion, score, reason, now);
      },
      Json{{"criterion", criterion}, {"score", score}, {"reason", reason}}.dump(), remote);
}

// ---- results ------------------------------------------------------------------------------------------

namespace {

struct Gathered {
  std::map<std::string, double> scores;         // subject → score
  std::map<std::string, std::int64_t> plan_of;  // subject → plan
  std::vector<std::string> missing;             // required subjects counted 0
};

}  // namespace

Result<scoring::LevelDecision> ScoringService::Decide(std::int64_t user_id, const std::string& standard,
                                                      const std::string& level, const std::string& direction,
                                                      std::vector<std::int64_t>* plan_ids) {
  KP_ASSIGN_OR_RETURN(const standards::Pack* pack, Pack(standard));
  KP_ASSIGN_OR_RETURN(auto all, deps_.scoring->ListSubjectScores(0, user_id));
  std::map<std::string, store::SubjectScoreRecord> newest;
  std::map<std::int64_t, store::PlanRecord> plans;
  for (const auto& s : all) {
    if (!plans.count(s.plan_id)) {
      KP_ASSIGN_OR_RETURN(plans[s.plan_id], Plan(s.plan_id));
    }
    const auto& p = plans[s.plan_id];
    if (p.standard != standard || p.level != level || p.direction != direction) continue;
    auto it = newest.find(s.subject);
    if (it == newest.end() || s.updated_ms > it->second.updated_ms ||
        (s.updated_ms == it->second.updated_ms && s.attempt_id > it->second.attempt_id)) {
      newest[s.subject] = s;
    }
  }
  scoring::DecisionInput in;
  in.level = level;
  std::set<std::int64_t> ids;
  for (const auto& [subject, s] : newest) {
    in.scores[subject] = s.total;
    ids.insert(s.plan_id);
  }
  std::vector<std::string> missing;
  if (pack->exam_rules) {
    for (const auto& s : pack->exam_rules->subjects) {
      if (!Applies(s, level)) continue;
      if (!s.required) {
        if (in.scores.count(s.kind)) in.planned_optional.insert(s.kind);
        continue;
      }
      if (!in.scores.count(s.kind)) {
        in.scores[s.kind] = 0;
        missing.push_back(s.kind);
      }
    }
  }
  auto d = scoring::DecideLevel(*pack, in);
  if (!d.ok() && !missing.empty()) {
    for (const auto& m : missing) in.scores.erase(m);
    missing.clear();
    d = scoring::DecideLevel(*pack, in);
  }
  KP_RETURN_IF_ERROR(d.status());
  for (const auto& m : missing) {
    const standards::Subject* s = pack->exam_rules->FindSubject(m);
    std::string name = s ? s->name : m;
    d->reasons.push_back({"尚无「" + name + "」成绩，按 0 分计（平台解释）",
                          "no score yet for " + name + ": counted as 0 (platform interpretation)"});
  }
  if (plan_ids) plan_ids->assign(ids.begin(), ids.end());
  return *d;
}

Result<ResultView> ScoringService::MakeView(const Actor& actor, const store::ResultRow& row) {
  ResultView v;
  v.row = row;
  KP_ASSIGN_OR_RETURN(Json j, codec::ParseScoringJson(row.record_json));
  KP_ASSIGN_OR_RETURN(v.record, codec::ResultRecordFromJson(j));
  std::string name;
  auto profile = deps_.delivery->GetProfile(row.user_id);
  if (profile.ok()) {
    name = profile->full_name;
  } else {
    auto u = deps_.users->GetUser(store::UserId(row.user_id));
    if (u.ok()) name = u->display_name;
  }
  v.candidate_name = actor.Has("admin") || actor.user_id == row.user_id ? name : MaskName(name);
  if (const standards::Pack* p = deps_.catalog->Find(row.standard)) v.standard_title = p->title.zh;
  if (deps_.certificate_number) v.certificate = deps_.certificate_number(row.id);
  return v;
}

Result<ResultView> ScoringService::Transition(const Actor& actor, const store::ResultRow& old,
                                              const scoring::ResultTransition& t,
                                              const std::vector<std::int64_t>& plan_ids,
                                              const std::string& remote) {
  store::ResultRow row = old;
  row.state = scoring::ResultStateName(t.record.state);
  row.revision = t.record.revision;
  row.passed = t.record.decision.passed;
  row.record_json = codec::ResultRecordJson(t.record).dump();
  row.computed_ms = t.record.computed_ms;
  if (t.record.state == scoring::ResultState::kPublished) row.published_ms = t.record.published_ms;
  for (auto p : plan_ids) {
    if (std::find(row.plan_ids.begin(), row.plan_ids.end(), p) == row.plan_ids.end())
      row.plan_ids.push_back(p);
  }
  store::ResultHistoryRow h;
  h.revision = t.audit.revision;
  h.action = t.audit.action;
  h.actor = t.audit.actor;
  h.reason = t.audit.reason;
  h.at_ms = t.audit.at_ms;
  h.passed_before = t.audit.passed_before;
  h.passed_after = t.audit.passed_after;
  h.detail_json = codec::ResultAuditJson(t.audit).dump();
  Json detail{{"user_id", row.user_id},     {"standard", row.standard}, {"level", row.level},
              {"direction", row.direction}, {"revision", row.revision}, {"passed", row.passed},
              {"reason", t.audit.reason}};
  if (t.audit.passed_before) detail["passed_before"] = *t.audit.passed_before;
  std::string object = old.id ? "result:" + std::to_string(old.id) : "";
  std::optional<int> expect_revision;
  std::string expect_state;
  if (old.id) {
    expect_revision = old.revision;
    expect_state = old.state;
  }
  KP_ASSIGN_OR_RETURN(store::ResultRow saved,
                      deps_.scoring->PutResult(row, {h}, expect_revision, expect_state,
                                               deps_.audit->Entry(actor, "result." + t.audit.action, object,
                                                                  detail.dump(), remote)));
  return MakeView(actor, saved);
}

Status ScoringService::DecideAll(const Actor& actor, const store::PlanRecord& plan,
                                 const std::set<std::int64_t>& users, std::int64_t now,
                                 const std::string& remote, ComputeOutcome* out_ptr) {
  ComputeOutcome& out = *out_ptr;
  for (std::int64_t user : users) {
    std::vector<std::int64_t> plan_ids;
    KP_ASSIGN_OR_RETURN(scoring::LevelDecision d,
                        Decide(user, plan.standard, plan.level, plan.direction, &plan_ids));
    auto existing = deps_.scoring->FindResult(user, plan.standard, plan.level, plan.direction);
    if (!existing.ok() && existing.status().code() != StatusCode::kNotFound) return existing.status();
    if (!existing.ok()) {
      store::ResultRow row;
      row.user_id = user;
      row.standard = plan.standard;
      row.level = plan.level;
      row.direction = plan.direction;
      KP_ASSIGN_OR_RETURN(
          ResultView v,
          Transition(actor, row,
                     scoring::NewResult(Key(user, plan.standard, plan.level, plan.direction), d, now),
                     plan_ids, remote));
      out.results.push_back(std::move(v));
      ++out.computed;
      continue;
    }
    KP_ASSIGN_OR_RETURN(ResultView cur, MakeView(actor, *existing));
    if (cur.record.state == scoring::ResultState::kPublished) {
      out.results.push_back(std::move(cur));  // published: changes only through a correction
      continue;
    }
    KP_ASSIGN_OR_RETURN(scoring::ResultTransition t, scoring::Recompute(cur.record, d, actor.user_id, now));
    KP_ASSIGN_OR_RETURN(ResultView v, Transition(actor, *existing, t, plan_ids, remote));
    out.results.push_back(std::move(v));
    ++out.computed;
  }
  return Status();
}

Result<ComputeOutcome> ScoringService::ComputeReviewResults(const Actor& actor, const store::PlanRecord& plan,
                                                            const store::ScoringSettingsRecord& settings,
                                                            const std::string& remote) {
  KP_ASSIGN_OR_RETURN(const standards::Pack* pack, Pack(plan.standard));
  KP_ASSIGN_OR_RETURN(PlanPanel panel, LoadPanel(plan, settings));
  const double full = MaxScoreOf(*pack, plan.kind);
  std::int64_t now = ToUnixMillis(deps_.clock->Now());
  ComputeOutcome out;
  std::vector<store::SubjectScoreRecord> scores;
  std::set<std::int64_t> users;
  for (const auto& [code, s] : panel.scripts) {
    if (s.review_user_id == 0) continue;
    KP_ASSIGN_OR_RETURN(scoring::ScriptResult r, panel.panel->ResultFor(code));
    std::optional<double> total = r.Scaled(full);
    if (r.state != scoring::ScriptState::kFinal || !total) {
      ++out.pending_scripts;
      continue;
    }
    Json criteria = Json::array();
    for (const auto& c : r.criteria) {
      criteria.push_back(Json{{"id", c.id}, {"max", c.max_points}, {"score", c.final_score.value_or(0)}});
    }
    Json score{{"kind", "review"}, {"total", *total}, {"max", full}, {"criteria", criteria}};
    scores.push_back({0, plan.id, s.review_user_id, plan.kind, "", score.dump(), *total, now});
    users.insert(s.review_user_id);
  }
  if (!scores.empty()) {
    KP_RETURN_IF_ERROR(deps_.scoring->PutSubjectScores(
        scores,
        deps_.audit->Entry(
            actor, "scoring.subject_scores", "plan:" + std::to_string(plan.id),
            Json{{"review", true}, {"candidates", scores.size()}, {"pending_scripts", out.pending_scripts}}
                .dump(),
            remote)));
  }
  KP_RETURN_IF_ERROR(DecideAll(actor, plan, users, now, remote, &out));
  return out;
}

Result<ComputeOutcome> ScoringService::ComputeResults(const Actor& actor, std::int64_t plan_id,
                                                      const std::string& remote) {
  KP_RETURN_IF_ERROR(RequireAdmin(actor));
  std::lock_guard<std::mutex> lock(write_mu_);
  KP_ASSIGN_OR_RETURN(store::PlanRecord plan, Plan(plan_id));
  auto stored = deps_.scoring->GetSettings(plan_id);
  if (!stored.ok()) {
    if (stored.status().reason() == "scoring.no_settings") {
      return FailedPrecondition("scoring.not_started", "scoring has not been started for this plan",
                                "该考试计划尚未开始评分");
    }
    return stored.status();
  }
  if (IsAchievementPlan(plan)) return ComputeReviewResults(actor, plan, *stored, remote);
  KP_ASSIGN_OR_RETURN(scoring::ObjectivePolicy policy, PolicyOf(plan_id));
  KP_ASSIGN_OR_RETURN(auto versions, CorrectedVersions(plan_id));
  KP_ASSIGN_OR_RETURN(Bundle bundle, PaperOf(plan, versions));
  KP_ASSIGN_OR_RETURN(PlanPanel panel, LoadPanel(plan, *stored));
  ComputeOutcome out;
  std::map<std::int64_t, std::map<std::string, double>> human;  // attempt → item → points on the item's scale
  for (const auto& [code, s] : panel.scripts) {
    KP_ASSIGN_OR_RETURN(scoring::ScriptResult r, panel.panel->ResultFor(code));
    if (r.state != scoring::ScriptState::kFinal || !r.total || r.max_total <= 0) {
      ++out.pending_scripts;
      continue;
    }
    for (const auto& item : bundle.items) {
      if (item.id == s.item_id) human[s.attempt_id][s.item_id] = *r.total / r.max_total * item.points;
    }
  }
  KP_ASSIGN_OR_RETURN(auto scores, deps_.scoring->ListSubjectScores(plan_id, 0));
  std::int64_t now = ToUnixMillis(deps_.clock->Now());
  std::set<std::int64_t> users;
  for (auto& s : scores) {
    KP_ASSIGN_OR_RETURN(scoring::PaperScore ps,
                        ScoreAttempt(bundle, s.attempt_id, policy, human[s.attempt_id]));
    s.score_json = codec::PaperScoreJson(ps).dump();
    s.total = ps.total;
    s.updated_ms = now;
    users.insert(s.user_id);
  }
  if (!scores.empty()) {
    KP_RETURN_IF_ERROR(deps_.scoring->PutSubjectScores(
        scores,
        deps_.audit->Entry(actor, "scoring.subject_scores", "plan:" + std::to_string(plan_id),
                           Json{{"attempts", scores.size()}, {"pending_scripts", out.pending_scripts}}.dump(),
                           remote)));
  }
  KP_RETURN_IF_ERROR(DecideAll(actor, plan, users, now, remote, &out));
  return out;
}

Result<std::vector<ResultView>> ScoringService::ListResults(const Actor& actor, store::ResultFilter filter) {
  if (!actor.Has("admin")) {
    if (!actor.Has("candidate")) return Denied("results");
    filter.user_id = actor.user_id;
    filter.state = "published";
  }
  KP_ASSIGN_OR_RETURN(auto rows, deps_.scoring->ListResults(filter));
  std::vector<ResultView> out;
  for (const auto& r : rows) {
    KP_ASSIGN_OR_RETURN(ResultView v, MakeView(actor, r));
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::optional<scoring::CapabilityProfile>> ScoringService::ProfileOf(
    const store::ResultRow& row, const scoring::ResultRecord& record) {
  KP_ASSIGN_OR_RETURN(const standards::Pack* pack, Pack(row.standard));
  std::vector<scoring::ItemEvidence> evidence;
  if (record.decision.rule == "weighted_dimensions") {
    evidence = scoring::EvidenceFromDecision(record.decision);
  } else {
    KP_ASSIGN_OR_RETURN(auto scores, deps_.scoring->ListSubjectScores(0, row.user_id));
    for (const auto& s : scores) {
      if (std::find(row.plan_ids.begin(), row.plan_ids.end(), s.plan_id) == row.plan_ids.end()) continue;
      if (s.attempt_id == 0) continue;  // a review score has no paper items to give evidence per function
      KP_ASSIGN_OR_RETURN(store::PlanRecord plan, Plan(s.plan_id));
      KP_ASSIGN_OR_RETURN(auto versions, CorrectedVersions(s.plan_id));
      KP_ASSIGN_OR_RETURN(Bundle bundle, PaperOf(plan, versions));
      KP_ASSIGN_OR_RETURN(Json j, codec::ParseScoringJson(s.score_json));
      KP_ASSIGN_OR_RETURN(scoring::PaperScore ps, codec::PaperScoreFromJson(j));
      auto ev = scoring::EvidenceFromPaper(bundle.paper, bundle.items, ps);
      if (!ev.ok()) continue;
      evidence.insert(evidence.end(), ev->begin(), ev->end());
    }
  }
  auto profile = scoring::BuildCapabilityProfile(*pack, "user:" + std::to_string(row.user_id), row.level,
                                                 row.direction, evidence);
  if (!profile.ok()) return std::optional<scoring::CapabilityProfile>();
  return std::optional<scoring::CapabilityProfile>(std::move(profile).value());
}

Result<ResultDetail> ScoringService::GetResult(const Actor& actor, std::int64_t id) {
  auto row = deps_.scoring->GetResult(id);
  if (!row.ok()) return row.status().code() == StatusCode::kNotFound ? ResultNotFound(id) : row.status();
  if (!actor.Has("admin") && !(row->user_id == actor.user_id && row->state == "published"))
    return ResultNotFound(id);
  ResultDetail d;
  KP_ASSIGN_OR_RETURN(d.view, MakeView(actor, *row));
  KP_ASSIGN_OR_RETURN(d.profile, ProfileOf(*row, d.view.record));
  return d;
}

Result<std::vector<store::ResultHistoryRow>> ScoringService::History(const Actor& actor, std::int64_t id) {
  KP_RETURN_IF_ERROR(RequireAdmin(actor));
  return deps_.scoring->ResultHistory(id);
}

Result<ResultView> ScoringService::Review(const Actor& actor, std::int64_t id, const std::string& remote) {
  KP_RETURN_IF_ERROR(RequireAdmin(actor));
  std::lock_guard<std::mutex> lock(write_mu_);
  KP_ASSIGN_OR_RETURN(store::ResultRow row, deps_.scoring->GetResult(id));
  KP_ASSIGN_OR_RETURN(ResultView cur, MakeView(actor, row));
  KP_ASSIGN_OR_RETURN(auto t,
                      scoring::MarkReviewed(cur.record, actor.user_id, ToUnixMillis(deps_.clock->Now())));
  return Transition(actor, row, t, {}, remote);
}

Result<ResultView> ScoringService::Publish(const Actor& actor, std::int64_t id, const std::string& remote) {
  KP_RETURN_IF_ERROR(RequireAdmin(actor));
  std::lock_guard<std::mutex> lock(write_mu_);
  KP_ASSIGN_OR_RETURN(store::ResultRow row, deps_.scoring->GetResult(id));
  KP_ASSIGN_OR_RETURN(ResultView cur, MakeView(actor, row));
  KP_ASSIGN_OR_RETURN(auto t, scoring::Publish(cur.record, actor.user_id, ToUnixMillis(deps_.clock->Now())));
  return Transition(actor, row, t, {}, remote);
}

Result<ResultView> ScoringService::ReviewAndPublish(const Actor& actor, store::ResultRow row,
                                                    const std::string& remote) {
  std::int64_t now = ToUnixMillis(deps_.clock->Now());
  KP_ASSIGN_OR_RETURN(ResultView cur, MakeView(actor, row));
  if (cur.record.state == scoring::ResultState::kComputed) {
    KP_ASSIGN_OR_RETURN(auto t, scoring::MarkReviewed(cur.record, actor.user_id, now));
    KP_ASSIGN_OR_RETURN(cur, Transition(actor, row, t, {}, remote));
    row = cur.row;
  }
  KP_ASSIGN_OR_RETURN(auto t, scoring::Publish(cur.record, actor.user_id, now));
  return Transition(actor, row, t, {}, remote);
}

Result<PublishOutcome> ScoringService::PublishPlan(const Actor& actor, std::int64_t plan_id,
                                                   const std::string& remote) {
  KP_RETURN_IF_ERROR(RequireAdmin(actor));
  std::lock_guard<std::mutex> lock(write_mu_);
  KP_RETURN_IF_ERROR(Plan(plan_id).status());
  store::ResultFilter f;
  f.plan_id = plan_id;
  f.limit = 0;
  KP_ASSIGN_OR_RETURN(auto rows, deps_.scoring->ListResults(f));
  PublishOutcome out;
  for (const auto& r : rows) {
    if (r.state == "published") continue;
    KP_ASSIGN_OR_RETURN(ResultView v, ReviewAndPublish(actor, r, remote));
    out.results.push_back(std::move(v));
    ++out.published;
  }
  return out;
}

Result<ResultView> ScoringService::Correct(const Actor& actor, std::int64_t id, const std::string& reason,
                                           const std::string& remote) {
  KP_RETURN_IF_ERROR(RequireAdmin(actor));
  std::lock_guard<std::mutex> lock(write_mu_);
  KP_ASSIGN_OR_RETURN(store::ResultRow row, deps_.scoring->GetResult(id));
  KP_ASSIGN_OR_RETURN(ResultView cur, MakeView(actor, row));
  std::vector<std::int64_t> plan_ids;
  KP_ASSIGN_OR_RETURN(scoring::LevelDecision d,
                      Decide(row.user_id, row.standard, row.level, row.direction, &plan_ids));
  KP_ASSIGN_OR_RETURN(
      auto t, scoring::Correct(cur.record, d, actor.user_id, reason, ToUnixMillis(deps_.clock->Now())));
  return Transition(actor, row, t, plan_ids, remote);
}

Result<RescoreOutcome> ScoringService::Rescore(const Actor& actor, std::int64_t plan_id,
                                               const std::string& reason, const std::string& remote) {
  KP_RETURN_IF_ERROR(RequireAdmin(actor));
  if (Blank(reason))
    return InvalidArgument("rescore.reason_required", "a reason is required", "重新评分须填写理由");
  std::lock_guard<std::mutex> lock(write_mu_);
  KP_ASSIGN_OR_RETURN(store::PlanRecord plan, Plan(plan_id));
  KP_ASSIGN_OR_RETURN(const standards::Pack* pack, Pack(plan.standard));
  auto stored = deps_.scoring->GetSettings(plan_id);
  if (!stored.ok()) {
    if (stored.status().reason() == "scoring.no_settings") {
      return FailedPrecondition("scoring.not_started", "scoring has not been started for this plan",
                                "该考试计划尚未开始评分");
    }
    return stored.status();
  }
  KP_ASSIGN_OR_RETURN(scoring::ObjectivePolicy policy, PolicyOf(plan_id));
  KP_ASSIGN_OR_RETURN(auto versions, CorrectedVersions(plan_id));
  KP_ASSIGN_OR_RETURN(Bundle old, PaperOf(plan, versions));

  RescoreOutcome out;
  scoring::KeyCorrection correction;
  correction.reason = reason;
  for (const auto& item : old.items) {
    KP_ASSIGN_OR_RETURN(auto history, deps_.bank->History(item.id));
    const bank::Item* newest = nullptr;
    for (const auto& h : history) {
      if (h.status == bank::ItemStatus::kApproved && h.version > item.version &&
          (!newest || h.version > newest->version)) {
        newest = &h;
      }
    }
    if (newest) {
      correction.corrected.push_back(*newest);
      versions[item.id] = newest->version;
      out.corrected_items.push_back(item.id + "@" + std::to_string(newest->version));
    }
  }
  if (correction.corrected.empty()) return out;  // no key correction since the paper (or the last rescore)

  KP_ASSIGN_OR_RETURN(PlanPanel panel, LoadPanel(plan, *stored));
  std::map<std::int64_t, std::map<std::string, double>> human;
  for (const auto& [code, s] : panel.scripts) {
    KP_ASSIGN_OR_RETURN(scoring::ScriptResult r, panel.panel->ResultFor(code));
    if (r.state != scoring::ScriptState::kFinal || !r.total || r.max_total <= 0) continue;
    for (const auto& item : old.items) {
      if (item.id == s.item_id) human[s.attempt_id][s.item_id] = *r.total / r.max_total * item.points;
    }
  }
  KP_ASSIGN_OR_RETURN(auto scores, deps_.scoring->ListSubjectScores(plan_id, 0));
  std::vector<scoring::RescoreCandidate> candidates;
  for (const auto& s : scores) {
    scoring::RescoreCandidate c;
    c.candidate = Key(s.user_id, plan.standard, plan.level, plan.direction);
    c.level = plan.level;
    KP_ASSIGN_OR_RETURN(auto answers, deps_.delivery->GetAnswers(s.attempt_id));
    for (const auto& a : answers) {
      if (a.sequence <= 0) continue;
      for (const auto& item : old.items) {
        if (item.id == a.item_id && bank::IsObjective(item.type))
          c.answers.responses[a.item_id] = codec::ResponseFromJson(item, a.response);
      }
    }
    c.answers.human_points = human[s.attempt_id];
    KP_ASSIGN_OR_RETURN(scoring::LevelDecision d,
                        Decide(s.user_id, plan.standard, plan.level, plan.direction, nullptr));
    for (const auto& so : d.subjects) {
      if (so.subject != plan.kind && so.score && so.counted) c.other_scores[so.subject] = *so.score;
      if (so.subject != plan.kind && so.counted && pack->exam_rules) {
        const standards::Subject* sub = pack->exam_rules->FindSubject(so.subject);
        if (sub && !sub->required) c.planned_optional.insert(so.subject);
      }
    }
    candidates.push_back(std::move(c));
  }
  KP_ASSIGN_OR_RETURN(scoring::RescoreReport report,
                      scoring::RescoreAfterKeyCorrection(*pack, plan.kind, old.paper, old.items, correction,
                                                         candidates, policy));

  // The corrected versions become the plan's; every script is rescored with them.
  store::ScoringSettingsRecord settings = *stored;
  Json vj = Json::object();
  for (const auto& [k, v] : versions) vj[k] = v;
  settings.item_versions_json = vj.dump();
  KP_RETURN_IF_ERROR(deps_.scoring->PutSettings(
      settings, deps_.audit->Entry(actor, "scoring.key_correction", "plan:" + std::to_string(plan_id),
                                   Json{{"reason", reason}, {"items", out.corrected_items}}.dump(), remote)));
  KP_ASSIGN_OR_RETURN(Bundle fresh, PaperOf(plan, versions));
  std::int64_t now = ToUnixMillis(deps_.clock->Now());
  for (auto& s : scores) {
    KP_ASSIGN_OR_RETURN(scoring::PaperScore ps,
                        ScoreAttempt(fresh, s.attempt_id, policy, human[s.attempt_id]));
    s.score_json = codec::PaperScoreJson(ps).dump();
    s.total = ps.total;
    s.updated_ms = now;
  }
  if (!scores.empty()) {
    KP_RETURN_IF_ERROR(deps_.scoring->PutSubjectScores(
        scores,
        deps_.audit->Entry(actor, "scoring.rescore", "plan:" + std::to_string(plan_id),
                           Json{{"reason", reason}, {"changed", report.changed.size()}}.dump(), remote)));
  }
  for (const auto& e : report.changed) {
    std::int64_t user = UserOfKey(e.candidate);
    out.changed.push_back({user, e.old_score, e.new_score, e.flip});
    if (e.flip == scoring::Flip::kFailToPass) out.now_passing.push_back(user);
    if (e.flip == scoring::Flip::kPassToFail) out.now_failing.push_back(user);
    auto row = deps_.scoring->FindResult(user, plan.standard, plan.level, plan.direction);
    if (!row.ok()) continue;  // not computed yet: the next compute uses the new scores
    std::vector<std::int64_t> plan_ids;
    KP_ASSIGN_OR_RETURN(scoring::LevelDecision d,
                        Decide(user, plan.standard, plan.level, plan.direction, &plan_ids));
    KP_ASSIGN_OR_RETURN(ResultView cur, MakeView(actor, *row));
    if (cur.record.state == scoring::ResultState::kPublished) {
      KP_ASSIGN_OR_RETURN(auto t, scoring::Correct(cur.record, d, actor.user_id, reason, now));
      KP_ASSIGN_OR_RETURN(ResultView corrected, Transition(actor, *row, t, plan_ids, remote));
      KP_RETURN_IF_ERROR(ReviewAndPublish(actor, corrected.row, remote).status());
    } else {
      KP_ASSIGN_OR_RETURN(auto t, scoring::Recompute(cur.record, d, actor.user_id, now));
      KP_RETURN_IF_ERROR(Transition(actor, *row, t, plan_ids, remote).status());
    }
  }
  return out;
}

// ---- capability ------------------------------------------------------------------------------------------

Result<ResultDetail> ScoringService::MyCapability(const Actor& actor) {
  if (!actor.Has("candidate")) return Denied("candidates only");
  store::ResultFilter f;
  f.user_id = actor.user_id;
  f.state = "published";
  f.limit = 0;
  KP_ASSIGN_OR_RETURN(auto rows, deps_.scoring->ListResults(f));
  if (rows.empty())
    return NotFound("result.not_found", "you have no published result yet", "您还没有已发布的成绩");
  const store::ResultRow* newest = &rows.front();
  for (const auto& r : rows) {
    if (r.published_ms > newest->published_ms) newest = &r;
  }
  return GetResult(actor, newest->id);
}

Result<scoring::OrgAggregate> ScoringService::OrgCapability(const Actor& actor, const std::string& standard,
                                                            const std::string& level) {
  if (!actor.Has("admin") && !actor.Has("org")) return Denied("organisation capability");
  if (standard.empty()) {
    return InvalidArgument("capability.standard_required", "query parameter 'standard' is required",
                           "须指定查询参数 standard");
  }
  KP_ASSIGN_OR_RETURN(const standards::Pack* pack, Pack(standard));
  store::ResultFilter f;
  f.standard = standard;
  f.state = "published";
  f.limit = 0;
  KP_ASSIGN_OR_RETURN(auto rows, deps_.scoring->ListResults(f));
  std::vector<scoring::CapabilityProfile> profiles;
  std::set<std::int64_t> people;
  for (const auto& r : rows) {
    if (!actor.Has("admin")) {
      auto p = deps_.delivery->GetProfile(r.user_id);
      if (!p.ok()) continue;
      bool member = false;
      for (const auto& w : p->facts.work_history) {
        if (w.to.empty() && w.organisation == actor.display_name) member = true;
      }
      if (!member) continue;
    }
    KP_ASSIGN_OR_RETURN(Json j, codec::ParseScoringJson(r.record_json));
    KP_ASSIGN_OR_RETURN(scoring::ResultRecord rec, codec::ResultRecordFromJson(j));
    KP_ASSIGN_OR_RETURN(auto profile, ProfileOf(r, rec));
    if (profile) {
      profiles.push_back(std::move(*profile));
      people.insert(r.user_id);
    }
  }
  if (profiles.empty()) {
    scoring::OrgAggregate empty;
    empty.standard = standard;
    empty.target_level = level;
    return empty;
  }
  scoring::AggregateOptions options;
  options.target_level = level;
  KP_ASSIGN_OR_RETURN(scoring::OrgAggregate agg, scoring::AggregateProfiles(*pack, profiles, options));
  agg.people = static_cast<int>(people.size());
  return agg;
}

Result<PublishedResult> ScoringService::GetPublishedResult(std::int64_t result_id) {
  auto row = deps_.scoring->GetResult(result_id);
  if (!row.ok() || row->state != "published") return ResultNotFound(result_id);
  KP_ASSIGN_OR_RETURN(Json j, codec::ParseScoringJson(row->record_json));
  KP_ASSIGN_OR_RETURN(scoring::ResultRecord rec, codec::ResultRecordFromJson(j));
  PublishedResult p;
  p.result_id = row->id;
  p.revision = row->revision;
  p.user_id = row->user_id;
  auto profile = deps_.delivery->GetProfile(row->user_id);
  if (profile.ok()) {
    p.holder_name = profile->full_name;
    if (deps_.pii) {
      auto id = deps_.pii->Unseal(profile->id_number_sealed);
      if (id.ok()) p.id_number = *id;
    }
  } else {
    auto u = deps_.users->GetUser(store::UserId(row->user_id));
    if (u.ok()) p.holder_name = u->display_name;
  }
  p.standard = row->standard;
  if (const standards::Pack* pack = deps_.catalog->Find(row->standard)) p.standard_title = pack->title.zh;
  p.level = row->level;
  p.level_name = rec.decision.level_name;
  p.direction = row->direction;
  p.passed = row->passed;
  p.grade = rec.decision.grade;
  p.total = rec.decision.total;
  p.published_ms = row->published_ms;
  return p;
}

}  // namespace kaoping::service
