#include "http/server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <spdlog/spdlog.h>

#include "http/access_log.h"
#include "http/pipeline.h"

namespace kaoping::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

constexpr std::size_t kIdleReadChunk = 4096;

PipelineOptions MakePipelineOptions(const ServerOptions& options) {
  PipelineOptions p;
  p.header_limit_bytes = options.header_limit_bytes;
  p.body_limit_bytes = options.body_limit_bytes;
  p.server_name = options.server_name;
  return p;
}

int EffectiveThreads(const ServerOptions& options) {
  int n = options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  return std::max(1, n);
}

std::string FormatEndpoint(const tcp::endpoint& ep) {
  std::string addr;
  try {
    addr = ep.address().to_string();
  } catch (const std::exception&) {
    addr = "?";
  }
  if (ep.address().is_v6()) addr = "[" + addr + "]";
  return addr + ":" + std::to_string(ep.port());
}

// Host names are resolved; anything that cannot be one is rejected without asking DNS.
bool IsHostName(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  for (char c : s) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

class Session;

class HttpServer::Impl {
 public:
  Impl(ServerOptions options, Router router);
  ~Impl();
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  Status Start();
  Status Stop(std::chrono::steady_clock::time_point deadline);

  // Used by sessions.
  [[nodiscard]] const Pipeline& pipeline() const { return pipeline_; }
  [[nodiscard]] const ServerOptions& options() const { return options_; }
  [[nodiscard]] bool stopping() const { return stopping_.load(); }
  HttpMetrics& http_metrics() { return http_metrics_; }
  spdlog::logger& error_log() { return *error_logger_; }
  void Register(Session* session, std::weak_ptr<Session> weak);
  void Unregister(Session* session);

  [[nodiscard]] std::uint16_t port() const { return port_.load(); }
  [[nodiscard]] bool running() const { return running_.load(); }
  [[nodiscard]] const Router& router() const { return router_; }
  [[nodiscard]] std::shared_ptr<MetricsRegistry> metrics() const { return registry_; }

 private:
  void DoAccept();
  void OnAccept(beast::error_code ec, tcp::socket socket);
  void RunIoThread();
  std::vector<std::shared_ptr<Session>> LiveSessions();

  ServerOptions options_;
  Router router_;
  std::shared_ptr<spdlog::logger> error_logger_;
  std::shared_ptr<MetricsRegistry> registry_;
  HttpMetrics http_metrics_;
  AccessLog access_log_;
  Pipeline pipeline_;

  std::atomic<bool> stopping_{false};
  std::atomic<bool> running_{false};
  std::atomic<std::uint16_t> port_{0};

  // Sessions unregister from their destructors, which may run while ioc_ is destroyed (it
  // destroys queued handlers and the sessions they own), so everything sessions touch is
  // declared before the I/O objects and therefore destroyed after them.
  std::mutex mu_;
  std::condition_variable cv_;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;

  asio::io_context ioc_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  asio::strand<asio::io_context::executor_type> accept_strand_;
  tcp::acceptor acceptor_;
  asio::steady_timer accept_retry_;
  std::vector<std::thread> threads_;
};

// One connection. Every member function except OnServerStopping/ForceClose runs on the
// connection's strand.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, HttpServer::Impl* server) : server_(server), stream_(std::move(socket)) {
    boost::system::error_code ec;
    tcp::endpoint ep = stream_.socket().remote_endpoint(ec);
    remote_ = ec ? std::string("unknown") : FormatEndpoint(ep);
    server_->http_metrics().connections().Inc();
  }

  ~Session() {
    if (exchange_) server_->pipeline().Finish(*exchange_);  // The response was never written.
    server_->http_metrics().connections().Dec();
    server_->Unregister(this);
  }

  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void Start() {
    server_->Register(this, weak_from_this());
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::WaitForRequest, shared_from_this()));
  }

  // Thread-safe. Closes the connection now if it is between requests; otherwise the connection
  // closes after its current response.
  void OnServerStopping() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->state_ == State::kIdle || self->state_ == State::kLingering) self->Close();
    });
  }

  // Thread-safe. Closes the connection whatever it is doing (after a running handler returns).
  void ForceClose() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] { self->Close(); });
  }

 private:
  enum class State { kStarting, kIdle, kReading, kHandling, kWriting, kLingering, kClosed };

  void WaitForRequest() {
    if (closed_) return;
    if (server_->stopping()) {
      Close();
      return;
    }
    if (buffer_.size() > 0) {  // A pipelined request is already here.
      ReadHeader();
      return;
    }
    state_ = State::kIdle;
    stream_.expires_after(server_->options().idle_timeout);
    stream_.async_read_some(buffer_.prepare(kIdleReadChunk),
                            beast::bind_front_handler(&Session::OnIdleRead, shared_from_this()));
  }

  void OnIdleRead(beast::error_code ec, std::size_t n) {
    if (ec || closed_) {
      Close();
      return;
    }
    buffer_.commit(n);
    ReadHeader();
  }

  void ReadHeader() {
    state_ = State::kReading;
    parser_.emplace();
    server_->pipeline().ConfigureParser(*parser_);
    stream_.expires_after(server_->options().read_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, std::size_t /*bytes*/) {
    if (ec) {
      OnReadError(ec);
      return;
    }
    const WireRequest& head = parser_->get();
    auto expect = head[bhttp::field::expect];
    if (head.version() >= 11 && EqualsIgnoreCase(expect, "100-continue") && !parser_->is_done()) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                        beast::bind_front_handler(&Session::OnContinueWritten, shared_from_this()));
      return;
    }
    ReadBody();
  }

  void OnContinueWritten(beast::error_code ec, std::size_t /*bytes*/) {
    if (ec) {
      Close();
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    if (parser_->is_done()) {
      OnRequest({}, 0);
      return;
    }
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::OnRequest, shared_from_this()));
  }

  void OnRequest(beast::error_code ec, std::size_t /*bytes*/) {
    if (ec) {
      OnReadError(ec);
      return;
    }
    state_ = State::kHandling;
    stream_.expires_never();  // Handler time is not read time.
    exchange_.emplace(server_->pipeline().Handle(parser_->release(), remote_, server_->stopping()));
    parser_.reset();
    Write();
  }

  void OnReadError(beast::error_code ec) {
    if (closed_) return;
    std::optional<Exchange> ex =
        server_->pipeline().HandleReadError(ec, remote_, parser_ ? &*parser_ : nullptr);
    parser_.reset();
    if (!ex) {
      Close();
      return;
    }
    buffer_.consume(buffer_.size());  // The stream is out of sync; whatever follows is discarded.
    exchange_ = std::move(ex);
    Write();
  }

  void Write() {
    if (closed_) {
      server_->pipeline().Finish(*exchange_);
      exchange_.reset();
      return;
    }
    state_ = State::kWriting;
    stream_.expires_after(server_->options().write_timeout);
    bhttp::async_write(stream_, exchange_->response,
                       beast::bind_front_handler(&Session::OnWrite, shared_from_this()));
  }

  void OnWrite(beast::error_code ec, std::size_t /*bytes*/) {
    const bool close = exchange_->close;
    server_->pipeline().Finish(*exchange_);
    exchange_.reset();
    if (ec || closed_) {
      Close();
      return;
    }
    if (close) {
      Linger();  // We announced Connection: close; the client may still be sending a body.
      return;
    }
    if (server_->stopping()) {
      Close();  // The client expects keep-alive and will not close by itself; just close.
      return;
    }
    WaitForRequest();
  }

  // Half-closes and drains what the client still sends (bounded by linger_timeout), so that
  // closing with unread data does not reset the connection before the client read our answer.
  void Linger() {
    state_ = State::kLingering;
    if (server_->stopping()) {
      Close();
      return;
    }
    boost::system::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) {
      Close();
      return;
    }
    linger_deadline_ = std::chrono::steady_clock::now() + server_->options().linger_timeout;
    stream_.expires_after(server_->options().linger_timeout);
    stream_.async_read_some(asio::buffer(drain_),
                            beast::bind_front_handler(&Session::OnLingerRead, shared_from_this()));
  }

  void OnLingerRead(beast::error_code ec, std::size_t /*bytes*/) {
    if (ec || closed_ || std::chrono::steady_clock::now() >= linger_deadline_) {
      Close();
      return;
    }
    stream_.expires_at(linger_deadline_);
    stream_.async_read_some(asio::buffer(drain_),
                            beast::bind_front_handler(&Session::OnLingerRead, shared_from_this()));
  }

  void Close() {
    if (closed_) return;
    closed_ = true;
    state_ = State::kClosed;
    boost::system::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  HttpServer::Impl* server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<RequestParser> parser_;
  std::optional<Exchange> exchange_;
  std::string remote_;
  State state_ = State::kStarting;
  bool closed_ = false;
  std::chrono::steady_clock::time_point linger_deadline_;
  std::array<char, 4096> drain_{};
};

