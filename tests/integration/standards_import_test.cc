// POST /api/v1/standards/import on the real server over a copy of the shipped packs
// (Harness::standards_dir()): a valid pack with a new id is written as <id>.yaml, listed, served,
// searchable, usable for a blueprint, audited, and loads again at the next start; a duplicate id
// is 409 and changes nothing; an invalid pack is 422 with file:line:key diagnostics and writes no
// file; a hand-placed <id>.yaml is not overwritten; anonymous 401, non-admins 403. Validate warns
// ("standard.already_loaded", "standard.file_exists") about a valid pack whose import would be
// refused.

#include <fstream>
#include <set>
#include <sstream>

#include "integration/harness.h"
#include "support/files.h"

namespace kaoping::integration {
namespace {

using testing_support::FileNames;
using testing_support::ReadFile;

class StandardsImportTest : public ::testing::Test {
 protected:
  Reply Import(const std::string& yaml, const std::string& name, const std::string& token) {
    return h_.Call(bhttp::verb::post, "/api/v1/standards/import?name=" + name, yaml, token,
                   {{"Content-Type", "application/yaml"}});
  }
  Reply Validate(const std::string& yaml, const std::string& name) {
    return h_.Call(bhttp::verb::post, "/api/v1/standards/validate?name=" + name, yaml, admin_,
                   {{"Content-Type", "application/yaml"}});
  }
  std::set<std::string> Listed() {
    std::set<std::string> ids;
    auto r = h_.Get("/api/v1/standards", {});
    EXPECT_EQ(r.status, 200) << r.body;
    for (const auto& s : r.json["standards"]) ids.insert(s.value("id", ""));
    return ids;
  }
  int AuditCount(const std::string& action) {
    auto rows = h_.store().ReadAudit(0, 10'000);
    EXPECT_TRUE(rows.ok()) << rows.status();
    int n = 0;
    for (const auto& r : *rows) n += r.action == action ? 1 : 0;
    return n;
  }

  Harness h_;
  std::string admin_ = h_.TokenFor("admin");
};

TEST_F(StandardsImportTest, AValidPackGoesLiveAtOnce) {
  const std::string yaml = testing_support::ShippedPackWithId("it-imported-deploy");
  auto r = Import(yaml, "my%20upload.yaml", admin_);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json.value("id", ""), "it-imported-deploy");
  EXPECT_EQ(r.json.value("file", ""), "it-imported-deploy.yaml") << "the file name comes from the id";
  EXPECT_TRUE(r.json.value("valid", false));
  EXPECT_GT(r.json.value("requirements", 0), 50);
  EXPECT_EQ(r.json["standard"].value("id", ""), "it-imported-deploy");
  EXPECT_EQ(r.raw[bhttp::field::location], "/api/v1/standards/it-imported-deploy");

  // The file, byte for byte, and no temporary file left behind.
  const fs::path file = h_.standards_dir() / "it-imported-deploy.yaml";
  ASSERT_TRUE(fs::exists(file));
  EXPECT_EQ(ReadFile(file), yaml);
  for (const auto& f : FileNames(h_.standards_dir())) EXPECT_EQ(f.find("import-tmp"), std::string::npos) << f;

  // Listed, served whole and by level, searchable, and the bank derives a blueprint from it.
  EXPECT_TRUE(Listed().count("it-imported-deploy"));
  auto page = h_.Get("/api/v1/standards/it-imported-deploy", {});
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.json.value("id", ""), "it-imported-deploy");
  EXPECT_EQ(h_.Get("/api/v1/standards/it-imported-deploy/levels/mid", {}).status, 200);
  auto hits = h_.Get("/api/v1/search/requirements?q=%E9%83%A8%E7%BD%B2&standard=it-imported-deploy", {});
  ASSERT_EQ(hits.status, 200) << hits.body;
  ASSERT_FALSE(hits.json["hits"].empty()) << "the requirement lines are indexed";
  for (const auto& hit : hits.json["hits"]) EXPECT_EQ(hit.value("standard", ""), "it-imported-deploy");
  auto bp = h_.Get("/api/v1/blueprint?standard=it-imported-deploy&level=mid&kind=theory", admin_);
  EXPECT_EQ(bp.status, 200) << bp.body;

