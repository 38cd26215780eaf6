// -----------------------------------------------------------------------------
// File: api/scoring_routes.h
// -----------------------------------------------------------------------------
//
// Scoring and results over HTTP, under /api/v1 — the "Scoring" and "Results" sections of
// docs/api-scoring-certificates.md (every route is in /api/v1/openapi.json):
//
//   scoring  POST /plans/{id}/scoring/start, GET /plans/{id}/scoring, GET /scoring/scripts,
//            GET /scoring/scripts/{script}, POST /scoring/scripts/{script}/scores,
//            GET /scoring/adjudication, POST /scoring/scripts/{script}/adjudicate
//   results  POST /plans/{id}/results/compute, GET /results, GET /results/{id},
//            GET /results/{id}/history, POST /results/{id}/review, POST /results/{id}/publish,
//            POST /plans/{id}/results/publish, POST /results/{id}/correct, POST /plans/{id}/rescore,
//            GET /me/capability, GET /org/capability
//
// POST /plans/{id}/scoring/start takes `{}` or the plan's scoring settings:
// {"multiple_choice": "all_or_nothing"|"partial", "partial_fraction": 0..1 (0 = proportional),
//  "spread": {"kind": "fraction"|"points", "value": n}}; the settings are kept per plan.
// A staffing failure is 409 "scoring.staffing" with `violations`.

#ifndef KAOPING_API_SCORING_ROUTES_H_
#define KAOPING_API_SCORING_ROUTES_H_

#include <nlohmann/json.hpp>

#include "api/api.h"

namespace kaoping::service {
struct ResultView;
}  // namespace kaoping::service

namespace kaoping::api {

Status RegisterScoringRoutes(ApiBuilder& builder, const ApiContext& ctx);

// The ResultView JSON of the contract (for other modules' routes, e.g. certificates).
nlohmann::json ResultViewJson(const service::ResultView& v);

}  // namespace kaoping::api

#endif  // KAOPING_API_SCORING_ROUTES_H_
