#include "core/assembly/assembler.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "base/random.h"

namespace kaoping::assembly {

namespace {

using bank::Item;
using bank::ItemType;

constexpr double kEps = 1e-6;
constexpr double kSlackPenalty = 1000;     // per point / item of slack in the elastic model
constexpr double kDevWeightScore = 1.0;    // per expected-score point away from the target
constexpr double kDevWeightInfo = 2.0;     // per unit of information away from the target
constexpr double kSpreadWeightInfo = 2.0;  // per unit of information a form falls short of the match
constexpr double kMatchRatio = 0.03;       // forms within 3 % of the most informative one
constexpr double kScoreBand = 0.5;         // expected-score points around the target that cost nothing
constexpr double kInfoBandRatio = 0.02;    // information target band, as a share of the target
constexpr double kCloseness = 0.2;         // per point × |p − p*|
constexpr double kJitter = 0.05;           // per point × u, u ∈ [0, 1) from (seed, id)

std::string Fmt(double v) {
  if (std::fabs(v - std::round(v)) < 1e-6) return std::to_string(static_cast<long long>(std::llround(v)));
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.2f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::uint64_t Fnv1a(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string FormLetter(int k) {
  return std::string(1, static_cast<char>('A' + k));
}

struct Cand {
  const Item* item = nullptr;
  int f = 0;          // index into blueprint.functions
  int t = 0;          // index into blueprint.types
  int wc = -1;        // index into Context::wcs
  double q = 0;       // points on the paper
  double p = 0;       // effective facility (target p when unknown)
  double info = 0;    // information at the cut θ
  double metric = 0;  // what is matched across forms: expected-score points or information
  bool exposed = false;
  double cost = 0;  // objective coefficient per form
};

struct WcKey {
  int f;
  std::string wc;
  int min_items = 0;
  int max_items = -1;
};

struct Context {
  const AssemblyRequest* req = nullptr;
  const Blueprint* bp = nullptr;
  std::vector<Cand> cands;                       // the pool, ordered by item id
  std::vector<WcKey> wcs;                        // (row, work content) pairs that carry a rule
  std::vector<std::pair<int, int>> enemy_pairs;  // pool indices, a < b
  bool info_mode = false;
  double target_metric = 0;
  double target_band = 0;
  bool has_target = true;
};

struct SlackInfo {
  int var = 0;
  std::string constraint;
  std::string label;
  int form = 0;    // 0-based; -1 for all forms
  double rhs = 0;  // the bound the slack relaxes
  bool shortage = true;
  std::string unit;
};

struct Model {
  MipProblem mip;
  std::vector<std::vector<int>> x;  // x[k][j] for candidate j of `members`
  std::vector<int> members;         // pool indices in the model
  std::vector<SlackInfo> slacks;
};

double UnionNeed(double per_form, double max_unit, int forms, int overlap) {
  double total = per_form;
  for (int j = 2; j <= forms; ++j) total += std::max(0.0, per_form - (j - 1) * overlap * max_unit);
  return total;
}

int MaxItemsPerForm(const Blueprint& bp) {
  int n = 0;
  for (const auto& t : bp.types) n += t.max_count;
  return n;
}

// How the overlap limit K between forms is modelled, from easiest to exact (see Assemble).
enum class OverlapMode { kDisjoint, kCompact, kPairwise };

Model BuildModel(const Context& ctx, const std::vector<int>& members, bool elastic, OverlapMode overlap) {
  const Blueprint& bp = *ctx.bp;
  const AssemblyRequest& req = *ctx.req;
  const int forms = req.forms;
  Model m;
  m.members = members;
  MipProblem& mip = m.mip;
  const size_t n = members.size();
  m.x.assign(static_cast<size_t>(forms), std::vector<int>(n, -1));
  for (int k = 0; k < forms; ++k) {
    for (size_t j = 0; j < n; ++j) {
      const Cand& c = ctx.cands[static_cast<size_t>(members[j])];
      m.x[static_cast<size_t>(k)][j] = mip.AddBinary(c.cost, "x_" + c.item->id + "_" + FormLetter(k));
    }
  }
  auto add_slack = [&](MipRow& row, double sign, SlackInfo info) {
    int v = mip.AddVar(0, kMipInfinity, kSlackPenalty, false, "slack_" + info.constraint);
    row.index.push_back(v);
    row.coef.push_back(sign);
    info.var = v;
    m.slacks.push_back(std::move(info));
  };

  std::vector<int> metric_vars;
  for (int k = 0; k < forms; ++k) {
    const auto& xk = m.x[static_cast<size_t>(k)];
    // Exact points per weight-table row.
    for (size_t fi = 0; fi < bp.functions.size(); ++fi) {
      const FunctionTarget& f = bp.functions[fi];
      MipRow row;
      row.name = "points_" + f.target + "_" + FormLetter(k);
      for (size_t j = 0; j < n; ++j) {
        const Cand& c = ctx.cands[static_cast<size_t>(members[j])];
        if (c.f != static_cast<int>(fi)) continue;
        row.index.push_back(xk[j]);
        row.coef.push_back(c.q);
      }
      row.lower = row.upper = f.points;
      if (elastic) {
        add_slack(row, 1, SlackInfo{0, f.target, f.label, k, f.points, true, "points"});
        add_slack(row, -1, SlackInfo{0, f.target, f.label, k, f.points, false, "points"});
      }
      mip.AddRow(std::move(row));
    }
    // Item-type counts.
    for (size_t ti = 0; ti < bp.types.size(); ++ti) {
      const TypeRule& t = bp.types[ti];
      MipRow row;
      row.name = std::string("type_") + bank::ItemTypeName(t.type) + "_" + FormLetter(k);
      for (size_t j = 0; j < n; ++j) {
        const Cand& c = ctx.cands[static_cast<size_t>(members[j])];
        if (c.t != static_cast<int>(ti)) continue;
        row.index.push_back(xk[j]);
        row.coef.push_back(1);
      }
      row.lower = t.min_count;
      row.upper = t.max_count;
      const std::string key = std::string("type:") + bank::ItemTypeName(t.type);
      if (elastic) {
        if (t.min_count > 0)
          add_slack(row, 1,
                    SlackInfo{0, key, bank::ItemTypeLabelZh(t.type), k, double(t.min_count), true, "items"});
        add_slack(row, -1,
                  SlackInfo{0, key, bank::ItemTypeLabelZh(t.type), k, double(t.max_count), false, "items"});
      }
      mip.AddRow(std::move(row));
    }
    // Work-content rules.
    for (size_t wi = 0; wi < ctx.wcs.size(); ++wi) {
      const WcKey& w = ctx.wcs[wi];
      MipRow row;
      const std::string key = "work_content:" + bp.functions[static_cast<size_t>(w.f)].target + "/" + w.wc;
      row.name = key + "_" + FormLetter(k);
      for (size_t j = 0; j < n; ++j) {
        const Cand& c = ctx.cands[static_cast<size_t>(members[j])];
        if (c.wc != static_cast<int>(wi)) continue;
        row.index.push_back(xk[j]);
        row.coef.push_back(1);
      }
      row.lower = w.min_items;
      row.upper = w.max_items < 0 ? kMipInfinity : w.max_items;
      const std::string label = bp.functions[static_cast<size_t>(w.f)].label + " " + w.wc;
      if (elastic) {
        if (w.min_items > 0)
          add_slack(row, 1, SlackInfo{0, key, label, k, double(w.min_items), true, "items"});
        if (w.max_items >= 0)
          add_slack(row, -1, SlackInfo{0, key, label, k, double(w.max_items), false, "items"});
      }
      mip.AddRow(std::move(row));
    }
    // Enemies.
    if (!ctx.enemy_pairs.empty()) {
      std::unordered_map<int, size_t> pos;
      for (size_t j = 0; j < n; ++j) pos[members[j]] = j;
      for (const auto& [a, b] : ctx.enemy_pairs) {
        auto ia = pos.find(a), ib = pos.find(b);
        if (ia == pos.end() || ib == pos.end()) continue;
        MipRow row;
        row.index = {xk[ia->second], xk[ib->second]};
        row.coef = {1, 1};
        row.upper = 1;
        mip.AddRow(std::move(row));
      }
    }
    // Difficulty: optional hard band, target deviation, the matched metric.
    if (bp.difficulty.min_expected_score || bp.difficulty.max_expected_score) {
      MipRow row;
      row.name = "expected_score_" + FormLetter(k);
      for (size_t j = 0; j < n; ++j) {
        const Cand& c = ctx.cands[static_cast<size_t>(members[j])];
        row.index.push_back(xk[j]);
        row.coef.push_back(c.q * c.p);
      }
      row.lower = bp.difficulty.min_expected_score.value_or(-kMipInfinity);
      row.upper = bp.difficulty.max_expected_score.value_or(kMipInfinity);
      if (elastic) {
        if (bp.difficulty.min_expected_score) {
          add_slack(row, 1,
                    SlackInfo{0, "expected_score", "期望得分", k, *bp.difficulty.min_expected_score, true,
                              "points"});
        }
        if (bp.difficulty.max_expected_score) {
          add_slack(row, -1,
                    SlackInfo{0, "expected_score", "期望得分", k, *bp.difficulty.max_expected_score, false,
                              "points"});
        }
      }
      mip.AddRow(std::move(row));
    }
    const bool need_metric = ctx.has_target || forms > 1;
    if (need_metric) {
      int mv = mip.AddVar(-kMipInfinity, kMipInfinity, 0, false, "metric_" + FormLetter(k));
      MipRow row;
      row.name = "metric_def_" + FormLetter(k);
      for (size_t j = 0; j < n; ++j) {
        const Cand& c = ctx.cands[static_cast<size_t>(members[j])];
        row.index.push_back(xk[j]);
        row.coef.push_back(c.metric);
      }
      row.index.push_back(mv);
      row.coef.push_back(-1);
      row.lower = row.upper = 0;
      mip.AddRow(std::move(row));
      metric_vars.push_back(mv);
      if (ctx.has_target) {
        // metric − target = band + dev⁺ − dev⁻ with the band free: every form within ±band of
        // the target costs nothing, beyond it each unit costs. Forms are matched through the
        // target (their spread is at most 2·band unless the deviation is paid for).
        const double w = ctx.info_mode ? kDevWeightInfo : kDevWeightScore;
        int band = mip.AddVar(-ctx.target_band, ctx.target_band, 0, false, "band_" + FormLetter(k));
        int dp = mip.AddVar(0, kMipInfinity, w, false, "dev_plus_" + FormLetter(k));
        int dm = mip.AddVar(0, kMipInfinity, w, false, "dev_minus_" + FormLetter(k));
        MipRow dev;
        dev.name = "deviation_" + FormLetter(k);
        dev.index = {mv, band, dp, dm};
        dev.coef = {1, -1, -1, 1};
        dev.lower = dev.upper = ctx.target_metric;
        mip.AddRow(std::move(dev));
      }
    }
  }
  // Without a target (information maximised), forms are matched to the best one: every form's
  // information is at least (1 − kMatchRatio) of the maximum, softly.
  if (forms > 1 && !ctx.has_target) {
    int hi = mip.AddVar(-kMipInfinity, kMipInfinity, 0, false, "metric_hi");
    for (int mv : metric_vars) {
      MipRow a;
      a.index = {mv, hi};
      a.coef = {1, -1};
      a.upper = 0;
      mip.AddRow(std::move(a));
      int s = mip.AddVar(0, kMipInfinity, kSpreadWeightInfo, false, "match_short");
      MipRow b;
      b.index = {mv, hi, s};
      b.coef = {1, -(1 - kMatchRatio), 1};
      b.lower = 0;
      mip.AddRow(std::move(b));
    }
  }
  // Overlap between forms.
  if (forms > 1 && req.max_overlap < MaxItemsPerForm(bp)) {
    if (overlap == OverlapMode::kDisjoint) {
      for (size_t j = 0; j < n; ++j) {
        MipRow row;
        for (int k = 0; k < forms; ++k) {
          row.index.push_back(m.x[static_cast<size_t>(k)][j]);
          row.coef.push_back(1);
        }
        row.upper = 1;
        mip.AddRow(std::move(row));
      }
    } else if (overlap == OverlapMode::kCompact) {
      // s_j ≥ Σ_k x_kj − 1 counts the extra uses of item j; Σ s_j ≤ K bounds every pair's
      // shared items by K (exact for two forms, stricter than needed for more).
      MipRow cap;
      cap.name = "overlap";
      for (size_t j = 0; j < n; ++j) {
        int sv = mip.AddVar(0, forms - 1, 0, false);
        MipRow link;
        for (int k = 0; k < forms; ++k) {
          link.index.push_back(m.x[static_cast<size_t>(k)][j]);
          link.coef.push_back(1);
        }
        link.index.push_back(sv);
        link.coef.push_back(-1);
        link.upper = 1;
        mip.AddRow(std::move(link));
        cap.index.push_back(sv);
        cap.coef.push_back(1);
      }
      cap.upper = req.max_overlap;
      if (elastic)
        add_slack(cap, -1,
                  SlackInfo{0, "overlap", "A–" + FormLetter(forms - 1), -1, double(req.max_overlap), false,
                            "items"});
      mip.AddRow(std::move(cap));
    } else {
      // Exact: y_klj ≥ x_kj + x_lj − 1 marks item j shared by forms k and l; Σ_j y_klj ≤ K.
      for (int k = 0; k < forms; ++k) {
        for (int l = k + 1; l < forms; ++l) {
          MipRow cap;
          cap.name = "overlap_" + FormLetter(k) + FormLetter(l);
          for (size_t j = 0; j < n; ++j) {
            int y = mip.AddVar(0, 1, 0, false);
            MipRow link;
            link.index = {m.x[static_cast<size_t>(k)][j], m.x[static_cast<size_t>(l)][j], y};
            link.coef = {1, 1, -1};
            link.upper = 1;
            mip.AddRow(std::move(link));
            cap.index.push_back(y);
            cap.coef.push_back(1);
          }
          cap.upper = req.max_overlap;
          if (elastic) {
            add_slack(cap, -1,
                      SlackInfo{0, "overlap", FormLetter(k) + "/" + FormLetter(l), -1,
                                double(req.max_overlap), false, "items"});
          }
          mip.AddRow(std::move(cap));
        }
      }
    }
  }
  return m;
}

Shortfall SlackShortfall(const SlackInfo& s, double value, const Blueprint& bp) {
  Shortfall sf;
  sf.constraint = s.constraint;
  sf.label = s.label;
  sf.stage = "solve";
  sf.form = s.form + 1;
  sf.needed = s.rhs;
  sf.short_by = value;
  sf.available = s.shortage ? s.rhs - value : s.rhs + value;
  sf.unit = s.unit;
  const std::string form_en = s.form >= 0 ? "form " + FormLetter(s.form) + ": " : "";
  const std::string form_zh = s.form >= 0 ? "试卷 " + FormLetter(s.form) + "：" : "";
  const bool points = s.unit == "points";
  const std::string unit_en = points ? " points" : " items";
  const std::string unit_zh = points ? " 分" : " 题";
  if (s.constraint == "overlap") {
    sf.form = 0;
    sf.message = "forms " + s.label + " would have to share " + Fmt(sf.available) + " items; at most " +
                 Fmt(s.rhs) + " may be shared (" + Fmt(value) +
                 " too many): the bank has too few distinct items for these forms";
    sf.message_zh = "试卷 " + s.label + " 之间须共用 " + Fmt(sf.available) + " 道题，超过允许的 " +
                    Fmt(s.rhs) + " 道（多 " + Fmt(value) + " 道）：题库中不同的试题不足以组成这些试卷";
    return sf;
  }
  if (s.constraint == "expected_score") {
    sf.message = form_en + "the expected score would be " + Fmt(sf.available) + ", outside the band's " +
                 (s.shortage ? "minimum " : "maximum ") + Fmt(s.rhs) + " (by " + Fmt(value) + " points)";
    sf.message_zh = form_zh + "期望得分只能达到 " + Fmt(sf.available) + " 分，超出难度区间的" +
                    (s.shortage ? "下限 " : "上限 ") + Fmt(s.rhs) + " 分（相差 " + Fmt(value) + " 分）";
    return sf;
  }
  std::string what_en = s.label;
  if (s.constraint.rfind("function:", 0) == 0 || s.constraint.rfind("basic:", 0) == 0) {
    what_en = s.label + " (" + s.constraint + ")";
  } else if (s.constraint.rfind("type:", 0) == 0) {
    what_en = s.constraint.substr(5) + " (" + s.label + ")";
  } else {
    what_en = "work content " + s.label;
  }
  if (s.shortage) {
    sf.message = form_en + what_en + " reaches only " + Fmt(sf.available) + " of the required " + Fmt(s.rhs) +
                 unit_en + " (short by " + Fmt(value) +
                 "); the approved items cannot be combined to reach it without breaking another rule of " +
                 bp.Describe();
    sf.message_zh = form_zh + "“" + s.label + "”只能组到 " + Fmt(sf.available) + unit_zh + "，要求 " +
                    Fmt(s.rhs) + unit_zh + "（差 " + Fmt(value) + unit_zh +
                    "）；现有已审核试题在满足其他规则的前提下无法凑足";
  } else {
    sf.message = form_en + what_en + " would need " + Fmt(sf.available) + unit_en +
                 ", more than the allowed " + Fmt(s.rhs) + " (over by " + Fmt(value) + ")";
    sf.message_zh = form_zh + "“" + s.label + "”须达到 " + Fmt(sf.available) + unit_zh + "，超过允许的 " +
                    Fmt(s.rhs) + unit_zh + "（多 " + Fmt(value) + unit_zh + "）";
  }
  return sf;
}

}  // namespace

const char* ExposurePolicyName(ExposurePolicy p) {
  return p == ExposurePolicy::kPenalise ? "penalise" : "exclude";
}

Result<AssemblyOutcome> Assemble(const AssemblyRequest& req, const std::vector<Item>& bank_items,
                                 MipSolver& solver) {
  const Blueprint& bp = req.blueprint;
  if (req.forms < 1 || req.forms > 26) {
    return InvalidArgument("assembly.bad_request", "forms must be between 1 and 26",
                           "试卷套数必须在 1 到 26 之间");
  }
  if (req.max_overlap < 0) {
    return InvalidArgument("assembly.bad_request", "the overlap limit must be ≥ 0", "重复题数上限必须 ≥ 0");
  }
  if (!(req.time_limit_seconds > 0)) {
    return InvalidArgument("assembly.bad_request", "the time limit must be positive",
                           "求解时间上限必须大于 0");
  }
  KP_RETURN_IF_ERROR(CheckBlueprint(bp));

  AssemblyOutcome out;
  out.stats.solver = solver.name();
  Context ctx;
  ctx.req = &req;
  ctx.bp = &bp;
  ctx.info_mode = bp.difficulty.mode == TargetMode::kInformation;
  if (ctx.info_mode) {
    ctx.has_target = bp.difficulty.information_target.has_value();
    ctx.target_metric = bp.difficulty.information_target.value_or(0);
    ctx.target_band = kInfoBandRatio * ctx.target_metric;
  } else {
    ctx.has_target = true;
    ctx.target_metric = bp.difficulty.target_p * bp.total_points;
    ctx.target_band = kScoreBand;
  }

  // Latest version of each id.
  std::map<std::string, const Item*> latest;
  for (const auto& it : bank_items) {
    auto [pos, inserted] = latest.emplace(it.id, &it);
    if (!inserted && it.version > pos->second->version) pos->second = &it;
  }
  const std::set<std::string> recent(req.recently_used.begin(), req.recently_used.end());
  std::map<std::pair<int, std::string>, int> wc_index;
  for (const auto& r : bp.work_content_rules) {
    for (size_t fi = 0; fi < bp.functions.size(); ++fi) {
      const auto& f = bp.functions[fi];
      if (!r.function.empty() && r.function != f.target) continue;
      for (const auto& wc : f.work_contents) {
        if (!r.work_content.empty() && r.work_content != wc) continue;
        auto key = std::make_pair(static_cast<int>(fi), wc);
        auto found = wc_index.find(key);
        if (found == wc_index.end()) {
          wc_index[key] = static_cast<int>(ctx.wcs.size());
          ctx.wcs.push_back(WcKey{static_cast<int>(fi), wc, r.min_items, r.max_items});
        } else {
          WcKey& w = ctx.wcs[static_cast<size_t>(found->second)];
          w.min_items = std::max(w.min_items, r.min_items);
          if (r.max_items >= 0)
            w.max_items = w.max_items < 0 ? r.max_items : std::min(w.max_items, r.max_items);
        }
      }
    }
  }

  for (const auto& [id, item] : latest) {
    if (item->status != bank::ItemStatus::kApproved) continue;
    if (item->synthetic && !req.allow_synthetic) continue;
    const auto& al = item->alignment;
    if (al.standard != bp.standard || al.direction != bp.direction || al.exam_kind != bp.exam_kind) continue;
    if (std::find(al.levels.begin(), al.levels.end(), bp.level) == al.levels.end()) continue;
    int fi = -1, ti = -1;
    for (size_t i = 0; i < bp.functions.size(); ++i) {
      if (bp.functions[i].target == al.function) fi = static_cast<int>(i);
    }
    for (size_t i = 0; i < bp.types.size(); ++i) {
      if (bp.types[i].type == item->type) ti = static_cast<int>(i);
    }
    if (fi < 0 || ti < 0) continue;
    ++out.stats.pool;
    Cand c;
    c.item = item;
    c.f = fi;
    c.t = ti;
    c.exposed = recent.count(id) > 0;
    if (c.exposed && req.exposure_policy == ExposurePolicy::kExclude) {
      ++out.stats.excluded_by_exposure;
      continue;
    }
    auto w = wc_index.find({fi, al.work_content});
    c.wc = w == wc_index.end() ? -1 : w->second;
    c.q = bp.PaperPoints(*item);
    c.p = EffectiveP(item->difficulty).value_or(bp.difficulty.target_p);
    c.info = ItemInformation(item->difficulty, bp.difficulty.cut_theta, bp.difficulty.target_p);
    SeededRandom jitter(DeriveSeed(req.seed, Fnv1a(id)));
    const double u = jitter.UniformDouble();
    if (ctx.info_mode) {
      c.metric = c.info;
      c.cost = (ctx.has_target ? 0.0 : -c.info) + kJitter * c.q * u;
    } else {
      c.metric = c.q * c.p;
      c.cost = c.q * (kCloseness * std::fabs(c.p - bp.difficulty.target_p) + kJitter * u);
    }
    if (c.exposed) c.cost += req.exposure_penalty;
    ctx.cands.push_back(c);
  }
  {
    std::unordered_map<std::string, int> pos;
    for (size_t i = 0; i < ctx.cands.size(); ++i) pos[ctx.cands[i].item->id] = static_cast<int>(i);
    std::set<std::pair<int, int>> pairs;
    for (size_t i = 0; i < ctx.cands.size(); ++i) {
      for (const auto& e : ctx.cands[i].item->enemies) {
        auto j = pos.find(e);
        if (j == pos.end() || j->second == static_cast<int>(i)) continue;
        pairs.insert({std::min(static_cast<int>(i), j->second), std::max(static_cast<int>(i), j->second)});
      }
    }
    ctx.enemy_pairs.assign(pairs.begin(), pairs.end());
  }

  // ---- Supply check -----------------------------------------------------------------------
  const int forms = req.forms;
  const int k_overlap = req.max_overlap;
  const std::string exposure_en =
      out.stats.excluded_by_exposure > 0
          ? " (" + std::to_string(out.stats.excluded_by_exposure) + " recently used items excluded)"
          : "";
  const std::string exposure_zh =
      out.stats.excluded_by_exposure > 0
          ? "（已排除近期试卷用过的 " + std::to_string(out.stats.excluded_by_exposure) + " 道题）"
          : "";
  const std::string kind_zh = bp.subject_name;
  auto forms_note_en = [&](double per_form, const std::string& unit) {
    if (forms == 1) return std::string();
    return " for " + std::to_string(forms) + " forms (" + Fmt(per_form) + unit + " each, at most " +
           std::to_string(k_overlap) + " shared)";
  };
  auto forms_note_zh = [&](double per_form, const std::string& unit) {
    if (forms == 1) return std::string();
    return "（" + std::to_string(forms) + " 套试卷，每套 " + Fmt(per_form) + unit + "，两套之间至多共用 " +
           std::to_string(k_overlap) + " 题）";
  };
  for (size_t fi = 0; fi < bp.functions.size(); ++fi) {
    const FunctionTarget& f = bp.functions[fi];
    double have = 0, max_q = 0;
    for (const auto& c : ctx.cands) {
      if (c.f != static_cast<int>(fi)) continue;
      have += c.q;
      max_q = std::max(max_q, c.q);
    }
    const double need = UnionNeed(f.points, std::max(max_q, 1.0), forms, k_overlap);
    if (have + kEps < need) {
      Shortfall s;
      s.constraint = f.target;
      s.label = f.label;
      s.stage = "supply";
      s.needed = need;
      s.available = have;
      s.short_by = need - have;
      s.unit = "points";
      s.message = bp.level + " (" + bp.level_name + ") " + f.label + " (" + f.target + ") needs " +
                  Fmt(need) + " points of approved " + bp.exam_kind + " items" +
                  forms_note_en(f.points, " points") + "; the bank has " + Fmt(have) + exposure_en;
      s.message_zh = bp.level_name + " " + f.label + " 需要 " + Fmt(need) + " 分的已审核" + kind_zh + "试题" +
                     forms_note_zh(f.points, " 分") + "，题库中只有 " + Fmt(have) + " 分" + exposure_zh;
      out.shortfalls.push_back(std::move(s));
    }
  }
  for (size_t ti = 0; ti < bp.types.size(); ++ti) {
    const TypeRule& t = bp.types[ti];
    int have = 0;
    for (const auto& c : ctx.cands) have += c.t == static_cast<int>(ti);
    const double need = UnionNeed(t.min_count, 1, forms, k_overlap);
    if (have + kEps < need) {
      Shortfall s;
      s.constraint = std::string("type:") + bank::ItemTypeName(t.type);
      s.label = bank::ItemTypeLabelZh(t.type);
      s.stage = "supply";
      s.needed = need;
      s.available = have;
      s.short_by = need - have;
      s.unit = "items";
      s.message = bp.level + " (" + bp.level_name + ") " + bp.exam_kind + " needs " + Fmt(need) +
                  " approved " + bank::ItemTypeName(t.type) + " items" +
                  forms_note_en(t.min_count, " items") + "; the bank has " + std::to_string(have) +
                  exposure_en;
      s.message_zh = bp.level_name + " " + kind_zh + "需要 " + Fmt(need) + " 道已审核的" +
                     bank::ItemTypeLabelZh(t.type) + "题" + forms_note_zh(t.min_count, " 题") +
                     "，题库中只有 " + std::to_string(have) + " 道" + exposure_zh;
      out.shortfalls.push_back(std::move(s));
    }
  }
  for (size_t wi = 0; wi < ctx.wcs.size(); ++wi) {
    const WcKey& w = ctx.wcs[wi];
    if (w.min_items <= 0) continue;
    int have = 0;
    for (const auto& c : ctx.cands) have += c.wc == static_cast<int>(wi);
    const double need = UnionNeed(w.min_items, 1, forms, k_overlap);
    if (have + kEps < need) {
      const FunctionTarget& f = bp.functions[static_cast<size_t>(w.f)];
      Shortfall s;
      s.constraint = "work_content:" + f.target + "/" + w.wc;
      s.label = f.label + " " + w.wc;
      s.stage = "supply";
      s.needed = need;
      s.available = have;
      s.short_by = need - have;
      s.unit = "items";
      s.message = bp.level + " (" + bp.level_name + ") " + f.label + " work content " + w.wc + " needs " +
                  Fmt(need) + " approved items" + forms_note_en(w.min_items, " items") + "; the bank has " +
                  std::to_string(have) + exposure_en;
      s.message_zh = bp.level_name + " " + f.label + " 工作内容 " + w.wc + " 需要 " + Fmt(need) +
                     " 道已审核试题" + forms_note_zh(w.min_items, " 题") + "，题库中只有 " +
                     std::to_string(have) + " 道" + exposure_zh;
      out.shortfalls.push_back(std::move(s));
    }
  }
  if (!out.shortfalls.empty()) {
    out.stats.status = "supply_short";
    return out;
  }

  // ---- Prefilter ---------------------------------------------------------------------------
  std::vector<int> all(ctx.cands.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  std::vector<int> reduced = all;
  if (req.max_candidates_per_cell > 0) {
    std::map<std::pair<int, int>, std::vector<int>> cells;
    for (int i : all)
      cells[{ctx.cands[static_cast<size_t>(i)].f, ctx.cands[static_cast<size_t>(i)].t}].push_back(i);
    std::vector<char> keep(ctx.cands.size(), 0);
    for (auto& [cell, list] : cells) {
      const FunctionTarget& f = bp.functions[static_cast<size_t>(cell.first)];
      const TypeRule& t = bp.types[static_cast<size_t>(cell.second)];
      double min_q = 1e9;
      for (int i : list) min_q = std::min(min_q, ctx.cands[static_cast<size_t>(i)].q);
      const int need = std::min(t.max_count, static_cast<int>(std::ceil(f.points / std::max(min_q, 0.01))));
      const size_t limit = static_cast<size_t>(std::max(req.max_candidates_per_cell, 2 * forms * need));
      std::stable_sort(list.begin(), list.end(), [&](int a, int b) {
        return ctx.cands[static_cast<size_t>(a)].cost < ctx.cands[static_cast<size_t>(b)].cost;
      });
      for (size_t r = 0; r < list.size() && r < limit; ++r) keep[static_cast<size_t>(list[r])] = 1;
    }
    // Work-content rules keep enough of their items.
    for (size_t wi = 0; wi < ctx.wcs.size(); ++wi) {
      const int want = 2 * forms * std::max(ctx.wcs[wi].min_items, 1);
      int have = 0;
      for (int i : all)
        have += keep[static_cast<size_t>(i)] && ctx.cands[static_cast<size_t>(i)].wc == static_cast<int>(wi);
      std::vector<int> extra;
      for (int i : all) {
        if (!keep[static_cast<size_t>(i)] && ctx.cands[static_cast<size_t>(i)].wc == static_cast<int>(wi))
          extra.push_back(i);
      }
      std::stable_sort(extra.begin(), extra.end(), [&](int a, int b) {
        return ctx.cands[static_cast<size_t>(a)].cost < ctx.cands[static_cast<size_t>(b)].cost;
      });
      for (size_t r = 0; r < extra.size() && have < want; ++r, ++have)
        keep[static_cast<size_t>(extra[r])] = 1;
    }
    reduced.clear();
    for (int i : all) {
      if (keep[static_cast<size_t>(i)]) reduced.push_back(i);
    }
  }
  out.stats.prefiltered = reduced.size() < all.size();

  // ---- Solve -------------------------------------------------------------------------------
  const auto start = std::chrono::steady_clock::now();
  auto remaining = [&] {
    double used = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return std::max(0.5, req.time_limit_seconds - used);
  };
  MipOptions opts;
  opts.seed = req.seed;
  // Stop within 2 % (or 0.05 absolute) of the proven bound: the objective's fine structure is
  // the seeded perturbation, so closing the last fraction of a percent buys nothing and costs
  // seconds on parallel forms. Deterministic, unlike a time limit.
  opts.relative_gap = 0.02;
  opts.absolute_gap = 0.05;
  auto solve = [&](const Model& m) -> Result<MipSolution> {
    opts.time_limit_seconds = remaining();
    out.stats.candidates = static_cast<int>(m.members.size());
    out.stats.variables = m.mip.num_vars();
    out.stats.rows = static_cast<int>(m.mip.rows.size());
    out.stats.nonzeros = m.mip.num_nonzeros();
    ++out.stats.solves;
    KP_ASSIGN_OR_RETURN(MipSolution s, solver.Solve(m.mip, opts));
    out.stats.seconds += s.seconds;
    out.stats.status = MipStatusName(s.status);
    out.stats.objective = s.objective;
    return s;
  };
  auto has_solution = [](const MipSolution& s) {
    return s.status == MipStatus::kOptimal || s.status == MipStatus::kFeasible;
  };

  // Attempts, cheapest first: the prefiltered model, then the full one; within each, forms with
  // no shared item, then (K > 0) at most K extra uses in total, then (K > 0, ≥ 3 forms) the exact
  // pairwise limit. The first attempt with a solution wins, so forms share items only when they
  // must — less sharing is never worse for security.
  std::vector<OverlapMode> modes{OverlapMode::kDisjoint};
  if (forms > 1 && k_overlap > 0 && k_overlap < MaxItemsPerForm(bp)) {
    modes.push_back(OverlapMode::kCompact);
    if (forms > 2) modes.push_back(OverlapMode::kPairwise);
  }
  if (forms == 1 || k_overlap >= MaxItemsPerForm(bp))
    modes = {OverlapMode::kPairwise};  // no overlap rows at all
  std::vector<const std::vector<int>*> pools{&reduced};
  if (out.stats.prefiltered) pools.push_back(&all);
  Model model;
  MipSolution sol;
  bool solved = false;
  for (size_t pi = 0; pi < pools.size() && !solved; ++pi) {
    for (OverlapMode mode : modes) {
      model = BuildModel(ctx, *pools[pi], false, mode);
      out.stats.full_model = pi > 0;
      KP_ASSIGN_OR_RETURN(sol, solve(model));
      if (has_solution(sol)) {
        solved = true;
        break;
      }
    }
  }
  if (!has_solution(sol)) {
    // Explain: the elastic model relaxes every blueprint constraint with penalised slack.
    const bool timed_out = sol.status == MipStatus::kNoSolution;
    Model elastic = BuildModel(ctx, all, true, forms > 2 ? OverlapMode::kPairwise : OverlapMode::kCompact);
    KP_ASSIGN_OR_RETURN(MipSolution es, solve(elastic));
    bool any_slack = false;
    if (has_solution(es)) {
      for (const auto& s : elastic.slacks) {
        double v = es.values[static_cast<size_t>(s.var)];
        if (v > 1e-6) {
          any_slack = true;
          out.shortfalls.push_back(SlackShortfall(s, v, bp));
        }
      }
    }
    if (has_solution(es) && !any_slack) {
      // The elastic model found a paper the strict one had no time for: use it.
      model = std::move(elastic);
      sol = std::move(es);
    } else {
      if (!any_slack) {
        Shortfall s;
        s.constraint = timed_out ? "time_limit" : "enemies";
        s.stage = "solve";
        s.unit = "items";
        if (timed_out) {
          s.message = "no paper was found within the time limit of " + Fmt(req.time_limit_seconds) +
                      " s; allow more time";
          s.message_zh = "在 " + Fmt(req.time_limit_seconds) + " 秒内未能组出试卷，请放宽求解时间";
        } else {
          s.message = "the enemy pairs among the candidate items leave no valid combination";
          s.message_zh = "候选试题之间的互斥关系使得无法组出满足要求的试卷";
        }
        out.shortfalls.push_back(std::move(s));
      }
      out.stats.status = "infeasible";
      return out;
    }
  }

  // ---- Papers ------------------------------------------------------------------------------
  std::string prefix = req.paper_id_prefix;
  if (prefix.empty()) {
    prefix = bp.standard + "-" + bp.level + (bp.direction.empty() ? "" : "-" + bp.direction) + "-" +
             bp.exam_kind + "-s" + std::to_string(req.seed);
  }
  std::map<bank::ItemRef, const Item*> by_ref;
  for (int k = 0; k < forms; ++k) {
    bank::Paper paper;
    paper.id = prefix + "-" + std::string(1, static_cast<char>('a' + k));
    paper.title =
        (req.title.empty() ? bp.DescribeZh() : req.title) + (forms > 1 ? " " + FormLetter(k) + " 卷" : "");
    paper.standard = bp.standard;
    paper.direction = bp.direction;
    paper.level = bp.level;
    paper.exam_kind = bp.exam_kind;
    paper.duration_minutes = bp.duration_minutes;
    paper.total_points = bp.total_points;
    paper.seed = req.seed;
    paper.created_by = req.created_by;
    paper.created_ms = req.created_ms;
    std::vector<const Cand*> chosen;
    for (size_t j = 0; j < model.members.size(); ++j) {
      if (sol.values[static_cast<size_t>(model.x[static_cast<size_t>(k)][j])] > 0.5) {
        chosen.push_back(&ctx.cands[static_cast<size_t>(model.members[j])]);
      }
    }
    std::stable_sort(chosen.begin(), chosen.end(), [](const Cand* a, const Cand* b) {
      if (a->t != b->t) return a->t < b->t;
      if (a->f != b->f) return a->f < b->f;
      if (a->item->alignment.work_content != b->item->alignment.work_content) {
        return a->item->alignment.work_content < b->item->alignment.work_content;
      }
      return a->item->id < b->item->id;
    });
    for (size_t ti = 0; ti < bp.types.size(); ++ti) {
      const TypeRule& t = bp.types[ti];
      bool any = std::any_of(chosen.begin(), chosen.end(),
                             [&](const Cand* c) { return c->t == static_cast<int>(ti); });
      if (!any) continue;
      bank::PaperSection sec;
      sec.id = bank::ItemTypeName(t.type);
      sec.title = t.title;
      sec.shuffle_items = true;
      sec.shuffle_options = t.type == ItemType::kSingleChoice || t.type == ItemType::kMultipleChoice;
      paper.sections.push_back(std::move(sec));
    }
    for (const Cand* c : chosen) {
      bank::PaperItem pi;
      pi.item_id = c->item->id;
      pi.item_version = c->item->version;
      pi.section = bank::ItemTypeName(c->item->type);
      pi.points = c->q;
      pi.function = c->item->alignment.function;
      paper.items.push_back(std::move(pi));
      by_ref[bank::ItemRef{c->item->id, c->item->version}] = c->item;
    }
    out.papers.push_back(std::move(paper));
  }
  // Independent re-check: the papers, not the solver's word, decide.
  for (const auto& p : out.papers) {
    FormCoverage cov = ComputeCoverage(bp, p, by_ref);
    if (!cov.exact) {
      std::string v;
      for (const auto& s : cov.violations) v += "\n  " + s;
      return Internal("assembly.inexact", "assembled paper " + p.id + " does not meet its blueprint:" + v,
                      "组出的试卷 " + p.id + " 不符合蓝图");
    }
    out.coverage.push_back(std::move(cov));
  }
  out.shared = SharedItems(out.papers);
  for (size_t i = 0; i < out.shared.size(); ++i) {
    for (size_t j = i + 1; j < out.shared.size(); ++j) {
      if (out.shared[i][j] > k_overlap) {
        return Internal("assembly.inexact",
                        "forms share " + std::to_string(out.shared[i][j]) + " items, more than " +
                            std::to_string(k_overlap),
                        "试卷之间重复题数超过上限");
      }
    }
  }
  out.feasible = true;
  return out;
}

Status InfeasibleStatus(const AssemblyOutcome& outcome) {
  if (outcome.feasible) return Status();
  bool supply =
      !outcome.shortfalls.empty() && std::all_of(outcome.shortfalls.begin(), outcome.shortfalls.end(),
                                                 [](const Shortfall& s) { return s.stage == "supply"; });
  std::string en = supply ? "the bank cannot supply these papers:" : "no paper meets every rule:";
  std::string zh = supply ? "题库中的试题不足以组成试卷：" : "无法组出满足全部规则的试卷：";
  for (const auto& s : outcome.shortfalls) {
    en += "\n  " + s.message;
    zh += "\n  " + s.message_zh;
  }
  return FailedPrecondition(supply ? "assembly.supply_short" : "assembly.infeasible", en, zh);
}

}  // namespace kaoping::assembly
