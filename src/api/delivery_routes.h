// -----------------------------------------------------------------------------
// File: api/delivery_routes.h
// -----------------------------------------------------------------------------
//
// Exam delivery over HTTP, under /api/v1 (every route is in /api/v1/openapi.json):
//
//   profiles       GET|PUT /me/profile, GET /users/{id}/profile[?reveal=1]
//   plans          POST /plans/check, POST /plans, GET /plans, GET /plans/{id},
//                  PUT /plans/{id}/paper, POST /plans/{id}/attempts (prepare),
//                  POST /plans/{id}/registrations (register the caller)
//   registrations  GET /registrations, GET /registrations/{id},
//                  POST /registrations/{id}/decision, GET /registrations/{id}/ticket
//   attempts       GET /attempts, GET /attempts/{id} (resume), GET /attempts/{id}/items,
//                  POST /attempts/{id}/start, PUT /attempts/{id}/answers/{item},
//                  PUT /attempts/{id}/flags/{item}, POST /attempts/{id}/submit,
//                  POST /attempts/{id}/proctor/{action}, GET /attempts/{id}/events,
//                  GET /attempts/{id}/review
//   audit          GET /audit, GET /audit/verify
//
// Answer saves: PUT /attempts/{id}/answers/{item} {"sequence": n, "response": <any JSON>} —
// answered 200 only after the save is durable; {"applied": false} for a repeated or older
// sequence number (nothing changed); 409 attempt.deadline_passed after deadline + grace.
// Every error is a problem+json body with a stable code and Chinese and English text.

#ifndef KAOPING_API_DELIVERY_ROUTES_H_
#define KAOPING_API_DELIVERY_ROUTES_H_

#include "api/api.h"

namespace kaoping::api {

Status RegisterDeliveryRoutes(ApiBuilder& builder, const ApiContext& ctx);

}  // namespace kaoping::api

#endif  // KAOPING_API_DELIVERY_ROUTES_H_
