#include "core/scoring/capability.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "base/utf8.h"
#include "core/scoring/numbers.h"

namespace kaoping::scoring {
namespace {

using standards::Localized;

// The display name of a weight-table target at (level, direction).
std::string TargetName(const standards::Pack& pack, const std::string& level, const std::string& direction,
                       const std::string& target) {
  if (target.empty()) return "未归类";
  auto colon = target.find(':');
  if (colon == std::string::npos) return target;
  const std::string kind = target.substr(0, colon);
  const std::string id = target.substr(colon + 1);
  if (kind == "function") {
    auto in_block = [&](const standards::WorkRequirementBlock* b) -> std::string {
      if (!b) return {};
      for (const auto& f : b->functions) {
        if (f.id == id) return f.name;
      }
      return {};
    };
    if (std::string n = in_block(pack.FindWork(level, direction)); !n.empty()) return n;
    for (const auto& b : pack.work_requirements) {
      if (b.direction == direction) {
        if (std::string n = in_block(&b); !n.empty()) return n;
      }
    }
    for (const auto& b : pack.work_requirements) {
      if (std::string n = in_block(&b); !n.empty()) return n;
    }
  } else if (kind == "basic") {
    for (const auto& b : pack.basic_requirements) {
      if (b.id == id) return b.name;
    }
  } else if (kind == "dimension") {
    for (const auto& d : pack.dimensions) {
      if (d.id == id) return d.name;
    }
  }
  return target;
}

// The weight-table target a requirement line belongs to.
std::string RequirementTarget(const standards::Requirement& q, const std::string& fallback) {
  if (!q.function_id.empty()) return "function:" + q.function_id;
  if (!q.basic_id.empty()) return "basic:" + q.basic_id;
  if (!q.dimension.empty()) return "dimension:" + q.dimension;
  return fallback;
}

double Percent(double earned, double possible) {
  return possible > 0 ? earned * 100 / possible : 0;
}

// Sort key that treats values within a millionth as equal (a strict weak ordering, unlike a
// tolerance comparison).
long long Key(double v) {
  return std::llround(v * 1e6);
}

std::string EnLabel(const std::string& name, const std::string& key) {
  return "“" + name + "” (" + (key.empty() ? "unassigned" : key) + ")";
}

std::string Suggestion(const RequirementEvidence& r) {
  return r.id + " " + TruncateUtf8(r.text, kSuggestionTextMax);
}

std::string JoinStr(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

}  // namespace

Status ValidateThresholds(const ProfileThresholds& t) {
  if (!std::isfinite(t.weak) || !std::isfinite(t.strong) || t.weak < 0 || t.strong > 100 ||
      t.weak > t.strong) {
    return InvalidArgument("profile.bad_thresholds",
                           "thresholds must satisfy 0 ≤ weak ≤ strong ≤ 100 (weak " + FormatNumber(t.weak) +
                               ", strong " + FormatNumber(t.strong) + ")",
                           "阈值须满足 0 ≤ 薄弱线 ≤ 优势线 ≤ 100（薄弱线 " + FormatNumber(t.weak) +
                               "，优势线 " + FormatNumber(t.strong) + "）");
  }
  return Status::Ok();
}

const char* ProficiencyName(Proficiency p) {
  switch (p) {
    case Proficiency::kStrong:
      return "strong";
    case Proficiency::kAdequate:
      return "adequate";
    case Proficiency::kWeak:
      return "weak";
  }
  return "adequate";
}

const char* ProficiencyLabelZh(Proficiency p) {
  switch (p) {
    case Proficiency::kStrong:
      return "优势项";
    case Proficiency::kAdequate:
      return "达标项";
    case Proficiency::kWeak:
      return "薄弱项";
  }
  return "达标项";
}

Proficiency Classify(double percent, const ProfileThresholds& t) {
  if (Reaches(percent, t.strong)) return Proficiency::kStrong;
  if (!Reaches(percent, t.weak)) return Proficiency::kWeak;
  return Proficiency::kAdequate;
}

Result<std::vector<ItemEvidence>> EvidenceFromPaper(const bank::Paper& paper,
                                                    const std::vector<bank::Item>& items,
                                                    const PaperScore& score) {
  std::map<bank::ItemRef, const bank::Item*> index;
  for (const auto& it : items) index[bank::ItemRef{it.id, it.version}] = &it;
  std::vector<ItemEvidence> out;
  for (const auto& s : score.items) {
    if (s.outcome == Outcome::kPendingHuman) continue;
    auto it = index.find(bank::ItemRef{s.item_id, s.item_version});
    if (it == index.end()) {
      return NotFound("scoring.item_missing",
                      "item " + s.item_id + " v" + std::to_string(s.item_version) + " of paper '" + paper.id +
                          "' was not supplied",
                      "未提供试卷“" + paper.id + "”中的试题 " + s.item_id + "（第 " +
                          std::to_string(s.item_version) + " 版）");
    }
    out.push_back(
        ItemEvidence{s.item_id, s.function, it->second->alignment.requirements, s.earned, s.possible});
  }
  return out;
}

std::vector<ItemEvidence> EvidenceFromDecision(const LevelDecision& decision) {
  std::vector<ItemEvidence> out;
  for (const auto& s : decision.subjects) {
    if (!s.counted || !s.score) continue;
    const std::string key = s.dimension.empty() ? "subject:" + s.subject : "dimension:" + s.dimension;
    out.push_back(ItemEvidence{key, key, {}, *s.score, s.max_score});
  }
  return out;
}

Result<CapabilityProfile> BuildCapabilityProfile(const standards::Pack& pack, const std::string& person,
                                                 const std::string& level, const std::string& direction,
                                                 const std::vector<ItemEvidence>& evidence,
                                                 const ProfileThresholds& thresholds) {
  KP_RETURN_IF_ERROR(ValidateThresholds(thresholds));
  if (!level.empty() && !pack.FindLevel(level)) {
    return NotFound("profile.unknown_level", "standard '" + pack.id + "' has no level '" + level + "'",
                    "标准“" + pack.id + "”没有等级“" + level + "”");
  }
  if (!direction.empty() && !pack.FindDirection(direction)) {
    return NotFound("profile.unknown_direction",
                    "standard '" + pack.id + "' has no direction '" + direction + "'",
                    "标准“" + pack.id + "”没有方向“" + direction + "”");
  }
  if (evidence.empty()) {
    return InvalidArgument("profile.no_evidence", "no scored items to build a profile from",
                           "没有可用于生成能力画像的得分");
  }

  CapabilityProfile p;
  p.person = person;
  p.standard = pack.id;
  p.level = level;
  p.direction = direction;
  p.thresholds = thresholds;
  std::map<std::string, std::size_t> fidx;
  std::map<std::string, std::size_t> ridx;
  for (const auto& e : evidence) {
    if (!std::isfinite(e.possible) || e.possible <= 0 || !std::isfinite(e.earned) || e.earned < 0 ||
        e.earned > e.possible + kScoreEpsilon) {
      return InvalidArgument("profile.bad_evidence",
                             "item '" + e.item_id + "': earned " + FormatNumber(e.earned) + " of " +
                                 FormatNumber(e.possible) + " is not a valid score",
                             "试题“" + e.item_id + "”的得分 " + FormatNumber(e.earned) + "/" +
                                 FormatNumber(e.possible) + " 无效");
    }
    auto [fit, fnew] = fidx.emplace(e.function, p.functions.size());
    if (fnew)
      p.functions.push_back(
          FunctionProfile{.function = e.function, .name = TargetName(pack, level, direction, e.function)});
    FunctionProfile& f = p.functions[fit->second];
    ++f.items;
    f.earned += e.earned;
    f.possible += e.possible;

    for (const auto& path : e.requirements) {
      const standards::Requirement* q = pack.FindRequirement(path);
      if (!q) {
        return NotFound("profile.unknown_requirement",
                        "standard '" + pack.id + "' has no requirement '" + path + "'",
                        "标准“" + pack.id + "”中没有能力要求“" + path + "”");
      }
      auto [rit, rnew] = ridx.emplace(path, p.requirements.size());
      if (rnew) {
        RequirementEvidence r;
        r.path = path;
        r.id = q->id;
        r.text = q->text;
        r.function = RequirementTarget(*q, e.function);
        p.requirements.push_back(std::move(r));
      }
      RequirementEvidence& r = p.requirements[rit->second];
      if (std::find(r.items.begin(), r.items.end(), e.item_id) == r.items.end()) r.items.push_back(e.item_id);
      r.earned += e.earned;
      r.possible += e.possible;
    }
  }
  for (auto& f : p.functions) {
    f.percent = Percent(f.earned, f.possible);
    f.proficiency = Classify(f.percent, thresholds);
  }
  for (auto& r : p.requirements) {
    r.percent = Percent(r.earned, r.possible);
    r.proficiency = Classify(r.percent, thresholds);
  }

  for (const auto& f : p.functions) {
    const std::string pct = FormatPercent(f.percent) + "%";
    const std::string en = EnLabel(f.name, f.function);
    if (f.proficiency == Proficiency::kStrong) {
      p.sentences.push_back({"「" + f.name + "」得分率 " + pct + "，属于优势项。",
                             en + ": " + pct + " of the points — a strength."});
      continue;
    }
    if (f.proficiency == Proficiency::kAdequate) {
      p.sentences.push_back({"「" + f.name + "」得分率 " + pct + "，达到要求。",
                             en + ": " + pct + " of the points — adequate."});
      continue;
    }
    // Weak: suggest the weakest requirements of this function (weak ones first; if none is
    // individually weak, the lowest ones).
    std::vector<const RequirementEvidence*> mine;
    for (const auto& r : p.requirements) {
      if (r.function == f.function) mine.push_back(&r);
    }
    std::stable_sort(mine.begin(), mine.end(),
                     [](const auto* a, const auto* b) { return Key(a->percent) < Key(b->percent); });
    std::vector<std::string> picks;
    for (const auto* r : mine) {
      if (static_cast<int>(picks.size()) == kMaxSuggestions) break;
      if (r->proficiency == Proficiency::kWeak) picks.push_back(Suggestion(*r));
    }
    if (picks.empty()) {
      for (const auto* r : mine) {
        if (static_cast<int>(picks.size()) == kMaxSuggestions) break;
        picks.push_back(Suggestion(*r));
      }
    }
    std::string zh = "「" + f.name + "」得分率 " + pct + "，属于薄弱项。";
    std::string e = en + ": " + pct + " of the points — a weak area.";
    if (!picks.empty()) {
      zh += "建议加强：" + JoinStr(picks, "；");
      e += " Work on: " + JoinStr(picks, "; ");
    }
    p.sentences.push_back({std::move(zh), std::move(e)});
  }
  return p;
}

Result<OrgAggregate> AggregateProfiles(const standards::Pack& pack,
                                       const std::vector<CapabilityProfile>& profiles,
                                       const AggregateOptions& options) {
  KP_RETURN_IF_ERROR(ValidateThresholds(options.thresholds));
  if (profiles.empty()) {
    return InvalidArgument("profile.no_profiles", "no profiles to aggregate", "没有可汇总的能力画像");
  }
  if (!std::isfinite(options.target_percent) || options.target_percent <= 0 || options.target_percent > 100 ||
      options.top_n < 0) {
    return InvalidArgument("profile.bad_target", "the target must be a percentage in (0, 100] and top_n ≥ 0",
                           "目标得分率应在 0 到 100 之间（不含 0），且 top_n 不小于 0");
  }
  const standards::Level* target = nullptr;
  if (!options.target_level.empty()) {
    target = pack.FindLevel(options.target_level);
    if (!target) {
      return NotFound("profile.unknown_level",
                      "standard '" + pack.id + "' has no level '" + options.target_level + "'",
                      "标准“" + pack.id + "”没有等级“" + options.target_level + "”");
    }
  }
  for (const auto& p : profiles) {
    if (p.standard != pack.id) {
      return InvalidArgument(
          "profile.mixed_standards",
          "profile of '" + p.person + "' is for standard '" + p.standard + "', not '" + pack.id + "'",
          "“" + p.person + "”的能力画像属于标准“" + p.standard + "”，而非“" + pack.id + "”");
    }
  }
  const ProfileThresholds& t = options.thresholds;

  OrgAggregate agg;
  agg.standard = pack.id;
  agg.people = static_cast<int>(profiles.size());
  agg.target_level = options.target_level;

  std::map<std::string, std::size_t> fidx;
  std::map<std::string, double> fsum;
  std::map<std::string, std::size_t> ridx;
  std::map<std::string, double> rsum;
  for (const auto& p : profiles) {
    for (const auto& f : p.functions) {
      auto [it, fresh] = fidx.emplace(f.function, agg.functions.size());
      if (fresh) {
        FunctionAggregate a;
        a.function = f.function;
        a.name = f.name;
        a.min_percent = f.percent;
        a.max_percent = f.percent;
        a.histogram.assign(10, 0);
        agg.functions.push_back(std::move(a));
      }
      FunctionAggregate& a = agg.functions[it->second];
      ++a.people;
      fsum[f.function] += f.percent;
      a.min_percent = std::min(a.min_percent, f.percent);
      a.max_percent = std::max(a.max_percent, f.percent);
      switch (Classify(f.percent, t)) {
        case Proficiency::kStrong:
          ++a.strong;
          break;
        case Proficiency::kAdequate:
          ++a.adequate;
          break;
        case Proficiency::kWeak:
          ++a.weak;
          break;
      }
      int bin = static_cast<int>(std::floor((f.percent + kScoreEpsilon) / 10));
      a.histogram[static_cast<std::size_t>(std::clamp(bin, 0, 9))]++;
    }
    for (const auto& r : p.requirements) {
      auto [it, fresh] = ridx.emplace(r.path, agg.requirements.size());
      if (fresh)
        agg.requirements.push_back(
            RequirementAggregate{.path = r.path, .id = r.id, .text = r.text, .function = r.function});
      RequirementAggregate& a = agg.requirements[it->second];
      ++a.people_assessed;
      rsum[r.path] += r.percent;
      if (Classify(r.percent, t) == Proficiency::kWeak) ++a.people_weak;
    }
  }
  for (auto& a : agg.functions) a.mean_percent = fsum[a.function] / a.people;
  for (auto& a : agg.requirements) {
    a.mean_percent = rsum[a.path] / a.people_assessed;
    a.share_weak = static_cast<double>(a.people_weak) / a.people_assessed;
  }

  // Gaps against the target level's requirements (or every assessed requirement).
  std::set<std::string> in_target;
  if (target) {
    for (const auto* q : pack.RequirementsFor(target->id, options.direction, /*with_inherited=*/true)) {
      in_target.insert(q->path);
      if (!ridx.count(q->path)) agg.not_assessed.push_back(q->path);
    }
  }
  std::vector<Gap> gaps;
  for (const auto& a : agg.requirements) {
    if (target && !in_target.count(a.path)) continue;
    const double gap = options.target_percent - a.mean_percent;
    if (gap <= kScoreEpsilon) continue;
    gaps.push_back(Gap{a.path, a.id, a.text, a.function, a.mean_percent, options.target_percent, gap,
                       a.share_weak, a.people_assessed});
  }
  std::stable_sort(gaps.begin(), gaps.end(), [](const Gap& a, const Gap& b) {
    if (Key(a.gap) != Key(b.gap)) return Key(a.gap) > Key(b.gap);
    if (Key(a.share_weak) != Key(b.share_weak)) return Key(a.share_weak) > Key(b.share_weak);
    return a.path < b.path;
  });
  if (static_cast<int>(gaps.size()) > options.top_n) gaps.resize(static_cast<std::size_t>(options.top_n));
  agg.top_gaps = std::move(gaps);

  // Sentences.
  for (const auto& a : agg.functions) {
    const std::string share = FormatPercent(100.0 * a.weak / a.people) + "%";
    agg.sentences.push_back({"「" + a.name + "」平均得分率 " + FormatPercent(a.mean_percent) + "%（最低 " +
                                 FormatPercent(a.min_percent) + "%，最高 " + FormatPercent(a.max_percent) +
                                 "%），" + std::to_string(a.people) + " 人中 " + std::to_string(a.weak) +
                                 " 人属于薄弱项（" + share + "）。",
                             EnLabel(a.name, a.function) + ": mean " + FormatPercent(a.mean_percent) +
                                 "% (lowest " + FormatPercent(a.min_percent) + "%, highest " +
                                 FormatPercent(a.max_percent) + "%); " + std::to_string(a.weak) + " of " +
                                 std::to_string(a.people) + " people weak (" + share + ")."});
  }
  if (!agg.top_gaps.empty()) {
    std::vector<std::string> zh;
    std::vector<std::string> en;
    for (const auto& g : agg.top_gaps) {
      const std::string head = g.id + " " + TruncateUtf8(g.text, kSuggestionTextMax);
      zh.push_back(head + "（平均 " + FormatPercent(g.mean_percent) + "%，差 " +
                   FormatNumber(std::floor(g.gap * 10) / 10) + " 个百分点，" +
                   FormatPercent(g.share_weak * 100) + "% 的人员薄弱）");
      en.push_back(head + " (mean " + FormatPercent(g.mean_percent) + "%, " +
                   FormatNumber(std::floor(g.gap * 10) / 10) + " points short, " +
                   FormatPercent(g.share_weak * 100) + "% of people weak)");
    }
    const std::string tgt_zh =
        target ? "对照" + target->name + "目标（得分率 " + FormatPercent(options.target_percent) + "%）"
               : "对照目标得分率 " + FormatPercent(options.target_percent) + "%";
    const std::string tgt_en =
        target ? "Against the " + target->en + " target (" + FormatPercent(options.target_percent) + "%)"
               : "Against a target of " + FormatPercent(options.target_percent) + "%";
    agg.sentences.push_back({tgt_zh + "，差距最大的要求：" + JoinStr(zh, "；") + "。",
                             tgt_en + ", the largest gaps: " + JoinStr(en, "; ") + "."});
  }
  if (target && !agg.not_assessed.empty()) {
    const std::string n = std::to_string(agg.not_assessed.size());
    agg.sentences.push_back({target->name + "另有 " + n + " 条要求未被任何试题考查。",
                             n + " requirements of " + target->en + " were not assessed by any item."});
  }
  return agg;
}

}  // namespace kaoping::scoring
