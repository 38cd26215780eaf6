// Tests of MML-EM calibration. Data and references are named per test: LSAT-6 (Bock & Lieberman
// 1970, published pattern counts, also R ltm `LSAT`, GPL ≥ 2; see test_data.h) against ltm's
// published estimates; everything else against the independent direct maximisation coded below,
// or against parameters used to simulate the data with SeededRandom.

#include "core/psychometrics/calibration.h"

#include <cmath>
#include <functional>
#include <map>
#include <vector>

#include <gtest/gtest.h>

#include "core/psychometrics/scoring.h"
#include "core/psychometrics/test_data.h"

namespace kaoping::psychometrics {
namespace {

using testing::Graded;
using testing::Lsat6Patterns;
using testing::Lsat6Weighted;
using testing::Simulate;
using testing::TwoPL;

// ---------------------------------------------------------------------------------------------
// An independent implementation for cross-checks: the marginal log-likelihood written directly
// from its definition (its own loops, no pattern collapsing, no EM), maximised by BFGS with
// central-difference gradients.
// ---------------------------------------------------------------------------------------------
using Objective = std::function<double(const std::vector<double>&)>;

std::vector<double> NumericGradient(const Objective& f, const std::vector<double>& x) {
  std::vector<double> g(x.size());
  for (std::size_t j = 0; j < x.size(); ++j) {
    const double h = 1e-5 * std::max(1.0, std::abs(x[j]));
    auto xp = x, xm = x;
    xp[j] += h;
    xm[j] -= h;
    g[j] = (f(xp) - f(xm)) / (2 * h);
  }
  return g;
}

// Maximises f by BFGS with backtracking; returns the maximiser.
std::vector<double> MaximiseBfgs(const Objective& f, std::vector<double> x) {
  const std::size_t n = x.size();
  std::vector<double> hinv(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) hinv[i * n + i] = 0.01;
  std::vector<double> g = NumericGradient(f, x);
  double fx = f(x);
  for (int it = 0; it < 500; ++it) {
    std::vector<double> d(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) d[i] += hinv[i * n + j] * g[j];  // ascent direction
    }
    double t = 1.0;
    std::vector<double> xn(n);
    double fn = 0;
    for (int h = 0; h < 60; ++h) {
      for (std::size_t i = 0; i < n; ++i) xn[i] = x[i] + t * d[i];
      fn = f(xn);
      if (std::isfinite(fn) && fn >= fx) break;
      t *= 0.5;
    }
    std::vector<double> gn = NumericGradient(f, xn);
    std::vector<double> s(n), y(n);
    double sy = 0, gmax = 0;
    for (std::size_t i = 0; i < n; ++i) {
      s[i] = xn[i] - x[i];
      y[i] = -(gn[i] - g[i]);  // gradient of −f
      sy += s[i] * y[i];
      gmax = std::max(gmax, std::abs(gn[i]));
    }
    x = xn;
    g = gn;
    fx = fn;
    if (gmax < 1e-7) break;
    if (sy > 1e-14) {
      // Standard BFGS inverse-Hessian update for minimising −f.
      std::vector<double> hy(n, 0.0);
      for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) hy[i] += hinv[i * n + j] * y[j];
      }
      double yhy = 0;
      for (std::size_t i = 0; i < n; ++i) yhy += y[i] * hy[i];
      for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
          hinv[i * n + j] += ((sy + yhy) * s[i] * s[j]) / (sy * sy) - (hy[i] * s[j] + s[i] * hy[j]) / sy;
        }
      }
    }
  }
  return x;
}

double LogisticRef(double z) {
  return 1.0 / (1.0 + std::exp(-z));
}

