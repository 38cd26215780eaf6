// The delivery store contract suite: behaviour every DeliveryStore backend must have. A
// backend's test file instantiates it with a factory returning a fresh, empty pair of
// repositories on one database (the delivery tables reference the system track's users):
//
//   INSTANTIATE_TEST_SUITE_P(Sqlite, DeliveryStoreContractTest,
//                            ::testing::Values(DeliveryStoreFactory{"sqlite", [] { return …; }}));
//
// Tests use only the public Store/DeliveryStore interfaces (no SQL, no placeholders), so a
// PostgreSQL backend runs them unchanged.
#ifndef KAOPING_STORE_DELIVERY_STORE_CONTRACT_TEST_H_
#define KAOPING_STORE_DELIVERY_STORE_CONTRACT_TEST_H_

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include <gtest/gtest.h>

#include "store/delivery_store.h"
#include "store/store.h"

namespace kaoping::store {

struct DeliveryStores {
  std::unique_ptr<Store> system;
  std::unique_ptr<DeliveryStore> delivery;
};

struct DeliveryStoreFactory {
  std::string name;
  std::function<DeliveryStores()> make;
  friend std::ostream& operator<<(std::ostream& os, const DeliveryStoreFactory& f) { return os << f.name; }
};

class DeliveryStoreContractTest : public ::testing::TestWithParam<DeliveryStoreFactory> {
 protected:
  void SetUp() override {
    stores_ = GetParam().make();
    ASSERT_NE(stores_.system, nullptr);
    ASSERT_NE(stores_.delivery, nullptr);
  }
  void TearDown() override {
    if (stores_.system) stores_.system->Close();
  }
  Store& sys() { return *stores_.system; }
  DeliveryStore& del() { return *stores_.delivery; }
  DeliveryStores stores_;
};

}  // namespace kaoping::store

#endif  // KAOPING_STORE_DELIVERY_STORE_CONTRACT_TEST_H_
