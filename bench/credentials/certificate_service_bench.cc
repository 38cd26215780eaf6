// Issuing through the certificate service with persistence (docs/perf.md, "Certificates"):
//
//   BM_IssueThroughService  IssueForResult for a new result each iteration: the lookup, a serial
//                           committed on its own, the status list reloaded (2 × gunzip 16 KiB),
//                           the credential built and signed, the list state re-encoded (2 × gzip)
//                           and the record + list + audit row committed in one transaction
//                           (SQLite WAL, synchronous=FULL: two fsyncs per certificate).
//
// Run: build/bench/bench/credentials/certificate_service_bench --benchmark_repetitions=3
//        --benchmark_report_aggregates_only=true   (the database lives under $TMPDIR)

#include <filesystem>
#include <memory>

#include <benchmark/benchmark.h>
#include <unistd.h>

#include "service/certificate_service.h"
#include "service/crypto.h"
#include "store/sqlite/certificate_store_sqlite.h"
#include "store/sqlite/database.h"
#include "store/sqlite/delivery_store_sqlite.h"
#include "store/sqlite/sqlite_store.h"

namespace kaoping::service {
namespace {

namespace fs = std::filesystem;

void BM_IssueThroughService(benchmark::State& state) {
  if (!InitCrypto().ok()) state.SkipWithError("libsodium");
  const fs::path dir = fs::temp_directory_path() / ("kaoping-cert-bench-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    ManualClock clock(FromUnixMillis(1'772'352'000'000));
    auto db = store::sqlite::Database::Open((dir / "kaoping.db").string(), 2).value();
    auto users = store::OpenSqliteStore(db).value();
    auto delivery = store::OpenSqliteDeliveryStore(db).value();
    auto certs = store::OpenSqliteCertificateStore(db).value();
    auto pii = PiiVault::OpenOrCreate(dir.string()).value();
    auto catalog = StandardsCatalog::Load(std::string(KAOPING_SOURCE_DIR) + "/standards").value();
    AuditLog audit(*delivery, clock);
    const std::int64_t holder =
        users->CreateUser({"holder", "张三明", "x", {"candidate"}, 0, false}).value().id.value();
    CertificateDeps deps;
    deps.store = certs.get();
    deps.catalog = catalog;
    deps.pii = pii;
    deps.audit = &audit;
    deps.clock = &clock;
    deps.subject = [holder](std::int64_t) -> Result<CertificateSubject> {
      return CertificateSubject{holder, "张三明", "11010519491231002X", "llm-deploy-engineer", "mid", "",
                                true,   true};
    };
    deps.plan_results = [](std::int64_t) -> Result<std::vector<std::int64_t>> {
      return std::vector<std::int64_t>{};
    };
    credentials::IssuerConfig config;
    config.public_url = "https://exam.example.org";
    config.issuer_name = "考评职业技能等级评价中心";
    auto service = CertificateService::Create(config, credentials::Ed25519Key::Generate(), deps).value();
    const Actor admin{0, "bench", "bench", {"admin"}};
    std::int64_t result = 0;
    for (auto _ : state) {
      auto v = service->IssueForResult(admin, ++result);
      if (!v.ok()) {
        state.SkipWithError(v.status().ToString().c_str());
        break;
      }
      benchmark::DoNotOptimize(v);
    }
    state.SetItemsProcessed(state.iterations());
    service.reset();
    db->Close();
  }
  fs::remove_all(dir);
}
BENCHMARK(BM_IssueThroughService)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace kaoping::service

BENCHMARK_MAIN();