// log L for LSAT-6 under 2PL slope–intercept parameters x = [a1, d1, a2, d2, …] (or a shared
// slope when shared: x = [a, d1..d5]) with the given quadrature.
double Lsat6LogLik(const std::vector<double>& x, bool shared, const Quadrature& q) {
  double ll = 0;
  for (const auto& pat : Lsat6Patterns()) {
    if (pat.count == 0) continue;
    double lik = 0;
    for (std::size_t k = 0; k < q.size(); ++k) {
      double prod = q.weights[k];
      for (int i = 0; i < 5; ++i) {
        const double a = shared ? x[0] : x[2 * i];
        const double d = shared ? x[1 + i] : x[2 * i + 1];
        const double p = LogisticRef(a * q.nodes[k] + d);
        prod *= pat.x[i] == 1 ? p : 1 - p;
      }
      lik += prod;
    }
    ll += pat.count * std::log(lik);
  }
  return ll;
}

CalibrationOptions Precise(ItemModel model, Quadrature q) {
  CalibrationOptions o;
  o.dichotomous_model = model;
  o.quadrature = std::move(q);
  o.tolerance = 1e-7;
  o.max_iterations = 5000;
  return o;
}

// LSAT-6, 2PL. Data: Bock & Lieberman (1970) (see test_data.h; a published frequency table, also
// in R ltm as `LSAT`, GPL ≥ 2). Reference: the printed output of ltm's `ltm(LSAT ~ z1)` (21-point
// Gauss–Hermite, the rule used here), as reproduced in public ltm tutorials:
//   summary():  log.Lik −2466.653, AIC 4953.307, BIC 5002.384, max(|grad|) 0.024
//   coef():     Dffclt  −3.3597341 −1.3696497 −0.2798983 −1.8659189 −3.1235725
//               Dscrmn   0.8253715  0.7229499  0.8904748  0.6885502  0.6574516
//   std.err:    Dffclt   0.8669 0.3073 0.0997 0.4341 0.8700;  Dscrmn 0.2581 0.1867 0.2326 0.1852 0.2100
//   factor.scores() (empirical Bayes = posterior mode): z1 and se.z1 per response pattern.
TEST(CalibrationTest, Lsat6TwoPlMatchesLtm) {
  auto q = GaussHermiteQuadrature(21).value();
  auto fit = Calibrate(Lsat6Weighted(), Precise(ItemModel::kTwoPL, q));
  ASSERT_TRUE(fit.ok()) << fit.status();
  const double b[] = {-3.3597341, -1.3696497, -0.2798983, -1.8659189, -3.1235725};
  const double a[] = {0.8253715, 0.7229499, 0.8904748, 0.6885502, 0.6574516};
  ASSERT_EQ(fit->items.size(), 5u);
  // Items 1–4 agree within 1e-3. Item 5 sits on a flat ridge of the likelihood and ltm stopped with
  // max(|grad|) = 0.024, 0.0023 short in b5 (0.0006 in a5); the independent direct maximisation
  // below confirms that our value is the maximum, so b5 is held to 3e-3.
  for (int i = 0; i < 5; ++i) {
    EXPECT_NEAR(fit->items[i].b, b[i], i == 4 ? 3e-3 : 1e-3) << i;
    EXPECT_NEAR(fit->items[i].a, a[i], 1e-3) << i;
  }
  EXPECT_TRUE(fit->converged);
  EXPECT_GT(fit->iterations, 1);
  EXPECT_EQ(fit->num_free_parameters, 10);
  // Independent cross-check of the log-likelihood and of the maximum itself.
  std::vector<double> x;
  for (const auto& it : fit->items) {
    x.push_back(it.a);
    x.push_back(-it.a * it.b);
  }
  EXPECT_NEAR(fit->log_likelihood, Lsat6LogLik(x, false, q), 1e-6);
  auto direct = MaximiseBfgs([&](const std::vector<double>& v) { return Lsat6LogLik(v, false, q); },
                             std::vector<double>{1, 2, 1, 1, 1, 0, 1, 1, 1, 2});
  EXPECT_NEAR(Lsat6LogLik(direct, false, q), fit->log_likelihood, 1e-6);
  EXPECT_NEAR(fit->log_likelihood, -2466.653, 1e-3);
  EXPECT_NEAR(fit->aic, 4953.307, 1e-3);
  EXPECT_NEAR(fit->bic, 5002.384, 1e-3);
  // Standard errors: ltm's come from a numerical Hessian at its own (slightly unconverged)
  // estimates, so they are compared within 2e-3.
  const double se_b[] = {0.8669, 0.3073, 0.0997, 0.4341, 0.8700};
  const double se_a[] = {0.2581, 0.1867, 0.2326, 0.1852, 0.2100};
  for (int i = 0; i < 5; ++i) {
    EXPECT_NEAR(fit->items[i].se_b, se_b[i], 2e-3) << i;
    EXPECT_NEAR(fit->items[i].se_a, se_a[i], 2e-3) << i;
  }
  for (int i = 0; i < 10; ++i) EXPECT_NEAR(direct[i], x[i], 1e-3) << i;

  // Posterior-mode scores of ltm's factor.scores(fit) (method "EB") for some patterns.
  struct Ref {
    std::vector<int> x;
    double z, se;
  };
  const std::vector<Ref> refs = {
      {{0, 0, 0, 0, 0}, -1.895, 0.795}, {{0, 0, 0, 1, 1}, -1.041, 0.800}, {{0, 1, 1, 1, 1}, 0.023, 0.828},
      {{1, 0, 1, 0, 0}, -0.803, 0.804}, {{1, 1, 0, 1, 1}, -0.022, 0.827}, {{1, 1, 1, 1, 1}, 0.606, 0.855},
  };
  for (const auto& r : refs) {
    auto est = EstimateAbility(fit->items, r.x, ScoringMethod::kMAP);
    ASSERT_TRUE(est.ok());
    EXPECT_NEAR(est->theta, r.z, 1e-3);
    EXPECT_NEAR(est->se, r.se, 1e-3);
  }
}

