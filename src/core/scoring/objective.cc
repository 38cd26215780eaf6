#include "core/scoring/objective.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/scoring/normalize.h"
#include "core/scoring/numbers.h"

namespace kaoping::scoring {
namespace {

bool IsHuman(bank::ItemType t) {
  return t == bank::ItemType::kShortAnswer || t == bank::ItemType::kPractical;
}

ItemScore Skeleton(const bank::Item& item, double points) {
  ItemScore s;
  s.item_id = item.id;
  s.item_version = item.version;
  s.type = item.type;
  s.function = item.alignment.function;
  s.possible = points;
  return s;
}

void ScoreExact(const bank::Item& item, const Response& r, ItemScore& s) {
  std::set<std::string> chosen(r.choices.begin(), r.choices.end());
  if (chosen.empty()) {
    s.outcome = Outcome::kUnanswered;
  } else if (chosen.size() == 1 && *chosen.begin() == item.answer.front()) {
    s.outcome = Outcome::kCorrect;
    s.earned = s.possible;
  } else {
    s.outcome = Outcome::kWrong;
  }
}

void ScoreMultiple(const bank::Item& item, const Response& r, const ObjectivePolicy& policy, ItemScore& s) {
  std::set<std::string> chosen(r.choices.begin(), r.choices.end());
  std::set<std::string> key(item.answer.begin(), item.answer.end());
  if (chosen.empty()) {
    s.outcome = Outcome::kUnanswered;
    return;
  }
  const bool any_wrong =
      std::any_of(chosen.begin(), chosen.end(), [&](const std::string& c) { return !key.count(c); });
  if (any_wrong) {
    s.outcome = Outcome::kWrong;  // any wrong choice earns 0, under every policy
    return;
  }
  if (chosen.size() == key.size()) {
    s.outcome = Outcome::kCorrect;
    s.earned = s.possible;
    return;
  }
  // 少选: a proper subset of the key.
  if (policy.multiple == MultipleChoiceRule::kAllOrNothing) {
    s.outcome = Outcome::kWrong;
    return;
  }
  s.outcome = Outcome::kPartial;
  const double share = policy.partial_fraction
                           ? *policy.partial_fraction
                           : static_cast<double>(chosen.size()) / static_cast<double>(key.size());
  s.earned = s.possible * share;
}

void ScoreFillIn(const bank::Item& item, const Response& r, ItemScore& s) {
  const bool weighted =
      std::any_of(item.blanks.begin(), item.blanks.end(), [](const bank::Blank& b) { return b.points > 0; });
  double blank_total = 0;
  for (const auto& b : item.blanks) blank_total += b.points;
  int correct = 0;
  int answered = 0;
  for (std::size_t i = 0; i < item.blanks.size(); ++i) {
    const bank::Blank& b = item.blanks[i];
    BlankScore bs;
    bs.blank_id = b.id;
    bs.possible =
        weighted ? s.possible * b.points / blank_total : s.possible / static_cast<double>(item.blanks.size());
    const std::string response = i < r.blanks.size() ? r.blanks[i] : std::string();
    bs.normalized = NormalizeFillIn(response);
    if (!bs.normalized.empty()) ++answered;
    bs.correct = FillInMatches(response, b.accepted);
    if (bs.correct) {
      bs.earned = bs.possible;
      ++correct;
    }
    s.earned += bs.earned;
    s.blanks.push_back(std::move(bs));
  }
  const int n = static_cast<int>(item.blanks.size());
  s.outcome = correct == n    ? Outcome::kCorrect
              : correct > 0   ? Outcome::kPartial
              : answered == 0 ? Outcome::kUnanswered
                              : Outcome::kWrong;
  if (correct == n) s.earned = s.possible;  // no rounding drift on a fully correct item
}

}  // namespace

const char* MultipleChoiceRuleName(MultipleChoiceRule r) {
  return r == MultipleChoiceRule::kPartial ? "partial" : "all_or_nothing";
}

std::optional<MultipleChoiceRule> ParseMultipleChoiceRule(const std::string& s) {
  if (s == "all_or_nothing") return MultipleChoiceRule::kAllOrNothing;
  if (s == "partial") return MultipleChoiceRule::kPartial;
  return std::nullopt;
}

const char* OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kCorrect:
      return "correct";
    case Outcome::kPartial:
      return "partial";
    case Outcome::kWrong:
      return "wrong";
    case Outcome::kUnanswered:
      return "unanswered";
    case Outcome::kPendingHuman:
      return "pending_human";
  }
  return "unknown";
}

Status ValidatePolicy(const ObjectivePolicy& policy) {
  if (!policy.partial_fraction) return Status::Ok();
  if (policy.multiple != MultipleChoiceRule::kPartial) {
    return InvalidArgument("scoring.bad_policy",
                           "partial_fraction applies only to the partial multiple-choice rule",
                           "少选得分比例仅适用于“少选得部分分”规则");
  }
  const double f = *policy.partial_fraction;
  if (!std::isfinite(f) || f <= 0 || f >= 1) {
    return InvalidArgument(
        "scoring.bad_policy",
        "partial_fraction must be greater than 0 and less than 1 (got " + FormatNumber(f) + ")",
        "少选得分比例必须大于 0 且小于 1（当前为 " + FormatNumber(f) + "）");
  }
  return Status::Ok();
}

