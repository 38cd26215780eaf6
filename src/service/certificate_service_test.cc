// The certificate service over real SQLite stores and the real credentials module. Results do
// not exist yet in this module's world (scoring binds them), so the subject lookup here is an
// in-test table of result facts completed from real candidate profiles (SubjectFromProfiles).
#include "service/certificate_service.h"

#include <atomic>
#include <filesystem>
#include <map>
#include <set>

#include <unistd.h>

#include <gtest/gtest.h>

#include "credentials/dates.h"
#include "service/certificate_lookups.h"
#include "service/crypto.h"
#include "store/sqlite/certificate_store_sqlite.h"
#include "store/sqlite/database.h"
#include "store/sqlite/delivery_store_sqlite.h"
#include "store/sqlite/sqlite_store.h"

namespace kaoping::service {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
namespace cr = credentials;

constexpr std::int64_t kT0 = 1'772'352'000'000;  // 2026-03-01T08:00:00Z

fs::path FreshDir() {
  static std::atomic<int> n{0};
  auto dir = fs::temp_directory_path() /
             ("kaoping-cert-service-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

cr::IssuerConfig Config() {
  cr::IssuerConfig c;
  c.public_url = "https://exam.example.org";
  c.issuer_name = "考评职业技能评价中心";
  c.standard_codes = {{"llm-deploy-engineer", "DEP"}, {"ai-engineering-technician", "AIE"}};
  return c;
}

cr::Ed25519Key Key() {
  std::string seed;
  for (int i = 1; i <= 32; ++i) seed += static_cast<char>(i);
  return cr::Ed25519Key::FromSeed(seed).value();
}

template <typename T>
T Must(Result<T> r) {
  EXPECT_TRUE(r.ok()) << r.status();
  return std::move(r).value();
}

// Real stores on one SQLite file; results as an in-test table.
struct World {
  explicit World(fs::path d = FreshDir()) : dir(std::move(d)), clock(FromUnixMillis(kT0)) {
    EXPECT_TRUE(InitCrypto().ok());
    db = Must(store::sqlite::Database::Open((dir / "kaoping.db").string(), 4));
    users = Must(store::OpenSqliteStore(db));
    delivery = Must(store::OpenSqliteDeliveryStore(db));
    certs = Must(store::OpenSqliteCertificateStore(db));
    pii = Must(PiiVault::OpenOrCreate(dir.string()));
    catalog = Must(StandardsCatalog::Load(std::string(KAOPING_SOURCE_DIR) + "/standards"));
    audit = std::make_unique<AuditLog>(*delivery, clock);
    service = MakeService();
  }
  ~World() {
    service.reset();
    db->Close();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }

  std::unique_ptr<CertificateService> MakeService() {
    CertificateDeps deps;
    deps.store = certs.get();
    deps.catalog = catalog;
    deps.pii = pii;
    deps.audit = audit.get();
    deps.clock = &clock;
    deps.subject = SubjectFromProfiles(
        [this](std::int64_t id) -> Result<ResultFacts> {
          auto it = results.find(id);
          if (it == results.end()) return NotFound("result.not_found", "no result " + std::to_string(id));
          return it->second;
        },
        delivery.get(), users.get(), pii);
    deps.plan_results = [this](std::int64_t plan) -> Result<std::vector<std::int64_t>> {
      auto it = plans.find(plan);
      if (it == plans.end()) return NotFound("plan.not_found", "no plan");
      return it->second;
    };
    return Must(CertificateService::Create(Config(), Key(), deps));
  }

  Actor CreateUser(const std::string& login, std::vector<std::string> roles) {
    store::NewUser u{login, "用户 " + login, "x", roles, kT0, false};
    auto rec = Must(users->CreateUser(u));
    return Actor{rec.id.value(), login, u.display_name, roles};
  }

  void SetProfile(const Actor& a, const std::string& name, const std::string& id_number) {
    store::ProfileRecord p;
    p.user_id = a.user_id;
    p.full_name = name;
    p.id_number_sealed = pii->Seal(id_number);
    p.id_number_hash = pii->KeyedHash(id_number);
    p.id_number_masked = "masked";
    p.updated_ms = kT0;
    ASSERT_TRUE(delivery->PutProfile(p, audit->Entry(a, "profile.put", "", "", "")).ok());
  }

  std::int64_t AuditSeq() { return Must(delivery->GetAuditHead()).seq; }

  fs::path dir;
  ManualClock clock;
  std::shared_ptr<store::sqlite::Database> db;
  std::unique_ptr<store::Store> users;
  std::unique_ptr<store::DeliveryStore> delivery;
  std::unique_ptr<store::CertificateStore> certs;
  std::shared_ptr<const PiiVault> pii;
  std::shared_ptr<const StandardsCatalog> catalog;
  std::unique_ptr<AuditLog> audit;
  std::map<std::int64_t, ResultFacts> results;
  std::map<std::int64_t, std::vector<std::int64_t>> plans;
  std::unique_ptr<CertificateService> service;
};

ResultFacts Facts(const Actor& who, bool passed = true, bool published = true) {
  return ResultFacts{who.user_id, "llm-deploy-engineer", "mid", "", passed, published};
}

TEST(CertificateServiceTest, IssueRulesIdempotenceAndAccess) {
  World w;
  Actor admin = w.CreateUser("admin", {"admin"});
  Actor zhang = w.CreateUser("zhang", {"candidate"});
  Actor li = w.CreateUser("li", {"candidate"});
  w.SetProfile(zhang, "张三明", "11010519491231002X");
  w.results[1] = Facts(zhang, true, false);
  w.results[2] = Facts(zhang, false, true);
  w.results[3] = Facts(zhang);

  EXPECT_EQ(w.service->IssueForResult(admin, 1).status().reason(), "certificates.not_published");
  EXPECT_EQ(w.service->IssueForResult(admin, 2).status().reason(), "certificates.not_passed");
  EXPECT_EQ(w.service->IssueForResult(admin, 99).status().reason(), "result.not_found");
  EXPECT_EQ(w.service->IssueForResult(zhang, 3).status().reason(), "access.denied");

  const std::int64_t seq0 = w.AuditSeq();
  CertificateView v = Must(w.service->IssueForResult(admin, 3, "127.0.0.1"));
  EXPECT_EQ(v.number.substr(0, 21), "KP-DEP-M-2026-000001-");
  EXPECT_EQ(v.holder_name, "张三明");  // from the candidate profile
  EXPECT_EQ(v.user_id, zhang.user_id);
  EXPECT_EQ(v.result_id, 3);
  EXPECT_EQ(v.standard, "llm-deploy-engineer");
  EXPECT_EQ(v.level, "mid");
  EXPECT_EQ(v.level_name, "中级");
  EXPECT_EQ(v.state, CertificateStateKind::kValid);
  EXPECT_EQ(v.valid_from, "2026-03-01T08:00:00Z");
  EXPECT_EQ(v.valid_until, "2029-03-01T08:00:00Z");
  EXPECT_EQ(v.verify_url, "https://exam.example.org/verify/" + v.number);
  EXPECT_EQ(w.AuditSeq(), seq0 + 1);

  // Idempotent: the same certificate again, nothing new written.
  CertificateView again = Must(w.service->IssueForResult(admin, 3));
  EXPECT_EQ(again.number, v.number);
  EXPECT_EQ(w.AuditSeq(), seq0 + 1);

  // The ID number is sealed at rest and only hashed in the credential.
  store::CertificateRow row = Must(w.certs->GetCertificate(v.number));
  EXPECT_EQ(row.national_id_sealed.find("11010519491231002X"), std::string::npos);
  EXPECT_EQ(Must(w.pii->Unseal(row.national_id_sealed)), "11010519491231002X");
  std::string credential = Must(w.service->CredentialJson(zhang, v.number));
  EXPECT_EQ(credential.find("11010519491231002X"), std::string::npos);
  EXPECT_NE(credential.find("nationalIdentityNumber"), std::string::npos) << credential.substr(0, 400);

  // Holder and admin read it; another candidate cannot tell it exists.
  EXPECT_EQ(Must(w.service->Get(zhang, v.number)).holder_name, "张三明");
  EXPECT_EQ(Must(w.service->Get(admin, v.number)).holder_name, "张三明");
  EXPECT_EQ(w.service->Get(li, v.number).status().reason(), "certificate.not_found");
  EXPECT_EQ(w.service->CredentialJson(li, v.number).status().reason(), "certificate.not_found");
  EXPECT_EQ(w.service->Pdf(li, v.number).status().reason(), "certificate.not_found");
  EXPECT_EQ(w.service->Get(li, "KP-DEP-M-2026-000002-X").status().reason(), "certificate.not_found");
  // Lists: own only for candidates.
  EXPECT_EQ(Must(w.service->List(zhang, std::nullopt)).size(), 1u);
  EXPECT_TRUE(Must(w.service->List(li, std::nullopt)).empty());
  EXPECT_EQ(w.service->List(li, zhang.user_id).status().reason(), "access.denied");
  EXPECT_EQ(Must(w.service->List(admin, zhang.user_id)).size(), 1u);
  EXPECT_EQ(Must(w.service->List(admin, li.user_id)).size(), 0u);
}

TEST(CertificateServiceTest, HolderWithoutProfileGetsTheAccountName) {
  World w;
  Actor admin = w.CreateUser("admin", {"admin"});
  Actor wang = w.CreateUser("wang", {"candidate"});
  w.results[5] = Facts(wang);
  CertificateView v = Must(w.service->IssueForResult(admin, 5));
  EXPECT_EQ(v.holder_name, "用户 wang");
  EXPECT_TRUE(Must(w.certs->GetCertificate(v.number)).national_id_sealed.empty());
}

TEST(CertificateServiceTest, PublicVerificationRevocationAndExpiry) {
  World w;
  Actor admin = w.CreateUser("admin", {"admin"});
  Actor zhang = w.CreateUser("zhang", {"candidate"});
  w.SetProfile(zhang, "张三明", "11010519491231002X");
  w.results[3] = Facts(zhang);
  CertificateView v = Must(w.service->IssueForResult(admin, 3));
  Json credential = Json::parse(Must(w.service->CredentialJson(admin, v.number)));

  cr::PublicVerification pv = w.service->VerifyNumber(v.number);
  EXPECT_EQ(pv.state, cr::CertificateState::kValid) << pv.reason;
  EXPECT_EQ(pv.holder_masked, "张*明");
  EXPECT_EQ(pv.level, "中级");
  // Lower case and spaces are forgiven; a wrong check character is caught before any lookup.
  std::string lower = v.number;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(w.service->VerifyNumber("  " + lower + " ").state, cr::CertificateState::kValid);
  std::string typo = v.number;
  typo[typo.size() - 3] = typo[typo.size() - 3] == '1' ? '2' : '1';
  pv = w.service->VerifyNumber(typo);
  EXPECT_EQ(pv.state, cr::CertificateState::kUnknown);
  EXPECT_EQ(pv.reason, "credentials.number_check");
  // Well-formed but never issued.
  pv = w.service->VerifyNumber("KP-DEP-M-2026-000777-" +
                               std::string(1, cr::Mod37_36CheckChar("KPDEPM2026000777")));
  EXPECT_EQ(pv.state, cr::CertificateState::kUnknown);
  EXPECT_EQ(pv.reason, "credentials.not_found");
  EXPECT_EQ(w.service->VerifyNumber(std::string(500, 'A')).state, cr::CertificateState::kUnknown);

  EXPECT_EQ(w.service->VerifyDocument(credential).state, cr::CertificateState::kValid);
  Json tampered = credential;
  tampered["credentialSubject"]["identifier"][0]["identityHash"] = "张三朋";
  EXPECT_EQ(w.service->VerifyDocument(tampered).state, cr::CertificateState::kInvalid);

  // Revocation.
  EXPECT_EQ(w.service->Revoke(admin, v.number, "cheating", "").status().reason(), "certificates.bad_reason");
  EXPECT_EQ(w.service->Revoke(zhang, v.number, "misconduct", "").status().reason(), "access.denied");
  const std::int64_t seq = w.AuditSeq();
  w.clock.Advance(std::chrono::hours(24));
  CertificateView revoked =
      Must(w.service->Revoke(admin, v.number, "misconduct", "考场作弊，见监考记录", "10.0.0.1"));
  EXPECT_EQ(revoked.state, CertificateStateKind::kRevoked);
  EXPECT_EQ(revoked.revocation_reason, "misconduct");
  EXPECT_EQ(revoked.revocation_reason_zh, "违纪作弊");
  EXPECT_EQ(revoked.revoked_at, "2026-03-02T08:00:00Z");
  EXPECT_EQ(w.AuditSeq(), seq + 1);
  EXPECT_EQ(w.service->Revoke(admin, v.number, "other", "").status().reason(), "credentials.already_revoked");
  pv = w.service->VerifyNumber(v.number);
  EXPECT_EQ(pv.state, cr::CertificateState::kRevoked);
  EXPECT_EQ(pv.revocation_reason, "misconduct");
  EXPECT_EQ(pv.ToJson().dump().find("考场作弊"), std::string::npos);  // the note is never public
  // The credential file itself now reports revoked: through the re-signed, published list.
  EXPECT_EQ(w.service->VerifyDocument(credential).state, cr::CertificateState::kRevoked);
  Json list = Json::parse(Must(w.service->StatusListCredential()));
  EXPECT_EQ(list["type"][1], "BitstringStatusListCredential");
  EXPECT_TRUE(cr::OpenStatusListCredential(list, w.service->issuer_id())
                  .value()
                  .Get(static_cast<std::size_t>(Must(w.certs->GetCertificate(v.number)).status_index)));

  // Expiry of another certificate.
  Actor li = w.CreateUser("li", {"candidate"});
  w.results[4] = Facts(li);
  CertificateView other = Must(w.service->IssueForResult(admin, 4));
  w.clock.Advance(std::chrono::hours(24 * 365 * 4));
  EXPECT_EQ(w.service->VerifyNumber(other.number).state, cr::CertificateState::kExpired);
  EXPECT_EQ(Must(w.service->Get(li, other.number)).state, CertificateStateKind::kExpired);
}

TEST(CertificateServiceTest, RenewalAndBatch) {
  World w;
  Actor admin = w.CreateUser("admin", {"admin"});
  std::vector<Actor> people;
  for (int i = 0; i < 4; ++i) {
    people.push_back(w.CreateUser("c" + std::to_string(i), {"candidate"}));
    w.results[10 + i] = Facts(people.back(), i != 2);
  }
  w.plans[7] = {10, 11, 12, 13, 404};
  BatchOutcome batch = Must(w.service->IssueForPlan(admin, 7));
  ASSERT_EQ(batch.issued.size(), 3u);
  ASSERT_EQ(batch.skipped.size(), 2u);
  EXPECT_EQ(batch.skipped[0].result_id, 12);
  EXPECT_EQ(batch.skipped[0].code, "certificates.not_passed");
  EXPECT_FALSE(batch.skipped[0].message_zh.empty());
  EXPECT_EQ(batch.skipped[1].code, "result.not_found");
  std::set<std::string> numbers;
  for (const auto& v : batch.issued) numbers.insert(v.number);
  EXPECT_EQ(numbers.size(), 3u);
  // Again: idempotent.
  BatchOutcome again = Must(w.service->IssueForPlan(admin, 7));
  ASSERT_EQ(again.issued.size(), 3u);
  EXPECT_EQ(again.issued[0].number, batch.issued[0].number);
  EXPECT_EQ(w.service->IssueForPlan(people[0], 7).status().reason(), "access.denied");

  w.clock.Advance(std::chrono::hours(24 * 365 * 2));
  CertificateView renewed = Must(w.service->Renew(admin, batch.issued[0].number));
  EXPECT_NE(renewed.number, batch.issued[0].number);
  EXPECT_EQ(renewed.renews, batch.issued[0].number);
  EXPECT_EQ(renewed.result_id, 10);
  EXPECT_EQ(renewed.valid_from, "2028-02-29T08:00:00Z");
  EXPECT_EQ(w.service->VerifyNumber(batch.issued[0].number).state, cr::CertificateState::kValid);
  EXPECT_EQ(w.service->VerifyNumber(renewed.number).renews, batch.issued[0].number);
  // A revoked certificate is not renewed.
  ASSERT_TRUE(w.service->Revoke(admin, batch.issued[1].number, "issued_in_error", "").ok());
  EXPECT_EQ(w.service->Renew(admin, batch.issued[1].number).status().reason(), "credentials.renew_revoked");
  // The PDF renders for the holder.
  std::string pdf = Must(w.service->Pdf(people[0], renewed.number));
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
}

// A second process (the CLI) on the same database: serials continue, status indexes never
// collide, and each sees the other's revocations.
TEST(CertificateServiceTest, TwoInstancesShareOneDatabase) {
  World w;
  Actor admin = w.CreateUser("admin", {"admin"});
  std::unique_ptr<CertificateService> second = w.MakeService();
  std::set<std::int64_t> indexes;
  std::set<std::string> numbers;
  for (int i = 0; i < 6; ++i) {
    Actor c = w.CreateUser("c" + std::to_string(i), {"candidate"});
    w.results[100 + i] = Facts(c);
    CertificateService& svc = i % 2 == 0 ? *w.service : *second;
    CertificateView v = Must(svc.IssueForResult(admin, 100 + i));
    numbers.insert(v.number);
    indexes.insert(Must(w.certs->GetCertificate(v.number)).status_index);
  }
  EXPECT_EQ(numbers.size(), 6u);
  EXPECT_EQ(indexes.size(), 6u);
  EXPECT_EQ(numbers.rbegin()->substr(0, 21), "KP-DEP-M-2026-000006-");
  ASSERT_TRUE(second->Revoke(admin, *numbers.begin(), "holder_request", "").ok());
  EXPECT_EQ(w.service->VerifyNumber(*numbers.begin()).state, cr::CertificateState::kRevoked);
  // The first instance revokes next, from a list it has not seen change: the earlier bit stays.
  ASSERT_TRUE(w.service->Revoke(admin, *numbers.rbegin(), "other", "").ok());
  EXPECT_EQ(second->VerifyNumber(*numbers.begin()).state, cr::CertificateState::kRevoked);
  EXPECT_EQ(second->VerifyNumber(*numbers.rbegin()).state, cr::CertificateState::kRevoked);

  // A restart continues the serials.
  w.service = w.MakeService();
  Actor late = w.CreateUser("late", {"candidate"});
  w.results[200] = Facts(late);
  EXPECT_EQ(Must(w.service->IssueForResult(admin, 200)).number.substr(0, 21), "KP-DEP-M-2026-000007-");
}

}  // namespace
}  // namespace kaoping::service

// LeakSanitizer: fontconfig's caches and cairo 1.16's per-surface buffer (see
// credentials/credentials_test_support.cc) are not kaoping's to free.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n"
         "leak:libcairo.so\n";
}
