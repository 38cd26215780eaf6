// Certificates end to end on the real server: an administrator issues the certificate of a
// published passing result over HTTP; the holder downloads the signed credential, which the
// independent npm verifier (tests/credentials/verify.mjs, Digital Bazaar's libraries) accepts
// with the status list as the server publishes it; one changed character makes it fail; after a
// revocation both the API and the npm verifier (through the re-served list) say revoked; the
// PDF's QR code, rendered with pdftoppm and read with zbarimg, is the verification URL.
//
// The result itself is stated with Harness::SetResult (scoring is wired by the lead); the
// holder's name and ID number come from the candidate profile entered over the API.
#include <gtest/gtest.h>

#include "credentials/credentials_test_support.h"
#include "harness.h"

namespace kaoping::integration {
namespace {

using credentials::testing::CommandResult;
using credentials::testing::RunCommand;
using credentials::testing::ShellQuote;
using credentials::testing::TempDir;
using credentials::testing::WriteFile;

class CertificateFlowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (credentials::testing::NodeExecutable().empty() ||
        !fs::exists(credentials::testing::VerifierDir() / "node_modules" / "@digitalbazaar" / "vc")) {
      GTEST_FAIL() << "the npm verifier is not installed: run scripts/setup.sh (npm ci in tests/credentials)";
    }
  }

  // verify.mjs on `credential_text` with `status_list_text` served at the list URL.
  CommandResult NpmVerify(const std::string& credential_text, const std::string& status_list_text) {
    const auto cred = dir_.path() / ("credential-" + std::to_string(++files_) + ".json");
    const auto list = dir_.path() / ("status-" + std::to_string(files_) + ".json");
    WriteFile(cred, credential_text);
    WriteFile(list, status_list_text);
    return RunCommand(ShellQuote(credentials::testing::NodeExecutable()) + " " +
                      ShellQuote((credentials::testing::VerifierDir() / "verify.mjs").string()) + " " +
                      ShellQuote(cred.string()) + " --status-list " +
                      ShellQuote("http://127.0.0.1/credentials/status/1=" + list.string()));
  }

  TempDir dir_;
  int files_ = 0;
};