Result<ItemScore> ScoreObjectiveItem(const bank::Item& item, double points, const Response& response,
                                     const ObjectivePolicy& policy) {
  KP_RETURN_IF_ERROR(ValidatePolicy(policy));
  if (IsHuman(item.type)) {
    return InvalidArgument("scoring.not_objective",
                           "item '" + item.id + "' is scored by examiners, not by machine",
                           "试题“" + item.id + "”由考评人员评分，不能机器评分");
  }
  if (!std::isfinite(points) || points <= 0) {
    return InvalidArgument("scoring.bad_points", "item '" + item.id + "' must carry more than 0 points",
                           "试题“" + item.id + "”的分值必须大于 0");
  }
  const bool choice = item.type != bank::ItemType::kFillIn;
  if ((choice && item.answer.empty()) || (!choice && item.blanks.empty())) {
    return InvalidArgument("scoring.bad_key", "item '" + item.id + "' has no answer key",
                           "试题“" + item.id + "”没有标准答案");
  }
  if ((item.type == bank::ItemType::kSingleChoice || item.type == bank::ItemType::kTrueFalse) &&
      item.answer.size() != 1) {
    return InvalidArgument("scoring.bad_key", "item '" + item.id + "' must have exactly one correct option",
                           "试题“" + item.id + "”必须恰好有一个正确选项");
  }
  ItemScore s = Skeleton(item, points);
  switch (item.type) {
    case bank::ItemType::kSingleChoice:
    case bank::ItemType::kTrueFalse:
      ScoreExact(item, response, s);
      break;
    case bank::ItemType::kMultipleChoice:
      ScoreMultiple(item, response, policy, s);
      break;
    case bank::ItemType::kFillIn:
      ScoreFillIn(item, response, s);
      break;
    case bank::ItemType::kShortAnswer:
    case bank::ItemType::kPractical:
      break;  // handled above
  }
  return s;
}

Result<PaperScore> ScorePaper(const bank::Paper& paper, const std::vector<bank::Item>& items,
                              const ScriptAnswers& answers, const ObjectivePolicy& policy,
                              double full_marks) {
  KP_RETURN_IF_ERROR(ValidatePolicy(policy));
  if (!std::isfinite(full_marks) || full_marks <= 0) {
    return InvalidArgument("scoring.bad_full_marks", "full marks must be greater than 0", "满分必须大于 0");
  }
  std::map<bank::ItemRef, const bank::Item*> index;
  for (const auto& it : items) index[bank::ItemRef{it.id, it.version}] = &it;

  PaperScore ps;
  ps.paper_id = paper.id;
  ps.full_marks = full_marks;
  for (const auto& pi : paper.items) {
    if (!std::isfinite(pi.points) || pi.points <= 0) {
      return InvalidArgument("scoring.bad_points",
                             "paper item '" + pi.item_id + "' must carry more than 0 points",
                             "试卷中试题“" + pi.item_id + "”的分值必须大于 0");
    }
    ps.raw_possible += pi.points;
  }
  if (paper.items.empty() || ps.raw_possible <= 0) {
    return InvalidArgument("scoring.empty_paper", "paper '" + paper.id + "' has no points to score",
                           "试卷“" + paper.id + "”没有可计分的试题");
  }
  ps.scale = full_marks / ps.raw_possible;

  std::map<std::string, std::size_t> function_index;
  for (const auto& pi : paper.items) {
    auto found = index.find(bank::ItemRef{pi.item_id, pi.item_version});
    if (found == index.end()) {
      return NotFound("scoring.item_missing",
                      "item " + pi.item_id + " v" + std::to_string(pi.item_version) + " of paper '" +
                          paper.id + "' was not supplied",
                      "未提供试卷“" + paper.id + "”中的试题 " + pi.item_id + "（第 " +
                          std::to_string(pi.item_version) + " 版）");
    }
    const bank::Item& item = *found->second;
    ItemScore s;
    if (IsHuman(item.type)) {
      s = Skeleton(item, pi.points);
      auto hp = answers.human_points.find(item.id);
      if (hp == answers.human_points.end()) {
        s.outcome = Outcome::kPendingHuman;
        ps.complete = false;
        ps.pending_items.push_back(item.id);
      } else {
        if (!std::isfinite(hp->second) || hp->second < 0 || hp->second > item.points + kScoreEpsilon ||
            item.points <= 0) {
          return InvalidArgument("scoring.human_points_out_of_range",
                                 "points for item '" + item.id + "' must be 0.." + FormatNumber(item.points) +
                                     " (got " + FormatNumber(hp->second) + ")",
                                 "试题“" + item.id + "”的评分应在 0 到 " + FormatNumber(item.points) +
                                     " 分之间（当前为 " + FormatNumber(hp->second) + "）");
        }
        s.earned = std::min(hp->second, item.points) * pi.points / item.points;
        s.outcome = s.earned >= s.possible ? Outcome::kCorrect
                    : s.earned > 0         ? Outcome::kPartial
                                           : Outcome::kWrong;
      }
    } else {
      auto r = answers.responses.find(item.id);
      static const Response kEmpty;
      KP_ASSIGN_OR_RETURN(
          s, ScoreObjectiveItem(item, pi.points, r == answers.responses.end() ? kEmpty : r->second, policy));
    }
    if (!pi.function.empty()) s.function = pi.function;  // the paper's tag wins over the item's

    auto [fit, inserted] = function_index.emplace(s.function, ps.functions.size());
    if (inserted) ps.functions.push_back(FunctionScore{.function = s.function});
    FunctionScore& fs = ps.functions[fit->second];
    ++fs.items;
    fs.earned += s.earned;
    fs.possible += s.possible;
    ps.raw_earned += s.earned;
    ps.items.push_back(std::move(s));
  }
  for (auto& fs : ps.functions) {
    fs.percent = fs.possible > 0 ? fs.earned * 100 / fs.possible : 0;
    fs.scaled_earned = fs.earned * ps.scale;
    fs.scaled_possible = fs.possible * ps.scale;
  }
  ps.total = ps.raw_earned * ps.scale;
  return ps;
}

}  // namespace kaoping::scoring
