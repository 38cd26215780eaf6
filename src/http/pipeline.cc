#include "http/pipeline.h"

#include <exception>
#include <functional>
#include <random>
#include <sstream>
#include <thread>
#include <utility>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/write.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "http/access_log.h"
#include "http/metrics.h"
#include "http/problem.h"
#include "http/router.h"
#include "http/url.h"

namespace kaoping::http {
namespace {

namespace bhttp = boost::beast::http;

bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsTokenChar(c)) return false;
  }
  return true;
}

// Field values must not be able to end the header (no CR, LF or NUL: response splitting).
bool IsFieldValue(std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\r' || c == '\n' || c == '\0' || (u < 0x20 && c != '\t') || u == 0x7f) return false;
  }
  return true;
}

// Fields the server owns; a handler setting them would break framing or request tracing.
bool IsReservedField(std::string_view name) {
  for (std::string_view r : {"content-length", "transfer-encoding", "connection", "keep-alive", "upgrade",
                             "x-request-id", "server", "trailer", "te"}) {
    if (EqualsIgnoreCase(name, r)) return true;
  }
  return false;
}

std::string_view ChineseParseError(const boost::beast::error_code& ec) {
  if (ec == bhttp::error::bad_method) return "请求方法无效";
  if (ec == bhttp::error::bad_target) return "请求地址无效";
  if (ec == bhttp::error::bad_version) return "HTTP 版本无效";
  if (ec == bhttp::error::bad_field) return "请求头字段名无效";
  if (ec == bhttp::error::bad_value) return "请求头字段值无效";
  if (ec == bhttp::error::bad_content_length) return "Content-Length 无效";
  if (ec == bhttp::error::bad_transfer_encoding) return "Transfer-Encoding 无效";
  if (ec == bhttp::error::bad_chunk || ec == bhttp::error::bad_chunk_extension) return "分块传输编码无效";
  if (ec == bhttp::error::bad_line_ending) return "换行符无效";
  if (ec == bhttp::error::bad_obs_fold) return "请求头折行无效";
  return "无法解析请求";
}

// Adds the request id to a problem+json body that lacks one (handlers may build problems
// without knowing the id).
void InjectRequestId(std::string& body, std::string_view request_id) {
  nlohmann::json doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return;
  auto it = doc.find("request_id");
  if (it != doc.end() && it->is_string() && !it->get_ref<const std::string&>().empty()) return;
  doc["request_id"] = std::string(request_id);
  body = doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string PathOfTarget(std::string_view target) {
  std::size_t q = target.find('?');
  return std::string(target.substr(0, q));
}

// A response that cannot fail to build, for when building the real one threw.
void LastResortResponse(Exchange& ex) {
  ex.response = WireResponse(bhttp::status::internal_server_error, 11);
  ex.response.set(bhttp::field::content_type, kContentTypeProblem);
  ex.response.body() =
      R"({"type":"https://kaoping.dev/problems/http.internal","title":"Internal Server Error","status":500,)"
      R"("code":"http.internal","detail":"Internal server error","detail_zh":"服务器内部错误"})";
  ex.response.keep_alive(false);
  ex.response.prepare_payload();
  ex.status = 500;
  ex.body_bytes = ex.response.body().size();
  ex.close = true;
}

}  // namespace

std::string NewRequestId() {
  thread_local std::mt19937_64 gen = [] {
    std::random_device rd;
    std::uint64_t seed = (static_cast<std::uint64_t>(rd()) << 32) ^ rd() ^
                         std::hash<std::thread::id>{}(std::this_thread::get_id());
    return std::mt19937_64(seed);
  }();
  return fmt::format("{:016x}", gen());
}

bool IsAcceptableRequestId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '_' || c == ':' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Pipeline::Pipeline(const Router& router, PipelineOptions options, HttpMetrics* metrics,
                   const AccessLog* access_log, std::shared_ptr<spdlog::logger> error_logger,
                   const Clock* clock)
    : router_(router),
      options_(std::move(options)),
      metrics_(metrics),
      access_log_(access_log),
      error_logger_(error_logger ? std::move(error_logger) : spdlog::default_logger()),
      clock_(clock ? clock : &SystemClock::Get()) {}

void Pipeline::ConfigureParser(RequestParser& parser) const {
  parser.header_limit(options_.header_limit_bytes);
  parser.body_limit(options_.body_limit_bytes);
}

void Pipeline::BeginExchange() const {
  if (metrics_) metrics_->in_flight().Inc();
}

