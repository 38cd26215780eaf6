// -----------------------------------------------------------------------------
// File: solver/cbc/cbc_solver.h
// -----------------------------------------------------------------------------
//
// COIN-OR CBC 2.10 as an assembly::MipSolver, through CBC's C interface (Cbc_C_Interface.h),
// which runs the stand-alone solver's full strategy (presolve, cuts, heuristics).
//
// CBC is not thread-safe (the stand-alone driver keeps static state), so every solve in the
// process is serialised through one process-wide mutex: the "solver service" is a single worker
// whatever the number of HTTP threads or CbcSolver objects. Waiting time counts against nobody's
// time limit; queue_depth() tells how many solves are waiting.
//
// Determinism: single-threaded CBC with a fixed random seed is deterministic for identical input
// when it finishes before the time limit.

#ifndef KAOPING_SOLVER_CBC_CBC_SOLVER_H_
#define KAOPING_SOLVER_CBC_CBC_SOLVER_H_

#include <memory>
#include <string>

#include "core/assembly/mip.h"

namespace kaoping::solver {

class CbcSolver final : public assembly::MipSolver {
 public:
  std::string name() const override;  // "cbc 2.10.8"
  // Errors: INVALID_ARGUMENT ("solver.bad_problem") for inconsistent dimensions or indices;
  // INTERNAL ("solver.failed") when CBC abandons the solve (numerical trouble).
  Result<assembly::MipSolution> Solve(const assembly::MipProblem& problem,
                                      const assembly::MipOptions& options) override;

  // Solves waiting for (or holding) the process-wide CBC lock.
  static int queue_depth();
};

// A shared CBC solver (the class is stateless; all instances share the process-wide lock).
std::shared_ptr<assembly::MipSolver> MakeCbcSolver();

}  // namespace kaoping::solver

#endif  // KAOPING_SOLVER_CBC_CBC_SOLVER_H_
