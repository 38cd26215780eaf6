// -----------------------------------------------------------------------------
// File: core/psychometrics/response_matrix.h
// -----------------------------------------------------------------------------
//
// The scored responses of one form: persons × items, each cell a score 0..max or kMissing.
// Dichotomous items score 0/1; polytomous (rubric) items score 0..K. Rows may carry frequency
// weights so a published table of response patterns with counts (e.g. LSAT-6: 32 patterns and
// their frequencies) can be analysed without expanding it.
//
// Reading files is not done here (the core has no I/O); the CLI parses CSV and calls Create().
//
// Thread safety: an immutable value after Create().

#ifndef KAOPING_CORE_PSYCHOMETRICS_RESPONSE_MATRIX_H_
#define KAOPING_CORE_PSYCHOMETRICS_RESPONSE_MATRIX_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "core/psychometrics/irt_model.h"  // kMissing

namespace kaoping::psychometrics {

class ResponseMatrix {
 public:
  // `scores` is row-major (person-major), size num_persons × item_ids.size(); each entry is in
  // [0, 100] or kMissing. `weights` is empty (every row counts once) or one finite weight >= 0
  // per person. Item ids must be non-empty and unique.
  // Errors (INVALID_ARGUMENT): "psychometrics.bad_matrix" naming the offending row/item.
  static Result<ResponseMatrix> Create(std::vector<std::string> item_ids, std::vector<int> scores,
                                       std::vector<double> weights = {});
  // Builds a matrix from rows of equal length (convenience for tests and tables).
  static Result<ResponseMatrix> FromRows(std::vector<std::string> item_ids,
                                         const std::vector<std::vector<int>>& rows,
                                         std::vector<double> weights = {});

  ResponseMatrix() = default;

  [[nodiscard]] std::size_t num_persons() const { return num_persons_; }
  [[nodiscard]] std::size_t num_items() const { return item_ids_.size(); }
  [[nodiscard]] const std::vector<std::string>& item_ids() const { return item_ids_; }
  [[nodiscard]] int at(std::size_t person, std::size_t item) const {
    return scores_[person * item_ids_.size() + item];
  }
  [[nodiscard]] std::span<const int> row(std::size_t person) const {
    return {scores_.data() + person * item_ids_.size(), item_ids_.size()};
  }
  // Frequency weight of a row (1 when no weights were given).
  [[nodiscard]] double weight(std::size_t person) const { return weights_.empty() ? 1.0 : weights_[person]; }
  [[nodiscard]] bool has_weights() const { return !weights_.empty(); }
  // Sum of weights (the number of persons the matrix stands for).
  [[nodiscard]] double total_weight() const { return total_weight_; }
  // Highest observed score per item (0 when the item was never answered above 0).
  [[nodiscard]] const std::vector<int>& max_scores() const { return max_scores_; }
  [[nodiscard]] bool IsDichotomous(std::size_t item) const { return max_scores_[item] <= 1; }
  // Fraction of cells (by weight) that are missing.
  [[nodiscard]] double MissingFraction() const;
  // Returns the index of `id` or -1.
  [[nodiscard]] int ItemIndex(const std::string& id) const;
  // A new matrix with only the given item columns (in that order).
  [[nodiscard]] ResponseMatrix SelectItems(std::span<const std::size_t> items) const;

 private:
  std::vector<std::string> item_ids_;
  std::vector<int> scores_;
  std::vector<double> weights_;
  std::vector<int> max_scores_;
  std::size_t num_persons_ = 0;
  double total_weight_ = 0;
};

}  // namespace kaoping::psychometrics

#endif  // KAOPING_CORE_PSYCHOMETRICS_RESPONSE_MATRIX_H_
