#include "store/delivery_store_contract_test.h"

#include <set>
#include <thread>
#include <vector>

#include "core/delivery/ticket.h"

namespace kaoping::store {
namespace {

constexpr std::int64_t kT0 = 1'767'225'600'000;  // 2026-01-01T00:00Z
constexpr std::int64_t kMin = 60'000;

AuditEntry Audit(std::string action, std::string object = {}) {
  AuditEntry a;
  a.at_ms = kT0;
  a.actor_id = 1;
  a.actor_login = "admin";
  a.action = std::move(action);
  a.object = std::move(object);
  return a;
}

std::int64_t MakeUser(Store& s, const std::string& login, std::vector<std::string> roles) {
  NewUser u;
  u.login = login;
  u.display_name = "用户 " + login;
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.roles = std::move(roles);
  u.created_ms = kT0;
  auto r = s.CreateUser(u);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? r->id.value() : 0;
}

PlanRecord MakePlan(std::vector<std::int64_t> proctors, int capacity = 2, int rooms = 1) {
  PlanRecord p;
  p.title = "中级理论知识考试";
  p.standard = "llm-deploy-engineer";
  p.level = "mid";
  p.kind = "theory";
  p.duration_minutes = 90;
  p.seed = 0xFEEDFACECAFEBEEFULL;  // above 2^63: must round-trip
  p.created_by = 0;
  p.created_ms = kT0;
  for (int i = 0; i < rooms; ++i) {
    SessionRecord s;
    s.room_code = "R" + std::to_string(i + 1);
    s.room_name = "第 " + std::to_string(i + 1) + " 考场";
    s.capacity = capacity;
    s.starts_ms = kT0 + 60 * kMin;
    s.proctors = proctors;
    p.sessions.push_back(s);
  }
  return p;
}

RegistrationRecord MakeRegistration(std::int64_t plan, std::int64_t user, RegistrationStatus st) {
  RegistrationRecord r;
  r.plan_id = plan;
  r.user_id = user;
  r.status = st;
  r.verdict = st == RegistrationStatus::kApproved ? "eligible" : "needs_review";
  r.explanation = "{\"verdict\":\"" + r.verdict + "\"}";
  r.created_ms = kT0;
  return r;
}

// A plan with one approved registration and its ready attempt.
struct Fixture {
  std::int64_t candidate = 0;
  std::int64_t proctor = 0;
  PlanRecord plan;
  RegistrationRecord reg;
  AttemptRecord attempt;
};

Fixture MakeAttemptFixture(Store& sys, DeliveryStore& del, const std::string& suffix = "") {
  Fixture f;
  f.candidate = MakeUser(sys, "cand" + suffix, {"candidate"});
  f.proctor = MakeUser(sys, "proc" + suffix, {"proctor"});
  auto plan = del.CreatePlan(MakePlan({f.proctor}), Audit("plan.create"));
  EXPECT_TRUE(plan.ok()) << plan.status();
  f.plan = *plan;
  auto reg = del.CreateRegistration(MakeRegistration(f.plan.id, f.candidate, RegistrationStatus::kApproved),
                                    Audit("r"));
  EXPECT_TRUE(reg.ok()) << reg.status();
  f.reg = *reg;
  AttemptRecord a;
  a.registration_id = f.reg.id;
  a.plan_id = f.plan.id;
  a.session_id = f.reg.session_id;
  a.user_id = f.candidate;
  a.paper_id = "paper-1";
  a.seed = 42;
  a.items = {{"q1", 1, "single_choice", 2.0, {"C", "A", "B", "D"}},
             {"q2", 3, "true_false", 1.0, {"true", "false"}}};
  a.state.duration_ms = 90 * kMin;
  a.created_ms = kT0;
  auto created = del.CreateAttempts({a});
  EXPECT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->size(), 1u);
  f.attempt = created->at(0);
  return f;
}

AttemptOp Op(AttemptOp::Kind kind, const Fixture& f, std::int64_t now) {
  AttemptOp op;
  op.kind = kind;
  op.attempt_id = f.attempt.id;
  op.user_id = f.candidate;
  op.now_ms = now;
  op.grace_ms = 30'000;
  op.window =
      delivery::StartWindow{f.plan.sessions[0].starts_ms, f.plan.sessions[0].starts_ms + 30 * kMin, false};
  return op;
}

AttemptOp Save(const Fixture& f, std::int64_t now, std::string item, std::int64_t seq, std::string response) {
  AttemptOp op = Op(AttemptOp::Kind::kSave, f, now);
  op.item_id = std::move(item);
  op.sequence = seq;
  op.response = std::move(response);
  return op;
}

AttemptOpResult Apply1(DeliveryStore& d, const AttemptOp& op) {
  return d.ApplyAttemptOps({op}).at(0);
}

TEST_P(DeliveryStoreContractTest, AuthSessionsRoundTripAndExpire) {
  std::int64_t u = MakeUser(sys(), "zhang", {"candidate"});
  ASSERT_TRUE(del().CreateAuthSession({"d1", u, "cookie", "c1", kT0, kT0 + 1000}).ok());
  ASSERT_TRUE(del().CreateAuthSession({"d2", u, "bearer", "", kT0, kT0 + 5000}).ok());
  auto s = del().FindAuthSession("d1");
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->user_id, u);
  EXPECT_EQ(s->kind, "cookie");
  EXPECT_EQ(s->csrf_digest, "c1");
  EXPECT_EQ(del().FindAuthSession("nope").status().reason(), "auth_session.not_found");
  auto joined = del().FindSessionUser("d2");
  ASSERT_TRUE(joined.ok()) << joined.status();
  EXPECT_EQ(joined->session.kind, "bearer");
  EXPECT_EQ(joined->user.id.value(), u);
  EXPECT_EQ(joined->user.login, "zhang");
  EXPECT_EQ(joined->user.roles, (std::vector<std::string>{"candidate"}));
  EXPECT_TRUE(joined->user.password_hash.empty());
  EXPECT_EQ(del().FindSessionUser("nope").status().reason(), "auth_session.not_found");
  EXPECT_EQ(del().CreateAuthSession({"d3", 999999, "bearer", "", kT0, kT0}).reason(), "user.not_found");
  EXPECT_EQ(*del().PurgeExpiredAuthSessions(kT0 + 2000), 1);
  EXPECT_FALSE(del().FindAuthSession("d1").ok());
  ASSERT_TRUE(del().DeleteUserAuthSessions(u).ok());
  EXPECT_FALSE(del().FindAuthSession("d2").ok());
}

