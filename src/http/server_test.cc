// End-to-end tests: a real HttpServer on 127.0.0.1 with port 0, spoken to over real sockets.
// No assertion is about speed; waits are for events, with generous upper bounds.

#include "http/server.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http/metrics.h"
#include "http/router.h"
#include "http/static_files.h"
#include "http/test_client.h"

namespace kaoping::http {
namespace {

namespace fs = std::filesystem;
using testing::BodyJson;
using testing::ClientResponse;
using testing::Field;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::TestClient;
using Verb = boost::beast::http::verb;

constexpr std::string_view kLevelRoute = "/api/v1/standards/{id}/levels/{level}";

void WriteFile(const fs::path& p, std::string_view content) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
}

// A latch the slow handler opens when it starts.
struct Signal {
  std::mutex mu;
  std::condition_variable cv;
  bool fired = false;
  void Fire() {
    std::lock_guard lock(mu);
    fired = true;
    cv.notify_all();
  }
  bool WaitFor(std::chrono::seconds d) {
    std::unique_lock lock(mu);
    return cv.wait_for(lock, d, [this] { return fired; });
  }
};

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    web_root_ = fs::temp_directory_path() / ("kaoping_http_test_" + std::to_string(::getpid()) + "_" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(web_root_);
    WriteFile(web_root_ / "index.html", "<!doctype html><title>kaoping</title>");
    WriteFile(web_root_ / "assets" / "index-4f3a2b1c.js", "console.log('kaoping');");
    WriteFile(web_root_ / "assets" / "index-9e8d7c6b.css", "body{margin:0}");
    WriteFile(web_root_ / "assets" / "logo-11aa22bb.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
    WriteFile(web_root_ / "assets" / "font-deadbeef.woff2", "wOF2");
    WriteFile(web_root_ / "favicon.ico", "ico");
    WriteFile(web_root_ / "manifest.webmanifest", "{}");
    WriteFile(web_root_.parent_path() / (web_root_.filename().string() + "_secret.txt"), "secret");

    registry_ = std::make_shared<MetricsRegistry>();
    RegisterProcessMetrics(*registry_);
    log_sink_ = std::make_shared<testing::CapturingSink>();
    access_logger_ = std::make_shared<spdlog::logger>("http-test-access", log_sink_);
    error_sink_ = std::make_shared<testing::CapturingSink>();
    error_logger_ = std::make_shared<spdlog::logger>("http-test-errors", error_sink_);
  }

  void TearDown() override {
    if (server_) {
      EXPECT_TRUE(server_->Stop(std::chrono::seconds(10)).ok());
    }
    server_.reset();
    std::error_code ec;
    fs::remove_all(web_root_, ec);
    fs::remove(web_root_.parent_path() / (web_root_.filename().string() + "_secret.txt"), ec);
  }

  Router MakeRouter() {
    Router router;
    EXPECT_TRUE(router
                    .Add(
                        Method::kGet, kLevelRoute,
                        [](const Request& r) {
                          return Response::Json({{"id", r.PathParam("id").value_or("")},
                                                 {"level", r.PathParam("level").value_or("")},
                                                 {"q", r.Query("q").value_or("")},
                                                 {"x", r.Query("x").value_or("")},
                                                 {"route", r.route},
                                                 {"request_id", r.request_id}});
                        },
                        RouteOptions::Named("get_level"))
                    .ok());
    EXPECT_TRUE(router
                    .Add(Method::kPost, "/api/v1/echo",
                         [](const Request& r) {
                           return Response::Json({{"bytes", r.body.size()},
                                                  {"content_type", r.Header("content-type").value_or("")}},
                                                 201);
                         })
                    .ok());
    EXPECT_TRUE(router
                    .Add(Method::kGet, "/api/v1/boom",
                         [](const Request&) -> Response { throw std::runtime_error("database exploded"); })
                    .ok());
    EXPECT_TRUE(router
                    .Add(Method::kGet, "/api/v1/slow",
                         [this](const Request&) {
                           slow_started_.Fire();
                           std::this_thread::sleep_for(std::chrono::milliseconds(300));
                           return Response::Text("slow done");
                         })
                    .ok());
    EXPECT_TRUE(router
                    .Add(Method::kGet, "/api/v1/blocked",
                         [this](const Request&) {
                           blocked_started_.Fire();
                           EXPECT_TRUE(release_blocked_.WaitFor(std::chrono::seconds(60)));
                           return Response::Text("released");
                         })
                    .ok());
    EXPECT_TRUE(router
                    .Add(Method::kGet, "/api/v1/conflict",
                         [](const Request&) {
                           return Response::Problem(FailedPrecondition(
                               "attempt.already_submitted", "attempt already submitted", "答卷已提交"));
                         })
                    .ok());
    EXPECT_TRUE(AddMetricsRoute(router, registry_).ok());
    StaticFiles(web_root_).Mount(router);
    return router;
  }

  ServerOptions DefaultOptions() {
    ServerOptions o;
    o.address = "127.0.0.1";
    o.port = 0;
    o.threads = 2;
    o.metrics = registry_;
    o.access_logger = access_logger_;
    o.error_logger = error_logger_;
    return o;
  }

  void StartServer(ServerOptions options) {
    server_ = std::make_unique<HttpServer>(std::move(options), MakeRouter());
    Status s = server_->Start();
    ASSERT_TRUE(s.ok()) << s;
    ASSERT_NE(server_->port(), 0);
  }
  void StartServer() { StartServer(DefaultOptions()); }

  static void ExpectProblem(const ClientResponse& r, int status, std::string_view code) {
    EXPECT_EQ(r.result_int(), static_cast<unsigned>(status));
    EXPECT_EQ(Field(r, "Content-Type"), "application/problem+json");
    nlohmann::json body = BodyJson(r);
    ASSERT_TRUE(body.is_object()) << r.body();
    EXPECT_EQ(body["status"], status);
    EXPECT_EQ(body["code"], code);
    EXPECT_EQ(body["type"], "https://kaoping.dev/problems/" + std::string(code));
    EXPECT_TRUE(body["title"].is_string());
    EXPECT_TRUE(body["detail"].is_string());
    EXPECT_TRUE(body["detail_zh"].is_string());
    EXPECT_FALSE(body["detail_zh"].get<std::string>().empty());
    EXPECT_EQ(body["request_id"], Field(r, "X-Request-Id"));
  }

  fs::path web_root_;
  std::shared_ptr<MetricsRegistry> registry_;
  std::shared_ptr<testing::CapturingSink> log_sink_;
  std::shared_ptr<spdlog::logger> access_logger_;
  std::shared_ptr<testing::CapturingSink> error_sink_;
  std::shared_ptr<spdlog::logger> error_logger_;
  Signal slow_started_;
  Signal blocked_started_;
  Signal release_blocked_;
  std::unique_ptr<HttpServer> server_;
};

TEST_F(ServerTest, RouteWithPathParamsAndChineseQuery) {
  StartServer();
  TestClient client(server_->port());
  ClientResponse r = client.Get("/api/v1/standards/AI%2D01/levels/3?q=%E6%A8%A1%E5%9E%8B&x=a+b");
  ASSERT_EQ(r.result_int(), 200u) << r.body();
  EXPECT_EQ(Field(r, "Content-Type"), "application/json");
  nlohmann::json body = BodyJson(r);
  EXPECT_EQ(body["id"], "AI-01");
  EXPECT_EQ(body["level"], "3");
  EXPECT_EQ(body["q"], "模型");
  EXPECT_EQ(body["x"], "a b");
  EXPECT_EQ(body["route"], kLevelRoute);
  EXPECT_FALSE(Field(r, "X-Request-Id").empty());
  EXPECT_EQ(body["request_id"], Field(r, "X-Request-Id"));
  EXPECT_EQ(Field(r, "Server"), "kaoping");
}

TEST_F(ServerTest, WellFormedClientRequestIdIsKept) {
  StartServer();
  TestClient client(server_->port());
  ClientResponse r = client.Get("/api/v1/standards/a/levels/1", {{"X-Request-Id", "trace-42.a"}});
  EXPECT_EQ(Field(r, "X-Request-Id"), "trace-42.a");
  ClientResponse bad =
      client.Get("/api/v1/standards/a/levels/1", {{"X-Request-Id", "has spaces and \"quotes\""}});
  EXPECT_NE(Field(bad, "X-Request-Id"), "has spaces and \"quotes\"");
  EXPECT_FALSE(Field(bad, "X-Request-Id").empty());
}

TEST_F(ServerTest, UnknownRouteIs404Problem) {
  StartServer();
  TestClient client(server_->port());
  ClientResponse r = client.Get("/api/v1/does-not-exist");
  ExpectProblem(r, 404, "http.not_found");
  EXPECT_THAT(BodyJson(r)["detail_zh"].get<std::string>(), HasSubstr("找不到"));
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
  StartServer();
  TestClient client(server_->port());
  ClientResponse r = client.Send(Verb::delete_, "/api/v1/standards/a/levels/1");
  ExpectProblem(r, 405, "http.method_not_allowed");
  EXPECT_EQ(Field(r, "Allow"), "GET, HEAD");
}

TEST_F(ServerTest, DomainProblemUsesTheStatusMapping) {
  StartServer();
  TestClient client(server_->port());
  ClientResponse r = client.Get("/api/v1/conflict");
  ExpectProblem(r, 409, "attempt.already_submitted");
  EXPECT_EQ(BodyJson(r)["detail_zh"], "答卷已提交");
}

TEST_F(ServerTest, HeadOnGetRouteHasHeadersButNoBody) {
  StartServer();
  TestClient client(server_->port());
  ClientResponse get = client.Get("/api/v1/standards/a/levels/1");
  ClientResponse head = client.Send(Verb::head, "/api/v1/standards/a/levels/1");
  EXPECT_EQ(head.result_int(), 200u);
  EXPECT_TRUE(head.body().empty());
  // The request id differs, so compare against a body of the same length.
  EXPECT_EQ(Field(head, "Content-Length"), std::to_string(get.body().size()));
  // Framing is intact: the connection still works.
  EXPECT_EQ(client.Get("/api/v1/standards/b/levels/2").result_int(), 200u);
}

TEST_F(ServerTest, OversizedBodyIs413) {
  StartServer();
  TestClient client(server_->port());
  // Announce 9 MiB (the default limit is 8 MiB) and send only the start of it.
  client.WriteRaw(
      "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
      "Content-Length: 9437184\r\n\r\n" +
      std::string(1024, 'z'));
  ClientResponse r = client.Read();
  ExpectProblem(r, 413, "http.body_too_large");
  EXPECT_THAT(BodyJson(r)["detail_zh"].get<std::string>(), HasSubstr("请求体过大，上限为 8 MiB"));
  EXPECT_EQ(Field(r, "Connection"), "close");
}

TEST_F(ServerTest, OversizedChunkedBodyIs413WithConfiguredLimit) {
  ServerOptions o = DefaultOptions();
  o.body_limit_bytes = 1024;
  StartServer(std::move(o));
  TestClient client(server_->port());
  EXPECT_EQ(client.Send(Verb::post, "/api/v1/echo", std::string(1024, 'a')).result_int(), 201u);
  client.WriteRaw("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n" +
                  std::string(0x800, 'b') + "\r\n0\r\n\r\n");
  ClientResponse r = client.Read();
  ExpectProblem(r, 413, "http.body_too_large");
  EXPECT_THAT(BodyJson(r)["detail"].get<std::string>(), HasSubstr("1 KiB"));
}

TEST_F(ServerTest, OversizedHeaderIs431) {
  StartServer();
  TestClient client(server_->port());
  client.WriteRaw("GET /api/v1/standards/a/levels/1 HTTP/1.1\r\nHost: x\r\nX-Big: " +
                  std::string(20 * 1024, 'h') + "\r\n\r\n");
  ClientResponse r = client.Read();
  ExpectProblem(r, 431, "http.header_too_large");
  EXPECT_THAT(BodyJson(r)["detail_zh"].get<std::string>(), HasSubstr("16 KiB"));
}

TEST_F(ServerTest, MalformedRequestLineIs400AndConnectionCloses) {
  StartServer();
  TestClient client(server_->port());
  client.WriteRaw("GARBAGE\r\n\r\n");
  std::string raw = client.ReadUntilClosed();
  ASSERT_THAT(raw, StartsWith("HTTP/1.1 400"));
  ExpectProblem(testing::ParseResponse(raw), 400, "http.bad_request");
  // The server is unharmed.
  TestClient again(server_->port());
  EXPECT_EQ(again.Get("/api/v1/standards/a/levels/1").result_int(), 200u);
}

TEST_F(ServerTest, BadHeaderSyntaxIs400) {
  StartServer();
  for (std::string_view raw_request : {
           "GET /api/v1/standards/a/levels/1 HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n",
           "GET /api/v1/standards/a/levels/1 HTTP/1.1\r\nHost: x\r\nNo-Colon\r\n\r\n",
           "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
           "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: "
           "chunked\r\n\r\n0\r\n\r\n",
           "GET /api/v1/standards/a/levels/1 HTTP/9.x\r\nHost: x\r\n\r\n",
       }) {
    SCOPED_TRACE(std::string(raw_request));
    TestClient client(server_->port());
    client.WriteRaw(raw_request);
    std::string raw = client.ReadUntilClosed();
    ASSERT_THAT(raw, StartsWith("HTTP/1.1 400"));
    ExpectProblem(testing::ParseResponse(raw), 400, "http.bad_request");
  }
}

TEST_F(ServerTest, BadTargetEncodingIs400) {
  StartServer();
  TestClient client(server_->port());
  ExpectProblem(client.Get("/api/v1/standards/a/levels/1?q=%E6%A8"), 400, "http.bad_request");  // Cut UTF-8.
  ExpectProblem(client.Get("/api/v1/standards/a/levels/1?q=%zz"), 400, "http.bad_request");
  ExpectProblem(client.Get("/api/v1/standards/a%00b/levels/1"), 400, "http.bad_request");
  // 400s from decoding keep the connection usable.
  EXPECT_EQ(client.Get("/api/v1/standards/a/levels/1").result_int(), 200u);
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  StartServer();
  TestClient client(server_->port());
  for (int i = 0; i < 5; ++i) {
    ClientResponse r = client.Get("/api/v1/standards/s" + std::to_string(i) + "/levels/1");
    ASSERT_EQ(r.result_int(), 200u);
    EXPECT_EQ(BodyJson(r)["id"], "s" + std::to_string(i));
    EXPECT_TRUE(r.keep_alive());
  }
  EXPECT_EQ(client.Send(Verb::post, "/api/v1/echo", "hello", {{"Content-Type", "text/plain"}}).result_int(),
            201u);
  // Two pipelined requests in one write.
  client.WriteRaw(
      "GET /api/v1/standards/p1/levels/1 HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /api/v1/standards/p2/levels/2 HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(BodyJson(client.Read())["id"], "p1");
  EXPECT_EQ(BodyJson(client.Read())["id"], "p2");
}

TEST_F(ServerTest, ConnectionCloseIsHonoured) {
  StartServer();
  TestClient client(server_->port());
  ClientResponse r = client.Get("/api/v1/standards/a/levels/1", {{"Connection", "close"}});
  EXPECT_EQ(r.result_int(), 200u);
  EXPECT_FALSE(r.keep_alive());
  EXPECT_TRUE(client.ServerClosed());
}

TEST_F(ServerTest, ExpectContinueIsAnswered) {
  StartServer();
  TestClient client(server_->port());
  client.WriteRaw(
      "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Type: text/plain\r\n"
      "Content-Length: 5\r\n\r\n");
  ClientResponse interim = client.Read();
  EXPECT_EQ(interim.result_int(), 100u);
  client.WriteRaw("hello");
  ClientResponse r = client.Read();
  EXPECT_EQ(r.result_int(), 201u);
  EXPECT_EQ(BodyJson(r)["bytes"], 5);
}

TEST_F(ServerTest, ThrowingHandlerYields500ProblemAndServerKeepsServing) {
  StartServer();
  TestClient client(server_->port());
  ClientResponse r = client.Get("/api/v1/boom");
  ExpectProblem(r, 500, "http.internal");
  // The exception text is logged, never sent.
  EXPECT_THAT(r.body(), ::testing::Not(HasSubstr("database exploded")));
  std::vector<std::string> errors = error_sink_->lines();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors[0], HasSubstr("database exploded"));
  EXPECT_THAT(errors[0], HasSubstr("request_id=" + Field(r, "X-Request-Id")));
  EXPECT_EQ(client.Get("/api/v1/standards/a/levels/1").result_int(), 200u);
  TestClient other(server_->port());
  EXPECT_EQ(other.Get("/api/v1/standards/a/levels/1").result_int(), 200u);
}

TEST_F(ServerTest, MetricsCountRequestsByRoutePattern) {
  StartServer();
  TestClient client(server_->port());
  ASSERT_EQ(client.Get("/api/v1/standards/a/levels/1").result_int(), 200u);
  ASSERT_EQ(client.Get("/api/v1/standards/b/levels/2").result_int(), 200u);
  ASSERT_EQ(client.Get("/api/v1/nowhere").result_int(), 404u);
  // Same connection: the previous exchanges are recorded before the next request is read.
  ClientResponse m = client.Get("/metrics");
  ASSERT_EQ(m.result_int(), 200u);
  EXPECT_THAT(Field(m, "Content-Type"), StartsWith("text/plain; version=0.0.4"));
  const std::string& text = m.body();
  EXPECT_THAT(text, HasSubstr("# TYPE kaoping_http_requests_total counter"));
  EXPECT_THAT(text, HasSubstr("kaoping_http_requests_total{route=\"/api/v1/standards/{id}/levels/{level}\","
                              "method=\"GET\",status=\"200\"} 2\n"));
  EXPECT_THAT(
      text, HasSubstr("kaoping_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("# TYPE kaoping_http_request_duration_seconds histogram"));
  EXPECT_THAT(text,
              HasSubstr("kaoping_http_request_duration_seconds_bucket{route=\"/api/v1/standards/{id}/levels/"
                        "{level}\",method=\"GET\",le=\"0.005\"}"));
  EXPECT_THAT(text,
              HasSubstr("kaoping_http_request_duration_seconds_bucket{route=\"/api/v1/standards/{id}/levels/"
                        "{level}\",method=\"GET\",le=\"+Inf\"} 2\n"));
  EXPECT_THAT(text,
              HasSubstr("kaoping_http_request_duration_seconds_count{route=\"/api/v1/standards/{id}/levels/"
                        "{level}\",method=\"GET\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("# TYPE kaoping_http_requests_in_flight gauge"));
  EXPECT_THAT(text, HasSubstr("process_resident_memory_bytes "));
  EXPECT_THAT(text, HasSubstr("process_open_fds "));
  // Raw paths never become labels.
  EXPECT_THAT(text, ::testing::Not(HasSubstr("/api/v1/standards/a/levels/1")));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("/api/v1/nowhere")));
}

TEST_F(ServerTest, AccessLogHasOneLogfmtLinePerRequest) {
  StartServer();
  TestClient client(server_->port());
  ClientResponse r = client.Get("/api/v1/standards/a/levels/1?q=secret", {{"X-Request-Id", "log-check-1"}});
  ASSERT_EQ(r.result_int(), 200u);
  ASSERT_EQ(client.Get("/metrics").result_int(), 200u);  // Not access-logged; orders the log write.
  std::vector<std::string> lines = log_sink_->lines();
  ASSERT_EQ(lines.size(), 1u);
  const std::string& line = lines[0];
  EXPECT_THAT(line, StartsWith("ts="));
  EXPECT_THAT(line, HasSubstr(" request_id=log-check-1 remote=127.0.0.1:"));
  EXPECT_THAT(line, HasSubstr(" method=GET path=/api/v1/standards/a/levels/1 "
                              "route=/api/v1/standards/{id}/levels/{level} status=200 bytes="));
  EXPECT_THAT(line, HasSubstr(" duration_ms="));
  EXPECT_THAT(line, ::testing::Not(HasSubstr("secret")));
}

TEST_F(ServerTest, StaticFilesContentTypesAndCaching) {
  StartServer();
  TestClient client(server_->port());
  ClientResponse index = client.Get("/");
  ASSERT_EQ(index.result_int(), 200u);
  EXPECT_EQ(Field(index, "Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(Field(index, "Cache-Control"), "no-cache");
  EXPECT_THAT(index.body(), HasSubstr("<title>kaoping</title>"));

  ClientResponse js = client.Get("/assets/index-4f3a2b1c.js");
  ASSERT_EQ(js.result_int(), 200u);
  EXPECT_EQ(Field(js, "Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(Field(js, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(js.body(), "console.log('kaoping');");

  EXPECT_EQ(Field(client.Get("/assets/index-9e8d7c6b.css"), "Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(Field(client.Get("/assets/logo-11aa22bb.svg"), "Content-Type"), "image/svg+xml");
  EXPECT_EQ(Field(client.Get("/assets/font-deadbeef.woff2"), "Content-Type"), "font/woff2");
  EXPECT_EQ(Field(client.Get("/favicon.ico"), "Content-Type"), "image/x-icon");
  EXPECT_EQ(Field(client.Get("/manifest.webmanifest"), "Content-Type"), "application/manifest+json");
  EXPECT_EQ(Field(client.Get("/index.html"), "Cache-Control"), "no-cache");
}

TEST_F(ServerTest, StaticFilesETagRevalidation) {
  StartServer();
  TestClient client(server_->port());
  ClientResponse first = client.Get("/assets/index-4f3a2b1c.js");
  std::string etag = Field(first, "ETag");
  ASSERT_FALSE(etag.empty());
  ClientResponse again = client.Get("/assets/index-4f3a2b1c.js", {{"If-None-Match", etag}});
  EXPECT_EQ(again.result_int(), 304u);
  EXPECT_TRUE(again.body().empty());
  EXPECT_EQ(Field(again, "ETag"), etag);
  ClientResponse weak_list =
      client.Get("/assets/index-4f3a2b1c.js", {{"If-None-Match", "\"nope\", W/" + etag}});
  EXPECT_EQ(weak_list.result_int(), 304u);
  ClientResponse other = client.Get("/assets/index-4f3a2b1c.js", {{"If-None-Match", "\"something-else\""}});
  EXPECT_EQ(other.result_int(), 200u);
}

TEST_F(ServerTest, StaticFilesSpaFallback) {
  StartServer();
  TestClient client(server_->port());
  ClientResponse deep = client.Get("/exams/42/review");
  ASSERT_EQ(deep.result_int(), 200u);
  EXPECT_EQ(Field(deep, "Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(Field(deep, "Cache-Control"), "no-cache");
  EXPECT_THAT(deep.body(), HasSubstr("<title>kaoping</title>"));
  // A missing file with an extension, or a missing asset, is a real 404.
  ExpectProblem(client.Get("/missing.png"), 404, "http.not_found");
  ExpectProblem(client.Get("/assets/gone-1234.js"), 404, "http.not_found");
  // Unknown API paths never fall back to the UI.
  ExpectProblem(client.Get("/api/v1/unknown"), 404, "http.not_found");
  ExpectProblem(client.Get("/api/unknown-without-extension"), 404, "http.not_found");
}

TEST_F(ServerTest, StaticFilesRejectTraversal) {
  StartServer();
  for (std::string_view target :
       {"/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2f..%2fsecret", "/assets/%2E%2E/%2E%2E/x",
        "//etc/passwd", "/a/./b", "/x%00.html", "/..%5c..%5cwindows"}) {
    SCOPED_TRACE(std::string(target));
    TestClient client(server_->port());
    client.WriteRaw("GET " + std::string(target) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    ClientResponse r = client.Read();
    EXPECT_TRUE(r.result_int() == 400u || r.result_int() == 404u) << r.result_int();
    EXPECT_EQ(Field(r, "Content-Type"), "application/problem+json");
    EXPECT_THAT(r.body(), ::testing::Not(HasSubstr("secret")));
  }
  // The sibling file next to the web root is never reachable.
  TestClient client(server_->port());
  std::string sibling = "/../" + web_root_.filename().string() + "_secret.txt";
  client.WriteRaw("GET " + sibling + " HTTP/1.1\r\nHost: x\r\n\r\n");
  ClientResponse r = client.Read();
  EXPECT_EQ(r.result_int(), 400u);
}

TEST_F(ServerTest, MissingStaticDirectoryMeans404) {
  fs::remove_all(web_root_);
  StartServer();
  TestClient client(server_->port());
  ExpectProblem(client.Get("/"), 404, "http.not_found");
  ExpectProblem(client.Get("/exams/1"), 404, "http.not_found");
  EXPECT_EQ(client.Get("/api/v1/standards/a/levels/1").result_int(), 200u);
}

TEST_F(ServerTest, GracefulStopFinishesInFlightRequestThenRefusesConnections) {
  StartServer();
  const std::uint16_t port = server_->port();
  auto slow = std::async(std::launch::async, [port] {
    TestClient client(port);
    return client.Get("/api/v1/slow");
  });
  ASSERT_TRUE(slow_started_.WaitFor(std::chrono::seconds(30)));
  Status stopped = server_->Stop(std::chrono::steady_clock::now() + std::chrono::seconds(30));
  EXPECT_TRUE(stopped.ok()) << stopped;
  ClientResponse r = slow.get();
  EXPECT_EQ(r.result_int(), 200u);
  EXPECT_EQ(r.body(), "slow done");
  EXPECT_FALSE(server_->running());
  EXPECT_EQ(TestClient::TryConnect(port), boost::asio::error::connection_refused);
  EXPECT_TRUE(server_->Stop(std::chrono::seconds(1)).ok());  // Idempotent.
}

TEST_F(ServerTest, StopPastDeadlineClosesRemainingConnections) {
  StartServer();
  const std::uint16_t port = server_->port();
  auto blocked = std::async(std::launch::async, [port] {
    TestClient client(port);
    client.WriteRaw("GET /api/v1/blocked HTTP/1.1\r\nHost: x\r\n\r\n");
    return client.ReadUntilClosed();  // The answer may or may not make it out; the close does.
  });
  ASSERT_TRUE(blocked_started_.WaitFor(std::chrono::seconds(30)));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(100);
  // The handler cannot return before the deadline: it is released only after it.
  auto releaser = std::async(std::launch::async, [this, deadline] {
    std::this_thread::sleep_until(deadline + std::chrono::milliseconds(50));
    release_blocked_.Fire();
  });
  Status stopped = server_->Stop(deadline);
  EXPECT_EQ(stopped.code(), StatusCode::kDeadlineExceeded);
  EXPECT_EQ(stopped.reason(), "http.shutdown_deadline");
  releaser.get();
  blocked.get();
  EXPECT_FALSE(server_->running());
  EXPECT_EQ(TestClient::TryConnect(port), boost::asio::error::connection_refused);
}

TEST_F(ServerTest, StopClosesIdleKeepAliveConnections) {
  StartServer();
  TestClient idle(server_->port());
  ASSERT_EQ(idle.Get("/api/v1/standards/a/levels/1").result_int(), 200u);
  Status stopped = server_->Stop(std::chrono::steady_clock::now() + std::chrono::seconds(30));
  EXPECT_TRUE(stopped.ok()) << stopped;
  EXPECT_TRUE(idle.ServerClosed());
}

TEST_F(ServerTest, IdleTimeoutClosesConnection) {
  ServerOptions o = DefaultOptions();
  o.idle_timeout = std::chrono::milliseconds(200);
  StartServer(std::move(o));
  TestClient client(server_->port());
  ASSERT_EQ(client.Get("/api/v1/standards/a/levels/1").result_int(), 200u);
  EXPECT_TRUE(client.ServerClosed());  // Blocks until the server gives up on the idle connection.
}

TEST_F(ServerTest, ReadTimeoutClosesSlowRequest) {
  ServerOptions o = DefaultOptions();
  o.read_timeout = std::chrono::milliseconds(200);
  StartServer(std::move(o));
  TestClient client(server_->port());
  client.WriteRaw("GET /api/v1/standards/a/levels/1 HTTP/1.1\r\nHost: x\r\n");  // Header never ends.
  EXPECT_EQ(client.ReadUntilClosed(), "");
}

TEST_F(ServerTest, StartReportsAddressInUse) {
  StartServer();
  ServerOptions o = DefaultOptions();
  o.port = server_->port();
  HttpServer second(std::move(o), Router());
  Status s = second.Start();
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_EQ(s.reason(), "http.address_in_use");
  EXPECT_THAT(s.message(), HasSubstr("address already in use"));
  EXPECT_THAT(s.message_zh(), HasSubstr("地址已被占用"));
  EXPECT_TRUE(second.Stop(std::chrono::seconds(1)).ok());
}

TEST_F(ServerTest, StartRejectsBadAddressAndDoubleStart) {
  ServerOptions o = DefaultOptions();
  o.address = "not an address";
  HttpServer bad(std::move(o), Router());
  EXPECT_EQ(bad.Start().code(), StatusCode::kInvalidArgument);
  StartServer();
  EXPECT_EQ(server_->Start().code(), StatusCode::kFailedPrecondition);
}

TEST_F(ServerTest, RouterIsEnumerable) {
  StartServer();
  std::vector<RouteInfo> routes = server_->router().routes();
  ASSERT_GE(routes.size(), 6u);
  EXPECT_EQ(routes[0].method, Method::kGet);
  EXPECT_EQ(routes[0].pattern, kLevelRoute);
  EXPECT_EQ(routes[0].name, "get_level");
  EXPECT_EQ(server_->metrics(), registry_);
}

}  // namespace
}  // namespace kaoping::http
