// -----------------------------------------------------------------------------
// File: api/auth_routes.h
// -----------------------------------------------------------------------------
//
// Accounts and sessions over HTTP (all under /api/v1, documented in /api/v1/openapi.json):
//
//   POST /auth/login       {login, password, mode: "cookie"|"bearer"} → the user; cookie mode
//                          sets kaoping_session (HttpOnly, SameSite=Strict) and kaoping_csrf and
//                          returns csrf_token; bearer mode returns token. 401 auth.bad_credentials,
//                          429 auth.throttled with Retry-After.
//   POST /auth/logout      ends the session, clears the cookies (204).
//   GET  /auth/me          the caller.
//   POST /auth/password    {old_password, new_password}: change one's own password.
//   POST /auth/signup      {login, display_name, password}: a candidate account.
//   GET  /users            (admin) ?role=&after=&limit=
//   POST /users            (admin) {login, display_name, password, roles, must_change_password}
//   POST /users/bulk       (admin) {password, accounts: [{login, display_name, roles}], issue_tokens}
//   PUT  /users/{id}/roles (admin) {roles}
//
// Also the small helpers the delivery routes share: strict JSON field readers (wrong types,
// fractions, out-of-range numbers and unknown fields are 400s, never 500s) and the
// authentication wrapper.

#ifndef KAOPING_API_AUTH_ROUTES_H_
#define KAOPING_API_AUTH_ROUTES_H_

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/api.h"
#include "http/message.h"
#include "service/actor.h"
#include "service/auth.h"
#include "service/delivery.h"
#include "store/store.h"

namespace kaoping::api {

Status RegisterAuthRoutes(ApiBuilder& builder, const ApiContext& ctx);

namespace rest {

using Json = nlohmann::json;

http::Response Problem(const Status& s, const http::Request& r);

// Authenticates and calls `fn`; answers 401/403 problems itself.
http::Handler Authed(service::Authenticator* auth,
                     std::function<http::Response(const http::Request&, const service::Actor&)> fn);

// The body as a JSON object (INVALID_ARGUMENT "request.bad_json" / "request.bad_body").
Result<Json> ObjectBody(const http::Request& r);
// INVALID_ARGUMENT "request.unknown_field" naming the first key not in `known`.
Status OnlyFields(const Json& o, std::initializer_list<const char*> known);
Result<std::string> Str(const Json& o, const char* key, bool required, size_t max_bytes = 1000);
Result<std::int64_t> Int(const Json& o, const char* key, bool required, std::int64_t min, std::int64_t max,
                         std::int64_t fallback = 0);
Result<bool> Bool(const Json& o, const char* key, bool required, bool fallback = false);
Result<std::vector<std::int64_t>> IntList(const Json& o, const char* key, std::int64_t min, std::int64_t max,
                                          size_t max_items);
Result<std::vector<std::string>> StrList(const Json& o, const char* key, size_t max_items, size_t max_bytes);

// A positive integer path parameter (INVALID_ARGUMENT "request.bad_id").
Result<std::int64_t> PathId(const http::Request& r, const char* name);
// An optional integer query parameter.
Result<std::int64_t> QueryInt(const http::Request& r, const char* name, std::int64_t min, std::int64_t max,
                              std::int64_t fallback);

Json UserJson(const store::UserRecord& u);
Json ActorJson(const service::Actor& a);

// Largest id a route accepts (2^53: ids survive a round trip through JavaScript numbers).
inline constexpr std::int64_t kMaxId = std::int64_t{1} << 53;

// Text a client sent and the store kept verbatim (answers, explanations) as JSON: parsed when it
// is JSON, else the string itself.
Json ParsedOrString(const std::string& text);

}  // namespace rest
}  // namespace kaoping::api

// Helpers to keep handlers short: unwrap or answer the problem (the handler's request is `r`).
#define KP_API_TRY(lhs, rexpr)                                                           \
  auto KP_CONCAT_(kp_api_tmp_, __LINE__) = (rexpr);                                      \
  if (!KP_CONCAT_(kp_api_tmp_, __LINE__).ok())                                           \
    return ::kaoping::api::rest::Problem(KP_CONCAT_(kp_api_tmp_, __LINE__).status(), r); \
  lhs = std::move(KP_CONCAT_(kp_api_tmp_, __LINE__)).value()

#define KP_API_CHECK(sexpr)                                                  \
  do {                                                                       \
    ::kaoping::Status kp_api_s_ = (sexpr);                                   \
    if (!kp_api_s_.ok()) return ::kaoping::api::rest::Problem(kp_api_s_, r); \
  } while (0)

#endif  // KAOPING_API_AUTH_ROUTES_H_
