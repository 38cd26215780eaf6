// POST /api/v1/standards/validate against the real server on loopback with the shipped packs:
// a valid pack (200), a pack with a broken weight table and text that is not YAML (422 naming every
// error with its line and key, in both languages), an empty body, and the access rules (401 without a user,
// 403 for non-admins).

#include "api/standards_admin_routes.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "api/api.h"
#include "http/server.h"
#include "http/test_client.h"

namespace kaoping::api {
namespace {

using http::testing::BodyJson;
using http::testing::TestClient;
namespace bhttp = boost::beast::http;

std::string ReadPack(const std::string& file) {
  std::ifstream in(std::string(KAOPING_SOURCE_DIR) + "/standards/" + file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class StandardsAdminApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    metrics_ = std::make_shared<http::MetricsRegistry>();
    http::Router router;
    ApiContext ctx;
    ctx.clock = &SystemClock::Get();
    ctx.metrics = metrics_;
    ctx.version = "test";
    // The acting user comes from a test header: X-Test-Role: admin | author | (none → 401).
    ctx.bank_actor = [](const http::Request& r) -> Result<service::Actor> {
      auto role = r.headers.Get("X-Test-Role");
      if (!role || role->empty()) return Unauthenticated("auth.required", "sign in first", "请先登录");
      return service::Actor{1, "tester", "测试", {std::string(*role)}};
    };
    ASSERT_TRUE(RegisterApi(router, ctx).ok());
    http::ServerOptions opts;
    opts.port = 0;
    opts.threads = 2;
    opts.metrics = metrics_;
    server_ = new http::HttpServer(std::move(opts), std::move(router));
    ASSERT_TRUE(server_->Start().ok());
  }
  static void TearDownTestSuite() {
    if (server_) server_->Stop(std::chrono::seconds(5)).IgnoreError();
    delete server_;
    server_ = nullptr;
  }

  static nlohmann::json Validate(const std::string& body, const std::string& role, int expect_status,
                                 const std::string& name = "pack.yaml") {
    TestClient c(server_->port());
    http::testing::Fields fields{{"Content-Type", "application/yaml"}};
    if (!role.empty()) fields.push_back({"X-Test-Role", role});
    auto r = c.Send(bhttp::verb::post, "/api/v1/standards/validate?name=" + name, body, fields);
    EXPECT_EQ(static_cast<int>(r.result_int()), expect_status) << r.body();
    return BodyJson(r);
  }

  static inline http::HttpServer* server_ = nullptr;
  static inline std::shared_ptr<http::MetricsRegistry> metrics_;
};

TEST_F(StandardsAdminApiTest, AShippedPackIsValid) {
  const std::string yaml = ReadPack("002-llm-deploy-engineer.yaml");
  ASSERT_FALSE(yaml.empty());
  auto j = Validate(yaml, "admin", 200, "002-llm-deploy-engineer.yaml");
  EXPECT_TRUE(j["valid"].get<bool>()) << j.dump();
  EXPECT_EQ(j["id"], "llm-deploy-engineer");
  EXPECT_EQ(j["name"], "002-llm-deploy-engineer.yaml");
  EXPECT_TRUE(j["diagnostics"].empty());
  EXPECT_GT(j["requirements"].get<int>(), 100);
  EXPECT_EQ(j["levels"], nlohmann::json::array({"junior", "mid", "senior"}));
  EXPECT_FALSE(j["title"]["zh"].get<std::string>().empty());
}

TEST_F(StandardsAdminApiTest, ABrokenWeightTableIsReportedWithLineAndKey) {
  std::string yaml = ReadPack("002-llm-deploy-engineer.yaml");
  const std::string row = "target: \"basic:2.1\", weights: [5, 5, 5]";
  const auto at = yaml.find(row);
  ASSERT_NE(at, std::string::npos);
  yaml.replace(at, row.size(), "target: \"basic:2.1\", weights: [9, 5, 5]");  // junior no longer sums to 100
  const int line = 1 + static_cast<int>(std::count(yaml.begin(), yaml.begin() + static_cast<long>(at), '\n'));
  auto j = Validate(yaml, "admin", 422, "broken.yaml");
  EXPECT_EQ(j["code"], "standard.invalid_pack");
  EXPECT_FALSE(j["detail_zh"].get<std::string>().empty());
  EXPECT_FALSE(j["valid"].get<bool>());
  EXPECT_FALSE(j.contains("id"));
  ASSERT_FALSE(j["diagnostics"].empty()) << j.dump();
  bool found = false;
  for (const auto& d : j["diagnostics"]) {
    EXPECT_EQ(d["file"], "broken.yaml");
    EXPECT_FALSE(d["message"].get<std::string>().empty());
    EXPECT_FALSE(d["message_zh"].get<std::string>().empty());
    if (d["key"].get<std::string>().find("weight") != std::string::npos && d["line"].get<int>() > 0)
      found = true;
  }
  EXPECT_TRUE(found) << "a diagnostic names the weight table and a line (row at " << line
                     << "): " << j.dump();
}

TEST_F(StandardsAdminApiTest, TextThatIsNotYamlIsReportedWithItsLine) {
  auto j = Validate("id: [unclosed\n  : : :\n", "admin", 422);
  EXPECT_FALSE(j["valid"].get<bool>());
  ASSERT_FALSE(j["diagnostics"].empty());
  EXPECT_GT(j["diagnostics"][0]["line"].get<int>(), 0) << j.dump();
}

TEST_F(StandardsAdminApiTest, HostileTextIsRefusedWithoutCrashing) {
  for (const std::string& body : {std::string(70000, '['), std::string(70000, '{'),
                                  std::string("\xff\xfe\x00"
                                              "bad",
                                              6),
                                  std::string("a: &x [*x]\n"), std::string(100000, '-')}) {
    TestClient c(server_->port());
    auto r = c.Send(bhttp::verb::post, "/api/v1/standards/validate", body, {{"X-Test-Role", "admin"}});
    EXPECT_GE(static_cast<int>(r.result_int()), 400) << body.substr(0, 20);
    EXPECT_LT(static_cast<int>(r.result_int()), 500) << body.substr(0, 20) << " → " << r.body();
    EXPECT_FALSE(BodyJson(r).value("detail_zh", "").empty()) << r.body();
  }
}

TEST_F(StandardsAdminApiTest, EmptyBodyAndAccess) {
  auto empty = Validate("", "admin", 400);
  EXPECT_EQ(empty["code"], "request.empty_body");
  EXPECT_FALSE(empty["detail_zh"].get<std::string>().empty());
  auto denied = Validate("id: x\n", "author", 403);
  EXPECT_EQ(denied["code"], "access.denied");
  auto anonymous = Validate("id: x\n", "", 401);
  EXPECT_EQ(anonymous["code"], "auth.required");
}

TEST_F(StandardsAdminApiTest, TheRouteIsInTheOpenApiDocument) {
  TestClient c(server_->port());
  auto j = BodyJson(c.Get("/api/v1/openapi.json"));
  ASSERT_TRUE(j["paths"].contains("/api/v1/standards/validate"));
  EXPECT_TRUE(j["paths"]["/api/v1/standards/validate"].contains("post"));
}

}  // namespace
}  // namespace kaoping::api
