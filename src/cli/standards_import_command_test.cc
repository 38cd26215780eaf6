// `kaoping standards import` and `standards validate` on a temporary copy of the shipped standards
// directory, run through the same verb registration as main.cc: a valid pack is written and then
// listed, and audited in the data directory; the same id again is refused in both languages
// naming the file and the id, with the file unchanged; a broken pack prints every error with
// file:line and key and writes nothing; validate warns (exit 0) when a file from outside the
// directory declares an id that is already there.

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <gtest/gtest.h>

#include "cli/cli.h"
#include "store/sqlite/database.h"
#include "store/sqlite/delivery_store_sqlite.h"
#include "store/sqlite/sqlite_store.h"
#include "support/files.h"

namespace kaoping::cli {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using testing_support::FileNames;
using testing_support::ReadFile;
using testing_support::ShippedPackWithId;

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class StandardsImportCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ =
        fs::path(::testing::TempDir()) / ("kp-cli-std-import-" + std::to_string(::getpid()) + "-" +
                                          ::testing::UnitTest::GetInstance()->current_test_info()->name());
    standards_ = root_ / "standards";
    data_ = root_ / "var";
    fs::remove_all(root_);
    fs::create_directories(root_ / "upload");
    fs::copy(testing_support::SourceDir() / "standards", standards_, fs::copy_options::recursive);
  }
  void TearDown() override { fs::remove_all(root_); }

  // Parses `args` against a root app wired like main.cc (global --standards-dir and --data),
  // capturing what the verb prints.
  CliRun Kaoping(std::vector<std::string> args) {
    CLI::App root{"kaoping"};
    CommonOptions common;
    common.standards_dir = standards_.string();
    common.data_dir = data_.string();
    CliRun r;
    AddStandardsCommands(root, &common, &r.exit_code);
    args.insert(args.begin(), "kaoping");
    std::vector<const char*> argv;
    for (const std::string& a : args) argv.push_back(a.c_str());
    std::ostringstream out, err;
    std::streambuf* old_out = std::cout.rdbuf(out.rdbuf());
    std::streambuf* old_err = std::cerr.rdbuf(err.rdbuf());
    try {
      root.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const CLI::ParseError& e) {
      r.exit_code = 2;
      err << e.what();
    }
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    r.out = out.str();
    r.err = err.str();
    return r;
  }

  std::string Upload(const std::string& name, const std::string& text) {
    const fs::path p = root_ / "upload" / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }

  std::set<std::string> ListedIds() {
    CliRun r = Kaoping({"standards", "list", "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::set<std::string> ids;
    for (const auto& p : Json::parse(r.out)) ids.insert(p.value("id", ""));
    return ids;
  }

  std::vector<delivery::AuditRecord> Audit() {
    auto db = store::sqlite::Database::Open((data_ / "kaoping.db").string(), 1);
    EXPECT_TRUE(db.ok()) << db.status();
    if (!db.ok()) return {};
    auto users = store::OpenSqliteStore(*db);
    auto delivery = store::OpenSqliteDeliveryStore(*db);
    EXPECT_TRUE(users.ok() && delivery.ok());
    auto rows = (*delivery)->ReadAudit(0, 1000);
    EXPECT_TRUE(rows.ok()) << rows.status();
    (*db)->Close();
    return rows.ok() ? *rows : std::vector<delivery::AuditRecord>{};
  }

  fs::path root_;       // a fresh directory per test
  fs::path standards_;  // root_/standards: a copy of the shipped packs
  fs::path data_;       // root_/var: the data directory (audit log)
};

TEST_F(StandardsImportCommandTest, AValidPackIsWrittenListedAndAudited) {
  const std::string yaml = ShippedPackWithId("cli-imported-deploy");
  const std::string file = Upload("my-pack.yaml", yaml);
  EXPECT_FALSE(ListedIds().count("cli-imported-deploy"));

  CliRun r = Kaoping({"standards", "import", file});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("已导入标准 imported cli-imported-deploy"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("条要求 requirements"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("下次启动时加载"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("next start"), std::string::npos) << r.out;

  // The file, byte for byte, under the name of its id; no temporary file left behind.
  const fs::path written = standards_ / "cli-imported-deploy.yaml";
  ASSERT_TRUE(fs::exists(written));
  EXPECT_EQ(ReadFile(written), yaml);
  for (const auto& f : FileNames(standards_)) EXPECT_EQ(f.find("import-tmp"), std::string::npos) << f;

  // `standards list` on the same directory shows it; so will `kaoping serve`.
  EXPECT_TRUE(ListedIds().count("cli-imported-deploy"));
  CliRun show = Kaoping({"standards", "show", "cli-imported-deploy", "--level", "mid", "--json"});
  EXPECT_EQ(show.exit_code, 0) << show.err;

  // Audited as the built-in administrator "cli".
  int imports = 0;
  for (const auto& rec : Audit()) {
    if (rec.action != "standard.import") continue;
    ++imports;
    EXPECT_EQ(rec.actor_login, "cli");
    EXPECT_EQ(rec.object, "standard:cli-imported-deploy");
    auto detail = Json::parse(rec.detail);
    EXPECT_EQ(detail.value("file", ""), "cli-imported-deploy.yaml");
    EXPECT_EQ(detail.value("origin", ""), file);
  }
  EXPECT_EQ(imports, 1);
}

TEST_F(StandardsImportCommandTest, JsonSaysWhatWasImported) {
  CliRun r = Kaoping({"standards", "import", Upload("p.yaml", ShippedPackWithId("cli-json-pack")), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json j = Json::parse(r.out);
  EXPECT_TRUE(j.value("imported", false));
  EXPECT_EQ(j.value("id", ""), "cli-json-pack");
  EXPECT_EQ(j.value("written", ""), (standards_ / "cli-json-pack.yaml").string());
  EXPECT_GT(j["counts"].value("requirements", 0), 50);
  EXPECT_EQ(j["counts"].value("levels", 0), 3);
  EXPECT_FALSE(j["title"].value("zh", "").empty());
}

TEST_F(StandardsImportCommandTest, AnIdAlreadyInTheDirectoryIsRefusedAndNothingChanges) {
  const std::string first = ShippedPackWithId("cli-twice");
  ASSERT_EQ(Kaoping({"standards", "import", Upload("a.yaml", first)}).exit_code, 0);
  const auto files = FileNames(standards_);

  // The same id again, with another title: refused, the first file stays.
  std::string changed = first;
  changed.replace(changed.find("大模型部署工程师"), std::string("大模型部署工程师").size(), "另一个标题");
  const std::string again = Upload("b.yaml", changed);
  CliRun r = Kaoping({"standards", "import", again});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("错误：无法导入 " + again), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("标识为“cli-twice”"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("未写入任何文件"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("error: cannot import " + again), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("id 'cli-twice'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing was written"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find((standards_ / "cli-twice.yaml").string()), std::string::npos)
      << "names the file that holds the id: " << r.err;
  EXPECT_EQ(ReadFile(standards_ / "cli-twice.yaml"), first);
  EXPECT_EQ(FileNames(standards_), files);

  // A shipped pack's own id, from outside the directory: refused naming the shipped file.
  const std::string shipped = Upload(
      "copy.yaml", ReadFile(testing_support::SourceDir() / "standards" / "002-llm-deploy-engineer.yaml"));
  CliRun s = Kaoping({"standards", "import", shipped, "--json"});
  EXPECT_NE(s.exit_code, 0);
  Json j = Json::parse(s.out);
  EXPECT_FALSE(j.value("imported", true));
  EXPECT_EQ(j.value("code", ""), "standard.already_loaded");
  EXPECT_EQ(j.value("id", ""), "llm-deploy-engineer");
  EXPECT_NE(j.value("message", "").find("002-llm-deploy-engineer.yaml"), std::string::npos) << s.out;
  EXPECT_EQ(FileNames(standards_), files);

  int imports = 0;
  for (const auto& rec : Audit()) imports += rec.action == "standard.import" ? 1 : 0;
  EXPECT_EQ(imports, 1);
}

TEST_F(StandardsImportCommandTest, AFileNamedAfterTheIdIsNeverOverwritten) {
  // A file <id>.yaml that declares another id (here: a copy of a shipped pack).
  const fs::path squatter = standards_ / "cli-squatted.yaml";
  fs::rename(standards_ / "001-llm-positions-report.yaml", squatter);
  const std::string before = ReadFile(squatter);
  CliRun r = Kaoping({"standards", "import", Upload("s.yaml", ShippedPackWithId("cli-squatted"))});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("已存在"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("never overwritten"), std::string::npos) << r.err;
  EXPECT_EQ(ReadFile(squatter), before);
}

TEST_F(StandardsImportCommandTest, ABrokenPackNamesFileLineAndKeyAndWritesNothing) {
  std::string bad = ShippedPackWithId("cli-broken");
  const std::string from = "target: \"basic:2.1\", weights: [5, 5, 5]";
  auto at = bad.find(from);
  ASSERT_NE(at, std::string::npos);
  bad.replace(at, from.size(), "target: \"basic:2.1\", weights: [9, 5, 5]");
  const std::string file = Upload("broken.yaml", bad);
  const auto files = FileNames(standards_);

  CliRun r = Kaoping({"standards", "import", file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("未写入任何文件"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing written"), std::string::npos) << r.err;
  // Each error as file:line:column: key, in both languages: here the weight table.
  EXPECT_NE(r.err.find(file + ":"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("weight_tables["), std::string::npos) << r.err;

  // Every error, none left out: two unknown keys at two lines.
  std::string two = ShippedPackWithId("cli-broken");
  two.insert(two.find("\nlevels:") + 1, "levelz: 1\n");
  two += "\nunknown_top_level_key: 1\n";
  const std::string file2 = Upload("broken-twice.yaml", two);
  CliRun j = Kaoping({"standards", "import", file2, "--json"});
  EXPECT_EQ(j.exit_code, 1);
  Json report = Json::parse(j.out);
  EXPECT_FALSE(report.value("valid", true));
  ASSERT_EQ(report["errors"].size(), 2u) << j.out;
  EXPECT_EQ(report["errors"][0].value("key", ""), "levelz");
  EXPECT_EQ(report["errors"][1].value("key", ""), "unknown_top_level_key");
  for (const auto& d : report["errors"]) {
    EXPECT_EQ(d.value("file", ""), file2);
    EXPECT_GT(d.value("line", 0), 0) << d.dump();
    EXPECT_FALSE(d.value("key", "").empty()) << d.dump();
    EXPECT_FALSE(d.value("message_zh", "").empty());
  }

  EXPECT_EQ(FileNames(standards_), files);
  EXPECT_FALSE(fs::exists(data_)) << "an invalid pack opens nothing";
  EXPECT_FALSE(ListedIds().count("cli-broken"));
}

TEST_F(StandardsImportCommandTest, ValidateWarnsWhenTheIdIsAlreadyThere) {
  const std::string loaded = Upload(
      "copy.yaml", ReadFile(testing_support::SourceDir() / "standards" / "002-llm-deploy-engineer.yaml"));
  const std::string fresh = Upload("fresh.yaml", ShippedPackWithId("cli-fresh"));

  CliRun r = Kaoping({"standards", "validate", loaded, fresh});
  EXPECT_EQ(r.exit_code, 0) << "a warning is not an error: " << r.out << r.err;
  EXPECT_NE(r.out.find("✓ " + loaded), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("⚠ 警告：标识为“llm-deploy-engineer”的标准已加载"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("warning [standard.already_loaded]"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("cli-fresh"), r.out.rfind("cli-fresh")) << "one line for the fresh pack, no warning";

  CliRun j = Kaoping({"standards", "validate", loaded, fresh, "--json"});
  ASSERT_EQ(j.exit_code, 0);
  Json report = Json::parse(j.out);
  ASSERT_EQ(report.size(), 2u);
  EXPECT_TRUE(report[0].value("valid", false));
  ASSERT_EQ(report[0]["warnings"].size(), 1u) << j.out;
  EXPECT_EQ(report[0]["warnings"][0].value("code", ""), "standard.already_loaded");
  EXPECT_FALSE(report[0]["warnings"][0].value("message_zh", "").empty());
  EXPECT_TRUE(report[1]["warnings"].empty()) << j.out;

  // The directory's own files are the loaded packs: no warnings for them.
  CliRun all = Kaoping({"standards", "validate", "--json"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  for (const auto& f : Json::parse(all.out)) EXPECT_TRUE(f["warnings"].empty()) << f.dump();
  CliRun own =
      Kaoping({"standards", "validate", (standards_ / "002-llm-deploy-engineer.yaml").string(), "--json"});
  ASSERT_EQ(own.exit_code, 0);
  EXPECT_TRUE(Json::parse(own.out)[0]["warnings"].empty()) << own.out;
}

}  // namespace
}  // namespace kaoping::cli
