// The standards and eligibility API against the real server on loopback, a real SQLite file and
// the shipped standard packs.

#include <filesystem>
#include <set>

#include <gtest/gtest.h>

#include "api/api.h"
#include "http/server.h"
#include "http/test_client.h"
#include "service/standards_catalog.h"
#include "store/sqlite/sqlite_store.h"

namespace kaoping::api {
namespace {

namespace fs = std::filesystem;
using http::testing::BodyJson;
using http::testing::TestClient;
namespace bhttp = boost::beast::http;

class StandardsApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto dir = fs::temp_directory_path() / ("kaoping-api-test-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    auto store = store::OpenSqliteStore({(dir / "k.db").string(), 2});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(store).value().release();
    auto cat = service::StandardsCatalog::Load(std::string(KAOPING_SOURCE_DIR) + "/standards");
    ASSERT_TRUE(cat.ok()) << cat.status();
    ASSERT_TRUE((*cat)->IndexInto(*store_).ok());
    metrics_ = std::make_shared<http::MetricsRegistry>();
    http::Router router;
    ApiContext ctx;
    ctx.catalog = *cat;
    ctx.store = store_;
    ctx.clock = &SystemClock::Get();
    ctx.metrics = metrics_;
    ctx.version = "test";
    ctx.public_url = "http://127.0.0.1:0";
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
    if (store_) store_->Close();
    delete store_;
    store_ = nullptr;
  }

  static nlohmann::json GetJson(const std::string& target, int expect_status) {
    TestClient c(server_->port());
    auto r = c.Get(target);
    EXPECT_EQ(static_cast<int>(r.result_int()), expect_status) << target << " → " << r.body();
    return BodyJson(r);
  }
  static nlohmann::json PostJson(const std::string& target, const std::string& body, int expect_status) {
    TestClient c(server_->port());
    auto r = c.Send(bhttp::verb::post, target, body, {{"Content-Type", "application/json"}});
    EXPECT_EQ(static_cast<int>(r.result_int()), expect_status) << target << " → " << r.body();
    return BodyJson(r);
  }

  static inline store::Store* store_ = nullptr;
  static inline http::HttpServer* server_ = nullptr;
  static inline std::shared_ptr<http::MetricsRegistry> metrics_;
};

TEST_F(StandardsApiTest, HealthzReportsVersionAndStore) {
  auto j = GetJson("/healthz", 200);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["version"], "test");
  EXPECT_EQ(j["store"]["backend"], "sqlite");
  EXPECT_EQ(j["standards"], 5);
}

TEST_F(StandardsApiTest, ListsAndShowsStandards) {
  auto list = GetJson("/api/v1/standards", 200);
  ASSERT_EQ(list["standards"].size(), 5u);
  auto one = GetJson("/api/v1/standards/llm-deploy-engineer", 200);
  EXPECT_EQ(one["levels"].size(), 3u);
  EXPECT_EQ(one["weight_tables"].size(), 2u);
  auto missing = GetJson("/api/v1/standards/nope", 404);
  EXPECT_EQ(missing["code"], "standard.not_found");
  EXPECT_FALSE(missing["detail_zh"].get<std::string>().empty());
}

TEST_F(StandardsApiTest, LevelWithDirectionAndInheritance) {
  auto mid = GetJson("/api/v1/standards/llm-deploy-engineer/levels/mid", 200);
  EXPECT_EQ(mid["functions"].size(), 4u);
  EXPECT_EQ(mid["inherited_functions"][0]["level"], "junior");
  auto need_dir = GetJson("/api/v1/standards/ai-engineering-technician/levels/mid", 400);
  EXPECT_EQ(need_dir["code"], "standard.direction_required");
  auto cv = GetJson("/api/v1/standards/ai-engineering-technician/levels/mid?direction=cv", 200);
  EXPECT_EQ(cv["direction"], "cv");
  GetJson("/api/v1/standards/ai-engineering-technician/levels/mid?direction=nope", 404);
  GetJson("/api/v1/standards/llm-deploy-engineer/levels/expert", 404);
  auto cmp = GetJson("/api/v1/standards/llm-deploy-engineer/compare?from=junior&to=mid", 200);
  EXPECT_EQ(cmp["to"]["level"]["id"], "mid");
  GetJson("/api/v1/standards/llm-deploy-engineer/compare?from=junior", 400);
}

TEST_F(StandardsApiTest, WeightTablesAndExports) {
  auto w = GetJson("/api/v1/standards/ai-engineering-technician/weights?direction=chip", 200);
  ASSERT_EQ(w["weight_tables"].size(), 2u);
  bool dash = false;
  for (const auto& row : w["weight_tables"][0]["rows"]) {
    for (const auto& cell : row["weights"]) dash |= cell.is_null();
  }
  EXPECT_TRUE(dash) << "'-' cells are null (not examined)";
  auto cas = GetJson("/api/v1/standards/llm-deploy-engineer/export/case", 200);
  EXPECT_TRUE(cas.contains("CFDocument"));
  EXPECT_GT(cas["CFItems"].size(), 196u);
  TestClient c(server_->port());
  auto md = c.Get("/api/v1/standards/llm-deploy-engineer/export/markdown");
  EXPECT_EQ(md.result_int(), 200u);
  EXPECT_NE(md.body().find("大模型部署工程师"), std::string::npos);
}

