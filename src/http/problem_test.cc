#include "http/problem.h"

#include <gtest/gtest.h>

#include "http/message.h"

namespace kaoping::http {
namespace {

TEST(ProblemTest, StatusMappingIsComplete) {
  struct Case {
    Status status;
    int http;
  };
  const Case cases[] = {
      {InvalidArgument("r", "m"), 400},
      {OutOfRange("r", "m"), 400},
      {Unauthenticated("r", "m"), 401},
      {PermissionDenied("r", "m"), 403},
      {NotFound("r", "m"), 404},
      {AlreadyExists("r", "m"), 409},
      {Aborted("r", "m"), 409},
      {FailedPrecondition("r", "m"), 409},
      {DeadlineExceeded("r", "m"), 409},
      {ResourceExhausted("r", "m"), 429},
      {Unimplemented("r", "m"), 501},
      {Unavailable("r", "m"), 503},
      {Internal("r", "m"), 500},
      {DataLoss("r", "m"), 500},
      {Status(StatusCode::kUnknown, "r", "m"), 500},
      {Status(StatusCode::kCancelled, "r", "m"), 499},
      {BodyTooLargeError(8 * 1024 * 1024), 413},
      {HeaderTooLargeError(16 * 1024), 431},
      {MethodNotAllowedError("POST", "/x", "GET, HEAD"), 405},
  };
  for (const Case& c : cases) EXPECT_EQ(HttpStatusFor(c.status), c.http) << c.status;
  EXPECT_EQ(HttpStatusFor(Status()), 200);
}

TEST(ProblemTest, BodyHasRfc9457FieldsAndBothLanguages) {
  nlohmann::json p = ProblemJson(NotFound("standard.unknown_id", "no standard 'x'", "没有标准“x”"), "req-1");
  EXPECT_EQ(p["type"], "https://kaoping.dev/problems/standard.unknown_id");
  EXPECT_EQ(p["title"], "Not Found");
  EXPECT_EQ(p["status"], 404);
  EXPECT_EQ(p["code"], "standard.unknown_id");
  EXPECT_EQ(p["detail"], "no standard 'x'");
  EXPECT_EQ(p["detail_zh"], "没有标准“x”");
  EXPECT_EQ(p["request_id"], "req-1");
  EXPECT_FALSE(ProblemJson(NotFound("a", "b")).contains("request_id"));
}

TEST(ProblemTest, StatusWithoutReasonUsesCodeName) {
  nlohmann::json p = ProblemJson(Status(StatusCode::kNotFound, "", "gone"));
  EXPECT_EQ(p["type"], "about:blank");
  EXPECT_EQ(p["code"], "not_found");
}

TEST(ProblemTest, InternalDetailsAreNotSent) {
  nlohmann::json p = ProblemJson(Internal("store.sql", "SELECT * FROM secrets failed"));
  EXPECT_EQ(p["status"], 500);
  EXPECT_EQ(p["code"], "store.sql");
  EXPECT_EQ(p["detail"].get<std::string>().find("secrets"), std::string::npos);
  Response r = Response::Problem(Internal("store.sql", "SELECT * FROM secrets failed"));
  EXPECT_EQ(r.body.find("secrets"), std::string::npos);
  EXPECT_NE(r.internal_error.find("secrets"), std::string::npos);  // Kept for the log.
  EXPECT_EQ(r.content_type, "application/problem+json");
}

TEST(ProblemTest, ServerErrorsHaveChineseMessages) {
  EXPECT_EQ(BodyTooLargeError(8 * 1024 * 1024).message_zh(), "请求体过大，上限为 8 MiB");
  EXPECT_EQ(HeaderTooLargeError(16 * 1024).message_zh(), "请求头过大，上限为 16 KiB");
  EXPECT_EQ(BodyTooLargeError(8 * 1024 * 1024).reason(), "http.body_too_large");
  EXPECT_EQ(RouteNotFoundError("GET", "/x").reason(), "http.not_found");
  EXPECT_EQ(BadRequestError("bad", "坏").reason(), "http.bad_request");
  EXPECT_EQ(InternalServerError().reason(), "http.internal");
}

TEST(ProblemTest, FormatByteSize) {
  EXPECT_EQ(FormatByteSize(8 * 1024 * 1024), "8 MiB");
  EXPECT_EQ(FormatByteSize(16 * 1024), "16 KiB");
  EXPECT_EQ(FormatByteSize(1000), "1000 bytes");
  EXPECT_EQ(FormatByteSize(1024ull * 1024 * 1024), "1 GiB");
}

TEST(ProblemTest, ProblemOfOkStatusIsInternal) {
  Response r = Response::Problem(Status());
  EXPECT_EQ(r.status, 500);
}

}  // namespace
}  // namespace kaoping::http
