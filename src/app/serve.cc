#include "app/serve.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <ostream>

#include <signal.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "api/api.h"
#include "app/certificate_config.h"
#include "credentials/keys.h"
#include "http/metrics.h"
#include "http/server.h"
#include "http/static_files.h"
#include "service/audit.h"
#include "service/auth.h"
#include "service/bank_service.h"
#include "service/bootstrap.h"
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
#include "wire/item_json.h"
#include "wire/standards_json.h"

namespace kaoping::app {

const char* const kVersion = "0.1.0";

namespace {

// Blocks SIGINT/SIGTERM in every thread (the server's threads inherit the mask) and waits for
// one with sigwait: no async-signal-safety concerns, no global flags.
class SignalWaiter {
 public:
  SignalWaiter() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
  }
  int Wait() {
    int sig = 0;
    sigwait(&set_, &sig);
    return sig;
  }

 private:
  sigset_t set_;
};

}  // namespace

Status Serve(const Config& config, std::ostream& out) {
  SignalWaiter signals;  // before any thread starts
  auto log = spdlog::default_logger();
  spdlog::set_level(spdlog::level::from_str(config.log_level));

  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(config.data_dir, ec);
  if (ec) {
    return Unavailable("serve.data_dir",
                       "cannot create data directory '" + config.data_dir + "': " + ec.message(),
                       "无法创建数据目录“" + config.data_dir + "”：" + ec.message());
  }
  KP_RETURN_IF_ERROR(service::InitCrypto());
  std::string db_path = (fs::path(config.data_dir) / "kaoping.db").string();
  // One database file, one writer connection, shared by every repository.
  KP_ASSIGN_OR_RETURN(std::shared_ptr<store::sqlite::Database> db,
                      store::sqlite::Database::Open(db_path, config.threads + 2));
  KP_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, store::OpenSqliteStore(db));
  store::SqliteDeliveryOptions delivery_store_options;
  delivery_store_options.background_checkpoint = true;  // keep WAL checkpoints off the commit path
  KP_ASSIGN_OR_RETURN(std::unique_ptr<store::DeliveryStore> delivery_store,
                      store::OpenSqliteDeliveryStore(db, delivery_store_options));
  KP_ASSIGN_OR_RETURN(std::unique_ptr<store::BankStore> bank_store, store::OpenSqliteBankStore(db));
  KP_ASSIGN_OR_RETURN(std::unique_ptr<store::PsychometricsStore> psychometrics_store,
                      store::OpenSqlitePsychometricsStore(db));
  KP_ASSIGN_OR_RETURN(std::unique_ptr<store::ScoringStore> scoring_store, store::OpenSqliteScoringStore(db));
  KP_ASSIGN_OR_RETURN(std::unique_ptr<store::CertificateStore> certificate_store,
                      store::OpenSqliteCertificateStore(db));
  // <data>/keys/pii.key (0600), created on first start: seals ID numbers at rest.
  KP_ASSIGN_OR_RETURN(std::shared_ptr<const service::PiiVault> pii,
                      service::PiiVault::OpenOrCreate(config.data_dir));
  KP_ASSIGN_OR_RETURN(auto catalog, service::StandardsCatalog::Load(config.standards_dir));
  // The packs on disk may have changed since the last start: re-index every time.
  KP_RETURN_IF_ERROR(catalog->IndexInto(*store));

  const Clock& clock = SystemClock::Get();
  service::AuditLog audit(*delivery_store, clock);
  service::Authenticator auth(*store, *delivery_store, audit, clock);
  // Administrators import packs at run time (POST /api/v1/standards/import): written to the
  // standards directory, indexed, audited and added to the same catalog every service reads.
  service::StandardsImportDeps import_deps;
  import_deps.catalog = catalog;
  import_deps.dir = config.standards_dir;
  import_deps.store = store.get();
  import_deps.audit = &audit;
  service::StandardsImporter standards_import(std::move(import_deps));
  service::DeliveryOptions delivery_options;
  if (const char* grace = std::getenv("KAOPING_DELIVERY_GRACE_SECONDS")) {
    delivery_options.grace = std::chrono::seconds(std::max(0, std::atoi(grace)));
  }
  service::DeliveryDeps delivery_deps;
  delivery_deps.users = store.get();
  delivery_deps.store = delivery_store.get();
  delivery_deps.bank = bank_store.get();  // papers and item versions for attempts
  delivery_deps.catalog = catalog;
  delivery_deps.pii = pii;
  delivery_deps.audit = &audit;
  delivery_deps.auth = &auth;
  delivery_deps.clock = &clock;
  delivery_deps.explain = [](const standards::EligibilityDecision& d) {
    return wire::EligibilityDecisionJson(d).dump();
  };
  service::DeliveryService delivery(std::move(delivery_deps), delivery_options);
  // The item bank and assembly; CBC solves go through one process-wide lock (solver/cbc).
  service::BankService bank(catalog, *bank_store, solver::MakeCbcSolver(), clock);
  // Psychometrics: response matrices from the delivery store, statistics written back to the bank.
  service::PsychometricsDeps psychometrics_deps;
  psychometrics_deps.bank = bank_store.get();
  psychometrics_deps.delivery = delivery_store.get();
  psychometrics_deps.statistics = psychometrics_store.get();
  psychometrics_deps.audit = &audit;
  psychometrics_deps.clock = &clock;
  psychometrics_deps.limits.max_persons = 100'000;  // per request; the CLI has no such bound
  psychometrics_deps.limits.max_items = 500;
  psychometrics_deps.limits.max_cells = 2'000'000;
  service::PsychometricsService psychometrics(psychometrics_deps);
  // Scoring, panels and results (issue #6).
  service::ScoringDeps scoring_deps{store.get(),
                                    delivery_store.get(),
                                    bank_store.get(),
                                    scoring_store.get(),
                                    catalog,
                                    pii,
                                    &audit,
                                    &clock,
                                    {},
                                    service::CertificateNumberOfResult(certificate_store.get())};
  service::ScoringService scoring(std::move(scoring_deps));
  // Certificates: records on the "certificates" track, the Ed25519 issuer key from its key file
  // (<data>/issuer-key.json by default, created on first start with mode 0600).
  KP_ASSIGN_OR_RETURN(credentials::Ed25519Key issuer_key,
                      credentials::LoadOrCreateIssuerKey(config.CertificateKeyFile()));
  // Results come from the scoring store: a certificate is issued only for a published pass.
  service::CertificateLookupSources certificate_sources{
      store.get(), delivery_store.get(), pii, service::FactsFromScoringStore(scoring_store.get()),
      service::PlanResultsFromScoringStore(scoring_store.get())};
  service::CertificateLookups certificate_lookups = service::BindCertificateLookups(certificate_sources);
  service::CertificateDeps certificate_deps{
      certificate_store.get(),         catalog, pii, &audit, &clock, certificate_lookups.subject,
      certificate_lookups.plan_results};
  KP_ASSIGN_OR_RETURN(
      std::unique_ptr<service::CertificateService> certificates,
      service::CertificateService::Create(IssuerConfigFrom(config), issuer_key, certificate_deps));

  KP_ASSIGN_OR_RETURN(std::optional<service::Credential> admin, service::EnsureFirstAdmin(*store, clock));
  service::DemoContext demo{*store, *catalog, clock, {}, {}, &delivery};
  demo.bank = &bank;
  demo.read_item_file = [](const std::string& path) -> Result<service::ItemFileContents> {
    KP_ASSIGN_OR_RETURN(wire::ItemsParse p, wire::ReadItemsJsonFile(path));
    return service::ItemFileContents{std::move(p.readable), std::move(p.readable_rows), std::move(p.problems),
                                     std::move(p.ids)};
  };
  bool seeded = false;
  if (config.seed_demo) {
    KP_ASSIGN_OR_RETURN(seeded, service::SeedDemoOnce(demo, service::DefaultDemoSeeders()));
  }

  auto metrics = std::make_shared<http::MetricsRegistry>();
  http::RegisterProcessMetrics(*metrics);
  store::Store* store_ptr = store.get();
  metrics->gauge_callback("kaoping_users", "Accounts in the store", [store_ptr] {
    auto n = store_ptr->CountUsers();
    return n.ok() ? static_cast<double>(*n) : -1.0;
  });

  service::DeliveryService* delivery_ptr = &delivery;
  metrics->counter_callback(
      "kaoping_delivery_commit_batches_total", "Group commits of attempt writes",
      [delivery_ptr] { return static_cast<double>(delivery_ptr->WriterStats().batches); });
  metrics->counter_callback("kaoping_delivery_attempt_writes_total",
                            "Attempt writes (saves, flags, starts, submits) committed",
                            [delivery_ptr] { return static_cast<double>(delivery_ptr->WriterStats().ops); });

  http::Router router;
  api::ApiContext ctx;
  ctx.catalog = catalog;
  ctx.store = store.get();
  ctx.clock = &clock;
  ctx.metrics = metrics;
  ctx.version = kVersion;
  ctx.public_url = config.PublicUrl();
  ctx.auth = &auth;
  ctx.delivery = &delivery;
  ctx.bank = &bank;
  ctx.psychometrics = &psychometrics;
  ctx.scoring = &scoring;
  ctx.certificates = certificates.get();
  ctx.standards_import = &standards_import;
  KP_RETURN_IF_ERROR(api::RegisterApi(router, ctx));
  http::StaticFiles ui(fs::path(config.web_dir));
  if (ui.available()) {
    ui.Mount(router);
  } else {
    log->warn("web UI not found at {} (build it with `make web`); serving the API only", config.web_dir);
  }

  http::ServerOptions opts;
  opts.address = config.listen_host;
  opts.port = static_cast<std::uint16_t>(config.listen_port);
  opts.threads = config.threads;
  opts.body_limit_bytes = static_cast<std::uint64_t>(config.max_body_bytes);
  opts.metrics = metrics;
  opts.clock = &clock;
  http::HttpServer server(std::move(opts), std::move(router));
  KP_RETURN_IF_ERROR(server.Start());

  Config shown = config;
  shown.listen_port = server.port();
  out << "kaoping " << kVersion << " 已启动 / listening on " << shown.PublicUrl() << "\n";
  out << "  数据 data: " << db_path << "\n";
  out << "  证书签发 certificates: " << certificates->issuer_id() << " (" << config.CertificateKeyFile()
      << ")\n";
  out << "  标准 standards: " << catalog->All().size() << " 个标准包 packs from " << config.standards_dir
      << "\n";
  if (admin) {
    out << "\n  首个管理员账号（只显示这一次，请妥善保存）/ first administrator (shown once, keep it safe):\n"
        << "    登录名 login:    " << admin->login << "\n"
        << "    密码 password:   " << admin->password << "\n";
  }
  if (seeded) {
    out << "\n  已生成演示数据 demo data seeded:\n";
    for (const auto& line : demo.log) out << "    - " << line << "\n";
    for (const auto& c : demo.credentials) {
      out << "    " << c.role << "  " << c.login << " / " << c.password << "  (" << c.display_name << ")\n";
    }
  }
  out << "\n  按 Ctrl+C 停止 / press Ctrl+C to stop\n" << std::flush;

  int sig = signals.Wait();
  log->info("received signal {}, shutting down", sig);
  Status stopped = server.Stop(std::chrono::seconds(10));
  delivery.Stop();  // drains pending attempt writes
  store->Close();
  out << "kaoping 已停止 / stopped\n" << std::flush;
  return stopped;
}

}  // namespace kaoping::app
