// The certificate store contract suite: behaviour every CertificateStore backend must have. A
// backend's test file instantiates it with a factory returning fresh, empty repositories on one
// database (certificates reference the system track's users and audit into the delivery chain):
//
//   INSTANTIATE_TEST_SUITE_P(Sqlite, CertificateStoreContractTest,
//                            ::testing::Values(CertificateStoreFactory{"sqlite", [] { return …; }}));
//
// Tests use only the public Store/DeliveryStore/CertificateStore interfaces (no SQL), so a
// PostgreSQL backend runs them unchanged.
#ifndef KAOPING_STORE_CERTIFICATE_STORE_CONTRACT_TEST_H_
#define KAOPING_STORE_CERTIFICATE_STORE_CONTRACT_TEST_H_

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include <gtest/gtest.h>

#include "store/certificate_store.h"
#include "store/delivery_store.h"
#include "store/store.h"

namespace kaoping::store {

struct CertificateStores {
  std::unique_ptr<Store> system;
  std::unique_ptr<DeliveryStore> delivery;
  std::unique_ptr<CertificateStore> certificates;
};

struct CertificateStoreFactory {
  std::string name;
  std::function<CertificateStores()> make;
  friend std::ostream& operator<<(std::ostream& os, const CertificateStoreFactory& f) { return os << f.name; }
};

class CertificateStoreContractTest : public ::testing::TestWithParam<CertificateStoreFactory> {
 protected:
  void SetUp() override {
    stores_ = GetParam().make();
    ASSERT_NE(stores_.system, nullptr);
    ASSERT_NE(stores_.delivery, nullptr);
    ASSERT_NE(stores_.certificates, nullptr);
  }
  void TearDown() override {
    if (stores_.system) stores_.system->Close();
  }
  Store& sys() { return *stores_.system; }
  DeliveryStore& del() { return *stores_.delivery; }
  CertificateStore& certs() { return *stores_.certificates; }
  CertificateStores stores_;
};

}  // namespace kaoping::store

#endif  // KAOPING_STORE_CERTIFICATE_STORE_CONTRACT_TEST_H_
