// -----------------------------------------------------------------------------
// File: core/psychometrics/numeric.h
// -----------------------------------------------------------------------------
//
// Small numerical building blocks shared by the psychometrics files: the logistic function,
// dense symmetric solves for Newton/Fisher-scoring steps, the chi-square tail probability and
// plain descriptive statistics. Written for the sizes IRT needs (a few hundred unknowns at most),
// not as a general linear-algebra library.
//
// Thread safety: pure functions.

#ifndef KAOPING_CORE_PSYCHOMETRICS_NUMERIC_H_
#define KAOPING_CORE_PSYCHOMETRICS_NUMERIC_H_

#include <cmath>
#include <span>
#include <vector>

namespace kaoping::psychometrics::numeric {

// 1 / (1 + e^-z), accurate in both tails.
inline double Logistic(double z) {
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  double e = std::exp(z);
  return e / (1.0 + e);
}
inline double Logit(double p) {
  return std::log(p / (1.0 - p));
}

// Row-major n×n symmetric matrix.
struct SymMatrix {
  int n = 0;
  std::vector<double> v;
  explicit SymMatrix(int size = 0) : n(size), v(static_cast<std::size_t>(size) * size, 0.0) {}
  double& operator()(int i, int j) { return v[static_cast<std::size_t>(i) * n + j]; }
  double operator()(int i, int j) const { return v[static_cast<std::size_t>(i) * n + j]; }
};

// Solves M x = rhs for symmetric positive definite M by Cholesky. When M is not positive definite
// a ridge λ·I is added (λ grows by 10× from 1e-8·trace/n) until the factorisation succeeds.
// Returns false only when no ridge up to 1e6·(trace/n) helps (or M has non-finite entries).
bool SolvePositiveDefinite(const SymMatrix& m, std::span<const double> rhs, std::span<double> x);
// Inverse of a symmetric positive definite matrix; false when it is not positive definite.
bool InvertPositiveDefinite(const SymMatrix& m, SymMatrix& inverse);

// Upper tail P(χ²_df > x) via the regularised incomplete gamma function. df > 0.
double ChiSquareSurvival(double x, double df);
// Standard normal density and upper tail.
double NormalPdf(double x);
double NormalSurvival(double x);

// Pearson correlation of two equal-length series with optional weights (empty = 1).
// Returns NaN when either series has zero variance.
double Correlation(std::span<const double> x, std::span<const double> y, std::span<const double> w = {});
double Median(std::vector<double> v);

}  // namespace kaoping::psychometrics::numeric

#endif  // KAOPING_CORE_PSYCHOMETRICS_NUMERIC_H_
