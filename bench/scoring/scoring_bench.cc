// Benchmarks of scoring (docs/perf.md, "Scoring", has the figures).
//
//   BM_ScoreAndDecide/100000        100,000 submitted attempts of an 80-item 002 中级 理论知识 paper
//                                   (40 单选, 10 多选, 20 判断, 10 填空 — a synthetic bank with the
//                                   blueprint's mix), each: ScorePaper (objective items, partial
//                                   multiple-choice policy, fill-in normalisation) + DecideLevel
//                                   (all_subjects_pass with a skill score). Answers pre-parsed.
//   BM_ScoreFromStoredAnswers/100000 the same, starting from the answers as the store keeps them
//                                   (JSON text per item, parsed with codec::ResponseFromJson) — the
//                                   work the scoring service does per attempt, without SQLite.
//
// Run: build/bench/bench/scoring/scoring_bench --benchmark_repetitions=5
//        --benchmark_report_aggregates_only=true

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "base/random.h"
#include "codec/scoring_json.h"
#include "core/bank/synthetic.h"
#include "core/scoring/decision.h"
#include "core/scoring/objective.h"
#include "core/standards/loader.h"

namespace kaoping::scoring {
namespace {

struct Fixture {
  standards::Pack pack;
  bank::Paper paper;
  std::vector<bank::Item> items;
  std::vector<ScriptAnswers> answers;                            // parsed
  std::vector<std::vector<std::pair<int, std::string>>> stored;  // item index → JSON text
};

const Fixture& Get() {
  static const Fixture* f = [] {
    auto* fx = new Fixture;
    std::ifstream in(std::string(KAOPING_SOURCE_DIR) + "/standards/002-llm-deploy-engineer.yaml");
    std::stringstream ss;
    ss << in.rdbuf();
    fx->pack = std::move(standards::LoadPack(ss.str(), "002").value());
    bank::SyntheticBankOptions so;
    so.level = "mid";
    so.size = 600;
    so.seed = 7;
    auto bank = std::move(bank::GenerateSyntheticBank(fx->pack, so).value());
    std::map<bank::ItemType, int> want{{bank::ItemType::kSingleChoice, 40},
                                       {bank::ItemType::kMultipleChoice, 10},
                                       {bank::ItemType::kTrueFalse, 20},
                                       {bank::ItemType::kFillIn, 10}};
    fx->paper.id = "bench-paper";
    fx->paper.standard = "llm-deploy-engineer";
    fx->paper.level = "mid";
    fx->paper.exam_kind = "theory";
    for (const auto& it : bank) {
      if (want[it.type] <= 0) continue;
      --want[it.type];
      double points =
          it.type == bank::ItemType::kMultipleChoice || it.type == bank::ItemType::kFillIn ? 2 : 1;
      fx->paper.items.push_back(
          {it.id, it.version, bank::ItemTypeName(it.type), points, it.alignment.function});
      fx->items.push_back(it);
    }
    SeededRandom rng(42);
    const int n = 100'000;
    fx->answers.resize(n);
    fx->stored.resize(n);
    for (int c = 0; c < n; ++c) {
      for (int i = 0; i < static_cast<int>(fx->items.size()); ++i) {
        const bank::Item& it = fx->items[i];
        Response r;
        nlohmann::json j;
        bool right = rng.UniformDouble() < 0.7;
        if (it.type == bank::ItemType::kFillIn) {
          for (const auto& b : it.blanks)
            r.blanks.push_back(right && !b.accepted.empty() ? b.accepted[0] : "不知道");
          j = r.blanks;
        } else if (right) {
          r.choices = it.answer;
          j = nlohmann::json{{"choice", r.choices}};
        } else {
          r.choices = {it.options.empty() ? "A" : it.options[rng.Uniform(it.options.size())].id};
          j = nlohmann::json{{"choice", r.choices}};
        }
        fx->answers[c].responses[it.id] = r;
        fx->stored[c].push_back({i, j.dump()});
      }
    }
    return fx;
  }();
  return *f;
}

void BM_ScoreAndDecide(benchmark::State& state) {
  const Fixture& f = Get();
  ObjectivePolicy policy;
  policy.multiple = MultipleChoiceRule::kPartial;
  const int n = static_cast<int>(state.range(0));
  int passed = 0;
  for (auto _ : state) {
    passed = 0;
    for (int c = 0; c < n; ++c) {
      auto score = ScorePaper(f.paper, f.items, f.answers[c], policy);
      DecisionInput in;
      in.level = "mid";
      in.scores = {{"theory", score->total}, {"skill", 75}};
      auto d = DecideLevel(f.pack, in);
      passed += d->passed ? 1 : 0;
    }
    benchmark::DoNotOptimize(passed);
  }
  state.counters["attempts_per_s"] =
      benchmark::Counter(static_cast<double>(n) * state.iterations(), benchmark::Counter::kIsRate);
  state.counters["passed"] = passed;
}
BENCHMARK(BM_ScoreAndDecide)->Arg(100'000)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_ScoreFromStoredAnswers(benchmark::State& state) {
  const Fixture& f = Get();
  ObjectivePolicy policy;
  policy.multiple = MultipleChoiceRule::kPartial;
  const int n = static_cast<int>(state.range(0));
  int passed = 0;
  for (auto _ : state) {
    passed = 0;
    for (int c = 0; c < n; ++c) {
      ScriptAnswers sa;
      for (const auto& [i, text] : f.stored[c])
        sa.responses[f.items[i].id] = codec::ResponseFromJson(f.items[i], text);
      auto score = ScorePaper(f.paper, f.items, sa, policy);
      DecisionInput in;
      in.level = "mid";
      in.scores = {{"theory", score->total}, {"skill", 75}};
      auto d = DecideLevel(f.pack, in);
      passed += d->passed ? 1 : 0;
    }
    benchmark::DoNotOptimize(passed);
  }
  state.counters["attempts_per_s"] =
      benchmark::Counter(static_cast<double>(n) * state.iterations(), benchmark::Counter::kIsRate);
  state.counters["passed"] = passed;
}
BENCHMARK(BM_ScoreFromStoredAnswers)->Arg(100'000)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace kaoping::scoring

BENCHMARK_MAIN();
