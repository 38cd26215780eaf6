// The bank routes through the real router, service, SQLite store and CBC (no server socket:
// requests are dispatched in-process).

#include "api/bank_routes.h"

#include <atomic>
#include <filesystem>
#include <sstream>

#include <unistd.h>

#include <gtest/gtest.h>

#include "core/bank/synthetic.h"
#include "solver/cbc/cbc_solver.h"
#include "store/sqlite/bank_store_sqlite.h"
#include "store/sqlite/database.h"
#include "support/files.h"
#include "wire/item_json.h"

namespace kaoping::api {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// Test hook: X-Test-User and X-Test-Roles (comma separated); no header → 401.
Result<service::Actor> TestActor(const http::Request& r) {
  auto user = r.Header("X-Test-User");
  if (!user) return Unauthenticated("auth.required", "sign in first", "请先登录");
  service::Actor a;
  a.login = std::string(*user);
  std::stringstream roles(std::string(r.Header("X-Test-Roles").value_or("")));
  for (std::string role; std::getline(roles, role, ',');) a.roles.push_back(role);
  return a;
}

struct Api {
  std::shared_ptr<const service::StandardsCatalog> catalog;
  std::shared_ptr<store::sqlite::Database> db;
  std::unique_ptr<store::BankStore> store;
  ManualClock clock{FromUnixMillis(1'763'900'000'000)};
  std::unique_ptr<service::BankService> bank;
  http::Router router;

