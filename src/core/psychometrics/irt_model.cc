#include "core/psychometrics/irt_model.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <numbers>

#include "core/psychometrics/numeric.h"

namespace kaoping::psychometrics {

using numeric::Logistic;

std::string_view ItemModelName(ItemModel model) {
  switch (model) {
    case ItemModel::kRasch:
      return "Rasch";
    case ItemModel::kOnePL:
      return "1PL";
    case ItemModel::kTwoPL:
      return "2PL";
    case ItemModel::kThreePL:
      return "3PL";
    case ItemModel::kGradedResponse:
      return "GRM";
  }
  return "?";
}

Result<ItemModel> ParseItemModel(std::string_view name) {
  std::string s;
  for (char ch : name) s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
  if (s == "rasch") return ItemModel::kRasch;
  if (s == "1pl") return ItemModel::kOnePL;
  if (s == "2pl") return ItemModel::kTwoPL;
  if (s == "3pl") return ItemModel::kThreePL;
  if (s == "grm" || s == "graded") return ItemModel::kGradedResponse;
  return InvalidArgument(
      "psychometrics.unknown_model",
      "unknown item model '" + std::string(name) + "' (expected rasch, 1pl, 2pl, 3pl or grm)",
      "未知的项目模型“" + std::string(name) + "”（应为 rasch、1pl、2pl、3pl 或 grm）");
}

int ItemParameters::MaxScore() const {
  return IsPolytomous() ? static_cast<int>(thresholds.size()) : 1;
}

Status ValidateItem(const ItemParameters& item) {
  auto bad = [&](const std::string& what) {
    return InvalidArgument("psychometrics.bad_item_parameters", "item '" + item.item_id + "': " + what,
                           "项目“" + item.item_id + "”参数无效：" + what);
  };
  if (!std::isfinite(item.a)) return bad("slope is not finite");
  if (item.IsPolytomous()) {
    if (item.thresholds.empty()) return bad("graded item has no thresholds");
    for (std::size_t k = 0; k < item.thresholds.size(); ++k) {
      if (!std::isfinite(item.thresholds[k])) return bad("threshold is not finite");
      if (k > 0 && !(item.thresholds[k] > item.thresholds[k - 1])) return bad("thresholds not increasing");
    }
    return Status::Ok();
  }
  if (!std::isfinite(item.b)) return bad("difficulty is not finite");
  if (!(item.c >= 0.0 && item.c < 1.0)) return bad("lower asymptote outside [0, 1)");
  return Status::Ok();
}

void CategoryProbabilities(const ItemParameters& item, double theta, std::span<double> out) {
  if (!item.IsPolytomous()) {
    const double p = item.c + (1.0 - item.c) * Logistic(item.a * (theta - item.b));
    out[0] = 1.0 - p;
    out[1] = p;
    return;
  }
  const int k_max = item.MaxScore();
  double upper = 1.0;  // P(X >= k)
  for (int k = 0; k < k_max; ++k) {
    const double next = Logistic(item.a * (theta - item.thresholds[k]));
    out[k] = upper - next;
    upper = next;
  }
  out[k_max] = upper;
}

double ProbabilityCorrect(const ItemParameters& item, double theta) {
  if (!item.IsPolytomous()) return item.c + (1.0 - item.c) * Logistic(item.a * (theta - item.b));
  return Logistic(item.a * (theta - item.thresholds.back()));
}

double ExpectedScore(const ItemParameters& item, double theta) {
  if (!item.IsPolytomous()) return ProbabilityCorrect(item, theta);
  // E[X] = Σ_k P(X >= k).
  double e = 0;
  for (double bk : item.thresholds) e += Logistic(item.a * (theta - bk));
  return e;
}

double ItemInformation(const ItemParameters& item, double theta) {
  if (!item.IsPolytomous()) {
    const double l = Logistic(item.a * (theta - item.b));
    const double p = item.c + (1.0 - item.c) * l;
    const double dp = (1.0 - item.c) * item.a * l * (1.0 - l);
    if (p <= 0 || p >= 1) return 0.0;
    return dp * dp / (p * (1.0 - p));
  }
  // I(θ) = Σ_k (P_k')² / P_k with P_k' = a (W_k − W_{k+1}), W_k = P*_k (1 − P*_k).
  const int k_max = item.MaxScore();
  double info = 0, upper = 1.0, w_upper = 0.0;
  for (int k = 0; k <= k_max; ++k) {
    double next = 0.0, w_next = 0.0;
    if (k < k_max) {
      next = Logistic(item.a * (theta - item.thresholds[k]));
      w_next = next * (1.0 - next);
    }
    const double pk = upper - next;
    const double dpk = item.a * (w_upper - w_next);
    if (pk > 1e-300) info += dpk * dpk / pk;
    upper = next;
    w_upper = w_next;
  }
  return std::max(0.0, info);
}

double TestInformation(std::span<const ItemParameters> items, double theta) {
  double s = 0;
  for (const auto& it : items) s += ItemInformation(it, theta);
  return s;
}

double TestCharacteristic(std::span<const ItemParameters> items, double theta) {
  double s = 0;
  for (const auto& it : items) s += ExpectedScore(it, theta);
  return s;
}

Result<double> InverseTestCharacteristic(std::span<const ItemParameters> items, double raw_score, double lo,
                                         double hi) {
  double max_score = 0;
  for (const auto& it : items) max_score += it.MaxScore();
  if (!(raw_score >= 0 && raw_score <= max_score) || !(lo < hi)) {
    return OutOfRange(
        "psychometrics.raw_score_out_of_range",
        "raw score " + std::to_string(raw_score) + " is outside [0, " + std::to_string(max_score) + "]",
        "原始分 " + std::to_string(raw_score) + " 超出 [0, " + std::to_string(max_score) + "]");
  }
  if (TestCharacteristic(items, lo) >= raw_score) return lo;
  if (TestCharacteristic(items, hi) <= raw_score) return hi;
  double a = lo, b = hi;
  for (int i = 0; i < 200 && b - a > 1e-12; ++i) {
    const double m = 0.5 * (a + b);
    if (TestCharacteristic(items, m) < raw_score)
      a = m;
    else
      b = m;
  }
  return 0.5 * (a + b);
}

Result<double> ResponseProbabilityLocation(const ItemParameters& item, int category, double probability) {
  auto bad = [&](const std::string& what) -> Status {
    return InvalidArgument("psychometrics.bad_response_probability", "item '" + item.item_id + "': " + what,
                           "项目“" + item.item_id + "”：" + what);
  };
  if (!(probability > 0 && probability < 1)) return bad("response probability must be in (0, 1)");
  if (category < 1 || category > item.MaxScore()) return bad("category out of range");
  if (item.a <= 0) return bad("slope must be positive");
  if (item.IsPolytomous()) {
    return item.thresholds[category - 1] + numeric::Logit(probability) / item.a;
  }
  if (probability <= item.c) return bad("response probability is at or below the lower asymptote");
  const double l = (probability - item.c) / (1.0 - item.c);
  return item.b + numeric::Logit(l) / item.a;
}

Result<Quadrature> GaussHermiteQuadrature(int n) {
  if (n < 2 || n > 200) {
    return InvalidArgument("psychometrics.bad_quadrature", "Gauss-Hermite points must be in [2, 200]",
                           "Gauss-Hermite 节点数必须在 [2, 200] 之间");
  }
  // Roots of the physicists' Hermite polynomial H_n by Newton's method on the orthonormal
  // recurrence, starting from the classical asymptotic guesses; symmetric about 0.
  std::vector<double> z(n), w(n);
  const double pim4 = std::pow(std::numbers::pi, -0.25);
  const int m = (n + 1) / 2;
  double x = 0;
  for (int i = 0; i < m; ++i) {
    if (i == 0) {
      x = std::sqrt(2.0 * n + 1) - 1.85575 * std::pow(2.0 * n + 1, -0.16667);
    } else if (i == 1) {
      x -= 1.14 * std::pow(static_cast<double>(n), 0.426) / x;
    } else if (i == 2) {
      x = 1.86 * x - 0.86 * z[0];
    } else if (i == 3) {
      x = 1.91 * x - 0.91 * z[1];
    } else {
      x = 2.0 * x - z[i - 2];
    }
    double pp = 0;
    for (int it = 0; it < 100; ++it) {
      double p1 = pim4, p2 = 0.0;
      for (int j = 1; j <= n; ++j) {
        const double p3 = p2;
        p2 = p1;
        p1 = x * std::sqrt(2.0 / j) * p2 - std::sqrt(static_cast<double>(j - 1) / j) * p3;
      }
      pp = std::sqrt(2.0 * n) * p2;
      const double step = p1 / pp;
      x -= step;
      if (std::abs(step) < 1e-15) break;
    }
    z[i] = x;
    z[n - 1 - i] = -x;
    w[i] = 2.0 / (pp * pp);
    w[n - 1 - i] = w[i];
  }
  Quadrature q;
  q.description = std::to_string(n) + "-point Gauss-Hermite";
  double total = 0;
  for (int i = n - 1; i >= 0; --i) {  // ascending nodes
    q.nodes.push_back(std::numbers::sqrt2 * z[i]);
    q.weights.push_back(w[i] / std::sqrt(std::numbers::pi));
    total += q.weights.back();
  }
  for (double& wt : q.weights) wt /= total;  // remove rounding drift; exact rule sums to 1
  return q;
}

Result<Quadrature> RectangularQuadrature(int n, double lo, double hi) {
  if (n < 2 || !(lo < hi)) {
    return InvalidArgument("psychometrics.bad_quadrature", "rectangular quadrature needs n >= 2 and lo < hi",
                           "矩形求积需要 n >= 2 且 lo < hi");
  }
  Quadrature q;
  double total = 0;
  for (int i = 0; i < n; ++i) {
    const double x = lo + (hi - lo) * i / (n - 1);
    q.nodes.push_back(x);
    q.weights.push_back(numeric::NormalPdf(x));
    total += q.weights.back();
  }
  for (double& wt : q.weights) wt /= total;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%d equally spaced points on [%g, %g]", n, lo, hi);
  q.description = buf;
  return q;
}

Quadrature RescaleQuadrature(const Quadrature& q, double mean, double sd) {
  Quadrature r = q;
  for (double& x : r.nodes) x = mean + sd * x;
  return r;
}

}  // namespace kaoping::psychometrics
