#include "core/assembly/coverage.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace kaoping::assembly {

namespace {
constexpr double kD = 1.7;
constexpr double kEps = 1e-6;

double P3(double a, double b, double c, double theta) {
  return c + (1 - c) / (1 + std::exp(-kD * a * (theta - b)));
}

std::string Fmt(double v) {
  if (std::fabs(v - std::round(v)) < 1e-9) return std::to_string(static_cast<long long>(std::llround(v)));
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.2f", v);
  return buf;
}
}  // namespace

std::optional<double> EffectiveP(const bank::Difficulty& d) {
  if (d.p) return *d.p;
  if (d.a && d.b) return P3(*d.a, *d.b, d.c.value_or(0), 0.0);
  return std::nullopt;
}

double ItemInformation(const bank::Difficulty& d, double theta, double fallback_p) {
  double a = 1, b = 0, c = 0;
  if (d.a && d.b) {
    a = *d.a;
    b = *d.b;
    c = d.c.value_or(0);
  } else {
    double p = std::clamp(d.p.value_or(fallback_p), 0.01, 0.99);
    b = -std::log(p / (1 - p)) / kD;
  }
  double p = P3(a, b, c, theta);
  double q = 1 - p;
  if (p <= 0 || q <= 0) return 0;
  double r = (p - c) / (1 - c);
  return kD * kD * a * a * (q / p) * r * r;
}

