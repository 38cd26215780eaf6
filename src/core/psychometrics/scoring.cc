#include "core/psychometrics/scoring.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <string>

#include "core/psychometrics/numeric.h"

namespace kaoping::psychometrics {
namespace {

using numeric::Logistic;

// First and second derivative of log P(X = x | θ) for one item.
void LogProbDerivatives(const ItemParameters& item, int x, double theta, double& d1, double& d2) {
  if (!item.IsPolytomous()) {
    const double l = Logistic(item.a * (theta - item.b));
    const double p = item.c + (1.0 - item.c) * l;
    const double dp = (1.0 - item.c) * item.a * l * (1.0 - l);
    const double ddp = dp * item.a * (1.0 - 2.0 * l);
    if (x == 1) {
      const double r = dp / std::max(p, 1e-300);
      d1 = r;
      d2 = ddp / std::max(p, 1e-300) - r * r;
    } else {
      const double q = std::max(1.0 - p, 1e-300);
      const double r = dp / q;
      d1 = -r;
      d2 = -ddp / q - r * r;
    }
    return;
  }
  const int k_max = item.MaxScore();
  auto star = [&](int k, double& p, double& dp, double& ddp) {
    if (k <= 0) {
      p = 1;
      dp = 0;
      ddp = 0;
      return;
    }
    if (k > k_max) {
      p = 0;
      dp = 0;
      ddp = 0;
      return;
    }
    p = Logistic(item.a * (theta - item.thresholds[k - 1]));
    const double w = p * (1.0 - p);
    dp = item.a * w;
    ddp = item.a * item.a * w * (1.0 - 2.0 * p);
  };
  double p1, dp1, ddp1, p2, dp2, ddp2;
  star(x, p1, dp1, ddp1);
  star(x + 1, p2, dp2, ddp2);
  const double p = std::max(p1 - p2, 1e-300), dp = dp1 - dp2, ddp = ddp1 - ddp2;
  d1 = dp / p;
  d2 = ddp / p - d1 * d1;
}

double LogProb(const ItemParameters& item, int x, double theta) {
  const int nk = item.MaxScore() + 1;
  double buf[128];
  if (nk > 128) {
    std::vector<double> big(nk);
    CategoryProbabilities(item, theta, big);
    return std::log(std::max(big[x], 1e-300));
  }
  CategoryProbabilities(item, theta, std::span<double>(buf, nk));
  return std::log(std::max(buf[x], 1e-300));
}

Status CheckResponses(std::span<const ItemParameters> items, std::span<const int> responses) {
  if (items.size() != responses.size()) {
    return InvalidArgument("psychometrics.bad_response", "responses and items differ in length",
                           "作答数与项目数不一致");
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const int x = responses[i];
    if (x == kMissing) continue;
    if (x < 0 || x > items[i].MaxScore()) {
      return InvalidArgument(
          "psychometrics.bad_response",
          "score " + std::to_string(x) + " on item '" + items[i].item_id + "' is out of range",
          "项目“" + items[i].item_id + "”的分数 " + std::to_string(x) + " 超出范围");
    }
  }
  return Status::Ok();
}

// Maximises log L (+ log prior when use_prior) over [lo, hi]. Returns the maximiser and the second
// derivative there.
double Maximise(std::span<const ItemParameters> items, std::span<const int> x, bool use_prior, double mu,
                double sd, double lo, double hi, double start, double& curvature) {
  auto eval = [&](double t, double& g, double& h) {
    double f = 0;
    g = 0;
    h = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (x[i] == kMissing) continue;
      double d1, d2;
      LogProbDerivatives(items[i], x[i], t, d1, d2);
      g += d1;
      h += d2;
      f += LogProb(items[i], x[i], t);
    }
    if (use_prior) {
      const double z = (t - mu) / sd;
      f += -0.5 * z * z;
      g += -z / sd;
      h += -1.0 / (sd * sd);
    }
    return f;
  };
  double t = std::clamp(start, lo, hi), g, h;
  double f = eval(t, g, h);
  for (int it = 0; it < 200; ++it) {
    double step = h < -1e-12 ? -g / h : (g > 0 ? 0.5 : -0.5);
    step = std::clamp(step, -1.0, 1.0);
    double next = std::clamp(t + step, lo, hi);
    double g2, h2, f2 = eval(next, g2, h2);
    int halvings = 0;
    while (f2 < f - 1e-14 && halvings < 40) {
      step *= 0.5;
      next = std::clamp(t + step, lo, hi);
      f2 = eval(next, g2, h2);
      ++halvings;
    }
    const double moved = std::abs(next - t);
    t = next;
    f = f2;
    g = g2;
    h = h2;
    if (moved < 1e-10) break;
  }
  curvature = h;
  return t;
}

}  // namespace

std::string_view ScoringMethodName(ScoringMethod m) {
  switch (m) {
    case ScoringMethod::kEAP:
      return "EAP";
    case ScoringMethod::kMAP:
      return "MAP";
    case ScoringMethod::kMLE:
      return "MLE";
  }
  return "?";
}

Result<ScoringMethod> ParseScoringMethod(std::string_view name) {
  std::string s;
  for (char ch : name) s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
  if (s == "eap") return ScoringMethod::kEAP;
  if (s == "map") return ScoringMethod::kMAP;
  if (s == "mle" || s == "ml") return ScoringMethod::kMLE;
  return InvalidArgument("psychometrics.unknown_scoring_method",
                         "unknown scoring method '" + std::string(name) + "' (expected eap, map or mle)",
                         "未知的能力估计方法“" + std::string(name) + "”");
}

