#include "core/psychometrics/calibration.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <thread>
#include <unordered_map>

#include "core/psychometrics/numeric.h"
#include "core/psychometrics/scoring.h"

namespace kaoping::psychometrics {
namespace {

using numeric::Logistic;
using numeric::SymMatrix;

constexpr double kMinProb = 1e-12;

Status BadInput(const std::string& en, const std::string& zh) {
  return InvalidArgument("psychometrics.bad_calibration_input", en, zh);
}

// --- Item kinds in the internal slope–intercept parameterisation -------------------------------
//   dichotomous (Rasch/1PL/2PL): ψ = [a, d]          P1 = L(aθ + d)
//   3PL:                          ψ = [a, d, γ]       P1 = c + (1 − c) L(aθ + d), c = L(γ)
//   GRM:                          ψ = [a, d_1..d_K]   P(X ≥ k) = L(aθ + d_k), d_1 > … > d_K
enum class Kind { kLogistic, kThreePL, kGraded };

struct ItemSpec {
  Kind kind = Kind::kLogistic;
  int max_score = 1;
  [[nodiscard]] int num_params() const { return kind == Kind::kThreePL ? 3 : max_score + 1; }
};

// Category probabilities P[0..K] and their gradients dP[k * np + j] = ∂P_k/∂ψ_j at θ.
void ProbGrad(const ItemSpec& spec, const double* psi, double theta, double* p, double* dp) {
  const int np = spec.num_params();
  if (spec.kind == Kind::kLogistic) {
    const double l = Logistic(psi[0] * theta + psi[1]);
    const double w = l * (1.0 - l);
    p[0] = 1.0 - l;
    p[1] = l;
    dp[2] = theta * w;
    dp[3] = w;
    dp[0] = -dp[2];
    dp[1] = -dp[3];
    return;
  }
  if (spec.kind == Kind::kThreePL) {
    const double l = Logistic(psi[0] * theta + psi[1]);
    const double c = Logistic(psi[2]);
    const double w = l * (1.0 - l);
    p[1] = c + (1.0 - c) * l;
    p[0] = 1.0 - p[1];
    dp[3] = (1.0 - c) * w * theta;
    dp[4] = (1.0 - c) * w;
    dp[5] = (1.0 - l) * c * (1.0 - c);
    for (int j = 0; j < 3; ++j) dp[j] = -dp[3 + j];
    return;
  }
  const int k_max = spec.max_score;
  std::fill(dp, dp + (k_max + 1) * np, 0.0);
  double upper = 1.0, w_upper = 0.0;
  for (int k = 0; k <= k_max; ++k) {
    double next = 0.0, w_next = 0.0;
    if (k < k_max) {
      next = Logistic(psi[0] * theta + psi[1 + k]);
      w_next = next * (1.0 - next);
    }
    p[k] = upper - next;
    double* row = dp + k * np;
    row[0] = theta * (w_upper - w_next);
    if (k >= 1) row[k] = w_upper;         // ∂/∂d_k of P*_k
    if (k < k_max) row[1 + k] = -w_next;  // ∂/∂d_{k+1} of −P*_{k+1}
    upper = next;
    w_upper = w_next;
  }
}

bool ParamsValid(const ItemSpec& spec, const double* psi) {
  const int np = spec.num_params();
  for (int j = 0; j < np; ++j) {
    if (!std::isfinite(psi[j]) || std::abs(psi[j]) > 50) return false;
  }
  if (spec.kind == Kind::kGraded) {
    for (int k = 1; k < spec.max_score; ++k) {
      if (!(psi[1 + k] < psi[k])) return false;
    }
  }
  if (spec.kind == Kind::kThreePL && std::abs(psi[2]) > 20) return false;
  return true;
}

// Expected counts for one item: r[k * nq + q].
struct ItemCounts {
  std::vector<double> r;
};

// --- Collapsed response patterns ------------------------------------------------------------
struct Patterns {
  // For pattern p, rows ids[offset[p] .. offset[p+1]) index the E-step row table: for item i and
  // observed category k >= 1 the row base_i + k − 1; for a missing response the row base_i + K_i.
  std::vector<std::uint32_t> offset;
  std::vector<std::uint32_t> ids;
  std::vector<double> count;
  std::vector<std::uint32_t> person_to_pattern;  // kNoPattern for weight-0 rows
  std::vector<std::vector<int>> scores;          // the pattern itself (for fit statistics)
};
constexpr std::uint32_t kNoPattern = 0xffffffffu;

// --- E-step kernel ------------------------------------------------------------------------------
// The posterior of one response pattern over the quadrature nodes is held in registers as blocks
// of 8 doubles (GCC vector extensions, lowered to whatever vector unit the clone targets), so
// adding a pattern's log-probability rows reads each row once and writes nothing back.
// The helpers below pass vectors by value only after inlining; silence GCC's ABI note about
// passing 512-bit vectors, which never crosses a real call boundary here. (GCC reports it at the
// end of the translation unit, so it stays off for the rest of this file.)
#pragma GCC diagnostic ignored "-Wpsabi"
typedef double V8 __attribute__((vector_size(64)));
typedef double V8U __attribute__((vector_size(64), aligned(8)));  // unaligned access
typedef long long V8I __attribute__((vector_size(64)));

inline __attribute__((always_inline)) V8 Load8(const double* p) {
  return *reinterpret_cast<const V8U*>(p);
}
inline __attribute__((always_inline)) void Store8(double* p, V8 v) {
  *reinterpret_cast<V8U*>(p) = v;
}

// e^x for x <= 0 without a libm call: x = n·ln2 + r with |r| <= ln2/2, e^r by its degree-12 Taylor
// polynomial (relative error < 3e-16), 2^n built in the exponent bits. Inputs below −700 are
// clamped (the result is then < 1e-304, a posterior weight of zero for all purposes).
inline __attribute__((always_inline)) V8 ExpNonPositive(V8 x) {
  const V8 lo = x - x - 700.0;
  x = x < lo ? lo : x;
  constexpr double kLog2e = 1.4426950408889634;
  constexpr double kShifter = 6755399441055744.0;  // 1.5·2^52: adding it rounds to an integer
  constexpr double kLn2Hi = 0.6931471803691238;
  constexpr double kLn2Lo = 1.9082149292705877e-10;
  const V8 shifted = x * kLog2e + kShifter;
  const V8 n = shifted - kShifter;
  const V8 r = (x - n * kLn2Hi) - n * kLn2Lo;
  V8 p = r * (1.0 / 479001600.0) + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  V8I bits = reinterpret_cast<V8I>(shifted);  // low mantissa bits hold n (two's complement)
  bits = (bits + 1023) << 52;
  return p * reinterpret_cast<V8>(bits);
}

struct KernelArgs {
  const double* base;  // qp; padding lanes hold −1e300
  const double* mask;  // qp; 1 for real nodes, 0 for padding
  const double* d;     // num_rows × qp
  int qp;
  const std::uint32_t* offset;
  const std::uint32_t* ids;
  const double* count;
  double* acc;  // (num_rows + 1) × qp, or nullptr when only the log-likelihood is wanted
  int num_rows;
};

template <int NB>
inline __attribute__((always_inline)) double KernelImpl(const KernelArgs& a, std::size_t lo, std::size_t hi) {
  constexpr int kQp = NB * 8;
  V8 base[NB], mask[NB];
  for (int b = 0; b < NB; ++b) {
    base[b] = Load8(a.base + 8 * b);
    mask[b] = Load8(a.mask + 8 * b);
  }
  double* nq_row = a.acc != nullptr ? a.acc + static_cast<std::size_t>(a.num_rows) * kQp : nullptr;
  double total = 0;
  for (std::size_t p = lo; p < hi; ++p) {
    V8 ll[NB];
    for (int b = 0; b < NB; ++b) ll[b] = base[b];
    for (std::uint32_t j = a.offset[p]; j < a.offset[p + 1]; ++j) {
      const double* row = a.d + static_cast<std::size_t>(a.ids[j]) * kQp;
      for (int b = 0; b < NB; ++b) ll[b] += Load8(row + 8 * b);
    }
    V8 vmax = ll[0];
    for (int b = 1; b < NB; ++b) vmax = vmax > ll[b] ? vmax : ll[b];
    double mx = vmax[0];
    for (int l = 1; l < 8; ++l) mx = vmax[l] > mx ? vmax[l] : mx;
    V8 post[NB];
    V8 vsum = base[0] - base[0];
    for (int b = 0; b < NB; ++b) {
      post[b] = ExpNonPositive(ll[b] - mx) * mask[b];
      vsum += post[b];
    }
    double sum = 0;
    for (int l = 0; l < 8; ++l) sum += vsum[l];
    const double count = a.count[p];
    total += count * (std::log(sum) + mx);
    if (nq_row == nullptr) continue;
    const double scale = count / sum;
    for (int b = 0; b < NB; ++b) {
      post[b] *= scale;
      Store8(nq_row + 8 * b, Load8(nq_row + 8 * b) + post[b]);
    }
    for (std::uint32_t j = a.offset[p]; j < a.offset[p + 1]; ++j) {
      double* row = a.acc + static_cast<std::size_t>(a.ids[j]) * kQp;
      for (int b = 0; b < NB; ++b) Store8(row + 8 * b, Load8(row + 8 * b) + post[b]);
    }
  }
  return total;
}

// Plain loops for rules with more than 128 nodes.
double GenericKernel(const KernelArgs& a, std::size_t lo, std::size_t hi) {
  const int qp = a.qp;
  std::vector<double> ll(qp), post(qp);
  double* nq_row = a.acc != nullptr ? a.acc + static_cast<std::size_t>(a.num_rows) * qp : nullptr;
  double total = 0;
  for (std::size_t p = lo; p < hi; ++p) {
    for (int q = 0; q < qp; ++q) ll[q] = a.base[q];
    for (std::uint32_t j = a.offset[p]; j < a.offset[p + 1]; ++j) {
      const double* row = a.d + static_cast<std::size_t>(a.ids[j]) * qp;
      for (int q = 0; q < qp; ++q) ll[q] += row[q];
    }
    double mx = ll[0], sum = 0;
    for (int q = 1; q < qp; ++q) mx = std::max(mx, ll[q]);
    for (int q = 0; q < qp; ++q) {
      post[q] = std::exp(ll[q] - mx) * a.mask[q];
      sum += post[q];
    }
    total += a.count[p] * (std::log(sum) + mx);
    if (nq_row == nullptr) continue;
    const double scale = a.count[p] / sum;
    for (int q = 0; q < qp; ++q) {
      post[q] *= scale;
      nq_row[q] += post[q];
    }
    for (std::uint32_t j = a.offset[p]; j < a.offset[p + 1]; ++j) {
      double* row = a.acc + static_cast<std::size_t>(a.ids[j]) * qp;
      for (int q = 0; q < qp; ++q) row[q] += post[q];
    }
  }
  return total;
}

// Multi-versioned for the vector unit of the machine it runs on (not under sanitizers, whose
// runtimes do not mix well with ifunc resolvers).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__) && \
    !defined(__SANITIZE_THREAD__)
#define KP_PSY_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define KP_PSY_VECTOR_CLONES
#endif

// REQUIRES: a.qp is a multiple of 8.
KP_PSY_VECTOR_CLONES double EStepKernel(const KernelArgs& a, std::size_t lo, std::size_t hi) {
  switch (a.qp / 8) {
    case 1:
      return KernelImpl<1>(a, lo, hi);
    case 2:
      return KernelImpl<2>(a, lo, hi);
    case 3:
      return KernelImpl<3>(a, lo, hi);
    case 4:
      return KernelImpl<4>(a, lo, hi);
    case 5:
      return KernelImpl<5>(a, lo, hi);
    case 6:
      return KernelImpl<6>(a, lo, hi);
    case 7:
      return KernelImpl<7>(a, lo, hi);
    case 8:
      return KernelImpl<8>(a, lo, hi);
    case 9:
      return KernelImpl<9>(a, lo, hi);
    case 10:
      return KernelImpl<10>(a, lo, hi);
    case 11:
      return KernelImpl<11>(a, lo, hi);
    case 12:
      return KernelImpl<12>(a, lo, hi);
    case 13:
      return KernelImpl<13>(a, lo, hi);
    case 14:
      return KernelImpl<14>(a, lo, hi);
    case 15:
      return KernelImpl<15>(a, lo, hi);
    case 16:
      return KernelImpl<16>(a, lo, hi);
    default:
      return GenericKernel(a, lo, hi);
  }
}

// --- The EM engine ----------------------------------------------------------------------------
class Engine {
 public:
  Engine(const ResponseMatrix& m, std::vector<ItemSpec> specs, const Quadrature& quad, int threads)
      : specs_(std::move(specs)), nodes_(quad.nodes), prior_(quad.weights), threads_(threads) {
    ni_ = static_cast<int>(specs_.size());
    nq_ = static_cast<int>(nodes_.size());
    qp_ = (nq_ + 7) / 8 * 8;
    row_base_.resize(ni_);
    int rows = 0;
    for (int i = 0; i < ni_; ++i) {
      row_base_[i] = rows;
      rows += specs_[i].max_score + 1;  // K observed rows + 1 missing row
    }
    num_rows_ = rows;
    Collapse(m);
    d_.assign(static_cast<std::size_t>(num_rows_) * qp_, 0.0);
    base_.assign(qp_, kPadding);
    log_prior_.assign(qp_, kPadding);
    mask_.assign(qp_, 0.0);
    for (int q = 0; q < nq_; ++q) {
      log_prior_[q] = std::log(prior_[q]);
      mask_[q] = 1.0;
    }
  }

