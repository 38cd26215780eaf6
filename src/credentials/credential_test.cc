// Issuing, verifying (our own verifier), revoking, renewing and batch issuance.
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "credentials/certificate.h"
#include "credentials/credentials_test_support.h"
#include "credentials/data_integrity.h"
#include "credentials/dates.h"
#include "credentials/issuer.h"
#include "credentials/verify.h"
#include "wire/case_json.h"

namespace kaoping::credentials {
namespace {

using Json = nlohmann::json;
using testing::IssuerFixture;
using testing::PackFromRepo;

constexpr char kDeploy[] = "002-llm-deploy-engineer.yaml";
constexpr char kTechnician[] = "003-ai-engineering-technician.yaml";

IssueRequest Request(const std::string& name, const std::string& level = "mid") {
  IssueRequest r;
  r.holder.name = name;
  r.pack = &PackFromRepo(kDeploy);
  r.level_id = level;
  return r;
}

StatusListFetcher FetcherFor(const CertificateIssuer& issuer) {
  return [&issuer](const std::string& url) -> Result<Json> {
    if (url != StatusListUrl(issuer.config())) return NotFound("test.no_list", "no such list");
    return issuer.StatusListCredential();
  };
}

TEST(CaseUuidTest, SameIdentifiersAsTheCaseExport) {
  // The level node really is in the CASE export of the pack (both name it with base/name_uuid.h).
  const Json pkg = wire::ExportCase(PackFromRepo(kDeploy), "https://exam.example.org/ims/case/v1p0",
                                    "2026-03-01T00:00:00Z");
  const std::string level_uuid = NameUuid("kaoping:llm-deploy-engineer:level:mid");
  bool found = false;
  for (const auto& item : pkg["CFItems"]) found = found || item["identifier"] == level_uuid;
  EXPECT_TRUE(found);
}

TEST(IdentityHashTest, OpenBadgesSpecExample) {
  // OB 3.0 spec example: SHA-256("a@example.com" + "Kosher").
  EXPECT_EQ(IdentityHash("a@example.com", "Kosher").substr(0, 15), "sha256$b5809d8a");
}

TEST(IssueTest, OpenBadgeCredentialShape) {
  IssuerFixture fx;
  IssueRequest r = Request("张三明");
  r.holder.email = "zhang@example.com";
  auto issued = fx.issuer->Issue(r);
  ASSERT_TRUE(issued.ok()) << issued.status();
  const CertificateRecord& rec = issued->record;
  const Json& vc = issued->credential;

  EXPECT_EQ(rec.number.substr(0, 21), "KP-DEP-M-2026-000001-");
  EXPECT_TRUE(fx.issuer->scheme().Validate(rec.number).ok());
  EXPECT_EQ(vc["@context"], Json::array({"https://www.w3.org/ns/credentials/v2",
                                         "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"}));
  EXPECT_EQ(vc["type"], Json::array({"VerifiableCredential", "OpenBadgeCredential"}));
  EXPECT_EQ(vc["id"].get<std::string>().substr(0, 9), "urn:uuid:");
  EXPECT_EQ(vc["id"], rec.credential_id);
  EXPECT_EQ(vc["issuer"]["id"], IssuerFixture::Key().Did());
  EXPECT_EQ(vc["issuer"]["id"].get<std::string>().substr(0, 12), "did:key:z6Mk");
  EXPECT_EQ(vc["issuer"]["type"], Json::array({"Profile"}));
  EXPECT_EQ(vc["issuer"]["name"], "考评职业技能评价中心");
  EXPECT_EQ(vc["validFrom"], "2026-03-01T08:00:00Z");
  EXPECT_EQ(vc["validUntil"], "2029-03-01T08:00:00Z");

  const Json& subject = vc["credentialSubject"];
  EXPECT_EQ(subject["type"], Json::array({"AchievementSubject"}));
  EXPECT_EQ(subject["identifier"][0], (Json{{"type", "IdentityObject"},
                                            {"identityType", "name"},
                                            {"hashed", false},
                                            {"identityHash", "张三明"}}));
  const Json& email = subject["identifier"][1];
  EXPECT_EQ(email["identityType"], "emailAddress");
  EXPECT_EQ(email["identityHash"], IdentityHash("zhang@example.com", email["salt"].get<std::string>()));
  EXPECT_EQ(vc.dump().find("zhang@example.com"), std::string::npos);  // only the hash is published

  const Json& ach = subject["achievement"];
  EXPECT_EQ(ach["type"], Json::array({"Achievement"}));
  EXPECT_EQ(ach["id"], "https://exam.example.org/achievements/llm-deploy-engineer/mid");
  EXPECT_EQ(ach["humanCode"], rec.number);
  EXPECT_EQ(ach["achievementType"], "Certification");
  EXPECT_NE(ach["criteria"]["narrative"].get<std::string>().find("理论知识、技能操作"), std::string::npos);
  const Json& level_alignment = ach["alignment"][0];
  const std::string level_uuid = NameUuid("kaoping:llm-deploy-engineer:level:mid");
  EXPECT_EQ(level_alignment["targetType"], "CFItem");
  EXPECT_EQ(level_alignment["targetName"], "中级");
  EXPECT_EQ(level_alignment["targetCode"], level_uuid);
  EXPECT_EQ(level_alignment["targetUrl"], "https://exam.example.org/ims/case/v1p0/CFItems/" + level_uuid);
  EXPECT_EQ(level_alignment["targetFramework"], PackFromRepo(kDeploy).title.zh);
  const Json& doc_alignment = ach["alignment"].back();
  EXPECT_EQ(doc_alignment["targetUrl"],
            "https://exam.example.org/ims/case/v1p0/CFDocuments/" + NameUuid("kaoping:llm-deploy-engineer"));

  const Json& status = vc["credentialStatus"];
  EXPECT_EQ(status["type"], "BitstringStatusListEntry");
  EXPECT_EQ(status["statusPurpose"], "revocation");
  EXPECT_EQ(status["statusListIndex"], std::to_string(rec.status_index));
  EXPECT_EQ(status["statusListCredential"], "https://exam.example.org/credentials/status/1");

  const Json& proof = vc["proof"];
  EXPECT_EQ(proof["type"], "DataIntegrityProof");
  EXPECT_EQ(proof["cryptosuite"], "eddsa-rdfc-2022");  // the default suite
  EXPECT_EQ(proof["proofPurpose"], "assertionMethod");
  EXPECT_EQ(proof["verificationMethod"], IssuerFixture::Key().VerificationMethod());
  EXPECT_FALSE(proof.contains("@context"));  // rdfc proofs use the document's
  EXPECT_EQ(proof["proofValue"].get<std::string>()[0], 'z');
}

TEST(IssueTest, DirectionAlignment) {
  IssuerFixture fx;
  IssueRequest r;
  r.holder.name = "李四";
  r.pack = &PackFromRepo(kTechnician);
  r.level_id = "senior";
  r.direction_id = "chip";
  auto issued = fx.issuer->Issue(r);
  ASSERT_TRUE(issued.ok()) << issued.status();
  EXPECT_EQ(issued->record.number.substr(0, 21), "KP-AIE-S-2026-000001-");
  const Json& ach = issued->credential["credentialSubject"]["achievement"];
  EXPECT_EQ(ach["fieldOfStudy"], "人工智能芯片产品实现");
  ASSERT_EQ(ach["alignment"].size(), 3u);
  EXPECT_EQ(ach["alignment"][1]["targetCode"],
            NameUuid("kaoping:ai-engineering-technician:level:senior:direction:chip"));
}

TEST(IssueTest, RequestErrors) {
  IssuerFixture fx;
  IssueRequest r = Request("");
  EXPECT_EQ(fx.issuer->Issue(r).status().reason(), "credentials.request");
  r = Request("王五", "grand-master");
  EXPECT_EQ(fx.issuer->Issue(r).status().reason(), "credentials.unknown_level");
  r = Request("王五");
  r.direction_id = "nope";
  EXPECT_EQ(fx.issuer->Issue(r).status().reason(), "credentials.unknown_direction");
  r = Request("王五");
  r.valid_from = fx.clock.Now();
  r.valid_until = fx.clock.Now();
  EXPECT_EQ(fx.issuer->Issue(r).status().reason(), "credentials.request");
  // Nothing was allocated by the failed requests.
  EXPECT_FALSE(fx.serials.Last("DEP|M|2026").has_value());
  EXPECT_EQ(fx.status_list.allocated_count(), 0u);
}

TEST(IssueTest, ConfigErrors) {
  ManualClock clock(FromUnixMillis(0));
  InMemorySerialAllocator serials;
  StatusList list("https://elsewhere/status");
  IssuerConfig c = IssuerFixture::Config();
  EXPECT_EQ(CertificateIssuer::Create(c, IssuerFixture::Key(), &serials, &list, &clock).status().reason(),
            "credentials.config");
  StatusList ok_list(StatusListUrl(c));
  c.number_pattern = "{nope}";
  EXPECT_EQ(CertificateIssuer::Create(c, IssuerFixture::Key(), &serials, &ok_list, &clock).status().reason(),
            "credentials.number_pattern");
  c = IssuerFixture::Config();
  c.issuer_name.clear();
  EXPECT_EQ(CertificateIssuer::Create(c, IssuerFixture::Key(), &serials, &ok_list, &clock).status().reason(),
            "credentials.config");
}

TEST(VerifyTest, IssuedCredentialVerifiesAndTamperingIsDetected) {
  IssuerFixture fx;
  const IssuedCertificate cert = fx.issuer->Issue(Request("张三明")).value();
  const std::set<std::string, std::less<>> trusted = {fx.issuer->issuer_id()};
  PublicVerification v = VerifyCredential(cert.credential, FetcherFor(*fx.issuer), fx.clock.Now(), trusted);
  EXPECT_EQ(v.state, CertificateState::kValid) << v.reason << " " << v.message;
  EXPECT_EQ(v.number, cert.record.number);
  EXPECT_EQ(v.holder_masked, "张*明");
  EXPECT_EQ(v.level, "中级");
  EXPECT_EQ(v.standard, PackFromRepo(kDeploy).title.zh);
  EXPECT_EQ(v.valid_from, "2026-03-01");
  EXPECT_EQ(v.valid_until, "2029-03-01");
  EXPECT_EQ(v.issuer, "考评职业技能评价中心");
  EXPECT_TRUE(VerifyProof(cert.credential).ok());

  // One changed character anywhere in the signed content breaks the proof.
  Json tampered = cert.credential;
  tampered["credentialSubject"]["identifier"][0]["identityHash"] = "张三朋";
  v = VerifyCredential(tampered, FetcherFor(*fx.issuer), fx.clock.Now(), trusted);
  EXPECT_EQ(v.state, CertificateState::kInvalid);
  EXPECT_EQ(v.reason, "credentials.proof_invalid");
  tampered = cert.credential;
  tampered["validUntil"] = "2039-03-01T08:00:00Z";
  EXPECT_EQ(VerifyCredential(tampered, FetcherFor(*fx.issuer), fx.clock.Now(), trusted).reason,
            "credentials.proof_invalid");
  tampered = cert.credential;
  tampered["proof"]["created"] = "2026-03-01T08:00:01Z";  // proof options are signed too
  EXPECT_EQ(VerifyCredential(tampered, FetcherFor(*fx.issuer), fx.clock.Now(), trusted).reason,
            "credentials.proof_invalid");
  // eddsa-rdfc-2022 signs the RDF: a JSON change with the same meaning still verifies, a
  // context kaoping does not embed cannot be canonicalised, a proof @context is ignored.
  tampered = cert.credential;
  tampered["credentialSubject"]["type"] = "AchievementSubject";  // was ["AchievementSubject"]
  EXPECT_EQ(VerifyCredential(tampered, FetcherFor(*fx.issuer), fx.clock.Now(), trusted).state,
            CertificateState::kValid);
  tampered = cert.credential;
  tampered["@context"].push_back("https://example.org/extra");
  EXPECT_EQ(VerifyCredential(tampered, FetcherFor(*fx.issuer), fx.clock.Now(), trusted).reason,
            "credentials.proof_invalid");
  tampered = cert.credential;
  tampered["@context"][1] = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json";
  EXPECT_EQ(VerifyCredential(tampered, FetcherFor(*fx.issuer), fx.clock.Now(), trusted).reason,
            "credentials.proof_invalid");
  tampered = cert.credential;
  tampered["proof"]["@context"] = Json::array({"https://example.org/other"});
  EXPECT_EQ(VerifyCredential(tampered, FetcherFor(*fx.issuer), fx.clock.Now(), trusted).state,
            CertificateState::kValid);

  // eddsa-jcs-2022 credentials (issued with cryptosuite = "eddsa-jcs-2022") verify too.
  IssuerConfig jcs_config = IssuerFixture::Config();
  jcs_config.cryptosuite = Cryptosuite::kEddsaJcs2022;
  auto jcs_issuer =
      CertificateIssuer::Create(jcs_config, IssuerFixture::Key(), &fx.serials, &fx.status_list, &fx.clock)
          .value();
  const IssuedCertificate jcs = jcs_issuer->Issue(Request("张三明")).value();
  EXPECT_EQ(jcs.credential["proof"]["cryptosuite"], "eddsa-jcs-2022");
  EXPECT_EQ(jcs.credential["proof"]["@context"], jcs.credential["@context"]);
  EXPECT_EQ(VerifyCredential(jcs.credential, FetcherFor(*jcs_issuer), fx.clock.Now(), trusted).state,
            CertificateState::kValid);
  tampered = jcs.credential;
  tampered["credentialSubject"]["identifier"][0]["identityHash"] = "张三朋";
  EXPECT_EQ(VerifyCredential(tampered, FetcherFor(*fx.issuer), fx.clock.Now(), trusted).reason,
            "credentials.proof_invalid");
  // eddsa-jcs-2022 lets a holder append contexts after the signed ones (verify step 4: the
  // proof's @context replaces the document's); changing a signed one is detected.
  tampered = jcs.credential;
  tampered["@context"].push_back("https://example.org/extra");
  EXPECT_EQ(VerifyCredential(tampered, FetcherFor(*fx.issuer), fx.clock.Now(), trusted).state,
            CertificateState::kValid);
  tampered = jcs.credential;
  tampered["@context"][1] = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json";
  EXPECT_EQ(VerifyCredential(tampered, FetcherFor(*fx.issuer), fx.clock.Now(), trusted).reason,
            "credentials.proof_context");
  tampered = jcs.credential;
  tampered["proof"]["@context"] = Json::array({"https://example.org/other"});
  EXPECT_EQ(VerifyCredential(tampered, FetcherFor(*fx.issuer), fx.clock.Now(), trusted).reason,
            "credentials.proof_context");
}

TEST(VerifyTest, ForeignIssuersAndForgedIssuerFields) {
  IssuerFixture fx;
  const IssuedCertificate cert = fx.issuer->Issue(Request("张三明")).value();
  // Signed by someone else's key, claiming to be us.
  const Ed25519Key mallory = Ed25519Key::Generate();
  Json forged = cert.credential;
  forged.erase("proof");
  forged = AddJcsProof(forged, mallory, fx.clock.Now()).value();
  PublicVerification v =
      VerifyCredential(forged, FetcherFor(*fx.issuer), fx.clock.Now(), {fx.issuer->issuer_id()});
  EXPECT_EQ(v.reason, "credentials.issuer_mismatch");
  // Honestly naming its own issuer, but not one we trust.
  forged = cert.credential;
  forged.erase("proof");
  forged["issuer"]["id"] = mallory.Did();
  forged = AddJcsProof(forged, mallory, fx.clock.Now()).value();
  v = VerifyCredential(forged, FetcherFor(*fx.issuer), fx.clock.Now(), {fx.issuer->issuer_id()});
  EXPECT_EQ(v.state, CertificateState::kInvalid);
  EXPECT_EQ(v.reason, "credentials.untrusted_issuer");
  // Without a trust list it gets as far as the status list, which is ours, not mallory's.
  v = VerifyCredential(forged, FetcherFor(*fx.issuer), fx.clock.Now());
  EXPECT_EQ(v.state, CertificateState::kUnknown);
  EXPECT_EQ(v.reason, "credentials.status_list_issuer");
  EXPECT_EQ(VerifyCredential(Json("x"), nullptr, fx.clock.Now()).reason, "credentials.malformed");
}

TEST(VerifyTest, RevocationExpiryAndUnknown) {
  IssuerFixture fx;
  IssuedCertificate cert = fx.issuer->Issue(Request("欧阳娜娜")).value();
  const auto fetch = FetcherFor(*fx.issuer);
  const std::set<std::string, std::less<>> trusted = {fx.issuer->issuer_id()};

  // Expired after validUntil.
  PublicVerification v = VerifyCredential(cert.credential, fetch, AddYears(fx.clock.Now(), 4), trusted);
  EXPECT_EQ(v.state, CertificateState::kExpired);
  EXPECT_EQ(v.reason, "credentials.expired");
  // Not valid before validFrom.
  v = VerifyCredential(cert.credential, fetch, fx.clock.Now() - std::chrono::hours(1), trusted);
  EXPECT_EQ(v.state, CertificateState::kInvalid);
  EXPECT_EQ(v.reason, "credentials.not_yet_valid");
  // Status list unavailable: cannot say.
  v = VerifyCredential(
      cert.credential, [](const std::string&) -> Result<Json> { return NotFound("x", "gone"); },
      fx.clock.Now(), trusted);
  EXPECT_EQ(v.state, CertificateState::kUnknown);
  EXPECT_EQ(v.reason, "credentials.status_unavailable");

  fx.clock.Advance(std::chrono::hours(24 * 30));
  auto list = fx.issuer->Revoke(cert.record, RevocationReason::kMisconduct, "考场作弊，见监考记录 2026-17");
  ASSERT_TRUE(list.ok()) << list.status();
  ASSERT_TRUE(cert.record.revocation.has_value());
  EXPECT_EQ(FormatDate(cert.record.revocation->at), "2026-03-31");
  EXPECT_EQ(fx.issuer->Revoke(cert.record, RevocationReason::kOther, "").status().reason(),
            "credentials.already_revoked");

  v = VerifyCredential(cert.credential, fetch, fx.clock.Now(), trusted);
  EXPECT_EQ(v.state, CertificateState::kRevoked);
  EXPECT_EQ(v.reason, "credentials.revoked");
  // Revocation outranks expiry.
  EXPECT_EQ(VerifyCredential(cert.credential, fetch, AddYears(fx.clock.Now(), 5), trusted).state,
            CertificateState::kRevoked);

  // The record path (public page by number) carries the reason, never the note.
  const StatusBitstring bits = OpenStatusListCredential(*list, fx.issuer->issuer_id()).value();
  v = VerifyRecord(&cert.record, &bits, fx.clock.Now());
  EXPECT_EQ(v.state, CertificateState::kRevoked);
  EXPECT_EQ(v.revocation_reason, "misconduct");
  EXPECT_EQ(v.revocation_reason_zh, "违纪作弊");
  EXPECT_EQ(v.revoked_at, "2026-03-31");
  EXPECT_EQ(v.holder_masked, "欧**娜");
  const std::string public_json = v.ToJson().dump();
  EXPECT_EQ(public_json.find("作弊，见"), std::string::npos);
  EXPECT_EQ(public_json.find("欧阳娜娜"), std::string::npos);
  EXPECT_EQ(v.ToJson()["state"], "revoked");

  // A set bit alone (record not yet updated) still means revoked.
  CertificateRecord stale = cert.record;
  stale.revocation.reset();
  EXPECT_EQ(VerifyRecord(&stale, &bits, fx.clock.Now()).state, CertificateState::kRevoked);
  EXPECT_EQ(VerifyRecord(&stale, &bits, fx.clock.Now()).revocation_reason, "other");
  EXPECT_EQ(VerifyRecord(nullptr, &bits, fx.clock.Now()).reason, "credentials.not_found");
  EXPECT_EQ(VerifyRecord(nullptr, &bits, fx.clock.Now()).state, CertificateState::kUnknown);

  IssuedCertificate other = fx.issuer->Issue(Request("王五")).value();
  EXPECT_EQ(VerifyRecord(&other.record, &bits, fx.clock.Now()).state, CertificateState::kValid);
  EXPECT_EQ(VerifyRecord(&other.record, nullptr, fx.clock.Now()).reason, "credentials.status_unavailable");
  EXPECT_EQ(VerifyRecord(&other.record, &bits, AddYears(fx.clock.Now(), 3)).state,
            CertificateState::kExpired);
}

TEST(RenewTest, NewNumberNewPeriodLinkedToTheOld) {
  IssuerFixture fx;
  IssueRequest r = Request("张三明");
  const IssuedCertificate old = fx.issuer->Issue(r).value();
  fx.clock.Set(AddYears(fx.clock.Now(), 3) + std::chrono::hours(24));  // after expiry
  auto renewed = fx.issuer->Renew(old.record, r.holder, PackFromRepo(kDeploy));
  ASSERT_TRUE(renewed.ok()) << renewed.status();
  EXPECT_NE(renewed->record.number, old.record.number);
  EXPECT_EQ(renewed->record.number.substr(0, 21), "KP-DEP-M-2029-000001-");
  EXPECT_EQ(renewed->record.renews, old.record.number);
  EXPECT_NE(renewed->record.status_index, old.record.status_index);
  EXPECT_EQ(renewed->credential["validFrom"], "2029-03-02T08:00:00Z");
  EXPECT_EQ(renewed->credential["validUntil"], "2032-03-02T08:00:00Z");
  EXPECT_EQ(renewed->credential["evidence"][0]["id"], "https://exam.example.org/verify/" + old.record.number);
  EXPECT_EQ(renewed->credential["evidence"][0]["genre"], "Renewal");
  const auto fetch = FetcherFor(*fx.issuer);
  EXPECT_EQ(VerifyCredential(renewed->credential, fetch, fx.clock.Now()).state, CertificateState::kValid);
  EXPECT_EQ(VerifyCredential(old.credential, fetch, fx.clock.Now()).state, CertificateState::kExpired);
  EXPECT_EQ(VerifyRecord(&renewed->record, &fx.status_list.revoked(), fx.clock.Now()).renews,
            old.record.number);

  // Explicit end, wrong pack, wrong holder, revoked.
  auto explicit_end =
      fx.issuer->Renew(old.record, r.holder, PackFromRepo(kDeploy), AddYears(fx.clock.Now(), 1));
  ASSERT_TRUE(explicit_end.ok());
  EXPECT_EQ(explicit_end->credential["validUntil"], "2030-03-02T08:00:00Z");
  EXPECT_EQ(fx.issuer->Renew(old.record, r.holder, PackFromRepo(kTechnician)).status().reason(),
            "credentials.request");
  Holder someone_else;
  someone_else.name = "别人";
  EXPECT_EQ(fx.issuer->Renew(old.record, someone_else, PackFromRepo(kDeploy)).status().reason(),
            "credentials.request");
  CertificateRecord revoked = old.record;
  ASSERT_TRUE(fx.issuer->Revoke(revoked, RevocationReason::kIssuedInError, "").ok());
  EXPECT_EQ(fx.issuer->Renew(revoked, r.holder, PackFromRepo(kDeploy)).status().reason(),
            "credentials.renew_revoked");
}

TEST(BatchTest, WholeSessionInOneCall) {
  IssuerFixture fx;
  std::vector<IssueRequest> session;
  for (int i = 0; i < 40; ++i)
    session.push_back(Request("考生" + std::to_string(i), i % 2 ? "mid" : "senior"));
  auto issued = fx.issuer->IssueBatch(session);
  ASSERT_TRUE(issued.ok()) << issued.status();
  ASSERT_EQ(issued->size(), 40u);
  std::set<std::string> numbers;
  std::set<std::size_t> indexes;
  for (const auto& c : *issued) {
    numbers.insert(c.record.number);
    indexes.insert(c.record.status_index);
    EXPECT_TRUE(VerifyProof(c.credential).ok());
  }
  EXPECT_EQ(numbers.size(), 40u);
  EXPECT_EQ(indexes.size(), 40u);
  EXPECT_EQ(fx.serials.Last("DEP|M|2026").value(), 20);
  EXPECT_EQ(fx.serials.Last("DEP|S|2026").value(), 20);

  // One bad request fails the whole batch before anything is allocated, naming its position.
  session[7].level_id = "nope";
  auto bad = fx.issuer->IssueBatch(session);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().reason(), "credentials.unknown_level");
  EXPECT_NE(bad.status().message().find("#8"), std::string::npos);
  EXPECT_NE(bad.status().message_zh().find("第 8 条"), std::string::npos);
  EXPECT_EQ(fx.serials.Last("DEP|M|2026").value(), 20);
  EXPECT_EQ(fx.status_list.allocated_count(), 40u);
}

TEST(BatchTest, ConcurrentIssuersGetDistinctNumbersAndIndexes) {
  IssuerFixture fx;
  std::vector<std::vector<IssuedCertificate>> got(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) got[t].push_back(fx.issuer->Issue(Request("考生")).value());
    });
  }
  for (auto& th : threads) th.join();
  std::set<std::string> numbers;
  std::set<std::size_t> indexes;
  for (const auto& v : got) {
    for (const auto& c : v) {
      numbers.insert(c.record.number);
      indexes.insert(c.record.status_index);
    }
  }
  EXPECT_EQ(numbers.size(), 100u);
  EXPECT_EQ(indexes.size(), 100u);
  EXPECT_EQ(fx.serials.Last("DEP|M|2026").value(), 100);
}