HttpServer::Impl::Impl(ServerOptions options, Router router)
    : options_(std::move(options)),
      router_(std::move(router)),
      error_logger_(options_.error_logger ? options_.error_logger : spdlog::default_logger()),
      registry_(options_.metrics ? options_.metrics : std::make_shared<MetricsRegistry>()),
      http_metrics_(*registry_),
      access_log_(options_.access_logger),
      pipeline_(router_, MakePipelineOptions(options_), &http_metrics_, &access_log_, error_logger_,
                options_.clock),
      ioc_(EffectiveThreads(options_)),
      accept_strand_(asio::make_strand(ioc_)),
      acceptor_(accept_strand_),
      accept_retry_(accept_strand_) {}

HttpServer::Impl::~Impl() {
  Stop(std::chrono::steady_clock::now()).IgnoreError();
}

void HttpServer::Impl::Register(Session* session, std::weak_ptr<Session> weak) {
  std::lock_guard lock(mu_);
  sessions_.emplace(session, std::move(weak));
}

void HttpServer::Impl::Unregister(Session* session) {
  std::lock_guard lock(mu_);
  sessions_.erase(session);
  if (sessions_.empty()) cv_.notify_all();
}

std::vector<std::shared_ptr<Session>> HttpServer::Impl::LiveSessions() {
  std::vector<std::shared_ptr<Session>> out;
  std::lock_guard lock(mu_);
  for (auto& [raw, weak] : sessions_) {
    if (auto s = weak.lock()) out.push_back(std::move(s));
  }
  return out;
}

