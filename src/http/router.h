// -----------------------------------------------------------------------------
// File: http/router.h
// -----------------------------------------------------------------------------
//
// A small method + path router.
//
//   http::Router router;
//   KP_RETURN_IF_ERROR(router.Add(http::Method::kGet, "/api/v1/standards/{id}/levels/{level}",
//                                 GetLevel, http::RouteOptions::Named("get_level")));
//
// Patterns are '/'-separated segments; a segment is either literal text or "{name}", which
// matches one non-empty path segment and is delivered percent-decoded in
// Request::path_params. Matching is segment by segment on the decoded path ("%2F" inside a
// segment does not split it); a trailing slash is significant. When several patterns match,
// the more specific wins (a literal segment beats a parameter, compared left to right), and
// when the most specific one lacks the method a less specific one that has it is used.
//
//   * no pattern matches ...................... the fallback (SetFallback) or a 404 problem
//   * a pattern matches but not the method .... a 405 problem with an Allow header
//   * HEAD with no HEAD route ................. the GET route (the server drops the body)
//
// Thread safety: Add/SetFallback are not thread-safe and must all happen before the router is
// handed to HttpServer; afterwards the router is immutable and Match/Dispatch may be called
// concurrently from any thread.

#ifndef KAOPING_HTTP_ROUTER_H_
#define KAOPING_HTTP_ROUTER_H_

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "base/status.h"
#include "http/message.h"

namespace kaoping::http {

// (g++ 12 warns about designated initializers that omit members under -Wextra, so these option
// structs offer small factories instead.)
struct RouteOptions {
  // Operation name, e.g. for an OpenAPI operationId ("get_level"). Optional.
  std::string name;
  // False keeps the route out of the access log (e.g. /metrics scraped every few seconds).
  bool access_log = true;

  static RouteOptions Named(std::string route_name, bool log_access = true) {
    RouteOptions o;
    o.name = std::move(route_name);
    o.access_log = log_access;
    return o;
  }
};

struct FallbackOptions {
  // Route label used in metrics and logs for requests the fallback handles.
  std::string name = "fallback";
  // Paths starting with one of these never reach the fallback (they get the router's 404).
  std::vector<std::string> excluded_prefixes = {"/api/"};
};

struct RouteInfo {
  Method method;
  std::string pattern;
  std::string name;
};

struct RouteMatch {
  enum class Kind { kFound, kFallback, kNotFound, kMethodNotAllowed };
  Kind kind = Kind::kNotFound;
  // Set for kFound and kFallback; points into the router.
  const Handler* handler = nullptr;
  const RouteOptions* options = nullptr;
  // The matched pattern (kFound) or the fallback name (kFallback); empty otherwise.
  std::string route;
  std::map<std::string, std::string, std::less<>> params;
  // For kMethodNotAllowed: "GET, HEAD, POST".
  std::string allow;
};

class Router {
 public:
  Router();
  ~Router();
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Registers `handler` for `method` on `pattern`. Fails with INVALID_ARGUMENT
  // (http.bad_route_pattern) for a malformed pattern, a null handler or Method::kOther, and with
  // ALREADY_EXISTS (http.duplicate_route) when an equivalent pattern ("{x}" ≡ "{y}") already has
  // `method`.
  Status Add(Method method, std::string_view pattern, Handler handler, RouteOptions options = {});

  // Handles requests that match no pattern (any method), e.g. static files; see FallbackOptions.
  void SetFallback(Handler handler, FallbackOptions options = {});

  // Resolves a request. `raw_path` is the still-encoded path; fails with INVALID_ARGUMENT
  // (http.bad_request) when it cannot be decoded.
  [[nodiscard]] Result<RouteMatch> Match(Method method, std::string_view raw_path) const;

  // Matches, fills request.path_params and request.route, and calls the handler; returns the
  // 400/404/405 problem instead when there is nothing to call. Does not catch exceptions from
  // the handler (the server does).
  [[nodiscard]] Response Dispatch(Request& request) const;

  // Every registered (method, pattern), in registration order. HEAD is implicit for GET routes
  // and not listed unless registered explicitly.
  [[nodiscard]] std::vector<RouteInfo> routes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The response for a RouteMatch that is not kFound/kFallback (404 or 405 with Allow).
Response UnroutableResponse(const RouteMatch& match, const Request& request);

}  // namespace kaoping::http

#endif  // KAOPING_HTTP_ROUTER_H_
