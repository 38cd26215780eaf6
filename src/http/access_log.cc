#include "http/access_log.h"

#include <ctime>
#include <utility>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace kaoping::http {
namespace {

std::string FormatTimestamp(TimePoint ts) {
  std::int64_t ms = ToUnixMillis(ts);
  std::int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  auto millis = static_cast<int>(ms - secs * 1000);
  std::time_t t = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
}

}  // namespace

void AppendLogfmt(std::string& out, std::string_view key, std::string_view value) {
  if (!out.empty()) out.push_back(' ');
  out.append(key);
  out.push_back('=');
  bool quote = value.empty();
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if (c == ' ' || c == '"' || c == '=' || c == '\\' || u < 0x20 || u == 0x7f) quote = true;
  }
  if (!quote) {
    out.append(value);
    return;
  }
  out.push_back('"');
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

AccessLog::AccessLog(std::shared_ptr<spdlog::logger> logger)
    : logger_(logger ? std::move(logger) : spdlog::default_logger()) {}

std::string AccessLog::Format(const AccessLogEntry& e) {
  std::string line;
  line.reserve(256);
  AppendLogfmt(line, "ts", FormatTimestamp(e.ts));
  AppendLogfmt(line, "request_id", e.request_id);
  AppendLogfmt(line, "remote", e.remote);
  AppendLogfmt(line, "method", e.method);
  AppendLogfmt(line, "path", e.path);
  AppendLogfmt(line, "route", e.route);
  AppendLogfmt(line, "status", std::to_string(e.status));
  AppendLogfmt(line, "bytes", std::to_string(e.bytes));
  AppendLogfmt(line, "duration_ms", fmt::format("{:.3f}", e.duration_ms));
  return line;
}

void AccessLog::Write(const AccessLogEntry& entry) const noexcept {
  try {
    if (logger_ && logger_->should_log(spdlog::level::info)) logger_->info("{}", Format(entry));
  } catch (...) {
    // Logging must never fail a request.
  }
}

}  // namespace kaoping::http
