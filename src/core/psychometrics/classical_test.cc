// Tests of classical item analysis. Data: LSAT-6 (Bock & Lieberman 1970; a published table of
// pattern counts, also in R ltm, GPL ≥ 2 — see test_data.h) and small response sets invented in
// this file. References: α from LSAT-6's published marginals; the other statistics recomputed in
// the test from their definitions.

#include "core/psychometrics/classical.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "core/psychometrics/test_data.h"

namespace kaoping::psychometrics {
namespace {

bool Has(const ClassicalItemStats& s, ItemFlag f) {
  return std::find(s.flags.begin(), s.flags.end(), f) != s.flags.end();
}

// Coefficient α / KR-20 on LSAT-6 (Bock & Lieberman 1970; see test_data.h for source and
// licence). Reference computed independently from the published marginals alone: item
// proportions correct .924 .709 .553 .763 .870 and the number-correct distribution
// 3 20 85 237 357 298 (scores 0..5, N = 1000):
//   α = 5/4 · (1 − Σ p(1−p) / Var(X)) with population variances on both sides.
TEST(ClassicalTest, Lsat6AlphaMatchesPublishedMarginals) {
  auto report = AnalyzeItems(testing::Lsat6Weighted());
  ASSERT_TRUE(report.ok()) << report.status();
  const double p[] = {0.924, 0.709, 0.553, 0.763, 0.870};
  const double freq[] = {3, 20, 85, 237, 357, 298};
  double sum_pq = 0;
  for (double v : p) sum_pq += v * (1 - v);
  double mean = 0, sq = 0;
  for (int s = 0; s <= 5; ++s) {
    mean += s * freq[s] / 1000;
    sq += s * s * freq[s] / 1000;
  }
  const double var = sq - mean * mean;
  const double alpha = 5.0 / 4.0 * (1 - sum_pq / var);
  EXPECT_NEAR(report->form.alpha, alpha, 1e-12);
  EXPECT_NEAR(report->form.alpha, 0.2950, 5e-4);  // the value the formula gives, for readers
  EXPECT_DOUBLE_EQ(report->form.kr20, report->form.alpha);
  EXPECT_NEAR(report->form.mean_total, mean, 1e-12);
  EXPECT_NEAR(report->form.sd_total, std::sqrt(var * 1000 / 999), 1e-12);
  EXPECT_NEAR(report->form.sem, report->form.sd_total * std::sqrt(1 - alpha), 1e-12);
  for (int i = 0; i < 5; ++i) EXPECT_NEAR(report->items[i].facility, p[i], 1e-12);
  // Expanded and weighted forms agree.
  auto expanded = AnalyzeItems(testing::Lsat6Expanded());
  ASSERT_TRUE(expanded.ok());
  EXPECT_NEAR(expanded->form.alpha, alpha, 1e-12);
  for (int i = 0; i < 5; ++i) {
    EXPECT_NEAR(expanded->items[i].discrimination_index, report->items[i].discrimination_index, 1e-12);
    EXPECT_NEAR(expanded->items[i].point_biserial, report->items[i].point_biserial, 1e-12);
  }
}

double Pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    mx += x[i] / n;
    my += y[i] / n;
  }
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

// A small hand-checkable form: 10 persons, 4 choice items with 4 options (A–D), keys B, A, C, D.
// Item 4 is miskeyed: the strong group picks A.
struct SmallForm {
  std::vector<std::vector<int>> choice = {
      // i1 i2 i3 i4   (option index; A = 0)
      {1, 0, 2, 0}, {1, 0, 2, 0}, {1, 0, 2, 0}, {1, 0, 1, 0}, {1, 1, 1, 3},
      {1, 1, 0, 3}, {0, 1, 2, 3}, {2, 1, 1, 3}, {0, 1, 0, 0}, {2, 2, 1, 3},
  };
  std::vector<int> keys = {1, 0, 2, 3};
  ChoiceResponses Choices() const {
    ChoiceResponses c;
    c.options = {4, 4, 4, 4};
    c.keys = keys;
    for (const auto& row : choice) c.choices.insert(c.choices.end(), row.begin(), row.end());
    return c;
  }
  ResponseMatrix Scored() const {
    std::vector<std::vector<int>> rows;
    for (const auto& row : choice) {
      std::vector<int> r;
      for (int i = 0; i < 4; ++i) r.push_back(row[i] == keys[i] ? 1 : 0);
      rows.push_back(r);
    }
    return ResponseMatrix::FromRows({"i1", "i2", "i3", "i4"}, rows).value();
  }
};

TEST(ClassicalTest, ItemStatisticsMatchHandComputation) {
  SmallForm form;
  const ResponseMatrix scored = form.Scored();
  const ChoiceResponses choices = form.Choices();
  ClassicalOptions o;
  o.group_fraction = 0.3;  // 3 persons per group
  auto r = AnalyzeItems(scored, o, &choices, {"f1", "f1", "f2", "f2"});
  ASSERT_TRUE(r.ok()) << r.status();
  std::vector<double> total(10, 0.0);
  for (int p = 0; p < 10; ++p) {
    for (int i = 0; i < 4; ++i) total[p] += scored.at(p, i);
  }
  for (int i = 0; i < 4; ++i) {
    std::vector<double> x(10), rest(10);
    double mean = 0;
    for (int p = 0; p < 10; ++p) {
      x[p] = scored.at(p, i);
      rest[p] = total[p] - x[p];
      mean += x[p] / 10;
    }
    EXPECT_NEAR(r->items[i].facility, mean, 1e-12) << i;
    EXPECT_NEAR(r->items[i].point_biserial, Pearson(x, total), 1e-12) << i;
    EXPECT_NEAR(r->items[i].corrected_item_total, Pearson(x, rest), 1e-12) << i;
    // α without the item, from the matrix of the other three.
    std::vector<std::size_t> keep;
    for (std::size_t j = 0; j < 4; ++j) {
      if (static_cast<int>(j) != i) keep.push_back(j);
    }
    EXPECT_NEAR(r->items[i].alpha_if_deleted, CronbachAlpha(scored.SelectItems(keep)), 1e-12);
  }
  // Totals: 3 3 3 2 2 2 2 1 0 1 → upper = persons 1–3, lower = persons 8–10.
  // Item 1 (key B): the upper group all chose B; persons 8, 9, 10 chose C, A, C.
  EXPECT_NEAR(r->items[0].discrimination_index, 1.0 - 0.0, 1e-12);
  const auto& opts = r->items[0].options;
  ASSERT_EQ(opts.size(), 4u);
  EXPECT_TRUE(opts[1].is_key);
  EXPECT_NEAR(opts[1].share, 0.6, 1e-12);
  EXPECT_NEAR(opts[0].share, 0.2, 1e-12);
  EXPECT_NEAR(opts[3].share, 0.0, 1e-12);
  EXPECT_NEAR(opts[2].lower_share, 2.0 / 3.0, 1e-12);
  EXPECT_TRUE(Has(r->items[0], ItemFlag::kDistractorNotChosen));  // nobody picks D
  EXPECT_EQ(r->items[0].flagged_options, std::vector<std::string>({"D"}));
  // Item 4 (key D) is picked by the lower group; the upper group picks A.
  EXPECT_TRUE(Has(r->items[3], ItemFlag::kDistractorPreferredOverKey));
  EXPECT_TRUE(Has(r->items[3], ItemFlag::kDistractorAttractsUpperGroup));
  EXPECT_TRUE(Has(r->items[3], ItemFlag::kNegativeDiscrimination));
  EXPECT_LT(r->items[3].discrimination_index, 0);
  // Per-function reliability equals α of the sub-matrix.
  ASSERT_EQ(r->groups.size(), 2u);
  EXPECT_EQ(r->groups[0].group, "f1");
  const std::vector<std::size_t> f1 = {0, 1};
  EXPECT_NEAR(r->groups[0].alpha, CronbachAlpha(scored.SelectItems(f1)), 1e-12);
}

TEST(ClassicalTest, FlagThresholdsAreConfigurable) {
  auto data = ResponseMatrix::FromRows({"easy", "hard", "mid"}, {{1, 0, 1},
                                                                 {1, 0, 1},
                                                                 {1, 0, 0},
                                                                 {1, 1, 1},
                                                                 {1, 0, 0},
                                                                 {0, 0, 0},
                                                                 {1, 0, 1},
                                                                 {1, 0, 0},
                                                                 {1, 0, 1},
                                                                 {1, 0, 0}})
                  .value();
  auto r = AnalyzeItems(data);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->items[0].facility, 0.9, 1e-12);
  EXPECT_FALSE(Has(r->items[0], ItemFlag::kTooEasy));  // default: flag when p > .90
  EXPECT_TRUE(Has(r->items[1], ItemFlag::kTooHard));   // p = .1 < .20
  EXPECT_FALSE(Has(r->items[2], ItemFlag::kTooHard));
  ClassicalOptions strict;
  strict.too_easy_above = 0.85;
  strict.too_hard_below = 0.05;
  auto r2 = AnalyzeItems(data, strict);
  EXPECT_TRUE(Has(r2->items[0], ItemFlag::kTooEasy));
  EXPECT_FALSE(Has(r2->items[1], ItemFlag::kTooHard));
  EXPECT_EQ(ItemFlagName(ItemFlag::kDistractorNotChosen), "distractor_not_chosen");
}