TEST_P(DeliveryStoreContractTest, ThrottleRecords) {
  auto none = del().GetThrottle("account:x");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->failures, 0);
  ASSERT_TRUE(del().PutThrottle({"account:x", 5, kT0, kT0 + 1000}).ok());
  ASSERT_TRUE(del().PutThrottle({"account:x", 6, kT0 + 1, kT0 + 2000}).ok());
  auto got = del().GetThrottle("account:x");
  EXPECT_EQ(got->failures, 6);
  EXPECT_EQ(got->blocked_until_ms, kT0 + 2000);
  ASSERT_TRUE(del().ClearThrottle("account:x").ok());
  EXPECT_EQ(del().GetThrottle("account:x")->failures, 0);
}

TEST_P(DeliveryStoreContractTest, RolesPasswordsAndUserListing) {
  std::int64_t u = MakeUser(sys(), "li", {"candidate"});
  MakeUser(sys(), "wang", {"proctor"});
  ASSERT_TRUE(del().SetUserRoles(u, {"candidate", "examiner"}, Audit("user.roles", "user:li")).ok());
  EXPECT_EQ(sys().GetUser(UserId(u))->roles, (std::vector<std::string>{"candidate", "examiner"}));
  // A bad role changes nothing, and no audit row is written for the failed change.
  auto head = del().GetAuditHead();
  EXPECT_EQ(del().SetUserRoles(u, {"root"}, Audit("user.roles")).reason(), "user.bad_role");
  EXPECT_EQ(sys().GetUser(UserId(u))->roles, (std::vector<std::string>{"candidate", "examiner"}));
  EXPECT_EQ(del().GetAuditHead()->seq, head->seq);
  EXPECT_EQ(del().SetUserRoles(424242, {"candidate"}, Audit("user.roles")).reason(), "user.not_found");
  ASSERT_TRUE(del().SetPasswordHash(u, "newhash", true, Audit("user.password")).ok());
  EXPECT_EQ(sys().GetUser(UserId(u))->password_hash, "newhash");
  EXPECT_TRUE(sys().GetUser(UserId(u))->must_change_password);
  auto examiners = del().ListUsers("examiner", 100, 0);
  ASSERT_TRUE(examiners.ok());
  ASSERT_EQ(examiners->size(), 1u);
  EXPECT_EQ((*examiners)[0].login, "li");
  EXPECT_EQ(del().ListUsers("", 100, 0)->size(), 2u);
  EXPECT_EQ(del().ListUsers("", 1, u)->size(), 1u);
}

