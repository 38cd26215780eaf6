// Credentials checked by an independent verifier: Digital Bazaar's VC libraries from npm
// (tests/credentials/verify.mjs), offline, and our JCS against the npm `canonicalize` package.
#include <gtest/gtest.h>

#include "credentials/credentials_test_support.h"
#include "credentials/dates.h"
#include "credentials/jcs.h"

namespace kaoping::credentials {
namespace {

using Json = nlohmann::json;
using testing::IssuerFixture;
using testing::ReadFile;
using testing::RunCommand;
using testing::ShellQuote;
using testing::WriteFile;

class InteropTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(testing::NodeExecutable().empty()) << "node not found at configure time";
    ASSERT_TRUE(std::filesystem::exists(testing::VerifierDir() / "node_modules" / "@digitalbazaar" / "vc"))
        << "the npm verifier is not installed: run scripts/setup.sh (npm ci in tests/credentials)";
  }

  // Runs verify.mjs on `credential` with the issuer's current status list; returns the result.
  testing::CommandResult Verify(const std::string& credential_text, const Json& status_list,
                                const std::string& now = "") {
    const auto cred_file = dir_.path() / ("credential-" + std::to_string(++files_) + ".json");
    const auto list_file = dir_.path() / ("status-" + std::to_string(files_) + ".json");
    WriteFile(cred_file, credential_text);
    WriteFile(list_file, status_list.dump(2));
    std::string cmd = ShellQuote(testing::NodeExecutable()) + " " +
                      ShellQuote((testing::VerifierDir() / "verify.mjs").string()) + " " +
                      ShellQuote(cred_file.string()) + " --status-list " +
                      ShellQuote(StatusListUrl(IssuerFixture::Config()) + "=" + list_file.string());
    if (!now.empty()) cmd += " --now " + now;
    return RunCommand(cmd);
  }

  testing::TempDir dir_;
  int files_ = 0;
};

