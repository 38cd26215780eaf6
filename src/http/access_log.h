// -----------------------------------------------------------------------------
// File: http/access_log.h
// -----------------------------------------------------------------------------
//
// One structured logfmt line per request, at info level:
//
//   ts=2024-05-01T08:00:00.123Z request_id=9f86d081884c7d65 remote=127.0.0.1:53122 method=GET
//   path=/api/v1/standards/x route=/api/v1/standards/{id} status=200 bytes=512 duration_ms=1.734
//
// `path` is the path without the query string (queries may carry search terms or tokens that do
// not belong in logs). Values with spaces, quotes, '=' or control bytes are quoted and escaped.
//
// Thread safety: Write may be called concurrently (spdlog loggers are thread-safe).
// Failure behaviour: never throws; logging errors are swallowed.

#ifndef KAOPING_HTTP_ACCESS_LOG_H_
#define KAOPING_HTTP_ACCESS_LOG_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/clock.h"

namespace spdlog {
class logger;
}  // namespace spdlog

namespace kaoping::http {

struct AccessLogEntry {
  TimePoint ts;
  std::string_view request_id;
  std::string_view remote;
  std::string_view method;
  std::string_view path;
  std::string_view route;
  int status = 0;
  std::uint64_t bytes = 0;  // Response body bytes.
  double duration_ms = 0;
};

class AccessLog {
 public:
  // `logger` null means spdlog's default logger at the time of construction.
  explicit AccessLog(std::shared_ptr<spdlog::logger> logger);

  void Write(const AccessLogEntry& entry) const noexcept;

  // The line Write logs.
  static std::string Format(const AccessLogEntry& entry);

 private:
  std::shared_ptr<spdlog::logger> logger_;
};

// Appends ` key=value` (leading space unless `out` is empty), quoting `value` when needed.
void AppendLogfmt(std::string& out, std::string_view key, std::string_view value);

}  // namespace kaoping::http

#endif  // KAOPING_HTTP_ACCESS_LOG_H_