TEST(MaskNameTest, KeepsFirstAndLast) {
  EXPECT_EQ(MaskName("张三明"), "张*明");
  EXPECT_EQ(MaskName("张三"), "张*");
  EXPECT_EQ(MaskName("王"), "王");
  EXPECT_EQ(MaskName("欧阳娜娜"), "欧**娜");
  EXPECT_EQ(MaskName("Ada Lovelace"), "A*a L******e");
  EXPECT_EQ(MaskName(""), "");
}

TEST(LevelAndStandardCodesTest, Defaults) {
  IssuerConfig c;
  EXPECT_EQ(StandardCode(c, "llm-deploy-engineer"), "LDE");
  EXPECT_EQ(StandardCode(c, "ai-engineering-technician"), "AET");
  EXPECT_EQ(StandardCode(c, "gb-2024-x"), "G2024X");
  EXPECT_EQ(LevelCode(c, "mid"), "M");
  EXPECT_EQ(LevelCode(c, "tier-3"), "TIER3");
  c.standard_codes["llm-deploy-engineer"] = "DEP";
  c.level_codes["mid"] = "2";
  EXPECT_EQ(StandardCode(c, "llm-deploy-engineer"), "DEP");
  EXPECT_EQ(LevelCode(c, "mid"), "2");
}

}  // namespace
}  // namespace kaoping::credentials
