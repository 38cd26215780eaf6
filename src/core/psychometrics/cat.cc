#include "core/psychometrics/cat.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>
#include <set>

namespace kaoping::psychometrics {
namespace {

Status BadOptions(const std::string& en, const std::string& zh) {
  return InvalidArgument("psychometrics.bad_cat_options", en, zh);
}

int Draw(const ItemParameters& item, double theta, SeededRandom& rng) {
  double p[128];
  const int nk = item.MaxScore() + 1;
  CategoryProbabilities(item, theta, std::span<double>(p, nk));
  double u = rng.UniformDouble();
  for (int k = 0; k < nk; ++k) {
    u -= p[k];
    if (u < 0) return k;
  }
  return nk - 1;
}

}  // namespace

Result<ItemBank> ItemBank::Create(std::vector<CatItem> items) {
  auto bad = [](const std::string& en, const std::string& zh) {
    return InvalidArgument("psychometrics.bad_item_bank", en, zh);
  };
  if (items.empty()) return bad("the item bank is empty", "题库为空");
  std::set<std::string> ids, areas;
  for (const auto& it : items) {
    KP_RETURN_IF_ERROR(ValidateItem(it.params));
    if (it.params.MaxScore() > 126) return bad("too many categories", "类别过多");
    if (!ids.insert(it.params.item_id).second) {
      return bad("duplicate item id '" + it.params.item_id + "'",
                 "题目编号重复：“" + it.params.item_id + "”");
    }
    if (!(it.exposure_k > 0 && it.exposure_k <= 1)) {
      return bad("exposure parameter of '" + it.params.item_id + "' is outside (0, 1]",
                 "题目“" + it.params.item_id + "”的曝光参数超出 (0, 1]");
    }
    areas.insert(it.content_area);
  }
  ItemBank bank;
  bank.areas_.assign(areas.begin(), areas.end());
  for (const auto& it : items) {
    bank.area_of_.push_back(static_cast<int>(
        std::lower_bound(bank.areas_.begin(), bank.areas_.end(), it.content_area) - bank.areas_.begin()));
  }
  bank.items_ = std::move(items);
  return bank;
}

Status ItemBank::SetExposureParameters(const std::vector<double>& k) {
  if (k.size() != items_.size()) {
    return InvalidArgument("psychometrics.bad_item_bank", "one exposure parameter per item is needed",
                           "每道题需要一个曝光参数");
  }
  for (double v : k) {
    if (!(v > 0 && v <= 1)) {
      return InvalidArgument("psychometrics.bad_item_bank", "exposure parameters must be in (0, 1]",
                             "曝光参数必须在 (0, 1] 之间");
    }
  }
  for (std::size_t i = 0; i < k.size(); ++i) items_[i].exposure_k = k[i];
  return Status::Ok();
}

std::string_view ExposureControlName(ExposureControl e) {
  switch (e) {
    case ExposureControl::kNone:
      return "none";
    case ExposureControl::kRandomesque:
      return "randomesque";
    case ExposureControl::kSympsonHetter:
      return "sympson-hetter";
  }
  return "?";
}

Result<ExposureControl> ParseExposureControl(std::string_view name) {
  std::string s;
  for (char ch : name)
    s.push_back(ch == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
  if (s == "none") return ExposureControl::kNone;
  if (s == "randomesque") return ExposureControl::kRandomesque;
  if (s == "sympson-hetter" || s == "sh") return ExposureControl::kSympsonHetter;
  return InvalidArgument(
      "psychometrics.unknown_exposure_control",
      "unknown exposure control '" + std::string(name) + "' (expected none, randomesque or sympson-hetter)",
      "未知的曝光控制方法“" + std::string(name) + "”");
}

CatSession::CatSession(const ItemBank* bank, CatOptions options, std::uint64_t seed)
    : bank_(bank), options_(std::move(options)), rng_(seed) {}

Result<CatSession> CatSession::Create(const ItemBank* bank, CatOptions options, std::uint64_t seed) {
  if (bank == nullptr || bank->size() == 0) return BadOptions("no item bank", "没有题库");
  if (options.min_length < 0 || options.max_length < 1 || options.min_length > options.max_length) {
    return BadOptions("need 0 <= min_length <= max_length and max_length >= 1", "测验长度设置无效");
  }
  if (!(options.target_se > 0)) return BadOptions("target_se must be positive", "目标标准误必须为正");
  if (options.randomesque_size < 1) return BadOptions("randomesque_size must be >= 1", "随机候选数必须 >= 1");
  if (options.interim_method == ScoringMethod::kMLE) {
    return BadOptions(
        "interim estimates must be EAP or MAP (MLE has no finite value after the first response)",
        "过程估计必须使用 EAP 或 MAP");
  }
  CatSession s(bank, std::move(options), seed);
  s.used_.assign(bank->size(), false);
  s.area_counts_.assign(bank->areas().size(), 0);
  s.area_weights_.assign(bank->areas().size(), 0.0);
  double total = 0;
  for (const auto& [area, w] : s.options_.content_weights) {
    if (!(w >= 0) || !std::isfinite(w))
      return BadOptions("content weights must be >= 0", "内容权重必须 >= 0");
    total += w;
  }
  if (!s.options_.content_weights.empty() && !(total > 0)) {
    return BadOptions("content weights sum to 0", "内容权重之和为 0");
  }
  for (std::size_t a = 0; a < bank->areas().size(); ++a) {
    auto it = s.options_.content_weights.find(bank->areas()[a]);
    if (it != s.options_.content_weights.end()) s.area_weights_[a] = it->second / total;
  }
  KP_RETURN_IF_ERROR(s.Reestimate());
  return s;
}

Status CatSession::Reestimate() {
  std::vector<ItemParameters> items;
  for (std::size_t i : administered_) items.push_back(bank_->item(i).params);
  KP_ASSIGN_OR_RETURN(estimate_,
                      EstimateAbility(items, responses_, options_.interim_method, options_.scoring));
  return Status::Ok();
}

bool CatSession::ShouldStop() const {
  const int n = static_cast<int>(administered_.size());
  if (exhausted_ || n >= options_.max_length || n >= static_cast<int>(bank_->size())) return true;
  return n >= options_.min_length && n > 0 && estimate_.se <= options_.target_se;
}

Result<std::size_t> CatSession::NextItem() {
  if (pending_ != static_cast<std::size_t>(-1)) return pending_;
  if (ShouldStop()) {
    return FailedPrecondition("psychometrics.cat_finished", "the adaptive test has finished",
                              "自适应测验已结束");
  }
  // Content area: the one furthest below its target among areas with items left.
  const std::size_t n_areas = bank_->areas().size();
  std::vector<int> left(n_areas, 0);
  for (std::size_t i = 0; i < bank_->size(); ++i) {
    if (!used_[i]) ++left[bank_->area_index(i)];
  }
  int area = -1;
  if (!options_.content_weights.empty()) {
    const double next_n = static_cast<double>(administered_.size()) + 1.0;
    double best = -1e300;
    for (std::size_t a = 0; a < n_areas; ++a) {
      if (left[a] == 0 || area_weights_[a] <= 0) continue;
      const double deficit = area_weights_[a] * next_n - area_counts_[a];
      if (deficit > best) {
        best = deficit;
        area = static_cast<int>(a);
      }
    }
  }
  // Candidates by decreasing information.
  const double theta = estimate_.theta;
  std::vector<std::pair<double, std::size_t>> cand;
  cand.reserve(bank_->size());
  for (std::size_t i = 0; i < bank_->size(); ++i) {
    if (used_[i] || (area >= 0 && bank_->area_index(i) != area)) continue;
    cand.emplace_back(ItemInformation(bank_->item(i).params, theta), i);
  }
  if (cand.empty()) {
    exhausted_ = true;
    return FailedPrecondition("psychometrics.cat_finished", "no eligible item is left", "没有可用的题目");
  }
  auto by_info = [](const auto& x, const auto& y) {
    return x.first > y.first || (x.first == y.first && x.second < y.second);
  };
  std::size_t chosen = cand.front().second;
  switch (options_.exposure) {
    case ExposureControl::kNone: {
      chosen = std::min_element(cand.begin(), cand.end(), by_info)->second;
      selected_.push_back(chosen);
      break;
    }
    case ExposureControl::kRandomesque: {
      const std::size_t k = std::min<std::size_t>(options_.randomesque_size, cand.size());
      std::partial_sort(cand.begin(), cand.begin() + k, cand.end(), by_info);
      chosen = cand[rng_.Uniform(k)].second;
      selected_.push_back(chosen);
      break;
    }
    case ExposureControl::kSympsonHetter: {
      std::sort(cand.begin(), cand.end(), by_info);
      bool done = false;
      for (std::size_t j = 0; j < cand.size(); ++j) {
        const std::size_t i = cand[j].second;
        selected_.push_back(i);
        if (j + 1 == cand.size() || rng_.UniformDouble() < bank_->item(i).exposure_k) {
          chosen = i;
          done = true;
          break;
        }
        used_[i] = true;  // set aside for this candidate
      }
      if (!done) chosen = cand.back().second;
      break;
    }
  }
  pending_ = chosen;
  return chosen;
}

Status CatSession::RecordResponse(std::size_t item, int score) {
  if (item != pending_) {
    return FailedPrecondition("psychometrics.cat_not_pending",
                              "item " + std::to_string(item) + " was not presented",
                              "题目 " + std::to_string(item) + " 未被呈现");
  }
  if (score < 0 || score > bank_->item(item).params.MaxScore()) {
    return InvalidArgument("psychometrics.bad_response", "score out of range", "得分超出范围");
  }
  used_[item] = true;
  administered_.push_back(item);
  responses_.push_back(score);
  ++area_counts_[bank_->area_index(item)];
  pending_ = static_cast<std::size_t>(-1);
  return Reestimate();
}

Result<Placement> PlaceAbility(double theta, std::span<const double> cut_points,
                               std::span<const std::string> level_names) {
  for (std::size_t i = 1; i < cut_points.size(); ++i) {
    if (!(cut_points[i] > cut_points[i - 1])) {
      return InvalidArgument("psychometrics.bad_cut_points", "cut points must be strictly increasing",
                             "分界点必须严格递增");
    }
  }
  if (!level_names.empty() && level_names.size() != cut_points.size() + 1) {
    return InvalidArgument("psychometrics.bad_cut_points", "need one more level name than cut points",
                           "等级名称数必须比分界点多一个");
  }
  Placement p;
  p.level =
      static_cast<int>(std::upper_bound(cut_points.begin(), cut_points.end(), theta) - cut_points.begin());
  p.name = level_names.empty() ? "level " + std::to_string(p.level) : level_names[p.level];
  return p;
}

Result<CatSimulationResult> SimulateCat(const ItemBank& bank, const CatSimulationOptions& options) {
  std::vector<double> thetas = options.true_thetas;
  if (thetas.empty()) {
    if (options.num_simulees < 1) return BadOptions("num_simulees must be >= 1", "模拟人数必须 >= 1");
    SeededRandom rng(DeriveSeed(options.seed, 0));
    for (int i = 0; i < options.num_simulees; ++i) thetas.push_back(rng.Normal());
  }
  CatSimulationResult r;
  r.simulees = static_cast<int>(thetas.size());
  std::vector<double> seen(bank.size(), 0.0), picked(bank.size(), 0.0);
  double sum_err = 0, sum_sq = 0, sum_len = 0, sum_se = 0;
  int correct_class = 0;
  for (std::size_t s = 0; s < thetas.size(); ++s) {
    KP_ASSIGN_OR_RETURN(CatSession session,
                        CatSession::Create(&bank, options.cat, DeriveSeed(options.seed, 2 * s + 1)));
    SeededRandom answers(DeriveSeed(options.seed, 2 * s + 2));
    while (!session.ShouldStop()) {
      auto next = session.NextItem();
      if (!next.ok()) break;
      KP_RETURN_IF_ERROR(session.RecordResponse(*next, Draw(bank.item(*next).params, thetas[s], answers)));
    }
    const double est = session.estimate().theta;
    r.true_thetas.push_back(thetas[s]);
    r.estimated_thetas.push_back(est);
    sum_err += est - thetas[s];
    sum_sq += (est - thetas[s]) * (est - thetas[s]);
    sum_len += static_cast<double>(session.administered().size());
    sum_se += session.estimate().se;
    for (std::size_t i : session.administered()) seen[i] += 1;
    std::set<std::size_t> distinct(session.selected().begin(), session.selected().end());
    for (std::size_t i : distinct) picked[i] += 1;
    if (!options.cut_points.empty()) {
      KP_ASSIGN_OR_RETURN(Placement truth, PlaceAbility(thetas[s], options.cut_points));
      KP_ASSIGN_OR_RETURN(Placement got, PlaceAbility(est, options.cut_points));
      correct_class += truth.level == got.level;
    }
  }
  const double n = static_cast<double>(thetas.size());
  r.bias = sum_err / n;
  r.rmse = std::sqrt(sum_sq / n);
  r.mean_length = sum_len / n;
  r.mean_se = sum_se / n;
  for (std::size_t i = 0; i < bank.size(); ++i) {
    r.exposure_rates.push_back(seen[i] / n);
    r.selection_rates.push_back(picked[i] / n);
    r.max_exposure = std::max(r.max_exposure, seen[i] / n);
    r.items_never_used += seen[i] == 0;
  }
  if (!options.cut_points.empty()) r.classification_accuracy = correct_class / n;
  return r;
}

Result<std::vector<double>> CalibrateSympsonHetter(const ItemBank& bank, CatSimulationOptions options,
                                                   double r_max, int rounds) {
  if (!(r_max > 0 && r_max <= 1) || rounds < 1) {
    return BadOptions("r_max must be in (0, 1] and rounds >= 1", "r_max 必须在 (0, 1] 且轮数 >= 1");
  }
  options.cat.exposure = ExposureControl::kSympsonHetter;
  ItemBank work = bank;
  std::vector<double> k(bank.size(), 1.0);
  KP_RETURN_IF_ERROR(work.SetExposureParameters(k));
  for (int round = 0; round < rounds; ++round) {
    options.seed = DeriveSeed(options.seed, 1000 + round);
    KP_ASSIGN_OR_RETURN(CatSimulationResult sim, SimulateCat(work, options));
    for (std::size_t i = 0; i < bank.size(); ++i) {
      const double ps = sim.selection_rates[i];
      k[i] = ps > r_max ? std::max(1e-3, r_max / ps) : 1.0;
    }
    KP_RETURN_IF_ERROR(work.SetExposureParameters(k));
  }
  return k;
}

}  // namespace kaoping::psychometrics
