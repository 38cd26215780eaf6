// `kaoping cert …`: certificates on <data>/kaoping.db, with the same [certificates] configuration
// and issuer key as `kaoping serve` (docs/certificates.md):
//
//   kaoping cert issue --result N | --plan N      issue (idempotent) / batch for a plan
//   kaoping cert revoke NUMBER --reason R [--note "…"]
//   kaoping cert verify FILE [--status-list FILE] [--issuer DID] [--json]
//   kaoping cert export NUMBER --out DIR         NUMBER.credential.json + NUMBER.pdf
//
// issue/revoke/export act as the built-in administrator "cli" (audited as such). `verify` is
// offline: the signature and issuer are checked from the file alone; the revocation bit from
// --status-list, else from the data directory's published list when there is one (otherwise the
// state is "unknown": revocation cannot be ruled out). Exit codes: 0 valid / done, 1 the
// credential is not valid (expired, revoked, invalid, unknown), 2 bad input, 3 internal error.
//
// Results come from scoring through service::BindCertificateLookups (the same binding as the
// server); until scoring is connected `issue` answers certificates.no_results.

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/certificate_config.h"
#include "app/config.h"
#include "cli/cli.h"
#include "credentials/keys.h"
#include "service/certificate_lookups.h"
#include "service/certificate_service.h"
#include "service/crypto.h"
#include "service/standards_catalog.h"
#include "store/sqlite/certificate_store_sqlite.h"
#include "store/sqlite/database.h"
#include "store/sqlite/delivery_store_sqlite.h"
#include "store/sqlite/scoring_store_sqlite.h"
#include "store/sqlite/sqlite_store.h"

namespace kaoping::cli {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

struct CertFlags {
  std::string config_file;
  std::string data_dir;
  std::int64_t result = 0;
  std::int64_t plan = 0;
  std::string number;
  std::string reason;
  std::string note;
  std::string file;
  std::string status_list;
  std::string issuer;
  std::string out;
  bool json = false;
};

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cli.file", "cannot read '" + path + "'", "无法读取文件“" + path + "”");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<Json> ReadJsonFile(const std::string& path) {
  KP_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded())
    return InvalidArgument("cli.bad_json", "'" + path + "' is not JSON", "“" + path + "”不是 JSON 文件");
  return j;
}

Result<app::Config> LoadConfig(const CertFlags& f, const CommonOptions& common) {
  app::Config config = app::DefaultConfig();
  config.data_dir = common.data_dir;
  if (!common.standards_dir.empty()) config.standards_dir = common.standards_dir;
  if (!f.config_file.empty()) {
    KP_ASSIGN_OR_RETURN(std::string text, ReadFile(f.config_file));
    KP_RETURN_IF_ERROR(app::ApplyToml(text, f.config_file, config));
  }
  KP_RETURN_IF_ERROR(app::ApplyEnvironment([](const char* n) { return std::getenv(n); }, config));
  if (!f.data_dir.empty()) config.data_dir = f.data_dir;
  config.standards_dir = ResolveStandardsDir(config.standards_dir);
  return config;
}

// Everything the certificate service needs, opened on the data directory.
struct Opened {
  std::shared_ptr<store::sqlite::Database> db;
  std::unique_ptr<store::Store> users;
  std::unique_ptr<store::DeliveryStore> delivery;
  std::unique_ptr<store::CertificateStore> certificates;
  std::unique_ptr<store::ScoringStore> results;
  std::unique_ptr<service::AuditLog> audit;
  std::unique_ptr<service::CertificateService> service;
  ~Opened() {
    service.reset();
    if (db) db->Close();
  }
};

Result<std::unique_ptr<Opened>> Open(const app::Config& config) {
  KP_RETURN_IF_ERROR(service::InitCrypto());
  const fs::path db_path = fs::path(config.data_dir) / "kaoping.db";
  std::error_code ec;
  if (!fs::exists(db_path, ec)) {
    return NotFound("cli.no_database", "no database at '" + db_path.string() + "'",
                    "找不到数据库“" + db_path.string() + "”");
  }
  auto o = std::make_unique<Opened>();
  KP_ASSIGN_OR_RETURN(o->db, store::sqlite::Database::Open(db_path.string(), 2));
  KP_ASSIGN_OR_RETURN(o->users, store::OpenSqliteStore(o->db));
  KP_ASSIGN_OR_RETURN(o->delivery, store::OpenSqliteDeliveryStore(o->db));
  KP_ASSIGN_OR_RETURN(o->certificates, store::OpenSqliteCertificateStore(o->db));
  KP_ASSIGN_OR_RETURN(o->results, store::OpenSqliteScoringStore(o->db));
  KP_ASSIGN_OR_RETURN(std::shared_ptr<const service::PiiVault> pii,
                      service::PiiVault::OpenOrCreate(config.data_dir));
  KP_ASSIGN_OR_RETURN(auto catalog, service::StandardsCatalog::Load(config.standards_dir));
  KP_ASSIGN_OR_RETURN(credentials::Ed25519Key key,
                      credentials::LoadOrCreateIssuerKey(config.CertificateKeyFile()));
  const Clock& clock = SystemClock::Get();
  o->audit = std::make_unique<service::AuditLog>(*o->delivery, clock);
  service::CertificateLookupSources sources{o->users.get(), o->delivery.get(), pii,
                                            service::FactsFromScoringStore(o->results.get()),
                                            service::PlanResultsFromScoringStore(o->results.get())};
  service::CertificateLookups lookups = service::BindCertificateLookups(sources);
  service::CertificateDeps deps{o->certificates.get(), catalog, pii, o->audit.get(), &clock, lookups.subject,
                                lookups.plan_results};
  KP_ASSIGN_OR_RETURN(o->service,
                      service::CertificateService::Create(app::IssuerConfigFrom(config), key, deps));
  return o;
}

