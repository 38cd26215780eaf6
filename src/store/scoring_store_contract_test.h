// The scoring store contract suite: behaviour every ScoringStore backend must have. A backend's
// test instantiates it with a factory returning fresh, empty system, delivery and scoring
// repositories on one database (scoring rows reference plans, attempts and users):
//
//   INSTANTIATE_TEST_SUITE_P(Sqlite, ScoringStoreContractTest,
//                            ::testing::Values(ScoringStoreFactory{"sqlite", [] { return …; }}));
//
// Tests use only the public Store / DeliveryStore / ScoringStore interfaces (no SQL), so a
// PostgreSQL backend runs them unchanged.
#ifndef KAOPING_STORE_SCORING_STORE_CONTRACT_TEST_H_
#define KAOPING_STORE_SCORING_STORE_CONTRACT_TEST_H_

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include <gtest/gtest.h>

#include "store/delivery_store.h"
#include "store/scoring_store.h"
#include "store/store.h"

namespace kaoping::store {

struct ScoringStores {
  std::unique_ptr<Store> system;
  std::unique_ptr<DeliveryStore> delivery;
  std::unique_ptr<ScoringStore> scoring;
};

struct ScoringStoreFactory {
  std::string name;
  std::function<ScoringStores()> make;
  friend std::ostream& operator<<(std::ostream& os, const ScoringStoreFactory& f) { return os << f.name; }
};

class ScoringStoreContractTest : public ::testing::TestWithParam<ScoringStoreFactory> {
 protected:
  void SetUp() override {
    stores_ = GetParam().make();
    ASSERT_NE(stores_.system, nullptr);
    ASSERT_NE(stores_.delivery, nullptr);
    ASSERT_NE(stores_.scoring, nullptr);
  }
  void TearDown() override {
    if (stores_.system) stores_.system->Close();
  }
  Store& sys() { return *stores_.system; }
  DeliveryStore& del() { return *stores_.delivery; }
  ScoringStore& sc() { return *stores_.scoring; }
  ScoringStores stores_;
};

}  // namespace kaoping::store

#endif  // KAOPING_STORE_SCORING_STORE_CONTRACT_TEST_H_
