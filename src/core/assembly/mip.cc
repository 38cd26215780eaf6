#include "core/assembly/mip.h"

namespace kaoping::assembly {

int MipProblem::AddVar(double lb, double ub, double obj, bool is_integer, std::string name) {
  lower.push_back(lb);
  upper.push_back(ub);
  objective.push_back(obj);
  integer.push_back(is_integer);
  names.push_back(std::move(name));
  return static_cast<int>(objective.size()) - 1;
}

int MipProblem::AddRow(MipRow row) {
  rows.push_back(std::move(row));
  return static_cast<int>(rows.size()) - 1;
}

size_t MipProblem::num_nonzeros() const {
  size_t n = 0;
  for (const auto& r : rows) n += r.index.size();
  return n;
}

const char* MipStatusName(MipStatus s) {
  switch (s) {
    case MipStatus::kOptimal:
      return "optimal";
    case MipStatus::kFeasible:
      return "feasible";
    case MipStatus::kInfeasible:
      return "infeasible";
    case MipStatus::kNoSolution:
      return "no_solution";
  }
  return "no_solution";
}

}  // namespace kaoping::assembly