service::Actor CliActor() {
  return service::Actor{0, "cli", "命令行 (command line)", {"admin"}};
}

void PrintView(const service::CertificateView& v) {
  std::cout << v.number << "  " << v.holder_name << "  " << v.standard_title << " " << v.level_name
            << (v.direction_name.empty() ? "" : " " + v.direction_name) << "  " << v.valid_from.substr(0, 10)
            << " – " << v.valid_until.substr(0, 10) << "  " << service::CertificateStateKindName(v.state)
            << "\n";
}

int Issue(const CertFlags& f, const CommonOptions& common) {
  if ((f.result > 0) == (f.plan > 0)) {
    return ReportError(InvalidArgument("cli.usage", "give exactly one of --result N or --plan N",
                                       "请给出 --result 或 --plan 之一"));
  }
  auto config = LoadConfig(f, common);
  if (!config.ok()) return ReportError(config.status());
  auto o = Open(*config);
  if (!o.ok()) return ReportError(o.status());
  service::CertificateService& svc = *(*o)->service;
  if (f.result > 0) {
    auto v = svc.IssueForResult(CliActor(), f.result, "cli");
    if (!v.ok()) return ReportError(v.status());
    std::cout << "已颁发 issued:\n";
    PrintView(*v);
    return 0;
  }
  auto out = svc.IssueForPlan(CliActor(), f.plan, "cli");
  if (!out.ok()) return ReportError(out.status());
  std::cout << "已颁发 " << out->issued.size() << " 张 / issued " << out->issued.size() << ":\n";
  for (const auto& v : out->issued) PrintView(v);
  for (const auto& s : out->skipped) {
    std::cout << "跳过 skipped: 成绩 result " << s.result_id << " — " << s.message_zh << " (" << s.code
              << ")\n";
  }
  return out->skipped.empty() ? 0 : 1;
}

int Revoke(const CertFlags& f, const CommonOptions& common) {
  auto config = LoadConfig(f, common);
  if (!config.ok()) return ReportError(config.status());
  auto o = Open(*config);
  if (!o.ok()) return ReportError(o.status());
  auto v = (*o)->service->Revoke(CliActor(), f.number, f.reason, f.note, "cli");
  if (!v.ok()) return ReportError(v.status());
  std::cout << "已吊销 revoked: " << v->number << " — " << v->revocation_reason_zh << " ("
            << v->revocation_reason << ")\n";
  return 0;
}

int Export(const CertFlags& f, const CommonOptions& common) {
  auto config = LoadConfig(f, common);
  if (!config.ok()) return ReportError(config.status());
  auto o = Open(*config);
  if (!o.ok()) return ReportError(o.status());
  service::CertificateService& svc = *(*o)->service;
  auto view = svc.Get(CliActor(), f.number);
  if (!view.ok()) return ReportError(view.status());
  auto credential = svc.CredentialJson(CliActor(), view->number);
  if (!credential.ok()) return ReportError(credential.status());
  auto pdf = svc.Pdf(CliActor(), view->number);
  if (!pdf.ok()) return ReportError(pdf.status());
  std::error_code ec;
  fs::create_directories(f.out, ec);
  const fs::path json_path = fs::path(f.out) / (view->number + ".credential.json");
  const fs::path pdf_path = fs::path(f.out) / (view->number + ".pdf");
  for (const auto& [path, bytes] : {std::pair{json_path, *credential}, std::pair{pdf_path, *pdf}}) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    if (!out) {
      return ReportError(Unavailable("cli.write", "cannot write '" + path.string() + "'",
                                     "无法写入“" + path.string() + "”"));
    }
  }
  std::cout << "已导出 exported:\n  " << json_path.string() << "\n  " << pdf_path.string() << "\n";
  return 0;
}

