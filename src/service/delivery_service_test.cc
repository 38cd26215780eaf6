// Service-level tests of accounts, access, profiles, plans and registrations against real
// components: a real SQLite file, the real pii key file, the shipped standard packs, and a
// ManualClock for every time-dependent rule (no sleeps, no timed assertions).
#include <atomic>
#include <filesystem>
#include <fstream>

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "core/delivery/id_number.h"
#include "core/delivery/ticket.h"
#include "service/audit.h"
#include "service/auth.h"
#include "service/crypto.h"
#include "service/delivery.h"
#include "service/delivery_demo.h"
#include "service/delivery_pii.h"
#include "store/sqlite/database.h"
#include "store/sqlite/delivery_store_sqlite.h"
#include "store/sqlite/sqlite_store.h"

namespace kaoping::service {
namespace {

namespace fs = std::filesystem;
constexpr std::int64_t kT0 = 1'767'229'200'000;  // 2026-01-01T01:00Z

fs::path FreshDir(const std::string& name) {
  static std::atomic<int> n{0};
  auto dir = fs::temp_directory_path() / ("kaoping-delivery-service-" + std::to_string(::getpid()) + "-" +
                                          name + "-" + std::to_string(n++));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

class Env {
 public:
  explicit Env(const std::string& name, AuthOptions auth_options = {})
      : dir_(FreshDir(name)), clock_(FromUnixMillis(kT0)) {
    EXPECT_TRUE(InitCrypto().ok());
    db_ = std::move(store::sqlite::Database::Open((dir_ / "kaoping.db").string(), 2)).value();
    users_ = std::move(store::OpenSqliteStore(db_)).value();
    store_ = std::move(store::OpenSqliteDeliveryStore(db_)).value();
    pii_ = std::move(PiiVault::OpenOrCreate(dir_.string())).value();
    catalog_ = std::move(StandardsCatalog::Load(std::string(KAOPING_SOURCE_DIR) + "/standards")).value();
    audit_ = std::make_unique<AuditLog>(*store_, clock_);
    auth_ = std::make_unique<Authenticator>(*users_, *store_, *audit_, clock_, auth_options);
    DeliveryDeps deps;
    deps.users = users_.get();
    deps.store = store_.get();
    deps.catalog = catalog_;
    deps.pii = pii_;
    deps.audit = audit_.get();
    deps.auth = auth_.get();
    deps.clock = &clock_;
    DeliveryOptions opts;
    opts.run_sweeper = false;
    svc_ = std::make_unique<DeliveryService>(deps, opts);
  }
  ~Env() {
    svc_->Stop();
    db_->Close();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  Actor MakeUser(const std::string& login, std::vector<std::string> roles,
                 const std::string& password = "correct horse 1") {
    store::NewUser u{login, "用户" + login, HashPassword(password).value(), roles, kT0, false};
    auto rec = users_->CreateUser(u);
    EXPECT_TRUE(rec.ok()) << rec.status();
    return Actor{rec->id.value(), login, u.display_name, roles};
  }

  ProfileInput EligibleMidProfile(const std::string& id_number) {
    ProfileInput p;
    p.full_name = "张三";
    p.id_number = id_number;
    p.facts.education = "associate";
    p.facts.work_history = {{"某公司", "部署工程师", "2020-01", "", true}};  // 6 years related → mid eligible
    return p;
  }

  PlanInput TheoryPlan(std::vector<std::int64_t> proctors, std::vector<std::int64_t> examiners = {}) {
    PlanInput in;
    in.spec.title = "中级理论";
    in.spec.standard = "llm-deploy-engineer";
    in.spec.level = "mid";
    in.spec.kind = "theory";
    in.spec.duration_minutes = 90;
    in.spec.rooms.push_back(delivery::RoomSpec{"A01", "第一考场", 30, kT0 + 3'600'000, proctors, examiners});
    return in;
  }

  fs::path dir_;
  ManualClock clock_;
  std::shared_ptr<store::sqlite::Database> db_;
  std::unique_ptr<store::Store> users_;
  std::unique_ptr<store::DeliveryStore> store_;
  std::shared_ptr<const PiiVault> pii_;
  std::shared_ptr<const StandardsCatalog> catalog_;
  std::unique_ptr<AuditLog> audit_;
  std::unique_ptr<Authenticator> auth_;
  std::unique_ptr<DeliveryService> svc_;
};

std::string ValidId(const std::string& first17) {
  return first17 + delivery::IdNumberCheckChar(first17);
}

// ---- authentication ----------------------------------------------------------------------------------

TEST(AuthTest, BearerLoginAuthenticatesAndWrongPasswordDoesNot) {
  Env env("bearer");
  env.MakeUser("zhang", {"candidate"});
  std::int64_t retry = 0;
  auto ok = env.auth_->Login({"zhang", "correct horse 1", "10.0.0.1:5000", true}, &retry);
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_FALSE(ok->token.empty());
  EXPECT_TRUE(ok->csrf_token.empty());
  Credentials c;
  c.bearer = ok->token;
  c.unsafe_method = true;  // bearer needs no CSRF token
  auto actor = env.auth_->Authenticate(c);
  ASSERT_TRUE(actor.ok()) << actor.status();
  EXPECT_EQ(actor->login, "zhang");
  EXPECT_TRUE(actor->Has("candidate"));
  auto bad = env.auth_->Login({"zhang", "wrong", "10.0.0.1:5000", true}, &retry);
  EXPECT_EQ(bad.status().reason(), "auth.bad_credentials");
  auto ghost = env.auth_->Login({"ghost", "whatever", "10.0.0.1:5000", true}, &retry);
  EXPECT_EQ(ghost.status().reason(), "auth.bad_credentials");  // same answer for unknown logins
  Credentials none;
  EXPECT_EQ(env.auth_->Authenticate(none).status().reason(), "auth.required");
  Credentials forged;
  forged.bearer = "not-a-token";
  EXPECT_EQ(env.auth_->Authenticate(forged).status().code(), StatusCode::kUnauthenticated);
}

TEST(AuthTest, AccountThrottleBacksOffExponentiallyAndSuccessClearsIt) {
  AuthOptions o;
  o.account_free_failures = 5;
  Env env("throttle", o);
  env.MakeUser("li", {"candidate"});
  std::int64_t retry = 0;
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(env.auth_->Login({"li", "bad", "10.0.0.2:1", true}, &retry).status().reason(),
              "auth.bad_credentials");
  }
  // The fifth failure blocks for 1 s; while blocked even the right password is refused.
  EXPECT_EQ(env.auth_->Login({"li", "bad", "10.0.0.2:1", true}, &retry).status().reason(),
            "auth.bad_credentials");
  auto blocked = env.auth_->Login({"li", "correct horse 1", "10.0.0.2:1", true}, &retry);
  EXPECT_EQ(blocked.status().reason(), "auth.throttled");
  EXPECT_EQ(blocked.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(retry, 1);
  env.clock_.Advance(std::chrono::milliseconds(1001));
  EXPECT_EQ(env.auth_->Login({"li", "bad", "10.0.0.2:1", true}, &retry).status().reason(),
            "auth.bad_credentials");
  EXPECT_EQ(env.auth_->Login({"li", "bad", "10.0.0.2:1", true}, &retry).status().reason(), "auth.throttled");
  EXPECT_EQ(retry, 2);  // doubled
  env.clock_.Advance(std::chrono::milliseconds(2001));
  ASSERT_TRUE(env.auth_->Login({"li", "correct horse 1", "10.0.0.2:1", true}, &retry).ok());
  EXPECT_EQ(env.store_->GetThrottle("account:li")->failures, 0);
}

TEST(AuthTest, AddressThrottleSpansAccounts) {
  AuthOptions o;
  o.address_free_failures = 3;
  Env env("address", o);
  env.MakeUser("wang", {"candidate"});
  std::int64_t retry = 0;
  for (const char* login : {"a1", "a2", "a3"})
    env.auth_->Login({login, "x", "192.0.2.9:1234", true}, &retry).status().IgnoreError();
  EXPECT_EQ(env.auth_->Login({"wang", "correct horse 1", "192.0.2.9:999", true}, &retry).status().reason(),
            "auth.throttled");
  // Another address is not affected.
  EXPECT_TRUE(env.auth_->Login({"wang", "correct horse 1", "192.0.2.10:1", true}, &retry).ok());
}

TEST(AuthTest, CookieSessionsNeedTheCsrfTokenOnUnsafeMethods) {
  Env env("csrf");
  env.MakeUser("zhao", {"candidate"});
  std::int64_t retry = 0;
  auto login = env.auth_->Login({"zhao", "correct horse 1", "10.0.0.3:1", false}, &retry);
  ASSERT_TRUE(login.ok());
  ASSERT_FALSE(login->csrf_token.empty());
  Credentials c;
  c.session_cookie = login->token;
  c.csrf_cookie = login->csrf_token;
  EXPECT_TRUE(env.auth_->Authenticate(c).ok());  // GET: no header needed
  c.unsafe_method = true;
  EXPECT_EQ(env.auth_->Authenticate(c).status().reason(), "auth.csrf");
  c.csrf_header = "something-else";
  EXPECT_EQ(env.auth_->Authenticate(c).status().reason(), "auth.csrf");
  // A planted cookie/header pair that does not belong to the session is refused as well.
  c.csrf_cookie = c.csrf_header = "attacker-chosen";
  EXPECT_EQ(env.auth_->Authenticate(c).status().reason(), "auth.csrf");
  c.csrf_cookie = c.csrf_header = login->csrf_token;
  EXPECT_TRUE(env.auth_->Authenticate(c).ok());
  // The cookie token is not a bearer token.
  Credentials as_bearer;
  as_bearer.bearer = login->token;
  EXPECT_FALSE(env.auth_->Authenticate(as_bearer).ok());
}

TEST(AuthTest, SessionsExpireAndLogoutEndsThem) {
  AuthOptions o;
  o.bearer_ttl = std::chrono::minutes(10);
  Env env("expire", o);
  env.MakeUser("qian", {"candidate"});
  std::int64_t retry = 0;
  auto login = env.auth_->Login({"qian", "correct horse 1", "10.0.0.4:1", true}, &retry);
  ASSERT_TRUE(login.ok());
  Credentials c;
  c.bearer = login->token;
  EXPECT_TRUE(env.auth_->Authenticate(c).ok());
  env.clock_.Advance(std::chrono::minutes(10));
  EXPECT_EQ(env.auth_->Authenticate(c).status().reason(), "auth.expired");
  auto again = env.auth_->Login({"qian", "correct horse 1", "10.0.0.4:1", true}, &retry);
  c.bearer = again->token;
  ASSERT_TRUE(env.auth_->Authenticate(c).ok());
  ASSERT_TRUE(env.auth_->Logout(c, "10.0.0.4:1").ok());
  EXPECT_EQ(env.auth_->Authenticate(c).status().reason(), "auth.required");
}

TEST(AuthTest, RoleChangesApplyAtOnceAndAreAudited) {
  Env env("roles");
  Actor admin = env.MakeUser("root", {"admin"});
  Actor user = env.MakeUser("sun", {"candidate"});
  std::int64_t retry = 0;
  auto login = env.auth_->Login({"sun", "correct horse 1", "10.0.0.5:1", true}, &retry);
  Credentials c;
  c.bearer = login->token;
  EXPECT_FALSE(env.auth_->Authenticate(c)->Has("proctor"));
  ASSERT_TRUE(env.svc_->SetRoles(admin, user.user_id, {"candidate", "proctor"}, "127.0.0.1").ok());
  EXPECT_TRUE(env.auth_->Authenticate(c)->Has("proctor"));
  EXPECT_EQ(env.svc_->SetRoles(user, user.user_id, {"admin"}, "x").reason(), "access.denied");
  EXPECT_EQ(env.svc_->SetRoles(admin, admin.user_id, {"candidate"}, "x").reason(), "user.self_demotion");
  EXPECT_EQ(env.svc_->SetRoles(admin, user.user_id, {"wizard"}, "x").reason(), "user.bad_role");
  auto rows = env.store_->ReadAudit(0, 1000);
  bool found = false;
  for (const auto& r : *rows)
    found |= r.action == "user.roles" && r.detail.find("proctor") != std::string::npos;
  EXPECT_TRUE(found);
}

TEST(AuthTest, PasswordChangeEndsSessions) {
  Env env("password");
  env.MakeUser("zhou", {"candidate"});
  std::int64_t retry = 0;
  auto login = env.auth_->Login({"zhou", "correct horse 1", "10.0.0.6:1", true}, &retry);
  Credentials c;
  c.bearer = login->token;
  Actor a = *env.auth_->Authenticate(c);
  EXPECT_EQ(env.auth_->ChangePassword(a, "correct horse 1", "short", "x").reason(), "auth.weak_password");
  EXPECT_EQ(env.auth_->ChangePassword(a, "wrong", "a much longer one", "x").reason(), "auth.bad_credentials");
  ASSERT_TRUE(env.auth_->ChangePassword(a, "correct horse 1", "a much longer one", "x").ok());
  EXPECT_FALSE(env.auth_->Authenticate(c).ok());
  EXPECT_TRUE(env.auth_->Login({"zhou", "a much longer one", "10.0.0.6:1", true}, &retry).ok());
}

// ---- personal data -----------------------------------------------------------------------------------

TEST(PiiTest, KeyFileIsPrivateAndSealsRoundTrip) {
  auto dir = FreshDir("pii");
  auto vault = PiiVault::OpenOrCreate(dir.string());
  ASSERT_TRUE(vault.ok()) << vault.status();
  struct stat st {};
  ASSERT_EQ(::stat((dir / "keys" / "pii.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::string sealed = (*vault)->Seal("11010519491231002X");
  EXPECT_EQ(sealed.find("11010519491231002X"), std::string::npos);
  EXPECT_NE(sealed, (*vault)->Seal("11010519491231002X"));  // fresh nonce
  EXPECT_EQ(*(*vault)->Unseal(sealed), "11010519491231002X");
  EXPECT_EQ((*vault)->KeyedHash("x"), (*vault)->KeyedHash("x"));
  // The same key file opens again; another key cannot open the value.
  auto again = PiiVault::Open(dir.string());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*(*again)->Unseal(sealed), "11010519491231002X");
  auto other = PiiVault::OpenOrCreate(FreshDir("pii-other").string());
  EXPECT_EQ((*other)->Unseal(sealed).status().reason(), "pii.corrupt");
  EXPECT_NE((*other)->KeyedHash("x"), (*vault)->KeyedHash("x"));
  std::string tampered = sealed;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE((*vault)->Unseal(tampered).ok());
  // A key readable by others is refused.
  ::chmod((dir / "keys" / "pii.key").c_str(), 0644);
  EXPECT_EQ(PiiVault::Open(dir.string()).status().reason(), "pii.key_permissions");
  EXPECT_EQ(PiiVault::Open(FreshDir("pii-none").string()).status().reason(), "pii.no_key");
}

TEST(ProfileTest, IdNumbersAreValidatedSealedMaskedAndUnique) {
  Env env("profile");
  Actor admin = env.MakeUser("root", {"admin"});
  Actor a = env.MakeUser("cand-a", {"candidate"});
  Actor b = env.MakeUser("cand-b", {"candidate"});
  Actor proctor = env.MakeUser("proc", {"proctor"});
  ProfileInput in = env.EligibleMidProfile("11010519491231002X");
  in.id_number = "110105194912310021";
  EXPECT_EQ(env.svc_->PutProfile(a, in, "x").status().reason(), "id_number.check_digit");
  in.id_number = "11010519491231002x";
  auto v = env.svc_->PutProfile(a, in, "x");
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->id_number, "1101**********002X");
  EXPECT_DOUBLE_EQ(v->eligibility_profile.occupation_years, 6.0 + 1.0 / 12.0);
  // Stored sealed: the clear number is nowhere in the database file's profile row.
  auto rec = env.store_->GetProfile(a.user_id);
  EXPECT_EQ(rec->id_number_sealed.find("11010519491231002X"), std::string::npos);
  // Another account cannot register the same number.
  EXPECT_EQ(env.svc_->PutProfile(b, in, "x").status().reason(), "profile.id_number_taken");
  // Masked for the owner, for other roles not related: not found / denied; clear only for admins.
  EXPECT_EQ(env.svc_->GetProfile(a, a.user_id, false, "x")->id_number, "1101**********002X");
  EXPECT_EQ(env.svc_->GetProfile(a, a.user_id, true, "x").status().reason(), "access.denied");
  EXPECT_EQ(env.svc_->GetProfile(b, a.user_id, false, "x").status().reason(), "profile.not_found");
  EXPECT_EQ(env.svc_->GetProfile(proctor, a.user_id, false, "x").status().reason(), "profile.not_found");
  auto clear = env.svc_->GetProfile(admin, a.user_id, true, "x");
  ASSERT_TRUE(clear.ok()) << clear.status();
  EXPECT_EQ(clear->id_number, "11010519491231002X");
  auto rows = env.store_->ReadAudit(0, 1000);
  EXPECT_EQ(rows->back().action, "pii.read");
  for (const auto& r : *rows) EXPECT_EQ(r.detail.find("11010519491231002X"), std::string::npos) << r.action;
  // Facts are checked too.
  in.facts.work_history.push_back({"", "", "2030-01", "", false});
  EXPECT_EQ(env.svc_->PutProfile(a, in, "x").status().reason(), "profile.invalid");
}

// ---- plans ----------------------------------------------------------------------------------------------

TEST(PlanServiceTest, CheckListsEveryViolationAndCreateSavesNothingWhenBroken) {
  Env env("plans");
  Actor admin = env.MakeUser("root", {"admin"});
  Actor p1 = env.MakeUser("p1", {"proctor"});
  Actor p2 = env.MakeUser("p2", {"proctor"});
  Actor cand = env.MakeUser("c", {"candidate"});
  PlanInput bad = env.TheoryPlan({p1.user_id, cand.user_id});
  bad.spec.duration_minutes = 60;
  bad.spec.rooms[0].capacity = 40;  // needs 3 proctors at 1:15
  auto v = env.svc_->CheckPlan(admin, bad);
  ASSERT_TRUE(v.ok());
  std::set<std::string> codes;
  for (const auto& x : *v) codes.insert(x.code);
  EXPECT_TRUE(codes.count("plan.duration_too_short"));
  EXPECT_TRUE(codes.count("room.proctor_ratio"));
  EXPECT_TRUE(codes.count("room.not_a_proctor"));
  auto created = env.svc_->CreatePlan(admin, bad, "x");
  ASSERT_TRUE(created.ok());
  EXPECT_FALSE(created->plan.has_value());
  EXPECT_EQ(created->violations.size(), v->size());
  EXPECT_TRUE(env.store_->ListPlans(10, 0)->empty());
  EXPECT_EQ(env.svc_->CheckPlan(cand, bad).status().reason(), "access.denied");
  auto good = env.svc_->CreatePlan(admin, env.TheoryPlan({p1.user_id, p2.user_id}), "x");
  ASSERT_TRUE(good.ok());
  ASSERT_TRUE(good->plan.has_value()) << good->violations[0].message_en;
  EXPECT_EQ(good->plan->sessions[0].proctors.size(), 2u);
  PlanInput unknown = env.TheoryPlan({p1.user_id, p2.user_id});
  unknown.spec.standard = "no-such-standard";
  EXPECT_EQ(env.svc_->CheckPlan(admin, unknown)->at(0).code, "plan.unknown_standard");
  // Without a bank no paper can be attached (clear error, not a crash).
  EXPECT_EQ(env.svc_->AttachPaper(admin, good->plan->id, "p-1", "x").status().reason(), "bank.unavailable");
  EXPECT_EQ(env.svc_->PrepareAttempts(admin, good->plan->id).status().reason(), "plan.no_paper");
}

// ---- registrations --------------------------------------------------------------------------------------

TEST(RegistrationServiceTest, EligibilityDecidesAndAdminsOverrideWithReasons) {
  Env env("registrations");
  Actor admin = env.MakeUser("root", {"admin"});
  Actor p1 = env.MakeUser("p1", {"proctor"});
  Actor p2 = env.MakeUser("p2", {"proctor"});
  Actor other_proctor = env.MakeUser("p3", {"proctor"});
  Actor eligible = env.MakeUser("good", {"candidate"});
  Actor junior = env.MakeUser("newbie", {"candidate"});
  Actor no_profile = env.MakeUser("blank", {"candidate"});
  auto plan = env.svc_->CreatePlan(admin, env.TheoryPlan({p1.user_id, p2.user_id}), "x");
  ASSERT_TRUE(plan.ok() && plan->plan);
  std::int64_t plan_id = plan->plan->id;

  EXPECT_EQ(env.svc_->Register(no_profile, plan_id, "x").status().reason(), "profile.required");
  EXPECT_EQ(env.svc_->Register(p1, plan_id, "x").status().reason(), "access.denied");

  ASSERT_TRUE(env.svc_->PutProfile(eligible, env.EligibleMidProfile(ValidId("11010519900101123")), "x").ok());
  auto r1 = env.svc_->Register(eligible, plan_id, "x");
  ASSERT_TRUE(r1.ok()) << r1.status();
  EXPECT_EQ(r1->status, store::RegistrationStatus::kApproved);
  EXPECT_EQ(r1->verdict, "eligible");
  EXPECT_EQ(r1->seat, 1);
  EXPECT_TRUE(delivery::ValidTicketNumber(r1->ticket));
  EXPECT_NE(r1->explanation.find("explanation_zh"), std::string::npos);
  EXPECT_EQ(env.svc_->Register(eligible, plan_id, "x").status().reason(), "registration.exists");

  ProfileInput weak = env.EligibleMidProfile(ValidId("11010519900101124"));
  weak.facts.work_history = {{"某公司", "实习", "2025-06", "", true}};
  ASSERT_TRUE(env.svc_->PutProfile(junior, weak, "x").ok());
  auto r2 = env.svc_->Register(junior, plan_id, "x");
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(r2->status, store::RegistrationStatus::kRejected);
  EXPECT_EQ(r2->verdict, "not_eligible");
  EXPECT_EQ(r2->seat, 0);
  EXPECT_EQ(env.svc_->GetTicket(junior, r2->id).status().reason(), "registration.not_approved");

  // Review: a reason is required; only admins decide; the decision is audited.
  EXPECT_EQ(env.svc_->Decide(admin, r2->id, true, "", "x").status().reason(), "registration.reason_required");
  EXPECT_EQ(env.svc_->Decide(p1, r2->id, true, "ok", "x").status().reason(), "access.denied");
  auto over = env.svc_->Decide(admin, r2->id, true, "经核实另有同等学力证明", "x");
  ASSERT_TRUE(over.ok()) << over.status();
  EXPECT_EQ(over->status, store::RegistrationStatus::kApproved);
  EXPECT_EQ(over->decided_by, admin.user_id);
  EXPECT_EQ(over->seat, 2);
  auto rows = env.store_->ReadAudit(0, 1000);
  EXPECT_EQ(rows->back().action, "registration.approve");
  EXPECT_NE(rows->back().detail.find("经核实"), std::string::npos);

  // Visibility: own registrations; the room's proctors; nobody else.
  EXPECT_TRUE(env.svc_->GetRegistration(eligible, r1->id).ok());
  EXPECT_EQ(env.svc_->GetRegistration(junior, r1->id).status().reason(), "registration.not_found");
  EXPECT_TRUE(env.svc_->GetRegistration(p1, r1->id).ok());
  EXPECT_EQ(env.svc_->GetRegistration(other_proctor, r1->id).status().reason(), "registration.not_found");
  store::RegistrationFilter mine;
  EXPECT_EQ(env.svc_->ListRegistrations(eligible, mine)->size(), 1u);
  store::RegistrationFilter room;
  room.session_id = r1->session_id;
  EXPECT_EQ(env.svc_->ListRegistrations(p1, room)->size(), 2u);
  EXPECT_EQ(env.svc_->ListRegistrations(other_proctor, room).status().reason(), "session.not_found");
  auto ticket = env.svc_->GetTicket(eligible, r1->id);
  ASSERT_TRUE(ticket.ok()) << ticket.status();
  EXPECT_EQ(ticket->id_number_masked.substr(0, 4), "1101");
  EXPECT_EQ(ticket->session.room_code, "A01");

  // The whole chain verifies.
  auto check = env.svc_->VerifyAudit(admin);
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->ok) << check->problem_en;
  EXPECT_EQ(env.svc_->VerifyAudit(eligible).status().reason(), "access.denied");
}

TEST(RegistrationServiceTest, ProfileChangesReRunTheRulesForRuleDecidedRegistrations) {
  Env env("recheck");
  Actor admin = env.MakeUser("root", {"admin"});
  Actor p1 = env.MakeUser("p1", {"proctor"});
  Actor p2 = env.MakeUser("p2", {"proctor"});
  Actor cand = env.MakeUser("later", {"candidate"});
  Actor overridden = env.MakeUser("manual", {"candidate"});
  auto plan = env.svc_->CreatePlan(admin, env.TheoryPlan({p1.user_id, p2.user_id}), "x");
  ASSERT_TRUE(plan.ok() && plan->plan);
  const std::int64_t plan_id = plan->plan->id;

  // Registered with too little experience: rejected by the rules.
  ProfileInput weak = env.EligibleMidProfile(ValidId("11010519900101123"));
  weak.facts.work_history = {{"某公司", "实习", "2025-06", "", true}};
  ASSERT_TRUE(env.svc_->PutProfile(cand, weak, "x").ok());
  auto r = env.svc_->Register(cand, plan_id, "x");
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->status, store::RegistrationStatus::kRejected);

  // The candidate completes the work history: the rules now approve, with a seat and a ticket.
  ASSERT_TRUE(env.svc_->PutProfile(cand, env.EligibleMidProfile(ValidId("11010519900101123")), "x").ok());
  auto after = env.svc_->GetRegistration(cand, r->id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->status, store::RegistrationStatus::kApproved);
  EXPECT_EQ(after->verdict, "eligible");
  EXPECT_EQ(after->decided_by, 0);
  EXPECT_EQ(after->seat, 1);
  EXPECT_TRUE(delivery::ValidTicketNumber(after->ticket));
  auto rows = env.store_->ReadAudit(0, 1000);
  ASSERT_TRUE(rows.ok());
  std::vector<std::string> actions;
  for (const auto& row : *rows) actions.push_back(row.action);
  EXPECT_NE(std::find(actions.begin(), actions.end(), "registration.recheck"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "registration.redecide"), actions.end());

  // Weakening the profile again keeps the seat but records the new verdict for review.
  ASSERT_TRUE(env.svc_->PutProfile(cand, weak, "x").ok());
  after = env.svc_->GetRegistration(cand, r->id);
  EXPECT_EQ(after->status, store::RegistrationStatus::kApproved);
  EXPECT_EQ(after->verdict, "not_eligible");
  EXPECT_EQ(after->seat, 1);

  // An administrator's decision is never re-decided by the rules.
  ASSERT_TRUE(
      env.svc_->PutProfile(overridden, env.EligibleMidProfile(ValidId("11010519900101124")), "x").ok());
  auto manual = env.svc_->Register(overridden, plan_id, "x");
  ASSERT_TRUE(manual.ok());
  ASSERT_TRUE(env.svc_->Decide(admin, manual->id, false, "资料存疑，待补充证明", "x").ok());
  ASSERT_TRUE(
      env.svc_->PutProfile(overridden, env.EligibleMidProfile(ValidId("11010519900101124")), "x").ok());
  EXPECT_EQ(env.svc_->GetRegistration(overridden, manual->id)->status, store::RegistrationStatus::kRejected);
}

TEST(AuthTest, SignupsArePerAddressLimitedPerWindow) {
  AuthOptions o;
  o.signups_per_window = 3;
  o.signup_window = std::chrono::minutes(10);
  Env env("signup-throttle", o);
  std::int64_t retry = 0;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(env.auth_->AdmitSignup("198.51.100.7:4000", &retry).ok());
  Status blocked = env.auth_->AdmitSignup("198.51.100.7:4001", &retry);
  EXPECT_EQ(blocked.reason(), "auth.signup_throttled");
  EXPECT_EQ(blocked.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(retry, 600);
  EXPECT_TRUE(env.auth_->AdmitSignup("198.51.100.8:4000", &retry).ok()) << "another address is not affected";
  env.clock_.Advance(std::chrono::minutes(10));
  EXPECT_TRUE(env.auth_->AdmitSignup("198.51.100.7:4002", &retry).ok()) << "a new window starts";
}

TEST(AuthTest, InitialPasswordsAreFlaggedButIssuedTokensAreNot) {
  Env env("must-change");
  Actor admin = env.MakeUser("root", {"admin"});
  auto bulk = env.svc_->CreateUsers(admin, {AccountInput{"c-001", "考生一", {"candidate"}}}, "initial-pass-1",
                                    true, "x");
  ASSERT_TRUE(bulk.ok()) << bulk.status();
  std::int64_t retry = 0;
  auto login = env.auth_->Login(LoginRequest{"c-001", "initial-pass-1", "127.0.0.1", true}, &retry);
  ASSERT_TRUE(login.ok()) << login.status();
  EXPECT_TRUE(login->must_change_password);
  Credentials by_password;
  by_password.bearer = login->token;
  auto actor = env.auth_->Authenticate(by_password);
  ASSERT_TRUE(actor.ok());
  EXPECT_TRUE(actor->must_change_password);
  Credentials issued;
  issued.bearer = bulk->tokens.at(0);
  auto device = env.auth_->Authenticate(issued);
  ASSERT_TRUE(device.ok()) << device.status();
  EXPECT_FALSE(device->must_change_password) << "a provisioned exam client is not held back";
  // Changing the password clears the flag (and ends the sessions).
  ASSERT_TRUE(env.auth_->ChangePassword(*actor, "initial-pass-1", "a-new-password-2", "x").ok());
  auto again = env.auth_->Login(LoginRequest{"c-001", "a-new-password-2", "127.0.0.1", true}, &retry);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->must_change_password);
}

TEST(DemoTest, SeedsStaffedPlanEligibleCandidateAndRetrievableCredentials) {
  Env env("demo");
  env.MakeUser("admin", {"admin"});
  DemoContext ctx{*env.users_, *env.catalog_, env.clock_, {}, {}, env.svc_.get()};
  auto seeded = SeedDemoOnce(ctx, DefaultDemoSeeders());
  ASSERT_TRUE(seeded.ok()) << seeded.status();
  EXPECT_TRUE(*seeded);
  EXPECT_EQ(ctx.credentials.size(), 7u);
  auto plans = env.store_->ListPlans(10, 0);
  ASSERT_EQ(plans->size(), 2u);  // 理论知识 and 技能操作, for a full journey to a result
  for (const auto& plan : *plans) {
    EXPECT_EQ(plan.standard, "llm-deploy-engineer");
    EXPECT_EQ(plan.level, "mid");
    EXPECT_EQ(plan.sessions[0].proctors.size(), 2u);
    EXPECT_EQ(plan.sessions[0].examiners.size(), 3u);  // the skill panel: odd, at least 3
    store::RegistrationFilter f;
    f.plan_id = plan.id;
    auto regs = env.store_->ListRegistrations(f);
    ASSERT_EQ(regs->size(), 1u);
    EXPECT_EQ((*regs)[0].status, store::RegistrationStatus::kApproved);
  }
  EXPECT_EQ((*plans)[0].kind, "theory");
  EXPECT_EQ((*plans)[1].kind, "skill");
  EXPECT_EQ((*plans)[1].duration_minutes, 120);
  auto creds = ReadDemoCredentials(*env.store_, *env.pii_);
  ASSERT_TRUE(creds.ok());
  ASSERT_EQ(creds->size(), 7u);
  for (size_t i = 0; i < creds->size(); ++i) {
    EXPECT_EQ((*creds)[i].login, ctx.credentials[i].login);
    EXPECT_EQ((*creds)[i].password, ctx.credentials[i].password);
  }
  std::int64_t retry = 0;
  EXPECT_TRUE(
      env.auth_->Login({"demo-candidate", ctx.credentials.back().password, "1.2.3.4:5", true}, &retry).ok());
  // Seeding runs once.
  DemoContext again{*env.users_, *env.catalog_, env.clock_, {}, {}, env.svc_.get()};
  EXPECT_FALSE(*SeedDemoOnce(again, DefaultDemoSeeders()));
}

}  // namespace
}  // namespace kaoping::service