Exchange Pipeline::Handle(WireRequest&& wire, std::string_view remote, bool closing) const {
  BeginExchange();
  Exchange ex;
  ex.start = std::chrono::steady_clock::now();
  try {
    ex.remote = std::string(remote);
    Request req;
    req.method_name = std::string(wire.method_string());
    req.method = ParseMethod(req.method_name);
    req.target = std::string(wire.target());
    req.version = wire.version() == 10 ? 10 : 11;
    for (const auto& field : wire)
      req.headers.Add(std::string(field.name_string()), std::string(field.value()));
    std::optional<std::string_view> client_id = req.headers.Get("X-Request-Id");
    req.request_id =
        client_id && IsAcceptableRequestId(*client_id) ? std::string(*client_id) : NewRequestId();
    req.body = std::move(wire.body());
    req.remote_address = ex.remote;
    ex.request_id = req.request_id;
    ex.method = req.method_name;
    ex.method_label = std::string(MethodName(req.method));
    ex.route = "unmatched";
    const bool keep_alive = wire.keep_alive() && !closing;

    Response response;
    Result<SplitTarget> split = SplitRequestTarget(req.target);
    if (!split.ok()) {
      ex.path = PathOfTarget(req.target);
      response = Response::Problem(split.status(), req.request_id);
    } else {
      req.path = std::string(split->path);
      ex.path = req.path;
      auto query = ParseQuery(split->query);
      if (!query.ok()) {
        response = Response::Problem(query.status(), req.request_id);
      } else {
        req.query = std::move(query).value();
        response = Dispatch(req, ex.route, ex.access_log);
      }
    }
    ToWire(std::move(response), req, keep_alive, ex);
  } catch (const std::exception& e) {
    error_logger_->error("http: failed to build a response (request_id={}): {}", ex.request_id, e.what());
    LastResortResponse(ex);
  }
  return ex;
}

Response Pipeline::Dispatch(Request& req, std::string& route, bool& access_log) const {
  Result<RouteMatch> match = router_.Match(req.method, req.path);
  if (!match.ok()) return Response::Problem(match.status(), req.request_id);
  if (match->kind != RouteMatch::Kind::kFound && match->kind != RouteMatch::Kind::kFallback) {
    return UnroutableResponse(*match, req);
  }
  route = match->route;
  access_log = match->options == nullptr || match->options->access_log;
  req.route = match->route;
  req.path_params = std::move(match->params);
  std::string failure;
  try {
    return (*match->handler)(req);
  } catch (const std::exception& e) {
    failure = std::string("handler threw: ") + e.what();
  } catch (...) {
    failure = "handler threw a non-standard exception";
  }
  Response r = Response::Problem(InternalServerError(), req.request_id);
  r.internal_error = std::move(failure);
  return r;
}

void Pipeline::ToWire(Response&& r, const Request& req, bool keep_alive, Exchange& ex) const {
  if (r.status < 200 || r.status > 599) {
    std::string why = fmt::format("handler returned invalid HTTP status {}", r.status);
    r = Response::Problem(InternalServerError(why), req.request_id);
    r.internal_error = why;
  }
  if (r.status >= 500 && !r.internal_error.empty()) {
    error_logger_->error("http: {} {} route={} request_id={} status={}: {}", req.method_name, ex.path,
                         ex.route, req.request_id, r.status, r.internal_error);
  }
  if (r.content_type.rfind(kContentTypeProblem, 0) == 0) InjectRequestId(r.body, req.request_id);

  WireResponse& w = ex.response;
  w = WireResponse();
  w.version(req.version);
  w.result(static_cast<unsigned>(r.status));
  if (std::string_view phrase = HttpReasonPhrase(r.status); phrase != "Unknown") w.reason(phrase);
  for (const auto& [name, value] : r.headers) {
    if (!IsToken(name) || !IsFieldValue(value) || IsReservedField(name)) {
      error_logger_->warn("http: dropping response header '{}' (invalid or reserved), request_id={}",
                          IsToken(name) ? name : std::string("<invalid>"), req.request_id);
      continue;
    }
    w.insert(name, value);
  }
  if (!r.content_type.empty() && IsFieldValue(r.content_type))
    w.set(bhttp::field::content_type, r.content_type);
  if (!options_.server_name.empty()) w.set(bhttp::field::server, options_.server_name);
  w.set("X-Request-Id", req.request_id);
  if (w.find("X-Content-Type-Options") == w.end()) w.set("X-Content-Type-Options", "nosniff");
  w.keep_alive(keep_alive);

  const bool no_body = r.status == 204 || r.status == 304;
  const std::size_t body_size = no_body ? 0 : r.body.size();
  if (req.method == Method::kHead || no_body) {
    w.body().clear();
    ex.body_bytes = 0;
  } else {
    w.body() = std::move(r.body);
    ex.body_bytes = body_size;
  }
  if (!no_body) w.content_length(body_size);
  ex.status = r.status;
  ex.close = !keep_alive;
}