  // Audited: who, which pack, which file.
  auto rows = h_.store().ReadAudit(0, 10'000);
  ASSERT_TRUE(rows.ok());
  const delivery::AuditRecord* rec = nullptr;
  for (const auto& x : *rows) {
    if (x.action == "standard.import") rec = &x;
  }
  ASSERT_NE(rec, nullptr);
  EXPECT_EQ(rec->actor_login, "admin");
  EXPECT_EQ(rec->object, "standard:it-imported-deploy");
  auto detail = Json::parse(rec->detail);
  EXPECT_EQ(detail.value("file", ""), "it-imported-deploy.yaml");
  EXPECT_EQ(detail.value("origin", ""), "my upload.yaml");
  EXPECT_EQ(detail.value("sha256", "").size(), 64u);

  // The next start loads the directory with the imported file, without a duplicate id.
  auto reloaded = service::StandardsCatalog::Load(h_.standards_dir().string());
  ASSERT_TRUE(reloaded.ok()) << reloaded.status();
  EXPECT_NE((*reloaded)->Find("it-imported-deploy"), nullptr);
  EXPECT_EQ((*reloaded)->All().size(), h_.catalog().All().size());
}

TEST_F(StandardsImportTest, ALoadedIdIsRefusedAndNothingChanges) {
  const auto files = FileNames(h_.standards_dir());
  const auto ids = Listed();
  // A shipped pack sent again (its own id).
  auto shipped = Import(ReadFile(h_.standards_dir() / "002-llm-deploy-engineer.yaml"), "again.yaml", admin_);
  EXPECT_EQ(shipped.status, 409) << shipped.body;
  EXPECT_EQ(shipped.json.value("code", ""), "standard.already_loaded");
  EXPECT_NE(shipped.json.value("detail", "").find("not supported"), std::string::npos) << shipped.body;
  EXPECT_NE(shipped.json.value("detail_zh", "").find("不支持替换"), std::string::npos) << shipped.body;

  // An imported pack sent a second time, changed: still the first one.
  const std::string first = testing_support::ShippedPackWithId("it-twice");
  ASSERT_EQ(Import(first, "a.yaml", admin_).status, 201);
  std::string changed = first;
  changed.replace(changed.find("大模型部署工程师"), std::string("大模型部署工程师").size(), "另一个标题");
  auto again = Import(changed, "b.yaml", admin_);
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.json.value("code", ""), "standard.already_loaded");
  EXPECT_EQ(ReadFile(h_.standards_dir() / "it-twice.yaml"), first);
  auto files_after = FileNames(h_.standards_dir());
  files_after.erase("it-twice.yaml");
  EXPECT_EQ(files_after, files);
  auto ids_after = Listed();
  ids_after.erase("it-twice");
  EXPECT_EQ(ids_after, ids);
  EXPECT_EQ(AuditCount("standard.import"), 1);
}

TEST_F(StandardsImportTest, ValidateWarnsBeforeImportWhenTheIdIsLoaded) {
  const auto files = FileNames(h_.standards_dir());
  // A new id: valid, no warning; nothing written by validating.
  auto fresh = Validate(testing_support::ShippedPackWithId("it-validate-fresh"), "fresh.yaml");
  ASSERT_EQ(fresh.status, 200) << fresh.body;
  EXPECT_TRUE(fresh.json.value("valid", false));
  ASSERT_TRUE(fresh.json.contains("warnings")) << fresh.body;
  EXPECT_TRUE(fresh.json["warnings"].empty()) << fresh.body;

  // A shipped pack's id: still valid (200, no diagnostics), with the warning Import would refuse for.
  auto shipped = Validate(ReadFile(h_.standards_dir() / "002-llm-deploy-engineer.yaml"), "again.yaml");
  ASSERT_EQ(shipped.status, 200) << shipped.body;
  EXPECT_TRUE(shipped.json.value("valid", false));
  EXPECT_TRUE(shipped.json["diagnostics"].empty());
  ASSERT_EQ(shipped.json["warnings"].size(), 1u) << shipped.body;
  const auto& w = shipped.json["warnings"][0];
  EXPECT_EQ(w.value("code", ""), "standard.already_loaded");
  EXPECT_NE(w.value("message", "").find("llm-deploy-engineer"), std::string::npos) << shipped.body;
  EXPECT_NE(w.value("message_zh", "").find("已加载"), std::string::npos) << shipped.body;
  EXPECT_EQ(FileNames(h_.standards_dir()), files);

  // After an import the imported id warns too; the import's own answer carries no warning.
  const std::string yaml = testing_support::ShippedPackWithId("it-validate-then-loaded");
  EXPECT_TRUE(Validate(yaml, "x.yaml").json["warnings"].empty());
  auto imported = Import(yaml, "x.yaml", admin_);
  ASSERT_EQ(imported.status, 201) << imported.body;
  EXPECT_TRUE(imported.json["warnings"].empty());
  auto after = Validate(yaml, "x.yaml");
  ASSERT_EQ(after.status, 200) << after.body;
  ASSERT_EQ(after.json["warnings"].size(), 1u) << after.body;
  EXPECT_EQ(after.json["warnings"][0].value("code", ""), "standard.already_loaded");

  // A hand-placed <id>.yaml that is not loaded: the other refusal, also ahead of the import.
  { std::ofstream(h_.standards_dir() / "it-validate-placed.yaml") << "# by hand\n"; }
  auto placed = Validate(testing_support::ShippedPackWithId("it-validate-placed"), "p.yaml");
  ASSERT_EQ(placed.status, 200) << placed.body;
  ASSERT_EQ(placed.json["warnings"].size(), 1u) << placed.body;
  EXPECT_EQ(placed.json["warnings"][0].value("code", ""), "standard.file_exists");
}

TEST_F(StandardsImportTest, AnInvalidPackIs422WithLineAndKeyAndWritesNothing) {
  const auto files = FileNames(h_.standards_dir());
  std::string bad = testing_support::ShippedPackWithId("it-broken");
  const std::string from = "target: \"basic:2.1\", weights: [5, 5, 5]";
  auto at = bad.find(from);
  ASSERT_NE(at, std::string::npos);
  bad.replace(at, from.size(), "target: \"basic:2.1\", weights: [9, 5, 5]");
  auto r = Import(bad, "broken.yaml", admin_);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json.value("code", ""), "standard.invalid_pack");
  EXPECT_FALSE(r.json.value("valid", true));
  ASSERT_FALSE(r.json["diagnostics"].empty());
  bool weight_named = false;
  for (const auto& d : r.json["diagnostics"]) {
    EXPECT_EQ(d.value("file", ""), "broken.yaml");
    EXPECT_GT(d.value("line", 0), 0);
    EXPECT_FALSE(d.value("key", "").empty());
    EXPECT_FALSE(d.value("message_zh", "").empty());
    if (d.value("key", "").find("weight") != std::string::npos) weight_named = true;
  }
  EXPECT_TRUE(weight_named) << r.body;
  // Not YAML at all.
  auto garbage = Import("id: [unclosed\n  - : :", "junk.yaml", admin_);
  EXPECT_EQ(garbage.status, 422) << garbage.body;