TEST_P(DeliveryStoreContractTest, BulkUserCreationIsAllOrNothing) {
  MakeUser(sys(), "taken", {"candidate"});
  std::vector<NewUser> users;
  for (int i = 0; i < 3; ++i) {
    NewUser n;
    n.login = "bulk" + std::to_string(i);
    n.display_name = "批量 " + std::to_string(i);
    n.password_hash = "h";
    n.roles = {"candidate"};
    n.created_ms = kT0;
    users.push_back(n);
  }
  auto ok = del().CreateUsers(users, Audit("user.bulk_create"));
  ASSERT_TRUE(ok.ok()) << ok.status();
  ASSERT_EQ(ok->size(), 3u);
  EXPECT_GT((*ok)[2].id.value(), (*ok)[0].id.value());
  users[0].login = "bulk9";
  users[1].login = "taken";
  auto dup = del().CreateUsers({users[0], users[1]}, Audit("user.bulk_create"));
  EXPECT_EQ(dup.status().reason(), "user.exists");
  EXPECT_EQ(sys().FindUserByLogin("bulk9").status().code(), StatusCode::kNotFound);
}

TEST_P(DeliveryStoreContractTest, ProfilesRoundTripAndIdNumbersAreUnique) {
  std::int64_t a = MakeUser(sys(), "a", {"candidate"});
  std::int64_t b = MakeUser(sys(), "b", {"candidate"});
  ProfileRecord p;
  p.user_id = a;
  p.full_name = "张三";
  p.id_number_sealed = "sealed-bytes";
  p.id_number_hash = "hash-1";
  p.id_number_masked = "1101**********002X";
  p.facts.education = "bachelor";
  p.facts.field_related = true;
  p.facts.work_history = {{"某公司", "部署工程师", "2020-01", "", true}};
  p.facts.titles = {{"engineer", 2}};
  standards::HeldCertificate cert;
  cert.standard = "llm-deploy-engineer";
  cert.level = "junior";
  cert.years_after = 2.5;
  p.facts.certificates = {cert};
  p.facts.training = {{"llm-deploy-engineer", "mid", 120, true}};
  p.updated_ms = kT0;
  ASSERT_TRUE(del().PutProfile(p, Audit("profile.update")).ok());
  auto got = del().GetProfile(a);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->full_name, "张三");
  EXPECT_EQ(got->id_number_sealed, "sealed-bytes");
  EXPECT_EQ(got->facts.education, "bachelor");
  ASSERT_EQ(got->facts.work_history.size(), 1u);
  EXPECT_TRUE(got->facts.work_history[0].related);
  EXPECT_EQ(got->facts.certificates[0].years_after, 2.5);
  EXPECT_EQ(got->facts.training[0].hours, 120);
  // Updating one's own profile with the same number is fine; another user cannot take it.
  p.full_name = "张三丰";
  ASSERT_TRUE(del().PutProfile(p, Audit("profile.update")).ok());
  ProfileRecord q = p;
  q.user_id = b;
  EXPECT_EQ(del().PutProfile(q, Audit("profile.update")).reason(), "profile.id_number_taken");
  EXPECT_EQ(del().GetProfile(b).status().reason(), "profile.not_found");
}

