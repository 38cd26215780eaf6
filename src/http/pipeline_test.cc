// The socket-free request path (also what the fuzz target drives).

#include "http/pipeline.h"

#include <stdexcept>

#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http/access_log.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/test_client.h"

namespace kaoping::http {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class PipelineTest : public ::testing::Test {
 protected:
  PipelineTest() {
    EXPECT_TRUE(router_
                    .Add(Method::kGet, "/items/{id}",
                         [](const Request& r) {
                           return Response::Json(
                               {{"id", r.PathParam("id").value_or("")}, {"q", r.Query("q").value_or("")}});
                         })
                    .ok());
    EXPECT_TRUE(
        router_.Add(Method::kGet, "/throw", [](const Request&) -> Response { throw std::logic_error("bug"); })
            .ok());
    EXPECT_TRUE(
        router_.Add(Method::kGet, "/bad-status", [](const Request&) { return Response::Text("?", 42); })
            .ok());
    EXPECT_TRUE(router_
                    .Add(Method::kGet, "/bad-header",
                         [](const Request&) {
                           Response r = Response::Text("ok");
                           r.headers.Add("X-Evil", "a\r\nSet-Cookie: x=1");
                           r.headers.Add("Content-Length", "999");
                           r.headers.Add("X-Fine", "yes");
                           return r;
                         })
                    .ok());
    EXPECT_TRUE(
        router_
            .Add(Method::kGet, "/problem",
                 [](const Request&) { return Response::Problem(NotFound("thing.missing", "gone", "没了")); })
            .ok());
    PipelineOptions o;
    o.header_limit_bytes = 1024;
    o.body_limit_bytes = 16;
    pipeline_ = std::make_unique<Pipeline>(router_, o, &metrics_, nullptr, logger_);
  }

