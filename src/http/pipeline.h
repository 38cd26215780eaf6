// -----------------------------------------------------------------------------
// File: http/pipeline.h
// -----------------------------------------------------------------------------
//
// The socket-free half of the server: how bytes become a Request, how a Request is routed and
// handled, and how the Response goes back on the wire. HttpServer's connections call exactly
// these functions around their reads and writes, and the fuzz target drives the same code
// through ProcessBytes without any socket:
//
//   parser  ← ConfigureParser            (header/body limits)
//   bytes   → parser (Beast)             (async_read on a connection, put() in ProcessBytes)
//   error   → HandleReadError            (400/413/431 problem, or nothing for EOF/timeouts)
//   message → Handle                     (target decoding, routing, handler, exception guard,
//                                         HEAD, problem request ids, response headers)
//   written → Finish                     (metrics + access log)
//
// Thread safety: a Pipeline is immutable after construction; every method may be called
// concurrently. It keeps references to the router, metrics and access log, which must outlive it.
// Failure behaviour: nothing here throws to the caller. A handler's exception becomes a logged
// 500 problem (reason http.internal).

#ifndef KAOPING_HTTP_PIPELINE_H_
#define KAOPING_HTTP_PIPELINE_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "base/clock.h"
#include "http/message.h"

namespace spdlog {
class logger;
}  // namespace spdlog

namespace kaoping::http {

class AccessLog;
class HttpMetrics;
class Router;

using WireRequest = boost::beast::http::request<boost::beast::http::string_body>;
using WireResponse = boost::beast::http::response<boost::beast::http::string_body>;
using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

struct PipelineOptions {
  // Request line plus header fields; larger → 431.
  std::uint32_t header_limit_bytes = 16 * 1024;
  // Decoded body; larger → 413.
  std::uint64_t body_limit_bytes = std::uint64_t{8} * 1024 * 1024;
  // Value of the Server header; empty sends none.
  std::string server_name = "kaoping";
};

// One request/response pair on its way out, plus what metrics and the access log need.
struct Exchange {
  WireResponse response;
  std::string request_id;
  std::string remote;
  std::string method;        // As sent ("-" when the request line could not be parsed).
  std::string method_label;  // Bounded for metrics: a standard method or "OTHER".
  std::string path;          // Without the query ("-" when unknown).
  std::string route;         // Pattern, fallback name, or "unmatched".
  int status = 0;
  std::uint64_t body_bytes = 0;
  bool access_log = true;
  bool close = false;  // Close the connection once the response is written.
  std::chrono::steady_clock::time_point start;
};

class Pipeline {
 public:
  // `metrics`, `access_log` may be null (then nothing is recorded); `error_logger` null means
  // the spdlog default logger; `clock` null means SystemClock (access-log timestamps).
  Pipeline(const Router& router, PipelineOptions options, HttpMetrics* metrics, const AccessLog* access_log,
           std::shared_ptr<spdlog::logger> error_logger, const Clock* clock = nullptr);

  [[nodiscard]] const PipelineOptions& options() const { return options_; }

  // Applies the header and body limits.
  void ConfigureParser(RequestParser& parser) const;

  // The response to a completely read request. `closing` forces Connection: close (server
  // shutting down). Counts the request as in flight until Finish.
  [[nodiscard]] Exchange Handle(WireRequest&& request, std::string_view remote, bool closing) const;

  // The response to a read that failed: a 400/413/431 problem (always with Connection: close)
  // for malformed or oversized requests, nullopt when there is nobody to answer (EOF, reset,
  // timeout, cancelled). `parser` (optional) supplies the method and target for the log when
  // the header was already parsed. Counts an Exchange as in flight until Finish.
  [[nodiscard]] std::optional<Exchange> HandleReadError(boost::beast::error_code ec, std::string_view remote,
                                                        const RequestParser* parser) const;

  // Records metrics and the access-log line and ends the in-flight count. Call exactly once per
  // Exchange, after the write completed or failed.
  void Finish(const Exchange& exchange) const;

  // Feeds `bytes` through a parser exactly as a connection would (pipelined requests are
  // handled in turn until one asks to close) and returns the serialised responses. Incomplete
  // input at the end gets no response, like a client that hung up.
  [[nodiscard]] std::string ProcessBytes(std::string_view bytes, std::string_view remote = "0.0.0.0:0") const;

 private:
  Response Dispatch(Request& request, std::string& route, bool& access_log) const;
  void ToWire(Response&& response, const Request& request, bool keep_alive, Exchange& exchange) const;
  void BeginExchange() const;

  const Router& router_;
  PipelineOptions options_;
  HttpMetrics* metrics_;
  const AccessLog* access_log_;
  std::shared_ptr<spdlog::logger> error_logger_;
  const Clock* clock_;
};

// A fresh random request id (16 lower-case hex digits).
std::string NewRequestId();
// True for a client-supplied X-Request-Id we are willing to reuse: 1–128 of [A-Za-z0-9._:-].
bool IsAcceptableRequestId(std::string_view id);

}  // namespace kaoping::http

#endif  // KAOPING_HTTP_PIPELINE_H_