TEST_P(DeliveryStoreContractTest, PlansWithRoomsAndStaff) {
  std::int64_t p1 = MakeUser(sys(), "p1", {"proctor"});
  std::int64_t p2 = MakeUser(sys(), "p2", {"proctor"});
  PlanRecord plan = MakePlan({p1, p2}, 30, 2);
  plan.sessions[1].proctors = {};
  plan.sessions[1].examiners = {p2};
  auto created = del().CreatePlan(plan, Audit("plan.create"));
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_GT(created->id, 0);
  EXPECT_EQ(created->seed, 0xFEEDFACECAFEBEEFULL);
  ASSERT_EQ(created->sessions.size(), 2u);
  EXPECT_EQ(created->sessions[0].proctors, (std::vector<std::int64_t>{p1, p2}));
  EXPECT_EQ(created->sessions[1].examiners, (std::vector<std::int64_t>{p2}));
  EXPECT_EQ(del().ListStaffSessions(p2)->size(), 2u);
  EXPECT_EQ(del().ListStaffSessions(p1)->size(), 1u);
  auto s = del().GetSession(created->sessions[0].id);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->room_code, "R1");
  EXPECT_EQ(del().GetSession(987654).status().reason(), "session.not_found");
  EXPECT_EQ(del().GetPlan(987654).status().reason(), "plan.not_found");
  // Unknown staff: nothing is saved.
  auto bad = del().CreatePlan(MakePlan({p1, 777777}), Audit("plan.create"));
  EXPECT_EQ(bad.status().reason(), "user.not_found");
  EXPECT_EQ(del().ListPlans(100, 0)->size(), 1u);
  ASSERT_TRUE(del().SetPlanPaper(created->id, "paper-x", Audit("plan.paper")).ok());
  EXPECT_EQ(del().GetPlan(created->id)->paper_id, "paper-x");
}

