// Tests of standard setting. Data: item parameters and ratings invented in this file. References:
// the Angoff sums and the RP-location formulas computed by hand.

#include "core/psychometrics/standard_setting.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "core/psychometrics/test_data.h"

namespace kaoping::psychometrics {
namespace {

using testing::Graded;
using testing::TwoPL;

const std::vector<ItemParameters>& Form() {
  static const std::vector<ItemParameters> kForm = {TwoPL("q1", 1.0, -1.0), TwoPL("q2", 1.5, 0.0),
                                                    TwoPL("q3", 0.8, 0.5, 0.2),
                                                    Graded("q4", 1.2, {-0.5, 0.8})};
  return kForm;
}

TEST(StandardSettingTest, ModifiedAngoffByHand) {
  const std::vector<std::vector<double>> ratings = {
      {0.8, 0.6, 0.5, 1.2}, {0.7, 0.5, 0.4, 1.0}, {0.9, 0.7, 0.6, 1.4}};
  auto r = ModifiedAngoff(Form(), ratings);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->rater_raw_cuts.size(), 3u);
  EXPECT_NEAR(r->rater_raw_cuts[0], 3.1, 1e-12);
  EXPECT_NEAR(r->rater_raw_cuts[1], 2.6, 1e-12);
  EXPECT_NEAR(r->rater_raw_cuts[2], 3.6, 1e-12);
  EXPECT_NEAR(r->raw_cut, 3.1, 1e-12);
  EXPECT_NEAR(r->raw_cut_se, 0.5 / std::sqrt(3.0), 1e-12);  // SD of (3.1, 2.6, 3.6) is 0.5
  EXPECT_NEAR(TestCharacteristic(Form(), r->theta_cut), 3.1, 1e-9);
  EXPECT_FALSE(ModifiedAngoff(Form(), {{0.8, 0.6, 0.5}}).ok());
  EXPECT_FALSE(ModifiedAngoff(Form(), {{0.8, 0.6, 0.5, 2.5}}).ok());  // q4 max is 2
}

TEST(StandardSettingTest, BookletIsOrderedByRp67Location) {
  auto booklet = OrderedItemBooklet(Form());
  ASSERT_TRUE(booklet.ok());
  ASSERT_EQ(booklet->size(), 5u);  // 3 dichotomous pages + 2 score points of q4
  const double l67 = std::log(0.67 / 0.33);
  // Hand formulas: 2PL b + ln(.67/.33)/a; 3PL b + ln(p*/(1−p*))/a with p* = (.67 − c)/(1 − c);
  // GRM b_k + ln(.67/.33)/a.
  const double pstar = (0.67 - 0.2) / 0.8;
  const std::vector<std::pair<std::string, double>> expected = {
      {"q1", -1.0 + l67},
      {"q4", -0.5 + l67 / 1.2},
      {"q2", l67 / 1.5},
      {"q3", 0.5 + std::log(pstar / (1 - pstar)) / 0.8},
      {"q4", 0.8 + l67 / 1.2}};
  std::vector<std::pair<std::string, double>> sorted = expected;
  std::sort(sorted.begin(), sorted.end(), [](auto& a, auto& b) { return a.second < b.second; });
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    EXPECT_EQ((*booklet)[i].page, static_cast<int>(i + 1));
    EXPECT_EQ((*booklet)[i].item_id, sorted[i].first);
    EXPECT_NEAR((*booklet)[i].location, sorted[i].second, 1e-12);
  }
  // Bookmarks on pages 3, 4, 4 → median of the page locations.
  auto cut = BookmarkCut(Form(), *booklet, {3, 4, 4});
  ASSERT_TRUE(cut.ok());
  EXPECT_NEAR(cut->theta_cut, (*booklet)[3].location, 1e-12);
  EXPECT_NEAR(cut->raw_cut, TestCharacteristic(Form(), cut->theta_cut), 1e-12);
  auto mid = BookmarkCut(Form(), *booklet, {3}, BookmarkRule::kMidpoint);
  EXPECT_NEAR(mid->theta_cut, 0.5 * ((*booklet)[1].location + (*booklet)[2].location), 1e-12);
  auto last = BookmarkCut(Form(), *booklet, {3, 5}, BookmarkRule::kLastMasteredPage);
  EXPECT_NEAR(last->theta_cut, 0.5 * ((*booklet)[1].location + (*booklet)[3].location), 1e-12);
  EXPECT_FALSE(BookmarkCut(Form(), *booklet, {6}).ok());
  EXPECT_FALSE(BookmarkCut(Form(), *booklet, {1}, BookmarkRule::kMidpoint).ok());
}

}  // namespace
}  // namespace kaoping::psychometrics
