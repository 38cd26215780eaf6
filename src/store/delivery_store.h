// -----------------------------------------------------------------------------
// File: store/delivery_store.h
// -----------------------------------------------------------------------------
//
// Storage contract for exam delivery: login sessions and throttling, candidate profiles, exam
// plans with their rooms and staff, registrations, attempts and answers, proctor events, the
// hash-chained audit log and the demo credentials. Same rules as store/store.h: every method
// returns a Status/Result with a stable reason and never throws; each call is one transaction
// (a failed write changes nothing); NOT_FOUND "<entity>.not_found"; ALREADY_EXISTS
// "<entity>.exists"; UNAVAILABLE "store.*" on I/O errors. Thread-safe.
//
// Audit: mutating methods take an AuditEntry that is appended to the audit chain IN THE SAME
// TRANSACTION as the change (core/delivery/audit_chain.h), so a change is never recorded
// without its audit row or vice versa. The chain's head (last seq and hash) is kept in the same
// transaction too.
//
// Attempt writes go through ApplyAttemptOps: many operations (answer saves, flags, starts,
// submits) in ONE transaction — the group commit of the delivery service's single writer. Each
// op is decided against the attempt row as it is inside that transaction (core/delivery/
// attempt.h), so a save can never land after a submit, and its result is reported separately;
// a failing op does not affect the others. An op's result is durable once the call returns OK.
//
// Sequence rules and deadlines are domain rules from core/delivery; backends call them, so
// every backend decides identically. The contract suite (store/delivery_store_contract_test.h)
// runs against every backend through this interface only.

#ifndef KAOPING_STORE_DELIVERY_STORE_H_
#define KAOPING_STORE_DELIVERY_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "core/delivery/attempt.h"
#include "core/delivery/audit_chain.h"
#include "core/delivery/delivery_order.h"
#include "core/delivery/profile.h"
#include "store/store.h"