TEST_P(DeliveryStoreContractTest, RegistrationsSeatsAndTickets) {
  std::int64_t proctor = MakeUser(sys(), "proc", {"proctor"});
  auto plan = del().CreatePlan(MakePlan({proctor}, 2, 2), Audit("plan.create"));
  ASSERT_TRUE(plan.ok());
  std::vector<std::int64_t> cands;
  for (int i = 0; i < 5; ++i) cands.push_back(MakeUser(sys(), "c" + std::to_string(i), {"candidate"}));
  std::vector<RegistrationRecord> regs;
  for (int i = 0; i < 4; ++i) {
    auto r = del().CreateRegistration(MakeRegistration(plan->id, cands[i], RegistrationStatus::kApproved),
                                      Audit("reg"));
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_TRUE(delivery::ValidTicketNumber(r->ticket)) << r->ticket;
    regs.push_back(*r);
  }
  EXPECT_EQ(regs[0].seat, 1);
  EXPECT_EQ(regs[1].seat, 2);
  EXPECT_EQ(regs[2].session_id, plan->sessions[1].id);
  EXPECT_EQ(regs[2].seat, 1);
  std::set<std::string> tickets;
  for (const auto& r : regs) tickets.insert(r.ticket);
  EXPECT_EQ(tickets.size(), 4u);
  // Full: a fifth approval fails and changes nothing.
  auto pending = del().CreateRegistration(MakeRegistration(plan->id, cands[4], RegistrationStatus::kPending),
                                          Audit("reg"));
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(pending->seat, 0);
  auto full = del().DecideRegistration(pending->id, RegistrationStatus::kApproved, 1, "ok", kT0,
                                       Audit("reg.approve"));
  EXPECT_EQ(full.status().reason(), "plan.full");
  EXPECT_EQ(del().GetRegistration(pending->id)->status, RegistrationStatus::kPending);
  // Rejecting frees the seat, which the next approval reuses.
  auto rejected = del().DecideRegistration(regs[1].id, RegistrationStatus::kRejected, 1, "资料不实", kT0,
                                           Audit("reg.reject"));
  ASSERT_TRUE(rejected.ok()) << rejected.status();
  EXPECT_EQ(rejected->seat, 0);
  EXPECT_EQ(rejected->decision_reason, "资料不实");
  auto approved = del().DecideRegistration(pending->id, RegistrationStatus::kApproved, 1, "人工审核通过", kT0,
                                           Audit("reg.approve"));
  ASSERT_TRUE(approved.ok()) << approved.status();
  EXPECT_EQ(approved->session_id, plan->sessions[0].id);
  EXPECT_EQ(approved->seat, 2);
  // The rules' verdict can be replaced (profile changed) without touching status or seat.
  ASSERT_TRUE(
      del().SetRegistrationVerdict(approved->id, "not_eligible", "{\"v\":2}", Audit("reg.recheck")).ok());
  auto rechecked = del().GetRegistration(approved->id);
  ASSERT_TRUE(rechecked.ok());
  EXPECT_EQ(rechecked->verdict, "not_eligible");
  EXPECT_EQ(rechecked->explanation, "{\"v\":2}");
  EXPECT_EQ(rechecked->status, RegistrationStatus::kApproved);
  EXPECT_EQ(rechecked->seat, 2);
  EXPECT_EQ(del().SetRegistrationVerdict(424242, "eligible", "{}", Audit("reg.recheck")).reason(),
            "registration.not_found");
  // Duplicates and unknown plans.
  EXPECT_EQ(del()
                .CreateRegistration(MakeRegistration(plan->id, cands[0], RegistrationStatus::kApproved),
                                    Audit("reg"))
                .status()
                .reason(),
            "registration.exists");
  EXPECT_EQ(
      del()
          .CreateRegistration(MakeRegistration(99999, cands[0], RegistrationStatus::kApproved), Audit("reg"))
          .status()
          .reason(),
      "plan.not_found");
  RegistrationFilter by_user;
  by_user.user_id = cands[0];
  EXPECT_EQ(del().ListRegistrations(by_user)->size(), 1u);
  RegistrationFilter by_plan;
  by_plan.plan_id = plan->id;
  EXPECT_EQ(del().ListRegistrations(by_plan)->size(), 5u);
}

TEST_P(DeliveryStoreContractTest, AttemptsAreCreatedOncePerRegistration) {
  Fixture f = MakeAttemptFixture(sys(), del());
  EXPECT_GT(f.attempt.id, 0);
  AttemptRecord again = f.attempt;
  again.id = 0;
  EXPECT_TRUE(del().CreateAttempts({again})->empty());
  auto got = del().GetAttempt(f.attempt.id);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->items.size(), 2u);
  EXPECT_EQ(got->items[0].option_order, (std::vector<std::string>{"C", "A", "B", "D"}));
  EXPECT_EQ(got->items[1].item_version, 3);
  EXPECT_EQ(got->state.status, delivery::AttemptStatus::kReady);
  EXPECT_EQ(got->seed, 42u);
  auto summary = del().GetAttemptSummary(f.attempt.id);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_TRUE(summary->items.empty());
  EXPECT_EQ(summary->user_id, f.candidate);
  EXPECT_EQ(summary->paper_id, "paper-1");
  EXPECT_EQ(summary->seed, 42u);
  EXPECT_EQ(del().GetAttemptSummary(55555).status().reason(), "attempt.not_found");
  AttemptFilter by_user;
  by_user.user_id = f.candidate;
  auto listed = del().ListAttempts(by_user);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_TRUE((*listed)[0].items.empty());
  EXPECT_EQ((*listed)[0].seed, 42u);
  EXPECT_EQ(del().GetAttempt(55555).status().reason(), "attempt.not_found");
  // An approved registration with an attempt cannot be rejected.
  EXPECT_EQ(del()
                .DecideRegistration(f.reg.id, RegistrationStatus::kRejected, 1, "x", kT0, Audit("r"))
                .status()
                .reason(),
            "registration.attempt_exists");
}