FormCoverage ComputeCoverage(const Blueprint& bp, const bank::Paper& paper,
                             const std::map<bank::ItemRef, const bank::Item*>& items) {
  FormCoverage cov;
  cov.paper_id = paper.id;
  for (const auto& f : bp.functions)
    cov.functions.push_back(FunctionCoverage{f.target, f.label, f.points, 0, 0});
  for (const auto& t : bp.types) cov.types.push_back(TypeCoverage{t.type, t.min_count, t.max_count, 0, 0});
  std::map<std::pair<std::string, std::string>, WorkContentCoverage> wcs;
  for (const auto& f : bp.functions) {
    for (const auto& wc : f.work_contents) wcs[{f.target, wc}] = WorkContentCoverage{f.target, wc, 0, 0, -1};
  }
  for (const auto& r : bp.work_content_rules) {
    for (auto& [key, w] : wcs) {
      if ((!r.function.empty() && r.function != key.first) ||
          (!r.work_content.empty() && r.work_content != key.second))
        continue;
      w.min_items = std::max(w.min_items, r.min_items);
      if (r.max_items >= 0) w.max_items = w.max_items < 0 ? r.max_items : std::min(w.max_items, r.max_items);
    }
  }

  for (const auto& pi : paper.items) {
    ++cov.items;
    cov.total_points += pi.points;
    auto it = items.find(bank::ItemRef{pi.item_id, pi.item_version});
    const bank::Item* item = it == items.end() ? nullptr : it->second;
    if (!item) {
      ++cov.missing_items;
      cov.violations.push_back("item " + pi.item_id + " v" + std::to_string(pi.item_version) +
                               " was not supplied");
      continue;
    }
    // Count by what the item is, not by what the paper entry claims.
    const std::string& target = item->alignment.function;
    bool known_target = false;
    for (auto& f : cov.functions) {
      if (f.target == target) {
        f.points += pi.points;
        ++f.items;
        known_target = true;
      }
    }
    if (!known_target)
      cov.violations.push_back("item " + item->id + " counts towards " + target +
                               ", which the blueprint does not examine");
    if (pi.function != target)
      cov.violations.push_back("paper entry of " + item->id + " names " + pi.function + " but the item is " +
                               target);
    bool known_type = false;
    for (auto& t : cov.types) {
      if (t.type == item->type) {
        ++t.count;
        t.points += pi.points;
        known_type = true;
      }
    }
    if (!known_type)
      cov.violations.push_back("item " + item->id + " is a " + bank::ItemTypeName(item->type) +
                               ", not in the template");
    if (const TypeRule* rule = bp.FindType(item->type);
        rule && rule->points_each > 0 && std::fabs(rule->points_each - pi.points) > kEps) {
      cov.violations.push_back("item " + item->id + " carries " + Fmt(pi.points) +
                               " points; the template gives " + Fmt(rule->points_each));
    }
    if (!item->alignment.work_content.empty()) {
      auto w = wcs.find({target, item->alignment.work_content});
      if (w == wcs.end()) {
        wcs[{target, item->alignment.work_content}] =
            WorkContentCoverage{target, item->alignment.work_content, 1, 0, -1};
      } else {
        ++w->second.items;
      }
    }
    std::optional<double> p = EffectiveP(item->difficulty);
    if (!p) ++cov.items_without_difficulty;
    if (item->difficulty.a && item->difficulty.b) ++cov.items_with_irt;
    cov.expected_score += pi.points * p.value_or(bp.difficulty.target_p);
    cov.information += ItemInformation(item->difficulty, bp.difficulty.cut_theta, bp.difficulty.target_p);
  }
  cov.mean_p = cov.total_points > 0 ? cov.expected_score / cov.total_points : 0;
  for (const auto& [key, w] : wcs) {
    if (w.items > 0 || w.min_items > 0) cov.work_contents.push_back(w);
  }

  for (const auto& f : cov.functions) {
    if (std::fabs(f.points - f.target_points) > kEps) {
      cov.violations.push_back(f.target + " " + f.label + ": " + Fmt(f.points) + " of " +
                               Fmt(f.target_points) + " points");
    }
  }
  for (const auto& t : cov.types) {
    if (t.count < t.min_count || t.count > t.max_count) {
      cov.violations.push_back(std::string(bank::ItemTypeName(t.type)) + ": " + std::to_string(t.count) +
                               " items, needs " + std::to_string(t.min_count) +
                               (t.max_count != t.min_count ? "–" + std::to_string(t.max_count) : ""));
    }
  }
  for (const auto& w : cov.work_contents) {
    if (w.items < w.min_items || (w.max_items >= 0 && w.items > w.max_items)) {
      cov.violations.push_back(w.function + "/" + w.work_content + ": " + std::to_string(w.items) +
                               " items, rule " + std::to_string(w.min_items) + ".." +
                               (w.max_items < 0 ? std::string("") : std::to_string(w.max_items)));
    }
  }
  if (std::fabs(cov.total_points - bp.total_points) > kEps) {
    cov.violations.push_back("total " + Fmt(cov.total_points) + " of " + Fmt(bp.total_points) + " points");
  }
  {
    std::set<std::string> ids;
    for (const auto& pi : paper.items) {
      if (!ids.insert(pi.item_id).second) cov.violations.push_back("item " + pi.item_id + " appears twice");
    }
  }
  {
    // Enemies never share a paper (in either direction of the enemy list).
    std::set<std::string> on_paper;
    for (const auto& pi : paper.items) on_paper.insert(pi.item_id);
    for (const auto& pi : paper.items) {
      auto it = items.find(bank::ItemRef{pi.item_id, pi.item_version});
      if (it == items.end() || !it->second) continue;
      for (const auto& e : it->second->enemies) {
        if (on_paper.count(e) && pi.item_id < e)
          cov.violations.push_back("enemies " + pi.item_id + " and " + e + " share the paper");
        if (on_paper.count(e) && pi.item_id > e) {
          // Reported once when the other item lists this one too; otherwise report here.
          auto other = std::find_if(paper.items.begin(), paper.items.end(),
                                    [&](const bank::PaperItem& x) { return x.item_id == e; });
          auto oit = items.find(bank::ItemRef{other->item_id, other->item_version});
          bool listed_back = oit != items.end() && oit->second &&
                             std::find(oit->second->enemies.begin(), oit->second->enemies.end(),
                                       pi.item_id) != oit->second->enemies.end();
          if (!listed_back)
            cov.violations.push_back("enemies " + e + " and " + pi.item_id + " share the paper");
        }
      }
    }
  }
  cov.exact = cov.violations.empty();
  return cov;
}

std::vector<std::vector<int>> SharedItems(const std::vector<bank::Paper>& papers) {
  std::vector<std::set<std::string>> sets;
  for (const auto& p : papers) {
    std::set<std::string> s;
    for (const auto& i : p.items) s.insert(i.item_id);
    sets.push_back(std::move(s));
  }
  std::vector<std::vector<int>> out(papers.size(), std::vector<int>(papers.size(), 0));
  for (size_t i = 0; i < sets.size(); ++i) {
    for (size_t j = i + 1; j < sets.size(); ++j) {
      int n = 0;
      for (const auto& id : sets[i]) n += static_cast<int>(sets[j].count(id));
      out[i][j] = out[j][i] = n;
    }
  }
  return out;
}

}  // namespace kaoping::assembly
