// -----------------------------------------------------------------------------
// File: wire/assembly_json.h
// -----------------------------------------------------------------------------
//
// JSON forms of blueprints, papers, assembly outcomes (forms + coverage, or shortfalls) and
// per-candidate views, shared by the HTTP API and `kaoping assemble --json`.
//
// Blueprint options (what an administrator may configure; every key optional, unknown keys are
// errors):
//
//   {"types": [{"type": "single_choice", "count": 40, "points": 1, "title": "一、单项选择题"},
//              {"type": "practical", "min": 3, "max": 8, "points": 0}],     // 0 = item's own points
//    "duration_minutes": 100,
//    "work_content_rules": [{"function": "function:2", "work_content": "", "min_items": 2, "max_items": 6}],
//    "difficulty": {"mode": "expected_score", "target_p": 0.7, "min_expected_score": 62,
//                   "max_expected_score": 78, "cut_theta": 0.0, "information_target": 15},
//    "function_points": {"function:1": 20}}                                 // may only restate the standard

#ifndef KAOPING_WIRE_ASSEMBLY_JSON_H_
#define KAOPING_WIRE_ASSEMBLY_JSON_H_

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "core/assembly/assembler.h"
#include "core/assembly/blueprint.h"
#include "core/assembly/randomise.h"
#include "core/bank/paper.h"

namespace kaoping::wire {

nlohmann::json BlueprintJson(const assembly::Blueprint& bp);
// INVALID_ARGUMENT ("blueprint.bad_json") naming the field.
Result<assembly::BlueprintOptions> BlueprintOptionsFromJson(const nlohmann::json& j);

nlohmann::json PaperJson(const bank::Paper& paper);
nlohmann::json PaperSummaryJson(const bank::Paper& paper);  // without the item list
nlohmann::json CoverageJson(const assembly::FormCoverage& c);
nlohmann::json ShortfallJson(const assembly::Shortfall& s);
// {"feasible", "papers": [...], "coverage": [...], "shared": [[...]], "shortfalls": [...], "stats": {...}}
nlohmann::json AssemblyOutcomeJson(const assembly::AssemblyOutcome& outcome);
nlohmann::json CandidateViewJson(const assembly::CandidateView& view);

}  // namespace kaoping::wire

#endif  // KAOPING_WIRE_ASSEMBLY_JSON_H_