TEST_P(DeliveryStoreContractTest, SavesFollowSequenceRules) {
  Fixture f = MakeAttemptFixture(sys(), del());
  std::int64_t open = f.plan.sessions[0].starts_ms;
  EXPECT_EQ(Apply1(del(), Save(f, open, "q1", 1, "\"A\"")).status.reason(), "attempt.not_started");
  auto started = Apply1(del(), Op(AttemptOp::Kind::kStart, f, open + 1000));
  ASSERT_TRUE(started.status.ok()) << started.status;
  EXPECT_EQ(started.state.status, delivery::AttemptStatus::kInProgress);
  EXPECT_EQ(started.state.started_ms, open + 1000);
  auto first = Apply1(del(), Save(f, open + 2000, "q1", 2, "\"A\""));
  ASSERT_TRUE(first.status.ok()) << first.status;
  EXPECT_TRUE(first.applied);
  auto repeat = Apply1(del(), Save(f, open + 3000, "q1", 2, "\"A\""));
  EXPECT_TRUE(repeat.status.ok());
  EXPECT_FALSE(repeat.applied);
  auto newer = Apply1(del(), Save(f, open + 4000, "q1", 5, "\"B\""));
  EXPECT_TRUE(newer.applied);
  auto stale = Apply1(del(), Save(f, open + 5000, "q1", 3, "\"C\""));
  EXPECT_TRUE(stale.status.ok());
  EXPECT_FALSE(stale.applied);
  EXPECT_EQ(stale.answer.sequence, 5);
  auto conflict = Apply1(del(), Save(f, open + 6000, "q1", 5, "\"D\""));
  EXPECT_EQ(conflict.status.reason(), "answer.sequence_conflict");
  EXPECT_EQ(conflict.status.code(), StatusCode::kAborted);
  // Flags have their own sequence and keep the answer.
  AttemptOp flag = Op(AttemptOp::Kind::kFlag, f, open + 7000);
  flag.item_id = "q1";
  flag.sequence = 1;
  flag.flagged = true;
  auto flagged = Apply1(del(), flag);
  ASSERT_TRUE(flagged.status.ok()) << flagged.status;
  EXPECT_TRUE(flagged.answer.flagged);
  EXPECT_EQ(flagged.answer.sequence, 5);
  // Someone else's attempt is "not found".
  AttemptOp intruder = Save(f, open + 8000, "q1", 9, "\"Z\"");
  intruder.user_id = f.proctor;
  EXPECT_EQ(Apply1(del(), intruder).status.reason(), "attempt.not_found");
  auto answers = del().GetAnswers(f.attempt.id);
  ASSERT_TRUE(answers.ok());
  ASSERT_EQ(answers->size(), 1u);
  EXPECT_EQ((*answers)[0].sequence, 5);
  EXPECT_EQ((*answers)[0].response, "\"B\"");
  EXPECT_TRUE((*answers)[0].flagged);
}

