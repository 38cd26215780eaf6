// Benchmarks for blueprint-driven assembly (docs/perf.md, "## Assembly", has the figures).
//
//   BM_Assemble/<bank size>/<forms>   assemble <forms> parallel 100-point papers (no shared
//                                     items) under the full 002 中级 theory blueprint from a
//                                     synthetic bank, with CBC; bank generated once per size.
//                                     The seed changes with every iteration (and repetition),
//                                     so the median is over different solves, not one solve
//                                     repeated.
//
// Run: build/bench/bench/assembly/assembly_bench --benchmark_repetitions=5
//        --benchmark_report_aggregates_only=true
//
// Counters: candidates and variables of the solved model, solves (1 unless the prefilter or the
// elastic model was needed), spread = max − min expected score across the forms (points).

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "core/assembly/assembler.h"
#include "core/bank/synthetic.h"
#include "core/standards/loader.h"
#include "solver/cbc/cbc_solver.h"

namespace kaoping::assembly {
namespace {

const standards::Pack& Deploy() {
  static const standards::Pack* pack = [] {
    std::ifstream in(std::string(KAOPING_SOURCE_DIR) + "/standards/002-llm-deploy-engineer.yaml");
    std::stringstream ss;
    ss << in.rdbuf();
    auto p = standards::LoadPack(ss.str(), "002-llm-deploy-engineer.yaml");
    if (!p.ok()) std::abort();
    return new standards::Pack(std::move(p).value());
  }();
  return *pack;
}

const std::vector<bank::Item>& Bank(int size) {
  static std::map<int, std::unique_ptr<std::vector<bank::Item>>> cache;
  auto& slot = cache[size];
  if (!slot) {
    bank::SyntheticBankOptions o;
    o.level = "mid";
    o.size = size;
    o.seed = 2024;
    auto b = bank::GenerateSyntheticBank(Deploy(), o);
    if (!b.ok()) std::abort();
    slot = std::make_unique<std::vector<bank::Item>>(std::move(b).value());
  }
  return *slot;
}

void BM_Assemble(benchmark::State& state) {
  const int size = static_cast<int>(state.range(0));
  const int forms = static_cast<int>(state.range(1));
  const auto& bank = Bank(size);
  auto bp = DeriveBlueprint(Deploy(), "mid", "theory", "");
  if (!bp.ok()) std::abort();
  solver::CbcSolver cbc;
  static std::uint64_t seed = 1;  // a new seed for every iteration and repetition
  double candidates = 0, variables = 0, solves = 0, spread = 0;
  for (auto _ : state) {
    AssemblyRequest r;
    r.blueprint = *bp;
    r.forms = forms;
    r.seed = seed++;
    r.allow_synthetic = true;
    r.time_limit_seconds = 30;
    auto out = Assemble(r, bank, cbc);
    if (!out.ok() || !out->feasible) {
      state.SkipWithError("assembly failed");
      break;
    }
    candidates = out->stats.candidates;
    variables = out->stats.variables;
    solves = out->stats.solves;
    double lo = 1e9, hi = -1e9;
    for (const auto& c : out->coverage) {
      lo = std::min(lo, c.expected_score);
      hi = std::max(hi, c.expected_score);
    }
    spread = hi - lo;
    benchmark::DoNotOptimize(out->papers.data());
  }
  state.counters["candidates"] = candidates;
  state.counters["variables"] = variables;
  state.counters["solves"] = solves;
  state.counters["spread"] = spread;
}

BENCHMARK(BM_Assemble)
    ->ArgsProduct({{1000, 5000, 20000}, {1, 2, 4}})
    ->ArgNames({"bank", "forms"})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();

}  // namespace
}  // namespace kaoping::assembly

BENCHMARK_MAIN();
