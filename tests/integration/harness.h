// The delivery integration harness: the REAL HTTP server (http::HttpServer with the real router
// from api::RegisterApi) on loopback port 0, over the real services and real SQLite stores in a
// temporary directory, with an injectable ManualClock. No mocks: papers come from the real
// SQLite bank store, filled with the bank's synthetic generator. The bank and psychometrics
// routes are registered too (ctx.bank, ctx.psychometrics).
//
// Certificates run on the real CertificateService with a key file in the temporary directory.
// Results are scoring's; until scoring is wired here, tests state a result's facts with
// SetResult (the one stand-in: holder name and ID number still come from the real profile).
//
//   Harness h;                                   // server running
//   std::string admin = h.LoginBearer("admin");  // created with password PasswordOf("admin")
//   auto r = h.Call(bhttp::verb::get, "/api/v1/plans", {}, admin);
#ifndef KAOPING_TESTS_INTEGRATION_HARNESS_H_
#define KAOPING_TESTS_INTEGRATION_HARNESS_H_

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>

#include "api/api.h"
#include "base/clock.h"
#include "core/bank/synthetic.h"
#include "http/metrics.h"
#include "http/server.h"
#include "http/test_client.h"
#include "service/audit.h"
#include "service/auth.h"
#include "service/bank_service.h"
#include "service/certificate_lookups.h"
#include "service/certificate_service.h"
#include "service/crypto.h"
#include "service/delivery.h"
#include "service/delivery_pii.h"
#include "service/psychometrics_service.h"
#include "service/scoring_service.h"
#include "service/standards_catalog.h"
#include "service/standards_import.h"
#include "solver/cbc/cbc_solver.h"
#include "store/sqlite/bank_store_sqlite.h"
#include "store/sqlite/certificate_store_sqlite.h"
#include "store/sqlite/database.h"
#include "store/sqlite/delivery_store_sqlite.h"
#include "store/sqlite/psychometrics_store_sqlite.h"
#include "store/sqlite/scoring_store_sqlite.h"
#include "store/sqlite/sqlite_store.h"
#include "wire/standards_json.h"

