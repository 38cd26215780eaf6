// -----------------------------------------------------------------------------
// File: service/scoring_service.h
// -----------------------------------------------------------------------------
//
// Scoring use cases (issue #6): objective scoring of submitted attempts, anonymous human-scoring
// scripts for an examiner panel (blind scoring, median, adjudication by the chief examiner),
// level decisions from the standard pack's result rules, the result lifecycle (computed →
// reviewed → published → corrected), rescoring after a key correction, capability profiles.
// The domain rules are core/scoring's; this layer loads, checks access, stores and audits.
//
// Platform interpretations (docs/scoring.md):
//   * The chief examiner (主考) of a plan is the first examiner listed on its first session.
//     An administrator may also adjudicate; the panel event then names the chief (the panel's
//     rule) and the audit row names the administrator.
//   * The panel of a plan is every examiner of its sessions; a script is assigned to the
//     examiners of the session the attempt sat in. The staffing rules (CheckScoringPanel) are
//     checked per session that has submitted attempts, with that session's examiners.
//   * A subject score is the plan's paper total on the subject's max_score (100); a human item
//     earns the panel's script total scaled to the item's points; pending scripts count 0.
//   * A result is per (candidate, standard, level, direction) and takes the newest score the
//     candidate has for each subject from any plan of that standard, level and direction. A
//     required subject the candidate has no score for counts 0 (and the result says so).
//   * Organisation users are linked to candidates by name: a candidate belongs to the
//     organisation whose org account's display name equals the organisation of the candidate's
//     current job (profile work history entry without an end month).
//
// Access: admin does everything but examiner scoring; an examiner sees only scripts assigned to
// them (plus, for the chief, the plan's adjudication queue and progress); a candidate sees only
// their own published results. Objects a caller may not see answer their NOT_FOUND; a role that
// can never do something gets PERMISSION_DENIED "access.denied". Every change is audited in the
// transaction that makes it.
//
// Thread safety: thread-safe (writes are serialised by one mutex: a panel decision and the
// event recording it happen under it).

#ifndef KAOPING_SERVICE_SCORING_SERVICE_H_
#define KAOPING_SERVICE_SCORING_SERVICE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "core/bank/item.h"
#include "core/bank/paper.h"
#include "core/scoring/capability.h"
#include "core/scoring/decision.h"
#include "core/scoring/objective.h"
#include "core/scoring/panel.h"
#include "core/scoring/rescore.h"
#include "core/scoring/result_record.h"
#include "service/actor.h"
#include "service/audit.h"
#include "service/delivery_pii.h"
#include "service/standards_catalog.h"
#include "store/bank_store.h"
#include "store/delivery_store.h"
#include "store/scoring_store.h"
#include "store/store.h"

