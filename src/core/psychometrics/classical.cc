#include "core/psychometrics/classical.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/psychometrics/numeric.h"

namespace kaoping::psychometrics {
namespace {

Status Bad(const std::string& en, const std::string& zh) {
  return InvalidArgument("psychometrics.bad_classical_input", en, zh);
}

// Weighted moments of a set of columns.
struct Moments {
  double alpha = kNaN, kr20 = kNaN, mean = 0, sd = 0, sem = kNaN;
};

Moments Reliability(const std::vector<std::vector<double>>& x, const std::vector<double>& w,
                    const std::vector<int>& cols, const std::vector<int>& max_scores) {
  Moments m;
  const std::size_t n = w.size();
  double sw = 0;
  for (double v : w) sw += v;
  if (sw <= 0 || cols.empty()) return m;
  std::vector<double> total(n, 0.0);
  double sum_item_var = 0;
  bool dichotomous = true;
  for (int c : cols) {
    double mean = 0;
    for (std::size_t p = 0; p < n; ++p) mean += w[p] * x[c][p];
    mean /= sw;
    double var = 0;
    for (std::size_t p = 0; p < n; ++p) {
      var += w[p] * (x[c][p] - mean) * (x[c][p] - mean);
      total[p] += x[c][p];
    }
    sum_item_var += var / sw;
    dichotomous = dichotomous && max_scores[c] <= 1;
  }
  double mean = 0;
  for (std::size_t p = 0; p < n; ++p) mean += w[p] * total[p];
  mean /= sw;
  double var = 0;
  for (std::size_t p = 0; p < n; ++p) var += w[p] * (total[p] - mean) * (total[p] - mean);
  m.mean = mean;
  m.sd = sw > 1 ? std::sqrt(var / (sw - 1)) : 0.0;
  const double k = static_cast<double>(cols.size());
  if (var > 0 && k > 1) {
    m.alpha = k / (k - 1) * (1 - sum_item_var / (var / sw));
    if (dichotomous) m.kr20 = m.alpha;
    m.sem = m.sd * std::sqrt(std::max(0.0, 1 - m.alpha));
  }
  return m;
}

}  // namespace

std::string_view ItemFlagName(ItemFlag f) {
  switch (f) {
    case ItemFlag::kTooEasy:
      return "too_easy";
    case ItemFlag::kTooHard:
      return "too_hard";
    case ItemFlag::kLowDiscrimination:
      return "low_discrimination";
    case ItemFlag::kNegativeDiscrimination:
      return "negative_discrimination";
    case ItemFlag::kDistractorNotChosen:
      return "distractor_not_chosen";
    case ItemFlag::kDistractorAttractsUpperGroup:
      return "distractor_attracts_upper_group";
    case ItemFlag::kDistractorPreferredOverKey:
      return "distractor_preferred_over_key";
  }
  return "?";
}

Result<ClassicalReport> AnalyzeItems(const ResponseMatrix& scores, const ClassicalOptions& options,
                                     const ChoiceResponses* choices,
                                     const std::vector<std::string>& item_groups) {
  const std::size_t ni = scores.num_items(), np_all = scores.num_persons();
  if (!(options.group_fraction > 0 && options.group_fraction <= 0.5)) {
    return Bad("group_fraction must be in (0, 0.5]", "分组比例必须在 (0, 0.5] 之间");
  }
  if (!item_groups.empty() && item_groups.size() != ni) {
    return Bad("item_groups must be empty or one per item", "项目分组必须为空或每题一个");
  }
  if (choices != nullptr) {
    if (choices->options.size() != ni || choices->keys.size() != ni ||
        choices->choices.size() != ni * np_all) {
      return Bad("choice data do not match the scored matrix", "选项数据与计分矩阵不匹配");
    }
    for (std::size_t i = 0; i < ni; ++i) {
      if (choices->options[i] > 0 && (choices->keys[i] < 0 || choices->keys[i] >= choices->options[i])) {
        return Bad("key of item '" + scores.item_ids()[i] + "' is not one of its options",
                   "项目“" + scores.item_ids()[i] + "”的答案不在选项范围内");
      }
    }
  }
  // Persons kept, weights, and scores as doubles (missing → 0).
  std::vector<std::size_t> persons;
  std::vector<double> w;
  for (std::size_t p = 0; p < np_all; ++p) {
    if (scores.weight(p) <= 0) continue;
    if (options.missing == MissingPolicy::kCompleteCasesOnly) {
      auto row = scores.row(p);
      if (std::find(row.begin(), row.end(), kMissing) != row.end()) continue;
    }
    persons.push_back(p);
    w.push_back(scores.weight(p));
  }
  double sw = 0;
  for (double v : w) sw += v;
  if (persons.size() < 2 || sw < 2) return Bad("at least 2 persons are needed", "至少需要 2 名考生");
  const std::size_t n = persons.size();
  std::vector<std::vector<double>> x(ni, std::vector<double>(n, 0.0));
  std::vector<double> total(n, 0.0);
  for (std::size_t i = 0; i < ni; ++i) {
    for (std::size_t k = 0; k < n; ++k) {
      const int s = scores.at(persons[k], i);
      x[i][k] = s == kMissing ? 0.0 : s;
      total[k] += x[i][k];
    }
  }
  std::vector<int> max_scores(ni);
  for (std::size_t i = 0; i < ni; ++i) max_scores[i] = std::max(1, scores.max_scores()[i]);

  // Upper and lower groups: fractional membership u[k], l[k] in [0, 1], ties share equally.
  std::vector<double> upper(n, 0.0), lower(n, 0.0);
  {
    std::map<double, double> level_weight;
    for (std::size_t k = 0; k < n; ++k) level_weight[total[k]] += w[k];
    const double target = options.group_fraction * sw;
    std::map<double, double> frac_upper, frac_lower;
    double need = target;
    for (auto it = level_weight.rbegin(); it != level_weight.rend() && need > 1e-12; ++it) {
      const double take = std::min(need, it->second);
      frac_upper[it->first] = take / it->second;
      need -= take;
    }
    need = target;
    for (auto it = level_weight.begin(); it != level_weight.end() && need > 1e-12; ++it) {
      const double take = std::min(need, it->second);
      frac_lower[it->first] = take / it->second;
      need -= take;
    }
    for (std::size_t k = 0; k < n; ++k) {
      upper[k] = w[k] * (frac_upper.count(total[k]) ? frac_upper[total[k]] : 0.0);
      lower[k] = w[k] * (frac_lower.count(total[k]) ? frac_lower[total[k]] : 0.0);
    }
  }
  double su = 0, sl = 0;
  for (std::size_t k = 0; k < n; ++k) {
    su += upper[k];
    sl += lower[k];
  }

  ClassicalReport report;
  std::vector<int> all_cols(ni);
  for (std::size_t i = 0; i < ni; ++i) all_cols[i] = static_cast<int>(i);
  const Moments form = Reliability(x, w, all_cols, max_scores);
  report.form.num_items = static_cast<int>(ni);
  report.form.num_persons = sw;
  report.form.mean_total = form.mean;
  report.form.sd_total = form.sd;
  report.form.alpha = form.alpha;
  report.form.kr20 = form.kr20;
  report.form.sem = form.sem;

  std::vector<double> rest(n);
  for (std::size_t i = 0; i < ni; ++i) {
    ClassicalItemStats st;
    st.item_id = scores.item_ids()[i];
    st.group = item_groups.empty() ? "" : item_groups[i];
    st.max_score = max_scores[i];
    double answered = 0, mean = 0, mu = 0, ml = 0;
    for (std::size_t k = 0; k < n; ++k) {
      if (scores.at(persons[k], i) != kMissing) answered += w[k];
      mean += w[k] * x[i][k];
      mu += upper[k] * x[i][k];
      ml += lower[k] * x[i][k];
      rest[k] = total[k] - x[i][k];
    }
    mean /= sw;
    double var = 0;
    for (std::size_t k = 0; k < n; ++k) var += w[k] * (x[i][k] - mean) * (x[i][k] - mean);
    st.answered = answered;
    st.mean = mean;
    st.sd = std::sqrt(var / (sw - 1));
    st.facility = mean / st.max_score;
    st.point_biserial = numeric::Correlation(x[i], total, w);
    st.corrected_item_total = numeric::Correlation(x[i], rest, w);
    if (su > 0 && sl > 0) st.discrimination_index = (mu / su - ml / sl) / st.max_score;
    if (ni > 2) {
      std::vector<int> cols;
      for (std::size_t j = 0; j < ni; ++j) {
        if (j != i) cols.push_back(static_cast<int>(j));
      }
      st.alpha_if_deleted = Reliability(x, w, cols, max_scores).alpha;
    }
    if (st.facility > options.too_easy_above) st.flags.push_back(ItemFlag::kTooEasy);
    if (st.facility < options.too_hard_below) st.flags.push_back(ItemFlag::kTooHard);
    if (std::isfinite(st.corrected_item_total)) {
      if (st.corrected_item_total < options.negative_discrimination_below) {
        st.flags.push_back(ItemFlag::kNegativeDiscrimination);
      } else if (st.corrected_item_total < options.low_discrimination_below) {
        st.flags.push_back(ItemFlag::kLowDiscrimination);
      }
    }
    // Distractors.
    if (choices != nullptr && choices->options[i] > 0) {
      const int no = choices->options[i], key = choices->keys[i];
      std::vector<double> chosen(no, 0), up(no, 0), low(no, 0);
      double n_answered = 0, n_up = 0, n_low = 0;
      std::vector<std::vector<double>> indicator(no, std::vector<double>(n, 0.0));
      std::vector<double> ind_w(n, 0.0);
      for (std::size_t k = 0; k < n; ++k) {
        const int c = choices->choices[persons[k] * ni + i];
        if (c == kMissing || c < 0 || c >= no) continue;
        ind_w[k] = w[k];
        n_answered += w[k];
        n_up += upper[k];
        n_low += lower[k];
        chosen[c] += w[k];
        up[c] += upper[k];
        low[c] += lower[k];
        indicator[c][k] = 1.0;
      }
      bool not_chosen = false, attracts = false, preferred = false;
      for (int o = 0; o < no; ++o) {
        DistractorStats d;
        d.option = o;
        d.label = o < static_cast<int>(choices->labels.size())
                      ? choices->labels[o]
                      : std::string(1, static_cast<char>('A' + o % 26));
        d.is_key = o == key;
        d.share = n_answered > 0 ? chosen[o] / n_answered : 0;
        d.upper_share = n_up > 0 ? up[o] / n_up : 0;
        d.lower_share = n_low > 0 ? low[o] / n_low : 0;
        d.point_biserial = numeric::Correlation(indicator[o], total, ind_w);
        st.options.push_back(d);
      }
      for (const auto& d : st.options) {
        if (d.is_key) continue;
        bool flagged = false;
        if (d.share <= options.distractor_min_share) not_chosen = flagged = true;
        if (n_up > 0 && n_low > 0 && d.upper_share > d.lower_share) attracts = flagged = true;
        if (n_up > 0 && d.upper_share > 0 && d.upper_share >= st.options[key].upper_share)
          preferred = flagged = true;
        if (flagged) st.flagged_options.push_back(d.label);
      }
      if (not_chosen) st.flags.push_back(ItemFlag::kDistractorNotChosen);
      if (attracts) st.flags.push_back(ItemFlag::kDistractorAttractsUpperGroup);
      if (preferred) st.flags.push_back(ItemFlag::kDistractorPreferredOverKey);
    }
    report.items.push_back(std::move(st));
  }

  if (!item_groups.empty()) {
    std::vector<std::string> order;
    for (const auto& g : item_groups) {
      if (std::find(order.begin(), order.end(), g) == order.end()) order.push_back(g);
    }
    for (const auto& g : order) {
      std::vector<int> cols;
      for (std::size_t i = 0; i < ni; ++i) {
        if (item_groups[i] == g) cols.push_back(static_cast<int>(i));
      }
      const Moments m = Reliability(x, w, cols, max_scores);
      ReliabilityStats r;
      r.group = g;
      r.num_items = static_cast<int>(cols.size());
      r.num_persons = sw;
      r.mean_total = m.mean;
      r.sd_total = m.sd;
      r.alpha = m.alpha;
      r.kr20 = m.kr20;
      r.sem = m.sem;
      report.groups.push_back(r);
    }
  }
  return report;
}

double CronbachAlpha(const ResponseMatrix& scores) {
  auto r = AnalyzeItems(scores);
  return r.ok() ? r->form.alpha : kNaN;
}

}  // namespace kaoping::psychometrics
