// Objective scoring per item type, the per-function breakdown with 100-point scaling, and
// rescoring after a key correction followed by a corrected, republished result.
#include "core/scoring/objective.h"

#include <gtest/gtest.h>

#include "core/scoring/decision.h"
#include "core/scoring/rescore.h"
#include "core/scoring/result_record.h"
#include "core/scoring/scoring_test_fixtures.h"

namespace kaoping::scoring {
namespace {

using bank::ItemType;
using testing::Answers;
using testing::Choice;
using testing::FillIn;
using testing::JuniorItems;
using testing::JuniorPaper;
using testing::Pack002;

Response Chose(std::vector<std::string> c) {
  return Response{std::move(c), {}};
}
Response Wrote(std::vector<std::string> b) {
  return Response{{}, std::move(b)};
}

ItemScore MustScore(const bank::Item& it, double points, const Response& r, const ObjectivePolicy& p = {}) {
  auto s = ScoreObjectiveItem(it, points, r, p);
  EXPECT_TRUE(s.ok()) << s.status();
  return s.ok() ? *s : ItemScore{};
}

TEST(ObjectiveTest, SingleChoiceIsExact) {
  const bank::Item it = Choice("s", ItemType::kSingleChoice, {"A", "B", "C", "D"}, {"B"});
  EXPECT_DOUBLE_EQ(MustScore(it, 2, Chose({"B"})).earned, 2);
  EXPECT_EQ(MustScore(it, 2, Chose({"B"})).outcome, Outcome::kCorrect);
  EXPECT_DOUBLE_EQ(MustScore(it, 2, Chose({"A"})).earned, 0);
  EXPECT_EQ(MustScore(it, 2, Chose({"A"})).outcome, Outcome::kWrong);
  // Two choices on a single-choice item are wrong even when one is the key.
  EXPECT_DOUBLE_EQ(MustScore(it, 2, Chose({"B", "C"})).earned, 0);
  EXPECT_EQ(MustScore(it, 2, Chose({})).outcome, Outcome::kUnanswered);
  // The same option sent twice is one choice.
  EXPECT_DOUBLE_EQ(MustScore(it, 2, Chose({"B", "B"})).earned, 2);
}

TEST(ObjectiveTest, TrueFalseIsExact) {
  const bank::Item it = Choice("t", ItemType::kTrueFalse, {"true", "false"}, {"false"});
  EXPECT_DOUBLE_EQ(MustScore(it, 1.5, Chose({"false"})).earned, 1.5);
  EXPECT_DOUBLE_EQ(MustScore(it, 1.5, Chose({"true"})).earned, 0);
  EXPECT_DOUBLE_EQ(MustScore(it, 1.5, Chose({"true", "false"})).earned, 0);
}

TEST(ObjectiveTest, MultipleChoiceAllOrNothing) {
  const bank::Item it = Choice("m", ItemType::kMultipleChoice, {"A", "B", "C", "D"}, {"A", "C", "D"});
  const ObjectivePolicy aon;  // default: all_or_nothing
  EXPECT_DOUBLE_EQ(MustScore(it, 3, Chose({"D", "A", "C"}), aon).earned, 3);
  // 少选 earns nothing under all-or-nothing.
  ItemScore under = MustScore(it, 3, Chose({"A", "C"}), aon);
  EXPECT_DOUBLE_EQ(under.earned, 0);
  EXPECT_EQ(under.outcome, Outcome::kWrong);
  EXPECT_DOUBLE_EQ(MustScore(it, 3, Chose({"A", "B", "C", "D"}), aon).earned, 0);
}

TEST(ObjectiveTest, MultipleChoicePartialProportional) {
  const bank::Item it = Choice("m", ItemType::kMultipleChoice, {"A", "B", "C", "D"}, {"A", "C", "D"});
  ObjectivePolicy partial{MultipleChoiceRule::kPartial, std::nullopt};
  EXPECT_DOUBLE_EQ(MustScore(it, 3, Chose({"A", "C", "D"}), partial).earned, 3);
  ItemScore two = MustScore(it, 3, Chose({"A", "C"}), partial);  // 2 of 3 → 3 × 2/3
  EXPECT_DOUBLE_EQ(two.earned, 2);
  EXPECT_EQ(two.outcome, Outcome::kPartial);
  EXPECT_DOUBLE_EQ(MustScore(it, 3, Chose({"D"}), partial).earned, 1);  // 1 of 3
  // Any wrong choice earns 0, even with correct ones beside it.
  ItemScore wrong = MustScore(it, 3, Chose({"A", "B"}), partial);
  EXPECT_DOUBLE_EQ(wrong.earned, 0);
  EXPECT_EQ(wrong.outcome, Outcome::kWrong);
  EXPECT_DOUBLE_EQ(MustScore(it, 3, Chose({"A", "B", "C", "D"}), partial).earned, 0);
}

TEST(ObjectiveTest, MultipleChoicePartialFixedFraction) {
  const bank::Item it =
      Choice("m", ItemType::kMultipleChoice, {"A", "B", "C", "D", "E"}, {"A", "B", "C", "E"});
  ObjectivePolicy half{MultipleChoiceRule::kPartial, 0.5};
  EXPECT_DOUBLE_EQ(MustScore(it, 4, Chose({"A"}), half).earned, 2);
  EXPECT_DOUBLE_EQ(MustScore(it, 4, Chose({"A", "B", "C"}), half).earned, 2);
  EXPECT_DOUBLE_EQ(MustScore(it, 4, Chose({"A", "B", "C", "E"}), half).earned, 4);
  EXPECT_DOUBLE_EQ(MustScore(it, 4, Chose({"A", "D"}), half).earned, 0);
}

TEST(ObjectiveTest, PolicyAndKeyErrors) {
  const bank::Item it = Choice("m", ItemType::kMultipleChoice, {"A", "B", "C"}, {"A", "B"});
  for (double f : {0.0, 1.0, 1.5, -0.2}) {
    auto r = ScoreObjectiveItem(it, 2, Chose({"A"}), ObjectivePolicy{MultipleChoiceRule::kPartial, f});
    ASSERT_FALSE(r.ok()) << f;
    EXPECT_EQ(r.status().reason(), "scoring.bad_policy");
  }
  EXPECT_EQ(ValidatePolicy(ObjectivePolicy{MultipleChoiceRule::kAllOrNothing, 0.5}).reason(),
            "scoring.bad_policy");
  EXPECT_EQ(ParseMultipleChoiceRule("partial"), MultipleChoiceRule::kPartial);
  EXPECT_FALSE(ParseMultipleChoiceRule("most").has_value());

  bank::Item no_key = it;
  no_key.answer.clear();
  EXPECT_EQ(ScoreObjectiveItem(no_key, 2, Chose({"A"}), {}).status().reason(), "scoring.bad_key");
  EXPECT_EQ(ScoreObjectiveItem(it, 0, Chose({"A"}), {}).status().reason(), "scoring.bad_points");
  bank::Item essay;
  essay.id = "e";
  essay.type = ItemType::kShortAnswer;
  auto r = ScoreObjectiveItem(essay, 5, {}, {});
  EXPECT_EQ(r.status().reason(), "scoring.not_objective");
  EXPECT_NE(r.status().message_zh().find("考评人员"), std::string::npos);
}

TEST(ObjectiveTest, FillInNormalisesEachBlankAndSplitsPointsEqually) {
  const bank::Item it = FillIn("f", {{"1", {"vLLM", "vllm serve"}, 0}, {"2", {"张量并行,流水线并行"}, 0}}, 4);
  ItemScore both = MustScore(it, 4, Wrote({"ＶＬＬＭ", "张量并行，流水线并行。"}));
  EXPECT_DOUBLE_EQ(both.earned, 4);
  EXPECT_EQ(both.outcome, Outcome::kCorrect);
  ASSERT_EQ(both.blanks.size(), 2u);
  EXPECT_EQ(both.blanks[0].normalized, "vllm");
  EXPECT_DOUBLE_EQ(both.blanks[1].possible, 2);

  ItemScore one = MustScore(it, 4, Wrote({" vllm  SERVE ", "数据并行"}));
  EXPECT_DOUBLE_EQ(one.earned, 2);
  EXPECT_EQ(one.outcome, Outcome::kPartial);
  EXPECT_TRUE(one.blanks[0].correct);
  EXPECT_FALSE(one.blanks[1].correct);

  EXPECT_EQ(MustScore(it, 4, Wrote({})).outcome, Outcome::kUnanswered);
  EXPECT_EQ(MustScore(it, 4, Wrote({"sglang"})).outcome, Outcome::kWrong);
}

TEST(ObjectiveTest, FillInBlankPointsAreScaledToThePapersPoints) {
  // The item is worth 4 (1 + 3); on this paper it carries 8, so the blanks are worth 2 and 6.
  const bank::Item it = FillIn("f", {{"1", {"INT8"}, 1}, {"2", {"AWQ"}, 3}}, 4);
  ItemScore s = MustScore(it, 8, Wrote({"ｉｎｔ８", "gptq"}));
  EXPECT_DOUBLE_EQ(s.blanks[0].possible, 2);
  EXPECT_DOUBLE_EQ(s.blanks[1].possible, 6);
  EXPECT_DOUBLE_EQ(s.earned, 2);
}

TEST(ObjectiveTest, PaperBreakdownPerFunctionAndHundredPointScale) {
  // 80 raw points → scale 1.25; function 1 carries 40 of them, function 4 the other 40.
  ScriptAnswers a = Answers({"A"}, {"A", "C", "D"}, {"vllm", "数据并行"}, {"false"}, {"C"}, 4);
  auto ps = ScorePaper(JuniorPaper(), JuniorItems(), a, {});
  ASSERT_TRUE(ps.ok()) << ps.status();
  EXPECT_DOUBLE_EQ(ps->raw_possible, 80);
  EXPECT_DOUBLE_EQ(ps->scale, 1.25);
  // s1 10 + m1 10 + f1 10 + t1 0 + s2 10 + q1 4/10 × 20 = 8 → 48 raw → 60 on 100.
  EXPECT_DOUBLE_EQ(ps->raw_earned, 48);
  EXPECT_DOUBLE_EQ(ps->total, 60);
  EXPECT_TRUE(ps->complete);
  ASSERT_EQ(ps->functions.size(), 2u);
  EXPECT_EQ(ps->functions[0].function, "function:1");
  EXPECT_EQ(ps->functions[0].items, 3);
  EXPECT_DOUBLE_EQ(ps->functions[0].earned, 30);
  EXPECT_DOUBLE_EQ(ps->functions[0].percent, 75);
  EXPECT_DOUBLE_EQ(ps->functions[0].scaled_earned, 37.5);
  EXPECT_DOUBLE_EQ(ps->functions[0].scaled_possible, 50);
  EXPECT_EQ(ps->functions[1].function, "function:4");
  EXPECT_DOUBLE_EQ(ps->functions[1].earned, 18);
  EXPECT_DOUBLE_EQ(ps->functions[1].percent, 45);
  EXPECT_DOUBLE_EQ(ps->functions[1].scaled_earned, 22.5);
  EXPECT_DOUBLE_EQ(ps->items[5].earned, 8);
  EXPECT_EQ(ps->items[5].outcome, Outcome::kPartial);
}

TEST(ObjectiveTest, PaperWithPendingHumanItemIsIncomplete) {
  ScriptAnswers a = Answers({"A"}, {}, {}, {"true"}, {"C"}, 0);
  a.human_points.clear();
  auto ps = ScorePaper(JuniorPaper(), JuniorItems(), a, {});
  ASSERT_TRUE(ps.ok()) << ps.status();
  EXPECT_FALSE(ps->complete);
  EXPECT_EQ(ps->pending_items, std::vector<std::string>{"q1"});
  EXPECT_EQ(ps->items[5].outcome, Outcome::kPendingHuman);
  EXPECT_DOUBLE_EQ(ps->total, 37.5);  // 30 raw × 1.25
}

TEST(ObjectiveTest, PaperErrors) {
  ScriptAnswers a = Answers({"A"}, {}, {}, {}, {}, 11);  // q1 is worth 10 on its own scale
  EXPECT_EQ(ScorePaper(JuniorPaper(), JuniorItems(), a, {}).status().reason(),
            "scoring.human_points_out_of_range");
  std::vector<bank::Item> items = JuniorItems();
  items.pop_back();
  auto missing = ScorePaper(JuniorPaper(), items, {}, {});
  EXPECT_EQ(missing.status().reason(), "scoring.item_missing");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  bank::Paper empty = JuniorPaper();
  empty.items.clear();
  EXPECT_EQ(ScorePaper(empty, JuniorItems(), {}, {}).status().reason(), "scoring.empty_paper");
}

// ---- Rescoring after a key correction, then correction and republication -------------------------

TEST(RescoreTest, KeyCorrectionListsFlipsAndTheResultIsRepublished) {
  const standards::Pack& pack = Pack002();
  const bank::Paper paper = JuniorPaper();
  const std::vector<bank::Item> items = JuniorItems();

  // x answered B to s1 (marked wrong under the old key A), y answered A, z answered C.
  std::vector<RescoreCandidate> cands = {
      {"x",
       "junior",
       Answers({"B"}, {"A", "C", "D"}, {"vllm", "张量并行、流水线并行"}, {"true"}, {"A"}, 2),
       {{"skill", 70}},
       {}},
      {"y",
       "junior",
       Answers({"A"}, {"A", "C", "D"}, {"vllm", "张量并行，流水线并行"}, {"false"}, {"B"}, 4),
       {{"skill", 70}},
       {}},
      {"z",
       "junior",
       Answers({"C"}, {"A", "C", "D"}, {"vllm", "张量并行，流水线并行"}, {"true"}, {"C"}, 5),
       {{"skill", 70}},
       {}},
  };

  // Before the correction: x 44 raw → 55 (fails), y 48 → 60 (passes, exactly on the line).
  std::map<std::string, ResultRecord> published;
  for (const auto& c : cands) {
    auto ps = ScorePaper(paper, items, c.answers, {});
    ASSERT_TRUE(ps.ok()) << ps.status();
    DecisionInput in{c.level, c.other_scores, {}};
    in.scores["theory"] = ps->total;
    auto d = DecideLevel(pack, in);
    ASSERT_TRUE(d.ok()) << d.status();
    ResultTransition t = NewResult(c.candidate, *d, 1000);
    auto rv = MarkReviewed(t.record, 7, 2000);
    ASSERT_TRUE(rv.ok()) << rv.status();
    auto pub = Publish(rv->record, 8, 3000);
    ASSERT_TRUE(pub.ok()) << pub.status();
    published[c.candidate] = pub->record;
  }
  EXPECT_FALSE(published["x"].decision.passed);
  EXPECT_TRUE(published["y"].decision.passed);
  EXPECT_TRUE(published["z"].decision.passed);

  bank::Item fixed = items[0];
  fixed.version = 2;
  fixed.answer = {"B"};
  KeyCorrection corr{{fixed}, "第 1 题标准答案应为 B（命题组复核）"};
  auto report = RescoreAfterKeyCorrection(pack, "theory", paper, items, corr, cands, {});
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_EQ(report->changed.size(), 2u);
  EXPECT_EQ(report->unchanged, 1);  // z chose C: wrong under both keys
  const RescoreEntry& x = report->changed[0];
  EXPECT_EQ(x.candidate, "x");
  EXPECT_DOUBLE_EQ(x.old_score, 55);
  EXPECT_DOUBLE_EQ(x.new_score, 67.5);
  EXPECT_DOUBLE_EQ(x.delta, 12.5);
  EXPECT_EQ(x.flip, Flip::kFailToPass);
  ASSERT_EQ(x.items.size(), 1u);
  EXPECT_EQ(x.items[0].item_id, "s1");
  EXPECT_DOUBLE_EQ(x.items[0].new_earned, 10);
  const RescoreEntry& y = report->changed[1];
  EXPECT_EQ(y.candidate, "y");
  EXPECT_DOUBLE_EQ(y.old_score, 60);
  EXPECT_DOUBLE_EQ(y.new_score, 47.5);
  EXPECT_EQ(y.flip, Flip::kPassToFail);
  EXPECT_STREQ(FlipName(y.flip), "pass_to_fail");
  EXPECT_EQ(report->now_passing, std::vector<std::string>{"x"});
  EXPECT_EQ(report->now_failing, std::vector<std::string>{"y"});
  EXPECT_EQ(y.new_decision.reasons[1].zh, "理论知识 47.5 分，低于合格线 60 分（1.5.3）");

  // The service corrects each published result that changed, with the correction's reason.
  for (const auto& e : report->changed) {
    const ResultRecord& old = published[e.candidate];
    // A published result cannot be recomputed in place, and a correction needs a reason.
    EXPECT_EQ(Recompute(old, e.new_decision, 9, 4000).status().reason(), "result.published");
    EXPECT_EQ(Correct(old, e.new_decision, 9, "  ", 4000).status().reason(), "result.reason_required");
    auto c = Correct(old, e.new_decision, 9, report->reason, 4000);
    ASSERT_TRUE(c.ok()) << c.status();
    EXPECT_EQ(c->record.revision, 2);
    EXPECT_EQ(c->record.state, ResultState::kComputed);
    EXPECT_EQ(c->audit.action, "corrected");
    EXPECT_EQ(c->audit.reason, "第 1 题标准答案应为 B（命题组复核）");
    EXPECT_EQ(c->audit.passed_before, old.decision.passed);
    EXPECT_EQ(c->audit.passed_after, e.new_decision.passed);
    // Publishing needs a review first.
    EXPECT_EQ(Publish(c->record, 8, 4500).status().reason(), "result.not_reviewed");
    auto rv = MarkReviewed(c->record, 7, 5000);
    ASSERT_TRUE(rv.ok());
    auto pub = Publish(rv->record, 8, 6000);
    ASSERT_TRUE(pub.ok());
    EXPECT_EQ(pub->record.state, ResultState::kPublished);
    EXPECT_EQ(pub->record.revision, 2);
    EXPECT_EQ(pub->record.correction_reason, report->reason);
    EXPECT_EQ(pub->audit.action, "published");
    published[e.candidate] = pub->record;
  }
  EXPECT_TRUE(published["x"].decision.passed);
  EXPECT_FALSE(published["y"].decision.passed);
}

TEST(RescoreTest, Errors) {
  const bank::Paper paper = JuniorPaper();
  const std::vector<bank::Item> items = JuniorItems();
  bank::Item fixed = items[0];
  fixed.version = 2;
  EXPECT_EQ(
      RescoreAfterKeyCorrection(Pack002(), "theory", paper, items, {{fixed}, ""}, {}, {}).status().reason(),
      "rescore.reason_required");
  EXPECT_EQ(RescoreAfterKeyCorrection(Pack002(), "theory", paper, items, {{}, "r"}, {}, {}).status().reason(),
            "rescore.no_corrections");
  bank::Item stranger = fixed;
  stranger.id = "zz";
  EXPECT_EQ(RescoreAfterKeyCorrection(Pack002(), "theory", paper, items, {{stranger}, "r"}, {}, {})
                .status()
                .reason(),
            "rescore.item_not_on_paper");
  bank::Item retyped = fixed;
  retyped.type = ItemType::kMultipleChoice;
  EXPECT_EQ(RescoreAfterKeyCorrection(Pack002(), "theory", paper, items, {{retyped}, "r"}, {}, {})
                .status()
                .reason(),
            "rescore.type_changed");
  EXPECT_EQ(
      RescoreAfterKeyCorrection(Pack002(), "oral", paper, items, {{fixed}, "r"}, {}, {}).status().reason(),
      "rescore.unknown_subject");
  // A candidate whose other scores are incomplete: the decision's error, naming the candidate.
  std::vector<RescoreCandidate> c = {{"w", "junior", Answers({"A"}, {}, {}, {}, {}, 0), {}, {}}};
  auto r = RescoreAfterKeyCorrection(Pack002(), "theory", paper, items, {{fixed}, "r"}, c, {});
  EXPECT_EQ(r.status().reason(), "decision.score_missing");
  EXPECT_NE(r.status().message().find("candidate w"), std::string::npos);
}

}  // namespace
}  // namespace kaoping::scoring