namespace kaoping::service {

struct ScoringDeps {
  store::Store* users = nullptr;
  store::DeliveryStore* delivery = nullptr;
  store::BankStore* bank = nullptr;
  store::ScoringStore* scoring = nullptr;
  std::shared_ptr<const StandardsCatalog> catalog;
  std::shared_ptr<const PiiVault> pii;  // optional: without it id numbers are not revealed to issuers
  AuditLog* audit = nullptr;
  const Clock* clock = nullptr;
  // Anonymous script codes ("S-7Q2K9D"); default: 6 characters from libsodium's generator.
  std::function<std::string()> script_code;
  // The certificate number of a result, when one was issued (wired by the certificates module).
  std::function<std::optional<std::string>(std::int64_t result_id)> certificate_number;
};

// Optional settings of POST /plans/{plan}/scoring/start (unset = keep / default).
struct ScoringSettingsInput {
  std::optional<std::string> multiple_choice;  // "all_or_nothing" | "partial"
  std::optional<double> partial_fraction;      // partial only; 0 = proportional
  std::optional<std::string> spread_kind;      // "fraction" | "points"
  std::optional<double> spread_value;
  // Review and achievement plans only: the requirement paths the rubric is built from (one
  // criterion each). Unset: the platform's default rubric (scoring::DefaultReviewRubric).
  std::optional<std::vector<std::string>> review_requirements;
};

struct ExaminerProgress {
  std::int64_t user_id = 0;
  std::string display_name;
  int assigned = 0;
  int submitted = 0;
  int pending = 0;
};

struct ScoringProgress {
  std::int64_t plan_id = 0;
  bool started = false;
  store::ScoringSettingsRecord settings;
  int attempts_scored = 0;
  int scripts_total = 0;
  int scripts_final = 0;
  int adjudication_pending = 0;
  std::int64_t chief = 0;
  std::vector<ExaminerProgress> examiners;
};

struct StartOutcome {
  std::vector<scoring::PanelViolation> violations;  // non-empty: nothing was started
  std::optional<ScoringProgress> progress;
};

struct ScriptSummary {
  std::string script;
  std::int64_t plan_id = 0;
  std::string plan_title;
  std::string item_id;
  std::string item_type;
  std::string stem_excerpt;
  std::string state;  // scoring | adjudication | final
  bool mine_submitted = false;
  double max_total = 0;
};

// A script as the caller may see it: never the candidate's identity.
struct ScriptView {
  std::string script;
  std::int64_t plan_id = 0;
  std::string state;
  bank::Item item;  // the examiner's view: stem, task, reference answer, rubric (no key beyond that)
  std::vector<scoring::Criterion> rubric;
  std::string response;  // the candidate's answer, JSON text ("null" when unanswered)
  std::optional<std::map<std::string, double>> mine;
  bool submitted = false;
  bool show_panel = false;  // criteria/total visible (the caller submitted, or is chief/admin)
  scoring::ScriptResult result;
  // Comprehensive review (综合评审): the candidate's achievements instead of an answer; user_id
  // is always 0 (examiners never learn whose they are).
  bool review = false;
  std::vector<store::AchievementRecord> materials;
};

struct AdjudicationItem {
  std::string script;
  std::int64_t plan_id = 0;
  std::string criterion;
  std::string description;
  double max_points = 0;
  std::vector<double> scores;
  double spread = 0;
  double limit = 0;
};

struct ResultView {
  store::ResultRow row;
  scoring::ResultRecord record;
  std::string candidate_name;  // masked unless the caller is the candidate or an admin
  std::string standard_title;
  std::optional<std::string> certificate;
};

struct ComputeOutcome {
  int computed = 0;
  int pending_scripts = 0;
  std::vector<ResultView> results;
};

struct PublishOutcome {
  int published = 0;
  std::vector<ResultView> results;
};

struct ResultDetail {
  ResultView view;
  std::optional<scoring::CapabilityProfile> profile;
};

struct RescoreChange {
  std::int64_t user_id = 0;
  double old_score = 0;
  double new_score = 0;
  scoring::Flip flip = scoring::Flip::kNone;
};

struct RescoreOutcome {
  std::vector<RescoreChange> changed;
  std::vector<std::int64_t> now_passing;
  std::vector<std::int64_t> now_failing;
  std::vector<std::string> corrected_items;  // "item@version" now used
};

// What a certificate issuer needs about a published result (GetPublishedResult).
struct PublishedResult {
  std::int64_t result_id = 0;
  int revision = 1;
  std::int64_t user_id = 0;
  std::string holder_name;               // full name from the candidate profile (display name without one)
  std::optional<std::string> id_number;  // clear ID number when a profile and the pii key are available
  std::string standard;                  // pack id
  std::string standard_title;
  std::string level;
  std::string level_name;
  std::string direction;
  bool passed = false;
  std::optional<int> grade;     // 000
  std::optional<double> total;  // 000
  std::int64_t published_ms = 0;
};

// A candidate's achievement for a comprehensive-review plan (综合评审).
struct AchievementInput {
  std::string kind;     // project | report | paper | patent | other
  std::string title;    // 1–200 characters
  std::string summary;  // ≤ 20,000 characters
};

class ScoringService {
 public:
  explicit ScoringService(ScoringDeps deps);

  // ---- comprehensive review (综合评审) ---------------------------------------------------------
  // A candidate submits an achievement to a plan of kind "review" on which they hold an APPROVED
  // registration; audited "achievement.submit". NOT_FOUND "plan.not_found" (also for a plan the
  // candidate is not registered on: ids are not probeable); FAILED_PRECONDITION
  // "achievement.not_review" (the plan is not a review plan), "achievement.not_approved";
  // INVALID_ARGUMENT "achievement.bad_kind", "achievement.bad_title", "achievement.summary_too_long".
  Result<store::AchievementRecord> SubmitAchievement(const Actor& actor, std::int64_t plan_id,
                                                     const AchievementInput& in, const std::string& remote);
  // Admin: every candidate's achievements on the plan; a registered candidate: their own (an
  // empty list when they have none). NOT_FOUND "plan.not_found", also for a caller who is not
  // registered on the plan.
  Result<std::vector<store::AchievementRecord>> ListAchievements(const Actor& actor, std::int64_t plan_id);

