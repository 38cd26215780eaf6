#include "core/psychometrics/standard_setting.h"

#include <algorithm>
#include <cmath>

#include "core/psychometrics/numeric.h"

namespace kaoping::psychometrics {

Result<AngoffResult> ModifiedAngoff(std::span<const ItemParameters> items,
                                    const std::vector<std::vector<double>>& ratings) {
  auto bad = [](const std::string& en, const std::string& zh) {
    return InvalidArgument("psychometrics.bad_ratings", en, zh);
  };
  if (ratings.empty()) return bad("no raters", "没有评审员");
  if (items.empty()) return bad("no items", "没有项目");
  for (const auto& it : items) KP_RETURN_IF_ERROR(ValidateItem(it));
  AngoffResult r;
  for (std::size_t k = 0; k < ratings.size(); ++k) {
    if (ratings[k].size() != items.size()) {
      return bad("rater " + std::to_string(k + 1) + " rated " + std::to_string(ratings[k].size()) +
                     " items, expected " + std::to_string(items.size()),
                 "第 " + std::to_string(k + 1) + " 位评审员的评分数与项目数不符");
    }
    double cut = 0;
    for (std::size_t j = 0; j < items.size(); ++j) {
      const double v = ratings[k][j];
      if (!(v >= 0 && v <= items[j].MaxScore())) {
        return bad("rater " + std::to_string(k + 1) + ", item '" + items[j].item_id +
                       "': rating outside [0, max score]",
                   "第 " + std::to_string(k + 1) + " 位评审员对项目“" + items[j].item_id + "”的评分超出范围");
      }
      cut += v;
    }
    r.rater_raw_cuts.push_back(cut);
  }
  const double n = static_cast<double>(r.rater_raw_cuts.size());
  double s = 0;
  for (double c : r.rater_raw_cuts) s += c;
  r.raw_cut = s / n;
  if (n > 1) {
    double v = 0;
    for (double c : r.rater_raw_cuts) v += (c - r.raw_cut) * (c - r.raw_cut);
    r.raw_cut_se = std::sqrt(v / (n - 1)) / std::sqrt(n);
  }
  KP_ASSIGN_OR_RETURN(r.theta_cut, InverseTestCharacteristic(items, r.raw_cut, -8, 8));
  return r;
}

Result<std::vector<BookletPage>> OrderedItemBooklet(std::span<const ItemParameters> items, double rp) {
  std::vector<BookletPage> pages;
  for (const auto& it : items) {
    KP_RETURN_IF_ERROR(ValidateItem(it));
    for (int k = 1; k <= it.MaxScore(); ++k) {
      KP_ASSIGN_OR_RETURN(double loc, ResponseProbabilityLocation(it, k, rp));
      pages.push_back(BookletPage{0, it.item_id, k, loc});
    }
  }
  std::stable_sort(pages.begin(), pages.end(),
                   [](const BookletPage& a, const BookletPage& b) { return a.location < b.location; });
  for (std::size_t i = 0; i < pages.size(); ++i) pages[i].page = static_cast<int>(i + 1);
  return pages;
}

Result<BookmarkResult> BookmarkCut(std::span<const ItemParameters> items,
                                   const std::vector<BookletPage>& booklet, const std::vector<int>& bookmarks,
                                   BookmarkRule rule) {
  if (bookmarks.empty() || booklet.empty()) {
    return InvalidArgument("psychometrics.bad_bookmarks", "no bookmarks or an empty booklet",
                           "没有书签或题册为空");
  }
  const int n = static_cast<int>(booklet.size());
  const int lowest = rule == BookmarkRule::kBookmarkedPage ? 1 : 2;
  BookmarkResult r;
  for (int page : bookmarks) {
    if (page < lowest || page > n) {
      return InvalidArgument("psychometrics.bad_bookmarks",
                             "bookmark page " + std::to_string(page) + " is outside [" +
                                 std::to_string(lowest) + ", " + std::to_string(n) + "]",
                             "书签页 " + std::to_string(page) + " 超出范围");
    }
    const double here = booklet[page - 1].location;
    double theta = here;
    if (rule == BookmarkRule::kLastMasteredPage) theta = booklet[page - 2].location;
    if (rule == BookmarkRule::kMidpoint) theta = 0.5 * (booklet[page - 2].location + here);
    r.panelist_thetas.push_back(theta);
  }
  r.theta_cut = numeric::Median(r.panelist_thetas);
  r.raw_cut = TestCharacteristic(items, r.theta_cut);
  return r;
}

}  // namespace kaoping::psychometrics
