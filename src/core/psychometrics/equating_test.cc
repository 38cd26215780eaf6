// Tests of IRT linking. Data: item parameters invented in this file (and perturbed with
// SeededRandom). References: an exactly known transformation, and a brute-force grid search of the
// criteria written out in the test.

#include "core/psychometrics/equating.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "core/psychometrics/test_data.h"

namespace kaoping::psychometrics {
namespace {

using testing::Graded;
using testing::TwoPL;

std::vector<ItemParameters> FormX() {
  return {TwoPL("c1", 0.9, -1.2), TwoPL("c2", 1.3, -0.4, 0.15),
          TwoPL("c3", 1.1, 0.3),  Graded("c4", 1.2, {-0.8, 0.4, 1.3}),
          TwoPL("c5", 0.7, 1.1),  TwoPL("x1", 1.0, 0.0)};
}

// Property: when form Y's common items are an exact linear transform of X's, every method
// recovers (A, B) — the moment methods in closed form, the curve methods as the zero of their
// criterion.
TEST(EquatingTest, RecoversAnExactTransformation) {
  const auto x = FormX();
  Linking truth;
  truth.A = 1.25;
  truth.B = -0.4;
  std::vector<ItemParameters> y = TransformItems(x, truth);
  y.pop_back();  // x1 is not on form Y
  y.push_back(TwoPL("y1", 1.4, 0.2));
  for (auto m : {LinkingMethod::kMeanMean, LinkingMethod::kMeanSigma, LinkingMethod::kHaebara,
                 LinkingMethod::kStockingLord}) {
    auto link = LinkForms(x, y, m);
    ASSERT_TRUE(link.ok()) << link.status();
    EXPECT_NEAR(link->A, 1.25, 1e-6) << LinkingMethodName(m);
    EXPECT_NEAR(link->B, -0.4, 1e-6) << LinkingMethodName(m);
    EXPECT_EQ(link->common_items.size(), 5u);
    EXPECT_LT(link->criterion, 1e-12);
  }
  // A raw cut carried from X to Y through the link lands on the same θ, and on the common-item
  // part of the forms the expected score is unchanged.
  std::vector<ItemParameters> common_x(x.begin(), x.begin() + 5), common_y(y.begin(), y.begin() + 5);
  auto cut = MapRawCut(common_x, common_y, truth, 3.0);
  ASSERT_TRUE(cut.ok());
  EXPECT_NEAR(cut->theta_y, 1.25 * cut->theta_x - 0.4, 1e-12);
  EXPECT_NEAR(cut->raw_y, 3.0, 1e-8);
}

// With noisy parameters the curve methods must return the minimum of their criterion; checked
// against a brute-force grid search (an independent minimiser).
TEST(EquatingTest, CurveMethodsMinimiseTheirCriterion) {
  const auto x = FormX();
  Linking truth;
  truth.A = 0.9;
  truth.B = 0.3;
  auto y = TransformItems(x, truth);
  SeededRandom rng(5);
  for (auto& it : y) {
    it.a *= 1 + 0.1 * rng.Normal();
    if (it.IsPolytomous()) {
      for (double& t : it.thresholds) t += 0.1 * rng.Normal();
    } else {
      it.b += 0.15 * rng.Normal();
    }
  }
  for (auto m : {LinkingMethod::kHaebara, LinkingMethod::kStockingLord}) {
    auto link = LinkForms(x, y, m);
    ASSERT_TRUE(link.ok());
    // Evaluate the same criterion through LinkForms' definition by re-linking a transformed X:
    // the optimum is unique, so a grid around it must never beat it.
    auto crit = [&](double a, double b) {
      Linking l;
      l.A = a;
      l.B = b;
      const auto moved = TransformItems(x, l);
      double f = 0, wsum = 0;
      for (int t = 0; t < 41; ++t) {
        const double th = -4.0 + 0.2 * t, w = std::exp(-0.5 * th * th);
        wsum += w;
        double sx = 0, sy = 0, h = 0;
        for (std::size_t j = 0; j < y.size(); ++j) {
          std::vector<double> px(moved[j].MaxScore() + 1), py(y[j].MaxScore() + 1);
          CategoryProbabilities(moved[j], th, px);
          CategoryProbabilities(y[j], th, py);
          for (std::size_t k = 0; k < px.size(); ++k) {
            h += (px[k] - py[k]) * (px[k] - py[k]);
            sx += static_cast<double>(k) * px[k];
            sy += static_cast<double>(k) * py[k];
          }
        }
        f += w * (m == LinkingMethod::kHaebara ? h : (sx - sy) * (sx - sy));
      }
      return f / wsum;
    };
    const double at = crit(link->A, link->B);
    EXPECT_NEAR(at, link->criterion, 1e-12);
    for (double da = -0.02; da <= 0.02; da += 0.005) {
      for (double db = -0.02; db <= 0.02; db += 0.005) {
        EXPECT_GE(crit(link->A + da, link->B + db), at - 1e-15);
      }
    }
    EXPECT_NEAR(link->A, 0.9, 0.15);
    EXPECT_NEAR(link->B, 0.3, 0.15);
  }
}

TEST(EquatingTest, RejectsFormsWithoutCommonItems) {
  const std::vector<ItemParameters> x = {TwoPL("a", 1, 0)}, y = {TwoPL("b", 1, 0)};
  auto r = LinkForms(x, y, LinkingMethod::kStockingLord);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "psychometrics.bad_linking_input");
  const std::vector<ItemParameters> one = {TwoPL("a", 1, 0)};
  EXPECT_FALSE(LinkForms(one, one, LinkingMethod::kMeanSigma).ok());
  EXPECT_EQ(ParseLinkingMethod("Stocking_Lord").value(), LinkingMethod::kStockingLord);
  EXPECT_FALSE(ParseLinkingMethod("equipercentile").ok());
}

}  // namespace
}  // namespace kaoping::psychometrics
