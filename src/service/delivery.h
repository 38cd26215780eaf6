// -----------------------------------------------------------------------------
// File: service/delivery.h
// -----------------------------------------------------------------------------
//
// Exam delivery use cases: accounts administration, candidate profiles, exam plans with rooms
// and staff (checked against the standard's rules), registrations with eligibility decided by
// the standard and reviewed by administrators, admission tickets, and durable attempts.
//
// Every method takes the calling Actor and checks access on the OBJECT (core/delivery/
// access.h): a caller whose role can never do something gets PERMISSION_DENIED
// "access.denied" (403); a caller who may do it in general but not to this object gets the
// object's NOT_FOUND (404), so ids cannot be probed. Answer keys, rubrics and reference answers
// never reach a candidate: candidates get CandidateItem values, which have no such fields.
//
// Attempt writes (start, save, flag, submit) go through the group-commit writer
// (service/delivery_writer.h): a save is acknowledged only after the transaction holding it has
// committed. Deadlines are the server's (core/delivery/attempt.h); attempts past deadline +
// grace are auto-submitted by a background sweeper and lazily whenever they are touched.
//
// Thread safety: all methods are thread-safe.

#ifndef KAOPING_SERVICE_DELIVERY_H_
#define KAOPING_SERVICE_DELIVERY_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "core/bank/item.h"
#include "core/bank/paper.h"
#include "core/delivery/access.h"
#include "core/delivery/attempt.h"
#include "core/delivery/plan_rules.h"
#include "core/delivery/profile.h"
#include "core/standards/eligibility.h"
#include "service/actor.h"
#include "service/audit.h"
#include "service/auth.h"
#include "service/bootstrap.h"
#include "service/delivery_pii.h"
#include "service/delivery_writer.h"
#include "service/standards_catalog.h"
#include "store/bank_store.h"
#include "store/delivery_store.h"
#include "store/store.h"

