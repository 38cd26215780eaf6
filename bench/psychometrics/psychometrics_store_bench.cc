// Benchmark of the psychometrics path over the store (docs/perf.md, "Psychometrics"):
//
//   BM_MatrixFromStore/<attempts>   service::BuildResponseMatrix on a real SQLite file (WAL,
//                                    synchronous=FULL) holding <attempts> submitted attempts of a
//                                    44-item paper (40 single choice, true/false, a 2-blank fill-in,
//                                    multiple choice, a short answer): list the attempts, read every
//                                    answer, score it with the objective scorer, build the matrix.
//                                    The file is seeded once (service/psychometrics_fixture.h).
//
// Run: build/bench/bench/psychometrics/psychometrics_store_bench --benchmark_repetitions=5
//        --benchmark_report_aggregates_only=true

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include <benchmark/benchmark.h>
#include <unistd.h>

#include "service/psychometrics_fixture.h"
#include "service/psychometrics_service.h"
#include "store/sqlite/bank_store_sqlite.h"
#include "store/sqlite/database.h"
#include "store/sqlite/delivery_store_sqlite.h"
#include "store/sqlite/sqlite_store.h"

namespace kaoping::service {
namespace {

struct Seeded {
  std::filesystem::path dir;
  std::shared_ptr<store::sqlite::Database> db;
  std::unique_ptr<store::Store> system;
  std::unique_ptr<store::DeliveryStore> delivery;
  std::unique_ptr<store::BankStore> bank;
  std::int64_t plan_id = 0;
  ~Seeded() {
    db->Close();
    std::filesystem::remove_all(dir);
  }
};

Seeded& Exam(int attempts) {
  static std::map<int, std::unique_ptr<Seeded>> cache;
  auto& slot = cache[attempts];
  if (!slot) {
    slot = std::make_unique<Seeded>();
    slot->dir = std::filesystem::temp_directory_path() /
                ("kaoping-psy-store-bench-" + std::to_string(::getpid()) + "-" + std::to_string(attempts));
    std::filesystem::remove_all(slot->dir);
    std::filesystem::create_directories(slot->dir);
    slot->db = store::sqlite::Database::Open((slot->dir / "kaoping.db").string(), 2).value();
    slot->system = store::OpenSqliteStore(slot->db).value();
    slot->delivery = store::OpenSqliteDeliveryStore(slot->db).value();
    slot->bank = store::OpenSqliteBankStore(slot->db).value();
    PsychometricsFixtureSpec spec;
    spec.choice_items = 40;
    spec.candidates = attempts;
    spec.unsubmitted = 0;
    slot->plan_id = SeedPsychometricsExam(*slot->delivery, *slot->bank, spec).value().plan_id;
  }
  return *slot;
}

void BM_MatrixFromStore(benchmark::State& state) {
  Seeded& s = Exam(static_cast<int>(state.range(0)));
  std::size_t cells = 0;
  for (auto _ : state) {
    auto m = BuildResponseMatrix(*s.bank, *s.delivery, ResponseSource{s.plan_id, ""});
    if (!m.ok()) {
      state.SkipWithError(m.status().message().c_str());
      return;
    }
    cells = m->matrix.num_persons() * m->matrix.num_items();
    benchmark::DoNotOptimize(m->matrix.num_persons());
  }
  state.counters["cells"] = static_cast<double>(cells);
}
BENCHMARK(BM_MatrixFromStore)->Arg(10000)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace kaoping::service

BENCHMARK_MAIN();