namespace kaoping::store {

// One audit row to append (seq, prev_hash and hash are assigned by the store).
struct AuditEntry {
  std::int64_t at_ms = 0;
  std::int64_t actor_id = 0;
  std::string actor_login;
  std::string action;
  std::string object;
  std::string detail;
  std::string remote;
};

struct AuditHead {
  std::int64_t seq = 0;
  std::string hash = std::string(delivery::kGenesisHash);
};

// ---- authentication -------------------------------------------------------------------------

// csrf_digest of a bearer session issued by an administrator (Authenticator::IssueBearer) rather
// than obtained by logging in with a password.
inline constexpr std::string_view kIssuedBearerMarker = "issued";

struct AuthSessionRecord {
  std::string token_digest;  // TokenDigest(token); the token itself is never stored
  std::int64_t user_id = 0;
  std::string kind;         // "cookie" | "bearer"
  std::string csrf_digest;  // TokenDigest(csrf token) for cookie sessions; for bearer sessions
                            // empty, or kIssuedBearerMarker when an administrator issued it
  std::int64_t created_ms = 0;
  std::int64_t expires_ms = 0;
};

// A session with its user (one lookup per request that misses the authenticator's cache).
struct SessionUser {
  AuthSessionRecord session;
  UserRecord user;  // password_hash left empty
};

struct ThrottleRecord {
  std::string key;  // "account:<login>" | "address:<ip>"
  int failures = 0;
  std::int64_t last_failure_ms = 0;
  std::int64_t blocked_until_ms = 0;
};

// ---- profiles ---------------------------------------------------------------------------------

struct ProfileRecord {
  std::int64_t user_id = 0;
  std::string full_name;
  std::string id_number_sealed;  // secretbox ciphertext (service/delivery_pii.h); opaque here
  std::string id_number_hash;    // keyed hash, unique across profiles
  std::string id_number_masked;  // "1101**********002X"
  delivery::CandidateFacts facts;
  std::int64_t updated_ms = 0;
};

// The one JSON text of a candidate's facts: what backends keep in the profile row and what the
// API shows as `facts`, so the two cannot drift apart. Decoding tolerates missing fields (older
// rows); DATA_LOSS "profile.corrupt" when the text is not JSON.
std::string EncodeCandidateFacts(const delivery::CandidateFacts& f);
Result<delivery::CandidateFacts> DecodeCandidateFacts(const std::string& text);

// ---- plans ------------------------------------------------------------------------------------

struct SessionRecord {  // one room of a plan
  std::int64_t id = 0;
  std::int64_t plan_id = 0;
  std::string room_code;
  std::string room_name;
  int capacity = 0;
  std::int64_t starts_ms = 0;
  std::vector<std::int64_t> proctors;
  std::vector<std::int64_t> examiners;
  int seats_taken = 0;  // computed on read
};

struct PlanRecord {
  std::int64_t id = 0;
  std::string title;
  std::string standard;
  std::string direction;
  std::string level;
  std::string kind;
  int duration_minutes = 0;
  int entry_window_minutes = 30;   // a candidate may start up to this long after the room opens
  bool require_admission = false;  // a proctor must admit each candidate before they can start
  std::string paper_id;            // empty until a paper is attached
  std::uint64_t seed = 0;          // base seed of per-candidate randomisation
  std::int64_t created_by = 0;
  std::int64_t created_ms = 0;
  std::vector<SessionRecord> sessions;
};

// ---- registrations -----------------------------------------------------------------------------

enum class RegistrationStatus { kPending, kApproved, kRejected };
const char* RegistrationStatusName(RegistrationStatus s);  // "pending" | "approved" | "rejected"
std::optional<RegistrationStatus> ParseRegistrationStatus(const std::string& s);

struct RegistrationRecord {
  std::int64_t id = 0;
  std::int64_t plan_id = 0;
  std::int64_t user_id = 0;
  RegistrationStatus status = RegistrationStatus::kPending;
  std::string verdict;          // eligible | needs_review | not_eligible (the rules' decision)
  std::string explanation;      // the decision as JSON text (wire form), kept verbatim
  std::int64_t decided_by = 0;  // 0 = decided by the rules
  std::string decision_reason;
  std::int64_t decided_ms = 0;
  std::int64_t session_id = 0;  // seat assignment, once approved
  int seat = 0;
  std::string ticket;
  std::int64_t created_ms = 0;
};

struct RegistrationFilter {
  std::int64_t plan_id = 0;  // 0 = any
  std::int64_t user_id = 0;
  std::int64_t session_id = 0;
  int limit = 1000;
  std::int64_t after_id = 0;  // keyset pagination
};

// ---- attempts --------------------------------------------------------------------------------

struct AttemptRecord {
  std::int64_t id = 0;
  std::int64_t registration_id = 0;
  std::int64_t plan_id = 0;
  std::int64_t session_id = 0;
  std::int64_t user_id = 0;
  std::string paper_id;
  std::uint64_t seed = 0;
  std::vector<delivery::DeliveredItem> items;
  delivery::AttemptState state;
  std::int64_t created_ms = 0;
};

struct AttemptFilter {
  std::int64_t plan_id = 0;
  std::int64_t session_id = 0;
  std::int64_t user_id = 0;
  int limit = 1000;
  std::int64_t after_id = 0;
};

struct AnswerRecord {
  std::int64_t attempt_id = 0;
  std::string item_id;
  std::int64_t sequence = 0;  // 0 = no answer saved yet (only a flag)
  std::string response;       // JSON text as the client sent it (validated by the API)
  std::int64_t saved_ms = 0;
  bool flagged = false;
  std::int64_t flag_sequence = 0;
};

struct AttemptOp {
  enum class Kind { kSave, kFlag, kStart, kSubmit };
  Kind kind = Kind::kSave;
  std::int64_t attempt_id = 0;
  std::int64_t user_id = 0;  // the caller; must own the attempt (defence in depth)
  std::int64_t now_ms = 0;   // server time the request was received
  std::int64_t grace_ms = 0;
  // kSave / kFlag
  std::string item_id;
  std::int64_t sequence = 0;
  std::string response;
  bool flagged = false;
  // kStart
  delivery::StartWindow window;
  // kSubmit: "candidate" | "auto"; audited with `audit` (at/actor filled by the caller)
  std::string submit_kind;
  std::optional<AuditEntry> audit;
};

struct AttemptOpResult {
  Status status;
  bool applied = false;          // kSave/kFlag: false for a repeat or a stale save
  AnswerRecord answer;           // kSave/kFlag: sequence, flag and saved_ms on record afterwards;
                                 // `response` only when this op applied it
  delivery::AttemptState state;  // the attempt's state afterwards
};

struct AttemptEventRecord {
  std::int64_t id = 0;
  std::int64_t attempt_id = 0;
  std::int64_t actor_id = 0;
  std::string action;  // a ProctorAction name
  std::string reason;
  std::string detail;
  std::int64_t at_ms = 0;
};

struct DemoCredentialRecord {
  std::string role;
  std::string login;
  std::string display_name;
  std::string password_sealed;  // secretbox ciphertext with the pii key
};

class DeliveryStore {
 public:
  virtual ~DeliveryStore() = default;

