// -----------------------------------------------------------------------------
// File: api/bank_routes.h
// -----------------------------------------------------------------------------
//
// The item bank, blueprints and assembly over HTTP (under /api/v1; roles per
// service/bank_service.h; every route needs an authenticated actor):
//
//   GET  /items                 ?standard=&direction=&level=&kind=&function=&type=&status=&q=
//                               &synthetic=&limit=&offset= → {items, total, limit, offset}
//   POST /items                 an item (docs/item-format.md) → 201, the new draft
//   GET  /items/{id}            → {item, history, events[, statistics]} — statistics (the latest
//                               classical and IRT record of the latest version, with the
//                               classical flags) for admin, author and reviewer only
//   PUT  /items/{id}            an item with the version being edited → the new version
//   GET  /items/{id}/versions/{version}
//   POST /items/{id}/submit | approve | request-changes | retire   {comment, version}
//   POST /bank/import           kaoping.items/1 → {imported}; 400 "bank.import_invalid" with
//                               `problems` (every bad row) and nothing written
//   GET  /bank/export           ?standard=&level=&kind=&function=&status=&synthetic= → kaoping.items/1
//   GET  /bank/stats            ?standard=&level=&kind=&direction=&synthetic=
//   GET  /blueprint             ?standard=&level=&kind=&direction=
//   POST /blueprint             {standard, level, kind, direction, options}: a configured blueprint,
//                               or 400 explaining why the options break the standard
//   POST /assemble              {standard, level, kind, direction, forms, seed, overlap,
//                               exposure_window, exposure_policy, time_limit, save, synthetic,
//                               title, blueprint} → {papers, coverage, shared, stats}; 422
//                               "assembly.supply_short" / "assembly.infeasible" with `shortfalls`
//   GET  /papers                ?standard=&limit=
//   GET  /papers/{id}           ?items=true adds the item versions (keys by role) and `coverage`:
//                               the coverage table (as /assemble gives it) against the blueprint
//                               of the paper's standard, level, kind and direction; null when the
//                               standard gives no blueprint for them
//
// Item JSON carries keys (answer, blanks[].accepted, rubric, reference_answer, explanation) only
// for admin, author and reviewer (BankService::CanSeeKeys).

#ifndef KAOPING_API_BANK_ROUTES_H_
#define KAOPING_API_BANK_ROUTES_H_

#include <functional>

#include "api/api.h"
#include "base/result.h"
#include "http/message.h"
#include "service/actor.h"
#include "service/bank_service.h"

namespace kaoping::service {
class PsychometricsService;
}  // namespace kaoping::service

namespace kaoping::api {

struct BankApiContext {
  service::BankService* bank = nullptr;
  // Optional: adds `statistics` (api/psychometrics_routes.h LatestItemStatisticsJson) to the item
  // view for admin, author and reviewer.
  service::PsychometricsService* psychometrics = nullptr;
  // Resolves the acting user of a request (UNAUTHENTICATED/PERMISSION_DENIED become 401/403).
  // Empty: every request is 401 "auth.required".
  std::function<Result<service::Actor>(const http::Request&)> actor;
};

// The bank context of an API context: its bank service, and `bank_actor` when set (tests),
// else the authenticator's hook.
BankApiContext BankContextFrom(const ApiContext& ctx);

Status RegisterBankRoutes(ApiBuilder& builder, const BankApiContext& ctx);

}  // namespace kaoping::api

#endif  // KAOPING_API_BANK_ROUTES_H_