double ResponseLogLikelihood(std::span<const ItemParameters> items, std::span<const int> responses,
                             double theta) {
  double ll = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (responses[i] != kMissing) ll += LogProb(items[i], responses[i], theta);
  }
  return ll;
}

Result<AbilityEstimate> EstimateAbility(std::span<const ItemParameters> items, std::span<const int> responses,
                                        ScoringMethod method, const ScoringOptions& options) {
  KP_RETURN_IF_ERROR(CheckResponses(items, responses));
  if (!(options.prior_sd > 0) || !std::isfinite(options.prior_mean) ||
      !(options.min_theta < options.max_theta)) {
    return InvalidArgument("psychometrics.bad_prior", "prior SD must be positive and bounds ordered",
                           "先验标准差必须为正且上下界有序");
  }
  AbilityEstimate est;
  if (method == ScoringMethod::kEAP) {
    Quadrature q;
    if (options.quadrature.size() == 0) {
      KP_ASSIGN_OR_RETURN(q, RectangularQuadrature(61, -6, 6));
    } else {
      q = options.quadrature;
    }
    q = RescaleQuadrature(q, options.prior_mean, options.prior_sd);
    std::vector<double> ll(q.size());
    double mx = -std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < q.size(); ++k) {
      ll[k] = ResponseLogLikelihood(items, responses, q.nodes[k]);
      mx = std::max(mx, ll[k]);
    }
    double s0 = 0, s1 = 0, s2 = 0;
    for (std::size_t k = 0; k < q.size(); ++k) {
      const double w = q.weights[k] * std::exp(ll[k] - mx);
      s0 += w;
      s1 += w * q.nodes[k];
      s2 += w * q.nodes[k] * q.nodes[k];
    }
    est.theta = s1 / s0;
    est.se = std::sqrt(std::max(0.0, s2 / s0 - est.theta * est.theta));
    return est;
  }
  const bool map = method == ScoringMethod::kMAP;
  if (!map) {
    bool all_min = true, all_max = true, any = false;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (responses[i] == kMissing) continue;
      any = true;
      all_min &= responses[i] == 0;
      all_max &= responses[i] == items[i].MaxScore();
    }
    if (!any || all_min || all_max) {
      est.theta = !any ? 0.0 : (all_max ? options.max_theta : options.min_theta);
      est.se = std::numeric_limits<double>::infinity();
      est.finite = false;
      return est;
    }
  }
  double curvature = 0;
  est.theta = Maximise(items, responses, map, options.prior_mean, options.prior_sd, options.min_theta,
                       options.max_theta, options.prior_mean, curvature);
  if (map) {
    est.se = curvature < 0 ? 1.0 / std::sqrt(-curvature) : std::numeric_limits<double>::infinity();
  } else {
    double info = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (responses[i] != kMissing) info += ItemInformation(items[i], est.theta);
    }
    est.se = info > 0 ? 1.0 / std::sqrt(info) : std::numeric_limits<double>::infinity();
    est.finite = est.theta > options.min_theta + 1e-6 && est.theta < options.max_theta - 1e-6;
  }
  return est;
}

std::vector<double> SummedScoreDistribution(std::span<const ItemParameters> items, double theta) {
  int total = 0;
  for (const auto& it : items) total += it.MaxScore();
  std::vector<double> f(total + 1, 0.0), next(total + 1, 0.0), p;
  f[0] = 1.0;
  int reach = 0;
  for (const auto& it : items) {
    const int m = it.MaxScore();
    p.resize(m + 1);
    CategoryProbabilities(it, theta, p);
    std::fill(next.begin(), next.begin() + reach + m + 1, 0.0);
    for (int s = 0; s <= reach; ++s) {
      if (f[s] == 0) continue;
      for (int k = 0; k <= m; ++k) next[s + k] += f[s] * p[k];
    }
    reach += m;
    std::swap(f, next);
  }
  return f;
}

Result<std::vector<SummedScoreRow>> SummedScoreTable(std::span<const ItemParameters> items,
                                                     const ScoringOptions& options) {
  for (const auto& it : items) KP_RETURN_IF_ERROR(ValidateItem(it));
  if (!(options.prior_sd > 0)) {
    return InvalidArgument("psychometrics.bad_prior", "prior SD must be positive", "先验标准差必须为正");
  }
  Quadrature q;
  if (options.quadrature.size() == 0) {
    KP_ASSIGN_OR_RETURN(q, RectangularQuadrature(61, -6, 6));
  } else {
    q = options.quadrature;
  }
  q = RescaleQuadrature(q, options.prior_mean, options.prior_sd);
  int total = 0;
  for (const auto& it : items) total += it.MaxScore();
  std::vector<double> s0(total + 1, 0.0), s1(total + 1, 0.0), s2(total + 1, 0.0);
  for (std::size_t k = 0; k < q.size(); ++k) {
    const std::vector<double> f = SummedScoreDistribution(items, q.nodes[k]);
    for (int s = 0; s <= total; ++s) {
      const double w = q.weights[k] * f[s];
      s0[s] += w;
      s1[s] += w * q.nodes[k];
      s2[s] += w * q.nodes[k] * q.nodes[k];
    }
  }
  std::vector<SummedScoreRow> rows;
  for (int s = 0; s <= total; ++s) {
    SummedScoreRow r;
    r.score = s;
    r.probability = s0[s];
    if (s0[s] > 0) {
      r.theta = s1[s] / s0[s];
      r.se = std::sqrt(std::max(0.0, s2[s] / s0[s] - r.theta * r.theta));
    }
    rows.push_back(r);
  }
  return rows;
}

}  // namespace kaoping::psychometrics
