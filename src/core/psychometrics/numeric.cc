#include "core/psychometrics/numeric.h"

#include <algorithm>
#include <limits>

namespace kaoping::psychometrics::numeric {
namespace {

// In-place Cholesky (lower triangle) of m + ridge·I. False when not positive definite.
bool Cholesky(const SymMatrix& m, double ridge, std::vector<double>& l) {
  const int n = m.n;
  l.assign(static_cast<std::size_t>(n) * n, 0.0);
  for (int j = 0; j < n; ++j) {
    double s = m(j, j) + ridge;
    for (int k = 0; k < j; ++k) s -= l[j * n + k] * l[j * n + k];
    if (!(s > 0) || !std::isfinite(s)) return false;
    const double d = std::sqrt(s);
    l[j * n + j] = d;
    for (int i = j + 1; i < n; ++i) {
      double t = m(i, j);
      for (int k = 0; k < j; ++k) t -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = t / d;
    }
  }
  return true;
}

void CholeskySolve(const std::vector<double>& l, int n, std::span<const double> rhs, std::span<double> x) {
  std::vector<double> y(n);
  for (int i = 0; i < n; ++i) {
    double s = rhs[i];
    for (int k = 0; k < i; ++k) s -= l[i * n + k] * y[k];
    y[i] = s / l[i * n + i];
  }
  for (int i = n - 1; i >= 0; --i) {
    double s = y[i];
    for (int k = i + 1; k < n; ++k) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
}

// Regularised lower incomplete gamma P(s, x) by series, and Q(s, x) by Lentz's continued fraction.
double GammaPSeries(double s, double x) {
  double sum = 1.0 / s, term = sum, ap = s;
  for (int n = 0; n < 10000; ++n) {
    ap += 1.0;
    term *= x / ap;
    sum += term;
    if (std::abs(term) < std::abs(sum) * 1e-16) break;
  }
  return sum * std::exp(-x + s * std::log(x) - std::lgamma(s));
}

double GammaQContinuedFraction(double s, double x) {
  const double tiny = 1e-300;
  double b = x + 1.0 - s, c = 1.0 / tiny, d = 1.0 / b, h = d;
  for (int i = 1; i < 10000; ++i) {
    const double an = -i * (i - s);
    b += 2.0;
    d = an * d + b;
    if (std::abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (std::abs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::abs(delta - 1.0) < 1e-16) break;
  }
  return std::exp(-x + s * std::log(x) - std::lgamma(s)) * h;
}

}  // namespace

bool SolvePositiveDefinite(const SymMatrix& m, std::span<const double> rhs, std::span<double> x) {
  const int n = m.n;
  if (n == 0) return true;
  double trace = 0;
  for (int i = 0; i < n; ++i) trace += std::abs(m(i, i));
  const double scale = trace > 0 ? trace / n : 1.0;
  std::vector<double> l;
  double ridge = 0;
  for (int attempt = 0; attempt < 16; ++attempt) {
    if (Cholesky(m, ridge, l)) {
      CholeskySolve(l, n, rhs, x);
      return true;
    }
    ridge = ridge == 0 ? 1e-8 * scale : ridge * 10;
  }
  return false;
}

bool InvertPositiveDefinite(const SymMatrix& m, SymMatrix& inverse) {
  const int n = m.n;
  std::vector<double> l;
  if (!Cholesky(m, 0.0, l)) return false;
  inverse = SymMatrix(n);
  std::vector<double> e(n, 0.0), col(n);
  for (int j = 0; j < n; ++j) {
    std::fill(e.begin(), e.end(), 0.0);
    e[j] = 1.0;
    CholeskySolve(l, n, e, col);
    for (int i = 0; i < n; ++i) inverse(i, j) = col[i];
  }
  return true;
}

double ChiSquareSurvival(double x, double df) {
  if (!(df > 0)) return std::numeric_limits<double>::quiet_NaN();
  if (x <= 0) return 1.0;
  const double s = df / 2.0, h = x / 2.0;
  if (h < s + 1.0) return std::clamp(1.0 - GammaPSeries(s, h), 0.0, 1.0);
  return std::clamp(GammaQContinuedFraction(s, h), 0.0, 1.0);
}

double NormalPdf(double x) {
  return 0.3989422804014327 * std::exp(-0.5 * x * x);
}
double NormalSurvival(double x) {
  return 0.5 * std::erfc(x / std::sqrt(2.0));
}

double Correlation(std::span<const double> x, std::span<const double> y, std::span<const double> w) {
  const std::size_t n = x.size();
  double sw = 0, mx = 0, my = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double wi = w.empty() ? 1.0 : w[i];
    sw += wi;
    mx += wi * x[i];
    my += wi * y[i];
  }
  if (sw <= 0) return std::numeric_limits<double>::quiet_NaN();
  mx /= sw;
  my /= sw;
  double sxx = 0, syy = 0, sxy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double wi = w.empty() ? 1.0 : w[i];
    const double dx = x[i] - mx, dy = y[i] - my;
    sxx += wi * dx * dx;
    syy += wi * dy * dy;
    sxy += wi * dx * dy;
  }
  if (sxx <= 0 || syy <= 0) return std::numeric_limits<double>::quiet_NaN();
  return sxy / std::sqrt(sxx * syy);
}

double Median(std::vector<double> v) {
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

}  // namespace kaoping::psychometrics::numeric
