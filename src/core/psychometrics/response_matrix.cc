#include "core/psychometrics/response_matrix.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace kaoping::psychometrics {
namespace {
Status Bad(const std::string& en, const std::string& zh) {
  return InvalidArgument("psychometrics.bad_matrix", en, zh);
}
}  // namespace

Result<ResponseMatrix> ResponseMatrix::Create(std::vector<std::string> item_ids, std::vector<int> scores,
                                              std::vector<double> weights) {
  const std::size_t ni = item_ids.size();
  if (ni == 0) return Bad("response matrix has no items", "作答矩阵没有项目");
  std::unordered_set<std::string> seen;
  for (const auto& id : item_ids) {
    if (id.empty()) return Bad("an item id is empty", "存在空的项目编号");
    if (!seen.insert(id).second) return Bad("duplicate item id '" + id + "'", "项目编号重复：“" + id + "”");
  }
  if (scores.size() % ni != 0) {
    return Bad("score count is not a multiple of the item count", "分数个数不是项目数的整数倍");
  }
  const std::size_t np = scores.size() / ni;
  if (!weights.empty() && weights.size() != np) {
    return Bad("weights must be empty or one per person", "权重必须为空或每人一个");
  }
  ResponseMatrix m;
  m.max_scores_.assign(ni, 0);
  for (std::size_t p = 0; p < np; ++p) {
    for (std::size_t i = 0; i < ni; ++i) {
      const int s = scores[p * ni + i];
      if (s == kMissing) continue;
      if (s < 0 || s > 100) {
        return Bad("person " + std::to_string(p + 1) + ", item '" + item_ids[i] + "': score " +
                       std::to_string(s) + " is outside [0, 100]",
                   "第 " + std::to_string(p + 1) + " 人、项目“" + item_ids[i] + "”：分数 " +
                       std::to_string(s) + " 超出 [0, 100]");
      }
      m.max_scores_[i] = std::max(m.max_scores_[i], s);
    }
  }
  double total = 0;
  for (std::size_t p = 0; p < weights.size(); ++p) {
    if (!(weights[p] >= 0) || !std::isfinite(weights[p])) {
      return Bad("weight of person " + std::to_string(p + 1) + " is negative or not finite",
                 "第 " + std::to_string(p + 1) + " 人的权重为负或非有限值");
    }
    total += weights[p];
  }
  m.item_ids_ = std::move(item_ids);
  m.scores_ = std::move(scores);
  m.weights_ = std::move(weights);
  m.num_persons_ = np;
  m.total_weight_ = m.weights_.empty() ? static_cast<double>(np) : total;
  return m;
}

Result<ResponseMatrix> ResponseMatrix::FromRows(std::vector<std::string> item_ids,
                                                const std::vector<std::vector<int>>& rows,
                                                std::vector<double> weights) {
  std::vector<int> flat;
  flat.reserve(rows.size() * item_ids.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r].size() != item_ids.size()) {
      return Bad("row " + std::to_string(r + 1) + " has " + std::to_string(rows[r].size()) +
                     " cells, expected " + std::to_string(item_ids.size()),
                 "第 " + std::to_string(r + 1) + " 行的单元格数与项目数不符");
    }
    flat.insert(flat.end(), rows[r].begin(), rows[r].end());
  }
  return Create(std::move(item_ids), std::move(flat), std::move(weights));
}

double ResponseMatrix::MissingFraction() const {
  double missing = 0, all = 0;
  const std::size_t ni = num_items();
  for (std::size_t p = 0; p < num_persons_; ++p) {
    const double w = weight(p);
    for (std::size_t i = 0; i < ni; ++i) {
      all += w;
      if (scores_[p * ni + i] == kMissing) missing += w;
    }
  }
  return all > 0 ? missing / all : 0.0;
}

int ResponseMatrix::ItemIndex(const std::string& id) const {
  for (std::size_t i = 0; i < item_ids_.size(); ++i) {
    if (item_ids_[i] == id) return static_cast<int>(i);
  }
  return -1;
}

ResponseMatrix ResponseMatrix::SelectItems(std::span<const std::size_t> items) const {
  ResponseMatrix m;
  for (std::size_t i : items) {
    m.item_ids_.push_back(item_ids_[i]);
    m.max_scores_.push_back(max_scores_[i]);
  }
  m.scores_.reserve(num_persons_ * items.size());
  for (std::size_t p = 0; p < num_persons_; ++p) {
    for (std::size_t i : items) m.scores_.push_back(at(p, i));
  }
  m.weights_ = weights_;
  m.num_persons_ = num_persons_;
  m.total_weight_ = total_weight_;
  return m;
}

}  // namespace kaoping::psychometrics