  EXPECT_EQ(FileNames(h_.standards_dir()), files);
  EXPECT_FALSE(Listed().count("it-broken"));
  EXPECT_EQ(h_.Get("/api/v1/standards/it-broken", {}).status, 404);
  EXPECT_EQ(AuditCount("standard.import"), 0);
}

TEST_F(StandardsImportTest, AFileAlreadyInTheDirectoryIsNotOverwritten) {
  const fs::path placed = h_.standards_dir() / "it-placed.yaml";
  { std::ofstream(placed) << "# put here by hand after the start\n"; }
  auto r = Import(testing_support::ShippedPackWithId("it-placed"), "placed.yaml", admin_);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.json.value("code", ""), "standard.file_exists");
  EXPECT_EQ(ReadFile(placed), "# put here by hand after the start\n");
  EXPECT_FALSE(Listed().count("it-placed"));
  auto hits = h_.Get("/api/v1/search/requirements?q=%E9%83%A8%E7%BD%B2&limit=500", {});
  ASSERT_EQ(hits.status, 200);
  for (const auto& hit : hits.json["hits"]) EXPECT_NE(hit.value("standard", ""), "it-placed");
}

TEST_F(StandardsImportTest, OnlyAdministratorsImport) {
  const auto files = FileNames(h_.standards_dir());
  h_.CreateUser("author1", {"author"});
  h_.CreateUser("cand1", {"candidate"});
  const std::string yaml = testing_support::ShippedPackWithId("it-denied");
  auto anonymous = Import(yaml, "x.yaml", {});
  EXPECT_EQ(anonymous.status, 401) << anonymous.body;
  for (const char* login : {"author1", "cand1"}) {
    auto r = Import(yaml, "x.yaml", h_.TokenFor(login));
    EXPECT_EQ(r.status, 403) << login << " " << r.body;
    EXPECT_EQ(r.json.value("code", ""), "access.denied");
  }
  EXPECT_EQ(Import({}, "x.yaml", admin_).status, 400);
  EXPECT_EQ(FileNames(h_.standards_dir()), files);
  EXPECT_FALSE(Listed().count("it-denied"));
}

}  // namespace
}  // namespace kaoping::integration