namespace kaoping::service {

struct DeliveryOptions {
  // Saves received up to this long after the deadline still count (they were in flight).
  std::chrono::milliseconds grace{std::chrono::seconds(30)};
  // How often the sweeper looks for attempts to auto-submit.
  std::chrono::milliseconds sweep_interval{std::chrono::seconds(1)};
  // Most ops in one group commit.
  std::size_t max_batch = 4096;
  // Run the sweeper thread (tests drive SweepOnce() by hand with a ManualClock).
  bool run_sweeper = true;
  // Largest answer (JSON text) accepted.
  std::size_t max_response_bytes = 64 * 1024;
  // Allow self-service candidate sign-up (POST /api/v1/auth/signup).
  bool allow_signup = true;
};

struct DeliveryDeps {
  store::Store* users = nullptr;
  store::DeliveryStore* store = nullptr;
  store::BankStore* bank = nullptr;  // optional: without it plans exist but have no paper
  std::shared_ptr<const StandardsCatalog> catalog;
  std::shared_ptr<const PiiVault> pii;
  AuditLog* audit = nullptr;
  Authenticator* auth = nullptr;
  const Clock* clock = nullptr;
  // Renders an eligibility decision for storage with the registration (the wire JSON form);
  // when empty a compact built-in form is stored.
  std::function<std::string(const standards::EligibilityDecision&)> explain;
};

// ---- inputs ---------------------------------------------------------------------------------

struct AccountInput {
  std::string login;
  std::string display_name;
  std::vector<std::string> roles;
};

struct ProfileInput {
  std::string full_name;
  std::string id_number;
  delivery::CandidateFacts facts;
};

struct PlanInput {
  delivery::PlanSpec spec;
  int entry_window_minutes = 30;
  bool require_admission = false;
};

// ---- views ----------------------------------------------------------------------------------

struct ProfileView {
  std::int64_t user_id = 0;
  std::string full_name;
  std::string id_number;  // masked unless revealed to an administrator
  bool id_number_revealed = false;
  delivery::CandidateFacts facts;
  standards::CandidateProfile eligibility_profile;  // derived years etc.
  std::int64_t updated_ms = 0;
};

struct PlanOutcome {
  std::vector<delivery::RuleViolation> violations;  // non-empty: nothing was saved
  std::optional<store::PlanRecord> plan;
};

struct TicketView {
  store::RegistrationRecord registration;
  store::PlanRecord plan;
  store::SessionRecord session;
  std::string full_name;
  std::string id_number_masked;
};

// An item as a candidate sees it: no answer, no accepted blanks, no rubric, no reference
// answer, no explanation, no statistics.
struct CandidateItem {
  int position = 0;  // 1-based, in the candidate's order
  std::string item_id;
  int item_version = 0;
  std::string section;
  std::string type;  // item type name
  std::string stem;
  std::vector<bank::Option> options;  // in the candidate's order
  std::vector<std::string> blanks;    // blank ids only
  std::optional<bank::PracticalTask> task;
  double points = 0;
};

struct AttemptView {
  store::AttemptRecord attempt;
  std::vector<store::AnswerRecord> answers;  // included for the owner and reviewers
  std::int64_t now_ms = 0;
  std::int64_t deadline_ms = 0;
  std::int64_t remaining_ms = 0;
  std::int64_t grace_ms = 0;
};

struct SaveView {
  std::int64_t attempt_id = 0;
  std::string item_id;
  bool applied = false;        // false: a repeat or a stale (older) save — nothing changed
  store::AnswerRecord answer;  // what is on record now
  delivery::AttemptState state;
  std::int64_t deadline_ms = 0;
  std::int64_t remaining_ms = 0;
};

struct ReviewItem {
  bank::Item item;  // with keys and rubric
  std::optional<store::AnswerRecord> answer;
  std::vector<std::string> option_order;
};

struct ReviewView {
  AttemptView attempt;
  std::vector<ReviewItem> items;
};

struct BulkAccountsResult {
  std::vector<store::UserRecord> users;
  std::vector<std::string> tokens;  // parallel to users when tokens were requested
};

struct PrepareResult {
  int created = 0;
  int existing = 0;
  int approved = 0;
};

class DeliveryService {
 public:
  DeliveryService(DeliveryDeps deps, DeliveryOptions options);
  ~DeliveryService();
  DeliveryService(const DeliveryService&) = delete;
  DeliveryService& operator=(const DeliveryService&) = delete;

  // Stops the sweeper and drains the writer. Idempotent.
  void Stop();

  // ---- accounts -------------------------------------------------------------------------------
  // Public sign-up of a candidate account. FAILED_PRECONDITION "auth.signup_disabled".
  Result<store::UserRecord> Signup(const AccountInput& account, const std::string& password,
                                   const std::string& remote);
  Result<store::UserRecord> CreateUser(const Actor& actor, const AccountInput& account,
                                       const std::string& password, bool must_change_password,
                                       const std::string& remote);
  // Many accounts with one initial password (hashed once, must be changed at first login);
  // optionally issues a bearer token for each (for provisioning lock-down clients).
  Result<BulkAccountsResult> CreateUsers(const Actor& actor, const std::vector<AccountInput>& accounts,
                                         const std::string& password, bool issue_tokens,
                                         const std::string& remote);
  Status SetRoles(const Actor& actor, std::int64_t user_id, const std::vector<std::string>& roles,
                  const std::string& remote);
  Result<std::vector<store::UserRecord>> ListUsers(const Actor& actor, const std::string& role, int limit,
                                                   std::int64_t after_id);

  // ---- profiles ---------------------------------------------------------------------------------
  Result<ProfileView> PutProfile(const Actor& actor, const ProfileInput& input, const std::string& remote);
  // `reveal` asks for the clear ID number (administrators only; audited).
  Result<ProfileView> GetProfile(const Actor& actor, std::int64_t user_id, bool reveal,
                                 const std::string& remote);

