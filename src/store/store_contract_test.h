// The store contract suite: behaviour every Store backend must have. A backend's test file
// instantiates it with a factory that returns a fresh, empty store:
//
//   INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContractTest,
//                            ::testing::Values(StoreFactory{"sqlite", [] { return …; }}));
//
// Tests use only the public Store interface, so the PostgreSQL backend runs them unchanged.
#ifndef KAOPING_STORE_STORE_CONTRACT_TEST_H_
#define KAOPING_STORE_STORE_CONTRACT_TEST_H_

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include <gtest/gtest.h>

#include "store/store.h"

namespace kaoping::store {

struct StoreFactory {
  std::string name;
  std::function<std::unique_ptr<Store>()> make;
  friend std::ostream& operator<<(std::ostream& os, const StoreFactory& f) { return os << f.name; }
};

class StoreContractTest : public ::testing::TestWithParam<StoreFactory> {
 protected:
  void SetUp() override {
    store_ = GetParam().make();
    ASSERT_NE(store_, nullptr);
  }
  void TearDown() override {
    if (store_) store_->Close();
  }
  std::unique_ptr<Store> store_;
};

}  // namespace kaoping::store

#endif  // KAOPING_STORE_STORE_CONTRACT_TEST_H_