  [[nodiscard]] const Patterns& patterns() const { return pats_; }
  [[nodiscard]] int num_items() const { return ni_; }
  [[nodiscard]] int nq() const { return nq_; }
  [[nodiscard]] const std::vector<double>& nodes() const { return nodes_; }
  [[nodiscard]] const std::vector<double>& prior() const { return prior_; }
  [[nodiscard]] const ItemSpec& spec(int i) const { return specs_[i]; }

  // Runs the E-step at parameters psi (psi[i] = item i's vector). Fills counts (per item) and
  // returns the marginal log-likelihood.
  double EStep(const std::vector<std::vector<double>>& psi, std::vector<ItemCounts>* counts) {
    BuildTables(psi);
    const std::size_t npat = pats_.count.size();
    int nt = threads_;
    if (npat < 512) nt = 1;
    nt = std::max(1, std::min<int>(nt, static_cast<int>(npat)));
    acc_.resize(nt);
    std::vector<double> ll(nt, 0.0);
    auto work = [&](int t) {
      const std::size_t lo = npat * t / nt, hi = npat * (t + 1) / nt;
      ll[t] = Accumulate(lo, hi, counts != nullptr, acc_[t]);
    };
    if (nt == 1) {
      work(0);
    } else {
      std::vector<std::thread> pool;
      for (int t = 1; t < nt; ++t) pool.emplace_back(work, t);
      work(0);
      for (auto& th : pool) th.join();
    }
    double total = 0;
    for (double v : ll) total += v;
    if (counts != nullptr) {
      for (int t = 1; t < nt; ++t) {
        for (std::size_t j = 0; j < acc_[0].size(); ++j) acc_[0][j] += acc_[t][j];
      }
      ExtractCounts(acc_[0], counts);
    }
    return total;
  }