TEST_P(DeliveryStoreContractTest, OneBatchMixesOutcomesIndependently) {
  Fixture f = MakeAttemptFixture(sys(), del());
  std::int64_t t = f.plan.sessions[0].starts_ms + 1000;
  AttemptOp submit = Op(AttemptOp::Kind::kSubmit, f, t + 30);
  submit.submit_kind = "candidate";
  submit.audit = Audit("attempt.submit");
  std::vector<AttemptOp> ops = {Op(AttemptOp::Kind::kStart, f, t),
                                Save(f, t + 10, "q1", 1, "1"),
                                Save(f, t + 20, "q2", 1, "2"),
                                Save(f, t + 20, "q2", 1, "other"),
                                submit,
                                Save(f, t + 40, "q1", 2, "late")};
  auto head = del().GetAuditHead();
  auto results = del().ApplyAttemptOps(ops);
  ASSERT_EQ(results.size(), ops.size());
  EXPECT_TRUE(results[0].status.ok());
  EXPECT_TRUE(results[1].applied);
  EXPECT_TRUE(results[2].applied);
  EXPECT_EQ(results[3].status.reason(), "answer.sequence_conflict");
  EXPECT_TRUE(results[4].status.ok());
  EXPECT_EQ(results[4].state.status, delivery::AttemptStatus::kSubmitted);
  EXPECT_EQ(results[5].status.reason(), "attempt.submitted");  // a save never lands after the submit
  EXPECT_EQ(del().GetAnswers(f.attempt.id)->size(), 2u);
  EXPECT_EQ(del().GetAuditHead()->seq, head->seq + 1);  // one audit row for the submission
  // Submitting again is idempotent and not audited twice.
  auto again = Apply1(del(), submit);
  EXPECT_TRUE(again.status.ok());
  EXPECT_FALSE(again.applied);
  EXPECT_EQ(again.state.submitted_ms, t + 30);
  EXPECT_EQ(del().GetAuditHead()->seq, head->seq + 1);
}