// Same data, 1PL (one shared slope, θ ~ N(0, 1)) and Rasch (slope 1, SD of θ estimated), which
// have the same likelihood. References: (1) the printed summary of ltm's `rasch(LSAT)` (21-point
// Gauss–Hermite, max(|grad|) 2.9e-05; also in Rizopoulos 2006, J. Stat. Softw. 17(5)):
//   log.Lik −2466.938, AIC 4945.875, BIC 4975.322,
//   Dffclt −3.6153 −1.3224 −0.3176 −1.7301 −2.7802 (std.err 0.3266 0.1422 0.0977 0.1691 0.2510),
//   Dscrmn 0.7551 (std.err 0.0694);
// (2) the independent direct maximisation coded above.
TEST(CalibrationTest, Lsat6OnePlAndRaschMatchLtm) {
  auto q = GaussHermiteQuadrature(21).value();
  auto one = Calibrate(Lsat6Weighted(), Precise(ItemModel::kOnePL, q));
  auto rasch = Calibrate(Lsat6Weighted(), Precise(ItemModel::kRasch, q));
  ASSERT_TRUE(one.ok()) << one.status();
  ASSERT_TRUE(rasch.ok()) << rasch.status();
  auto direct = MaximiseBfgs([&](const std::vector<double>& v) { return Lsat6LogLik(v, true, q); },
                             std::vector<double>{1, 2, 1, 0, 1, 2});
  const double ll = Lsat6LogLik(direct, true, q);
  EXPECT_NEAR(one->log_likelihood, ll, 1e-5);
  EXPECT_NEAR(rasch->log_likelihood, ll, 1e-5);
  EXPECT_EQ(one->num_free_parameters, 6);
  for (int i = 0; i < 5; ++i) {
    EXPECT_NEAR(one->items[i].a, direct[0], 1e-3);
    EXPECT_NEAR(one->items[i].b, -direct[1 + i] / direct[0], 1e-3);
    EXPECT_DOUBLE_EQ(rasch->items[i].a, 1.0);
    EXPECT_NEAR(rasch->items[i].b, -direct[1 + i], 1e-3);
  }
  EXPECT_NEAR(rasch->latent_sd, direct[0], 1e-3);
  // ltm's published values.
  const double b[] = {-3.6153, -1.3224, -0.3176, -1.7301, -2.7802};
  const double se_b[] = {0.3266, 0.1422, 0.0977, 0.1691, 0.2510};
  EXPECT_NEAR(one->log_likelihood, -2466.938, 1e-3);
  EXPECT_NEAR(one->aic, 4945.875, 1e-3);
  EXPECT_NEAR(one->bic, 4975.322, 1e-3);
  for (int i = 0; i < 5; ++i) {
    EXPECT_NEAR(one->items[i].b, b[i], 1e-3) << i;
    EXPECT_NEAR(one->items[i].se_b, se_b[i], 1e-3) << i;
    EXPECT_NEAR(one->items[i].a, 0.7551, 1e-3);
    EXPECT_NEAR(one->items[i].se_a, 0.0694, 1e-3);
  }
  EXPECT_NEAR(rasch->latent_sd, 0.7551, 1e-3);
  EXPECT_NEAR(rasch->se_latent_sd, 0.0694, 1e-3);
}

