#include "http/problem.h"

#include <cctype>
#include <string>

namespace kaoping::http {

int HttpStatusFor(const Status& status) {
  const std::string& reason = status.reason();
  if (reason == kReasonBodyTooLarge) return 413;
  if (reason == kReasonHeaderTooLarge) return 431;
  if (reason == kReasonMethodNotAllowed) return 405;
  switch (status.code()) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
    case StatusCode::kOutOfRange:
      return 400;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
    case StatusCode::kAborted:
    case StatusCode::kFailedPrecondition:
    case StatusCode::kDeadlineExceeded:
      return 409;
    case StatusCode::kResourceExhausted:
      return 429;
    case StatusCode::kCancelled:
      return 499;
    case StatusCode::kUnimplemented:
      return 501;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kInternal:
    case StatusCode::kDataLoss:
    case StatusCode::kUnknown:
      return 500;
  }
  return 500;
}

std::string_view HttpReasonPhrase(int http_status) {
  switch (http_status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 206:
      return "Partial Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 499:
      return "Client Closed Request";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "Unknown";
  }
}

nlohmann::json ProblemJson(const Status& status, std::string_view request_id) {
  const int http_status = HttpStatusFor(status);
  std::string code = status.reason();
  std::string type;
  if (code.empty()) {
    code = std::string(StatusCodeName(status.code()));
    for (char& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    type = "about:blank";
  } else {
    type = std::string(kProblemTypeBase) + code;
  }
  std::string detail = status.message();
  std::string detail_zh = status.message_zh();
  if (http_status == 500) {
    // Internal messages may name tables, files or library errors: never send them.
    detail = "An internal error occurred; quote the request_id when reporting it.";
    detail_zh = "服务器内部错误，反馈问题时请提供 request_id。";
  }
  nlohmann::json body = {
      {"type", std::move(type)},     {"title", std::string(HttpReasonPhrase(http_status))},
      {"status", http_status},       {"code", std::move(code)},
      {"detail", std::move(detail)}, {"detail_zh", std::move(detail_zh)},
  };
  if (!request_id.empty()) body["request_id"] = std::string(request_id);
  return body;
}

std::string FormatByteSize(std::uint64_t bytes) {
  constexpr std::uint64_t kKiB = 1024;
  constexpr std::uint64_t kMiB = 1024 * kKiB;
  constexpr std::uint64_t kGiB = 1024 * kMiB;
  if (bytes >= kGiB && bytes % kGiB == 0) return std::to_string(bytes / kGiB) + " GiB";
  if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  if (bytes >= kKiB && bytes % kKiB == 0) return std::to_string(bytes / kKiB) + " KiB";
  return std::to_string(bytes) + " bytes";
}

Status BadRequestError(std::string_view detail_en, std::string_view detail_zh) {
  return InvalidArgument(std::string(kReasonBadRequest), "Malformed HTTP request: " + std::string(detail_en),
                         "HTTP 请求格式错误：" + std::string(detail_zh));
}

Status RouteNotFoundError(std::string_view method, std::string_view path) {
  return NotFound(std::string(kReasonNotFound),
                  "No resource at " + std::string(path) + " (method " + std::string(method) + ")",
                  "找不到请求的资源：" + std::string(path));
}

Status MethodNotAllowedError(std::string_view method, std::string_view path, std::string_view allow) {
  return InvalidArgument(std::string(kReasonMethodNotAllowed),
                         "Method " + std::string(method) + " is not allowed for " + std::string(path) +
                             "; allowed: " + std::string(allow),
                         "该资源不支持 " + std::string(method) + " 方法，允许的方法：" + std::string(allow));
}

Status BodyTooLargeError(std::uint64_t limit_bytes) {
  std::string limit = FormatByteSize(limit_bytes);
  return ResourceExhausted(std::string(kReasonBodyTooLarge), "Request body too large; the limit is " + limit,
                           "请求体过大，上限为 " + limit);
}

Status HeaderTooLargeError(std::uint64_t limit_bytes) {
  std::string limit = FormatByteSize(limit_bytes);
  return ResourceExhausted(std::string(kReasonHeaderTooLarge),
                           "Request header fields too large; the limit is " + limit,
                           "请求头过大，上限为 " + limit);
}

Status InternalServerError(std::string_view detail_en) {
  return Internal(std::string(kReasonInternal),
                  detail_en.empty() ? std::string("Internal server error") : std::string(detail_en),
                  "服务器内部错误");
}

}  // namespace kaoping::http
