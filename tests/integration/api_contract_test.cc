// Contract tests over the whole real router: every route is documented in
// /api/v1/openapi.json with the right method, and user input — malformed JSON, wrong types,
// huge numbers, unknown or malformed ids — never yields a 5xx on any route that takes input.
#include <cctype>

#include <gtest/gtest.h>

#include "integration/harness.h"

namespace kaoping::integration {
namespace {

bhttp::verb Verb(http::Method m) {
  switch (m) {
    case http::Method::kGet:
      return bhttp::verb::get;
    case http::Method::kHead:
      return bhttp::verb::head;
    case http::Method::kPost:
      return bhttp::verb::post;
    case http::Method::kPut:
      return bhttp::verb::put;
    case http::Method::kPatch:
      return bhttp::verb::patch;
    case http::Method::kDelete:
      return bhttp::verb::delete_;
    default:
      return bhttp::verb::options;
  }
}

std::string Fill(std::string pattern, const std::string& value) {
  for (;;) {
    auto open = pattern.find('{');
    if (open == std::string::npos) return pattern;
    auto close = pattern.find('}', open);
    pattern.replace(open, close - open + 1, value);
  }
}

TEST(ApiContractTest, EveryRouteIsInTheOpenApiDocumentWithItsMethod) {
  Harness h;
  auto doc = h.Get("/api/v1/openapi.json", "");
  ASSERT_EQ(doc.status, 200);
  const Json& paths = doc.json["paths"];
  int n = 0;
  for (const auto& r : h.router().routes()) {
    std::string m(http::MethodName(r.method));
    for (auto& c : m) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ASSERT_TRUE(paths.contains(r.pattern)) << "undocumented route " << r.pattern;
    EXPECT_TRUE(paths[r.pattern].contains(m)) << "undocumented method " << m << " " << r.pattern;
    ++n;
  }
  EXPECT_GT(n, 40);
  // Delivery routes that need a session say so.
  EXPECT_TRUE(paths["/api/v1/attempts/{id}/answers/{item}"]["put"].contains("security"));
}

TEST(ApiContractTest, HostileInputNeverYieldsA5xx) {
  Harness h;
  ExamSetup exam = SetUpExam(h, kT0 - kMinute);
  CandidateSetup cand = AddCandidate(h, exam, "fuzz.cand", "11010519700101125");
  ASSERT_EQ(
      h.Post("/api/v1/attempts/" + std::to_string(cand.attempt_id) + "/start", Json(), cand.token).status,
      200);

  const std::vector<std::string> bodies = {
      "",
      "{",
      "[]",
      "null",
      "12345678901234567890123456789",
      "\"just a string\"",
      "{\"unknown\": 1}",
      "{\"sequence\": 1e400, \"response\": 1}",
      "{\"sequence\": 18446744073709551616, \"response\": \"x\"}",
      "{\"sequence\": -9223372036854775809, \"flagged\": \"yes\"}",
      "{\"sequence\": 1.5, \"response\": {\"deep\": [[[[[[]]]]]]}}",
      "{\"login\": 42, \"password\": [], \"mode\": {}}",
      "{\"login\": \"\\u0000\\u0001\", \"password\": \"x\", \"display_name\": null}",
      "{\"title\": [], \"standard\": 1, \"level\": true, \"kind\": null, \"duration_minutes\": "
      "99999999999999999999,"
      " \"rooms\": \"A01\"}",
      "{\"title\": \"t\", \"standard\": \"llm-deploy-engineer\", \"level\": \"mid\", \"kind\": \"theory\","
      " \"duration_minutes\": 90, \"rooms\": [{\"code\": \"A\", \"capacity\": -1, \"starts_ms\": -5,"
      " \"proctors\": [9223372036854775807, -1, \"x\"]}]}",
      "{\"full_name\": \"\\ud800\", \"id_number\": 11010519491231002, \"education\": \"phd-from-mars\","
      " \"work_history\": [{\"from\": \"2019-13\"}]}",
      "{\"roles\": [\"admin\", 7], \"accounts\": [{}], \"password\": \"x\", \"issue_tokens\": \"sure\"}",
      "{\"decision\": \"maybe\", \"reason\": 5, \"paper_id\": {\"$ne\": null}, \"minutes\": 1e9}",
      "{\"standard\": \"llm-deploy-engineer\", \"level\": \"mid\", \"profile\": {\"education\": 5}}",
      std::string(70000, '['),
  };
  const std::vector<std::string> ids = {"999999999",
                                        "abc",
                                        "-1",
                                        "0",
                                        "99999999999999999999999",
                                        "%00",
                                        "1%2F2",
                                        std::to_string(cand.attempt_id)};
  const std::vector<std::string> tokens = {exam.admin, cand.token, ""};
  int requests = 0;
  for (const auto& route : h.router().routes()) {
    bool takes_body = route.method == http::Method::kPost || route.method == http::Method::kPut ||
                      route.method == http::Method::kPatch || route.method == http::Method::kDelete;
    bool has_params = route.pattern.find('{') != std::string::npos;
    if (!takes_body && !has_params) continue;
    if (route.pattern == "/api/v1/auth/logout") continue;  // always 204: nothing to validate
    for (const auto& id : has_params ? ids : std::vector<std::string>{""}) {
      std::string target = has_params ? Fill(route.pattern, id) : route.pattern;
      for (const auto& token : tokens) {
        for (const auto& body : takes_body ? bodies : std::vector<std::string>{""}) {
          Reply r = h.Call(Verb(route.method), target, body, token, {{"Content-Type", "application/json"}});
          ++requests;
          ASSERT_LT(r.status, 500) << http::MethodName(route.method) << " " << target
                                   << " body=" << body.substr(0, 80) << " → " << r.body;
          // Malformed bodies and unknown ids are refused (the real attempt id may legitimately work
          // on routes that ignore the body, e.g. an idempotent start).
          if (takes_body && id != std::to_string(cand.attempt_id)) {
            EXPECT_GE(r.status, 400) << http::MethodName(route.method) << " " << target
                                     << " body=" << body.substr(0, 80) << " → " << r.body;
          }
          if (r.status >= 400) {
            EXPECT_FALSE(r.json.value("code", "").empty()) << r.body;
            EXPECT_FALSE(r.json.value("detail_zh", "").empty()) << r.body;
          }
        }
      }
    }
  }
  EXPECT_GT(requests, 1000);
}

}  // namespace
}  // namespace kaoping::integration
