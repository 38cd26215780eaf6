// Benchmarks for the psychometrics core (docs/psychometrics.md, "Performance", has the figures).
//
//   BM_Calibrate/<model>/<persons>   MML-EM calibration of 100 items (estimation only: no SEs, no
//                                     fit statistics, like mirt's default), data simulated once.
//   BM_CatSelectNextItem/<bank>      one CAT step (max-information selection with randomesque
//                                     exposure control and content balancing) on a 5,000-item bank.
//
// Run: build/bench/bench/psychometrics/psychometrics_bench --benchmark_repetitions=3
//        --benchmark_report_aggregates_only=true

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "base/random.h"
#include "core/psychometrics/calibration.h"
#include "core/psychometrics/cat.h"

namespace kaoping::psychometrics {
namespace {

std::vector<ItemParameters> MakeItems(int n, bool three_pl, SeededRandom& rng) {
  std::vector<ItemParameters> items;
  for (int i = 0; i < n; ++i) {
    ItemParameters it;
    it.item_id = "i" + std::to_string(i);
    it.model = three_pl ? ItemModel::kThreePL : ItemModel::kTwoPL;
    it.a = 0.6 + 1.4 * rng.UniformDouble();
    it.b = -2.0 + 4.0 * rng.UniformDouble();
    it.c = three_pl ? 0.1 + 0.15 * rng.UniformDouble() : 0.0;
    items.push_back(it);
  }
  return items;
}

const ResponseMatrix& Data(bool three_pl, int persons) {
  static std::map<std::pair<bool, int>, std::unique_ptr<ResponseMatrix>> cache;
  auto& slot = cache[{three_pl, persons}];
  if (!slot) {
    SeededRandom rng(DeriveSeed(2024, persons + (three_pl ? 1 : 0)));
    const auto items = MakeItems(100, three_pl, rng);
    std::vector<std::string> ids;
    for (const auto& it : items) ids.push_back(it.item_id);
    std::vector<int> scores;
    scores.reserve(static_cast<std::size_t>(persons) * 100);
    for (int p = 0; p < persons; ++p) {
      const double theta = rng.Normal();
      for (const auto& it : items)
        scores.push_back(rng.UniformDouble() < ProbabilityCorrect(it, theta) ? 1 : 0);
    }
    slot = std::make_unique<ResponseMatrix>(ResponseMatrix::Create(ids, scores).value());
  }
  return *slot;
}

void BM_Calibrate(benchmark::State& state) {
  const bool three_pl = state.range(0) == 3;
  const int persons = static_cast<int>(state.range(1));
  const ResponseMatrix& data = Data(three_pl, persons);
  CalibrationOptions o;
  o.dichotomous_model = three_pl ? ItemModel::kThreePL : ItemModel::kTwoPL;
  o.standard_errors = false;
  o.item_fit = false;
  o.person_fit = false;
  int iterations = 0;
  bool converged = false;
  for (auto _ : state) {
    auto fit = Calibrate(data, o);
    if (!fit.ok()) {
      state.SkipWithError(fit.status().ToString().c_str());
      return;
    }
    iterations = fit->iterations;
    converged = fit->converged;
    benchmark::DoNotOptimize(fit->log_likelihood);
  }
  state.counters["em_cycles"] = iterations;
  state.counters["converged"] = converged ? 1 : 0;
  state.SetLabel(std::string(three_pl ? "3PL" : "2PL") + " 100 items x " + std::to_string(persons));
}
BENCHMARK(BM_Calibrate)
    ->Args({2, 10000})
    ->Args({3, 10000})
    ->Args({2, 100000})
    ->Args({3, 100000})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();

ItemBank MakeBank(int bank_size) {
  SeededRandom rng(99);
  const auto params = MakeItems(bank_size, false, rng);
  std::vector<CatItem> items;
  const char* areas[] = {"A", "B", "C", "D"};
  for (int i = 0; i < bank_size; ++i) items.push_back(CatItem{params[i], areas[i % 4], 1.0});
  return ItemBank::Create(std::move(items)).value();
}

CatOptions BenchCatOptions() {
  CatOptions options;
  options.min_length = 200;
  options.max_length = 200;
  options.exposure = ExposureControl::kRandomesque;
  options.content_weights = {{"A", 0.4}, {"B", 0.3}, {"C", 0.2}, {"D", 0.1}};
  return options;
}

// Selection only: a session that has administered 10 items is copied (untimed) and the next item
// is selected (timed): information of every eligible item in the chosen area at θ̂, content
// balancing and the randomesque draw.
void BM_CatSelectNextItem(benchmark::State& state) {
  const ItemBank bank = MakeBank(static_cast<int>(state.range(0)));
  auto base = CatSession::Create(&bank, BenchCatOptions(), 7).value();
  for (int k = 0; k < 10; ++k) {
    auto next = base.NextItem();
    base.RecordResponse(*next, k % 2).IgnoreError();
  }
  for (auto _ : state) {
    state.PauseTiming();
    CatSession s = base;
    state.ResumeTiming();
    auto next = s.NextItem();
    benchmark::DoNotOptimize(next);
  }
}
BENCHMARK(BM_CatSelectNextItem)->Arg(5000)->Unit(benchmark::kMicrosecond);

// A full adaptive step: select, record the response, update the EAP estimate (61 nodes).
void BM_CatStep(benchmark::State& state) {
  const ItemBank bank = MakeBank(static_cast<int>(state.range(0)));
  SeededRandom answers(3);
  auto session = CatSession::Create(&bank, BenchCatOptions(), 7).value();
  int steps = 0;
  for (auto _ : state) {
    if (steps == 150) {
      state.PauseTiming();
      session = CatSession::Create(&bank, BenchCatOptions(), 7).value();
      steps = 0;
      state.ResumeTiming();
    }
    auto next = session.NextItem();
    const double p = ProbabilityCorrect(bank.item(*next).params, 0.5);
    session.RecordResponse(*next, answers.UniformDouble() < p ? 1 : 0).IgnoreError();
    ++steps;
  }
}
BENCHMARK(BM_CatStep)->Arg(5000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace kaoping::psychometrics

BENCHMARK_MAIN();