Status HttpServer::Impl::Start() {
  if (running_.load() || stopping_.load()) {
    return FailedPrecondition("http.already_started", "the HTTP server was already started",
                              "HTTP 服务已经启动过");
  }
  const std::string where = options_.address + ":" + std::to_string(options_.port);
  boost::system::error_code ec;
  tcp::endpoint endpoint;
  asio::ip::address address = asio::ip::make_address(options_.address, ec);
  if (!ec) {
    endpoint = tcp::endpoint(address, options_.port);
  } else {
    tcp::resolver resolver(ioc_);
    tcp::resolver::results_type results;
    if (IsHostName(options_.address)) {
      results = resolver.resolve(options_.address, std::to_string(options_.port), ec);
    }
    if (ec || results.empty()) {
      return InvalidArgument("http.bad_listen_address",
                             "cannot listen on " + where + ": the address does not resolve" +
                                 (ec ? " (" + ec.message() + ")" : std::string()),
                             "无法监听 " + where + "：地址无法解析");
    }
    endpoint = results.begin()->endpoint();
  }

  auto fail = [&](const boost::system::error_code& err) -> Status {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    if (err == asio::error::address_in_use) {
      return Unavailable("http.address_in_use", "cannot listen on " + where + ": address already in use",
                         "无法监听 " + where + "：地址已被占用");
    }
    if (err == asio::error::access_denied) {
      return PermissionDenied("http.listen_permission_denied",
                              "cannot listen on " + where + ": permission denied",
                              "无法监听 " + where + "：权限不足");
    }
    if (err == boost::system::errc::address_not_available) {
      return InvalidArgument("http.bad_listen_address",
                             "cannot listen on " + where + ": the address is not available on this host",
                             "无法监听 " + where + "：本机没有该地址");
    }
    return Unavailable("http.listen_failed", "cannot listen on " + where + ": " + err.message(),
                       "无法监听 " + where + "：" + err.message());
  };

  acceptor_.open(endpoint.protocol(), ec);
  if (ec) return fail(ec);
  acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (ec) return fail(ec);
  acceptor_.bind(endpoint, ec);
  if (ec) return fail(ec);
  acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail(ec);
  tcp::endpoint bound = acceptor_.local_endpoint(ec);
  if (ec) return fail(ec);
  port_.store(bound.port());

  work_.emplace(asio::make_work_guard(ioc_));
  asio::post(accept_strand_, [this] { DoAccept(); });
  const int n = EffectiveThreads(options_);
  try {
    for (int i = 0; i < n; ++i) threads_.emplace_back([this] { RunIoThread(); });
  } catch (const std::system_error& e) {
    work_.reset();
    ioc_.stop();
    for (std::thread& t : threads_) t.join();
    threads_.clear();
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    return Unavailable("http.listen_failed", std::string("cannot start I/O threads: ") + e.what(),
                       "无法启动 I/O 线程");
  }
  running_.store(true);
  return Status::Ok();
}