TEST_P(DeliveryStoreContractTest, DeadlineGraceAndExpiredListing) {
  Fixture f = MakeAttemptFixture(sys(), del());
  std::int64_t t = f.plan.sessions[0].starts_ms;
  ASSERT_TRUE(Apply1(del(), Op(AttemptOp::Kind::kStart, f, t)).status.ok());
  std::int64_t deadline = t + 90 * kMin;
  EXPECT_TRUE(Apply1(del(), Save(f, deadline + 30'000, "q1", 1, "in grace")).applied);
  auto late = Apply1(del(), Save(f, deadline + 30'001, "q1", 2, "too late"));
  EXPECT_EQ(late.status.reason(), "attempt.deadline_passed");
  EXPECT_EQ(late.status.code(), StatusCode::kDeadlineExceeded);
  EXPECT_TRUE(del().ExpiredAttempts(deadline + 30'000, 30'000, 10)->empty());
  auto expired = del().ExpiredAttempts(deadline + 30'001, 30'000, 10);
  ASSERT_EQ(expired->size(), 1u);
  EXPECT_EQ((*expired)[0], f.attempt.id);
  AttemptOp autos = Op(AttemptOp::Kind::kSubmit, f, deadline + 60'000);
  autos.submit_kind = "auto";
  autos.user_id = 0;  // the sweeper acts for no user
  auto sub = Apply1(del(), autos);
  ASSERT_TRUE(sub.status.ok()) << sub.status;
  EXPECT_EQ(sub.state.submitted_ms, deadline);
  EXPECT_TRUE(del().ExpiredAttempts(deadline + 120'000, 30'000, 10)->empty());
  EXPECT_EQ(del().GetAnswers(f.attempt.id)->at(0).response, "in grace");
}

TEST_P(DeliveryStoreContractTest, ProctorActionsAreRecordedAndAudited) {
  Fixture f = MakeAttemptFixture(sys(), del());
  std::int64_t t = f.plan.sessions[0].starts_ms;
  ASSERT_TRUE(Apply1(del(), Op(AttemptOp::Kind::kStart, f, t)).status.ok());
  AttemptEventRecord ev{0, f.attempt.id, f.proctor, "pause", "考场停电", "", t + kMin};
  auto head = del().GetAuditHead();
  auto paused = del().ApplyProctorAction(f.attempt.id, delivery::ProctorAction::kPause, 0, t + kMin, 30'000,
                                         ev, Audit("attempt.pause"));
  ASSERT_TRUE(paused.ok()) << paused.status();
  EXPECT_EQ(paused->state.status, delivery::AttemptStatus::kPaused);
  EXPECT_EQ(Apply1(del(), Save(f, t + 2 * kMin, "q1", 1, "x")).status.reason(), "attempt.paused");
  ev.action = "resume";
  auto resumed = del().ApplyProctorAction(f.attempt.id, delivery::ProctorAction::kResume, 0, t + 11 * kMin,
                                          30'000, ev, Audit("attempt.resume"));
  ASSERT_TRUE(resumed.ok());
  EXPECT_EQ(delivery::DeadlineMs(resumed->state, 0), t + 100 * kMin);
  auto bad = del().ApplyProctorAction(f.attempt.id, delivery::ProctorAction::kResume, 0, t + 12 * kMin,
                                      30'000, ev, Audit("attempt.resume"));
  EXPECT_EQ(bad.status().reason(), "attempt.not_paused");
  auto events = del().ListAttemptEvents(f.attempt.id);
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].reason, "考场停电");
  EXPECT_EQ(del().GetAuditHead()->seq, head->seq + 2);
}

TEST_P(DeliveryStoreContractTest, AuditChainVerifies) {
  for (int i = 0; i < 20; ++i) {
    AuditEntry e = Audit("test.append", "obj:" + std::to_string(i));
    e.detail = "详情 " + std::to_string(i);
    ASSERT_TRUE(del().AppendAudit(e).ok());
  }
  delivery::ChainVerifier v;
  std::int64_t after = 0;
  for (;;) {
    auto rows = del().ReadAudit(after, 7);
    ASSERT_TRUE(rows.ok());
    if (rows->empty()) break;
    for (const auto& r : *rows) {
      EXPECT_TRUE(v.Add(r));
      after = r.seq;
    }
  }
  auto head = del().GetAuditHead();
  auto check = v.Finish(head->seq, head->hash);
  EXPECT_TRUE(check.ok) << check.problem_en;
  EXPECT_EQ(check.rows, 20);
}

TEST_P(DeliveryStoreContractTest, ConcurrentBatchesLoseNothing) {
  constexpr int kThreads = 8;
  constexpr int kSaves = 40;
  std::vector<Fixture> fixtures;
  for (int t = 0; t < kThreads; ++t) {
    fixtures.push_back(MakeAttemptFixture(sys(), del(), std::to_string(t)));
    ASSERT_TRUE(
        Apply1(del(), Op(AttemptOp::Kind::kStart, fixtures[t], fixtures[t].plan.sessions[0].starts_ms))
            .status.ok());
  }
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const Fixture& f = fixtures[t];
      for (int i = 1; i <= kSaves; ++i) {
        auto r = Apply1(del(),
                        Save(f, f.plan.sessions[0].starts_ms + i, i % 2 ? "q1" : "q2", i, std::to_string(i)));
        EXPECT_TRUE(r.status.ok()) << r.status;
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& f : fixtures) {
    auto answers = del().GetAnswers(f.attempt.id);
    ASSERT_EQ(answers->size(), 2u);
    EXPECT_EQ((*answers)[0].sequence, kSaves - 1);  // q1: odd numbers
    EXPECT_EQ((*answers)[1].sequence, kSaves);
  }
}

TEST_P(DeliveryStoreContractTest, DemoCredentials) {
  ASSERT_TRUE(del().PutDemoCredential({"candidate", "demo-candidate", "演示考生", "sealed"}).ok());
  ASSERT_TRUE(del().PutDemoCredential({"proctor", "demo-proctor1", "演示监考员", "sealed2"}).ok());
  auto all = del().ListDemoCredentials();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].login, "demo-candidate");
  EXPECT_EQ((*all)[1].password_sealed, "sealed2");
}

}  // namespace
}  // namespace kaoping::store