std::optional<Exchange> Pipeline::HandleReadError(boost::beast::error_code ec, std::string_view remote,
                                                  const RequestParser* parser) const {
  Status status;
  const auto& http_category = bhttp::make_error_code(bhttp::error::bad_target).category();
  if (ec == bhttp::error::header_limit) {
    status = HeaderTooLargeError(options_.header_limit_bytes);
  } else if (ec == bhttp::error::body_limit) {
    status = BodyTooLargeError(options_.body_limit_bytes);
  } else if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
             ec == bhttp::error::need_more || ec.category() != http_category) {
    return std::nullopt;  // EOF, reset, timeout, cancellation: nobody to answer.
  } else {
    status = BadRequestError(ec.message(), ChineseParseError(ec));
  }

  BeginExchange();
  Exchange ex;
  ex.start = std::chrono::steady_clock::now();
  try {
    ex.remote = std::string(remote);
    ex.request_id = NewRequestId();
    ex.method = "-";
    ex.method_label = "OTHER";
    ex.path = "-";
    ex.route = "unmatched";
    Request req;
    req.method = Method::kGet;  // So the problem body is sent even for a HEAD request.
    req.request_id = ex.request_id;
    if (parser != nullptr && parser->is_header_done()) {
      const WireRequest& head = parser->get();
      ex.method = std::string(head.method_string());
      ex.method_label = std::string(MethodName(ParseMethod(ex.method)));
      ex.path = PathOfTarget(head.target());
      req.method_name = ex.method;
      req.version = head.version() == 10 ? 10 : 11;
    }
    ToWire(Response::Problem(status, ex.request_id), req, /*keep_alive=*/false, ex);
  } catch (const std::exception& e) {
    error_logger_->error("http: failed to build an error response: {}", e.what());
    LastResortResponse(ex);
  }
  return ex;
}

void Pipeline::Finish(const Exchange& ex) const {
  try {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - ex.start).count();
    if (metrics_) {
      metrics_->in_flight().Dec();
      metrics_->Observe(ex.route, ex.method_label, ex.status, seconds);
    }
    if (access_log_ && ex.access_log) {
      AccessLogEntry entry;
      entry.ts = clock_->Now();
      entry.request_id = ex.request_id;
      entry.remote = ex.remote;
      entry.method = ex.method;
      entry.path = ex.path;
      entry.route = ex.route;
      entry.status = ex.status;
      entry.bytes = ex.body_bytes;
      entry.duration_ms = seconds * 1000.0;
      access_log_->Write(entry);
    }
  } catch (const std::exception& e) {
    error_logger_->error("http: failed to record a request: {}", e.what());
  }
}

std::string Pipeline::ProcessBytes(std::string_view bytes, std::string_view remote) const {
  std::string out;
  std::string_view rest = bytes;
  // Bound the work per input like a connection bounds it by time.
  for (int requests = 0; !rest.empty() && requests < 64; ++requests) {
    RequestParser parser;
    ConfigureParser(parser);
    parser.eager(true);
    boost::beast::error_code ec;
    while (!parser.is_done()) {
      if (rest.empty()) {
        parser.put_eof(ec);
        if (!ec && !parser.is_done()) ec = bhttp::error::partial_message;
        break;
      }
      std::size_t n = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
      rest.remove_prefix(n);
      if (ec == bhttp::error::need_more) {
        ec = {};
        if (n == 0) {  // The rest is not enough to make progress: the client stopped sending.
          parser.put_eof(ec);
          if (!ec && !parser.is_done()) ec = bhttp::error::partial_message;
          break;
        }
        continue;
      }
      if (ec) break;
      if (n == 0 && !parser.is_done()) {
        parser.put_eof(ec);
        if (!ec && !parser.is_done()) ec = bhttp::error::partial_message;
        break;
      }
    }

    std::optional<Exchange> ex;
    if (ec) {
      ex = HandleReadError(ec, remote, &parser);
      if (!ex) break;
    } else {
      ex = Handle(parser.release(), remote, /*closing=*/false);
    }
    try {
      std::ostringstream serialized;
      serialized << ex->response;
      out += serialized.str();
    } catch (const std::exception& e) {
      error_logger_->error("http: failed to serialise a response: {}", e.what());
      ex->close = true;
    }
    Finish(*ex);
    if (ex->close || ec) break;
  }
  return out;
}

}  // namespace kaoping::http
