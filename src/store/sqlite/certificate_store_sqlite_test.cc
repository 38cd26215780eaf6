#include "store/sqlite/certificate_store_sqlite.h"

#include <atomic>
#include <filesystem>

#include <unistd.h>

#include <gtest/gtest.h>

#include "store/certificate_store_contract_test.h"
#include "store/sqlite/database.h"
#include "store/sqlite/delivery_store_sqlite.h"
#include "store/sqlite/sqlite_store.h"

namespace kaoping::store {
namespace {

std::string FreshPath() {
  static std::atomic<int> counter{0};
  auto dir =
      std::filesystem::temp_directory_path() /
      ("kaoping-certificate-store-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return (dir / "kaoping.db").string();
}

CertificateStores OpenAll(const std::string& path) {
  CertificateStores out;
  auto db = sqlite::Database::Open(path, 4);
  if (!db.ok()) {
    ADD_FAILURE() << db.status();
    return out;
  }
  auto sys = OpenSqliteStore(*db);
  auto del = sys.ok() ? OpenSqliteDeliveryStore(*db) : Result<std::unique_ptr<DeliveryStore>>(sys.status());
  auto certs =
      del.ok() ? OpenSqliteCertificateStore(*db) : Result<std::unique_ptr<CertificateStore>>(del.status());
  if (!certs.ok()) {
    ADD_FAILURE() << certs.status();
    return out;
  }
  out.system = std::move(sys).value();
  out.delivery = std::move(del).value();
  out.certificates = std::move(certs).value();
  return out;
}

INSTANTIATE_TEST_SUITE_P(Sqlite, CertificateStoreContractTest,
                         ::testing::Values(CertificateStoreFactory{"sqlite",
                                                                   [] { return OpenAll(FreshPath()); }}));

TEST(SqliteCertificateStoreTest, OwnMigrationTrackAndReopen) {
  std::string path = FreshPath();
  {
    auto s = OpenAll(path);
    ASSERT_TRUE(s.certificates->AllocateSerial("A", 10).ok());
    s.system->Close();
  }
  auto db = sqlite::Database::Open(path, 1);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(*(*db)->TrackVersion("certificates"), SqliteCertificateSchemaVersion());
  auto again = OpenSqliteCertificateStore(*db);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*(*again)->AllocateSerial("A", 10), 2);  // serials survive a restart
  (*db)->Close();
}

}  // namespace
}  // namespace kaoping::store
