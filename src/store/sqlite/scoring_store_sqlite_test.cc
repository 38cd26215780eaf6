#include "store/sqlite/scoring_store_sqlite.h"

#include <atomic>
#include <filesystem>

#include <unistd.h>

#include <gtest/gtest.h>

#include "store/scoring_store_contract_test.h"
#include "store/sqlite/database.h"
#include "store/sqlite/delivery_store_sqlite.h"
#include "store/sqlite/sqlite_store.h"

namespace kaoping::store {
namespace {

std::string FreshPath() {
  static std::atomic<int> counter{0};
  auto dir = std::filesystem::temp_directory_path() /
             ("kaoping-scoring-store-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return (dir / "kaoping.db").string();
}

ScoringStores OpenAll(const std::string& path) {
  ScoringStores out;
  auto db = sqlite::Database::Open(path, 4);
  if (!db.ok()) {
    ADD_FAILURE() << db.status();
    return out;
  }
  auto sys = OpenSqliteStore(*db);
  auto del = sys.ok() ? OpenSqliteDeliveryStore(*db) : Result<std::unique_ptr<DeliveryStore>>(sys.status());
  auto sc = del.ok() ? OpenSqliteScoringStore(*db) : Result<std::unique_ptr<ScoringStore>>(del.status());
  if (!sc.ok()) {
    ADD_FAILURE() << sc.status();
    return out;
  }
  out.system = std::move(sys).value();
  out.delivery = std::move(del).value();
  out.scoring = std::move(sc).value();
  return out;
}

INSTANTIATE_TEST_SUITE_P(Sqlite, ScoringStoreContractTest,
                         ::testing::Values(ScoringStoreFactory{"sqlite",
                                                               [] { return OpenAll(FreshPath()); }}));

// Reopening the file keeps everything and does not re-run the migrations.
TEST(ScoringStoreSqlite, ReopenKeepsSchema) {
  std::string path = FreshPath();
  {
    auto s = OpenAll(path);
    ASSERT_NE(s.scoring, nullptr);
    s.system->Close();
  }
  auto s = OpenAll(path);
  ASSERT_NE(s.scoring, nullptr);
  EXPECT_EQ(s.scoring->GetSettings(1).status().reason(), "scoring.no_settings");
  s.system->Close();
}

}  // namespace
}  // namespace kaoping::store