TEST_F(CertificateFlowTest, IssueVerifyTamperRevokeAndQr) {
  Harness h;
  const std::string admin = h.TokenFor("admin");
  const std::int64_t zhang = h.CreateUser("zhang", {"candidate"});
  const std::string zhang_token = h.TokenFor("zhang");
  auto profile = h.Put("/api/v1/me/profile",
                       Harness::EligibleProfile("张三明", IdNumber("11010519491231002")), zhang_token);
  ASSERT_EQ(profile.status, 200) << profile.body;

  h.SetResult(1, {zhang, "llm-deploy-engineer", "mid", "", true, false});
  h.SetResult(2, {zhang, "llm-deploy-engineer", "mid", "", false, true});
  h.SetResult(3, {zhang, "llm-deploy-engineer", "mid", "", true, true});
  auto r = h.Post("/api/v1/results/1/certificate", Json::object(), admin);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.json.value("code", ""), "certificates.not_published");
  r = h.Post("/api/v1/results/2/certificate", Json::object(), admin);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.json.value("code", ""), "certificates.not_passed");
  r = h.Post("/api/v1/results/3/certificate", Json::object(), zhang_token);
  EXPECT_EQ(r.status, 403);

  auto issued = h.Post("/api/v1/results/3/certificate", Json(), admin);
  ASSERT_EQ(issued.status, 200) << issued.body;
  const std::string number = issued.json.value("number", "");
  EXPECT_EQ(number.substr(0, 19), "KP-LDE-M-2026-00000");  // default {std}: initials of the pack id
  EXPECT_EQ(issued.json.value("holder_name", ""), "张三明");
  EXPECT_EQ(issued.json.value("state", ""), "valid");
  EXPECT_EQ(issued.json.value("standard", ""), "llm-deploy-engineer");
  EXPECT_EQ(issued.json.value("level_name", ""), "中级");
  EXPECT_EQ(issued.json.value("verify_url", ""), "http://127.0.0.1/verify/" + number);
  auto again = h.Post("/api/v1/results/3/certificate", Json::object(), admin);
  EXPECT_EQ(again.json.value("number", ""), number);  // idempotent

  // The holder lists and downloads it.
  auto mine = h.Get("/api/v1/certificates", zhang_token);
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.json["certificates"].size(), 1u);
  auto credential = h.Get("/api/v1/certificates/" + number + "/credential.json", zhang_token);
  ASSERT_EQ(credential.status, 200) << credential.body;
  EXPECT_NE(credential.raw[boost::beast::http::field::content_disposition].find(number), std::string::npos);
  EXPECT_EQ(credential.body.find("110105194912310"), std::string::npos);  // the ID number only hashed
  auto list = h.Call(bhttp::verb::get, "/credentials/status/1");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json["type"][1], "BitstringStatusListCredential");

  // The independent verifier accepts it; one changed character fails.
  CommandResult ok = NpmVerify(credential.body, list.body);
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  std::string tampered = credential.body;
  const std::size_t at = tampered.find(number.substr(0, 14));  // inside the humanCode / description
  ASSERT_NE(at, std::string::npos);
  tampered[at + 12] = tampered[at + 12] == '6' ? '7' : '6';  // the year's last digit
  CommandResult bad = NpmVerify(tampered, list.body);
  EXPECT_EQ(bad.exit_code, 1) << bad.output;

  // The platform's own verification: by number (public, masked) and by uploaded file.
  auto pub = h.Call(bhttp::verb::get, "/api/v1/verify/" + number);
  ASSERT_EQ(pub.status, 200) << pub.body;
  EXPECT_EQ(pub.json.value("state", ""), "valid");
  EXPECT_EQ(pub.json.value("holder_masked", ""), "张*明");
  EXPECT_EQ(pub.body.find("张三明"), std::string::npos);
  EXPECT_EQ(pub.json.value("issuer_id", ""), h.certificates().issuer_id());
  auto upload = h.Call(bhttp::verb::post, "/api/v1/verify", credential.body);
  EXPECT_EQ(upload.json.value("state", ""), "valid") << upload.body;
  upload = h.Call(bhttp::verb::post, "/api/v1/verify", tampered);
  EXPECT_EQ(upload.json.value("state", ""), "invalid") << upload.body;
  auto unknown = h.Call(bhttp::verb::get, "/api/v1/verify/KP-LDE-M-2026-999999-0");
  EXPECT_EQ(unknown.status, 200);
  EXPECT_EQ(unknown.json.value("state", ""), "unknown");

  // The PDF: its QR code is the verification URL.
  auto pdf = h.Get("/api/v1/certificates/" + number + "/certificate.pdf", zhang_token);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.raw[boost::beast::http::field::content_type], "application/pdf");
  ASSERT_EQ(pdf.body.substr(0, 5), "%PDF-");
  const auto pdf_path = dir_.path() / "certificate.pdf";
  const auto png_base = dir_.path() / "page";
  WriteFile(pdf_path, pdf.body);
  auto ppm = RunCommand("pdftoppm -r 150 -png -singlefile " + ShellQuote(pdf_path.string()) + " " +
                        ShellQuote(png_base.string()));
  ASSERT_EQ(ppm.exit_code, 0) << ppm.output;
  auto qr =
      RunCommand("zbarimg --quiet --raw -Sdisable -Sqrcode.enable " + ShellQuote(png_base.string() + ".png"),
                 /*with_stderr=*/false);
  ASSERT_EQ(qr.exit_code, 0) << qr.output;
  std::string decoded = qr.output;
  while (!decoded.empty() && (decoded.back() == '\n' || decoded.back() == '\r')) decoded.pop_back();
  EXPECT_EQ(decoded, "http://127.0.0.1/verify/" + number);

  // Revocation: the API and the npm verifier (through the re-served list) both say revoked.
  auto bad_reason = h.Post("/api/v1/certificates/" + number + "/revoke", Json{{"reason", "cheating"}}, admin);
  EXPECT_EQ(bad_reason.status, 400);
  EXPECT_EQ(bad_reason.json.value("code", ""), "certificates.bad_reason");
  auto revoked = h.Post("/api/v1/certificates/" + number + "/revoke",
                        Json{{"reason", "misconduct"}, {"note", "考场作弊，见监考记录"}}, admin);
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(revoked.json.value("state", ""), "revoked");
  EXPECT_EQ(revoked.json.value("revocation_reason_zh", ""), "违纪作弊");
  auto twice = h.Post("/api/v1/certificates/" + number + "/revoke", Json{{"reason", "other"}}, admin);
  EXPECT_EQ(twice.status, 409);
  pub = h.Call(bhttp::verb::get, "/api/v1/verify/" + number);
  EXPECT_EQ(pub.json.value("state", ""), "revoked");
  EXPECT_EQ(pub.json.value("revocation_reason", ""), "misconduct");
  EXPECT_EQ(pub.body.find("考场作弊"), std::string::npos);  // the note stays internal
  auto new_list = h.Call(bhttp::verb::get, "/credentials/status/1");
  ASSERT_EQ(new_list.status, 200);
  CommandResult rev = NpmVerify(credential.body, new_list.body);
  EXPECT_EQ(rev.exit_code, 2) << rev.output;
  EXPECT_NE(rev.output.find("revoked"), std::string::npos) << rev.output;
  upload = h.Call(bhttp::verb::post, "/api/v1/verify", credential.body);
  EXPECT_EQ(upload.json.value("state", ""), "revoked") << upload.body;
  EXPECT_EQ(h.Get("/api/v1/certificates/" + number, zhang_token).json.value("state", ""), "revoked");

  // Every change is in the audit chain, which still verifies.
  auto audit = h.Get("/api/v1/audit?limit=500", admin);
  ASSERT_EQ(audit.status, 200) << audit.body;
  int issue_rows = 0, revoke_rows = 0;
  for (const auto& row : audit.json["entries"]) {
    issue_rows += row.value("action", "") == "certificate.issue";
    revoke_rows += row.value("action", "") == "certificate.revoke";
  }
  EXPECT_EQ(issue_rows, 1) << audit.body.substr(0, 2000);
  EXPECT_EQ(revoke_rows, 1);
  EXPECT_EQ(h.Get("/api/v1/audit/verify", admin).json.value("ok", false), true);
}

