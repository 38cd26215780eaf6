// -----------------------------------------------------------------------------
// File: core/assembly/assembler.h
// -----------------------------------------------------------------------------
//
// Blueprint-driven automated test assembly (ATA) as a mixed-integer program, solved through the
// MipSolver port (docs/assembly.md has the full model):
//
//   x[i][k] ∈ {0,1}   item i is on form k
//   per form k:  Σ paper_points(i)·x = points of every weight-table row     (exact)
//                min ≤ Σ x ≤ max for every item type of the template
//                work-content rules; x[i][k] + x[j][k] ≤ 1 for enemies
//                optional expected-score band
//   across forms: at most `max_overlap` items shared by any two forms
//   objective:   closeness to the difficulty target (expected score at p*, or test information at
//                the cut θ), matched across forms, plus a small seeded perturbation that varies
//                the choice among equally good items, plus exposure penalties
//
// Infeasibility is explained, never just reported: a supply check before solving compares every
// row, type and work-content rule with what the bank holds ("中级 监控与维护 needs 20 points of
// approved items; the bank has 12"); when the bank holds enough in total but no combination
// works, an elastic model with penalised slack on every blueprint constraint names the
// constraints that are short and by how much.
//
// Determinism: candidates are ordered by id, the perturbation of item i is derived from
// (seed, id), and the solver gets the same seed, so the same bank, blueprint and seed give the
// same papers — as long as the solver finishes within the time limit (a solve cut short by the
// clock returns its best incumbent, which may depend on machine speed).
//
// Thread safety: Assemble is reentrant; serialisation of the solver is the solver's business.

#ifndef KAOPING_CORE_ASSEMBLY_ASSEMBLER_H_
#define KAOPING_CORE_ASSEMBLY_ASSEMBLER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "core/assembly/blueprint.h"
#include "core/assembly/coverage.h"
#include "core/assembly/mip.h"
#include "core/bank/item.h"
#include "core/bank/paper.h"

namespace kaoping::assembly {

enum class ExposurePolicy { kExclude, kPenalise };
const char* ExposurePolicyName(ExposurePolicy p);  // "exclude" | "penalise"

struct AssemblyRequest {
  Blueprint blueprint;
  int forms = 1;        // parallel forms assembled together (1–26)
  int max_overlap = 0;  // max items shared by any two forms
  std::uint64_t seed = 1;
  // Items used by the most recent papers (exposure control) and what to do with them.
  std::vector<std::string> recently_used;
  ExposurePolicy exposure_policy = ExposurePolicy::kExclude;
  double exposure_penalty = 2.0;  // objective cost per recently used item (≈ points of deviation)
  double time_limit_seconds = 10;
  bool allow_synthetic = false;  // synthetic items are for tests and benchmarks only
  // Candidates kept per (row, item type) before solving, closest to the difficulty target first
  // (with the seeded perturbation). 0 keeps every candidate. When the reduced model is
  // infeasible the assembler solves the full one, so the prefilter never changes the answer to
  // "is there a paper?".
  int max_candidates_per_cell = 200;

  // Identity of the papers: ids are `paper_id_prefix` + "-a", "-b", …
  std::string paper_id_prefix;
  std::string title;
  std::string created_by;
  std::int64_t created_ms = 0;
};

// One constraint the request cannot meet.
struct Shortfall {
  std::string constraint;  // "function:4", "type:single_choice", "work_content:function:2/2.3",
                           // "expected_score", "overlap", "enemies", "time_limit"
  std::string label;       // "监控与维护", "单选", …
  std::string stage;       // "supply" (before solving) | "solve" (slack in the elastic model)
  int form = 0;            // 1-based form; 0 = all forms together
  double needed = 0;
  double available = 0;
  double short_by = 0;
  std::string unit;  // "points" | "items"
  std::string message;
  std::string message_zh;
};

struct SolveStats {
  std::string solver;
  std::string status;  // MipStatusName of the final solve, or "supply_short"
  int pool = 0;        // approved items matching the blueprint
  int excluded_by_exposure = 0;
  int candidates = 0;  // items in the model after the prefilter
  int variables = 0;
  int rows = 0;
  std::size_t nonzeros = 0;
  int solves = 0;  // 1, or more when the prefilter or the elastic model was needed
  bool prefiltered = false;
  bool full_model = false;  // the full model was solved after the reduced one failed
  double seconds = 0;       // total solver time
  double objective = 0;
};

struct AssemblyOutcome {
  bool feasible = false;
  std::vector<bank::Paper> papers;       // one per form when feasible
  std::vector<FormCoverage> coverage;    // one per paper
  std::vector<std::vector<int>> shared;  // shared[i][j] items in common
  std::vector<Shortfall> shortfalls;     // why not, when infeasible
  SolveStats stats;
};

// Assembles `request.forms` papers from `bank` (latest item versions; anything not approved or
// not matching the blueprint is ignored). Errors: INVALID_ARGUMENT ("assembly.bad_request") for
// malformed requests; the solver's errors. Infeasibility is an OK outcome with feasible = false.
// A returned feasible outcome has been re-checked with ComputeCoverage: every paper is exact.
Result<AssemblyOutcome> Assemble(const AssemblyRequest& request, const std::vector<bank::Item>& bank,
                                 MipSolver& solver);

// FAILED_PRECONDITION summarising an infeasible outcome, bilingual: reason "assembly.supply_short"
// when the bank lacks items, "assembly.infeasible" otherwise. OK for a feasible outcome.
Status InfeasibleStatus(const AssemblyOutcome& outcome);

}  // namespace kaoping::assembly

#endif  // KAOPING_CORE_ASSEMBLY_ASSEMBLER_H_