  // ---- scoring -----------------------------------------------------------------------------------
  // Admin. Re-checks the staffing rules, scores the objective items of every submitted attempt
  // with the plan's policy and creates the human-scoring scripts. Idempotent. NOT_FOUND
  // "plan.not_found"; FAILED_PRECONDITION "plan.no_paper"; INVALID_ARGUMENT "scoring.bad_policy".
  // On a review or achievement plan: one anonymous script per candidate who submitted
  // achievements (those submitted so far are its materials), assigned to every examiner of the
  // plan's sessions, with the rubric from `review_requirements` or the default rubric; the
  // staffing rules are checked for the plan's subject ("review.*" fields). INVALID_ARGUMENT /
  // NOT_FOUND "review.*" for a bad requirement list.
  Result<StartOutcome> StartScoring(const Actor& actor, std::int64_t plan_id,
                                    const ScoringSettingsInput& settings, const std::string& remote);
  // Admin or the plan's chief.
  Result<ScoringProgress> Progress(const Actor& actor, std::int64_t plan_id);
  // Examiner: the scripts assigned to the caller.
  Result<std::vector<ScriptSummary>> MyScripts(const Actor& actor);
  // Assigned examiner, chief, admin; NOT_FOUND "scoring.script_not_found" for anyone else.
  Result<ScriptView> GetScript(const Actor& actor, const std::string& code);
  // Assigned examiner. INVALID_ARGUMENT "scoring.bad_score"; FAILED_PRECONDITION
  // "scoring.already_submitted".
  Result<ScriptView> SubmitScores(const Actor& actor, const std::string& code,
                                  const std::map<std::string, double>& scores, const std::string& remote);
  // Chief or admin: criteria whose spread exceeds the limit.
  Result<std::vector<AdjudicationItem>> AdjudicationQueue(const Actor& actor);
  // Chief or admin. INVALID_ARGUMENT "scoring.reason_required", "scoring.bad_score";
  // FAILED_PRECONDITION "scoring.no_adjudication_needed", "scoring.submissions_pending".
  Result<ScriptView> Adjudicate(const Actor& actor, const std::string& code, const std::string& criterion,
                                double score, const std::string& reason, const std::string& remote);

  // ---- results -----------------------------------------------------------------------------------
  // Admin. Computes (or recomputes, before publication) the result of every candidate with a
  // score in the plan. On a review plan each final review script's panel total (on the subject's
  // max_score) becomes the candidate's "review" subject score, which the level decision counts
  // as a planned optional subject (002) or a dimension (000's achievement).
  Result<ComputeOutcome> ComputeResults(const Actor& actor, std::int64_t plan_id, const std::string& remote);
  // Admin: any (filter); candidate: own published only; other roles: PERMISSION_DENIED.
  Result<std::vector<ResultView>> ListResults(const Actor& actor, store::ResultFilter filter);
  // Admin, or the owner once published (NOT_FOUND "result.not_found" otherwise); with the
  // capability profile.
  Result<ResultDetail> GetResult(const Actor& actor, std::int64_t id);
  Result<std::vector<store::ResultHistoryRow>> History(const Actor& actor, std::int64_t id);
  Result<ResultView> Review(const Actor& actor, std::int64_t id, const std::string& remote);
  // FAILED_PRECONDITION "result.not_reviewed".
  Result<ResultView> Publish(const Actor& actor, std::int64_t id, const std::string& remote);
  // Reviews and publishes every computed or reviewed result of the plan.
  Result<PublishOutcome> PublishPlan(const Actor& actor, std::int64_t plan_id, const std::string& remote);
  // Published result → revision n+1 computed from the current scores. INVALID_ARGUMENT
  // "result.reason_required"; FAILED_PRECONDITION "result.not_published".
  Result<ResultView> Correct(const Actor& actor, std::int64_t id, const std::string& reason,
                             const std::string& remote);
  // Admin. Rescores the plan's paper with the newest approved version of each item; corrects
  // and republishes published results that changed, recomputes the others.
  // INVALID_ARGUMENT "rescore.reason_required".
  Result<RescoreOutcome> Rescore(const Actor& actor, std::int64_t plan_id, const std::string& reason,
                                 const std::string& remote);

