// Tests of ability scoring. Data: item parameters invented in this file. References (independent
// computations, no published numbers): posterior moments and mode on a fine trapezoid grid, brute-
// force enumeration of all response patterns for Lord–Wingersky.

#include "core/psychometrics/scoring.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "core/psychometrics/test_data.h"

namespace kaoping::psychometrics {
namespace {

using testing::Graded;
using testing::TwoPL;

std::vector<ItemParameters> MixedForm() {
  return {TwoPL("a", 0.8, -1.5), TwoPL("b", 1.2, -0.5), TwoPL("c", 1.6, 0.2, 0.2),
          Graded("d", 1.1, {-1.0, 0.3, 1.4}), TwoPL("e", 1.0, 1.0)};
}

// Brute-force posterior moments on a fine trapezoid grid (an independent integration rule).
void BruteForcePosterior(const std::vector<ItemParameters>& items, const std::vector<int>& x, double& mean,
                         double& sd, double& mode) {
  double s0 = 0, s1 = 0, s2 = 0, best = -1e300;
  for (int k = 0; k <= 16000; ++k) {
    const double t = -8.0 + 16.0 * k / 16000;
    const double lp = ResponseLogLikelihood(items, x, t) - 0.5 * t * t;
    const double w = std::exp(lp) * ((k == 0 || k == 16000) ? 0.5 : 1.0);
    s0 += w;
    s1 += w * t;
    s2 += w * t * t;
    if (lp > best) {
      best = lp;
      mode = t;
    }
  }
  mean = s1 / s0;
  sd = std::sqrt(s2 / s0 - mean * mean);
}

TEST(ScoringTest, EapAndMapAgreeWithBruteForcePosterior) {
  const auto items = MixedForm();
  for (const auto& x :
       std::vector<std::vector<int>>{{1, 0, 1, 2, 0}, {1, 1, 1, 3, 1}, {0, kMissing, 0, 1, 0}}) {
    double mean, sd, mode;
    BruteForcePosterior(items, x, mean, sd, mode);
    auto eap = EstimateAbility(items, x, ScoringMethod::kEAP);
    ASSERT_TRUE(eap.ok());
    EXPECT_NEAR(eap->theta, mean, 1e-5);
    EXPECT_NEAR(eap->se, sd, 1e-5);
    auto map = EstimateAbility(items, x, ScoringMethod::kMAP);
    ASSERT_TRUE(map.ok());
    EXPECT_NEAR(map->theta, mode, 2e-3);  // grid step 1e-3
  }
}

TEST(ScoringTest, MleMaximisesTheLikelihoodAndReportsInformationSe) {
  const auto items = MixedForm();
  const std::vector<int> x = {1, 0, 1, 1, 0};
  auto mle = EstimateAbility(items, x, ScoringMethod::kMLE);
  ASSERT_TRUE(mle.ok());
  EXPECT_TRUE(mle->finite);
  const double f0 = ResponseLogLikelihood(items, x, mle->theta);
  EXPECT_GE(f0, ResponseLogLikelihood(items, x, mle->theta + 1e-3));
  EXPECT_GE(f0, ResponseLogLikelihood(items, x, mle->theta - 1e-3));
  EXPECT_NEAR(mle->se, 1.0 / std::sqrt(TestInformation(items, mle->theta)), 1e-12);
  // Extreme patterns have no finite MLE.
  auto top = EstimateAbility(items, std::vector<int>{1, 1, 1, 3, 1}, ScoringMethod::kMLE);
  ASSERT_TRUE(top.ok());
  EXPECT_FALSE(top->finite);
  EXPECT_TRUE(std::isinf(top->se));
  EXPECT_FALSE(EstimateAbility(items, std::vector<int>{1, 1, 1, 4, 1}, ScoringMethod::kEAP).ok());
  EXPECT_FALSE(EstimateAbility(items, std::vector<int>{1, 1}, ScoringMethod::kEAP).ok());
}

// Property: with Rasch items the sum score is sufficient, so every estimator is strictly
// increasing in it; the Lord–Wingersky EAP[θ | s] is increasing for any monotone items.
TEST(ScoringTest, EstimatesAreMonotoneInSumScore) {
  std::vector<ItemParameters> rasch;
  for (int i = 0; i < 8; ++i) rasch.push_back(TwoPL("r" + std::to_string(i), 1.0, -1.5 + 0.4 * i));
  for (auto method : {ScoringMethod::kEAP, ScoringMethod::kMAP, ScoringMethod::kMLE}) {
    double prev = -1e9;
    for (int s = 1; s < 8; ++s) {
      std::vector<int> x(8, 0);
      for (int i = 0; i < s; ++i) x[(i * 3) % 8] = 1;  // any pattern with sum s
      auto est = EstimateAbility(rasch, x, method);
      ASSERT_TRUE(est.ok());
      EXPECT_GT(est->theta, prev) << ScoringMethodName(method) << " s=" << s;
      prev = est->theta;
    }
  }
  auto table = SummedScoreTable(MixedForm());
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->size(), 8u);  // 0..7
  double total_p = 0;
  for (std::size_t s = 0; s < table->size(); ++s) {
    total_p += (*table)[s].probability;
    if (s > 0) {
      EXPECT_GT((*table)[s].theta, (*table)[s - 1].theta);
    }
    EXPECT_GT((*table)[s].se, 0);
  }
  EXPECT_NEAR(total_p, 1.0, 1e-12);
}

// Lord–Wingersky against brute-force enumeration of all 2·2·2·4·2 = 64 response patterns.
TEST(ScoringTest, SummedScoreDistributionMatchesEnumeration) {
  const auto items = MixedForm();
  const double theta = 0.37;
  std::vector<double> brute(8, 0.0);
  std::vector<int> x(5, 0);
  for (int code = 0; code < 64; ++code) {
    int c = code;
    x[0] = c % 2;
    c /= 2;
    x[1] = c % 2;
    c /= 2;
    x[2] = c % 2;
    c /= 2;
    x[3] = c % 4;
    c /= 4;
    x[4] = c % 2;
    int s = 0;
    for (int v : x) s += v;
    brute[s] += std::exp(ResponseLogLikelihood(items, x, theta));
  }
  const auto lw = SummedScoreDistribution(items, theta);
  ASSERT_EQ(lw.size(), 8u);
  for (int s = 0; s < 8; ++s) EXPECT_NEAR(lw[s], brute[s], 1e-14);
}

TEST(ScoringTest, ParsesMethodNames) {
  EXPECT_EQ(ParseScoringMethod("EAP").value(), ScoringMethod::kEAP);
  EXPECT_EQ(ParseScoringMethod("ml").value(), ScoringMethod::kMLE);
  EXPECT_FALSE(ParseScoringMethod("wle").ok());
}

}  // namespace
}  // namespace kaoping::psychometrics