TEST_F(CertificateFlowTest, BatchRenewAndPublicBounds) {
  Harness h;
  const std::string admin = h.TokenFor("admin");
  for (int i = 0; i < 3; ++i) {
    std::int64_t u = h.CreateUser("c" + std::to_string(i), {"candidate"});
    h.SetResult(10 + i, {u, "llm-deploy-engineer", "senior", "", true, true}, /*plan=*/5);
  }
  auto batch = h.Post("/api/v1/plans/5/certificates", Json::object(), admin);
  ASSERT_EQ(batch.status, 200) << batch.body;
  ASSERT_EQ(batch.json["issued"].size(), 3u);
  EXPECT_TRUE(batch.json["skipped"].empty());
  const std::string first = batch.json["issued"][0].value("number", "");
  EXPECT_EQ(batch.json["issued"][0].value("holder_name", ""), "用户 c0");  // no profile: the account name

  auto renewed = h.Post("/api/v1/certificates/" + first + "/renew", Json(), admin);
  ASSERT_EQ(renewed.status, 200) << renewed.body;
  EXPECT_EQ(renewed.json.value("renews", ""), first);
  EXPECT_NE(renewed.json.value("number", ""), first);
  auto all = h.Get("/api/v1/certificates", admin);
  EXPECT_EQ(all.json["certificates"].size(), 4u);

  // Upload bound: 256 KiB.
  auto big = h.Call(bhttp::verb::post, "/api/v1/verify", "{\"x\":\"" + std::string(300 * 1024, 'a') + "\"}");
  EXPECT_EQ(big.status, 413);
  auto not_json = h.Call(bhttp::verb::post, "/api/v1/verify", "{not json");
  EXPECT_EQ(not_json.status, 400);
  auto not_vc = h.Call(bhttp::verb::post, "/api/v1/verify", "[1,2]");
  EXPECT_EQ(not_vc.status, 400);
  EXPECT_EQ(not_vc.json.value("code", ""), "verify.not_a_credential");
  // Rate limit on number lookups: 120 per minute per address.
  int limited = 0;
  for (int i = 0; i < 125; ++i) limited += h.Call(bhttp::verb::get, "/api/v1/verify/" + first).status == 429;
  EXPECT_EQ(limited, 5) << "the 121st to 125th lookups of the minute are refused";
  h.clock().Advance(std::chrono::minutes(1));
  EXPECT_EQ(h.Call(bhttp::verb::get, "/api/v1/verify/" + first).status, 200);
}