void HttpServer::Impl::RunIoThread() {
  while (true) {
    try {
      ioc_.run();
      return;
    } catch (const std::exception& e) {
      error_logger_->error("http: exception escaped an I/O handler: {}", e.what());
    } catch (...) {
      error_logger_->error("http: non-standard exception escaped an I/O handler");
    }
  }
}

void HttpServer::Impl::DoAccept() {
  acceptor_.async_accept(asio::make_strand(ioc_), beast::bind_front_handler(&Impl::OnAccept, this));
}

void HttpServer::Impl::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (!acceptor_.is_open() || ec == asio::error::operation_aborted) return;
  if (ec) {
    // E.g. EMFILE: back off instead of spinning, then keep accepting.
    error_logger_->warn("http: accept failed: {}", ec.message());
    accept_retry_.expires_after(std::chrono::milliseconds(100));
    accept_retry_.async_wait([this](beast::error_code wait_ec) {
      if (!wait_ec && acceptor_.is_open()) DoAccept();
    });
    return;
  }
  if (stopping_.load()) {
    boost::system::error_code ignored;
    socket.close(ignored);
    return;
  }
  std::make_shared<Session>(std::move(socket), this)->Start();
  DoAccept();
}

Status HttpServer::Impl::Stop(std::chrono::steady_clock::time_point deadline) {
  if (!running_.load()) return Status::Ok();
  stopping_.store(true);

  // 1. Stop accepting. Run on the acceptor's strand; all accepted sockets have registered their
  //    sessions by the time this has run.
  auto closed = std::make_shared<std::promise<void>>();
  std::future<void> closed_future = closed->get_future();
  asio::post(accept_strand_, [this, closed] {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    accept_retry_.cancel();
    closed->set_value();
  });
  const auto acceptor_wait = std::max(deadline, std::chrono::steady_clock::now() + std::chrono::seconds(1));
  if (closed_future.wait_until(acceptor_wait) != std::future_status::ready) {
    error_logger_->warn("http: I/O threads are busy; the listening socket closes after they are joined");
  }

  // 2. Close idle connections; busy ones close after their current response.
  for (const auto& s : LiveSessions()) s->OnServerStopping();

  // 3. Wait for in-flight requests.
  bool drained = false;
  {
    std::unique_lock lock(mu_);
    drained = cv_.wait_until(lock, deadline, [this] { return sessions_.empty(); });
  }

  Status result;
  if (!drained) {
    result = DeadlineExceeded("http.shutdown_deadline",
                              "HTTP server shutdown deadline passed; remaining connections were closed",
                              "HTTP 服务停止超时，已强制关闭剩余连接");
    for (const auto& s : LiveSessions()) s->ForceClose();
    // Closed sockets complete every pending operation; give the strands a moment to run them.
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, std::chrono::seconds(1), [this] { return sessions_.empty(); });
  }

  // 4. Let the threads run out of work and join them.
  work_.reset();
  if (!drained) ioc_.stop();
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
  // No thread runs the io_context any more, so the acceptor may be touched directly.
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  if (!drained) {
    // Destroy what stopped handlers left queued (their sessions unregister as they go).
    ioc_.restart();
    ioc_.poll();
  }
  running_.store(false);
  return result;
}

HttpServer::HttpServer(ServerOptions options, Router router)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(router))) {}
HttpServer::~HttpServer() = default;
Status HttpServer::Start() {
  return impl_->Start();
}
Status HttpServer::Stop(std::chrono::steady_clock::time_point deadline) {
  return impl_->Stop(deadline);
}
std::uint16_t HttpServer::port() const {
  return impl_->port();
}
bool HttpServer::running() const {
  return impl_->running();
}
const Router& HttpServer::router() const {
  return impl_->router();
}
std::shared_ptr<MetricsRegistry> HttpServer::metrics() const {
  return impl_->metrics();
}

}  // namespace kaoping::http