  std::shared_ptr<spdlog::logger> logger_ =
      std::make_shared<spdlog::logger>("pipeline-test", std::make_shared<spdlog::sinks::null_sink_mt>());
  MetricsRegistry registry_;
  HttpMetrics metrics_{registry_};
  Router router_;
  std::unique_ptr<Pipeline> pipeline_;
};

TEST_F(PipelineTest, RoutesAParsedRequest) {
  std::string out = pipeline_->ProcessBytes("GET /items/7?q=%E6%A8%A1 HTTP/1.1\r\nHost: x\r\n\r\n");
  testing::ClientResponse r = testing::ParseResponse(out);
  EXPECT_EQ(r.result_int(), 200u);
  EXPECT_EQ(testing::BodyJson(r)["q"], "模");
  EXPECT_EQ(testing::Field(r, "X-Content-Type-Options"), "nosniff");
}

TEST_F(PipelineTest, PipelinedRequestsAreAnsweredInOrder) {
  std::string out = pipeline_->ProcessBytes(
      "GET /items/1 HTTP/1.1\r\nHost: x\r\n\r\nGET /items/2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
      "GET /items/3 HTTP/1.1\r\nHost: x\r\n\r\n");
  std::size_t first = out.find("\"id\":\"1\"");
  std::size_t second = out.find("\"id\":\"2\"");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  EXPECT_LT(first, second);
  EXPECT_EQ(out.find("\"id\":\"3\""), std::string::npos);  // After Connection: close.
}

TEST_F(PipelineTest, MalformedInputGetsProblems) {
  EXPECT_THAT(pipeline_->ProcessBytes("GARBAGE\r\n\r\n"), StartsWith("HTTP/1.1 400 Bad Request"));
  EXPECT_THAT(pipeline_->ProcessBytes("GET / HTTP/1.1\r\nBad Header\r\n\r\n"), StartsWith("HTTP/1.1 400"));
  EXPECT_THAT(pipeline_->ProcessBytes("GET / HTTP/1.1\r\nX: " + std::string(2000, 'a') + "\r\n\r\n"),
              StartsWith("HTTP/1.1 431"));
  EXPECT_THAT(pipeline_->ProcessBytes("POST /items/1 HTTP/1.1\r\nContent-Length: 17\r\n\r\n"),
              StartsWith("HTTP/1.1 413"));
  EXPECT_THAT(pipeline_->ProcessBytes("GET http://h/items/1 HTTP/1.1\r\n\r\n"), StartsWith("HTTP/1.1 400"));
  EXPECT_THAT(pipeline_->ProcessBytes("GET /items/1?q=%FF HTTP/1.1\r\n\r\n"), StartsWith("HTTP/1.1 400"));
  testing::ClientResponse r = testing::ParseResponse(pipeline_->ProcessBytes("GARBAGE\r\n\r\n"));
  EXPECT_EQ(testing::BodyJson(r)["code"], "http.bad_request");
  EXPECT_EQ(testing::BodyJson(r)["request_id"], testing::Field(r, "X-Request-Id"));
}

TEST_F(PipelineTest, IncompleteInputGetsNoAnswer) {
  EXPECT_EQ(pipeline_->ProcessBytes("GET /items/1 HTTP/1.1\r\nHost"), "");
  EXPECT_EQ(pipeline_->ProcessBytes("POST /items/1 HTTP/1.1\r\nContent-Length: 5\r\n\r\nab"), "");
  EXPECT_EQ(pipeline_->ProcessBytes(""), "");
}

TEST_F(PipelineTest, HandlerFailuresBecome500) {
  testing::ClientResponse thrown =
      testing::ParseResponse(pipeline_->ProcessBytes("GET /throw HTTP/1.1\r\n\r\n"));
  EXPECT_EQ(thrown.result_int(), 500u);
  EXPECT_EQ(testing::BodyJson(thrown)["code"], "http.internal");
  testing::ClientResponse bad =
      testing::ParseResponse(pipeline_->ProcessBytes("GET /bad-status HTTP/1.1\r\n\r\n"));
  EXPECT_EQ(bad.result_int(), 500u);
}

TEST_F(PipelineTest, UnsafeResponseHeadersAreDropped) {
  std::string out = pipeline_->ProcessBytes("GET /bad-header HTTP/1.1\r\n\r\n");
  EXPECT_THAT(out, ::testing::Not(HasSubstr("Set-Cookie")));
  EXPECT_THAT(out, ::testing::Not(HasSubstr("999")));
  EXPECT_THAT(out, HasSubstr("X-Fine: yes"));
  EXPECT_EQ(testing::ParseResponse(out).body(), "ok");
}

TEST_F(PipelineTest, ProblemsGetTheRequestId) {
  testing::ClientResponse r = testing::ParseResponse(
      pipeline_->ProcessBytes("GET /problem HTTP/1.1\r\nX-Request-Id: abc-123\r\n\r\n"));
  EXPECT_EQ(r.result_int(), 404u);
  EXPECT_EQ(testing::BodyJson(r)["request_id"], "abc-123");
  EXPECT_EQ(testing::BodyJson(r)["detail_zh"], "没了");
}

TEST_F(PipelineTest, Http10ClosesByDefault) {
  std::string out = pipeline_->ProcessBytes("GET /items/1 HTTP/1.0\r\n\r\nGET /items/2 HTTP/1.0\r\n\r\n");
  EXPECT_THAT(out, StartsWith("HTTP/1.0 200"));
  EXPECT_EQ(out.find("\"id\":\"2\""), std::string::npos);
}

TEST_F(PipelineTest, InFlightGaugeReturnsToZero) {
  (void)pipeline_->ProcessBytes("GET /items/1 HTTP/1.1\r\n\r\nGARBAGE\r\n\r\n");
  EXPECT_EQ(metrics_.in_flight().Value(), 0);
  EXPECT_THAT(
      registry_.Render(),
      HasSubstr("kaoping_http_requests_total{route=\"unmatched\",method=\"OTHER\",status=\"400\"} 1\n"));
}

}  // namespace
}  // namespace kaoping::http