  Api() {
    static std::atomic<int> n{0};
    auto dir = fs::temp_directory_path() /
               ("kaoping-bank-api-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    fs::remove_all(dir);
    fs::create_directories(dir);
    auto c = service::StandardsCatalog::Load(std::string(KAOPING_SOURCE_DIR) + "/standards");
    EXPECT_TRUE(c.ok());
    catalog = *c;
    db = *store::sqlite::Database::Open((dir / "k.db").string(), 2);
    store = std::move(store::OpenSqliteBankStore(db)).value();
    bank = std::make_unique<service::BankService>(catalog, *store, solver::MakeCbcSolver(), clock);
    ApiContext ctx;
    ctx.catalog = catalog;
    ctx.clock = &clock;
    ctx.version = "test";
    ctx.bank = bank.get();
    ctx.bank_actor = TestActor;
    Status s = RegisterApi(router, ctx);
    EXPECT_TRUE(s.ok()) << s;
  }

  http::Response Call(http::Method m, const std::string& path, const std::string& who = "",
                      const std::string& roles = "", const std::string& body = "",
                      std::multimap<std::string, std::string, std::less<>> query = {}) {
    http::Request r;
    r.method = m;
    r.method_name = std::string(http::MethodName(m));
    r.path = r.target = path;
    r.query = std::move(query);
    r.body = body;
    r.request_id = "test";
    if (!who.empty()) {
      r.headers.Add("X-Test-User", who);
      r.headers.Add("X-Test-Roles", roles);
    }
    return router.Dispatch(r);
  }
};

Json Body(const http::Response& r) {
  return Json::parse(r.body);
}

std::string FixtureText() {
  return testing_support::ReadFile(testing_support::SourceDir() / "tests/data/bank/fixture-items.json");
}

TEST(BankRoutesTest, EveryRouteNeedsAnActorAndIsDocumented) {
  Api api;
  auto r = api.Call(http::Method::kGet, "/api/v1/items");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(Body(r)["code"], "auth.required");
  auto spec = Body(api.Call(http::Method::kGet, "/api/v1/openapi.json"));
  for (const char* p : {"/api/v1/items", "/api/v1/items/{id}/approve", "/api/v1/bank/import",
                        "/api/v1/assemble", "/api/v1/blueprint", "/api/v1/papers/{id}"}) {
    EXPECT_TRUE(spec["paths"].contains(p)) << p;
  }
  EXPECT_EQ(api.Call(http::Method::kGet, "/api/v1/items", "cand", "candidate").status, 403);
}

// The browser sends spreadsheets as they are: the file name picks the reader (interop), the row
// numbers are the spreadsheet's (header = row 1), and a bad file imports nothing.
TEST(BankRoutesTest, ImportsACsvByItsFileNameWithSpreadsheetRowNumbers) {
  Api api;
  const std::string header =
      "题目编号,题型,题干,选项A,选项B,正确答案,分值,标准,等级,考试类型,职业功能,要求编号\n";
  const std::string good =
      "csv-1,单选,CSV：正确做法是？,如实记录,篡改数据,A,1,llm-deploy-engineer,中级,理论,basic:2.1,basic/"
      "2.1.1/1\n";
  const std::string bad =
      "csv-2,单选,CSV：错误答案,如实记录,篡改数据,Z,1,llm-deploy-engineer,中级,理论,basic:2.1,basic/2.1.1/"
      "1\n";
  auto r = api.Call(http::Method::kPost, "/api/v1/bank/import", "admin", "admin", header + good + bad,
                    {{"filename", "items.csv"}});
  ASSERT_EQ(r.status, 400) << r.body;
  Json problem = Body(r);
  EXPECT_EQ(problem["code"], "bank.import_invalid");
  ASSERT_EQ(problem["problems"].size(), 1u) << r.body;
  EXPECT_EQ(problem["problems"][0]["row"], 3);
  EXPECT_EQ(Body(api.Call(http::Method::kGet, "/api/v1/items", "admin", "admin"))["total"], 0);
  auto ok = api.Call(http::Method::kPost, "/api/v1/bank/import", "admin", "admin", header + good,
                     {{"filename", "items.csv"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Body(ok)["imported"], 1);
  auto legacy = api.Call(http::Method::kPost, "/api/v1/bank/import", "admin", "admin", "\xD0\xCF\x11\xE0",
                         {{"filename", "old.xls"}});
  EXPECT_EQ(legacy.status, 400) << legacy.body;
  EXPECT_EQ(Body(legacy)["code"], "interop.not_xlsx");
}

TEST(BankRoutesTest, ImportIsAllOrNothingAndKeysFollowRoles) {
  Api api;
  Json doc = Json::parse(FixtureText());
  Json bad = doc;
  bad["items"][1]["alignment"]["requirements"] = {"mid/knowledge/7.7.7"};
  bad["items"][3]["points"] = -1;
  auto r = api.Call(http::Method::kPost, "/api/v1/bank/import", "admin", "admin", bad.dump());
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.content_type, "application/problem+json");
  Json problem = Body(r);
  EXPECT_EQ(problem["code"], "bank.import_invalid");
  std::set<int> rows;
  for (const auto& p : problem["problems"]) rows.insert(p["row"].get<int>());
  EXPECT_EQ(rows, (std::set<int>{2, 4}));
  auto list = Body(api.Call(http::Method::kGet, "/api/v1/items", "admin", "admin"));
  EXPECT_EQ(list["total"], 0);

  auto ok = api.Call(http::Method::kPost, "/api/v1/bank/import", "admin", "admin", doc.dump());
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Body(ok)["imported"], 5);

  auto as_author = Body(
      api.Call(http::Method::kGet, "/api/v1/items", "alice", "author", "", {{"function", "function:1"}}));
  ASSERT_EQ(as_author["items"].size(), 2u);
  EXPECT_TRUE(as_author["items"][0].contains("answer"));
  auto as_auditor =
      Body(api.Call(http::Method::kGet, "/api/v1/items", "audit", "auditor", "", {{"status", "approved"}}));
  EXPECT_EQ(as_auditor["total"], 3);
  for (const auto& i : as_auditor["items"]) {
    EXPECT_FALSE(i.contains("answer"));
    EXPECT_FALSE(i.contains("explanation"));
  }
  auto detail = Body(api.Call(http::Method::kGet, "/api/v1/items/fx-mid-1.2-001", "audit", "auditor"));
  EXPECT_FALSE(detail["item"].contains("answer"));
  EXPECT_EQ(detail["events"][0]["action"], "import");
  EXPECT_EQ(api.Call(http::Method::kGet, "/api/v1/bank/export", "audit", "auditor").status, 403);
  auto exported = api.Call(http::Method::kGet, "/api/v1/bank/export", "bob", "reviewer", "",
                           {{"standard", "llm-deploy-engineer"}});
  ASSERT_EQ(exported.status, 200);
  EXPECT_EQ(Body(exported)["items"].size(), 5u);
  EXPECT_EQ(api.Call(http::Method::kGet, "/api/v1/items", "admin", "admin", "", {{"type", "essay"}}).status,
            400);
}

TEST(BankRoutesTest, AuthoringAndReviewOverHttp) {
  Api api;
  Json item = Json::parse(FixtureText())["items"][3];  // a draft fill-in item by wang.fang
  item["id"] = "api-1";
  auto created = api.Call(http::Method::kPost, "/api/v1/items", "alice", "author", item.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(Body(created)["author"], "alice");
  EXPECT_EQ(api.Call(http::Method::kPost, "/api/v1/items/api-1/submit", "alice", "author").status, 200);
  auto self = api.Call(http::Method::kPost, "/api/v1/items/api-1/approve", "alice", "author,reviewer");
  EXPECT_EQ(self.status, 403);
  EXPECT_EQ(Body(self)["code"], "item.self_review");
  auto no_comment =
      api.Call(http::Method::kPost, "/api/v1/items/api-1/request-changes", "bob", "reviewer", "{}");
  EXPECT_EQ(Body(no_comment)["code"], "review.comment_required");
  auto approved = api.Call(http::Method::kPost, "/api/v1/items/api-1/approve", "bob", "reviewer",
                           R"({"comment": "好", "version": 1})");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Body(approved)["status"], "approved");

  Json edit = Body(approved);
  edit["stem"] = "vLLM 中按层切分模型到多块 GPU 的并行方式称为 {{1}} 并行。";
  auto v2 = api.Call(http::Method::kPut, "/api/v1/items/api-1", "alice", "author", edit.dump());
  ASSERT_EQ(v2.status, 200) << v2.body;
  EXPECT_EQ(Body(v2)["version"], 2);
  EXPECT_EQ(Body(v2)["status"], "draft");
  auto again = api.Call(http::Method::kPut, "/api/v1/items/api-1", "alice", "author",
                        edit.dump());  // still says version 1
  EXPECT_EQ(Body(again)["code"], "item.version_conflict");
  auto v1 = Body(api.Call(http::Method::kGet, "/api/v1/items/api-1/versions/1", "bob", "reviewer"));
  EXPECT_EQ(v1["status"], "approved");
  auto detail = Body(api.Call(http::Method::kGet, "/api/v1/items/api-1", "bob", "reviewer"));
  EXPECT_EQ(detail["history"].size(), 2u);
}

TEST(BankRoutesTest, BlueprintAndAssembly) {
  Api api;
  auto bp = api.Call(http::Method::kGet, "/api/v1/blueprint", "alice", "author", "",
                     {{"standard", "llm-deploy-engineer"}, {"level", "mid"}, {"kind", "theory"}});
  ASSERT_EQ(bp.status, 200) << bp.body;
  EXPECT_EQ(Body(bp)["functions"].size(), 6u);
  auto contra = api.Call(http::Method::kPost, "/api/v1/blueprint", "admin", "admin",
                         R"({"standard": "llm-deploy-engineer", "level": "mid",
                             "options": {"function_points": {"function:4": 30}}})");
  EXPECT_EQ(contra.status, 400);
  EXPECT_EQ(Body(contra)["code"], "blueprint.contradicts_weights");

