#include "core/assembly/blueprint.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

#include "core/bank/validate.h"

namespace kaoping::assembly {

using bank::ItemType;

namespace {

constexpr double kEps = 1e-6;

std::string Fmt(double v) {
  if (std::fabs(v - std::round(v)) < 1e-9) return std::to_string(static_cast<long long>(std::llround(v)));
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.2f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

const char* SectionNameZh(ItemType t) {
  switch (t) {
    case ItemType::kSingleChoice:
      return "单项选择题";
    case ItemType::kMultipleChoice:
      return "多项选择题";
    case ItemType::kTrueFalse:
      return "判断题";
    case ItemType::kFillIn:
      return "填空题";
    case ItemType::kShortAnswer:
      return "简答题";
    case ItemType::kPractical:
      return "实际操作题";
  }
  return "";
}

const char* kNumeralsZh[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

void NumberTitles(std::vector<TypeRule>& rules) {
  for (size_t i = 0; i < rules.size(); ++i) {
    if (!rules[i].title.empty()) continue;
    rules[i].title =
        std::string(i < 10 ? kNumeralsZh[i] : "") + (i < 10 ? "、" : "") + SectionNameZh(rules[i].type);
  }
}

std::string RowKey(const standards::WeightRow& r) {
  return (r.target_kind == standards::WeightTarget::kBasic ? "basic:" : "function:") + r.target_id;
}

Status Contradiction(const std::string& en, const std::string& zh) {
  return InvalidArgument("blueprint.contradicts_weights", en, zh);
}

std::string TypeList(const std::vector<TypeRule>& types) {
  std::string s;
  for (const auto& t : types) {
    if (!s.empty()) s += ", ";
    s += std::string(bank::ItemTypeName(t.type)) + " ";
    s += t.min_count == t.max_count ? std::to_string(t.min_count)
                                    : std::to_string(t.min_count) + "–" + std::to_string(t.max_count);
    s += t.points_each > 0 ? " × " + Fmt(t.points_each) : " × own points";
  }
  return s;
}

// Whether `points` can be written as Σ n_v·v with 0 ≤ n_v ≤ cap_v over the point values.
bool Representable(double points, const std::vector<std::pair<double, int>>& values) {
  // Work in hundredths so 0.5-point items are exact.
  const long target = std::lround(points * 100);
  if (target <= 0) return target == 0;
  std::vector<char> reach(static_cast<size_t>(target) + 1, 0);
  reach.front() = 1;
  for (const auto& [v, cap] : values) {
    long step = std::lround(v * 100);
    if (step <= 0) continue;
    for (int c = 0; c < cap; ++c) {
      bool changed = false;
      for (long s = target; s >= step; --s) {
        if (!reach[static_cast<size_t>(s)] && reach[static_cast<size_t>(s - step)]) {
          reach[static_cast<size_t>(s)] = 1;
          changed = true;
        }
      }
      if (!changed) break;
    }
  }
  return reach[static_cast<size_t>(target)] != 0;
}

}  // namespace

const char* TargetModeName(TargetMode m) {
  return m == TargetMode::kInformation ? "information" : "expected_score";
}

const FunctionTarget* Blueprint::FindFunction(const std::string& target) const {
  for (const auto& f : functions) {
    if (f.target == target) return &f;
  }
  return nullptr;
}

const TypeRule* Blueprint::FindType(ItemType type) const {
  for (const auto& t : types) {
    if (t.type == type) return &t;
  }
  return nullptr;
}

double Blueprint::PaperPoints(const bank::Item& item) const {
  const TypeRule* t = FindType(item.type);
  if (!t) return 0;
  return t->points_each > 0 ? t->points_each : item.points;
}

std::string Blueprint::DescribeZh() const {
  return standard_title + " " + level_name + (direction.empty() ? "" : "（" + direction + "）") + " " +
         subject_name;
}

std::string Blueprint::Describe() const {
  return standard + " " + level + (direction.empty() ? "" : "/" + direction) + " " + exam_kind;
}

std::vector<TypeRule> DefaultTemplate(const std::string& exam_kind) {
  std::vector<TypeRule> rules;
  if (exam_kind == "skill") {
    rules = {{ItemType::kPractical, 3, 8, 0, ""}, {ItemType::kShortAnswer, 0, 4, 0, ""}};
  } else {
    rules = {{ItemType::kSingleChoice, 40, 40, 1, ""},
             {ItemType::kMultipleChoice, 10, 10, 2, ""},
             {ItemType::kTrueFalse, 20, 20, 1, ""},
             {ItemType::kFillIn, 10, 10, 2, ""}};
  }
  NumberTitles(rules);
  return rules;
}

Status CheckBlueprint(const Blueprint& bp) {
  if (bp.functions.empty()) {
    return InvalidArgument("blueprint.no_exam", "the blueprint examines no function",
                           "组卷蓝图中没有需要考核的内容");
  }
  double sum = 0;
  for (const auto& f : bp.functions) sum += f.points;
  if (std::fabs(sum - bp.total_points) > kEps) {
    return Contradiction(
        "the rows' points add up to " + Fmt(sum) + ", not the paper's " + Fmt(bp.total_points),
        "各部分分值之和为 " + Fmt(sum) + "，与试卷总分 " + Fmt(bp.total_points) + " 不符");
  }
  // Template.
  if (bp.types.empty()) {
    return InvalidArgument("blueprint.bad_template", "the exam template lists no item type",
                           "考试模板中没有任何题型");
  }
  std::set<ItemType> seen;
  double min_total = 0, max_total = 0;
  bool own_points = false;
  for (const auto& t : bp.types) {
    if (!seen.insert(t.type).second) {
      return InvalidArgument("blueprint.bad_template",
                             std::string("item type ") + bank::ItemTypeName(t.type) + " is listed twice",
                             std::string("题型“") + bank::ItemTypeLabelZh(t.type) + "”重复出现");
    }
    if (t.min_count < 0 || t.max_count < t.min_count || t.points_each < 0 || !std::isfinite(t.points_each)) {
      return InvalidArgument(
          "blueprint.bad_template",
          std::string("item type ") + bank::ItemTypeName(t.type) +
              ": counts need 0 ≤ min ≤ max and points ≥ 0",
          std::string("题型“") + bank::ItemTypeLabelZh(t.type) + "”：题量需满足 0 ≤ 最少 ≤ 最多，分值 ≥ 0");
    }
    if (t.points_each > 0) {
      min_total += t.min_count * t.points_each;
      max_total += t.max_count * t.points_each;
    } else {
      own_points = true;
    }
  }
  if (!own_points && (bp.total_points < min_total - kEps || bp.total_points > max_total + kEps)) {
    std::string range =
        std::fabs(min_total - max_total) < kEps ? Fmt(min_total) : Fmt(min_total) + "–" + Fmt(max_total);
    return InvalidArgument("blueprint.bad_template",
                           "the exam template (" + TypeList(bp.types) + ") adds up to " + range +
                               " points; the paper has " + Fmt(bp.total_points),
                           "考试模板的总分为 " + range + " 分，而试卷总分为 " + Fmt(bp.total_points) + " 分");
  }
  if (own_points && max_total > bp.total_points + kEps) {
    return InvalidArgument("blueprint.bad_template", "fixed-point item types alone exceed the paper's total",
                           "固定分值题型的分数已超过试卷总分");
  }
  // Duration.
  if (bp.duration_minutes < bp.min_duration_minutes) {
    return InvalidArgument(
        "blueprint.duration_too_short",
        "the standard requires at least " + std::to_string(bp.min_duration_minutes) + " minutes for " +
            bp.Describe() + "; the blueprint gives " + std::to_string(bp.duration_minutes),
        "标准规定" + bp.DescribeZh() + "考试时间不少于 " + std::to_string(bp.min_duration_minutes) +
            " 分钟，蓝图只有 " + std::to_string(bp.duration_minutes) + " 分钟");
  }
  if (bp.duration_minutes <= 0) {
    return InvalidArgument("blueprint.bad_template", "give the exam's duration in minutes",
                           "请给出考试时长（分钟）");
  }
  // Difficulty plan.
  const DifficultyPlan& d = bp.difficulty;
  if (!(d.target_p > 0 && d.target_p < 1)) {
    return InvalidArgument("blueprint.bad_rule", "target_p must be between 0 and 1",
                           "目标难度 target_p 必须在 0 与 1 之间");
  }
  if ((d.min_expected_score && (*d.min_expected_score < 0 || *d.min_expected_score > bp.total_points)) ||
      (d.max_expected_score && (*d.max_expected_score < 0 || *d.max_expected_score > bp.total_points)) ||
      (d.min_expected_score && d.max_expected_score && *d.min_expected_score > *d.max_expected_score)) {
    return InvalidArgument("blueprint.bad_rule", "the expected-score band must satisfy 0 ≤ min ≤ max ≤ total",
                           "期望得分区间必须满足 0 ≤ 下限 ≤ 上限 ≤ 总分");
  }
  if (std::fabs(d.cut_theta) > 6 || (d.information_target && !(*d.information_target > 0))) {
    return InvalidArgument("blueprint.bad_rule",
                           "the cut θ must be in [-6, 6] and an information target positive",
                           "划界分能力值 θ 必须在 [-6, 6] 之间，目标信息量必须大于 0");
  }

  // Fixed point values and their capacities, for realisability.
  std::map<long, int> caps;  // hundredths of a point → max count
  double min_points = 0, max_points = 0;
  bool first = true;
  for (const auto& t : bp.types) {
    if (t.points_each <= 0 || t.max_count == 0) continue;
    caps[std::lround(t.points_each * 100)] += t.max_count;
    min_points = first ? t.points_each : std::min(min_points, t.points_each);
    max_points = first ? t.points_each : std::max(max_points, t.points_each);
    first = false;
  }
  std::vector<std::pair<double, int>> values;
  for (const auto& [h, c] : caps) values.push_back({h / 100.0, c});

  if (!own_points) {
    for (const auto& f : bp.functions) {
      if (!Representable(f.points, values)) {
        return Contradiction(
            "no mix of the template's items (" + TypeList(bp.types) + ") gives " + f.label + " (" + f.target +
                ") exactly its " + Fmt(f.points) + " points",
            "考试模板的题型分值无法恰好组成“" + f.label + "”所需的 " + Fmt(f.points) + " 分");
      }
    }
    // Jointly: distribute each value's capacity over the rows (small DP over the counts used).
    if (values.size() <= 3) {
      std::vector<int> cap;
      for (const auto& v : values) cap.push_back(v.second);
      std::vector<long> step;
      for (const auto& v : values) step.push_back(std::lround(v.first * 100));
      size_t states = 1;
      for (int c : cap) states *= static_cast<size_t>(c + 1);
      if (states <= 2'000'000) {
        auto encode = [&](const std::vector<int>& u) {
          size_t code = 0;
          for (size_t i = 0; i < u.size(); ++i)
            code = code * static_cast<size_t>(cap[i] + 1) + static_cast<size_t>(u[i]);
          return code;
        };
        std::set<std::vector<int>> frontier{std::vector<int>(cap.size(), 0)};
        for (const auto& f : bp.functions) {
          long need = std::lround(f.points * 100);
          std::set<std::vector<int>> next;
          std::vector<char> seen_state(states, 0);
          for (const auto& u : frontier) {
            // Enumerate additions a_i with Σ a_i·step_i = need.
            std::vector<int> add(cap.size(), 0);
            std::function<void(size_t, long)> rec = [&](size_t i, long left) {
              if (i == cap.size()) {
                if (left != 0) return;
                std::vector<int> v(u);
                for (size_t k = 0; k < v.size(); ++k) v[k] += add[k];
                size_t code = encode(v);
                if (!seen_state[code]) {
                  seen_state[code] = 1;
                  next.insert(std::move(v));
                }
                return;
              }
              for (int a = 0; u[i] + a <= cap[i] && a * step[i] <= left; ++a) {
                add[i] = a;
                rec(i + 1, left - a * step[i]);
              }
              add[i] = 0;
            };
            rec(0, need);
          }
          frontier = std::move(next);
          if (frontier.empty()) break;
        }
        // The template's minimum counts must be met too.
        bool ok = false;
        for (const auto& u : frontier) {
          size_t i = 0;
          bool meets = true;
          for (const auto& [h, c] : caps) {
            int min_needed = 0;
            for (const auto& t : bp.types) {
              if (t.points_each > 0 && std::lround(t.points_each * 100) == h) min_needed += t.min_count;
            }
            meets &= u[i] >= min_needed;
            ++i;
          }
          ok |= meets;
        }
        if (!ok) {
          return Contradiction("the exam template (" + TypeList(bp.types) +
                                   ") cannot give every row its exact points at the same time",
                               "考试模板的题型与分值无法同时满足各部分的分值要求");
        }
      }
    }
  }

  // Work-content rules against the rows' points.
  for (const auto& r : bp.work_content_rules) {
    if (r.min_items < 0 || (r.max_items >= 0 && r.max_items < r.min_items)) {
      return InvalidArgument("blueprint.bad_rule", "a work-content rule needs 0 ≤ min_items ≤ max_items",
                             "工作内容规则需满足 0 ≤ 最少题数 ≤ 最多题数");
    }
    std::vector<const FunctionTarget*> rows;
    if (r.function.empty()) {
      for (const auto& f : bp.functions) rows.push_back(&f);
    } else if (const FunctionTarget* f = bp.FindFunction(r.function)) {
      rows.push_back(f);
    } else {
      return InvalidArgument("blueprint.unknown_function",
                             "rule names '" + r.function + "', which is not examined in " + bp.Describe(),
                             "规则中的“" + r.function + "”不是" + bp.DescribeZh() + "的考核内容");
    }
    for (const FunctionTarget* f : rows) {
      std::vector<std::string> wcs;
      if (r.work_content.empty()) {
        wcs = f->work_contents;
      } else if (std::find(f->work_contents.begin(), f->work_contents.end(), r.work_content) !=
                 f->work_contents.end()) {
        wcs = {r.work_content};
      } else if (!r.function.empty()) {
        return InvalidArgument(
            "blueprint.unknown_function",
            "'" + r.work_content + "' is not a work content of " + f->label + " (" + f->target + ")",
            "“" + r.work_content + "”不是“" + f->label + "”的工作内容");
      } else {
        continue;  // a work content named without a function applies to the row that has it
      }
      if (wcs.empty()) continue;
      const double n = static_cast<double>(wcs.size());
      if (!own_points && r.min_items > 0 && r.min_items * n * min_points > f->points + kEps) {
        return Contradiction(
            f->label + " (" + f->target + ") carries " + Fmt(f->points) +
                " points by the standard; at least " + std::to_string(r.min_items) +
                " item(s) in each of its " + std::to_string(wcs.size()) + " work content(s) need at least " +
                Fmt(r.min_items * n * min_points) + " points",
            "按标准“" + f->label + "”只有 " + Fmt(f->points) + " 分；其 " + std::to_string(wcs.size()) +
                " 项工作内容各至少 " + std::to_string(r.min_items) + " 题，至少需要 " +
                Fmt(r.min_items * n * min_points) + " 分，与标准权重矛盾");
      }
      if (!own_points && r.max_items >= 0 && r.work_content.empty() &&
          r.max_items * n * max_points < f->points - kEps) {
        return Contradiction(f->label + " (" + f->target + ") must carry " + Fmt(f->points) +
                                 " points by the standard; at most " + std::to_string(r.max_items) +
                                 " item(s) in each of its " + std::to_string(wcs.size()) +
                                 " work content(s) can give only " + Fmt(r.max_items * n * max_points),
                             "按标准“" + f->label + "”须有 " + Fmt(f->points) + " 分；其 " +
                                 std::to_string(wcs.size()) + " 项工作内容各至多 " +
                                 std::to_string(r.max_items) + " 题，最多只能有 " +
                                 Fmt(r.max_items * n * max_points) + " 分，与标准权重矛盾");
      }
    }
  }
  return Status();
}

Result<Blueprint> DeriveBlueprint(const standards::Pack& pack, const std::string& level,
                                  const std::string& exam_kind, const std::string& direction,
                                  const BlueprintOptions& options) {
  const standards::Level* lvl = pack.FindLevel(level);
  if (!lvl) {
    std::string ids;
    for (const auto& l : pack.levels) ids += (ids.empty() ? "" : ", ") + l.id;
    return NotFound("blueprint.unknown_level",
                    "standard '" + pack.id + "' has no level '" + level + "' (levels: " + ids + ")",
                    "标准“" + pack.id + "”没有等级“" + level + "”（可选：" + ids + "）");
  }
  if (!pack.directions.empty() && direction.empty()) {
    std::string ids;
    for (const auto& d : pack.directions) ids += (ids.empty() ? "" : ", ") + d.id;
    return InvalidArgument("blueprint.direction_required",
                           "standard '" + pack.id + "' needs a direction (" + ids + ")",
                           "标准“" + pack.id + "”需要指定职业方向（" + ids + "）");
  }
  if (!direction.empty() && !pack.FindDirection(direction)) {
    return NotFound("blueprint.unknown_direction",
                    "standard '" + pack.id + "' has no direction '" + direction + "'",
                    "标准“" + pack.id + "”没有职业方向“" + direction + "”");
  }
  const standards::Subject* subject = pack.exam_rules ? pack.exam_rules->FindSubject(exam_kind) : nullptr;
  const standards::WeightTable* table = bank::ExamWeightTable(pack, exam_kind, direction);
  const int col = table ? table->ColumnOf(level) : -1;
  if (!table || col < 0) {
    return InvalidArgument(
        "blueprint.no_exam",
        "standard '" + pack.id + "' defines no weighted " + exam_kind + " exam at level '" + level + "'" +
            (direction.empty() ? "" : " in direction '" + direction + "'"),
        "标准“" + pack.id + "”在等级“" + lvl->name + "”没有规定带权重的" + exam_kind + "考试");
  }
  if (subject && !subject->levels.empty() &&
      std::find(subject->levels.begin(), subject->levels.end(), level) == subject->levels.end()) {
    return InvalidArgument("blueprint.no_exam",
                           "the " + exam_kind + " exam does not apply at level '" + level + "'",
                           "等级“" + lvl->name + "”不设" + subject->name);
  }

  Blueprint bp;
  bp.standard = pack.id;
  bp.standard_title = pack.short_name.zh.empty() ? pack.title.zh : pack.short_name.zh;
  bp.direction = direction;
  bp.level = level;
  bp.level_name = lvl->name;
  bp.exam_kind = exam_kind;
  bp.subject_name = subject ? subject->name : (exam_kind == "skill" ? "技能操作" : "理论知识");
  bp.weight_table = table->id;
  bp.total_points = options.total_points.value_or(subject ? subject->max_score : 100);
  if (subject && subject->pass_score) bp.pass_score = *subject->pass_score;
  if (subject) {
    auto it = subject->min_duration_minutes.find(level);
    if (it != subject->min_duration_minutes.end()) bp.min_duration_minutes = it->second;
  }
  const int default_duration =
      bp.min_duration_minutes > 0 ? bp.min_duration_minutes : (exam_kind == "skill" ? 120 : 90);
  bp.duration_minutes = options.duration_minutes.value_or(default_duration);

  bank::PackIndex index(pack);
  const std::set<std::string> scope = index.WithIncluded({level});
  for (const auto& r : table->rows) {
    const auto& w = r.weights[static_cast<size_t>(col)];
    const std::string key = RowKey(r);
    if (!w || *w <= 0) {
      bp.not_examined.push_back(key + " " + r.label);
      continue;
    }
    FunctionTarget f;
    f.target = key;
    f.label = r.label;
    f.group = r.group;
    f.weight = *w;
    f.points = *w * bp.total_points / 100.0;
    if (r.target_kind == standards::WeightTarget::kBasic) {
      if (const auto* groups = index.BasicGroups(r.target_id))
        f.work_contents.assign(groups->begin(), groups->end());
    } else {
      std::set<std::string> wcs;
      for (const auto& l : scope) {
        if (const auto* s = index.WorkContents(l, direction, r.target_id)) wcs.insert(s->begin(), s->end());
      }
      f.work_contents.assign(wcs.begin(), wcs.end());
    }
    bp.functions.push_back(std::move(f));
  }

  // The standard's weights are not negotiable.
  for (const auto& [target, points] : options.function_points) {
    const FunctionTarget* f = bp.FindFunction(target);
    if (!f) {
      bool dash = false;
      for (const auto& ne : bp.not_examined) dash |= ne.rfind(target + " ", 0) == 0;
      if (dash && points > 0) {
        return Contradiction("'" + target + "' is not examined at " + bp.level +
                                 " (weight '-') by the standard; it cannot get " + Fmt(points) + " points",
                             "按标准“" + target + "”在" + bp.level_name + "不考核（权重为“-”），不能分配 " +
                                 Fmt(points) + " 分");
      }
      if (dash) continue;
      return InvalidArgument("blueprint.unknown_function",
                             "'" + target + "' is not a row of weight table '" + table->id + "'",
                             "“" + target + "”不是权重表“" + table->id + "”中的一行");
    }
    if (std::fabs(f->points - points) > kEps) {
      return Contradiction(f->label + " (" + target + ") is weighted " + Fmt(f->weight) +
                               "% by the standard (" + Fmt(f->points) + " of " + Fmt(bp.total_points) +
                               " points); a blueprint cannot set " + Fmt(points),
                           "按标准“" + f->label + "”的权重为 " + Fmt(f->weight) + "%（" +
                               Fmt(bp.total_points) + " 分中的 " + Fmt(f->points) + " 分），蓝图不能改为 " +
                               Fmt(points) + " 分");
    }
  }

  bp.types = options.types ? *options.types : DefaultTemplate(exam_kind);
  NumberTitles(bp.types);
  bp.work_content_rules = options.work_content_rules;
  if (options.difficulty) bp.difficulty = *options.difficulty;
  KP_RETURN_IF_ERROR(CheckBlueprint(bp));
  return bp;
}

}  // namespace kaoping::assembly
