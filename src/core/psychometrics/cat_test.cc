// Tests of the adaptive engine. Data: item banks drawn with SeededRandom in this file (no external
// data). References: information computed directly; known simulee θs; target content shares.

#include "core/psychometrics/cat.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "core/psychometrics/test_data.h"

namespace kaoping::psychometrics {
namespace {

using testing::TwoPL;

ItemBank MakeBank(int n, std::uint64_t seed, int areas = 2) {
  SeededRandom rng(seed);
  std::vector<CatItem> items;
  for (int i = 0; i < n; ++i) {
    CatItem it;
    it.params =
        TwoPL("i" + std::to_string(i), 0.8 + 1.2 * rng.UniformDouble(), -2.5 + 5.0 * rng.UniformDouble());
    it.content_area = std::string(1, static_cast<char>('A' + i % areas));
    items.push_back(it);
  }
  return ItemBank::Create(std::move(items)).value();
}

TEST(CatTest, SelectsTheMostInformativeItem) {
  std::vector<CatItem> items;
  for (int i = 0; i < 5; ++i)
    items.push_back(CatItem{TwoPL("i" + std::to_string(i), 1.0, -2.0 + i), "A", 1.0});
  auto bank = ItemBank::Create(items).value();
  CatOptions o;
  o.exposure = ExposureControl::kNone;
  auto s = CatSession::Create(&bank, o, 1).value();
  auto first = s.NextItem();
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first, 2u);  // b = 0 is most informative at the prior mean θ = 0
  ASSERT_TRUE(s.RecordResponse(2, 1).ok());
  EXPECT_GT(s.estimate().theta, 0);
  auto second = s.NextItem();
  ASSERT_TRUE(second.ok());
  // The most informative remaining item at the new estimate.
  double best = -1;
  std::size_t arg = 0;
  for (std::size_t i = 0; i < 5; ++i) {
    if (i == 2) continue;
    const double info = ItemInformation(bank.item(i).params, s.estimate().theta);
    if (info > best) {
      best = info;
      arg = i;
    }
  }
  EXPECT_EQ(*second, arg);
  EXPECT_FALSE(s.RecordResponse(0, 1).ok() && arg != 0);  // only the pending item is accepted
}

TEST(CatTest, StopsOnStandardErrorOrMaximumLength) {
  const ItemBank bank = MakeBank(200, 3);
  CatOptions o;
  o.max_length = 12;
  o.target_se = 0.01;  // unreachable → max length
  auto s = CatSession::Create(&bank, o, 9).value();
  SeededRandom answers(4);
  while (!s.ShouldStop()) {
    auto next = s.NextItem();
    ASSERT_TRUE(next.ok());
    ASSERT_TRUE(s.RecordResponse(*next, testing::DrawResponse(bank.item(*next).params, 0.5, answers)).ok());
  }
  EXPECT_EQ(s.administered().size(), 12u);
  EXPECT_EQ(s.NextItem().status().reason(), "psychometrics.cat_finished");
  o.max_length = 60;
  o.target_se = 0.4;
  o.min_length = 3;
  auto t = CatSession::Create(&bank, o, 9).value();
  while (!t.ShouldStop()) {
    auto next = t.NextItem();
    ASSERT_TRUE(t.RecordResponse(*next, testing::DrawResponse(bank.item(*next).params, 0.5, answers)).ok());
  }
  EXPECT_LE(t.estimate().se, 0.4);
  EXPECT_LT(t.administered().size(), 60u);
  EXPECT_GE(t.administered().size(), 3u);
}

TEST(CatTest, ContentBalancingFollowsTargetWeights) {
  const ItemBank bank = MakeBank(300, 5, 3);
  CatOptions o;
  o.max_length = 20;
  o.min_length = 20;
  o.content_weights = {{"A", 0.5}, {"B", 0.3}, {"C", 0.2}};
  auto s = CatSession::Create(&bank, o, 2).value();
  SeededRandom answers(8);
  while (!s.ShouldStop()) {
    auto next = s.NextItem();
    ASSERT_TRUE(s.RecordResponse(*next, testing::DrawResponse(bank.item(*next).params, -0.3, answers)).ok());
  }
  int count[3] = {0, 0, 0};
  for (std::size_t i : s.administered()) ++count[bank.area_index(i)];
  EXPECT_EQ(count[0], 10);
  EXPECT_EQ(count[1], 6);
  EXPECT_EQ(count[2], 4);
}

TEST(CatTest, SameSeedReplaysTheSameTest) {
  const ItemBank bank = MakeBank(100, 7);
  CatSimulationOptions so;
  so.num_simulees = 5;
  so.seed = 77;
  auto a = SimulateCat(bank, so);
  auto b = SimulateCat(bank, so);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->estimated_thetas, b->estimated_thetas);
  so.seed = 78;
  auto c = SimulateCat(bank, so);
  EXPECT_NE(a->estimated_thetas, c->estimated_thetas);
}

