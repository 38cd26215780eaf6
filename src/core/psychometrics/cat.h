// -----------------------------------------------------------------------------
// File: core/psychometrics/cat.h
// -----------------------------------------------------------------------------
//
// Computerized adaptive testing for practice and placement.
//
//   selection   the eligible item with maximum Fisher information I_j(θ̂) at the interim estimate
//   content     when target weights per content area are given (callers derive them from a
//               standard's weight table), the next item comes from the area furthest below its
//               target: argmax_a w_a·(n + 1) − n_a (Kingsbury & Zara's constrained CAT)
//   exposure    randomesque: a uniform draw among the `randomesque_size` most informative items;
//               Sympson–Hetter: walk the items by decreasing information, administer item j with
//               probability K_j, otherwise set it aside for this candidate (K from
//               CalibrateSympsonHetter, which iterates K_j = min(1, r_max / P(select j)))
//   estimate    EAP (default) or MAP after each response; the final SE is the posterior SD
//   stopping    SE <= target_se after at least min_length items, or max_length items, or no
//               eligible item left
//   placement   θ̂ mapped to a level by ordered cut points
//
// SimulateCat runs the whole loop for simulees with known θ and reports bias, RMSE, mean test
// length and per-item exposure rates.
//
// Randomness comes only from the SeededRandom given (base/random.h), so runs replay exactly.
// Thread safety: ItemBank is immutable and shareable; a CatSession belongs to one thread.

#ifndef KAOPING_CORE_PSYCHOMETRICS_CAT_H_
#define KAOPING_CORE_PSYCHOMETRICS_CAT_H_

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/random.h"
#include "base/result.h"
#include "core/psychometrics/irt_model.h"
#include "core/psychometrics/scoring.h"

namespace kaoping::psychometrics {

struct CatItem {
  ItemParameters params;
  std::string content_area;
  double exposure_k = 1.0;  // Sympson–Hetter exposure-control parameter in (0, 1]
};

class ItemBank {
 public:
  // Errors: "psychometrics.bad_item_bank" (empty bank, duplicate ids, invalid parameters,
  // exposure_k outside (0, 1]).
  static Result<ItemBank> Create(std::vector<CatItem> items);
  ItemBank() = default;

  [[nodiscard]] std::size_t size() const { return items_.size(); }
  [[nodiscard]] const CatItem& item(std::size_t i) const { return items_[i]; }
  [[nodiscard]] const std::vector<std::string>& areas() const { return areas_; }  // distinct, sorted
  [[nodiscard]] int area_index(std::size_t item) const { return area_of_[item]; }
  // Replaces the Sympson–Hetter parameters (one per item).
  Status SetExposureParameters(const std::vector<double>& k);

 private:
  std::vector<CatItem> items_;
  std::vector<std::string> areas_;
  std::vector<int> area_of_;
};

enum class ExposureControl { kNone, kRandomesque, kSympsonHetter };
std::string_view ExposureControlName(ExposureControl e);  // "none", "randomesque", "sympson-hetter"
Result<ExposureControl> ParseExposureControl(std::string_view name);

struct CatOptions {
  int min_length = 5;
  int max_length = 30;
  double target_se = 0.30;
  ExposureControl exposure = ExposureControl::kRandomesque;
  int randomesque_size = 5;
  // Target share per content area (normalised over the areas listed). Empty = no balancing.
  std::map<std::string, double> content_weights;
  ScoringMethod interim_method = ScoringMethod::kEAP;
  ScoringOptions scoring;  // prior and quadrature for the interim and final estimates
};

class CatSession {
 public:
  // `bank` must outlive the session. Errors: "psychometrics.bad_cat_options" (lengths, target
  // SE, randomesque size, negative weights, method kMLE for interim estimates).
  static Result<CatSession> Create(const ItemBank* bank, CatOptions options, std::uint64_t seed);

  // Index (into the bank) of the item to present next. FAILED_PRECONDITION
  // ("psychometrics.cat_finished") when ShouldStop().
  Result<std::size_t> NextItem();
  // Records the score on the item NextItem() returned. Errors: not the pending item, score out of
  // range.
  Status RecordResponse(std::size_t item, int score);

  [[nodiscard]] bool ShouldStop() const;
  [[nodiscard]] const AbilityEstimate& estimate() const { return estimate_; }
  [[nodiscard]] const std::vector<std::size_t>& administered() const { return administered_; }
  [[nodiscard]] const std::vector<int>& responses() const { return responses_; }
  // Items the selection rule picked before the exposure lottery (Sympson–Hetter bookkeeping).
  [[nodiscard]] const std::vector<std::size_t>& selected() const { return selected_; }

 private:
  CatSession(const ItemBank* bank, CatOptions options, std::uint64_t seed);
  Status Reestimate();

  const ItemBank* bank_;
  CatOptions options_;
  SeededRandom rng_;
  std::vector<bool> used_;  // administered or set aside
  std::vector<std::size_t> administered_, selected_;
  std::vector<int> responses_;
  std::vector<int> area_counts_;
  std::vector<double> area_weights_;  // per bank area index
  AbilityEstimate estimate_;
  std::size_t pending_ = static_cast<std::size_t>(-1);
  bool exhausted_ = false;
};

struct Placement {
  int level = 0;  // 0 = below the first cut
  std::string name;
};
// cut_points strictly increasing; level_names empty or cut_points.size() + 1 names.
// θ exactly at a cut point belongs to the higher level.
Result<Placement> PlaceAbility(double theta, std::span<const double> cut_points,
                               std::span<const std::string> level_names = {});

struct CatSimulationOptions {
  CatOptions cat;
  int num_simulees = 1000;  // θ ~ N(0, 1) unless true_thetas is given
  std::vector<double> true_thetas;
  std::uint64_t seed = 1;
  std::vector<double> cut_points;  // optional: report classification accuracy
};

struct CatSimulationResult {
  int simulees = 0;
  double bias = 0;  // mean(θ̂ − θ)
  double rmse = 0;
  double mean_length = 0;
  double mean_se = 0;
  double max_exposure = 0;
  int items_never_used = 0;
  std::vector<double> exposure_rates;   // per bank item: share of simulees who saw it
  std::vector<double> selection_rates;  // per bank item: share for whom selection picked it
  double classification_accuracy = kNaN;
  std::vector<double> true_thetas;
  std::vector<double> estimated_thetas;
};

Result<CatSimulationResult> SimulateCat(const ItemBank& bank, const CatSimulationOptions& options);

// Iterates simulations (each with options.num_simulees) updating K_j = min(1, r_max / P(S_j)),
// as Sympson & Hetter (1985) describe; returns the K per item after `rounds` rounds.
// options.cat.exposure is forced to kSympsonHetter.
Result<std::vector<double>> CalibrateSympsonHetter(const ItemBank& bank, CatSimulationOptions options,
                                                   double r_max, int rounds = 10);

}  // namespace kaoping::psychometrics

#endif  // KAOPING_CORE_PSYCHOMETRICS_CAT_H_
