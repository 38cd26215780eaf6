// -----------------------------------------------------------------------------
// File: core/psychometrics/irt_model.h
// -----------------------------------------------------------------------------
//
// Item response models and the functions every other psychometrics file evaluates: category
// probabilities, item and test information, the test characteristic curve (TCC) and its inverse,
// and the quadrature rules that approximate integrals over the ability distribution.
//
// Metric. All models are on the logistic metric (no 1.702 scaling constant), as in R's ltm and
// mirt, so estimates can be compared with theirs directly:
//
//   Rasch / 1PL / 2PL   P(X=1 | θ) = L(a(θ − b)),                L(z) = 1 / (1 + e^−z)
//   3PL                 P(X=1 | θ) = c + (1 − c) L(a(θ − b))
//   GRM (Samejima)      P(X≥k | θ) = L(a(θ − b_k)), k = 1..K,    b_1 < … < b_K
//                       P(X=k | θ) = P(X≥k | θ) − P(X≥k+1 | θ)
//
// Internally the calibration works in slope–intercept form (a, d = −a·b), which is better
// conditioned; ItemParameters stores the IRT form that people read.
//
// Thread safety: everything here is a pure function or a value type.

#ifndef KAOPING_CORE_PSYCHOMETRICS_IRT_MODEL_H_
#define KAOPING_CORE_PSYCHOMETRICS_IRT_MODEL_H_

#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace kaoping::psychometrics {

enum class ItemModel {
  kRasch,           // slope fixed at 1; latent SD estimated (reported in CalibrationResult)
  kOnePL,           // one slope shared by all items; θ ~ N(0, 1)
  kTwoPL,           // slope and difficulty per item
  kThreePL,         // plus a lower asymptote c with a Beta prior (see CalibrationOptions)
  kGradedResponse,  // Samejima's graded response model for ordered categories 0..K
};

// "Rasch", "1PL", "2PL", "3PL", "GRM".
std::string_view ItemModelName(ItemModel model);
// Parses the names above case-insensitively (also "1pl", "grm", "graded").
Result<ItemModel> ParseItemModel(std::string_view name);

// The score of an item a person did not answer (or was not given).
inline constexpr int kMissing = -1;

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct ItemParameters {
  std::string item_id;
  ItemModel model = ItemModel::kTwoPL;
  double a = 1.0;  // discrimination (slope)
  double b = 0.0;  // difficulty; unused by the GRM
  double c = 0.0;  // lower asymptote; 3PL only
  // GRM category boundaries b_1 < … < b_K (K = highest score). Empty for dichotomous models.
  std::vector<double> thresholds;
  // Standard errors of the above (NaN when not estimated, e.g. a fixed Rasch slope).
  double se_a = kNaN;
  double se_b = kNaN;
  double se_c = kNaN;
  std::vector<double> se_thresholds;

  // Highest score: 1 for dichotomous models, K for the GRM.
  [[nodiscard]] int MaxScore() const;
  [[nodiscard]] bool IsPolytomous() const { return model == ItemModel::kGradedResponse; }
};

// Checks that a, b, c and thresholds are finite, 0 <= c < 1, thresholds strictly increasing and
// a GRM item has at least one threshold. Reason: "psychometrics.bad_item_parameters".
Status ValidateItem(const ItemParameters& item);

// Writes P(X = k | θ) for k = 0..MaxScore() into `out` (size MaxScore() + 1).
void CategoryProbabilities(const ItemParameters& item, double theta, std::span<double> out);
// P(X = 1 | θ) for dichotomous items; P(X = MaxScore()) for the GRM.
double ProbabilityCorrect(const ItemParameters& item, double theta);
// E[X | θ].
double ExpectedScore(const ItemParameters& item, double theta);
// Fisher information of the item at θ; always >= 0.
double ItemInformation(const ItemParameters& item, double theta);
double TestInformation(std::span<const ItemParameters> items, double theta);
// Test characteristic curve: expected summed score at θ.
double TestCharacteristic(std::span<const ItemParameters> items, double theta);
// Solves TCC(θ) = raw_score for θ by bisection in [lo, hi]. Scores at or beyond the TCC's range
// within [lo, hi] are clamped to lo or hi. Returns OUT_OF_RANGE
// ("psychometrics.raw_score_out_of_range") when raw_score is outside [0, max possible score].
Result<double> InverseTestCharacteristic(std::span<const ItemParameters> items, double raw_score,
                                         double lo = -6.0, double hi = 6.0);
// θ at which P(X >= category | θ) equals `probability` (the response-probability location used by
// the Bookmark method). category is 1 for dichotomous items, 1..K for the GRM.
// Returns INVALID_ARGUMENT when the probability is unreachable (e.g. below a 3PL's c).
Result<double> ResponseProbabilityLocation(const ItemParameters& item, int category, double probability);

// A quadrature rule for integrals over the latent ability distribution: ∫ f(θ) g(θ) dθ ≈
// Σ_q w_q f(θ_q), where g is the standard normal density and Σ_q w_q = 1.
struct Quadrature {
  std::vector<double> nodes;
  std::vector<double> weights;
  std::string description;  // e.g. "61 equally spaced points on [-6, 6]"
  [[nodiscard]] std::size_t size() const { return nodes.size(); }
};

// Gauss–Hermite rule for N(0, 1) with n points (the rule R's ltm uses). REQUIRES 2 <= n <= 200.
Result<Quadrature> GaussHermiteQuadrature(int n);
// n equally spaced points on [lo, hi] weighted by the normal density and renormalised (mirt's and
// Bock & Aitkin's fixed rectangular rule). REQUIRES n >= 2, lo < hi.
Result<Quadrature> RectangularQuadrature(int n, double lo = -6.0, double hi = 6.0);
// Rescales a N(0, 1) rule to N(mean, sd²).
Quadrature RescaleQuadrature(const Quadrature& q, double mean, double sd);

}  // namespace kaoping::psychometrics

#endif  // KAOPING_CORE_PSYCHOMETRICS_IRT_MODEL_H_
