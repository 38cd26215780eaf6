#include "core/scoring/rescore.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/scoring/numbers.h"

namespace kaoping::scoring {

const char* FlipName(Flip f) {
  switch (f) {
    case Flip::kNone:
      return "none";
    case Flip::kPassToFail:
      return "pass_to_fail";
    case Flip::kFailToPass:
      return "fail_to_pass";
  }
  return "none";
}

Result<RescoreReport> RescoreAfterKeyCorrection(const standards::Pack& pack, const std::string& subject,
                                                const bank::Paper& paper,
                                                const std::vector<bank::Item>& items,
                                                const KeyCorrection& correction,
                                                const std::vector<RescoreCandidate>& candidates,
                                                const ObjectivePolicy& policy) {
  if (std::all_of(correction.reason.begin(), correction.reason.end(),
                  [](unsigned char c) { return std::isspace(c); })) {
    return InvalidArgument("rescore.reason_required", "a key correction needs a reason",
                           "答案更正必须填写理由");
  }
  if (correction.corrected.empty()) {
    return InvalidArgument("rescore.no_corrections", "the key correction names no items",
                           "答案更正未包含任何试题");
  }
  const standards::Subject* subj = pack.exam_rules ? pack.exam_rules->FindSubject(subject) : nullptr;
  if (!subj) {
    return InvalidArgument("rescore.unknown_subject",
                           "'" + subject + "' is not a subject of standard '" + pack.id + "'",
                           "“" + subject + "”不是标准“" + pack.id + "”的考试科目");
  }

  // The paper as published, and the same paper with the corrected versions in place.
  std::vector<bank::Item> new_items = items;
  bank::Paper new_paper = paper;
  for (const auto& fix : correction.corrected) {
    auto pi = std::find_if(new_paper.items.begin(), new_paper.items.end(),
                           [&](const bank::PaperItem& p) { return p.item_id == fix.id; });
    if (pi == new_paper.items.end()) {
      return InvalidArgument("rescore.item_not_on_paper",
                             "item '" + fix.id + "' is not on paper '" + paper.id + "'",
                             "试题“" + fix.id + "”不在试卷“" + paper.id + "”中");
    }
    auto old = std::find_if(items.begin(), items.end(), [&](const bank::Item& it) {
      return it.id == pi->item_id && it.version == pi->item_version;
    });
    if (old != items.end() && old->type != fix.type) {
      return InvalidArgument("rescore.type_changed",
                             "the correction of item '" + fix.id + "' changes its type",
                             "试题“" + fix.id + "”的更正改变了题型");
    }
    pi->item_version = fix.version;
    new_items.push_back(fix);
  }

  RescoreReport report;
  report.subject = subject;
  report.reason = correction.reason;
  for (const auto& c : candidates) {
    auto context = [&](const Status& s) {
      return s.WithContext("candidate " + c.candidate, "考生 " + c.candidate);
    };
    auto old_score = ScorePaper(paper, items, c.answers, policy, subj->max_score);
    if (!old_score.ok()) return context(old_score.status());
    auto new_score = ScorePaper(new_paper, new_items, c.answers, policy, subj->max_score);
    if (!new_score.ok()) return context(new_score.status());

    DecisionInput in;
    in.level = c.level;
    in.scores = c.other_scores;
    in.planned_optional = c.planned_optional;
    in.scores[subject] = old_score->total;
    auto old_decision = DecideLevel(pack, in);
    if (!old_decision.ok()) return context(old_decision.status());
    in.scores[subject] = new_score->total;
    auto new_decision = DecideLevel(pack, in);
    if (!new_decision.ok()) return context(new_decision.status());

    RescoreEntry e;
    e.candidate = c.candidate;
    e.old_score = old_score->total;
    e.new_score = new_score->total;
    e.delta = e.new_score - e.old_score;
    for (std::size_t i = 0; i < old_score->items.size() && i < new_score->items.size(); ++i) {
      const ItemScore& a = old_score->items[i];
      const ItemScore& b = new_score->items[i];
      if (std::fabs(a.earned - b.earned) > kScoreEpsilon)
        e.items.push_back(ItemDelta{a.item_id, a.earned, b.earned});
    }
    const bool was = old_decision->passed;
    const bool is = new_decision->passed;
    e.flip = was == is ? Flip::kNone : was ? Flip::kPassToFail : Flip::kFailToPass;
    const bool grade_changed = old_decision->grade != new_decision->grade;
    e.old_decision = std::move(old_decision).value();
    e.new_decision = std::move(new_decision).value();
    if (std::fabs(e.delta) <= kScoreEpsilon && e.flip == Flip::kNone && !grade_changed) {
      ++report.unchanged;
      continue;
    }
    if (e.flip == Flip::kFailToPass) report.now_passing.push_back(e.candidate);
    if (e.flip == Flip::kPassToFail) report.now_failing.push_back(e.candidate);
    report.changed.push_back(std::move(e));
  }
  return report;
}

}  // namespace kaoping::scoring
