#include "solver/cbc/cbc_solver.h"

#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace kaoping::solver {
namespace {

using assembly::MipOptions;
using assembly::MipProblem;
using assembly::MipRow;
using assembly::MipStatus;

// A 0/1 knapsack with a known optimum: values 10, 13, 7, 8; weights 5, 6, 3, 4; capacity 10.
// Best: items 1 and 3 (weights 6 + 4 = 10, value 21) — minimise the negated value.
MipProblem Knapsack() {
  MipProblem p;
  const double value[] = {10, 13, 7, 8};
  const double weight[] = {5, 6, 3, 4};
  MipRow cap;
  for (int i = 0; i < 4; ++i) {
    int v = p.AddBinary(-value[i]);
    cap.index.push_back(v);
    cap.coef.push_back(weight[i]);
  }
  cap.upper = 10;
  p.AddRow(cap);
  return p;
}

TEST(CbcSolverTest, SolvesASmallKnapsackToOptimality) {
  CbcSolver solver;
  EXPECT_EQ(solver.name().rfind("cbc ", 0), 0u);
  auto s = solver.Solve(Knapsack(), MipOptions{});
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->status, MipStatus::kOptimal);
  EXPECT_DOUBLE_EQ(s->objective, -21);
  EXPECT_EQ(s->values, (std::vector<double>{0, 1, 0, 1}));
}

TEST(CbcSolverTest, ReportsInfeasibility) {
  MipProblem p;
  int a = p.AddBinary(1);
  int b = p.AddBinary(1);
  MipRow r;
  r.index = {a, b};
  r.coef = {1, 1};
  r.lower = r.upper = 3;  // two binaries cannot sum to 3
  p.AddRow(r);
  auto s = CbcSolver().Solve(p, MipOptions{});
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->status, MipStatus::kInfeasible);
}

TEST(CbcSolverTest, RejectsMalformedProblems) {
  MipProblem p = Knapsack();
  p.rows[0].index.push_back(99);
  p.rows[0].coef.push_back(1);
  EXPECT_EQ(CbcSolver().Solve(p, MipOptions{}).status().reason(), "solver.bad_problem");
  EXPECT_EQ(CbcSolver().Solve(MipProblem{}, MipOptions{}).status().reason(), "solver.bad_problem");
}

TEST(CbcSolverTest, ConcurrentSolvesAreSerialisedAndCorrect) {
  std::vector<std::thread> threads;
  std::vector<double> objectives(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &objectives] {
      auto s = MakeCbcSolver()->Solve(Knapsack(), MipOptions{});
      if (s.ok()) objectives[static_cast<size_t>(t)] = s->objective;
    });
  }
  for (auto& th : threads) th.join();
  for (double o : objectives) EXPECT_DOUBLE_EQ(o, -21);
  EXPECT_EQ(CbcSolver::queue_depth(), 0);
}

}  // namespace
}  // namespace kaoping::solver
