#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>

#include "store/store_contract_test.h"

namespace kaoping::store {
namespace {

std::string FreshDbPath() {
  static std::atomic<int> counter{0};
  auto dir = std::filesystem::temp_directory_path() /
             ("kaoping-sqlite-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return (dir / "kaoping.db").string();
}

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