  // Posterior mean and SD of θ for each pattern at the current tables (after an EStep).
  void PatternEap(std::vector<double>& mean, std::vector<double>& sd) const {
    const std::size_t npat = pats_.count.size();
    mean.assign(npat, 0);
    sd.assign(npat, 0);
    std::vector<double> ll(qp_);
    for (std::size_t p = 0; p < npat; ++p) {
      LogLikRow(p, ll.data());
      double mx = -std::numeric_limits<double>::infinity();
      for (int q = 0; q < nq_; ++q) mx = std::max(mx, ll[q]);
      double s0 = 0, s1 = 0, s2 = 0;
      for (int q = 0; q < nq_; ++q) {
        const double w = std::exp(ll[q] - mx);
        s0 += w;
        s1 += w * nodes_[q];
        s2 += w * nodes_[q] * nodes_[q];
      }
      mean[p] = s1 / s0;
      sd[p] = std::sqrt(std::max(0.0, s2 / s0 - mean[p] * mean[p]));
    }
  }

 private:
  void Collapse(const ResponseMatrix& m) {
    const std::size_t np = m.num_persons();
    pats_.person_to_pattern.assign(np, kNoPattern);
    pats_.offset.push_back(0);
    std::unordered_map<std::string, std::uint32_t> index;
    index.reserve(np * 2);
    std::string key(ni_, '\0');
    for (std::size_t p = 0; p < np; ++p) {
      const double w = m.weight(p);
      if (w <= 0) continue;
      auto row = m.row(p);
      for (int i = 0; i < ni_; ++i) key[i] = static_cast<char>(row[i]);
      auto [it, inserted] = index.try_emplace(key, static_cast<std::uint32_t>(pats_.count.size()));
      if (inserted) {
        pats_.count.push_back(0.0);
        pats_.scores.emplace_back(row.begin(), row.end());
        for (int i = 0; i < ni_; ++i) {
          const int x = row[i];
          if (x == kMissing) {
            pats_.ids.push_back(row_base_[i] + specs_[i].max_score);
          } else if (x > 0) {
            pats_.ids.push_back(row_base_[i] + x - 1);
          }
        }
        pats_.offset.push_back(static_cast<std::uint32_t>(pats_.ids.size()));
      }
      pats_.count[it->second] += w;
      pats_.person_to_pattern[p] = it->second;
    }
  }

  // Tables of log-probabilities: base_q = log prior_q + Σ_i log P_i0(θ_q); row (i, k >= 1) holds
  // log P_ik − log P_i0; the missing row of item i holds −log P_i0.
  void BuildTables(const std::vector<std::vector<double>>& psi) {
    base_ = log_prior_;
    std::vector<double> p(128), dp(128 * 128);
    for (int i = 0; i < ni_; ++i) {
      const ItemSpec& s = specs_[i];
      const int k_max = s.max_score;
      for (int q = 0; q < nq_; ++q) {
        ProbGrad(s, psi[i].data(), nodes_[q], p.data(), dp.data());
        const double lp0 = std::log(std::max(p[0], kMinProb));
        base_[q] += lp0;
        for (int k = 1; k <= k_max; ++k) {
          d_[static_cast<std::size_t>(row_base_[i] + k - 1) * qp_ + q] =
              std::log(std::max(p[k], kMinProb)) - lp0;
        }
        d_[static_cast<std::size_t>(row_base_[i] + k_max) * qp_ + q] = -lp0;
      }
    }
  }

  void LogLikRow(std::size_t p, double* __restrict ll) const {
    std::memcpy(ll, base_.data(), sizeof(double) * qp_);
    for (std::uint32_t j = pats_.offset[p]; j < pats_.offset[p + 1]; ++j) {
      const double* __restrict row = d_.data() + static_cast<std::size_t>(pats_.ids[j]) * qp_;
      for (int q = 0; q < qp_; ++q) ll[q] += row[q];
    }
  }

  double Accumulate(std::size_t lo, std::size_t hi, bool want_counts, std::vector<double>& acc) const {
    if (want_counts) acc.assign(static_cast<std::size_t>(num_rows_ + 1) * qp_, 0.0);
    KernelArgs args{base_.data(),
                    mask_.data(),
                    d_.data(),
                    qp_,
                    pats_.offset.data(),
                    pats_.ids.data(),
                    pats_.count.data(),
                    want_counts ? acc.data() : nullptr,
                    num_rows_};
    return EStepKernel(args, lo, hi);
  }

  void ExtractCounts(const std::vector<double>& acc, std::vector<ItemCounts>* counts) const {
    counts->resize(ni_);
    const double* nrow = acc.data() + static_cast<std::size_t>(num_rows_) * qp_;
    for (int i = 0; i < ni_; ++i) {
      const int k_max = specs_[i].max_score;
      auto& r = (*counts)[i].r;
      r.assign(static_cast<std::size_t>(k_max + 1) * nq_, 0.0);
      const double* miss = acc.data() + static_cast<std::size_t>(row_base_[i] + k_max) * qp_;
      for (int q = 0; q < nq_; ++q) {
        double rest = nrow[q] - miss[q];
        for (int k = 1; k <= k_max; ++k) {
          const double v = acc[static_cast<std::size_t>(row_base_[i] + k - 1) * qp_ + q];
          r[static_cast<std::size_t>(k) * nq_ + q] = v;
          rest -= v;
        }
        r[q] = std::max(0.0, rest);
      }
    }
  }

