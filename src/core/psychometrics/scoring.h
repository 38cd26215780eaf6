// -----------------------------------------------------------------------------
// File: core/psychometrics/scoring.h
// -----------------------------------------------------------------------------
//
// Ability (θ) estimation from responses to calibrated items, and summed-score tables.
//
//   EAP  θ̂ = ∫ θ L(x|θ) g(θ) dθ / ∫ L(x|θ) g(θ) dθ, SE = posterior SD (quadrature).
//   MAP  θ̂ = argmax log L(x|θ) + log g(θ) (Newton–Raphson with bisection safeguard),
//        SE = (−∂² log posterior / ∂θ²)^−1/2 at the mode.
//   MLE  θ̂ = argmax log L(x|θ) within [min_theta, max_theta], SE = I(θ̂)^−1/2 (test information).
//        All-minimum and all-maximum patterns have no finite MLE: θ̂ is the bound, SE = +inf and
//        `finite` is false.
//
// g is N(prior_mean, prior_sd²). Missing responses (kMissing) are skipped.
//
// Lord & Wingersky (1984): the distribution of the summed score given θ is built item by item,
// f_{j}(s|θ) = Σ_k f_{j−1}(s−k|θ) P_jk(θ); with a prior it yields, for each summed score, the EAP
// θ and its posterior SD — the table printed on score reports.
//
// Thread safety: pure functions.

#ifndef KAOPING_CORE_PSYCHOMETRICS_SCORING_H_
#define KAOPING_CORE_PSYCHOMETRICS_SCORING_H_

#include <span>
#include <vector>

#include "base/result.h"
#include "core/psychometrics/irt_model.h"

namespace kaoping::psychometrics {

enum class ScoringMethod { kEAP, kMAP, kMLE };
std::string_view ScoringMethodName(ScoringMethod m);
Result<ScoringMethod> ParseScoringMethod(std::string_view name);

struct ScoringOptions {
  double prior_mean = 0.0;
  double prior_sd = 1.0;
  // EAP integration rule for N(0, 1) (rescaled to the prior). Empty = 61 points on [-6, 6].
  Quadrature quadrature;
  double min_theta = -6.0;  // MLE/MAP search bounds
  double max_theta = 6.0;
};

struct AbilityEstimate {
  double theta = 0;
  double se = 0;
  bool finite = true;  // false for MLE of an extreme pattern
};

// `responses[i]` is the score on items[i] or kMissing. Errors: size mismatch, score above an item's
// maximum ("psychometrics.bad_response"), bad prior.
Result<AbilityEstimate> EstimateAbility(std::span<const ItemParameters> items, std::span<const int> responses,
                                        ScoringMethod method, const ScoringOptions& options = {});

// Log-likelihood log L(x|θ) of a response vector.
double ResponseLogLikelihood(std::span<const ItemParameters> items, std::span<const int> responses,
                             double theta);

// f(s | θ) for s = 0..Σ max scores, at one θ (Lord–Wingersky recursion).
std::vector<double> SummedScoreDistribution(std::span<const ItemParameters> items, double theta);

struct SummedScoreRow {
  int score = 0;
  double theta = 0;        // EAP[θ | s]
  double se = 0;           // SD[θ | s]
  double probability = 0;  // marginal P(s) under the prior
};

// One row per possible summed score 0..Σ max scores.
Result<std::vector<SummedScoreRow>> SummedScoreTable(std::span<const ItemParameters> items,
                                                     const ScoringOptions& options = {});

}  // namespace kaoping::psychometrics

#endif  // KAOPING_CORE_PSYCHOMETRICS_SCORING_H_