  // Infeasible: an empty bank — 422 naming each row by its label.
  const std::string req =
      R"({"standard": "llm-deploy-engineer", "level": "mid", "kind": "theory", "seed": 3})";
  auto empty = api.Call(http::Method::kPost, "/api/v1/assemble", "admin", "admin", req);
  ASSERT_EQ(empty.status, 422) << empty.body;
  Json problem = Body(empty);
  EXPECT_EQ(problem["code"], "assembly.supply_short");
  EXPECT_EQ(problem["status"], 422);
  bool named = false;
  for (const auto& s : problem["shortfalls"]) named |= s["label"] == "监控与维护";
  EXPECT_TRUE(named);
  EXPECT_NE(problem["detail_zh"].get<std::string>().find("中级 监控与维护 需要 20 分"), std::string::npos);

  bank::SyntheticBankOptions o;
  o.level = "mid";
  o.size = 500;
  auto syn = bank::GenerateSyntheticBank(*api.catalog->Find("llm-deploy-engineer"), o);
  ASSERT_TRUE(syn.ok());
  auto imp =
      api.Call(http::Method::kPost, "/api/v1/bank/import", "admin", "admin", wire::ItemsToJson(*syn).dump());
  ASSERT_EQ(imp.status, 200) << imp.body.substr(0, 500);
  EXPECT_EQ(api.Call(http::Method::kPost, "/api/v1/assemble", "bob", "reviewer", req).status, 403);
  auto out = api.Call(
      http::Method::kPost, "/api/v1/assemble", "admin", "admin",
      R"({"standard": "llm-deploy-engineer", "level": "mid", "seed": "3", "synthetic": true, "save": true,
                          "forms": 2, "time_limit": 30})");
  ASSERT_EQ(out.status, 200) << out.body.substr(0, 800);
  Json j = Body(out);
  ASSERT_EQ(j["papers"].size(), 2u);
  EXPECT_TRUE(j["coverage"][0]["exact"]);
  EXPECT_EQ(j["shared"][0][1], 0);
  EXPECT_EQ(j["seed"], "3");
  EXPECT_EQ(j["blueprint"]["level_name"], "中级");
  const std::string id = j["papers"][0]["id"];
  EXPECT_EQ(id, "llm-deploy-engineer-mid-theory-20251123-s3-a");
  auto paper =
      api.Call(http::Method::kGet, "/api/v1/papers/" + id, "audit", "auditor", "", {{"items", "true"}});
  ASSERT_EQ(paper.status, 200) << paper.body.substr(0, 300);
  Json pj = Body(paper);
  EXPECT_EQ(pj["items"].size(), 80u);
  EXPECT_EQ(pj["item_versions"].size(), 80u);
  EXPECT_FALSE(pj["item_versions"][0].contains("answer"));  // auditors see no keys
  // The saved paper's coverage table is the one assembly reported for it.
  EXPECT_EQ(pj["coverage"]["paper_id"], id);
  EXPECT_EQ(pj["coverage"]["exact"], j["coverage"][0]["exact"]);
  EXPECT_EQ(pj["coverage"]["functions"], j["coverage"][0]["functions"]);
  EXPECT_FALSE(
      Body(api.Call(http::Method::kGet, "/api/v1/papers/" + id, "admin", "admin")).contains("coverage"));
  auto papers = Body(api.Call(http::Method::kGet, "/api/v1/papers", "admin", "admin"));
  EXPECT_EQ(papers["papers"].size(), 2u);
  auto stats = Body(api.Call(
      http::Method::kGet, "/api/v1/bank/stats", "admin", "admin", "",
      {{"standard", "llm-deploy-engineer"}, {"level", "mid"}, {"kind", "theory"}, {"synthetic", "true"}}));
  EXPECT_EQ(stats["total"], 500);
  EXPECT_EQ(stats["functions"][5]["needed_points"], 20);
}

}  // namespace
}  // namespace kaoping::api