TEST_F(StandardsApiTest, ChineseFullTextSearch) {
  auto hits = GetJson("/api/v1/search/requirements?q=%E6%8E%A8%E7%90%86%E5%BC%95%E6%93%8E", 200);  // 推理引擎
  ASSERT_FALSE(hits["hits"].empty());
  for (const auto& h : hits["hits"])
    EXPECT_NE(h["text"].get<std::string>().find("推理引擎"), std::string::npos);
  auto two =
      GetJson("/api/v1/search/requirements?q=%E7%9B%91%E6%8E%A7&standard=llm-deploy-engineer", 200);  // 监控
  EXPECT_FALSE(two["hits"].empty());
  GetJson("/api/v1/search/requirements", 400);
  GetJson("/api/v1/search/requirements?q=x&limit=0", 400);
  GetJson("/api/v1/search/requirements?q=x&limit=abc", 400);
  GetJson("/api/v1/search/requirements?q=x&standard=nope", 404);
}

TEST_F(StandardsApiTest, EligibilityCheck) {
  auto ok = PostJson(
      "/api/v1/eligibility/check",
      R"({"standard":"llm-deploy-engineer","level":"junior","profile":{"occupation_years":1}})", 200);
  EXPECT_EQ(ok["verdict"], "eligible");
  EXPECT_EQ(ok["matched_alternative"], "1");
  auto no =
      PostJson("/api/v1/eligibility/check",
               R"({"standard":"llm-deploy-engineer","level":"mid","profile":{"occupation_years":3.5}})", 200);
  EXPECT_EQ(no["verdict"], "not_eligible");
  EXPECT_GE(no["explanation_zh"].size(), 2u);
  // Bad input: 4xx with a stable code, never 500.
  EXPECT_EQ(PostJson("/api/v1/eligibility/check", "{not json", 400)["code"], "request.bad_json");
  EXPECT_EQ(PostJson("/api/v1/eligibility/check", "", 400)["code"], "request.empty_body");
  EXPECT_EQ(PostJson("/api/v1/eligibility/check", "[1,2]", 400)["code"], "request.bad_body");
  EXPECT_EQ(
      PostJson("/api/v1/eligibility/check", R"({"standard":"nope","level":"mid","profile":{}})", 404)["code"],
      "standard.not_found");
  EXPECT_EQ(PostJson("/api/v1/eligibility/check",
                     R"({"standard":"llm-deploy-engineer","level":"mid","profile":{"education":"phd"}})",
                     400)["code"],
            "profile.invalid");
  EXPECT_EQ(
      PostJson("/api/v1/eligibility/check",
               R"({"standard":"llm-deploy-engineer","level":"mid","profile":{"occupation_years":1e308}})",
               400)["code"],
      "profile.invalid");
  EXPECT_EQ(PostJson("/api/v1/eligibility/check",
                     R"({"standard":"llm-deploy-engineer","level":"x","profile":{}})", 404)["code"],
            "eligibility.unknown_level");
}

TEST_F(StandardsApiTest, OpenApiDocumentsEveryRoute) {
  auto spec = GetJson("/api/v1/openapi.json", 200);
  EXPECT_EQ(spec["openapi"], "3.0.3");
  size_t checked = 0;
  for (const auto& route : server_->router().routes()) {
    std::string method(http::MethodName(route.method));
    for (auto& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (method == "head") continue;  // HEAD is served for every GET route
    ASSERT_TRUE(spec["paths"].contains(route.pattern)) << route.pattern << " is not documented";
    EXPECT_TRUE(spec["paths"][route.pattern].contains(method)) << method << " " << route.pattern;
    ++checked;
  }
  EXPECT_GE(checked, 10u);
}

TEST_F(StandardsApiTest, MetricsCountRequestsByRoute) {
  // One keep-alive connection: the server records a request after writing its response and
  // before reading the next one on that connection, so the second request sees the first
  // counted. Across two connections the scrape could race the recording.
  TestClient c(server_->port());
  ASSERT_EQ(c.Get("/api/v1/standards").result_int(), 200u);
  auto m = c.Get("/metrics");
  EXPECT_EQ(m.result_int(), 200u);
  EXPECT_NE(m.body().find("kaoping_http_requests_total{route=\"/api/v1/standards\""), std::string::npos)
      << m.body();
}

}  // namespace
}  // namespace kaoping::api