// Simulation: known θs are recovered; exposure rates add up to the mean test length.
TEST(CatTest, SimulationRecoversAbilityAndReportsExposure) {
  const ItemBank bank = MakeBank(300, 11);
  CatSimulationOptions so;
  so.num_simulees = 150;
  so.seed = 2024;
  so.cat.max_length = 25;
  so.cat.target_se = 0.35;
  so.cut_points = {-0.5, 0.8};
  auto r = SimulateCat(bank, so);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->simulees, 150);
  EXPECT_LT(std::abs(r->bias), 0.1);
  EXPECT_LT(r->rmse, 0.45);
  EXPECT_GT(r->rmse, 0.15);
  EXPECT_GE(r->mean_length, 5);
  EXPECT_LE(r->mean_length, 25);
  double sum = 0;
  for (double e : r->exposure_rates) sum += e;
  EXPECT_NEAR(sum, r->mean_length, 1e-9);
  EXPECT_GT(r->classification_accuracy, 0.7);
}

TEST(CatTest, SympsonHetterLowersTheMaximumExposure) {
  const ItemBank bank = MakeBank(120, 13);
  CatSimulationOptions so;
  so.num_simulees = 120;
  so.seed = 5;
  so.cat.max_length = 10;
  so.cat.min_length = 10;
  so.cat.exposure = ExposureControl::kNone;
  auto free = SimulateCat(bank, so);
  ASSERT_TRUE(free.ok());
  auto k = CalibrateSympsonHetter(bank, so, 0.3, 6);
  ASSERT_TRUE(k.ok()) << k.status();
  ItemBank controlled = bank;
  ASSERT_TRUE(controlled.SetExposureParameters(*k).ok());
  so.cat.exposure = ExposureControl::kSympsonHetter;
  so.seed = 99;
  auto sh = SimulateCat(controlled, so);
  ASSERT_TRUE(sh.ok());
  EXPECT_GT(free->max_exposure, 0.6);
  EXPECT_LT(sh->max_exposure, 0.45);
  EXPECT_LT(sh->items_never_used, free->items_never_used);
}

TEST(CatTest, PlacementUsesOrderedCutPoints) {
  const std::vector<double> cuts = {-1.0, 0.0, 1.2};
  const std::vector<std::string> names = {"entry", "junior", "mid", "senior"};
  EXPECT_EQ(PlaceAbility(-2.0, cuts, names)->name, "entry");
  EXPECT_EQ(PlaceAbility(0.0, cuts, names)->level, 2);  // at a cut → higher level
  EXPECT_EQ(PlaceAbility(3.0, cuts, names)->name, "senior");
  EXPECT_EQ(PlaceAbility(0.5, cuts)->name, "level 2");
  EXPECT_FALSE(PlaceAbility(0.0, std::vector<double>{1.0, 0.0}).ok());
  EXPECT_FALSE(PlaceAbility(0.0, cuts, std::vector<std::string>{"a"}).ok());
}

TEST(CatTest, RejectsBadOptions) {
  const ItemBank bank = MakeBank(10, 1);
  CatOptions o;
  o.min_length = 5;
  o.max_length = 3;
  EXPECT_FALSE(CatSession::Create(&bank, o, 1).ok());
  CatOptions m;
  m.interim_method = ScoringMethod::kMLE;
  EXPECT_FALSE(CatSession::Create(&bank, m, 1).ok());
  EXPECT_FALSE(ItemBank::Create({}).ok());
  EXPECT_EQ(ParseExposureControl("Sympson_Hetter").value(), ExposureControl::kSympsonHetter);
}

}  // namespace
}  // namespace kaoping::psychometrics