  // ---- sessions (login) ----------------------------------------------------------------------
  virtual Status CreateAuthSession(const AuthSessionRecord& s) = 0;
  // NOT_FOUND "auth_session.not_found" when absent (expiry is the caller's check).
  virtual Result<AuthSessionRecord> FindAuthSession(const std::string& token_digest) = 0;
  // The session and its user with roles, in one lookup. NOT_FOUND "auth_session.not_found" also
  // when the user no longer exists.
  virtual Result<SessionUser> FindSessionUser(const std::string& token_digest) = 0;
  virtual Status DeleteAuthSession(const std::string& token_digest) = 0;
  virtual Status DeleteUserAuthSessions(std::int64_t user_id) = 0;
  // Removes sessions that expired before `now_ms`; returns how many.
  virtual Result<std::int64_t> PurgeExpiredAuthSessions(std::int64_t now_ms) = 0;

  // ---- login throttling ----------------------------------------------------------------------
  // A record with failures = 0 when the key is unknown.
  virtual Result<ThrottleRecord> GetThrottle(const std::string& key) = 0;
  virtual Status PutThrottle(const ThrottleRecord& r) = 0;
  virtual Status ClearThrottle(const std::string& key) = 0;

  // ---- users (roles, passwords, listing; creation is store::Store::CreateUser) ------------------
  // Replaces the roles. NOT_FOUND "user.not_found"; INVALID_ARGUMENT "user.bad_role".
  virtual Status SetUserRoles(std::int64_t user_id, const std::vector<std::string>& roles,
                              const AuditEntry& audit) = 0;
  virtual Status SetPasswordHash(std::int64_t user_id, const std::string& hash, bool must_change,
                                 const AuditEntry& audit) = 0;
  // Users having `role` (empty = all), by id.
  virtual Result<std::vector<UserRecord>> ListUsers(const std::string& role, int limit,
                                                    std::int64_t after_id) = 0;
  // Creates many users in one transaction (all or nothing); ALREADY_EXISTS "user.exists" naming
  // the first login taken. Returns them with ids.
  virtual Result<std::vector<UserRecord>> CreateUsers(const std::vector<NewUser>& users,
                                                      const AuditEntry& audit) = 0;

  // ---- candidate profiles ----------------------------------------------------------------------
  // Inserts or replaces the user's profile. ALREADY_EXISTS "profile.id_number_taken" when another
  // user's profile has the same id_number_hash.
  virtual Status PutProfile(const ProfileRecord& p, const AuditEntry& audit) = 0;
  virtual Result<ProfileRecord> GetProfile(std::int64_t user_id) = 0;  // NOT_FOUND "profile.not_found"

  // ---- plans -------------------------------------------------------------------------------------
  // Inserts the plan and its sessions/staff (ids assigned). NOT_FOUND "user.not_found" when a
  // staff id is unknown.
  virtual Result<PlanRecord> CreatePlan(const PlanRecord& plan, const AuditEntry& audit) = 0;
  virtual Result<PlanRecord> GetPlan(std::int64_t plan_id) = 0;  // NOT_FOUND "plan.not_found"
  virtual Result<std::vector<PlanRecord>> ListPlans(int limit, std::int64_t after_id) = 0;
  // FAILED_PRECONDITION "plan.paper_locked" when attempts already exist for another paper.
  virtual Status SetPlanPaper(std::int64_t plan_id, const std::string& paper_id, const AuditEntry& audit) = 0;
  virtual Result<SessionRecord> GetSession(std::int64_t session_id) = 0;  // NOT_FOUND "session.not_found"
  // Sessions where `user_id` is proctor or examiner.
  virtual Result<std::vector<SessionRecord>> ListStaffSessions(std::int64_t user_id) = 0;

