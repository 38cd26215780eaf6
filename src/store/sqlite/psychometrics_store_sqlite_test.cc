#include "store/sqlite/psychometrics_store_sqlite.h"

#include <atomic>
#include <filesystem>

#include <unistd.h>

#include <gtest/gtest.h>

#include "store/psychometrics_store_contract_test.h"
#include "store/sqlite/bank_store_sqlite.h"
#include "store/sqlite/database.h"
#include "store/sqlite/delivery_store_sqlite.h"
#include "store/sqlite/sqlite_store.h"

namespace kaoping::store {
namespace {

std::string FreshPath() {
  static std::atomic<int> counter{0};
  auto dir =
      std::filesystem::temp_directory_path() /
      ("kaoping-psychometrics-store-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return (dir / "kaoping.db").string();
}

PsychometricsStores OpenAll(const std::string& path) {
  PsychometricsStores out;
  auto db = sqlite::Database::Open(path, 2);
  if (!db.ok()) {
    ADD_FAILURE() << db.status();
    return out;
  }
  auto sys = OpenSqliteStore(*db);
  auto del = OpenSqliteDeliveryStore(*db);
  auto bank = OpenSqliteBankStore(*db);
  auto psy = OpenSqlitePsychometricsStore(*db);
  if (!sys.ok() || !del.ok() || !bank.ok() || !psy.ok()) {
    ADD_FAILURE() << sys.status() << " " << del.status() << " " << bank.status() << " " << psy.status();
    return out;
  }
  out.system = std::move(sys).value();
  out.delivery = std::move(del).value();
  out.bank = std::move(bank).value();
  out.psychometrics = std::move(psy).value();
  return out;
}

INSTANTIATE_TEST_SUITE_P(Sqlite, PsychometricsStoreContractTest,
                         ::testing::Values(PsychometricsStoreFactory{"sqlite",
                                                                     [] { return OpenAll(FreshPath()); }}));

// Reopening applies no migration twice and keeps the rows (the schema version is the track's).
TEST(SqlitePsychometricsStoreTest, ReopensAtTheCurrentSchemaVersion) {
  const std::string path = FreshPath();
  {
    auto s = OpenAll(path);
    ASSERT_NE(s.psychometrics, nullptr);
    s.system->Close();
  }
  auto db = sqlite::Database::Open(path, 1);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(OpenSqlitePsychometricsStore(*db).ok());
  auto v = (*db)->TrackVersion("psychometrics");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, SqlitePsychometricsSchemaVersion());
  (*db)->Close();
}

}  // namespace
}  // namespace kaoping::store
