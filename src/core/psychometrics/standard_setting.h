// -----------------------------------------------------------------------------
// File: core/psychometrics/standard_setting.h
// -----------------------------------------------------------------------------
//
// Standard setting: turning expert judgement into a cut score.
//
// Modified Angoff. Each rater r gives, for each item j, the probability p_rj that a minimally
// competent candidate answers it correctly (for a polytomous item: the expected score, 0..max).
// Rater cut = Σ_j p_rj; raw cut = mean over raters; its standard error = SD of rater cuts / √R.
// The raw cut is carried to the ability scale through the test characteristic curve:
// θ_cut = TCC⁻¹(raw cut).
//
// Bookmark. Items are ordered in a booklet by their RP location: the θ at which the probability
// of a correct response (for a graded item: of scoring at least k, one page per score point)
// equals the response probability RP (0.67 by default). Each panellist places a bookmark on a
// page; the panellist's cut is the location of the bookmarked page (kBookmarkedPage, the first
// page the borderline candidate would no longer master), of the page before it
// (kLastMasteredPage), or their midpoint. The panel's cut is the median; raw = TCC(θ_cut).
//
// Thread safety: pure functions.

#ifndef KAOPING_CORE_PSYCHOMETRICS_STANDARD_SETTING_H_
#define KAOPING_CORE_PSYCHOMETRICS_STANDARD_SETTING_H_

#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "core/psychometrics/irt_model.h"

namespace kaoping::psychometrics {

struct AngoffResult {
  std::vector<double> rater_raw_cuts;
  double raw_cut = 0;
  double raw_cut_se = 0;
  double theta_cut = 0;
};

// ratings[r][j]: rater r, item j (in `items` order). Errors: "psychometrics.bad_ratings" when a
// row has the wrong length, a rating is outside [0, max score], or there are no raters.
Result<AngoffResult> ModifiedAngoff(std::span<const ItemParameters> items,
                                    const std::vector<std::vector<double>>& ratings);

struct BookletPage {
  int page = 0;  // 1-based
  std::string item_id;
  int category = 1;  // score point (1 for dichotomous items)
  double location = 0;
};

// Errors when an item cannot reach RP (e.g. a 3PL item with c >= rp) or has a slope <= 0.
Result<std::vector<BookletPage>> OrderedItemBooklet(std::span<const ItemParameters> items, double rp = 0.67);

enum class BookmarkRule { kBookmarkedPage, kLastMasteredPage, kMidpoint };

struct BookmarkResult {
  std::vector<double> panelist_thetas;
  double theta_cut = 0;  // median of panellists
  double raw_cut = 0;    // TCC(theta_cut) over `items`
};

// bookmarks: one 1-based page number per panellist (2..pages for kLastMasteredPage/kMidpoint).
Result<BookmarkResult> BookmarkCut(std::span<const ItemParameters> items,
                                   const std::vector<BookletPage>& booklet, const std::vector<int>& bookmarks,
                                   BookmarkRule rule = BookmarkRule::kBookmarkedPage);

}  // namespace kaoping::psychometrics

#endif  // KAOPING_CORE_PSYCHOMETRICS_STANDARD_SETTING_H_
