#include "store/sqlite/sqlite_store.h"

#include <atomic>
#include <filesystem>

#include <gtest/gtest.h>

#include "store/sqlite/database.h"
#include "store/store_contract_test.h"

namespace kaoping::store {

std::string FreshDbPathForTests();

namespace {

std::string FreshDbPath() {
  return FreshDbPathForTests();
}

}  // namespace

std::string FreshDbPathForTests() {
  static std::atomic<int> counter{0};
  auto dir = std::filesystem::temp_directory_path() /
             ("kaoping-sqlite-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return (dir / "kaoping.db").string();
}

namespace {

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContractTest,
                         ::testing::Values(StoreFactory{"sqlite", []() -> std::unique_ptr<Store> {
                                                          auto s = OpenSqliteStore({FreshDbPath(), 4});
                                                          if (!s.ok()) {
                                                            ADD_FAILURE() << s.status();
                                                            return nullptr;
                                                          }
                                                          return std::move(s).value();
                                                        }}));

TEST(SqliteStoreTest, MigrationsAreRecordedAndReopenIsIdempotent) {
  std::string path = FreshDbPath();
  {
    auto s = OpenSqliteStore({path, 1});
    ASSERT_TRUE(s.ok()) << s.status();
    EXPECT_EQ((*s)->Info().schema_version, SqliteSchemaVersion());
    ASSERT_TRUE((*s)->PutSetting("persist", "yes").ok());
    (*s)->Close();
  }
  auto again = OpenSqliteStore({path, 1});
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ((*again)->GetSetting("persist")->value_or(""), "yes");
}

TEST(SqliteStoreTest, UnopenableFileIsUnavailable) {
  auto s = OpenSqliteStore({"/nonexistent-dir/kaoping.db", 1});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace kaoping::store

namespace kaoping::store::sqlite {
namespace {

TEST(DatabaseTest, TracksMigrateIndependentlyAndBatchIsolatesFailures) {
  auto db = Database::Open(kaoping::store::FreshDbPathForTests(), 2);
  ASSERT_TRUE(db.ok()) << db.status();
  ASSERT_TRUE((*db)->ApplyMigrations("a", {"CREATE TABLE a1 (x INTEGER PRIMARY KEY)"}).ok());
  ASSERT_TRUE(
      (*db)->ApplyMigrations("b", {"CREATE TABLE b1 (x INTEGER)", "CREATE TABLE b2 (y TEXT NOT NULL)"}).ok());
  EXPECT_EQ(*(*db)->TrackVersion("a"), 1);
  EXPECT_EQ(*(*db)->TrackVersion("b"), 2);
  // Re-applying is a no-op; a build that knows fewer migrations refuses a newer file.
  EXPECT_TRUE(
      (*db)->ApplyMigrations("b", {"CREATE TABLE b1 (x INTEGER)", "CREATE TABLE b2 (y TEXT NOT NULL)"}).ok());
  EXPECT_EQ((*db)->ApplyMigrations("b", {"CREATE TABLE b1 (x INTEGER)"}).reason(), "store.schema_too_new");
  // Group commit: three writes in one transaction, the middle one fails and is rolled back alone.
  std::vector<Status> results;
  Status commit = (*db)->WriteBatch(
      {[](Connection& c) { return c.Exec("INSERT INTO a1(x) VALUES (1)"); },
       [](Connection& c) { return c.Exec("INSERT INTO a1(x) VALUES (2); INSERT INTO a1(x) VALUES (1)"); },
       [](Connection& c) { return c.Exec("INSERT INTO a1(x) VALUES (3)"); }},
      &results);
  ASSERT_TRUE(commit.ok()) << commit;
  EXPECT_TRUE(results[0].ok());
  EXPECT_FALSE(results[1].ok());
  EXPECT_TRUE(results[2].ok());
  int count = -1;
  ASSERT_TRUE((*db)
                  ->Read([&](Connection& c) -> Status {
                    KP_ASSIGN_OR_RETURN(
                        Statement st, c.Prepare("SELECT group_concat(x) FROM (SELECT x FROM a1 ORDER BY x)"));
                    KP_ASSIGN_OR_RETURN(bool row, st.Step());
                    count = row ? static_cast<int>(st.Text(0).size()) : 0;
                    EXPECT_EQ(st.Text(0), "1,3");
                    return Status();
                  })
                  .ok());
  EXPECT_EQ(count, 3);
  (*db)->Close();
  EXPECT_EQ((*db)->Write([](Connection&) { return Status(); }).code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace kaoping::store::sqlite
