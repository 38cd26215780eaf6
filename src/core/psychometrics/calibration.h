// -----------------------------------------------------------------------------
// File: core/psychometrics/calibration.h
// -----------------------------------------------------------------------------
//
// IRT calibration by marginal maximum likelihood with the EM algorithm of Bock & Aitkin (1981)
// over a fixed quadrature. Dichotomous items (max score 1) follow the chosen dichotomous model
// (Rasch, 1PL, 2PL or 3PL); items with a higher max score follow Samejima's graded response model.
// Missing responses are allowed: they simply do not enter the likelihood (ignorable missingness).
//
//   E-step   posterior weights of each distinct response pattern at the quadrature nodes, from
//            a per-node table of log category probabilities; patterns that occur several times
//            are evaluated once (identical rows are collapsed, weights add up).
//   M-step   per item (jointly for a shared 1PL/Rasch slope), Fisher scoring on the expected
//            complete-data log-likelihood Σ_q Σ_k r_ikq log P_ik(θ_q) (+ log prior of c for 3PL),
//            with step halving so the objective never decreases.
//
// Acceleration: every third cycle the last three EM iterates are extrapolated along their
// direction of travel by the observed contraction ratio (Aitken/Ramsay-style); the jump is kept
// only when the next E-step shows it did not lower the log-likelihood.
//
// Convergence: the largest absolute change of any (slope–intercept) parameter in one plain EM
// cycle falls below `tolerance`. The marginal log-likelihood log L = Σ_n w_n log Σ_q w_q
// Π_i P(x_ni | θ_q) is reported at the final estimates.
//
// Standard errors come from the observed information: the Hessian of log L is obtained by central
// differences of its exact gradient (Fisher's identity: gradient of log L = expected complete-data
// gradient under the posterior), then inverted; b = −d/a and c = L(γ) get delta-method SEs.
//
// Fit: S-X² item fit (Orlando & Thissen 2000; the generalised form of Kang & Chen 2008 for graded
// items) over the persons with no missing response, adjacent score groups pooled until every
// expected count is at least `sx2_min_expected`; lz person fit (Drasgow, Levine & Williams 1985;
// the polytomous form for GRM items) at each person's EAP estimate.
//
// Thread safety: Calibrate() is reentrant; it may use up to `threads` worker threads internally.

#ifndef KAOPING_CORE_PSYCHOMETRICS_CALIBRATION_H_
#define KAOPING_CORE_PSYCHOMETRICS_CALIBRATION_H_

#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "core/psychometrics/irt_model.h"
#include "core/psychometrics/response_matrix.h"

namespace kaoping::psychometrics {

struct CalibrationOptions {
  // Model for dichotomous items: kRasch, kOnePL, kTwoPL or kThreePL. Polytomous items always
  // use the GRM (with the shared slope too under Rasch/1PL).
  ItemModel dichotomous_model = ItemModel::kTwoPL;
  // The latent distribution N(0, 1) is integrated with this rule. Empty = 61 equally spaced points
  // on [-6, 6] (mirt's default for one dimension).
  Quadrature quadrature;
  int max_iterations = 500;
  double tolerance = 1e-4;
  // 3PL: Beta(alpha, beta) prior on c (BILOG-style; the default has its mode at 0.2). Set both to
  // 1 for no prior.
  double guessing_prior_alpha = 5.0;
  double guessing_prior_beta = 17.0;
  // Observed-information standard errors (costs 2 E-steps per free parameter).
  bool standard_errors = true;
  bool item_fit = true;
  bool person_fit = true;
  double sx2_min_expected = 1.0;
  // Worker threads for the E-step; 0 = std::thread::hardware_concurrency() capped at 8.
  int threads = 0;
  // Provenance inputs.
  std::string data_description;
  const Clock* clock = nullptr;  // nullptr = SystemClock
};

struct ItemFit {
  std::string item_id;
  double s_x2 = kNaN;
  int df = 0;
  double p_value = kNaN;
};

// Everything needed to write calibrated parameters back to an item bank and to say later how they
// were obtained.
struct CalibrationProvenance {
  std::string data_description;
  std::size_t num_persons = 0;            // rows (or total weight for weighted tables, rounded)
  std::size_t num_response_patterns = 0;  // distinct rows after collapsing
  std::size_t num_items = 0;
  double missing_fraction = 0;
  std::string model;                // e.g. "2PL", "3PL with c ~ Beta(5, 17)", "2PL + GRM"
  std::string estimation;           // "MML-EM (Bock-Aitkin)"
  std::string quadrature;           // e.g. "61 equally spaced points on [-6, 6]"
  std::string latent_distribution;  // "N(0, 1)"
  int iterations = 0;
  bool converged = false;
  double tolerance = 0;
  double log_likelihood = 0;
  TimePoint calibrated_at;
  std::string software = "kaoping psychometrics 1";
};

struct CalibrationResult {
  std::vector<ItemParameters> items;
  double log_likelihood = 0;
  int num_free_parameters = 0;
  double aic = 0;
  double bic = 0;
  int iterations = 0;
  bool converged = false;
  double last_change = 0;  // largest parameter change in the last EM cycle
  // Rasch only: the estimated SD of θ (slopes are fixed at 1); 1 for the other models.
  double latent_sd = 1.0;
  double se_latent_sd = kNaN;
  std::vector<ItemFit> item_fit;     // one per item when options.item_fit
  std::vector<double> person_lz;     // one per matrix row when options.person_fit (NaN if no data)
  std::vector<double> person_theta;  // the EAP estimates lz was evaluated at
  CalibrationProvenance provenance;
};

// Errors (INVALID_ARGUMENT, "psychometrics.bad_calibration_input"): no persons, an item nobody
// answered, an item with a single observed score, a polytomous item with an unobserved middle
// category, kGradedResponse given as dichotomous_model, or a bad quadrature.
Result<CalibrationResult> Calibrate(const ResponseMatrix& responses, const CalibrationOptions& options);

// The marginal log-likelihood of `responses` under fixed item parameters (items in matrix column
// order) with θ ~ N(0, 1) integrated by `quadrature` (empty = default). Used by tests and by
// model comparison.
Result<double> MarginalLogLikelihood(const ResponseMatrix& responses,
                                     const std::vector<ItemParameters>& items,
                                     const Quadrature& quadrature = {});

}  // namespace kaoping::psychometrics

#endif  // KAOPING_CORE_PSYCHOMETRICS_CALIBRATION_H_