TEST_F(InteropTest, IssuedCredentialVerifiesWithTheNpmVerifier) {
  IssuerFixture fx;
  fx.clock.Set(std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
  IssueRequest r;
  r.holder.name = "张三明";
  r.holder.email = "zhang@example.com";
  r.holder.national_id = "11010519491231002X";
  r.pack = &testing::PackFromRepo("003-ai-engineering-technician.yaml");
  r.level_id = "senior";
  r.direction_id = "chip";
  const IssuedCertificate cert = fx.issuer->Issue(r).value();
  const Json list = fx.issuer->StatusListCredential().value();

  auto ok = Verify(cert.credential.dump(2), list);
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  const Json report = Json::parse(ok.output.substr(ok.output.find('{')), nullptr, false);
  EXPECT_EQ(report.value("verified", false), true) << ok.output;
  EXPECT_EQ(report.value("revoked", true), false);
  EXPECT_EQ(report.value("safeModeExpansion", ""), "ok") << ok.output;
  EXPECT_EQ(report["statusByOwnDecoder"], false);
  EXPECT_EQ(report["cryptosuite"], "eddsa-rdfc-2022");  // the default suite

  // The renewal evidence uses defined terms too.
  const IssuedCertificate renewed = fx.issuer->Renew(cert.record, r.holder, *r.pack).value();
  auto renewed_ok = Verify(renewed.credential.dump(), fx.issuer->StatusListCredential().value());
  EXPECT_EQ(renewed_ok.exit_code, 0) << renewed_ok.output;
}

TEST_F(InteropTest, OneChangedCharacterFails) {
  IssuerFixture fx;
  fx.clock.Set(std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
  IssueRequest r;
  r.holder.name = "李四";
  r.pack = &testing::PackFromRepo("002-llm-deploy-engineer.yaml");
  r.level_id = "junior";
  const IssuedCertificate cert = fx.issuer->Issue(r).value();
  const Json list = fx.issuer->StatusListCredential().value();
  const std::string text = cert.credential.dump(2);

  // The last serial digit of the certificate number inside the signed JSON text.
  std::string altered = text;
  const std::size_t at = altered.find(cert.record.number);
  ASSERT_NE(at, std::string::npos);
  char& c = altered[at + 19];  // "KP-DEP-J-2026-00000[1]-X"
  c = c == '1' ? '2' : '1';
  ASSERT_EQ(altered.size(), text.size());
  auto bad = Verify(altered, list);
  EXPECT_EQ(bad.exit_code, 1) << bad.output;
  EXPECT_NE(bad.output.find("\"verified\": false"), std::string::npos) << bad.output;

  // And in the proof value itself.
  altered = text;
  const std::size_t pv = altered.find("\"proofValue\": \"z") + 20;
  altered[pv] = altered[pv] == 'A' ? 'B' : 'A';
  bad = Verify(altered, list);
  EXPECT_EQ(bad.exit_code, 1) << bad.output;

  // Unchanged text still verifies (the harness is not simply failing everything).
  EXPECT_EQ(Verify(text, list).exit_code, 0);
}

TEST_F(InteropTest, RevokedCredentialReportsRevoked) {
  IssuerFixture fx;
  fx.clock.Set(std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
  IssueRequest r;
  r.holder.name = "王五";
  r.pack = &testing::PackFromRepo("002-llm-deploy-engineer.yaml");
  r.level_id = "senior";
  IssuedCertificate cert = fx.issuer->Issue(r).value();
  IssuedCertificate bystander = fx.issuer->Issue(r).value();
  const Json revoked_list = fx.issuer->Revoke(cert.record, RevocationReason::kMisconduct, "").value();

  auto revoked = Verify(cert.credential.dump(), revoked_list);
  EXPECT_EQ(revoked.exit_code, 2) << revoked.output;
  const Json report = Json::parse(revoked.output.substr(revoked.output.find('{')), nullptr, false);
  EXPECT_EQ(report["revoked"], true) << revoked.output;
  EXPECT_EQ(report["statusByOwnDecoder"], true) << revoked.output;
  ASSERT_EQ(report["statusByLibrary"].size(), 1u);
  EXPECT_EQ(report["statusByLibrary"][0]["index"], std::to_string(cert.record.status_index));

  // The other credential on the same list is unaffected.
  EXPECT_EQ(Verify(bystander.credential.dump(), revoked_list).exit_code, 0);

  // A status list whose bit was flipped without re-signing is rejected.
  Json forged = revoked_list;
  forged["credentialSubject"]["encodedList"] = StatusBitstring().Encode().value();
  auto forged_result = Verify(cert.credential.dump(), forged);
  EXPECT_EQ(forged_result.exit_code, 1) << forged_result.output;
}

TEST_F(InteropTest, JcsSuiteCredentialsVerifyToo) {
  IssuerFixture fx;
  fx.clock.Set(std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
  IssuerConfig config = IssuerFixture::Config();
  config.cryptosuite = Cryptosuite::kEddsaJcs2022;
  auto issuer =
      CertificateIssuer::Create(config, IssuerFixture::Key(), &fx.serials, &fx.status_list, &fx.clock)
          .value();
  IssueRequest r;
  r.holder.name = "钱七";
  r.pack = &testing::PackFromRepo("002-llm-deploy-engineer.yaml");
  r.level_id = "mid";
  IssuedCertificate cert = issuer->Issue(r).value();
  auto ok = Verify(cert.credential.dump(), issuer->StatusListCredential().value());
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_NE(ok.output.find("\"cryptosuite\": \"eddsa-jcs-2022\""), std::string::npos) << ok.output;
  Json altered = cert.credential;
  altered["validUntil"] = "2039-03-01T08:00:00Z";
  EXPECT_EQ(Verify(altered.dump(), issuer->StatusListCredential().value()).exit_code, 1);
  const Json revoked_list = issuer->Revoke(cert.record, RevocationReason::kMisconduct, "").value();
  EXPECT_EQ(Verify(cert.credential.dump(), revoked_list).exit_code, 2);
}

TEST_F(InteropTest, ExpiredCredentialFails) {
  IssuerFixture fx;  // issued 2026-03-01, valid until 2029-03-01
  IssueRequest r;
  r.holder.name = "赵六";
  r.pack = &testing::PackFromRepo("002-llm-deploy-engineer.yaml");
  r.level_id = "mid";
  const IssuedCertificate cert = fx.issuer->Issue(r).value();
  const Json list = fx.issuer->StatusListCredential().value();
  EXPECT_EQ(Verify(cert.credential.dump(), list, "2027-01-01T00:00:00Z").exit_code, 0);
  auto expired = Verify(cert.credential.dump(), list, "2030-01-01T00:00:00Z");
  EXPECT_EQ(expired.exit_code, 1) << expired.output;
  EXPECT_NE(expired.output.find("validUntil"), std::string::npos) << expired.output;
}

TEST_F(InteropTest, JcsMatchesTheNpmCanonicalizePackage) {
  const std::string input = R"({
    "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001, -0.0, 1e21, 1e-7,
                123456789012345680000, 5e-324, 1.7976931348623157e308, 0.1, 100, -12.75, 9007199254740992],
    "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/ 中文 \u2028 \u007f \ud83d\ude00",
    "\ufb33": 1, "\ud83d\ude00": 2, "\u00f6": 3, "\r": 4, "1": 5, "\u0080": 6, "a": {"z": [], "b": {}},
    "literals": [null, true, false]
  })";
  const auto file = dir_.path() / "jcs-input.json";
  WriteFile(file, input);
  auto node =
      RunCommand(ShellQuote(testing::NodeExecutable()) + " " +
                 ShellQuote((testing::VerifierDir() / "jcs.mjs").string()) + " " + ShellQuote(file.string()));
  ASSERT_EQ(node.exit_code, 0) << node.output;
  EXPECT_EQ(CanonicalizeJcs(Json::parse(input)).value(), node.output);

  // And the same for a whole issued credential.
  IssuerFixture fx;
  IssueRequest r;
  r.holder.name = "Zoë 张";
  r.pack = &testing::PackFromRepo("002-llm-deploy-engineer.yaml");
  r.level_id = "mid";
  const Json vc = fx.issuer->Issue(r).value().credential;
  WriteFile(file, vc.dump());
  node =
      RunCommand(ShellQuote(testing::NodeExecutable()) + " " +
                 ShellQuote((testing::VerifierDir() / "jcs.mjs").string()) + " " + ShellQuote(file.string()));
  ASSERT_EQ(node.exit_code, 0) << node.output;
  EXPECT_EQ(CanonicalizeJcs(vc).value(), node.output);
}

}  // namespace
}  // namespace kaoping::credentials