  // ---- plans ----------------------------------------------------------------------------------------
  // Every violation of the standard's rules and of the staff assignments; saves nothing.
  Result<std::vector<delivery::RuleViolation>> CheckPlan(const Actor& actor, const PlanInput& input);
  Result<PlanOutcome> CreatePlan(const Actor& actor, const PlanInput& input, const std::string& remote);
  Result<store::PlanRecord> GetPlan(const Actor& actor, std::int64_t plan_id);
  Result<std::vector<store::PlanRecord>> ListPlans(const Actor& actor, int limit, std::int64_t after_id);
  // Attaches a paper of the bank (same standard, level and kind) and prepares attempts.
  // UNAVAILABLE "bank.unavailable" without a bank; NOT_FOUND "paper.not_found";
  // INVALID_ARGUMENT "plan.paper_mismatch".
  Result<store::PlanRecord> AttachPaper(const Actor& actor, std::int64_t plan_id, const std::string& paper_id,
                                        const std::string& remote);
  // Pre-creates the attempts of every approved registration (idempotent), so the synchronized
  // start only flips a status. FAILED_PRECONDITION "plan.no_paper".
  Result<PrepareResult> PrepareAttempts(const Actor& actor, std::int64_t plan_id);

  // ---- registrations ---------------------------------------------------------------------------
  // Registers the calling candidate; eligibility is decided by the standard's rules from the
  // profile: eligible → approved (seat + ticket), needs_review → pending, not_eligible → rejected
  // (an administrator may still approve). FAILED_PRECONDITION "profile.required". PutProfile
  // re-runs the rules for the candidate's rule-decided registrations (see RecheckRegistrations).
  Result<store::RegistrationRecord> Register(const Actor& actor, std::int64_t plan_id,
                                             const std::string& remote);
  Result<store::RegistrationRecord> GetRegistration(const Actor& actor, std::int64_t id);
  // Candidates: their own. Admin: any (filter). Proctors/examiners: of a session they staff
  // (filter.session_id required).
  Result<std::vector<store::RegistrationRecord>> ListRegistrations(const Actor& actor,
                                                                   store::RegistrationFilter filter);
  // Administrator review / override with a reason (INVALID_ARGUMENT "registration.reason_required").
  Result<store::RegistrationRecord> Decide(const Actor& actor, std::int64_t id, bool approve,
                                           const std::string& reason, const std::string& remote);
  // The admission ticket (准考证) of an approved registration. FAILED_PRECONDITION
  // "registration.not_approved".
  Result<TicketView> GetTicket(const Actor& actor, std::int64_t registration_id);

  // ---- attempts -----------------------------------------------------------------------------------
  Result<std::vector<AttemptView>> ListAttempts(const Actor& actor, store::AttemptFilter filter);
  // Resume: state, deadline and every saved answer.
  Result<AttemptView> GetAttempt(const Actor& actor, std::int64_t attempt_id);
  // The candidate's items, in their order, without keys. Only while in progress or paused.
  Result<std::vector<CandidateItem>> GetItems(const Actor& actor, std::int64_t attempt_id);
  Result<AttemptView> Start(const Actor& actor, std::int64_t attempt_id);
  // `response` is JSON text (validated by the API). Durable when this returns OK.
  Result<SaveView> SaveAnswer(const Actor& actor, std::int64_t attempt_id, const std::string& item_id,
                              std::int64_t sequence, std::string response);
  Result<SaveView> Flag(const Actor& actor, std::int64_t attempt_id, const std::string& item_id,
                        std::int64_t sequence, bool flagged);
  Result<AttemptView> Submit(const Actor& actor, std::int64_t attempt_id, const std::string& remote);
  // admit | pause | resume | extend (minutes) | absent | void | irregularity | submit, with a reason.
  Result<AttemptView> Proctor(const Actor& actor, std::int64_t attempt_id, delivery::ProctorAction action,
                              const std::string& reason, int minutes, const std::string& remote);
  Result<std::vector<store::AttemptEventRecord>> Events(const Actor& actor, std::int64_t attempt_id);
  // Examiners of the session and administrators: answers with keys and rubrics (audited).
  Result<ReviewView> Review(const Actor& actor, std::int64_t attempt_id, const std::string& remote);

  // Auto-submits attempts past deadline + grace; returns how many. The sweeper calls it.
  int SweepOnce();