  std::vector<ItemSpec> specs_;
  std::vector<double> nodes_, prior_;
  int threads_;
  int ni_ = 0, nq_ = 0, qp_ = 0, num_rows_ = 0;
  std::vector<int> row_base_;
  Patterns pats_;
  std::vector<double> d_, base_, log_prior_, mask_;
  static constexpr double kPadding = -1e300;  // log-weight of the padding lanes
  std::vector<std::vector<double>> acc_;
};

// --- M-step -------------------------------------------------------------------------------------
struct Prior {
  double alpha = 1, beta = 1;  // Beta prior on c (3PL)
};

// Objective, gradient and Fisher information of one item's expected complete-data log-likelihood.
double ItemObjective(const ItemSpec& spec, const double* psi, const ItemCounts& counts,
                     const std::vector<double>& nodes, const Prior& prior, double* grad, SymMatrix* info) {
  const int np = spec.num_params(), nk = spec.max_score + 1, nq = static_cast<int>(nodes.size());
  double p[128], dp[128 * 8];
  std::vector<double> dp_big;
  double* dpp = dp;
  if (nk * np > 128 * 8) {
    dp_big.resize(static_cast<std::size_t>(nk) * np);
    dpp = dp_big.data();
  }
  double f = 0;
  if (grad != nullptr) std::fill(grad, grad + np, 0.0);
  for (int q = 0; q < nq; ++q) {
    ProbGrad(spec, psi, nodes[q], p, dpp);
    double nsum = 0;
    for (int k = 0; k < nk; ++k) nsum += counts.r[static_cast<std::size_t>(k) * nq + q];
    for (int k = 0; k < nk; ++k) {
      const double rk = counts.r[static_cast<std::size_t>(k) * nq + q];
      const double pk = std::max(p[k], kMinProb);
      f += rk * std::log(pk);
      if (grad == nullptr) continue;
      const double* g = dpp + k * np;
      for (int j = 0; j < np; ++j) grad[j] += rk * g[j] / pk;
      if (info != nullptr && nsum > 0) {
        const double s = nsum / pk;
        for (int j = 0; j < np; ++j) {
          for (int l = 0; l <= j; ++l) (*info)(j, l) += s * g[j] * g[l];
        }
      }
    }
  }
  if (info != nullptr) {
    for (int j = 0; j < np; ++j) {
      for (int l = 0; l < j; ++l) (*info)(l, j) = (*info)(j, l);
    }
  }
  if (spec.kind == Kind::kThreePL && (prior.alpha != 1 || prior.beta != 1)) {
    const double c = Logistic(psi[2]);
    f += (prior.alpha - 1) * std::log(c) + (prior.beta - 1) * std::log(1 - c);
    if (grad != nullptr) grad[2] += (prior.alpha - 1) * (1 - c) - (prior.beta - 1) * c;
    if (info != nullptr) (*info)(2, 2) += (prior.alpha + prior.beta - 2) * c * (1 - c);
  }
  return f;
}

// Maximises one item's objective by Fisher scoring with step halving.
void MaximiseItem(const ItemSpec& spec, std::vector<double>& psi, const ItemCounts& counts,
                  const std::vector<double>& nodes, const Prior& prior) {
  const int np = spec.num_params();
  std::vector<double> grad(np), step(np), trial(np);
  for (int it = 0; it < 25; ++it) {
    SymMatrix info(np);
    const double f = ItemObjective(spec, psi.data(), counts, nodes, prior, grad.data(), &info);
    if (!numeric::SolvePositiveDefinite(info, grad, step)) return;
    double mx = 0;
    for (double s : step) mx = std::max(mx, std::abs(s));
    if (mx > 1.0) {
      for (double& s : step) s /= mx;
    }
    double t = 1.0;
    bool improved = false;
    for (int h = 0; h < 30; ++h) {
      for (int j = 0; j < np; ++j) trial[j] = psi[j] + t * step[j];
      if (ParamsValid(spec, trial.data())) {
        const double f2 = ItemObjective(spec, trial.data(), counts, nodes, prior, nullptr, nullptr);
        if (f2 >= f - 1e-12 * std::abs(f)) {
          improved = true;
          break;
        }
      }
      t *= 0.5;
    }
    if (!improved) return;
    psi = trial;
    if (mx * t < 1e-9) return;
  }
}

// Shared slope (Rasch/1PL): global vector [a, then each item's remaining parameters].
void MaximiseShared(const std::vector<ItemSpec>& specs, std::vector<std::vector<double>>& psi,
                    const std::vector<ItemCounts>& counts, const std::vector<double>& nodes,
                    const Prior& prior) {
  const int ni = static_cast<int>(specs.size());
  std::vector<int> offset(ni);
  int n = 1;
  for (int i = 0; i < ni; ++i) {
    offset[i] = n;
    n += specs[i].num_params() - 1;
  }
  auto global_index = [&](int i, int j) { return j == 0 ? 0 : offset[i] + j - 1; };
  std::vector<double> grad(n), step(n);
  auto eval = [&](const std::vector<std::vector<double>>& par, bool with_derivs, SymMatrix* info) {
    double f = 0;
    if (with_derivs) std::fill(grad.begin(), grad.end(), 0.0);
    for (int i = 0; i < ni; ++i) {
      const int np = specs[i].num_params();
      std::vector<double> g(np);
      SymMatrix local(np);
      f += ItemObjective(specs[i], par[i].data(), counts[i], nodes, prior, with_derivs ? g.data() : nullptr,
                         with_derivs ? &local : nullptr);
      if (!with_derivs) continue;
      for (int j = 0; j < np; ++j) {
        grad[global_index(i, j)] += g[j];
        for (int l = 0; l < np; ++l) (*info)(global_index(i, j), global_index(i, l)) += local(j, l);
      }
    }
    return f;
  };
  for (int it = 0; it < 25; ++it) {
    SymMatrix info(n);
    const double f = eval(psi, true, &info);
    if (!numeric::SolvePositiveDefinite(info, grad, step)) return;
    double mx = 0;
    for (double s : step) mx = std::max(mx, std::abs(s));
    if (mx > 1.0) {
      for (double& s : step) s /= mx;
    }
    double t = 1.0;
    bool improved = false;
    std::vector<std::vector<double>> trial = psi;
    for (int h = 0; h < 30; ++h) {
      bool valid = true;
      for (int i = 0; i < ni; ++i) {
        for (int j = 0; j < specs[i].num_params(); ++j)
          trial[i][j] = psi[i][j] + t * step[global_index(i, j)];
        valid = valid && ParamsValid(specs[i], trial[i].data());
      }
      if (valid && eval(trial, false, nullptr) >= f - 1e-12 * std::abs(f)) {
        improved = true;
        break;
      }
      t *= 0.5;
    }
    if (!improved) return;
    psi = trial;
    if (mx * t < 1e-9) return;
  }
}

// Gradient of the marginal log-likelihood (+ log prior) with respect to the free parameters,
// by Fisher's identity. Layout as in FreeParameters().
struct Layout {
  bool shared = false;
  std::vector<int> offset;  // per item: index of its first free (non-shared) parameter
  int n = 0;
};

Layout MakeLayout(const std::vector<ItemSpec>& specs, bool shared) {
  Layout lay;
  lay.shared = shared;
  int n = shared ? 1 : 0;
  for (const auto& s : specs) {
    lay.offset.push_back(n);
    n += shared ? s.num_params() - 1 : s.num_params();
  }
  lay.n = n;
  return lay;
}

int GlobalIndex(const Layout& lay, int i, int j) {
  if (!lay.shared) return lay.offset[i] + j;
  return j == 0 ? 0 : lay.offset[i] + j - 1;
}

void SetFree(const Layout& lay, const std::vector<ItemSpec>& specs, std::vector<std::vector<double>>& psi,
             int g, double value) {
  for (std::size_t i = 0; i < specs.size(); ++i) {
    for (int j = 0; j < specs[i].num_params(); ++j) {
      if (GlobalIndex(lay, static_cast<int>(i), j) == g) psi[i][j] = value;
    }
  }
}

double GetFree(const Layout& lay, const std::vector<ItemSpec>& specs,
               const std::vector<std::vector<double>>& psi, int g) {
  for (std::size_t i = 0; i < specs.size(); ++i) {
    for (int j = 0; j < specs[i].num_params(); ++j) {
      if (GlobalIndex(lay, static_cast<int>(i), j) == g) return psi[i][j];
    }
  }
  return 0;
}

std::vector<double> MarginalGradient(Engine& engine, const Layout& lay, const std::vector<ItemSpec>& specs,
                                     const std::vector<std::vector<double>>& psi, const Prior& prior) {
  std::vector<ItemCounts> counts;
  engine.EStep(psi, &counts);
  std::vector<double> grad(lay.n, 0.0);
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const int np = specs[i].num_params();
    std::vector<double> g(np);
    ItemObjective(specs[i], psi[i].data(), counts[i], engine.nodes(), prior, g.data(), nullptr);
    for (int j = 0; j < np; ++j) grad[GlobalIndex(lay, static_cast<int>(i), j)] += g[j];
  }
  return grad;
}

// Starting values from classical statistics.
std::vector<double> StartValues(const ResponseMatrix& m, const std::vector<double>& totals, std::size_t item,
                                const ItemSpec& spec, const Prior& prior) {
  const std::size_t np = m.num_persons();
  std::vector<double> x, rest, w;
  std::vector<double> at_least(spec.max_score + 2, 0.0);
  double total_w = 0;
  for (std::size_t p = 0; p < np; ++p) {
    const int s = m.at(p, item);
    const double wt = m.weight(p);
    if (s == kMissing || wt <= 0) continue;
    x.push_back(s);
    rest.push_back(totals[p] - s);
    w.push_back(wt);
    total_w += wt;
    for (int k = 1; k <= s; ++k) at_least[k] += wt;
  }
  double r = numeric::Correlation(x, rest, w);
  if (!std::isfinite(r)) r = 0.3;
  double a = 1.0;
  const double p1 = std::clamp(at_least[1] / total_w, 0.01, 0.99);
  if (spec.max_score == 1) {
    // Point-biserial → biserial → slope (logistic metric).
    // Normal ordinate at the p1 quantile via a Newton inversion of the normal CDF.
    double q = 0;
    for (int it = 0; it < 50; ++it) {
      const double cdf = 1.0 - numeric::NormalSurvival(q);
      q -= (cdf - p1) / std::max(numeric::NormalPdf(q), 1e-12);
    }
    const double rb = std::clamp(r * std::sqrt(p1 * (1 - p1)) / numeric::NormalPdf(q), -0.9, 0.9);
    a = 1.702 * rb / std::sqrt(1 - rb * rb);
  } else {
    const double rp = std::clamp(r * 1.2, -0.9, 0.9);
    a = 1.702 * rp / std::sqrt(1 - rp * rp);
  }
  a = std::clamp(a, 0.25, 3.0);
  const double spread = std::sqrt(1.0 + a * a / 2.9);
  std::vector<double> psi;
  if (spec.kind == Kind::kGraded) {
    psi.push_back(a);
    for (int k = 1; k <= spec.max_score; ++k) {
      const double pk = std::clamp(at_least[k] / total_w, 0.005, 0.995);
      double d = numeric::Logit(pk) * spread;
      if (!psi.empty() && psi.size() > 1) d = std::min(d, psi.back() - 0.05);
      psi.push_back(d);
    }
    return psi;
  }
  if (spec.kind == Kind::kThreePL) {
    const double c =
        (prior.alpha > 1 && prior.beta > 1) ? (prior.alpha - 1) / (prior.alpha + prior.beta - 2) : 0.1;
    const double pstar = std::clamp((p1 - c) / (1 - c), 0.05, 0.99);
    return {a, numeric::Logit(pstar) * spread, numeric::Logit(c)};
  }
  return {a, numeric::Logit(p1) * spread};
}

// Chooses how items are modelled; validates the data.
Result<std::vector<ItemSpec>> MakeSpecs(const ResponseMatrix& m, ItemModel model) {
  std::vector<ItemSpec> specs;
  for (std::size_t i = 0; i < m.num_items(); ++i) {
    const std::string& id = m.item_ids()[i];
    std::vector<double> seen(101, 0.0);
    double answered = 0;
    for (std::size_t p = 0; p < m.num_persons(); ++p) {
      const int s = m.at(p, i);
      if (s == kMissing || m.weight(p) <= 0) continue;
      seen[s] += m.weight(p);
      answered += m.weight(p);
    }
    if (answered <= 0) return BadInput("item '" + id + "' has no responses", "项目“" + id + "”没有作答");
    const int k_max = m.max_scores()[i];
    if (k_max == 0 || seen[0] <= 0) {
      return BadInput("item '" + id + "' has a single observed score; it cannot be calibrated",
                      "项目“" + id + "”只有一种得分，无法标定");
    }
    for (int k = 1; k <= k_max; ++k) {
      if (seen[k] <= 0) {
        return BadInput(
            "item '" + id + "': score " + std::to_string(k) + " was never observed (recode the categories)",
            "项目“" + id + "”：得分 " + std::to_string(k) + " 从未出现（请重新编码类别）");
      }
    }
    ItemSpec s;
    s.max_score = k_max;
    if (k_max > 1) {
      s.kind = Kind::kGraded;
    } else if (model == ItemModel::kThreePL) {
      s.kind = Kind::kThreePL;
    } else {
      s.kind = Kind::kLogistic;
    }
    specs.push_back(s);
  }
  return specs;
}

// Item fit S-X² on the complete patterns.
void ComputeItemFit(const Engine& engine, const std::vector<ItemParameters>& items,
                    const std::vector<int>& nparams, double min_expected, std::vector<ItemFit>& out) {
  const Patterns& pats = engine.patterns();
  const int ni = static_cast<int>(items.size());
  int total = 0;
  for (const auto& it : items) total += it.MaxScore();
  // Observed: per total score s, N_s and per item/category counts.
  std::vector<double> n_s(total + 1, 0.0);
  std::vector<std::vector<double>> obs(ni);  // obs[i][s * (K_i + 1) + k]
  for (int i = 0; i < ni; ++i)
    obs[i].assign(static_cast<std::size_t>(total + 1) * (items[i].MaxScore() + 1), 0.0);
  for (std::size_t p = 0; p < pats.count.size(); ++p) {
    const auto& x = pats.scores[p];
    bool complete = true;
    int s = 0;
    for (int v : x) {
      if (v == kMissing)
        complete = false;
      else
        s += v;
    }
    if (!complete) continue;
    n_s[s] += pats.count[p];
    for (int i = 0; i < ni; ++i)
      obs[i][static_cast<std::size_t>(s) * (items[i].MaxScore() + 1) + x[i]] += pats.count[p];
  }
  const auto& nodes = engine.nodes();
  const auto& w = engine.prior();
  const int nq = static_cast<int>(nodes.size());
  // Full-test summed-score likelihoods at each node.
  std::vector<std::vector<double>> full(nq);
  for (int q = 0; q < nq; ++q) full[q] = SummedScoreDistribution(items, nodes[q]);
  std::vector<double> denom(total + 1, 0.0);
  for (int q = 0; q < nq; ++q) {
    for (int s = 0; s <= total; ++s) denom[s] += w[q] * full[q][s];
  }
  out.clear();
  std::vector<ItemParameters> others;
  std::vector<double> pk(128);
  for (int i = 0; i < ni; ++i) {
    ItemFit fit;
    fit.item_id = items[i].item_id;
    const int nk = items[i].MaxScore() + 1;
    others.clear();
    for (int j = 0; j < ni; ++j) {
      if (j != i) others.push_back(items[j]);
    }
    // expected[s][k] = Σ_q w_q P_ik(θ_q) f_{-i}(s − k | θ_q) / Σ_q w_q f(s | θ_q)
    std::vector<double> expected(static_cast<std::size_t>(total + 1) * nk, 0.0);
    for (int q = 0; q < nq; ++q) {
      const std::vector<double> f = SummedScoreDistribution(others, nodes[q]);
      CategoryProbabilities(items[i], nodes[q], std::span<double>(pk.data(), nk));
      for (int s = 0; s <= total; ++s) {
        for (int k = 0; k < nk && k <= s; ++k) {
          if (s - k < static_cast<int>(f.size()))
            expected[static_cast<std::size_t>(s) * nk + k] += w[q] * pk[k] * f[s - k];
        }
      }
    }
    // Group scores 1..total−1, pooling adjacent ones until all expected counts >= min_expected.
    struct Group {
      double n = 0;
      std::vector<double> o, e;  // counts
    };
    std::vector<Group> groups;
    Group cur;
    cur.o.assign(nk, 0.0);
    cur.e.assign(nk, 0.0);
    auto ready = [&](const Group& g) {
      if (g.n <= 0) return false;
      for (int k = 0; k < nk; ++k) {
        if (g.e[k] < min_expected) return false;
      }
      return true;
    };
    for (int s = 1; s < total; ++s) {
      if (n_s[s] <= 0 || denom[s] <= 0) continue;
      cur.n += n_s[s];
      for (int k = 0; k < nk; ++k) {
        cur.o[k] += obs[i][static_cast<std::size_t>(s) * nk + k];
        cur.e[k] += n_s[s] * expected[static_cast<std::size_t>(s) * nk + k] / denom[s];
      }
      if (ready(cur)) {
        groups.push_back(cur);
        cur = Group();
        cur.o.assign(nk, 0.0);
        cur.e.assign(nk, 0.0);
      }
    }
    if (cur.n > 0) {
      if (groups.empty()) {
        groups.push_back(cur);
      } else {
        Group& last = groups.back();
        last.n += cur.n;
        for (int k = 0; k < nk; ++k) {
          last.o[k] += cur.o[k];
          last.e[k] += cur.e[k];
        }
      }
    }
    double chi = 0;
    int cells = 0;
    for (const Group& g : groups) {
      for (int k = 0; k < nk; ++k) {
        if (g.e[k] > 0) chi += (g.o[k] - g.e[k]) * (g.o[k] - g.e[k]) / g.e[k];
      }
      cells += nk - 1;
    }
    fit.df = cells - nparams[i];
    if (!groups.empty()) {
      fit.s_x2 = chi;
      fit.p_value = fit.df > 0 ? numeric::ChiSquareSurvival(chi, fit.df) : kNaN;
    }
    out.push_back(fit);
  }
}

double PersonLz(const std::vector<ItemParameters>& items, const std::vector<int>& x, double theta) {
  double l0 = 0, e = 0, v = 0;
  std::vector<double> p(128);
  bool any = false;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (x[i] == kMissing) continue;
    any = true;
    const int nk = items[i].MaxScore() + 1;
    CategoryProbabilities(items[i], theta, std::span<double>(p.data(), nk));
    double m1 = 0, m2 = 0;
    for (int k = 0; k < nk; ++k) {
      const double lp = std::log(std::max(p[k], kMinProb));
      m1 += p[k] * lp;
      m2 += p[k] * lp * lp;
    }
    l0 += std::log(std::max(p[x[i]], kMinProb));
    e += m1;
    v += m2 - m1 * m1;
  }
  if (!any || v <= 0) return kNaN;
  return (l0 - e) / std::sqrt(v);
}

