#include "app/serve.h"

#include <signal.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <ostream>

#include "api/api.h"
#include "http/metrics.h"
#include "http/server.h"
#include "http/static_files.h"
#include "service/bootstrap.h"
#include "service/crypto.h"
#include "service/standards_catalog.h"
#include "store/sqlite/sqlite_store.h"

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
    return Unavailable("serve.data_dir", "cannot create data directory '" + config.data_dir + "': " + ec.message(),
                       "无法创建数据目录“" + config.data_dir + "”：" + ec.message());
  }
  KP_RETURN_IF_ERROR(service::InitCrypto());
  std::string db_path = (fs::path(config.data_dir) / "kaoping.db").string();
  KP_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, store::OpenSqliteStore({db_path, config.threads + 2}));
  KP_ASSIGN_OR_RETURN(auto catalog, service::StandardsCatalog::Load(config.standards_dir));
  // The packs on disk may have changed since the last start: re-index every time.
  KP_RETURN_IF_ERROR(catalog->IndexInto(*store));

  const Clock& clock = SystemClock::Get();
  KP_ASSIGN_OR_RETURN(std::optional<service::Credential> admin, service::EnsureFirstAdmin(*store, clock));
  service::DemoContext demo{*store, *catalog, clock, {}, {}};
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

  http::Router router;
  api::ApiContext ctx{catalog, store.get(), &clock, metrics, kVersion, config.PublicUrl()};
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
  out << "  标准 standards: " << catalog->All().size() << " 个标准包 packs from " << config.standards_dir << "\n";
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
  store->Close();
  out << "kaoping 已停止 / stopped\n" << std::flush;
  return stopped;
}

}  // namespace kaoping::app