// `kaoping cert …` (the real binary) on the data directory of a running server: export, offline
// verify, revoke — and the server sees the revocation at once.
TEST_F(CertificateFlowTest, CliExportVerifyRevoke) {
  Harness h;
  const std::string admin = h.TokenFor("admin");
  const std::int64_t u = h.CreateUser("li", {"candidate"});
  h.SetResult(3, {u, "ai-engineering-technician", "senior", "chip", true, true});
  auto issued = h.Post("/api/v1/results/3/certificate", Json(), admin);
  ASSERT_EQ(issued.status, 200) << issued.body;
  const std::string number = issued.json.value("number", "");
  EXPECT_EQ(issued.json.value("direction", ""), "chip");

  // The CLI shares the server's [certificates] configuration (here through the environment).
  const std::string cli =
      "KAOPING_CERT_PUBLIC_URL=http://127.0.0.1 " + std::string(KAOPING_BINARY_DIR) + "/kaoping cert ";
  const std::string data = " --data " + ShellQuote(h.dir().string());
  const auto out = dir_.path() / "export";
  CommandResult exported = RunCommand(cli + "export " + number + " --out " + ShellQuote(out.string()) + data);
  ASSERT_EQ(exported.exit_code, 0) << exported.output;
  const auto cred_file = out / (number + ".credential.json");
  ASSERT_TRUE(fs::exists(cred_file)) << exported.output;
  ASSERT_TRUE(fs::exists(out / (number + ".pdf")));
  EXPECT_EQ(credentials::testing::ReadFile(out / (number + ".pdf")).substr(0, 5), "%PDF-");

  CommandResult valid = RunCommand(cli + "verify " + ShellQuote(cred_file.string()) + data);
  EXPECT_EQ(valid.exit_code, 0) << valid.output;
  EXPECT_NE(valid.output.find("有效 / valid"), std::string::npos) << valid.output;
  // Offline with an explicit list file and a pinned issuer.
  const auto list_file = dir_.path() / "list.json";
  WriteFile(list_file, h.Call(bhttp::verb::get, "/credentials/status/1").body);
  CommandResult pinned =
      RunCommand(cli + "verify " + ShellQuote(cred_file.string()) + " --status-list " +
                 ShellQuote(list_file.string()) + " --issuer " + h.certificates().issuer_id() + " --json");
  EXPECT_EQ(pinned.exit_code, 0) << pinned.output;
  CommandResult wrong_issuer =
      RunCommand(cli + "verify " + ShellQuote(cred_file.string()) + " --status-list " +
                 ShellQuote(list_file.string()) + " --issuer did:key:z6MkSomebodyElse");
  EXPECT_EQ(wrong_issuer.exit_code, 1) << wrong_issuer.output;
  std::string text = credentials::testing::ReadFile(cred_file);
  text.replace(text.find(number), 2, "XX");
  const auto tampered = dir_.path() / "tampered.json";
  WriteFile(tampered, text);
  CommandResult bad = RunCommand(cli + "verify " + ShellQuote(tampered.string()) + data);
  EXPECT_EQ(bad.exit_code, 1) << bad.output;
  EXPECT_NE(bad.output.find("无效 / invalid"), std::string::npos) << bad.output;

  CommandResult bad_reason = RunCommand(cli + "revoke " + number + " --reason cheating" + data);
  EXPECT_EQ(bad_reason.exit_code, 2) << bad_reason.output;
  CommandResult revoked =
      RunCommand(cli + "revoke " + number + " --reason holder_request --note 本人申请" + data);
  ASSERT_EQ(revoked.exit_code, 0) << revoked.output;
  EXPECT_EQ(h.Call(bhttp::verb::get, "/api/v1/verify/" + number).json.value("state", ""), "revoked");
  CommandResult now_revoked = RunCommand(cli + "verify " + ShellQuote(cred_file.string()) + data);
  EXPECT_EQ(now_revoked.exit_code, 1) << now_revoked.output;
  EXPECT_NE(now_revoked.output.find("已吊销 / revoked"), std::string::npos) << now_revoked.output;
  // The server keeps issuing on the list the CLI changed (no index handed out twice).
  const std::int64_t v = h.CreateUser("wang", {"candidate"});
  h.SetResult(4, {v, "ai-engineering-technician", "senior", "chip", true, true});
  auto next = h.Post("/api/v1/results/4/certificate", Json(), admin);
  ASSERT_EQ(next.status, 200) << next.body;
  EXPECT_EQ(h.Call(bhttp::verb::get, "/api/v1/verify/" + number).json.value("state", ""), "revoked");

  // The CLI looks results up in the scoring store: result 4 was only stated to the server above,
  // so for the CLI it does not exist — bad input, exit 2, said in plain words.
  CommandResult issue = RunCommand(cli + "issue --result 4" + data);
  EXPECT_EQ(issue.exit_code, 2) << issue.output;
  EXPECT_NE(issue.output.find("成绩 4 不存在"), std::string::npos) << issue.output;
}

}  // namespace
}  // namespace kaoping::integration
