// -----------------------------------------------------------------------------
// File: core/psychometrics/equating.h
// -----------------------------------------------------------------------------
//
// IRT linking of parallel forms through common (anchor) items, so that a cut score set on one
// form maps to the others. Form X was calibrated separately from the base form Y; linking finds
// constants A, B that put X's scale onto Y's:
//
//   θ_Y = A·θ_X + B,   a_Y = a_X / A,   b_Y = A·b_X + B (each GRM threshold likewise),   c unchanged.
//
//   mean/mean    A = mean(a_X) / mean(a_Y)                 B = mean(b_Y) − A·mean(b_X)
//   mean/sigma   A = sd(b_Y) / sd(b_X)                     B = mean(b_Y) − A·mean(b_X)
//   Haebara      minimises Σ_t w_t Σ_j Σ_k [P_jk(θ_t; Y) − P_jk(θ_t; X→Y)]²   (item curves)
//   Stocking–Lord minimises Σ_t w_t [Σ_j E_j(θ_t; Y) − Σ_j E_j(θ_t; X→Y)]²    (test curve)
//
// (means and SDs over all common-item location parameters; the characteristic-curve criteria
// are minimised from the mean/sigma solution by Nelder–Mead, then polished by Newton steps.)
//
// Thread safety: pure functions.

#ifndef KAOPING_CORE_PSYCHOMETRICS_EQUATING_H_
#define KAOPING_CORE_PSYCHOMETRICS_EQUATING_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "core/psychometrics/irt_model.h"

namespace kaoping::psychometrics {

enum class LinkingMethod { kMeanMean, kMeanSigma, kHaebara, kStockingLord };
std::string_view LinkingMethodName(LinkingMethod m);  // "mean-mean", "mean-sigma", "haebara", "stocking-lord"
Result<LinkingMethod> ParseLinkingMethod(std::string_view name);

struct LinkingOptions {
  // θ points and weights of the characteristic-curve criteria. Empty = 41 points on [-4, 4]
  // weighted by the N(0, 1) density (normalised).
  std::vector<double> theta_points;
  std::vector<double> theta_weights;
};

struct Linking {
  LinkingMethod method = LinkingMethod::kStockingLord;
  double A = 1.0;
  double B = 0.0;
  double criterion = 0.0;  // value of the minimised criterion (0 for the moment methods)
  std::vector<std::string> common_items;
};

// Common items are matched by item_id and must have the same model and number of categories on
// both forms. Errors: "psychometrics.bad_linking_input" (fewer than 2 common items for
// mean/sigma and mean/mean, none for the curve methods; mismatched models; zero spread).
Result<Linking> LinkForms(std::span<const ItemParameters> form_x, std::span<const ItemParameters> form_y,
                          LinkingMethod method, const LinkingOptions& options = {});

// X's parameters expressed on Y's scale.
ItemParameters TransformItem(const ItemParameters& item, const Linking& link);
std::vector<ItemParameters> TransformItems(std::span<const ItemParameters> items, const Linking& link);
inline double TransformTheta(double theta_x, const Linking& link) {
  return link.A * theta_x + link.B;
}

// A raw cut score on form X carried to form Y: θ_X = TCC_X⁻¹(raw), θ_Y = A·θ_X + B,
// raw_Y = TCC_Y(θ_Y).
struct CutMapping {
  double raw_x = 0;
  double theta_x = 0;
  double theta_y = 0;
  double raw_y = 0;
};
Result<CutMapping> MapRawCut(std::span<const ItemParameters> form_x, std::span<const ItemParameters> form_y,
                             const Linking& link, double raw_cut_x);

}  // namespace kaoping::psychometrics

#endif  // KAOPING_CORE_PSYCHOMETRICS_EQUATING_H_
