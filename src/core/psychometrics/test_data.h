// -----------------------------------------------------------------------------
// File: core/psychometrics/test_data.h
// -----------------------------------------------------------------------------
//
// Shared fixtures for the psychometrics tests (test-only; not part of the library).
//
// LSAT-6: Section 6 of the Law School Admission Test, 5 dichotomous items, 1000 examinees, as
// published by Bock & Lieberman (1970), "Fitting a response model for n dichotomously scored
// items", Psychometrika 35, 179–197, and reanalysed by Bock & Aitkin (1981). The same table ships
// as `LSAT` in R's ltm package (GPL ≥ 2) and as `LSAT6` in mirt (GPL ≥ 3). It is a published
// table of 32 response patterns with their frequencies (facts from a journal article); two
// patterns (01010, 01100) have frequency 0. Marginals checked in the tests: p = .924 .709 .553
// .763 .870, score distribution 3 20 85 237 357 298.

#ifndef KAOPING_CORE_PSYCHOMETRICS_TEST_DATA_H_
#define KAOPING_CORE_PSYCHOMETRICS_TEST_DATA_H_

#include <cmath>
#include <vector>

#include "base/random.h"
#include "core/psychometrics/irt_model.h"
#include "core/psychometrics/response_matrix.h"

namespace kaoping::psychometrics::testing {

struct PatternCount {
  int x[5];
  int count;
};

inline const std::vector<PatternCount>& Lsat6Patterns() {
  static const std::vector<PatternCount> kPatterns = {
      {{0, 0, 0, 0, 0}, 3},  {{0, 0, 0, 0, 1}, 6},  {{0, 0, 0, 1, 0}, 2},  {{0, 0, 0, 1, 1}, 11},
      {{0, 0, 1, 0, 0}, 1},  {{0, 0, 1, 0, 1}, 1},  {{0, 0, 1, 1, 0}, 3},  {{0, 0, 1, 1, 1}, 4},
      {{0, 1, 0, 0, 0}, 1},  {{0, 1, 0, 0, 1}, 8},  {{0, 1, 0, 1, 0}, 0},  {{0, 1, 0, 1, 1}, 16},
      {{0, 1, 1, 0, 0}, 0},  {{0, 1, 1, 0, 1}, 3},  {{0, 1, 1, 1, 0}, 2},  {{0, 1, 1, 1, 1}, 15},
      {{1, 0, 0, 0, 0}, 10}, {{1, 0, 0, 0, 1}, 29}, {{1, 0, 0, 1, 0}, 14}, {{1, 0, 0, 1, 1}, 81},
      {{1, 0, 1, 0, 0}, 3},  {{1, 0, 1, 0, 1}, 28}, {{1, 0, 1, 1, 0}, 15}, {{1, 0, 1, 1, 1}, 80},
      {{1, 1, 0, 0, 0}, 16}, {{1, 1, 0, 0, 1}, 56}, {{1, 1, 0, 1, 0}, 21}, {{1, 1, 0, 1, 1}, 173},
      {{1, 1, 1, 0, 0}, 11}, {{1, 1, 1, 0, 1}, 61}, {{1, 1, 1, 1, 0}, 28}, {{1, 1, 1, 1, 1}, 298},
  };
  return kPatterns;
}

// The 32 patterns as a weighted matrix (weights = frequencies).
inline ResponseMatrix Lsat6Weighted() {
  std::vector<std::vector<int>> rows;
  std::vector<double> w;
  for (const auto& p : Lsat6Patterns()) {
    rows.emplace_back(p.x, p.x + 5);
    w.push_back(p.count);
  }
  return ResponseMatrix::FromRows({"Item 1", "Item 2", "Item 3", "Item 4", "Item 5"}, rows, w).value();
}

// The 1000 examinees expanded one row each.
inline ResponseMatrix Lsat6Expanded() {
  std::vector<std::vector<int>> rows;
  for (const auto& p : Lsat6Patterns()) {
    for (int c = 0; c < p.count; ++c) rows.emplace_back(p.x, p.x + 5);
  }
  return ResponseMatrix::FromRows({"Item 1", "Item 2", "Item 3", "Item 4", "Item 5"}, rows).value();
}

// Draws a response to `item` at θ.
inline int DrawResponse(const ItemParameters& item, double theta, SeededRandom& rng) {
  std::vector<double> p(item.MaxScore() + 1);
  CategoryProbabilities(item, theta, p);
  double u = rng.UniformDouble();
  for (int k = 0; k < static_cast<int>(p.size()); ++k) {
    u -= p[k];
    if (u < 0) return k;
  }
  return item.MaxScore();
}

// Simulates persons × items with θ ~ N(0, 1).
inline ResponseMatrix Simulate(const std::vector<ItemParameters>& items, int persons, std::uint64_t seed,
                               std::vector<double>* thetas = nullptr, double missing_rate = 0.0) {
  SeededRandom rng(seed);
  std::vector<int> scores;
  std::vector<std::string> ids;
  for (const auto& it : items) ids.push_back(it.item_id);
  for (int p = 0; p < persons; ++p) {
    const double theta = rng.Normal();
    if (thetas != nullptr) thetas->push_back(theta);
    for (const auto& it : items) {
      const int x = DrawResponse(it, theta, rng);
      scores.push_back(missing_rate > 0 && rng.UniformDouble() < missing_rate ? kMissing : x);
    }
  }
  return ResponseMatrix::Create(ids, scores).value();
}

inline ItemParameters TwoPL(std::string id, double a, double b, double c = 0.0) {
  ItemParameters it;
  it.item_id = std::move(id);
  it.model = c > 0 ? ItemModel::kThreePL : ItemModel::kTwoPL;
  it.a = a;
  it.b = b;
  it.c = c;
  return it;
}

inline ItemParameters Graded(std::string id, double a, std::vector<double> thresholds) {
  ItemParameters it;
  it.item_id = std::move(id);
  it.model = ItemModel::kGradedResponse;
  it.a = a;
  it.thresholds = std::move(thresholds);
  return it;
}

}  // namespace kaoping::psychometrics::testing

#endif  // KAOPING_CORE_PSYCHOMETRICS_TEST_DATA_H_