namespace kaoping::integration {

namespace fs = std::filesystem;
namespace bhttp = boost::beast::http;
using Json = nlohmann::json;

// 2026-03-02T01:00:00Z, a Monday morning in Beijing.
inline constexpr std::int64_t kT0 = 1'772'413'200'000;
inline constexpr std::int64_t kMinute = 60'000;

inline fs::path FreshDir(const std::string& name) {
  static std::atomic<int> n{0};
  auto dir = fs::temp_directory_path() /
             ("kaoping-it-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

inline std::string PasswordOf(const std::string& login) {
  return "pw-" + login + "-0123";
}

struct Reply {
  int status = 0;
  Json json;
  std::string body;
  http::testing::ClientResponse raw;
};

struct HarnessOptions {
  std::chrono::milliseconds grace{30'000};
  bool system_clock = false;  // default: a ManualClock at kT0
  service::AuthOptions auth;
  service::PsychometricsLimits psychometrics_limits;
};

class Harness {
 public:
  explicit Harness(HarnessOptions o = {})
      : options_(o), dir_(FreshDir("server")), manual_(FromUnixMillis(kT0)) {
    EXPECT_TRUE(service::InitCrypto().ok());
    clock_ = o.system_clock ? static_cast<const Clock*>(&SystemClock::Get()) : &manual_;
    db_ = Must(store::sqlite::Database::Open((dir_ / "kaoping.db").string(), 6));
    users_ = Must(store::OpenSqliteStore(db_));
    store_ = Must(store::OpenSqliteDeliveryStore(db_));
    bank_ = Must(store::OpenSqliteBankStore(db_));
    statistics_ = Must(store::OpenSqlitePsychometricsStore(db_));
    scoring_store_ = Must(store::OpenSqliteScoringStore(db_));
    pii_ = Must(service::PiiVault::OpenOrCreate(dir_.string()));
    // A copy of the shipped packs: imports (POST /api/v1/standards/import) write into it.
    fs::create_directories(dir_ / "standards");
    for (const auto& e : fs::directory_iterator(fs::path(KAOPING_SOURCE_DIR) / "standards")) {
      if (e.is_regular_file()) fs::copy_file(e.path(), dir_ / "standards" / e.path().filename());
    }
    catalog_ = Must(service::StandardsCatalog::Load((dir_ / "standards").string()));
    audit_ = std::make_unique<service::AuditLog>(*store_, *clock_);
    service::StandardsImportDeps import_deps{catalog_, (dir_ / "standards").string(), users_.get(),
                                             audit_.get()};
    standards_import_ = std::make_unique<service::StandardsImporter>(std::move(import_deps));
    auth_ = std::make_unique<service::Authenticator>(*users_, *store_, *audit_, *clock_, o.auth);
    service::DeliveryDeps deps;
    deps.users = users_.get();
    deps.store = store_.get();
    deps.bank = bank_.get();
    deps.catalog = catalog_;
    deps.pii = pii_;
    deps.audit = audit_.get();
    deps.auth = auth_.get();
    deps.clock = clock_;
    deps.explain = [](const standards::EligibilityDecision& d) {
      return wire::EligibilityDecisionJson(d).dump();
    };
    service::DeliveryOptions dopts;
    dopts.grace = o.grace;
    dopts.run_sweeper = false;  // tests call SweepOnce() under the ManualClock
    delivery_ = std::make_unique<service::DeliveryService>(deps, dopts);
    bank_service_ =
        std::make_unique<service::BankService>(catalog_, *bank_, solver::MakeCbcSolver(), *clock_);
    service::PsychometricsDeps pdeps;
    pdeps.bank = bank_.get();
    pdeps.delivery = store_.get();
    pdeps.statistics = statistics_.get();
    pdeps.audit = audit_.get();
    pdeps.clock = clock_;
    pdeps.limits = o.psychometrics_limits;
    psychometrics_ = std::make_unique<service::PsychometricsService>(pdeps);
    certificate_store_ = Must(store::OpenSqliteCertificateStore(db_));
    scoring_ = std::make_unique<service::ScoringService>(
        service::ScoringDeps{users_.get(),
                             store_.get(),
                             bank_.get(),
                             scoring_store_.get(),
                             catalog_,
                             pii_,
                             audit_.get(),
                             clock_,
                             {},
                             service::CertificateNumberOfResult(certificate_store_.get())});
    {
      credentials::IssuerConfig cc;
      cc.public_url = "http://127.0.0.1";
      cc.issuer_name = "考评职业技能等级评价中心";
      service::CertificateLookupSources sources{users_.get(), store_.get(), pii_, {}, {}};
      sources.facts = [this](std::int64_t id) -> Result<service::ResultFacts> {
        std::lock_guard<std::mutex> lock(results_mu_);
        auto it = results_.find(id);
        if (it != results_.end()) return it->second;
        return service::FactsFromScoringStore(scoring_store_.get())(id);  // the real results
      };
      sources.plan_results = [this](std::int64_t plan) -> Result<std::vector<std::int64_t>> {
        std::lock_guard<std::mutex> lock(results_mu_);
        auto it = plan_results_.find(plan);
        if (it != plan_results_.end()) return it->second;
        auto real = store_->GetPlan(plan);
        if (!real.ok()) return real.status();
        return service::PlanResultsFromScoringStore(scoring_store_.get())(plan);  // the real results
      };
      service::CertificateLookups lookups = service::BindCertificateLookups(sources);
      service::CertificateDeps cdeps{
          certificate_store_.get(), catalog_, pii_, audit_.get(), clock_, lookups.subject,
          lookups.plan_results};
      auto key = Must(credentials::LoadOrCreateIssuerKey(dir_ / "issuer-key.json"));
      certificates_ = Must(service::CertificateService::Create(cc, key, cdeps));
    }

    http::Router router;
    api::ApiContext ctx;
    ctx.catalog = catalog_;
    ctx.store = users_.get();
    ctx.clock = clock_;
    ctx.metrics = std::make_shared<http::MetricsRegistry>();
    ctx.version = "test";
    ctx.public_url = "http://127.0.0.1";
    ctx.auth = auth_.get();
    ctx.delivery = delivery_.get();
    ctx.bank = bank_service_.get();
    ctx.psychometrics = psychometrics_.get();
    ctx.scoring = scoring_.get();
    ctx.certificates = certificates_.get();
    ctx.standards_import = standards_import_.get();
    Status reg = api::RegisterApi(router, ctx);
    EXPECT_TRUE(reg.ok()) << reg;
    http::ServerOptions so;
    so.address = "127.0.0.1";
    so.port = 0;
    so.threads = 8;
    so.clock = clock_;
    so.metrics = ctx.metrics;
    server_ = std::make_unique<http::HttpServer>(std::move(so), std::move(router));
    Status started = server_->Start();
    EXPECT_TRUE(started.ok()) << started;
    CreateUser("admin", {"admin"});
  }

  ~Harness() {
    server_->Stop(std::chrono::seconds(5)).IgnoreError();
    delivery_->Stop();
    db_->Close();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  template <typename T>
  static T Must(Result<T> r) {
    EXPECT_TRUE(r.ok()) << r.status();
    return std::move(r).value();
  }

  std::uint16_t port() const { return server_->port(); }
  ManualClock& clock() { return manual_; }
  const fs::path& dir() const { return dir_; }
  fs::path standards_dir() const { return dir_ / "standards"; }  // the server's pack directory
  const service::StandardsCatalog& catalog() const { return *catalog_; }
  store::Store& users() { return *users_; }
  store::DeliveryStore& store() { return *store_; }
  store::BankStore& bank() { return *bank_; }
  store::PsychometricsStore& statistics() { return *statistics_; }
  service::DeliveryService& delivery() { return *delivery_; }
  service::ScoringService& scoring() { return *scoring_; }
  store::ScoringStore& scoring_store() { return *scoring_store_; }
  service::CertificateService& certificates() { return *certificates_; }

  // Certificate tests that need no exam: states the facts of result `id` (and, when `plan` > 0,
  // one of the plan's published passing results). Ids not set here come from the real scoring
  // store (tests/integration/scoring_flow_test.cc issues for real results).
  void SetResult(std::int64_t id, const service::ResultFacts& facts, std::int64_t plan = 0) {
    std::lock_guard<std::mutex> lock(results_mu_);
    results_[id] = facts;
    if (plan > 0 && facts.passed && facts.published) plan_results_[plan].push_back(id);
  }
  const http::Router& router() const { return server_->router(); }

  std::int64_t CreateUser(const std::string& login, std::vector<std::string> roles) {
    store::NewUser u{
        login, "用户 " + login, service::HashPassword(PasswordOf(login)).value(), std::move(roles), kT0,
        false};
    auto rec = users_->CreateUser(u);
    EXPECT_TRUE(rec.ok()) << rec.status();
    return rec.ok() ? rec->id.value() : 0;
  }

  // A bearer token for `login` without going through HTTP login (faster for many users).
  std::string TokenFor(const std::string& login) {
    auto u = users_->FindUserByLogin(login);
    EXPECT_TRUE(u.ok()) << login;
    return Must(auth_->IssueBearer(u->id.value()));
  }

  // Inserts `n` synthetic items of llm-deploy-engineer/mid/theory and a paper using them.
  std::string SeedPaper(const std::string& paper_id, int n = 12) {
    const standards::Pack* pack = catalog_->Find("llm-deploy-engineer");
    bank::SyntheticBankOptions so;
    so.level = "mid";
    so.exam_kind = "theory";
    so.size = n;
    so.seed = std::hash<std::string>{}(paper_id);
    auto items = Must(bank::GenerateSyntheticBank(*pack, so));
    for (auto& it : items) it.id = paper_id + "-" + it.id;  // unique per paper
    EXPECT_TRUE(bank_->InsertItems(items, "harness").ok());
    bank::Paper p;
    p.id = paper_id;
    p.title = "试卷 " + paper_id;
    p.standard = "llm-deploy-engineer";
    p.level = "mid";
    p.exam_kind = "theory";
    p.duration_minutes = 90;
    std::set<std::string> sections;
    for (const auto& it : items) {
      std::string sec = bank::ItemTypeName(it.type);
      if (sections.insert(sec).second) p.sections.push_back(bank::PaperSection{sec, sec, true, true});
      p.items.push_back(bank::PaperItem{it.id, it.version, sec, it.points, it.alignment.function});
    }
    p.created_by = "harness";
    p.created_ms = kT0;
    Status s = bank_->SavePaper(p);
    EXPECT_TRUE(s.ok()) << s;
    return paper_id;
  }

  Reply Call(bhttp::verb verb, const std::string& target, const std::string& body = {},
             const std::string& token = {}, http::testing::Fields extra = {}) {
    http::testing::TestClient c(port());
    if (!token.empty()) extra.emplace_back("Authorization", "Bearer " + token);
    if (!body.empty()) extra.emplace_back("Content-Type", "application/json");
    Reply r;
    r.raw = c.Send(verb, target, body, extra);
    r.status = static_cast<int>(r.raw.result_int());
    r.body = r.raw.body();
    r.json = http::testing::BodyJson(r.raw);
    return r;
  }
  Reply Get(const std::string& target, const std::string& token) {
    return Call(bhttp::verb::get, target, {}, token);
  }
  Reply Post(const std::string& target, const Json& body, const std::string& token) {
    return Call(bhttp::verb::post, target, body.is_null() ? std::string() : body.dump(), token);
  }
  Reply Put(const std::string& target, const Json& body, const std::string& token) {
    return Call(bhttp::verb::put, target, body.dump(), token);
  }

  // A plan for llm-deploy-engineer/mid/theory with one room opening at `starts_ms` and staff.
  Json PlanBody(std::vector<std::int64_t> proctors, std::vector<std::int64_t> examiners,
                std::int64_t starts_ms, int capacity = 30, int duration = 90) {
    return Json{{"title", "大模型部署工程师（中级）理论知识考试"},
                {"standard", "llm-deploy-engineer"},
                {"level", "mid"},
                {"kind", "theory"},
                {"duration_minutes", duration},
                {"entry_window_minutes", 60},
                {"rooms", Json::array({Json{{"code", "A01"},
                                            {"name", "第一考场"},
                                            {"capacity", capacity},
                                            {"starts_ms", starts_ms},
                                            {"proctors", proctors},
                                            {"examiners", examiners}}})}};
  }

  static Json EligibleProfile(const std::string& name, const std::string& id_number) {
    return Json{{"full_name", name},
                {"id_number", id_number},
                {"education", "associate"},
                {"field_related", true},
                {"work_history", Json::array({Json{{"organisation", "某科技公司"},
                                                   {"position", "部署工程师"},
                                                   {"from", "2019-07"},
                                                   {"related", true}}})}};
  }

 private:
  HarnessOptions options_;
  fs::path dir_;
  ManualClock manual_;
  const Clock* clock_ = nullptr;
  std::shared_ptr<store::sqlite::Database> db_;
  std::unique_ptr<store::Store> users_;
  std::unique_ptr<store::DeliveryStore> store_;
  std::unique_ptr<store::BankStore> bank_;
  std::unique_ptr<store::PsychometricsStore> statistics_;
  std::shared_ptr<const service::PiiVault> pii_;
  std::shared_ptr<service::StandardsCatalog> catalog_;
  std::unique_ptr<service::AuditLog> audit_;
  std::unique_ptr<service::StandardsImporter> standards_import_;
  std::unique_ptr<service::Authenticator> auth_;
  std::unique_ptr<service::DeliveryService> delivery_;
  std::unique_ptr<service::BankService> bank_service_;
  std::unique_ptr<service::PsychometricsService> psychometrics_;
  std::unique_ptr<store::ScoringStore> scoring_store_;
  std::unique_ptr<service::ScoringService> scoring_;
  std::unique_ptr<store::CertificateStore> certificate_store_;
  std::unique_ptr<service::CertificateService> certificates_;
  std::mutex results_mu_;
  std::map<std::int64_t, service::ResultFacts> results_;
  std::map<std::int64_t, std::vector<std::int64_t>> plan_results_;
  std::unique_ptr<http::HttpServer> server_;
};

// A valid GB 11643 number from 17 digits.
inline std::string IdNumber(const std::string& first17) {
  static constexpr int kW[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kMap[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[static_cast<size_t>(i)] - '0') * kW[i];
  return first17 + kMap[sum % 11];
}

// A full exam set up through the API: staff, a candidate with an approved registration and a
// ready attempt on a seeded paper.
struct ExamSetup {
  std::string admin;
  std::int64_t proctor1 = 0, proctor2 = 0, examiner1 = 0, examiner2 = 0, examiner3 = 0;
  std::int64_t plan_id = 0;
  std::int64_t session_id = 0;
  std::string paper_id;
  std::int64_t starts_ms = 0;
};

inline ExamSetup SetUpExam(Harness& h, std::int64_t starts_ms, const std::string& paper = "paper-a",
                           int duration = 90) {
  ExamSetup s;
  s.admin = h.TokenFor("admin");
  s.proctor1 = h.CreateUser("proctor1", {"proctor"});
  s.proctor2 = h.CreateUser("proctor2", {"proctor"});
  s.examiner1 = h.CreateUser("examiner1", {"examiner"});
  s.examiner2 = h.CreateUser("examiner2", {"examiner"});
  s.examiner3 = h.CreateUser("examiner3", {"examiner"});
  s.starts_ms = starts_ms;
  auto plan = h.Post(
      "/api/v1/plans",
      h.PlanBody({s.proctor1, s.proctor2}, {s.examiner1, s.examiner2, s.examiner3}, starts_ms, 30, duration),
      s.admin);
  EXPECT_EQ(plan.status, 201) << plan.body;
  if (plan.status != 201) return s;
  s.plan_id = plan.json.value("id", 0);
  s.session_id = plan.json["rooms"][0].value("session_id", 0);
  s.paper_id = h.SeedPaper(paper);
  auto attached =
      h.Put("/api/v1/plans/" + std::to_string(s.plan_id) + "/paper", Json{{"paper_id", s.paper_id}}, s.admin);
  EXPECT_EQ(attached.status, 200) << attached.body;
  return s;
}

// Creates a candidate, fills the profile and registers; returns {token, registration id, attempt id}.
struct CandidateSetup {
  std::string login;
  std::int64_t user_id = 0;
  std::string token;
  std::int64_t registration_id = 0;
  std::int64_t attempt_id = 0;
};

inline CandidateSetup AddCandidate(Harness& h, const ExamSetup& exam, const std::string& login,
                                   const std::string& id17) {
  CandidateSetup c;
  c.login = login;
  c.user_id = h.CreateUser(login, {"candidate"});
  c.token = h.TokenFor(login);
  auto p = h.Put("/api/v1/me/profile", Harness::EligibleProfile("考生" + login, IdNumber(id17)), c.token);
  EXPECT_EQ(p.status, 200) << p.body;
  auto reg = h.Post("/api/v1/plans/" + std::to_string(exam.plan_id) + "/registrations", Json(), c.token);
  EXPECT_EQ(reg.status, 201) << reg.body;
  c.registration_id = reg.json.value("id", 0);
  EXPECT_EQ(reg.json.value("status", ""), "approved") << reg.body;
  auto list = h.Get("/api/v1/attempts", c.token);
  EXPECT_EQ(list.status, 200) << list.body;
  if (list.json.contains("attempts") && list.json["attempts"].size() == 1)
    c.attempt_id = list.json["attempts"][0].value("id", 0);
  EXPECT_GT(c.attempt_id, 0) << list.body;
  return c;
}

}  // namespace kaoping::integration

#endif  // KAOPING_TESTS_INTEGRATION_HARNESS_H_