// Standard errors against an independent numerical Hessian of the directly coded log-likelihood.
TEST(CalibrationTest, Lsat6StandardErrorsMatchNumericalHessian) {
  auto q = GaussHermiteQuadrature(21).value();
  auto fit = Calibrate(Lsat6Weighted(), Precise(ItemModel::kTwoPL, q));
  ASSERT_TRUE(fit.ok());
  std::vector<double> x;
  for (const auto& it : fit->items) {
    x.push_back(it.a);
    x.push_back(-it.a * it.b);
  }
  const int n = 10;
  auto f = [&](const std::vector<double>& v) { return Lsat6LogLik(v, false, q); };
  std::vector<double> h(n * n);
  const double e = 1e-3;
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      auto pp = x, pm = x, mp = x, mm = x;
      pp[i] += e;
      pp[j] += e;
      pm[i] += e;
      pm[j] -= e;
      mp[i] -= e;
      mp[j] += e;
      mm[i] -= e;
      mm[j] -= e;
      h[i * n + j] = -(f(pp) - f(pm) - f(mp) + f(mm)) / (4 * e * e);
    }
  }
  // Invert by Gauss–Jordan.
  std::vector<double> inv(n * n, 0.0);
  for (int i = 0; i < n; ++i) inv[i * n + i] = 1;
  for (int c = 0; c < n; ++c) {
    const double piv = h[c * n + c];
    for (int j = 0; j < n; ++j) {
      h[c * n + j] /= piv;
      inv[c * n + j] /= piv;
    }
    for (int r = 0; r < n; ++r) {
      if (r == c) continue;
      const double fct = h[r * n + c];
      for (int j = 0; j < n; ++j) {
        h[r * n + j] -= fct * h[c * n + j];
        inv[r * n + j] -= fct * inv[c * n + j];
      }
    }
  }
  for (int i = 0; i < 5; ++i) {
    EXPECT_NEAR(fit->items[i].se_a, std::sqrt(inv[(2 * i) * n + 2 * i]), 2e-3) << i;
    // se(b) by the delta method from the independent covariance.
    const double a = x[2 * i], d = x[2 * i + 1];
    const double ga = d / (a * a), gd = -1 / a;
    const double vb = ga * ga * inv[(2 * i) * n + 2 * i] + gd * gd * inv[(2 * i + 1) * n + 2 * i + 1] +
                      2 * ga * gd * inv[(2 * i) * n + 2 * i + 1];
    EXPECT_NEAR(fit->items[i].se_b, std::sqrt(vb), 2e-3) << i;
  }
}

