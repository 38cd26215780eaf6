#include "core/bank/item.h"

#include <cmath>
#include <set>

#include "base/utf8.h"

namespace kaoping::bank {

namespace {

constexpr ItemType kAllTypes[] = {ItemType::kSingleChoice, ItemType::kMultipleChoice, ItemType::kTrueFalse,
                                  ItemType::kFillIn,       ItemType::kShortAnswer,    ItemType::kPractical};
constexpr ItemStatus kAllStatuses[] = {ItemStatus::kDraft, ItemStatus::kInReview, ItemStatus::kApproved,
                                       ItemStatus::kRetired};

// Tolerance for sums of points given as decimals (0.5 + 0.25 + …).
constexpr double kPointsEpsilon = 1e-6;

class Problems {
 public:
  void Add(std::string field, std::string en, std::string zh) {
    out_.push_back(ItemProblem{std::move(field), std::move(en), std::move(zh)});
  }
  std::vector<ItemProblem> Take() { return std::move(out_); }

 private:
  std::vector<ItemProblem> out_;
};

std::string Fmt(double v) {
  if (std::fabs(v - std::round(v)) < 1e-9) return std::to_string(static_cast<long long>(std::llround(v)));
  std::string s = std::to_string(v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string Idx(const char* field, size_t i) {
  return std::string(field) + "[" + std::to_string(i) + "]";
}

void CheckText(Problems& p, const std::string& field, const std::string& text, bool required) {
  if (text.empty()) {
    if (required) p.Add(field, "must not be empty", "不能为空");
    return;
  }
  if (!IsValidUtf8(text)) p.Add(field, "is not valid UTF-8", "不是有效的 UTF-8 文本");
}

void CheckOptions(Problems& p, const Item& item) {
  const bool tf = item.type == ItemType::kTrueFalse;
  if (tf) {
    std::set<std::string> ids;
    for (const auto& o : item.options) ids.insert(o.id);
    if (item.options.size() != 2 || ids != std::set<std::string>{"true", "false"}) {
      p.Add("options", "a true/false item has exactly the options \"true\" and \"false\"",
            "判断题的选项必须恰好是 \"true\" 与 \"false\"");
    }
  } else if (item.options.size() < 2 || item.options.size() > 8) {
    p.Add("options", "a choice item needs 2 to 8 options (has " + std::to_string(item.options.size()) + ")",
          "选择题需要 2 至 8 个选项（当前 " + std::to_string(item.options.size()) + " 个）");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < item.options.size(); ++i) {
    const auto& o = item.options[i];
    if (o.id.empty()) p.Add(Idx("options", i) + ".id", "must not be empty", "不能为空");
    if (!o.id.empty() && !seen.insert(o.id).second) {
      p.Add(Idx("options", i) + ".id", "duplicate option id '" + o.id + "'", "选项编号“" + o.id + "”重复");
    }
    CheckText(p, Idx("options", i) + ".text", o.text, true);
  }
  std::set<std::string> answers;
  for (size_t i = 0; i < item.answer.size(); ++i) {
    const auto& a = item.answer[i];
    if (!seen.count(a)) {
      p.Add(Idx("answer", i), "answer '" + a + "' is not one of the options",
            "答案“" + a + "”不是任何一个选项");
    }
    if (!answers.insert(a).second)
      p.Add(Idx("answer", i), "answer '" + a + "' is repeated", "答案“" + a + "”重复");
  }
  if (item.type == ItemType::kMultipleChoice) {
    if (item.answer.size() < 2) {
      p.Add("answer", "a multiple-choice item has at least two correct options", "多选题至少有两个正确选项");
    }
    if (!item.options.empty() && item.answer.size() >= item.options.size()) {
      p.Add("answer", "not every option of a multiple-choice item may be correct",
            "多选题不能所有选项都正确");
    }
  } else if (item.answer.size() != 1) {
    p.Add("answer", "exactly one correct option is required (has " + std::to_string(item.answer.size()) + ")",
          "必须恰好有一个正确选项（当前 " + std::to_string(item.answer.size()) + " 个）");
  }
}

void CheckBlanks(Problems& p, const Item& item) {
  if (item.blanks.empty()) {
    p.Add("blanks", "a fill-in item needs at least one blank", "填空题至少需要一个空");
    return;
  }
  std::set<std::string> seen;
  double sum = 0;
  bool any_points = false;
  for (size_t i = 0; i < item.blanks.size(); ++i) {
    const auto& b = item.blanks[i];
    const std::string f = Idx("blanks", i);
    if (b.id.empty()) p.Add(f + ".id", "must not be empty", "不能为空");
    if (!b.id.empty() && !seen.insert(b.id).second)
      p.Add(f + ".id", "duplicate blank id '" + b.id + "'", "空的编号“" + b.id + "”重复");
    if (b.accepted.empty())
      p.Add(f + ".accepted", "give at least one accepted answer", "至少给出一个可接受的答案");
    for (size_t j = 0; j < b.accepted.size(); ++j) {
      if (b.accepted[j].empty()) {
        p.Add(f + ".accepted[" + std::to_string(j) + "]", "an accepted answer must not be empty",
              "可接受的答案不能为空");
      }
    }
    if (!(b.points >= 0) || !std::isfinite(b.points)) p.Add(f + ".points", "must be ≥ 0", "必须 ≥ 0");
    any_points |= b.points > 0;
    sum += b.points;
  }
  if (any_points && std::fabs(sum - item.points) > kPointsEpsilon) {
    p.Add("blanks", "blank points add up to " + Fmt(sum) + ", not the item's " + Fmt(item.points),
          "各空分值之和为 " + Fmt(sum) + "，与本题分值 " + Fmt(item.points) + " 不符");
  }
  // Every blank must be marked in the stem: {{id}} markers, or one "____" run per blank.
  bool all_marked = true;
  for (const auto& b : item.blanks) all_marked &= item.stem.find("{{" + b.id + "}}") != std::string::npos;
  if (!all_marked) {
    size_t runs = 0;
    for (size_t pos = item.stem.find("____"); pos != std::string::npos;) {
      ++runs;
      size_t end = item.stem.find_first_not_of('_', pos);
      if (end == std::string::npos) break;
      pos = item.stem.find("____", end);
    }
    if (runs < item.blanks.size()) {
      p.Add("stem",
            "the stem marks " + std::to_string(runs) + " blank(s) but the item has " +
                std::to_string(item.blanks.size()) + " (mark each with ____ or {{id}})",
            "题干中标出了 " + std::to_string(runs) + " 个空，但本题有 " + std::to_string(item.blanks.size()) +
                " 个空（请用 ____ 或 {{编号}} 标出每个空）");
    }
  }
}

void CheckRubric(Problems& p, const Item& item) {
  if (item.rubric.empty()) {
    p.Add("rubric", "a " + std::string(ItemTypeName(item.type)) + " item needs a rubric",
          std::string(ItemTypeLabelZh(item.type)) + "题需要评分细则（rubric）");
    return;
  }
  std::set<std::string> seen;
  double sum = 0;
  for (size_t i = 0; i < item.rubric.size(); ++i) {
    const auto& c = item.rubric[i];
    const std::string f = Idx("rubric", i);
    if (c.id.empty()) p.Add(f + ".id", "must not be empty", "不能为空");
    if (!c.id.empty() && !seen.insert(c.id).second)
      p.Add(f + ".id", "duplicate criterion id '" + c.id + "'", "评分项编号“" + c.id + "”重复");
    CheckText(p, f + ".description", c.description, true);
    if (!(c.points > 0) || !std::isfinite(c.points)) p.Add(f + ".points", "must be > 0", "必须大于 0");
    sum += c.points;
  }
  if (std::fabs(sum - item.points) > kPointsEpsilon) {
    p.Add("rubric", "rubric points add up to " + Fmt(sum) + ", not the item's " + Fmt(item.points),
          "评分细则分值之和为 " + Fmt(sum) + "，与本题分值 " + Fmt(item.points) + " 不符");
  }
}

void CheckDifficulty(Problems& p, const Difficulty& d) {
  auto finite = [](const std::optional<double>& v) { return !v || std::isfinite(*v); };
  if (!finite(d.p) || !finite(d.a) || !finite(d.b) || !finite(d.c)) {
    p.Add("difficulty", "values must be finite numbers", "难度参数必须是有限数值");
    return;
  }
  if (d.p && (*d.p < 0 || *d.p > 1)) p.Add("difficulty.p", "must be between 0 and 1", "必须在 0 到 1 之间");
  if (d.a.has_value() != d.b.has_value()) {
    p.Add("difficulty", "IRT parameters a and b go together", "IRT 参数 a 与 b 必须同时给出");
  }
  if (d.c && !d.a)
    p.Add("difficulty.c", "the guessing parameter c needs a and b", "猜测参数 c 需要同时给出 a 与 b");
  if (d.a && (*d.a <= 0 || *d.a > 6))
    p.Add("difficulty.a", "discrimination must be in (0, 6]", "区分度 a 必须在 (0, 6] 之间");
  if (d.b && std::fabs(*d.b) > 8)
    p.Add("difficulty.b", "difficulty must be in [-8, 8]", "难度 b 必须在 [-8, 8] 之间");
  if (d.c && (*d.c < 0 || *d.c >= 1))
    p.Add("difficulty.c", "guessing must be in [0, 1)", "猜测参数 c 必须在 [0, 1) 之间");
}

}  // namespace

const char* ItemTypeName(ItemType t) {
  switch (t) {
    case ItemType::kSingleChoice:
      return "single_choice";
    case ItemType::kMultipleChoice:
      return "multiple_choice";
    case ItemType::kTrueFalse:
      return "true_false";
    case ItemType::kFillIn:
      return "fill_in";
    case ItemType::kShortAnswer:
      return "short_answer";
    case ItemType::kPractical:
      return "practical";
  }
  return "single_choice";
}

const char* ItemTypeLabelZh(ItemType t) {
  switch (t) {
    case ItemType::kSingleChoice:
      return "单选";
    case ItemType::kMultipleChoice:
      return "多选";
    case ItemType::kTrueFalse:
      return "判断";
    case ItemType::kFillIn:
      return "填空";
    case ItemType::kShortAnswer:
      return "简答";
    case ItemType::kPractical:
      return "实操";
  }
  return "";
}

std::optional<ItemType> ParseItemType(const std::string& s) {
  for (ItemType t : kAllTypes) {
    if (s == ItemTypeName(t) || s == ItemTypeLabelZh(t)) return t;
  }
  // Common longer Chinese names (单选题, 单项选择题, 判断题, 实操题, …).
  static const std::pair<const char*, ItemType> kAliases[] = {
      {"单选题", ItemType::kSingleChoice},   {"单项选择题", ItemType::kSingleChoice},
      {"多选题", ItemType::kMultipleChoice}, {"多项选择题", ItemType::kMultipleChoice},
      {"判断题", ItemType::kTrueFalse},      {"填空题", ItemType::kFillIn},
      {"简答题", ItemType::kShortAnswer},    {"实操题", ItemType::kPractical},
      {"操作题", ItemType::kPractical},
  };
  for (const auto& [name, t] : kAliases) {
    if (s == name) return t;
  }
  return std::nullopt;
}

bool IsObjective(ItemType t) {
  return t == ItemType::kSingleChoice || t == ItemType::kMultipleChoice || t == ItemType::kTrueFalse ||
         t == ItemType::kFillIn;
}

const char* ItemStatusName(ItemStatus s) {
  switch (s) {
    case ItemStatus::kDraft:
      return "draft";
    case ItemStatus::kInReview:
      return "in_review";
    case ItemStatus::kApproved:
      return "approved";
    case ItemStatus::kRetired:
      return "retired";
  }
  return "draft";
}

std::optional<ItemStatus> ParseItemStatus(const std::string& s) {
  for (ItemStatus st : kAllStatuses) {
    if (s == ItemStatusName(st)) return st;
  }
  return std::nullopt;
}

bool IsWellFormedItemId(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  auto ok = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  };
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (!alnum(id.front())) return false;
  for (char c : id) {
    if (!ok(c)) return false;
  }
  return true;
}

std::vector<ItemProblem> CheckItemShape(const Item& item) {
  Problems p;
  if (!IsWellFormedItemId(item.id)) {
    p.Add("id",
          "'" + item.id +
              "' is not a valid item id (letters, digits, '-', '_', '.'; at most 128; starts with a letter "
              "or digit)",
          "“" + item.id + "”不是有效的试题编号（字母、数字、-、_、.，不超过 128 个字符，以字母或数字开头）");
  }
  if (item.version < 1) p.Add("version", "must be ≥ 1", "必须 ≥ 1");
  const bool syn_id = item.id.rfind("syn-", 0) == 0;
  if (item.synthetic && !syn_id) {
    p.Add("id", "synthetic items have ids starting with 'syn-'", "合成试题的编号必须以“syn-”开头");
  }
  if (!item.synthetic && syn_id) {
    p.Add("synthetic", "ids starting with 'syn-' are reserved for synthetic items (set synthetic: true)",
          "以“syn-”开头的编号保留给合成试题（请设置 synthetic: true）");
  }
  CheckText(p, "stem", item.stem, true);
  CheckText(p, "explanation", item.explanation, false);
  CheckText(p, "reference_answer", item.reference_answer, false);
  if (!(item.points > 0) || !std::isfinite(item.points) || item.points > 100) {
    p.Add("points", "must be greater than 0 and at most 100", "分值必须大于 0 且不超过 100");
  }

  switch (item.type) {
    case ItemType::kSingleChoice:
    case ItemType::kMultipleChoice:
    case ItemType::kTrueFalse:
      CheckOptions(p, item);
      if (!item.blanks.empty()) p.Add("blanks", "only fill-in items have blanks", "只有填空题有“空”");
      if (!item.rubric.empty())
        p.Add("rubric", "objective items are scored by their answer, not a rubric",
              "客观题按答案评分，不使用评分细则");
      if (item.task) p.Add("task", "only practical items have a task", "只有实操题有操作任务");
      break;
    case ItemType::kFillIn:
      CheckBlanks(p, item);
      if (!item.options.empty()) p.Add("options", "fill-in items have no options", "填空题没有选项");
      if (!item.answer.empty())
        p.Add("answer", "fill-in answers go in blanks[].accepted", "填空题的答案写在 blanks[].accepted 中");
      if (!item.rubric.empty())
        p.Add("rubric", "objective items are scored by their answer, not a rubric",
              "客观题按答案评分，不使用评分细则");
      if (item.task) p.Add("task", "only practical items have a task", "只有实操题有操作任务");
      break;
    case ItemType::kShortAnswer:
      CheckRubric(p, item);
      if (item.reference_answer.empty())
        p.Add("reference_answer", "a short-answer item needs a reference answer", "简答题需要参考答案");
      if (!item.options.empty()) p.Add("options", "short-answer items have no options", "简答题没有选项");
      if (!item.answer.empty())
        p.Add("answer", "short-answer items are scored by the rubric",
              "简答题按评分细则评分，没有标准选项答案");
      if (!item.blanks.empty()) p.Add("blanks", "only fill-in items have blanks", "只有填空题有“空”");
      if (item.task) p.Add("task", "only practical items have a task", "只有实操题有操作任务");
      break;
    case ItemType::kPractical:
      CheckRubric(p, item);
      if (!item.task) {
        p.Add("task", "a practical item needs a task (instructions, materials, time)",
              "实操题需要操作任务（说明、材料、时间）");
      } else {
        CheckText(p, "task.instructions", item.task->instructions, true);
        if (item.task->time_minutes < 0) p.Add("task.time_minutes", "must be ≥ 0", "必须 ≥ 0");
      }
      if (!item.options.empty()) p.Add("options", "practical items have no options", "实操题没有选项");
      if (!item.answer.empty())
        p.Add("answer", "practical items are scored by the rubric", "实操题按评分细则评分");
      if (!item.blanks.empty()) p.Add("blanks", "only fill-in items have blanks", "只有填空题有“空”");
      break;
  }

  CheckDifficulty(p, item.difficulty);

  const Alignment& al = item.alignment;
  if (al.standard.empty()) p.Add("alignment.standard", "must name the standard pack", "必须指明所属标准");
  if (al.levels.empty()) p.Add("alignment.levels", "give at least one level", "至少给出一个等级");
  {
    std::set<std::string> seen;
    for (size_t i = 0; i < al.levels.size(); ++i) {
      if (!seen.insert(al.levels[i]).second) {
        p.Add(Idx("alignment.levels", i), "level '" + al.levels[i] + "' is repeated",
              "等级“" + al.levels[i] + "”重复");
      }
    }
  }
  if (al.exam_kind.empty())
    p.Add("alignment.exam_kind", "must be theory or skill", "必须为 theory（理论知识）或 skill（技能操作）");
  if (al.function.empty()) {
    p.Add("alignment.function", "must name a weight-table row (function:<id> or basic:<id>)",
          "必须指明权重表中的一行（function:编号 或 basic:编号）");
  } else if (al.function.rfind("function:", 0) != 0 && al.function.rfind("basic:", 0) != 0) {
    p.Add("alignment.function", "'" + al.function + "' is neither function:<id> nor basic:<id>",
          "“" + al.function + "”既不是 function:编号 也不是 basic:编号");
  }

  {
    std::set<std::string> seen;
    for (size_t i = 0; i < item.enemies.size(); ++i) {
      const auto& e = item.enemies[i];
      if (e == item.id) p.Add(Idx("enemies", i), "an item cannot be its own enemy", "试题不能与自身互斥");
      if (!IsWellFormedItemId(e))
        p.Add(Idx("enemies", i), "'" + e + "' is not a valid item id", "“" + e + "”不是有效的试题编号");
      if (!seen.insert(e).second)
        p.Add(Idx("enemies", i), "enemy '" + e + "' is repeated", "互斥试题“" + e + "”重复");
    }
  }
  CheckText(p, "author", item.author, false);
  return p.Take();
}

}  // namespace kaoping::bank
