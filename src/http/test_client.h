// -----------------------------------------------------------------------------
// File: http/test_client.h
// -----------------------------------------------------------------------------
//
// Test-only helpers: a small synchronous Beast client that talks to a real HttpServer over a
// real TCP connection (keep-alive by default), raw byte writes for malformed input, and a
// spdlog sink that captures lines. Not part of the kp_http library.
//
// Thread safety: one TestClient per thread; CapturingSink is thread-safe.

#ifndef KAOPING_HTTP_TEST_CLIENT_H_
#define KAOPING_HTTP_TEST_CLIENT_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/sinks/base_sink.h>

namespace kaoping::http::testing {

namespace bhttp = boost::beast::http;
using ClientResponse = bhttp::response<bhttp::string_body>;
using Fields = std::vector<std::pair<std::string, std::string>>;

class TestClient {
 public:
  // Connects to 127.0.0.1:port; throws boost::system::system_error on failure.
  explicit TestClient(std::uint16_t port) : socket_(ioc_) {
    socket_.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  }

  // Returns the error of a connection attempt (connection_refused once the server stopped).
  static boost::system::error_code TryConnect(std::uint16_t port) {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::socket s(ioc);
    boost::system::error_code ec;
    s.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port), ec);
    return ec;
  }

  // Sends one request and reads its response (keep-alive unless a Connection field says close).
  ClientResponse Send(bhttp::verb verb, std::string_view target, std::string body = {},
                      const Fields& fields = {}) {
    bhttp::request<bhttp::string_body> req(verb, std::string(target), 11);
    req.set(bhttp::field::host, "127.0.0.1");
    for (const auto& [name, value] : fields) req.set(name, value);
    req.body() = std::move(body);
    req.prepare_payload();
    bhttp::write(socket_, req);
    return Read(verb == bhttp::verb::head);
  }

  ClientResponse Get(std::string_view target, const Fields& fields = {}) {
    return Send(bhttp::verb::get, target, {}, fields);
  }

  // Reads one response; `head` when it answers a HEAD request (no body follows).
  ClientResponse Read(bool head = false) {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.skip(head);
    parser.body_limit(64 * 1024 * 1024);
    bhttp::read(socket_, buffer_, parser);
    return parser.release();
  }

  void WriteRaw(std::string_view bytes) {
    boost::asio::write(socket_, boost::asio::buffer(bytes.data(), bytes.size()));
  }

  // Reads until the server closes the connection and returns everything received.
  std::string ReadUntilClosed() {
    std::string out(static_cast<const char*>(buffer_.data().data()), buffer_.size());
    buffer_.consume(buffer_.size());
    boost::system::error_code ec;
    char chunk[4096];
    while (true) {
      std::size_t n = socket_.read_some(boost::asio::buffer(chunk), ec);
      out.append(chunk, n);
      if (ec) break;
    }
    return out;
  }

  // True when the server has closed the connection (the next read sees EOF or a reset).
  bool ServerClosed() {
    if (buffer_.size() > 0) return false;
    boost::system::error_code ec;
    char c = 0;
    socket_.read_some(boost::asio::buffer(&c, 1), ec);
    return ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset;
  }

  boost::asio::ip::tcp::socket& socket() { return socket_; }

 private:
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
};

// Parses one response out of raw bytes (e.g. what ReadUntilClosed returned).
inline ClientResponse ParseResponse(std::string_view raw) {
  bhttp::response_parser<bhttp::string_body> parser;
  parser.eager(true);
  boost::system::error_code ec;
  parser.put(boost::asio::buffer(raw.data(), raw.size()), ec);
  if (!ec && !parser.is_done()) parser.put_eof(ec);
  return parser.release();
}

inline nlohmann::json BodyJson(const ClientResponse& r) {
  return nlohmann::json::parse(r.body(), nullptr, /*allow_exceptions=*/false);
}

inline std::string Field(const ClientResponse& r, std::string_view name) {
  auto it = r.find(name);
  return it == r.end() ? std::string() : std::string(it->value());
}

// Keeps every formatted line; for asserting on access-log output.
class CapturingSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::vector<std::string> lines() {
    std::lock_guard<std::mutex> lock(this->mutex_);
    return lines_;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    lines_.emplace_back(msg.payload.data(), msg.payload.size());
  }
  void flush_() override {}

 private:
  std::vector<std::string> lines_;
};

}  // namespace kaoping::http::testing

#endif  // KAOPING_HTTP_TEST_CLIENT_H_