int DefaultThreads(int requested) {
  if (requested > 0) return requested;
  const unsigned hc = std::thread::hardware_concurrency();
  return static_cast<int>(std::clamp(hc == 0 ? 1u : hc, 1u, 8u));
}

// Runs fn(0..n-1) on up to `threads` threads (contiguous chunks).
template <typename Fn>
void ParallelFor(int n, int threads, Fn fn) {
  const int nt = std::max(1, std::min(threads, n / 8));
  if (nt == 1) {
    for (int i = 0; i < n; ++i) fn(i);
    return;
  }
  auto chunk = [&](int t) {
    for (int i = n * t / nt; i < n * (t + 1) / nt; ++i) fn(i);
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < nt; ++t) pool.emplace_back(chunk, t);
  chunk(0);
  for (auto& th : pool) th.join();
}

}  // namespace

Result<CalibrationResult> Calibrate(const ResponseMatrix& responses, const CalibrationOptions& options) {
  if (responses.num_persons() == 0 || responses.total_weight() <= 0) {
    return BadInput("the response matrix has no persons", "作答矩阵中没有考生");
  }
  const ItemModel model = options.dichotomous_model;
  if (model == ItemModel::kGradedResponse) {
    return BadInput(
        "dichotomous_model must be Rasch, 1PL, 2PL or 3PL (polytomous items use the GRM automatically)",
        "二级计分模型必须为 Rasch、1PL、2PL 或 3PL（多级计分项目自动使用 GRM）");
  }
  if (options.max_iterations < 1 || !(options.tolerance > 0)) {
    return BadInput("max_iterations must be >= 1 and tolerance > 0", "最大迭代次数必须 >= 1 且容差 > 0");
  }
  if (!(options.guessing_prior_alpha >= 1) || !(options.guessing_prior_beta >= 1)) {
    return BadInput("guessing prior parameters must be >= 1", "猜测参数先验的参数必须 >= 1");
  }
  Quadrature quad = options.quadrature;
  if (quad.size() == 0) {
    KP_ASSIGN_OR_RETURN(quad, RectangularQuadrature(61, -6, 6));
  } else if (quad.nodes.size() != quad.weights.size() || quad.size() < 2) {
    return BadInput("quadrature nodes and weights differ in length", "求积节点与权重长度不一致");
  }
  KP_ASSIGN_OR_RETURN(std::vector<ItemSpec> specs, MakeSpecs(responses, model));
  const bool shared = model == ItemModel::kRasch || model == ItemModel::kOnePL;
  Prior prior;
  if (model == ItemModel::kThreePL) {
    prior.alpha = options.guessing_prior_alpha;
    prior.beta = options.guessing_prior_beta;
  }
  const int ni = static_cast<int>(specs.size());
  std::vector<std::vector<double>> psi(ni);
  std::vector<double> totals(responses.num_persons(), 0.0);
  for (std::size_t p = 0; p < responses.num_persons(); ++p) {
    for (int x : responses.row(p)) totals[p] += x == kMissing ? 0 : x;
  }
  for (int i = 0; i < ni; ++i) psi[i] = StartValues(responses, totals, i, specs[i], prior);
  if (shared) {
    double mean_a = 0;
    for (int i = 0; i < ni; ++i) mean_a += psi[i][0] / ni;
    for (int i = 0; i < ni; ++i) psi[i][0] = mean_a;
  }

  const int threads = DefaultThreads(options.threads);
  Engine engine(responses, specs, quad, threads);
  CalibrationResult result;
  std::vector<ItemCounts> counts;
  int iter = 0;
  double change = 0;
  bool converged = false;
  // EM with a safeguarded extrapolation (Aitken-type, in the spirit of Ramsay 1975): after three
  // plain EM iterates ψ0, ψ1, ψ2 the observed contraction ratio r = |ψ2 − ψ1| / |ψ1 − ψ0| predicts
  // the remaining distance to the fixed point, and ψ2 + r/(1 − r)·(ψ2 − ψ1) is tried. The proposal
  // is kept only if its log-likelihood (free from the next E-step) is not below that of ψ1;
  // otherwise EM resumes from ψ2. The convergence test always uses a plain EM step.
  std::vector<std::vector<std::vector<double>>> history;
  std::vector<std::vector<double>> fallback;
  double ll_guard = -std::numeric_limits<double>::infinity();
  bool trying = false;
  int cooldown = 0;
  for (iter = 1; iter <= options.max_iterations; ++iter) {
    double ll = engine.EStep(psi, &counts);
    if (trying) {
      trying = false;
      if (!(ll >= ll_guard)) {  // rejected: back to the last EM iterate
        psi = fallback;
        ll = engine.EStep(psi, &counts);
        cooldown = 6;
      }
      history.clear();
    }
    std::vector<std::vector<double>> old = psi;
    if (shared) {
      MaximiseShared(specs, psi, counts, engine.nodes(), prior);
    } else {
      ParallelFor(ni, threads,
                  [&](int i) { MaximiseItem(specs[i], psi[i], counts[i], engine.nodes(), prior); });
    }
    change = 0;
    for (int i = 0; i < ni; ++i) {
      for (std::size_t j = 0; j < psi[i].size(); ++j)
        change = std::max(change, std::abs(psi[i][j] - old[i][j]));
    }
    if (change < options.tolerance) {
      converged = true;
      break;
    }
    if (history.empty()) history.push_back(old);
    history.push_back(psi);
    if (cooldown > 0) {
      --cooldown;
      history.erase(history.begin(), history.end() - 1);
      continue;
    }
    if (history.size() == 3) {
      double d1 = 0, d0 = 0;
      for (int i = 0; i < ni; ++i) {
        for (std::size_t j = 0; j < psi[i].size(); ++j) {
          const double a = history[2][i][j] - history[1][i][j], b = history[1][i][j] - history[0][i][j];
          d1 += a * a;
          d0 += b * b;
        }
      }
      const double r = d0 > 0 ? std::sqrt(d1 / d0) : 0.0;
      if (r > 0.05 && r < 0.95) {
        const double alpha = std::min(r / (1 - r), 10.0);
        std::vector<std::vector<double>> proposal = psi;
        bool valid = true;
        for (int i = 0; i < ni && valid; ++i) {
          for (std::size_t j = 0; j < psi[i].size(); ++j) {
            proposal[i][j] = history[2][i][j] + alpha * (history[2][i][j] - history[1][i][j]);
          }
          valid = ParamsValid(specs[i], proposal[i].data());
        }
        if (valid) {
          fallback = psi;
          psi = std::move(proposal);
          ll_guard = ll;  // the log-likelihood at ψ1 (this cycle's E-step)
          trying = true;
        }
      }
      history.erase(history.begin(), history.end() - 1);
    }
  }
  result.iterations = std::min(iter, options.max_iterations);
  result.converged = converged;
  result.last_change = change;
  // Final E-step at the estimates: log-likelihood (the 3PL prior is not included).
  result.log_likelihood = engine.EStep(psi, nullptr);

  const Layout lay = MakeLayout(specs, shared);
  result.num_free_parameters = lay.n;
  const double n_total = responses.total_weight();
  result.aic = -2 * result.log_likelihood + 2 * lay.n;
  result.bic = -2 * result.log_likelihood + std::log(n_total) * lay.n;

  // Standard errors from the numerically differentiated exact gradient.
  SymMatrix cov(lay.n);
  bool have_cov = false;
  if (options.standard_errors) {
    SymMatrix neg_h(lay.n);
    for (int g = 0; g < lay.n; ++g) {
      const double x0 = GetFree(lay, specs, psi, g);
      const double h = 1e-4 * std::max(1.0, std::abs(x0));
      auto plus = psi, minus = psi;
      SetFree(lay, specs, plus, g, x0 + h);
      SetFree(lay, specs, minus, g, x0 - h);
      const auto gp = MarginalGradient(engine, lay, specs, plus, prior);
      const auto gm = MarginalGradient(engine, lay, specs, minus, prior);
      for (int r = 0; r < lay.n; ++r) neg_h(r, g) = -(gp[r] - gm[r]) / (2 * h);
    }
    for (int r = 0; r < lay.n; ++r) {
      for (int c = 0; c < r; ++c) neg_h(r, c) = neg_h(c, r) = 0.5 * (neg_h(r, c) + neg_h(c, r));
    }
    have_cov = numeric::InvertPositiveDefinite(neg_h, cov);
  }
  auto var = [&](int i, int j, int k, int l) {
    return have_cov ? cov(GlobalIndex(lay, i, j), GlobalIndex(lay, k, l)) : kNaN;
  };

  // Back to the IRT parameterisation.
  const double shared_a = shared ? psi[0][0] : 1.0;
  result.latent_sd = model == ItemModel::kRasch ? shared_a : 1.0;
  if (model == ItemModel::kRasch && have_cov) result.se_latent_sd = std::sqrt(cov(0, 0));
  for (int i = 0; i < ni; ++i) {
    ItemParameters it;
    it.item_id = responses.item_ids()[i];
    const double a = psi[i][0];
    const double v_aa = var(i, 0, i, 0);
    it.a = a;
    it.se_a = std::sqrt(v_aa);
    auto loc = [&](int j, double& b, double& se_b) {
      const double d = psi[i][j];
      b = -d / a;
      const double ga = d / (a * a), gd = -1.0 / a;
      se_b = std::sqrt(ga * ga * v_aa + gd * gd * var(i, j, i, j) + 2 * ga * gd * var(i, 0, i, j));
    };
    if (specs[i].kind == Kind::kGraded) {
      it.model = ItemModel::kGradedResponse;
      for (int k = 1; k <= specs[i].max_score; ++k) {
        double b, se;
        loc(k, b, se);
        it.thresholds.push_back(b);
        it.se_thresholds.push_back(se);
      }
    } else {
      it.model = specs[i].kind == Kind::kThreePL ? ItemModel::kThreePL : model;
      loc(1, it.b, it.se_b);
      if (specs[i].kind == Kind::kThreePL) {
        it.c = Logistic(psi[i][2]);
        it.se_c = it.c * (1 - it.c) * std::sqrt(var(i, 2, i, 2));
      }
    }
    if (model == ItemModel::kRasch) {
      // θ' = a·θ ~ N(0, a²) and slope 1: b' = a·b = −d.
      it.a = 1.0;
      it.se_a = kNaN;
      if (it.IsPolytomous()) {
        for (int k = 0; k < static_cast<int>(it.thresholds.size()); ++k) {
          it.thresholds[k] *= a;
          it.se_thresholds[k] = std::sqrt(var(i, k + 1, i, k + 1));
        }
      } else {
        it.b *= a;
        it.se_b = std::sqrt(var(i, 1, i, 1));
      }
    }
    result.items.push_back(std::move(it));
  }

  // Fit statistics are computed on the θ ~ N(0, 1) scale (for Rasch: the equivalent 1PL items).
  std::vector<ItemParameters> unit_items = result.items;
  if (model == ItemModel::kRasch) {
    for (auto& it : unit_items) {
      it.a = shared_a;
      it.b /= shared_a;
      for (double& t : it.thresholds) t /= shared_a;
    }
  }
  if (options.item_fit) {
    std::vector<int> nparams(ni);
    for (int i = 0; i < ni; ++i) nparams[i] = shared ? specs[i].num_params() - 1 : specs[i].num_params();
    ComputeItemFit(engine, unit_items, nparams, options.sx2_min_expected, result.item_fit);
  }
  if (options.person_fit) {
    std::vector<double> mean, sd;
    engine.PatternEap(mean, sd);
    const Patterns& pats = engine.patterns();
    std::vector<double> lz(pats.count.size());
    for (std::size_t p = 0; p < pats.count.size(); ++p) lz[p] = PersonLz(unit_items, pats.scores[p], mean[p]);
    result.person_lz.assign(responses.num_persons(), kNaN);
    result.person_theta.assign(responses.num_persons(), kNaN);
    for (std::size_t n = 0; n < responses.num_persons(); ++n) {
      const std::uint32_t p = pats.person_to_pattern[n];
      if (p == kNoPattern) continue;
      result.person_lz[n] = lz[p];
      result.person_theta[n] = mean[p] * result.latent_sd;
    }
  }

  CalibrationProvenance& prov = result.provenance;
  prov.data_description = options.data_description;
  prov.num_persons = static_cast<std::size_t>(std::llround(n_total));
  prov.num_response_patterns = engine.patterns().count.size();
  prov.num_items = responses.num_items();
  prov.missing_fraction = responses.MissingFraction();
  bool any_graded = false, any_dich = false;
  for (const auto& s : specs) {
    any_graded |= s.kind == Kind::kGraded;
    any_dich |= s.kind != Kind::kGraded;
  }
  std::string m;
  if (any_dich) {
    m = std::string(ItemModelName(model));
    if (model == ItemModel::kThreePL && (prior.alpha != 1 || prior.beta != 1)) {
      char buf[64];
      std::snprintf(buf, sizeof buf, " with c ~ Beta(%g, %g)", prior.alpha, prior.beta);
      m += buf;
    }
  }
  if (any_graded) m += std::string(any_dich ? " + " : "") + (shared ? "GRM (shared slope)" : "GRM");
  prov.model = m;
  prov.estimation = "MML-EM (Bock-Aitkin), Fisher-scoring M-step";
  prov.quadrature = quad.description.empty() ? std::to_string(quad.size()) + " points" : quad.description;
  prov.latent_distribution = model == ItemModel::kRasch ? "N(0, sigma^2), sigma estimated" : "N(0, 1)";
  prov.iterations = result.iterations;
  prov.converged = converged;
  prov.tolerance = options.tolerance;
  prov.log_likelihood = result.log_likelihood;
  prov.calibrated_at = (options.clock != nullptr ? *options.clock : SystemClock::Get()).Now();
  return result;
}

