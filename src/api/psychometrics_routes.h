// -----------------------------------------------------------------------------
// File: api/psychometrics_routes.h
// -----------------------------------------------------------------------------
//
// Psychometrics over HTTP (under /api/v1; every route needs an authenticated actor; reading is
// for admin, author and reviewer, writing back to the bank for admin — service/
// psychometrics_service.h; anyone else gets 403 "psychometrics.forbidden" before any lookup):
//
//   POST /psychometrics/items          SOURCE [, group_fraction, complete_cases, write_back]
//                                      → classical analysis {source, persons, form, groups, items,
//                                      human_scored, written}
//   POST /psychometrics/calibrate      SOURCE [, model: "rasch"|"1pl"|"2pl"|"3pl"|"grm",
//                                      quadrature, max_iterations, tolerance, standard_errors,
//                                      write_back] → {source, persons, items, item_fit,
//                                      log_likelihood, aic, bic, iterations, converged, provenance,
//                                      written}
//   POST /psychometrics/equate         {form_x: SOURCE, form_y: SOURCE, method, model, cuts:[raw]}
//                                      → {A, B, criterion, common_items, cuts, form_x_on_y_scale}
//   POST /psychometrics/cutscore       SOURCE + {method: "angoff", ratings: [[p per item]…]} or
//                                      {method: "bookmark", bookmarks: [page…], rp, rule}
//   POST /psychometrics/cat/simulate   SOURCE [, simulees, min_length, max_length, target_se,
//                                      exposure, randomesque_size, sh_rmax, sh_rounds, cuts, seed,
//                                      areas: {item: area}, weights: {area: w}]
//   GET  /items/{id}/statistics        → {item_id, latest_version, latest: {classical, irt},
//                                      history: [records, newest first]}
//   GET  /psychometrics/plots/{kind}.svg   ?plan=N | ?paper=ID [&model=] — kind icc | tif | wright
//
// SOURCE is {plan_id: N} or {paper_id: "…"} (the submitted attempts in the store) or
// {matrix: [[score|null, …], …], item_ids: ["…", …]} (scores 0..100, null = missing). Write-back
// needs a store source (400 "psychometrics.write_back_needs_store" for a matrix).
//
// "grm" calibrates 2PL for dichotomous columns and the graded response model for polytomous ones
// (the core always uses the GRM for items scored above 1).
//
// Work is bounded by the service's PsychometricsLimits: matrix size, items, EM cycles, quadrature
// points, CAT simulees and test length; beyond them 400 "psychometrics.too_large". Bad input is a
// 400 with a stable code, never a 500.

#ifndef KAOPING_API_PSYCHOMETRICS_ROUTES_H_
#define KAOPING_API_PSYCHOMETRICS_ROUTES_H_

#include <vector>

#include <nlohmann/json.hpp>

#include "api/api.h"
#include "base/result.h"
#include "store/psychometrics_store.h"

namespace kaoping::api {

Status RegisterPsychometricsRoutes(ApiBuilder& builder, const ApiContext& ctx);

// One stored statistics record: {id, item_version, kind, source, persons, model, converged,
// iterations, log_likelihood, flags, statistics, computed_ms, computed_by}.
nlohmann::json ItemStatisticsRecordJson(const store::ItemStatisticsRecord& r);
// The newest "classical" and "irt" record of `version` (null where there is none), with the
// classical flags lifted to the top: {version, flags, classical, irt}. For the item view.
nlohmann::json LatestItemStatisticsJson(const std::vector<store::ItemStatisticsRecord>& records, int version);

}  // namespace kaoping::api

#endif  // KAOPING_API_PSYCHOMETRICS_ROUTES_H_
