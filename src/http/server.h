// -----------------------------------------------------------------------------
// File: http/server.h
// -----------------------------------------------------------------------------
//
// HttpServer: an asynchronous HTTP/1.1 server on Boost.Beast/Asio (callbacks, no coroutines).
// One io_context is run by `threads` threads; each connection runs on its own strand, so a
// connection's handlers never overlap while different connections proceed in parallel.
//
//   http::Router router;
//   KP_RETURN_IF_ERROR(router.Add(http::Method::kGet, "/api/v1/health", Health));
//   http::ServerOptions options;
//   options.address = "127.0.0.1";
//   options.port = 8080;
//   http::HttpServer server(std::move(options), std::move(router));
//   KP_RETURN_IF_ERROR(server.Start());        // binds; port() is now the bound port
//   ...
//   server.Stop(std::chrono::steady_clock::now() + std::chrono::seconds(10)).IgnoreError();
//
// Per connection: keep-alive; a read timeout for the whole of one request once its first byte
// arrived, and an idle timeout between requests on a kept-alive connection (expired
// connections are closed silently); header limit → 431, body limit → 413, malformed requests →
// 400, all as problem+json and followed by closing the connection (after draining what the
// client is still sending, so it sees the answer). "Expect: 100-continue" is honoured.
//
// Handlers are synchronous and run on the I/O threads: a slow handler occupies one thread (use
// `threads` accordingly). An exception escaping a handler is logged and answered with a 500
// problem; the server keeps serving.
//
// Thread safety: Start and Stop must not be called concurrently with each other, and Stop must
// not be called from a handler (it joins the I/O threads); all const accessors are thread-safe
// once Start returned. Failure behaviour: Start returns a Status;
// nothing in the server throws out of its threads.

#ifndef KAOPING_HTTP_SERVER_H_
#define KAOPING_HTTP_SERVER_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "http/metrics.h"
#include "http/router.h"

namespace spdlog {
class logger;
}  // namespace spdlog

namespace kaoping::http {

struct ServerOptions {
  // A numeric IPv4/IPv6 address or a host name resolved at Start ("0.0.0.0", "::1", "localhost").
  std::string address = "127.0.0.1";
  // 0 picks a free port; see HttpServer::port().
  std::uint16_t port = 8080;
  // I/O threads; 0 means std::thread::hardware_concurrency().
  int threads = 0;
  // Request line plus header fields; larger → 431.
  std::uint32_t header_limit_bytes = 16 * 1024;
  // Request body; larger → 413.
  std::uint64_t body_limit_bytes = std::uint64_t{8} * 1024 * 1024;
  // From a request's first byte to its last.
  std::chrono::milliseconds read_timeout{30'000};
  // Waiting for the next request on a kept-alive connection (and for the first one).
  std::chrono::milliseconds idle_timeout{60'000};
  // Writing one response.
  std::chrono::milliseconds write_timeout{30'000};
  // After answering with Connection: close, how long to drain what the client still sends.
  std::chrono::milliseconds linger_timeout{2'000};
  // Value of the Server header; empty sends none.
  std::string server_name = "kaoping";
  // Shared with other modules to publish their own figures; null → the server creates one.
  std::shared_ptr<MetricsRegistry> metrics;
  // Access-log lines (info level); null → spdlog's default logger.
  std::shared_ptr<spdlog::logger> access_logger;
  // Errors (handler exceptions, accept failures); null → spdlog's default logger.
  std::shared_ptr<spdlog::logger> error_logger;
  // Access-log timestamps; null → SystemClock. Must outlive the server.
  const Clock* clock = nullptr;
};

class HttpServer {
 public:
  HttpServer(ServerOptions options, Router router);
  // Stops the server (without a grace period) if it is still running.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds, listens and starts the I/O threads. Fails with
  //   UNAVAILABLE (http.address_in_use) when the address:port is taken,
  //   PERMISSION_DENIED (http.listen_permission_denied) for a privileged port,
  //   INVALID_ARGUMENT (http.bad_listen_address) for an address that does not parse/resolve or
  //     is not local (EADDRNOTAVAIL),
  //   UNAVAILABLE (http.listen_failed) otherwise,
  //   FAILED_PRECONDITION (http.already_started) when called twice (a stopped server cannot be
  //     restarted; build a new one).
  Status Start();

  // Graceful shutdown: stops accepting (new connections are refused once Stop returns, and in
  // fact as soon as the listening socket is closed, which is the first step), closes idle
  // keep-alive connections, lets in-flight requests finish and be answered with
  // Connection: close, then joins the I/O threads. Connections still open at `deadline` are
  // closed forcibly and DEADLINE_EXCEEDED (http.shutdown_deadline) is returned; OK otherwise.
  // A handler that is running cannot be interrupted: Stop waits for it to return before joining.
  // Idempotent; returns OK when the server is not running.
  Status Stop(std::chrono::steady_clock::time_point deadline);
  Status Stop(std::chrono::milliseconds grace) { return Stop(std::chrono::steady_clock::now() + grace); }

  // The bound port (useful with port 0); 0 before Start.
  [[nodiscard]] std::uint16_t port() const;
  [[nodiscard]] bool running() const;
  // The routes being served (for OpenAPI coverage checks).
  [[nodiscard]] const Router& router() const;
  // The registry the server records into (the one from ServerOptions or its own).
  [[nodiscard]] std::shared_ptr<MetricsRegistry> metrics() const;

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace kaoping::http

#endif  // KAOPING_HTTP_SERVER_H_