// Collapsing patterns must not change anything: 1000 expanded rows = 32 weighted rows.
TEST(CalibrationTest, ExpandedAndWeightedDataGiveTheSameFit) {
  CalibrationOptions o;
  o.standard_errors = false;
  auto w = Calibrate(Lsat6Weighted(), o);
  auto e = Calibrate(testing::Lsat6Expanded(), o);
  ASSERT_TRUE(w.ok() && e.ok());
  EXPECT_NEAR(w->log_likelihood, e->log_likelihood, 1e-8);
  EXPECT_EQ(e->provenance.num_response_patterns, 30u);
  EXPECT_EQ(e->provenance.num_persons, 1000u);
  for (int i = 0; i < 5; ++i) EXPECT_NEAR(w->items[i].b, e->items[i].b, 1e-9);
}

// Graded response model: no published polytomous data set could be verified here, so the EM
// result is cross-checked against the independent direct maximisation of the marginal likelihood
// (21-point Gauss–Hermite) on data simulated with SeededRandom from known parameters.
TEST(CalibrationTest, GradedResponseModelAgreesWithDirectMaximisation) {
  const std::vector<ItemParameters> truth = {Graded("g1", 1.2, {-1.5, 0.0, 1.2}),
                                             Graded("g2", 0.8, {-0.5, 0.8}), Graded("g3", 1.6, {-1.2, 0.4})};
  const ResponseMatrix data = Simulate(truth, 500, 20240601);
  // Distinct patterns with counts (the direct code then sums over at most 4·3·3 = 36 patterns).
  std::map<std::vector<int>, int> table;
  for (std::size_t p = 0; p < data.num_persons(); ++p) {
    auto r = data.row(p);
    ++table[std::vector<int>(r.begin(), r.end())];
  }
  auto q = GaussHermiteQuadrature(21).value();
  auto fit = Calibrate(data, Precise(ItemModel::kTwoPL, q));
  ASSERT_TRUE(fit.ok()) << fit.status();
  EXPECT_EQ(fit->items[0].model, ItemModel::kGradedResponse);
  ASSERT_EQ(fit->items[0].thresholds.size(), 3u);
  // x = per item [a, d_1..d_K]
  auto loglik = [&](const std::vector<double>& x) {
    double ll = 0;
    for (const auto& [pattern, count] : table) {
      double lik = 0;
      for (std::size_t k = 0; k < q.size(); ++k) {
        double prod = q.weights[k];
        std::size_t off = 0;
        for (std::size_t i = 0; i < truth.size(); ++i) {
          const int kk = static_cast<int>(truth[i].thresholds.size());
          const double a = x[off];
          const int s = pattern[i];
          const double upper = s == 0 ? 1.0 : LogisticRef(a * q.nodes[k] + x[off + s]);
          const double lower = s == kk ? 0.0 : LogisticRef(a * q.nodes[k] + x[off + s + 1]);
          prod *= upper - lower;
          off += kk + 1;
        }
        lik += prod;
      }
      ll += count * std::log(lik);
    }
    return ll;
  };
  std::vector<double> start;
  for (const auto& it : fit->items) {
    start.push_back(it.a);
    for (double b : it.thresholds) start.push_back(-it.a * b);
  }
  EXPECT_NEAR(fit->log_likelihood, loglik(start), 1e-6);
  // Start the direct maximiser away from the EM solution.
  std::vector<double> perturbed = start;
  for (std::size_t j = 0; j < perturbed.size(); ++j) perturbed[j] += (j % 2 == 0 ? 0.1 : -0.1);
  auto direct = MaximiseBfgs(loglik, perturbed);
  EXPECT_NEAR(loglik(direct), fit->log_likelihood, 1e-6);
  for (std::size_t j = 0; j < start.size(); ++j) EXPECT_NEAR(direct[j], start[j], 1e-3) << j;
}

