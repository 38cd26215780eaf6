// -----------------------------------------------------------------------------
// File: core/assembly/mip.h
// -----------------------------------------------------------------------------
//
// The solver port: a mixed-integer linear program in plain data, and the interface a solver
// adapter implements (src/solver/cbc/ for COIN-OR CBC). The assembler builds a MipProblem and
// never sees a solver library, so the domain model stays solver-agnostic and testable.
//
//   minimise    Σ objective[j]·x[j]
//   subject to  row.lower ≤ Σ row.coef[k]·x[row.index[k]] ≤ row.upper   for every row
//               lower[j] ≤ x[j] ≤ upper[j],  x[j] integer where integer[j]
//
// Infinite bounds are ±kMipInfinity.

#ifndef KAOPING_CORE_ASSEMBLY_MIP_H_
#define KAOPING_CORE_ASSEMBLY_MIP_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"

namespace kaoping::assembly {

inline constexpr double kMipInfinity = 1e30;

struct MipRow {
  std::vector<int> index;
  std::vector<double> coef;
  double lower = -kMipInfinity;
  double upper = kMipInfinity;
  std::string name;
};

struct MipProblem {
  std::vector<double> lower;
  std::vector<double> upper;
  std::vector<double> objective;
  std::vector<bool> integer;
  std::vector<std::string> names;  // optional, for debugging dumps
  std::vector<MipRow> rows;

  int num_vars() const { return static_cast<int>(objective.size()); }
  // Adds a variable and returns its index.
  int AddVar(double lb, double ub, double obj, bool is_integer, std::string name = {});
  int AddBinary(double obj, std::string name = {}) { return AddVar(0, 1, obj, true, std::move(name)); }
  // Adds a row and returns its index.
  int AddRow(MipRow row);
  size_t num_nonzeros() const;
};

struct MipOptions {
  double time_limit_seconds = 10;
  std::uint64_t seed = 1;      // the solver's own random seed (tie-breaking in its heuristics)
  double relative_gap = 1e-4;  // stop when the proven gap is below this fraction
  double absolute_gap = 1e-6;
};

enum class MipStatus {
  kOptimal,     // proven optimal (within the gap)
  kFeasible,    // a solution, but a limit stopped the proof
  kInfeasible,  // proven infeasible
  kNoSolution,  // a limit was reached before any solution was found
};
const char* MipStatusName(MipStatus s);

struct MipSolution {
  MipStatus status = MipStatus::kNoSolution;
  std::vector<double> values;  // one per variable when status is kOptimal or kFeasible
  double objective = 0;
  double seconds = 0;
  std::int64_t nodes = 0;
};

// A MIP solver. Implementations must be safe to call from several threads (serialising
// internally when the library is not thread-safe) and deterministic for identical input and
// options when no time limit is reached.
class MipSolver {
 public:
  virtual ~MipSolver() = default;
  virtual std::string name() const = 0;
  // Errors are for malformed problems and solver failures (INTERNAL "solver.failed"); an
  // infeasible problem is an OK result with status kInfeasible.
  virtual Result<MipSolution> Solve(const MipProblem& problem, const MipOptions& options) = 0;
};

}  // namespace kaoping::assembly

#endif  // KAOPING_CORE_ASSEMBLY_MIP_H_
