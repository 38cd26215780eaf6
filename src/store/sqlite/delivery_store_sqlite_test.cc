#include "store/sqlite/delivery_store_sqlite.h"

#include <atomic>
#include <filesystem>

#include <unistd.h>

#include <gtest/gtest.h>

#include "store/delivery_store_contract_test.h"
#include "store/sqlite/database.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace kaoping::store {
namespace {

std::string FreshPath() {
  static std::atomic<int> counter{0};
  auto dir = std::filesystem::temp_directory_path() /
             ("kaoping-delivery-store-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return (dir / "kaoping.db").string();
}

DeliveryStores OpenBoth(const std::string& path) {
  DeliveryStores out;
  auto db = sqlite::Database::Open(path, 4);
  if (!db.ok()) {
    ADD_FAILURE() << db.status();
    return out;
  }
  auto sys = OpenSqliteStore(*db);
  auto del = sys.ok() ? OpenSqliteDeliveryStore(*db) : Result<std::unique_ptr<DeliveryStore>>(sys.status());
  if (!sys.ok() || !del.ok()) {
    ADD_FAILURE() << sys.status() << " " << del.status();
    return out;
  }
  out.system = std::move(sys).value();
  out.delivery = std::move(del).value();
  return out;
}

INSTANTIATE_TEST_SUITE_P(Sqlite, DeliveryStoreContractTest,
                         ::testing::Values(DeliveryStoreFactory{"sqlite",
                                                                [] { return OpenBoth(FreshPath()); }}));

AuditEntry Entry(const std::string& detail) {
  AuditEntry e;
  e.at_ms = 1'700'000'000'000;
  e.actor_id = 1;
  e.actor_login = "admin";
  e.action = "test.append";
  e.detail = detail;
  return e;
}

delivery::ChainCheck VerifyAll(DeliveryStore& d) {
  delivery::ChainVerifier v;
  auto rows = d.ReadAudit(0, 1000000);
  EXPECT_TRUE(rows.ok());
  for (const auto& r : *rows) v.Add(r);
  auto head = d.GetAuditHead();
  return v.Finish(head->seq, head->hash);
}

TEST(SqliteDeliveryStoreTest, MigrationsOnTheirOwnTrackAndReopen) {
  std::string path = FreshPath();
  {
    auto s = OpenBoth(path);
    ASSERT_TRUE(s.delivery->AppendAudit(Entry("persisted")).ok());
    s.system->Close();
  }
  auto db = sqlite::Database::Open(path, 1);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(*(*db)->TrackVersion("delivery"), SqliteDeliverySchemaVersion());
  auto s2 = OpenSqliteDeliveryStore(*db);
  ASSERT_TRUE(s2.ok());
  EXPECT_EQ((*s2)->GetAuditHead()->seq, 1);
}

TEST(SqliteDeliveryStoreTest, AuditLogRefusesUpdateAndDelete) {
  std::string path = FreshPath();
  auto s = OpenBoth(path);
  ASSERT_TRUE(s.delivery->AppendAudit(Entry("a")).ok());
  auto db = sqlite::Database::Open(path, 1);
  ASSERT_TRUE(db.ok());
  Status upd =
      (*db)->Write([](sqlite::Connection& c) { return c.Exec("UPDATE audit_log SET detail = 'x'"); });
  EXPECT_FALSE(upd.ok());
  Status del = (*db)->Write([](sqlite::Connection& c) { return c.Exec("DELETE FROM audit_log"); });
  EXPECT_FALSE(del.ok());
  EXPECT_TRUE(VerifyAll(*s.delivery).ok);
}

// Tampering with the file directly (dropping the guard triggers, as someone with file access
// could) is caught by the chain.
TEST(SqliteDeliveryStoreTest, TamperingIsDetected) {
  std::string path = FreshPath();
  auto s = OpenBoth(path);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(s.delivery->AppendAudit(Entry("row " + std::to_string(i))).ok());
  ASSERT_TRUE(VerifyAll(*s.delivery).ok);
  auto raw = sqlite::Connection::Open(path, false);
  ASSERT_TRUE(raw.ok());
  ASSERT_TRUE((*raw)->Exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;").ok());
  ASSERT_TRUE((*raw)->Exec("UPDATE audit_log SET detail = 'row X' WHERE seq = 3").ok());
  auto c = VerifyAll(*s.delivery);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.first_bad_seq, 3);
  ASSERT_TRUE((*raw)->Exec("UPDATE audit_log SET detail = 'row 2' WHERE seq = 3").ok());
  EXPECT_TRUE(VerifyAll(*s.delivery).ok);
  ASSERT_TRUE((*raw)->Exec("DELETE FROM audit_log WHERE seq = 5").ok());
  c = VerifyAll(*s.delivery);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.first_bad_seq, 5);
  ASSERT_TRUE((*raw)->Exec("DELETE FROM audit_log WHERE seq = 2").ok());
  c = VerifyAll(*s.delivery);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.first_bad_seq, 2);
}

// The server's configuration: checkpoints in the background, off the commit path. Everything
// written stays readable, and the store shuts down cleanly with the database closed first.
TEST(SqliteDeliveryStoreTest, BackgroundCheckpointsKeepEverything) {
  std::string path = FreshPath();
  {
    auto db = sqlite::Database::Open(path, 2);
    ASSERT_TRUE(db.ok());
    auto sys = OpenSqliteStore(*db);
    ASSERT_TRUE(sys.ok());
    SqliteDeliveryOptions options;
    options.background_checkpoint = true;
    options.checkpoint_interval = std::chrono::milliseconds(1);
    options.writer_autocheckpoint_pages = 100;
    auto del = OpenSqliteDeliveryStore(*db, options);
    ASSERT_TRUE(del.ok()) << del.status();
    for (int i = 0; i < 300; ++i)
      ASSERT_TRUE((*del)->AppendAudit(Entry(std::string(500, 'x') + std::to_string(i))).ok());
    EXPECT_TRUE(VerifyAll(**del).ok);
    (*db)->Close();  // the checkpointer must cope with a closed database until it is stopped
  }
  auto s = OpenBoth(path);
  EXPECT_EQ(s.delivery->GetAuditHead()->seq, 300);
  EXPECT_TRUE(VerifyAll(*s.delivery).ok);
}

// Databases created before the delivered items moved to their own table (migration 2) keep them.
TEST(SqliteDeliveryStoreTest, MigrationTwoMovesItemsOutOfTheAttemptRow) {
  std::string path = FreshPath();
  auto db = sqlite::Database::Open(path, 1);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(OpenSqliteStore(*db).ok());
  EXPECT_EQ(*(*db)->TrackVersion("delivery"), 0);
  ASSERT_TRUE(OpenSqliteDeliveryStore(*db).ok());
  EXPECT_EQ(*(*db)->TrackVersion("delivery"), 2);
  Status has_items_column = (*db)->Read([](sqlite::Connection& c) -> Status {
    auto st = c.Prepare("SELECT items FROM attempts");
    return st.ok() ? Status() : st.status();
  });
  EXPECT_FALSE(has_items_column.ok());
}

}  // namespace
}  // namespace kaoping::store
