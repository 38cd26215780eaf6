#include "base/random.h"

#include <algorithm>
#include <numeric>

#include <gtest/gtest.h>

namespace kaoping {
namespace {

TEST(SeededRandomTest, SameSeedSameSequence) {
  SeededRandom a(42), b(42), c(43);
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    std::uint64_t x = a.Next();
    EXPECT_EQ(x, b.Next());
    differs |= (x != c.Next());
  }
  EXPECT_TRUE(differs);
}

TEST(SeededRandomTest, UniformStaysInBoundsAndCoversRange) {
  SeededRandom r(7);
  std::vector<int> hits(10, 0);
  for (int i = 0; i < 10000; ++i) {
    auto v = r.Uniform(10);
    ASSERT_LT(v, 10u);
    ++hits[v];
  }
  for (int h : hits) EXPECT_GT(h, 800);
}

TEST(SeededRandomTest, ShuffleIsAPermutationAndReproducible) {
  std::vector<int> v(50), w;
  std::iota(v.begin(), v.end(), 0);
  w = v;
  SeededRandom r1(DeriveSeed(1, 99)), r2(DeriveSeed(1, 99));
  r1.Shuffle(v);
  r2.Shuffle(w);
  EXPECT_EQ(v, w);
  std::vector<int> sorted = v;
  std::sort(sorted.begin(), sorted.end());
  for (int i = 0; i < 50; ++i) EXPECT_EQ(sorted[i], i);
  EXPECT_NE(DeriveSeed(1, 99), DeriveSeed(1, 100));
}

TEST(SeededRandomTest, NormalHasRoughlyUnitMoments) {
  SeededRandom r(3);
  double sum = 0, sq = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    double x = r.Normal();
    sum += x;
    sq += x * x;
  }
  EXPECT_NEAR(sum / n, 0.0, 0.05);
  EXPECT_NEAR(sq / n, 1.0, 0.05);
}

}  // namespace
}  // namespace kaoping