// Property: simulated 2PL data are recovered.
TEST(CalibrationTest, RecoversSimulatedTwoPlParameters) {
  std::vector<ItemParameters> truth;
  for (int i = 0; i < 15; ++i)
    truth.push_back(TwoPL("i" + std::to_string(i), 0.7 + 0.1 * i, -1.8 + 0.25 * i));
  const ResponseMatrix data = Simulate(truth, 4000, 7);
  CalibrationOptions o;
  o.standard_errors = true;
  auto fit = Calibrate(data, o);
  ASSERT_TRUE(fit.ok());
  EXPECT_TRUE(fit->converged);
  double max_err_a = 0, max_err_b = 0;
  int within_2se = 0;
  for (int i = 0; i < 15; ++i) {
    max_err_a = std::max(max_err_a, std::abs(fit->items[i].a - truth[i].a));
    max_err_b = std::max(max_err_b, std::abs(fit->items[i].b - truth[i].b));
    within_2se += std::abs(fit->items[i].b - truth[i].b) < 2.5 * fit->items[i].se_b;
    EXPECT_GT(fit->items[i].se_a, 0.02);
    EXPECT_LT(fit->items[i].se_a, 0.15);
  }
  EXPECT_LT(max_err_a, 0.25);
  EXPECT_LT(max_err_b, 0.25);
  EXPECT_GE(within_2se, 13);
  // Item fit of a correctly specified model: S-X² p-values mostly not small.
  ASSERT_EQ(fit->item_fit.size(), 15u);
  int rejected = 0;
  for (const auto& f : fit->item_fit) {
    EXPECT_GT(f.df, 0);
    EXPECT_GE(f.p_value, 0.0);
    EXPECT_LE(f.p_value, 1.0);
    rejected += f.p_value < 0.01;
  }
  EXPECT_LE(rejected, 2);
  // lz of well-fitting simulees. Evaluated at estimated θ, lz is known not to be exactly N(0, 1)
  // (Snijders 2001): its mean drifts above 0 and its variance shrinks, so only broad bounds.
  double s = 0, ss = 0;
  for (double z : fit->person_lz) {
    s += z;
    ss += z * z;
  }
  const double mean = s / fit->person_lz.size();
  EXPECT_GT(mean, -0.1);
  EXPECT_LT(mean, 0.45);
  const double sd = std::sqrt(ss / fit->person_lz.size() - mean * mean);
  EXPECT_GT(sd, 0.6);
  EXPECT_LT(sd, 1.1);
}

// Property: 3PL recovery with the default Beta(5, 17) prior on c, with 10 % missing responses.
TEST(CalibrationTest, RecoversSimulatedThreePlParametersWithMissingData) {
  std::vector<ItemParameters> truth;
  for (int i = 0; i < 12; ++i)
    truth.push_back(TwoPL("i" + std::to_string(i), 1.0 + 0.08 * i, -1.5 + 0.3 * i, 0.2));
  const ResponseMatrix data = Simulate(truth, 6000, 11, nullptr, 0.1);
  CalibrationOptions o;
  o.dichotomous_model = ItemModel::kThreePL;
  o.person_fit = false;
  auto fit = Calibrate(data, o);
  ASSERT_TRUE(fit.ok()) << fit.status();
  EXPECT_TRUE(fit->converged);
  EXPECT_NEAR(fit->provenance.missing_fraction, 0.1, 0.01);
  // 3PL slopes of hard items are poorly determined at this sample size, so the recovery check is
  // relative to the reported standard errors (4 SE plus a small floor; 12 items × 3 parameters).
  for (int i = 0; i < 12; ++i) {
    const auto& it = fit->items[i];
    EXPECT_EQ(it.model, ItemModel::kThreePL);
    EXPECT_NEAR(it.b, truth[i].b, 4 * it.se_b + 0.05) << i;
    EXPECT_NEAR(it.a, truth[i].a, 4 * it.se_a + 0.05) << i;
    EXPECT_NEAR(it.c, 0.2, 4 * it.se_c + 0.03) << i;
    EXPECT_LT(it.se_a, 1.0);
  }
  EXPECT_NE(fit->provenance.model.find("Beta(5, 17)"), std::string::npos);
}