// Persons tied at the 27 % boundary enter the group with equal fractional weight, so the result
// does not depend on row order.
TEST(ClassicalTest, GroupBoundaryTiesDoNotDependOnRowOrder) {
  std::vector<std::vector<int>> rows = {{1, 1, 1}, {1, 1, 0}, {0, 1, 1}, {1, 0, 1}, {0, 0, 1},
                                        {1, 0, 0}, {0, 1, 0}, {0, 0, 0}, {1, 1, 1}, {0, 0, 1}};
  auto a = AnalyzeItems(ResponseMatrix::FromRows({"x", "y", "z"}, rows).value());
  std::reverse(rows.begin(), rows.end());
  auto b = AnalyzeItems(ResponseMatrix::FromRows({"x", "y", "z"}, rows).value());
  ASSERT_TRUE(a.ok() && b.ok());
  for (int i = 0; i < 3; ++i)
    EXPECT_NEAR(a->items[i].discrimination_index, b->items[i].discrimination_index, 1e-12);
}

TEST(ClassicalTest, MissingPolicies) {
  auto data = ResponseMatrix::FromRows({"a", "b"}, {{1, kMissing}, {1, 1}, {0, 0}, {1, 0}}).value();
  auto zero = AnalyzeItems(data);
  ClassicalOptions cc;
  cc.missing = MissingPolicy::kCompleteCasesOnly;
  auto complete = AnalyzeItems(data, cc);
  ASSERT_TRUE(zero.ok() && complete.ok());
  EXPECT_NEAR(zero->items[1].facility, 0.25, 1e-12);
  EXPECT_NEAR(zero->items[1].answered, 3.0, 1e-12);
  EXPECT_NEAR(complete->items[1].facility, 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(complete->form.num_persons, 3.0, 1e-12);
  EXPECT_FALSE(AnalyzeItems(data, ClassicalOptions{.group_fraction = 0.7}).ok());
}

}  // namespace
}  // namespace kaoping::psychometrics