int Verify(const CertFlags& f, const CommonOptions& common) {
  auto credential = ReadJsonFile(f.file);
  if (!credential.ok()) return ReportError(credential.status());
  std::optional<Json> given_list;
  if (!f.status_list.empty()) {
    auto list = ReadJsonFile(f.status_list);
    if (!list.ok()) return ReportError(list.status());
    given_list = *std::move(list);
  }
  // Without --status-list, the data directory's published list (read-only; nothing is created).
  std::shared_ptr<store::sqlite::Database> db;
  std::unique_ptr<store::CertificateStore> certs;
  if (!given_list) {
    auto config = LoadConfig(f, common);
    const fs::path db_path = fs::path(config.ok() ? config->data_dir : common.data_dir) / "kaoping.db";
    std::error_code ec;
    if (fs::exists(db_path, ec)) {
      auto opened = store::sqlite::Database::Open(db_path.string(), 1);
      if (opened.ok()) {
        db = *opened;
        auto s = store::OpenSqliteCertificateStore(db);
        if (s.ok()) certs = std::move(s).value();
      }
    }
  }
  credentials::StatusListFetcher fetch = [&](const std::string& url) -> Result<Json> {
    if (given_list) return *given_list;
    if (certs) {
      KP_ASSIGN_OR_RETURN(std::optional<store::StatusListState> st, certs->GetStatusList(url));
      if (st) {
        Json j = Json::parse(st->credential, nullptr, false);
        if (!j.is_discarded()) return j;
      }
    }
    return NotFound("credentials.status_list_unavailable",
                    "no status list for " + url + " (give --status-list FILE)",
                    "没有可用的状态列表 " + url + "（可用 --status-list 指定文件）");
  };
  std::set<std::string, std::less<>> trusted;
  if (!f.issuer.empty()) trusted.insert(f.issuer);
  credentials::PublicVerification v =
      credentials::VerifyCredential(*credential, fetch, SystemClock::Get().Now(), trusted);
  if (db) db->Close();
  if (f.json) {
    std::cout << v.ToJson().dump(2) << "\n";
  } else {
    std::cout << "状态 state: " << credentials::CertificateStateLabelZh(v.state) << " / "
              << credentials::CertificateStateName(v.state) << "\n";
    if (!v.reason.empty())
      std::cout << "原因 reason: " << v.message_zh << " / " << v.message << " (" << v.reason << ")\n";
    if (!v.number.empty()) std::cout << "编号 number: " << v.number << "\n";
    if (!v.holder_masked.empty()) std::cout << "持证人 holder: " << v.holder_masked << "\n";
    if (!v.standard.empty())
      std::cout << "标准 standard: " << v.standard << "  " << v.level << " " << v.direction << "\n";
    if (!v.valid_from.empty())
      std::cout << "有效期 validity: " << v.valid_from << " – " << v.valid_until << "\n";
    if (!v.issuer.empty() || !v.issuer_id.empty())
      std::cout << "签发 issuer: " << v.issuer << " " << v.issuer_id << "\n";
    if (!v.revocation_reason.empty()) {
      std::cout << "吊销 revoked: " << v.revocation_reason_zh << " / " << v.revocation_reason << "\n";
    }
  }
  return v.state == credentials::CertificateState::kValid ? 0 : 1;
}

}  // namespace

void AddCertCommands(CLI::App& root, CommonOptions* common, int* exit_code) {
  auto* cert = root.add_subcommand(
      "cert", "证书：颁发、吊销、验证、导出 (certificates: issue, revoke, verify, export)");
  cert->require_subcommand(1);
  cert->fallthrough();  // `kaoping cert issue --data DIR …` as well as `kaoping cert --data DIR issue …`
  auto f = std::make_shared<CertFlags>();
  cert->add_option("--config", f->config_file, "TOML 配置文件，读取 [certificates] (configuration file)");
  cert->add_option("--data", f->data_dir, "数据目录 (data directory)");

  auto* issue = cert->add_subcommand(
      "issue", "为已发布的合格成绩颁发证书 (issue for a published passing result, or a plan)");
  issue->add_option("--result", f->result, "成绩编号 (result id)");
  issue->add_option("--plan", f->plan, "考试计划编号：批量颁发 (plan id: batch)");
  issue->callback([f, common, exit_code] { *exit_code = Issue(*f, *common); });

  auto* revoke = cert->add_subcommand("revoke", "吊销证书 (revoke a certificate)");
  revoke->add_option("number", f->number, "证书编号 (certificate number)")->required();
  revoke->add_option("--reason", f->reason, "issued_in_error|misconduct|holder_request|superseded|other")
      ->required();
  revoke->add_option("--note", f->note, "备注（仅内部可见）(note, internal)");
  revoke->callback([f, common, exit_code] { *exit_code = Revoke(*f, *common); });

  auto* verify =
      cert->add_subcommand("verify", "离线验证凭证文件；无效时退出码 1 (verify a credential file offline)");
  verify->add_option("file", f->file, "凭证 JSON 文件 (credential JSON file)")->required();
  verify->add_option("--status-list", f->status_list, "状态列表凭证文件 (status list credential file)");
  verify->add_option("--issuer", f->issuer, "只信任此签发者 DID (trust only this issuer DID)");
  verify->add_flag("--json", f->json, "输出 JSON (print JSON)");
  verify->callback([f, common, exit_code] { *exit_code = Verify(*f, *common); });

  auto* exp = cert->add_subcommand("export", "导出凭证 JSON 与 PDF (export the credential JSON and the PDF)");
  exp->add_option("number", f->number, "证书编号 (certificate number)")->required();
  exp->add_option("--out", f->out, "输出目录 (output directory)")->required();
  exp->callback([f, common, exit_code] { *exit_code = Export(*f, *common); });
}

}  // namespace kaoping::cli