// A person whose responses contradict the model (hard items right, easy items wrong) gets a
// clearly negative lz.
TEST(CalibrationTest, PersonFitFlagsAberrantPattern) {
  std::vector<ItemParameters> truth;
  for (int i = 0; i < 10; ++i) truth.push_back(TwoPL("i" + std::to_string(i), 1.5, -2.0 + 0.45 * i));
  ResponseMatrix sim = Simulate(truth, 800, 3);
  std::vector<int> scores;
  for (std::size_t p = 0; p < sim.num_persons(); ++p) {
    auto r = sim.row(p);
    scores.insert(scores.end(), r.begin(), r.end());
  }
  for (int i = 0; i < 10; ++i) scores.push_back(i >= 5 ? 1 : 0);  // reversed Guttman pattern
  auto data = ResponseMatrix::Create(sim.item_ids(), scores).value();
  CalibrationOptions o;
  o.standard_errors = false;
  auto fit = Calibrate(data, o);
  ASSERT_TRUE(fit.ok());
  EXPECT_LT(fit->person_lz.back(), -3.0);
}

TEST(CalibrationTest, ProvenanceDescribesTheRun) {
  ManualClock clock(FromUnixMillis(1700000000000));
  CalibrationOptions o;
  o.data_description = "LSAT-6 (Bock & Lieberman 1970)";
  o.clock = &clock;
  o.standard_errors = false;
  auto fit = Calibrate(Lsat6Weighted(), o);
  ASSERT_TRUE(fit.ok());
  const auto& p = fit->provenance;
  EXPECT_EQ(p.data_description, "LSAT-6 (Bock & Lieberman 1970)");
  EXPECT_EQ(ToUnixMillis(p.calibrated_at), 1700000000000);
  EXPECT_EQ(p.model, "2PL");
  EXPECT_EQ(p.num_items, 5u);
  EXPECT_EQ(p.quadrature, "61 equally spaced points on [-6, 6]");
  EXPECT_EQ(p.iterations, fit->iterations);
  EXPECT_DOUBLE_EQ(p.log_likelihood, fit->log_likelihood);
  EXPECT_TRUE(p.converged);
}

TEST(CalibrationTest, RejectsBadInput) {
  auto constant = ResponseMatrix::FromRows({"a", "b"}, {{1, 0}, {1, 1}, {1, 0}}).value();
  auto r = Calibrate(constant, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "psychometrics.bad_calibration_input");
  auto gap = ResponseMatrix::FromRows({"a", "b"}, {{0, 0}, {2, 1}, {0, 1}}).value();
  EXPECT_FALSE(Calibrate(gap, {}).ok());  // score 1 never observed on a 0..2 item
  CalibrationOptions o;
  o.dichotomous_model = ItemModel::kGradedResponse;
  EXPECT_FALSE(Calibrate(Lsat6Weighted(), o).ok());
}

TEST(CalibrationTest, MarginalLogLikelihoodMatchesDirectCode) {
  auto q = GaussHermiteQuadrature(15).value();
  std::vector<ItemParameters> items;
  std::vector<double> x;
  for (int i = 0; i < 5; ++i) {
    items.push_back(TwoPL("Item " + std::to_string(i + 1), 0.8, -1.0 + 0.3 * i));
    x.push_back(0.8);
    x.push_back(-0.8 * (-1.0 + 0.3 * i));
  }
  auto ll = MarginalLogLikelihood(Lsat6Weighted(), items, q);
  ASSERT_TRUE(ll.ok());
  EXPECT_NEAR(*ll, Lsat6LogLik(x, false, q), 1e-9);
}

}  // namespace
}  // namespace kaoping::psychometrics
