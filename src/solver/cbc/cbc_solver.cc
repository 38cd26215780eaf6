#include "solver/cbc/cbc_solver.h"

#include <atomic>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

#include <Cbc_C_Interface.h>

namespace kaoping::solver {

using assembly::kMipInfinity;
using assembly::MipProblem;
using assembly::MipSolution;
using assembly::MipStatus;

namespace {

std::mutex& CbcMutex() {
  static std::mutex* const mu = new std::mutex();
  return *mu;
}

std::atomic<int>& Waiting() {
  static std::atomic<int> n{0};
  return n;
}

// CBC's infinity is DBL_MAX; anything at or beyond ours maps to it.
double Bound(double v) {
  if (v >= kMipInfinity) return DBL_MAX;
  if (v <= -kMipInfinity) return -DBL_MAX;
  return v;
}

// Counts a solve as waiting from construction until destruction (after the lock is released).
struct WaitGuard {
  WaitGuard() { ++Waiting(); }
  ~WaitGuard() { --Waiting(); }
  WaitGuard(const WaitGuard&) = delete;
  WaitGuard& operator=(const WaitGuard&) = delete;
};

struct ModelDeleter {
  void operator()(Cbc_Model* m) const { Cbc_deleteModel(m); }
};

std::string Num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.10g", v);
  return buf;
}

}  // namespace

std::string CbcSolver::name() const {
  return std::string("cbc ") + Cbc_getVersion();
}

int CbcSolver::queue_depth() {
  return Waiting().load();
}

Result<MipSolution> CbcSolver::Solve(const MipProblem& p, const assembly::MipOptions& options) {
  const int n = p.num_vars();
  if (static_cast<int>(p.lower.size()) != n || static_cast<int>(p.upper.size()) != n ||
      static_cast<int>(p.integer.size()) != n) {
    return InvalidArgument("solver.bad_problem", "variable arrays differ in length",
                           "模型变量数组长度不一致");
  }
  if (n == 0) {
    return InvalidArgument("solver.bad_problem", "the model has no variables", "模型没有变量");
  }
  // Rows → compressed sparse columns.
  std::vector<int> count(static_cast<size_t>(n) + 1, 0);
  for (const auto& r : p.rows) {
    if (r.index.size() != r.coef.size()) {
      return InvalidArgument("solver.bad_problem", "row '" + r.name + "' has mismatched index/coef",
                             "模型约束格式错误");
    }
    for (int j : r.index) {
      if (j < 0 || j >= n)
        return InvalidArgument("solver.bad_problem", "row '" + r.name + "' names a missing variable",
                               "模型约束引用了不存在的变量");
      ++count[static_cast<size_t>(j) + 1];
    }
  }
  std::vector<CoinBigIndex> start(static_cast<size_t>(n) + 1, 0);
  for (int j = 0; j < n; ++j)
    start[static_cast<size_t>(j) + 1] = start[static_cast<size_t>(j)] + count[static_cast<size_t>(j) + 1];
  std::vector<int> index(static_cast<size_t>(start[static_cast<size_t>(n)]));
  std::vector<double> value(index.size());
  std::vector<CoinBigIndex> fill(start.begin(), start.end() - 1);
  std::vector<double> row_lo, row_hi;
  row_lo.reserve(p.rows.size());
  row_hi.reserve(p.rows.size());
  for (size_t i = 0; i < p.rows.size(); ++i) {
    const auto& r = p.rows[i];
    for (size_t k = 0; k < r.index.size(); ++k) {
      auto& at = fill[static_cast<size_t>(r.index[k])];
      index[static_cast<size_t>(at)] = static_cast<int>(i);
      value[static_cast<size_t>(at)] = r.coef[k];
      ++at;
    }
    row_lo.push_back(Bound(r.lower));
    row_hi.push_back(Bound(r.upper));
  }
  std::vector<double> col_lo(p.lower.size()), col_hi(p.upper.size());
  for (int j = 0; j < n; ++j) {
    col_lo[static_cast<size_t>(j)] = Bound(p.lower[static_cast<size_t>(j)]);
    col_hi[static_cast<size_t>(j)] = Bound(p.upper[static_cast<size_t>(j)]);
  }

  WaitGuard waiting;
  std::lock_guard<std::mutex> lock(CbcMutex());
  const auto t0 = std::chrono::steady_clock::now();
  std::unique_ptr<Cbc_Model, ModelDeleter> model(Cbc_newModel());
  Cbc_loadProblem(model.get(), n, static_cast<int>(p.rows.size()), start.data(), index.data(), value.data(),
                  col_lo.data(), col_hi.data(), p.objective.data(), row_lo.data(), row_hi.data());
  bool any_integer = false;
  for (int j = 0; j < n; ++j) {
    if (p.integer[static_cast<size_t>(j)]) {
      Cbc_setInteger(model.get(), j);
      any_integer = true;
    }
  }
  Cbc_setLogLevel(model.get(), 0);
  Cbc_setParameter(model.get(), "log", "0");
  Cbc_setParameter(model.get(), "slog", "0");
  // Wall-clock seconds (CBC counts CPU time by default, which on a busy machine overruns).
  Cbc_setParameter(model.get(), "timeMode", "elapsed");
  Cbc_setParameter(model.get(), "sec", Num(std::max(0.05, options.time_limit_seconds)).c_str());
  Cbc_setParameter(model.get(), "ratioGap", Num(options.relative_gap).c_str());
  Cbc_setParameter(model.get(), "allowableGap", Num(options.absolute_gap).c_str());
  const std::string seed = std::to_string(static_cast<int>(options.seed % 2147483647ULL) + 1);
  Cbc_setParameter(model.get(), "randomSeed", seed.c_str());
  Cbc_setParameter(model.get(), "randomCbcSeed", seed.c_str());
  // Assembly models are large, sparse and nearly integral at the root; CBC's integer
  // preprocessing (probing, clique merging) costs more than it saves on them: measured 2–4×
  // slower on the 5k/20k-item benchmarks (docs/perf.md).
  Cbc_setParameter(model.get(), "preprocess", "off");
  Cbc_solve(model.get());

  MipSolution out;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  out.nodes = any_integer ? Cbc_getNodeCount(model.get()) : 0;
  const double* sol = any_integer ? Cbc_bestSolution(model.get()) : Cbc_getColSolution(model.get());
  const bool optimal = Cbc_isProvenOptimal(model.get()) != 0;
  const bool infeasible = Cbc_isProvenInfeasible(model.get()) != 0;
  if (Cbc_isAbandoned(model.get()) && !sol) {
    return Internal("solver.failed", "CBC abandoned the solve (numerical difficulties)",
                    "求解器因数值问题中止求解");
  }
  if (sol && (optimal || any_integer)) {
    out.values.assign(sol, sol + n);
    // CBC keeps integer values as doubles; snap them so callers can compare exactly.
    for (int j = 0; j < n; ++j) {
      if (p.integer[static_cast<size_t>(j)])
        out.values[static_cast<size_t>(j)] = std::round(out.values[static_cast<size_t>(j)]);
    }
    out.objective = Cbc_getObjValue(model.get());
    out.status = optimal ? MipStatus::kOptimal : MipStatus::kFeasible;
  } else if (infeasible) {
    out.status = MipStatus::kInfeasible;
  } else {
    out.status = MipStatus::kNoSolution;
  }
  return out;
}

std::shared_ptr<assembly::MipSolver> MakeCbcSolver() {
  return std::make_shared<CbcSolver>();
}

}  // namespace kaoping::solver