Result<double> MarginalLogLikelihood(const ResponseMatrix& responses,
                                     const std::vector<ItemParameters>& items, const Quadrature& quadrature) {
  if (items.size() != responses.num_items()) {
    return BadInput("item count differs from the matrix", "项目数与作答矩阵不一致");
  }
  Quadrature quad = quadrature;
  if (quad.size() == 0) {
    KP_ASSIGN_OR_RETURN(quad, RectangularQuadrature(61, -6, 6));
  }
  double total = 0;
  std::vector<double> ll(quad.size());
  for (std::size_t p = 0; p < responses.num_persons(); ++p) {
    const double w = responses.weight(p);
    if (w <= 0) continue;
    auto row = responses.row(p);
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (row[i] != kMissing && row[i] > items[i].MaxScore()) {
        return BadInput("a score exceeds the item's maximum", "分数超过项目满分");
      }
    }
    double mx = -std::numeric_limits<double>::infinity();
    for (std::size_t q = 0; q < quad.size(); ++q) {
      ll[q] = ResponseLogLikelihood(items, row, quad.nodes[q]) + std::log(quad.weights[q]);
      mx = std::max(mx, ll[q]);
    }
    double s = 0;
    for (double v : ll) s += std::exp(v - mx);
    total += w * (std::log(s) + mx);
  }
  return total;
}

}  // namespace kaoping::psychometrics
