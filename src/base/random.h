// -----------------------------------------------------------------------------
// File: base/random.h
// -----------------------------------------------------------------------------
//
// Randomness is injected. Domain code that must be reproducible (paper assembly, per-candidate
// option shuffles, simulations) takes a `SeededRandom` built from a recorded seed, so scoring
// and later review can replay exactly what a candidate saw. Secrets (tokens, keys) never come
// from here: they come from libsodium in the service layer (service/crypto.h).

#ifndef KAOPING_BASE_RANDOM_H_
#define KAOPING_BASE_RANDOM_H_

#include <cstdint>
#include <limits>
#include <vector>

namespace kaoping {

// xoshiro256** seeded through splitmix64: fast, small state, identical output on every platform
// (unlike std::uniform_int_distribution, whose algorithm is implementation-defined).
class SeededRandom {
 public:
  using result_type = std::uint64_t;
  explicit SeededRandom(std::uint64_t seed);

  std::uint64_t Next();
  // Uniform in [0, bound). REQUIRES: bound > 0.
  std::uint64_t Uniform(std::uint64_t bound);
  // Uniform in [0, 1).
  double UniformDouble();
  // Standard normal (Box–Muller).
  double Normal();

  // Fisher–Yates shuffle, platform independent.
  template <typename T>
  void Shuffle(std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i) {
      std::size_t j = static_cast<std::size_t>(Uniform(i));
      std::swap(v[i - 1], v[j]);
    }
  }

  // UniformRandomBitGenerator interface.
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
  result_type operator()() { return Next(); }

 private:
  std::uint64_t s_[4];
  bool has_spare_normal_ = false;
  double spare_normal_ = 0;
};

// Derives an independent seed from a base seed and a label (e.g. attempt id), so one recorded
// seed per exam session is enough to reproduce every candidate's order.
std::uint64_t DeriveSeed(std::uint64_t base, std::uint64_t label);

}  // namespace kaoping

#endif  // KAOPING_BASE_RANDOM_H_