  // ---- registrations -----------------------------------------------------------------------------
  // Inserts (status as given). When approved, a seat is assigned in the same transaction (see
  // DecideRegistration). ALREADY_EXISTS "registration.exists" for a second registration of the
  // same user for the same plan.
  virtual Result<RegistrationRecord> CreateRegistration(const RegistrationRecord& r,
                                                        const AuditEntry& audit) = 0;
  virtual Result<RegistrationRecord> GetRegistration(
      std::int64_t id) = 0;  // NOT_FOUND "registration.not_found"
  virtual Result<std::vector<RegistrationRecord>> ListRegistrations(const RegistrationFilter& f) = 0;
  // Sets status/decided_by/reason/decided_ms. Approving assigns the first free seat (rooms in
  // code order, seats from 1) and the ticket number (core/delivery/ticket.h);
  // FAILED_PRECONDITION "plan.full" when no seat is left. Rejecting an approved registration
  // frees its seat; FAILED_PRECONDITION "registration.attempt_exists" when it has an attempt.
  virtual Result<RegistrationRecord> DecideRegistration(std::int64_t id, RegistrationStatus status,
                                                        std::int64_t decided_by, const std::string& reason,
                                                        std::int64_t decided_ms, const AuditEntry& audit) = 0;

  // Replaces the rules' verdict and explanation (after the candidate's profile changed); the
  // status is DecideRegistration's business. NOT_FOUND "registration.not_found".
  virtual Status SetRegistrationVerdict(std::int64_t id, const std::string& verdict,
                                        const std::string& explanation, const AuditEntry& audit) = 0;

  // ---- attempts -----------------------------------------------------------------------------------
  // Inserts attempts (state as given, normally ready); a registration that already has an attempt
  // is skipped. Returns the attempts inserted now.
  virtual Result<std::vector<AttemptRecord>> CreateAttempts(const std::vector<AttemptRecord>& attempts) = 0;
  virtual Result<AttemptRecord> GetAttempt(std::int64_t id) = 0;  // NOT_FOUND "attempt.not_found"
  // GetAttempt without the delivered items (cheaper; for state and ownership checks).
  virtual Result<AttemptRecord> GetAttemptSummary(std::int64_t id) = 0;
  // Summaries (no delivered items), by id.
  virtual Result<std::vector<AttemptRecord>> ListAttempts(const AttemptFilter& f) = 0;
  virtual Result<std::vector<AnswerRecord>> GetAnswers(std::int64_t attempt_id) = 0;
  // Group commit; see the file comment. Returns one result per op, in order. The Status of an op
  // is NOT_FOUND "attempt.not_found" when the attempt does not exist or user_id does not own it.
  virtual std::vector<AttemptOpResult> ApplyAttemptOps(const std::vector<AttemptOp>& ops) = 0;
  // Applies a proctor action (core/delivery/attempt.h) and records the event and the audit row.
  virtual Result<AttemptRecord> ApplyProctorAction(std::int64_t attempt_id, delivery::ProctorAction action,
                                                   std::int64_t extension_ms, std::int64_t now_ms,
                                                   std::int64_t grace_ms, const AttemptEventRecord& event,
                                                   const AuditEntry& audit) = 0;
  virtual Result<std::vector<AttemptEventRecord>> ListAttemptEvents(std::int64_t attempt_id) = 0;
  // In-progress attempts whose stored deadline + grace is before now (for the sweeper).
  virtual Result<std::vector<std::int64_t>> ExpiredAttempts(std::int64_t now_ms, std::int64_t grace_ms,
                                                            int limit) = 0;

  // ---- audit ------------------------------------------------------------------------------------------
  virtual Status AppendAudit(const AuditEntry& e) = 0;
  // Rows with seq > after_seq, ascending, at most `limit`.
  virtual Result<std::vector<delivery::AuditRecord>> ReadAudit(std::int64_t after_seq, int limit) = 0;
  virtual Result<AuditHead> GetAuditHead() = 0;

  // ---- demo credentials (demo accounts only; see docs/delivery.md) ------------------------------------
  virtual Status PutDemoCredential(const DemoCredentialRecord& c) = 0;
  virtual Result<std::vector<DemoCredentialRecord>> ListDemoCredentials() = 0;
};

}  // namespace kaoping::store

#endif  // KAOPING_STORE_DELIVERY_STORE_H_
