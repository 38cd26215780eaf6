// `kaoping audit verify` against a real data directory whose SQLite file is tampered with
// directly: an edited row, a deleted row, a deleted tail, and bytes flipped in the file itself.
// Intact → exit 0; tampered → exit 1 naming the first bad row.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/wait.h>

#include <gtest/gtest.h>

#include "store/sqlite/database.h"
#include "store/sqlite/delivery_store_sqlite.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace kaoping::integration {
namespace {

namespace fs = std::filesystem;

struct CliRun {
  int exit_code = -1;
  std::string output;
};

CliRun Verify(const fs::path& dir) {
  std::string cmd =
      std::string(KAOPING_BINARY_DIR) + "/kaoping audit verify --data " + dir.string() + " 2>&1";
  CliRun r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[512];
  while (std::fgets(buf, sizeof(buf), p)) r.output += buf;
  int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

fs::path MakeLog(const std::string& name, int rows) {
  fs::path dir = fs::temp_directory_path() / ("kaoping-audit-cli-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto db = store::sqlite::Database::Open((dir / "kaoping.db").string(), 1);
  EXPECT_TRUE(db.ok());
  auto sys = store::OpenSqliteStore(*db);
  auto del = store::OpenSqliteDeliveryStore(*db);
  EXPECT_TRUE(sys.ok() && del.ok());
  for (int i = 1; i <= rows; ++i) {
    store::AuditEntry e;
    e.at_ms = 1'772'413'200'000 + i;
    e.actor_id = 1;
    e.actor_login = "admin";
    e.action = "registration.approve";
    e.object = "registration:" + std::to_string(i);
    e.detail = "{\"reason\":\"MARKER-" + std::to_string(1000 + i) + "\"}";
    EXPECT_TRUE((*del)->AppendAudit(e).ok());
  }
  (*db)->Close();  // checkpoints: every row is in the main file
  return dir;
}

void Sql(const fs::path& dir, const std::string& sql) {
  auto c = store::sqlite::Connection::Open((dir / "kaoping.db").string(), false);
  ASSERT_TRUE(c.ok());
  Status s = (*c)->Exec(sql);
  ASSERT_TRUE(s.ok()) << s;
  ASSERT_TRUE((*c)->Exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
}

TEST(AuditCliTest, IntactLogVerifies) {
  fs::path dir = MakeLog("intact", 8);
  CliRun r = Verify(dir);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("audit log intact: 8 rows"), std::string::npos) << r.output;
  fs::remove_all(dir);
}

TEST(AuditCliTest, EditedRowIsNamed) {
  fs::path dir = MakeLog("edited", 8);
  Sql(dir,
      "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = '{\"reason\":\"forged\"}' WHERE seq = "
      "5");
  CliRun r = Verify(dir);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("first bad row 5"), std::string::npos) << r.output;
  fs::remove_all(dir);
}

TEST(AuditCliTest, DeletedRowsAreNamed) {
  fs::path dir = MakeLog("deleted", 8);
  Sql(dir, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 3");
  CliRun r = Verify(dir);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("first bad row 3"), std::string::npos) << r.output;
  fs::remove_all(dir);

  fs::path tail = MakeLog("tail", 8);
  Sql(tail, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq >= 7");
  r = Verify(tail);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("first bad row 7"), std::string::npos) << r.output;
  fs::remove_all(tail);
}

// No SQL at all: flip one byte of a row's text inside the database file.
TEST(AuditCliTest, BytesFlippedInTheFileAreCaught) {
  fs::path dir = MakeLog("bytes", 8);
  fs::path file = dir / "kaoping.db";
  std::string data;
  {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    data = ss.str();
  }
  auto pos = data.find("MARKER-1006");
  ASSERT_NE(pos, std::string::npos);
  data[pos + 10] = '7';  // MARKER-1006 → MARKER-1007 (same length: the page stays well-formed)
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << data;
  }
  CliRun r = Verify(dir);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("first bad row 6"), std::string::npos) << r.output;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace kaoping::integration
