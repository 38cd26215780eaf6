// -----------------------------------------------------------------------------
// File: http/problem.h
// -----------------------------------------------------------------------------
//
// THE one place that maps a kaoping::Status to an HTTP status, and the RFC 9457 problem+json
// body every error response carries:
//
//   {"type": "https://kaoping.dev/problems/standard.unknown_key", "title": "Bad Request",
//    "status": 400, "code": "standard.unknown_key", "detail": "...", "detail_zh": "...",
//    "request_id": "9f86d081884c7d65"}
//
// Mapping (StatusCode → HTTP):
//   INVALID_ARGUMENT, OUT_OF_RANGE ........ 400
//   UNAUTHENTICATED ....................... 401
//   PERMISSION_DENIED ..................... 403
//   NOT_FOUND ............................. 404
//   ALREADY_EXISTS, ABORTED ............... 409
//   FAILED_PRECONDITION ................... 409  The request is well-formed but conflicts with
//                                                the current state of a resource (attempt already
//                                                submitted, exam not open). Field validation errors
//                                                are INVALID_ARGUMENT/400, so 422 is not used.
//   DEADLINE_EXCEEDED ..................... 409  In kaoping this code means a domain deadline has
//                                                passed ("attempt.deadline_passed": the server owns
//                                                the clock), i.e. a state conflict, not a gateway
//                                                timeout. Infrastructure timeouts must be reported
//                                                as UNAVAILABLE (503), which clients may retry.
//   RESOURCE_EXHAUSTED .................... 429  except reason http.body_too_large → 413 and
//                                                http.header_too_large → 431.
//   CANCELLED ............................. 499  (client closed request; nginx convention)
//   UNIMPLEMENTED ......................... 501
//   UNAVAILABLE ........................... 503
//   INTERNAL, DATA_LOSS, UNKNOWN .......... 500  The detail sent to the client is generic (quote
//                                                the request_id); the original message is kept in
//                                                Response::internal_error and logged by the server.
//   reason http.method_not_allowed ........ 405  (the only other reason-specific override)
//
// "code" is the Status reason (stable, machine-readable); when a Status has no reason the code
// is the lower-case canonical code name ("not_found") and "type" is "about:blank".
//
// Thread safety: stateless free functions.

#ifndef KAOPING_HTTP_PROBLEM_H_
#define KAOPING_HTTP_PROBLEM_H_

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace kaoping::http {

inline constexpr std::string_view kProblemTypeBase = "https://kaoping.dev/problems/";

// Reasons of the errors the HTTP layer raises itself.
inline constexpr std::string_view kReasonBadRequest = "http.bad_request";
inline constexpr std::string_view kReasonNotFound = "http.not_found";
inline constexpr std::string_view kReasonMethodNotAllowed = "http.method_not_allowed";
inline constexpr std::string_view kReasonBodyTooLarge = "http.body_too_large";
inline constexpr std::string_view kReasonHeaderTooLarge = "http.header_too_large";
inline constexpr std::string_view kReasonInternal = "http.internal";

// The HTTP status for `status`; 200 for OK.
int HttpStatusFor(const Status& status);

// "Not Found" for 404 etc.; "Unknown" for codes without a registered phrase.
std::string_view HttpReasonPhrase(int http_status);

// The problem+json document for a non-OK `status`. `request_id` is omitted when empty.
nlohmann::json ProblemJson(const Status& status, std::string_view request_id = {});

// "8 MiB", "16 KiB", "1000 bytes".
std::string FormatByteSize(std::uint64_t bytes);

// The HTTP layer's own errors, with English and Chinese messages.
Status BadRequestError(std::string_view detail_en, std::string_view detail_zh);
Status RouteNotFoundError(std::string_view method, std::string_view path);
Status MethodNotAllowedError(std::string_view method, std::string_view path, std::string_view allow);
Status BodyTooLargeError(std::uint64_t limit_bytes);
Status HeaderTooLargeError(std::uint64_t limit_bytes);
Status InternalServerError(std::string_view detail_en = {});

}  // namespace kaoping::http

#endif  // KAOPING_HTTP_PROBLEM_H_