  // ---- capability ----------------------------------------------------------------------------------
  // Candidate: the profile of their newest published result. NOT_FOUND "result.not_found".
  Result<ResultDetail> MyCapability(const Actor& actor);
  // Org (their linked candidates) or admin (everyone): the aggregate over published results of
  // `standard` (required), gaps against `level` when given.
  Result<scoring::OrgAggregate> OrgCapability(const Actor& actor, const std::string& standard,
                                              const std::string& level);

  // ---- for the certificates module (no actor: the caller checks access) ------------------------------
  // NOT_FOUND "result.not_found" unless the result exists and is published.
  Result<PublishedResult> GetPublishedResult(std::int64_t result_id);

  // The objective policy of a plan (defaults when never configured).
  Result<scoring::ObjectivePolicy> PolicyOf(std::int64_t plan_id);

 private:
  struct Bundle {
    bank::Paper paper;              // with corrected item versions substituted
    std::vector<bank::Item> items;  // parallel to paper.items
  };
  struct PlanPanel {
    std::optional<scoring::ScoringPanel> panel;
    std::map<std::string, store::ScriptRecord> scripts;
    std::int64_t chief = 0;
  };

  Status RequireAdmin(const Actor& actor) const;
  Result<store::PlanRecord> Plan(std::int64_t plan_id);
  Result<const standards::Pack*> Pack(const std::string& id) const;
  std::int64_t ChiefOf(const store::PlanRecord& plan) const;
  Result<Bundle> PaperOf(const store::PlanRecord& plan, const std::map<std::string, int>& versions);
  Result<std::map<std::string, int>> CorrectedVersions(std::int64_t plan_id);
  Result<PlanPanel> LoadPanel(const store::PlanRecord& plan, const store::ScoringSettingsRecord& settings);
  Result<store::ScoringSettingsRecord> SettingsOf(std::int64_t plan_id);
  Result<StartOutcome> StartReview(const Actor& actor, const store::PlanRecord& plan,
                                   const standards::Pack& pack, store::ScoringSettingsRecord settings,
                                   const ScoringSettingsInput& in, const std::string& remote);
  Result<ComputeOutcome> ComputeReviewResults(const Actor& actor, const store::PlanRecord& plan,
                                              const store::ScoringSettingsRecord& settings,
                                              const std::string& remote);
  // Decides and stores (computes, or recomputes before publication) the result of each user.
  Status DecideAll(const Actor& actor, const store::PlanRecord& plan, const std::set<std::int64_t>& users,
                   std::int64_t now, const std::string& remote, ComputeOutcome* out);
  Result<ScriptView> View(const Actor& actor, const store::PlanRecord& plan, const PlanPanel& panel,
                          const store::ScriptRecord& script);
  Result<ScriptView> ScriptAction(const Actor& actor, const std::string& code, const std::string& action,
                                  const std::function<Status(PlanPanel&, const store::PlanRecord&)>& apply,
                                  const std::string& detail, const std::string& remote);
  // Scores one attempt's paper with the panel's human points.
  Result<scoring::PaperScore> ScoreAttempt(const Bundle& bundle, std::int64_t attempt_id,
                                           const scoring::ObjectivePolicy& policy,
                                           const std::map<std::string, double>& human_points);
  // The candidate's subject scores for (standard, level, direction) and the decision.
  Result<scoring::LevelDecision> Decide(std::int64_t user_id, const std::string& standard,
                                        const std::string& level, const std::string& direction,
                                        std::vector<std::int64_t>* plan_ids);
  Result<ResultView> MakeView(const Actor& actor, const store::ResultRow& row);
  Result<ResultView> Transition(const Actor& actor, const store::ResultRow& row,
                                const scoring::ResultTransition& t, const std::vector<std::int64_t>& plan_ids,
                                const std::string& remote);
  Result<ResultView> ReviewAndPublish(const Actor& actor, store::ResultRow row, const std::string& remote);
  Result<std::optional<scoring::CapabilityProfile>> ProfileOf(const store::ResultRow& row,
                                                              const scoring::ResultRecord& record);
  std::string NewScriptCode();
  // A code neither in `taken` (this batch; the code is added) nor stored for another script.
  std::string UnusedScriptCode(std::set<std::string>& taken);

  ScoringDeps deps_;
  std::mutex write_mu_;
};

// "张*明": the first and last character with stars between (one star for two characters).
std::string MaskName(const std::string& name);

}  // namespace kaoping::service

#endif  // KAOPING_SERVICE_SCORING_SERVICE_H_
