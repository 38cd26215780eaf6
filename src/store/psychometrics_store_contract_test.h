// The psychometrics store contract suite: behaviour every PsychometricsStore backend must have. A
// backend's test file instantiates it with a factory returning fresh, empty repositories on one
// database (statistics reference bank item versions; their audit rows join the delivery audit
// chain):
//
//   INSTANTIATE_TEST_SUITE_P(Sqlite, PsychometricsStoreContractTest,
//                            ::testing::Values(PsychometricsStoreFactory{"sqlite", [] { return …; }}));
//
// Tests use only the public interfaces (no SQL), so a PostgreSQL backend runs them unchanged.
#ifndef KAOPING_STORE_PSYCHOMETRICS_STORE_CONTRACT_TEST_H_
#define KAOPING_STORE_PSYCHOMETRICS_STORE_CONTRACT_TEST_H_

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include <gtest/gtest.h>

#include "store/bank_store.h"
#include "store/delivery_store.h"
#include "store/psychometrics_store.h"
#include "store/store.h"

namespace kaoping::store {

struct PsychometricsStores {
  std::unique_ptr<Store> system;
  std::unique_ptr<DeliveryStore> delivery;
  std::unique_ptr<BankStore> bank;
  std::unique_ptr<PsychometricsStore> psychometrics;
};

struct PsychometricsStoreFactory {
  std::string name;
  std::function<PsychometricsStores()> make;
  friend std::ostream& operator<<(std::ostream& os, const PsychometricsStoreFactory& f) {
    return os << f.name;
  }
};

class PsychometricsStoreContractTest : public ::testing::TestWithParam<PsychometricsStoreFactory> {
 protected:
  void SetUp() override {
    stores_ = GetParam().make();
    ASSERT_NE(stores_.system, nullptr);
    ASSERT_NE(stores_.delivery, nullptr);
    ASSERT_NE(stores_.bank, nullptr);
    ASSERT_NE(stores_.psychometrics, nullptr);
  }
  void TearDown() override {
    if (stores_.system) stores_.system->Close();
  }
  DeliveryStore& del() { return *stores_.delivery; }
  BankStore& bank() { return *stores_.bank; }
  PsychometricsStore& psy() { return *stores_.psychometrics; }
  PsychometricsStores stores_;
};

}  // namespace kaoping::store

#endif  // KAOPING_STORE_PSYCHOMETRICS_STORE_CONTRACT_TEST_H_