  // ---- audit ------------------------------------------------------------------------------------------
  Result<std::vector<delivery::AuditRecord>> ReadAudit(const Actor& actor, std::int64_t after_seq, int limit);
  Result<delivery::ChainCheck> VerifyAudit(const Actor& actor);

  // ---- demo support (service/delivery_demo.h) ------------------------------------------------------
  // Stores a demo account's password sealed with the pii key.
  Status PutDemoCredential(const Credential& c);
  // The newest paper of the bank for (standard, level, kind); "" when none or without a bank.
  std::string FindDemoPaper(const std::string& standard, const std::string& level, const std::string& kind);

  AttemptWriter::Stats WriterStats() const { return writer_.stats(); }
  const DeliveryOptions& options() const { return options_; }

 private:
  // Immutable facts about a session and an attempt, cached after the first load.
  struct SessionFacts {
    std::int64_t id = 0;
    std::int64_t plan_id = 0;
    std::vector<std::int64_t> proctors;
    std::vector<std::int64_t> examiners;
    delivery::StartWindow window;
  };
  struct AttemptFacts {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string paper_id;
    std::shared_ptr<const SessionFacts> session;
    std::shared_ptr<const std::set<std::string>> item_ids;
  };
  struct PaperBundle {
    bank::Paper paper;
    std::vector<bank::Item> items;  // parallel to paper.items
  };

  Result<std::shared_ptr<const SessionFacts>> Session(std::int64_t session_id);
  Result<std::shared_ptr<const AttemptFacts>> Facts(std::int64_t attempt_id);
  Result<std::shared_ptr<const PaperBundle>> Paper(const std::string& paper_id);
  Result<bank::Item> Item(const std::string& id, int version);
  // NOT_FOUND for a caller who may do `action` in general but not on this object; 403 otherwise.
  Status Check(const Actor& actor, delivery::Action action, const delivery::ObjectFacts& facts,
               const Status& not_found);
  Status RequireRole(const Actor& actor, delivery::Action action);
  Result<std::vector<delivery::RuleViolation>> Violations(const PlanInput& input);
  // The standard's eligibility rules applied to a candidate for a plan.
  struct RuleDecision {
    std::string verdict;      // eligible | needs_review | not_eligible
    std::string explanation;  // stored with the registration
    store::RegistrationStatus status = store::RegistrationStatus::kPending;
    std::string reason;  // decision_reason ("" while pending)
  };
  Result<RuleDecision> DecideByRules(const store::PlanRecord& plan, const delivery::CandidateFacts& facts);
  Status RecheckRegistrations(const Actor& actor, const delivery::CandidateFacts& facts,
                              const std::string& remote);
  Result<AttemptView> View(const store::AttemptRecord& a, bool with_answers);
  Result<store::AttemptOpResult> Write(store::AttemptOp op);
  void AutoSubmitLater(std::int64_t attempt_id);
  Status PrepareFor(const store::PlanRecord& plan, const std::vector<store::RegistrationRecord>& regs,
                    PrepareResult* out);
  std::int64_t NowMs() const { return ToUnixMillis(deps_.clock->Now()); }
  void SweeperLoop();

  DeliveryDeps deps_;
  DeliveryOptions options_;
  AttemptWriter writer_;

  mutable std::shared_mutex cache_mu_;
  std::unordered_map<std::int64_t, std::shared_ptr<const SessionFacts>> sessions_;
  std::unordered_map<std::int64_t, std::shared_ptr<const AttemptFacts>> attempts_;
  std::map<std::string, std::shared_ptr<const std::set<std::string>>> paper_items_;
  std::map<std::string, std::shared_ptr<const PaperBundle>> papers_;
  std::map<std::pair<std::string, int>, std::shared_ptr<const bank::Item>> items_;

  std::mutex sweep_mu_;
  std::condition_variable sweep_cv_;
  bool stopping_ = false;
  std::thread sweeper_;
};

}  // namespace kaoping::service

#endif  // KAOPING_SERVICE_DELIVERY_H_
