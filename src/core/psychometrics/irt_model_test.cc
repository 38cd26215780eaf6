// Tests of the item models and quadrature. Data: item parameters invented in this file (no external
// data). References: closed forms of the 2- and 3-point Gauss–Hermite rules and the normal moments
// 1, 3, 15; model formulas evaluated by hand; information against central differences.

#include "core/psychometrics/irt_model.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "core/psychometrics/test_data.h"

namespace kaoping::psychometrics {
namespace {

using testing::Graded;
using testing::TwoPL;

// Gauss–Hermite rules against their closed forms (nodes ±1 / weights ½; 0, ±√3 / ⅔, ⅙) and the
// normal moments E θ² = 1, E θ⁴ = 3, E θ⁶ = 15 that a rule with n >= 4 integrates exactly.
TEST(QuadratureTest, GaussHermiteMatchesClosedFormsAndMoments) {
  auto q2 = GaussHermiteQuadrature(2).value();
  EXPECT_NEAR(q2.nodes[0], -1.0, 1e-14);
  EXPECT_NEAR(q2.nodes[1], 1.0, 1e-14);
  EXPECT_NEAR(q2.weights[0], 0.5, 1e-14);
  auto q3 = GaussHermiteQuadrature(3).value();
  EXPECT_NEAR(q3.nodes[0], -std::sqrt(3.0), 1e-13);
  EXPECT_NEAR(q3.nodes[1], 0.0, 1e-14);
  EXPECT_NEAR(q3.weights[1], 2.0 / 3.0, 1e-13);
  EXPECT_NEAR(q3.weights[2], 1.0 / 6.0, 1e-13);
  for (int n : {15, 21, 41, 100}) {
    auto q = GaussHermiteQuadrature(n).value();
    double m0 = 0, m2 = 0, m4 = 0, m6 = 0;
    for (std::size_t k = 0; k < q.size(); ++k) {
      const double x = q.nodes[k], w = q.weights[k];
      m0 += w;
      m2 += w * x * x;
      m4 += w * std::pow(x, 4);
      m6 += w * std::pow(x, 6);
    }
    EXPECT_NEAR(m0, 1.0, 1e-12) << n;
    EXPECT_NEAR(m2, 1.0, 1e-10) << n;
    EXPECT_NEAR(m4, 3.0, 1e-9) << n;
    EXPECT_NEAR(m6, 15.0, 1e-8) << n;
  }
  EXPECT_FALSE(GaussHermiteQuadrature(1).ok());
  auto r = RectangularQuadrature(61).value();
  EXPECT_EQ(r.size(), 61u);
  EXPECT_DOUBLE_EQ(r.nodes.front(), -6.0);
  EXPECT_NEAR(r.nodes[30], 0.0, 1e-15);
  double s = 0, m2 = 0;
  for (std::size_t k = 0; k < r.size(); ++k) {
    s += r.weights[k];
    m2 += r.weights[k] * r.nodes[k] * r.nodes[k];
  }
  EXPECT_NEAR(s, 1.0, 1e-12);
  EXPECT_NEAR(m2, 1.0, 1e-6);
}

TEST(IrtModelTest, ProbabilitiesFollowTheFormulas) {
  const auto two = TwoPL("x", 1.3, 0.4);
  EXPECT_NEAR(ProbabilityCorrect(two, 0.4), 0.5, 1e-15);
  EXPECT_NEAR(ProbabilityCorrect(two, 1.4), 1 / (1 + std::exp(-1.3)), 1e-15);
  const auto three = TwoPL("y", 1.0, 0.0, 0.25);
  EXPECT_NEAR(ProbabilityCorrect(three, 0.0), 0.25 + 0.75 * 0.5, 1e-15);
  const auto grm = Graded("g", 1.5, {-1.0, 0.5, 2.0});
  std::vector<double> p(4);
  CategoryProbabilities(grm, 0.0, p);
  const double s1 = 1 / (1 + std::exp(-1.5)), s2 = 1 / (1 + std::exp(0.75)), s3 = 1 / (1 + std::exp(3.0));
  EXPECT_NEAR(p[0], 1 - s1, 1e-15);
  EXPECT_NEAR(p[1], s1 - s2, 1e-15);
  EXPECT_NEAR(p[2], s2 - s3, 1e-15);
  EXPECT_NEAR(p[3], s3, 1e-15);
  EXPECT_NEAR(ExpectedScore(grm, 0.0), s1 + s2 + s3, 1e-14);
}

// Property: information is non-negative everywhere and equals (∂P/∂θ)²/(P(1−P)) (dichotomous) or
// Σ_k (∂P_k/∂θ)²/P_k (graded), checked against central differences.
TEST(IrtModelTest, InformationIsNonNegativeAndMatchesNumericalDerivatives) {
  const std::vector<ItemParameters> items = {TwoPL("a", 0.7, -1.0), TwoPL("b", 2.0, 1.5, 0.2),
                                             Graded("c", 1.2, {-2.0, 0.0, 1.0}), TwoPL("d", -0.5, 0.0)};
  for (const auto& it : items) {
    for (double t = -6; t <= 6; t += 0.25) {
      const double info = ItemInformation(it, t);
      EXPECT_GE(info, 0.0);
      const int nk = it.MaxScore() + 1;
      std::vector<double> p(nk), pp(nk), pm(nk);
      CategoryProbabilities(it, t, p);
      CategoryProbabilities(it, t + 1e-6, pp);
      CategoryProbabilities(it, t - 1e-6, pm);
      double numeric = 0;
      for (int k = 0; k < nk; ++k) {
        const double d = (pp[k] - pm[k]) / 2e-6;
        if (p[k] > 1e-12) numeric += d * d / p[k];
      }
      EXPECT_NEAR(info, numeric, 1e-6 * std::max(1.0, info)) << it.item_id << " " << t;
    }
  }
  EXPECT_GE(TestInformation(items, 0.0), ItemInformation(items[0], 0.0));
}

TEST(IrtModelTest, InverseTestCharacteristicRoundTrips) {
  const std::vector<ItemParameters> items = {TwoPL("a", 1.0, -1.0), TwoPL("b", 1.5, 0.5, 0.2),
                                             Graded("c", 1.2, {-1.0, 0.0, 1.0})};
  for (double t : {-2.0, -0.3, 0.0, 1.7}) {
    const double raw = TestCharacteristic(items, t);
    auto back = InverseTestCharacteristic(items, raw);
    ASSERT_TRUE(back.ok());
    EXPECT_NEAR(*back, t, 1e-9);
  }
  EXPECT_FALSE(InverseTestCharacteristic(items, 6.0).ok());
  EXPECT_DOUBLE_EQ(*InverseTestCharacteristic(items, 0.0), -6.0);  // below the TCC's range → clamp
}

TEST(IrtModelTest, ResponseProbabilityLocationHitsTheProbability) {
  for (const auto& it :
       {TwoPL("a", 1.2, 0.3), TwoPL("b", 0.8, -1.0, 0.2), Graded("c", 1.4, {-1.0, 0.2, 1.1})}) {
    for (int k = 1; k <= it.MaxScore(); ++k) {
      auto loc = ResponseProbabilityLocation(it, k, 0.67);
      ASSERT_TRUE(loc.ok());
      std::vector<double> p(it.MaxScore() + 1);
      CategoryProbabilities(it, *loc, p);
      double at_least = 0;
      for (int j = k; j <= it.MaxScore(); ++j) at_least += p[j];
      EXPECT_NEAR(at_least, 0.67, 1e-12);
    }
  }
  EXPECT_FALSE(ResponseProbabilityLocation(TwoPL("x", 1, 0, 0.7), 1, 0.67).ok());
}

TEST(IrtModelTest, ValidatesAndParses) {
  EXPECT_TRUE(ValidateItem(TwoPL("a", 1, 0)).ok());
  EXPECT_FALSE(ValidateItem(TwoPL("a", 1, 0, 1.0)).ok());
  EXPECT_FALSE(ValidateItem(Graded("g", 1, {0.5, 0.1})).ok());
  EXPECT_FALSE(ValidateItem(Graded("g", 1, {})).ok());
  EXPECT_EQ(ParseItemModel("2PL").value(), ItemModel::kTwoPL);
  EXPECT_EQ(ParseItemModel("graded").value(), ItemModel::kGradedResponse);
  EXPECT_EQ(ParseItemModel("4pl").status().reason(), "psychometrics.unknown_model");
  EXPECT_EQ(ItemModelName(ItemModel::kRasch), "Rasch");
}

}  // namespace
}  // namespace kaoping::psychometrics
