// -----------------------------------------------------------------------------
// File: http/message.h
// -----------------------------------------------------------------------------
//
// The HTTP layer's own request and response types. Handlers see only these, never Boost.Beast
// types, so the rest of kaoping does not depend on the wire library:
//
//   http::Response GetLevel(const http::Request& req) {
//     std::string_view id = req.PathParam("id").value_or("");
//     if (auto q = req.Query("q")) { ... }              // percent-decoded UTF-8
//     return http::Response::Json({{"id", id}});
//   }
//
// Thread safety: these are plain values; distinct objects may be used from any thread, a single
// object needs external synchronisation for writes.

#ifndef KAOPING_HTTP_MESSAGE_H_
#define KAOPING_HTTP_MESSAGE_H_

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace kaoping::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

// "GET", "HEAD", ...; "OTHER" for kOther.
std::string_view MethodName(Method method);
// Parses an upper-case method token; kOther when it is not one of the above.
Method ParseMethod(std::string_view token);

// Header fields in arrival order with case-insensitive name lookup (RFC 9110 §5.1).
class Headers {
 public:
  using Field = std::pair<std::string, std::string>;

  // Appends a field (a name may repeat).
  void Add(std::string name, std::string value);
  // Replaces every field called `name` with one field.
  void Set(std::string name, std::string value);
  // Removes every field called `name`.
  void Remove(std::string_view name);

  // The first value of `name`, or nullopt.
  [[nodiscard]] std::optional<std::string_view> Get(std::string_view name) const;
  // Every value of `name`, in order.
  [[nodiscard]] std::vector<std::string_view> GetAll(std::string_view name) const;
  [[nodiscard]] bool Has(std::string_view name) const { return Get(name).has_value(); }

  [[nodiscard]] std::size_t size() const { return fields_.size(); }
  [[nodiscard]] bool empty() const { return fields_.empty(); }
  [[nodiscard]] std::vector<Field>::const_iterator begin() const { return fields_.begin(); }
  [[nodiscard]] std::vector<Field>::const_iterator end() const { return fields_.end(); }

 private:
  std::vector<Field> fields_;
};

// ASCII case-insensitive equality (header names, tokens).
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

struct Request {
  Method method = Method::kGet;
  // The method token as sent ("GET", "PROPFIND").
  std::string method_name;
  // The request-target as sent ("/api/v1/x?q=%E6%A8%A1").
  std::string target;
  // The path part of the target, still percent-encoded as sent ("/api/v1/x").
  std::string path;
  // Decoded query parameters ('+' is a space); a key may repeat.
  std::multimap<std::string, std::string, std::less<>> query;
  // Decoded path parameters named by the matched route pattern ("{id}" → "id").
  std::map<std::string, std::string, std::less<>> path_params;
  Headers headers;
  std::string body;
  // "ip:port" of the peer.
  std::string remote_address;
  // The X-Request-Id the client sent when it is well-formed, otherwise a fresh random id.
  std::string request_id;
  // The matched route pattern ("/api/v1/standards/{id}"), the fallback's name, or "" when none.
  std::string route;
  // 10 for HTTP/1.0, 11 for HTTP/1.1.
  unsigned version = 11;

  [[nodiscard]] std::optional<std::string_view> PathParam(std::string_view name) const;
  // The first value of query parameter `name`.
  [[nodiscard]] std::optional<std::string_view> Query(std::string_view name) const;
  [[nodiscard]] std::vector<std::string_view> QueryAll(std::string_view name) const;
  [[nodiscard]] std::optional<std::string_view> Header(std::string_view name) const {
    return headers.Get(name);
  }
};

inline constexpr std::string_view kContentTypeJson = "application/json";
inline constexpr std::string_view kContentTypeProblem = "application/problem+json";
inline constexpr std::string_view kContentTypeText = "text/plain; charset=utf-8";

struct Response {
  int status = 200;
  // Extra header fields. Content-Type, Content-Length, Connection, Server and X-Request-Id are
  // set by the server; fields with names or values that are not valid HTTP are dropped.
  Headers headers;
  std::string body;
  // Empty means no Content-Type field.
  std::string content_type;
  // Never sent. For 5xx problems this keeps the original error, which the server logs together
  // with the request id (the client only sees a generic message).
  std::string internal_error;

  // A JSON body. Invalid UTF-8 inside strings is replaced with U+FFFD rather than throwing.
  static Response Json(const nlohmann::json& body, int status = 200);
  static Response Text(std::string body, int status = 200,
                       std::string content_type = std::string(kContentTypeText));
  // An RFC 9457 problem for a non-OK `status` (see http/problem.h for the status mapping).
  // An empty `request_id` is filled in by the server before sending.
  static Response Problem(const Status& status, std::string_view request_id = {});
  static Response NoContent() {
    Response r;
    r.status = 204;
    return r;
  }
};

// The synchronous handler signature. Handlers run on the server's I/O threads and may be called
// concurrently for different requests; an exception escaping a handler becomes a 500 problem.
using Handler = std::function<Response(const Request&)>;

}  // namespace kaoping::http

#endif  // KAOPING_HTTP_MESSAGE_H_
