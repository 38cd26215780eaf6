// Level decisions by the result rules of the real packs (002, 003: all_subjects_pass; 000:
// weighted_dimensions with banding), the display rule, and the result lifecycle.
#include "core/scoring/decision.h"

#include <gtest/gtest.h>

#include "core/scoring/numbers.h"
#include "core/scoring/result_record.h"
#include "core/scoring/scoring_test_fixtures.h"

namespace kaoping::scoring {
namespace {

using testing::Pack000;
using testing::Pack002;
using testing::Pack003;

LevelDecision MustDecide(const standards::Pack& pack, const DecisionInput& in) {
  auto d = DecideLevel(pack, in);
  EXPECT_TRUE(d.ok()) << d.status();
  return d.ok() ? *d : LevelDecision{};
}

// ---- Numbers -------------------------------------------------------------------------------------

TEST(NumbersTest, DecisionsAreExactAndDisplayNeverRoundsUp) {
  EXPECT_TRUE(Reaches(60, 60));
  EXPECT_FALSE(Reaches(59.5, 60));
  EXPECT_FALSE(Reaches(59.99, 60));
  EXPECT_TRUE(Reaches(90.0 * 70 / 100 + 90.0 * 25 / 100 + 90.0 * 5 / 100, 90));
  EXPECT_EQ(FormatScore(59.5), "59.5");
  EXPECT_EQ(FormatScore(60), "60");
  EXPECT_EQ(FormatScore(59.96), "59.9");  // truncated: a failing score never shows as 60
  EXPECT_EQ(FormatScore(59.99), "59.9");
  EXPECT_EQ(FormatScore(67.5), "67.5");
  EXPECT_EQ(FormatScore(0), "0");
  EXPECT_DOUBLE_EQ(DisplayScore(89.99), 89.9);
  EXPECT_EQ(FormatPercent(45.9), "45");
  EXPECT_EQ(FormatNumber(0.5), "0.5");
  EXPECT_EQ(FormatNumber(100.0 / 3), "33.3333");
}

// ---- all_subjects_pass: 002 ----------------------------------------------------------------------

TEST(DecisionTest, Deploy002PassesAtExactlySixty) {
  LevelDecision d = MustDecide(Pack002(), {"mid", {{"theory", 60}, {"skill", 60}}, {}});
  EXPECT_TRUE(d.passed);
  EXPECT_EQ(d.rule, "all_subjects_pass");
  EXPECT_EQ(d.rule_ref, "1.5.3");
  EXPECT_EQ(d.level_name, "中级");
  EXPECT_FALSE(d.total.has_value());
  EXPECT_FALSE(d.grade.has_value());
  ASSERT_EQ(d.subjects.size(), 2u);  // review applies only to senior
  EXPECT_TRUE(d.subjects[0].gating);
  EXPECT_EQ(d.reasons[0].zh, "通过中级：各计分科目均达到合格线（1.5.3）");
  EXPECT_EQ(d.reasons[1].zh, "理论知识 60 分，达到合格线 60 分（1.5.3）");
  EXPECT_EQ(d.reasons[2].zh, "技能操作 60 分，达到合格线 60 分（1.5.3）");
  EXPECT_EQ(d.reasons[1].en, "理论知识 (theory exam): 60, reaches the pass mark of 60 (1.5.3)");
}

TEST(DecisionTest, Deploy002FailsAtFiftyNinePointFive) {
  LevelDecision d = MustDecide(Pack002(), {"mid", {{"theory", 59.5}, {"skill", 92}}, {}});
  EXPECT_FALSE(d.passed);
  EXPECT_FALSE(d.subjects[0].passed);
  EXPECT_TRUE(d.subjects[1].passed);
  EXPECT_EQ(d.reasons[0].zh, "未通过中级：理论知识未达到合格线（1.5.3）");
  EXPECT_EQ(d.reasons[1].zh, "理论知识 59.5 分，低于合格线 60 分（1.5.3）");
  EXPECT_EQ(d.reasons[1].en, "理论知识 (theory exam): 59.5, below the pass mark of 60 (1.5.3)");

  LevelDecision both = MustDecide(Pack002(), {"junior", {{"theory", 12}, {"skill", 59.99}}, {}});
  EXPECT_FALSE(both.passed);
  EXPECT_EQ(both.reasons[0].zh, "未通过初级：理论知识、技能操作未达到合格线（1.5.3）");
  EXPECT_EQ(both.reasons[2].zh, "技能操作 59.9 分，低于合格线 60 分（1.5.3）");
}

TEST(DecisionTest, Deploy002ReviewCountsOnlyWhenPlannedAndDoesNotGate) {
  // Senior without a review in the plan: listed, not counted.
  LevelDecision plain = MustDecide(Pack002(), {"senior", {{"theory", 75}, {"skill", 80}}, {}});
  EXPECT_TRUE(plain.passed);
  ASSERT_EQ(plain.subjects.size(), 3u);
  EXPECT_FALSE(plain.subjects[2].counted);
  EXPECT_EQ(plain.reasons.back().zh, "综合评审未纳入本次评价计划，不参与判定");

  // With the review planned: scored and reported, but 002 gives it no pass mark.
  LevelDecision reviewed =
      MustDecide(Pack002(), {"senior", {{"theory", 75}, {"skill", 80}, {"review", 40}}, {"review"}});
  EXPECT_TRUE(reviewed.passed);
  EXPECT_TRUE(reviewed.subjects[2].counted);
  EXPECT_FALSE(reviewed.subjects[2].gating);
  EXPECT_EQ(reviewed.reasons.back().zh, "综合评审 40 分，本标准未规定其合格线，不参与合格判定（1.5.3）");

  EXPECT_EQ(DecideLevel(Pack002(), {"senior", {{"theory", 75}, {"skill", 80}, {"review", 40}}, {}})
                .status()
                .reason(),
            "decision.subject_not_planned");
  EXPECT_EQ(DecideLevel(Pack002(), {"senior", {{"theory", 75}, {"skill", 80}}, {"review"}}).status().reason(),
            "decision.score_missing");
  EXPECT_EQ(DecideLevel(Pack002(), {"mid", {{"theory", 75}, {"skill", 80}}, {"review"}}).status().reason(),
            "decision.subject_not_for_level");
  EXPECT_EQ(DecideLevel(Pack002(), {"mid", {{"theory", 75}, {"skill", 80}}, {"theory"}}).status().reason(),
            "decision.subject_not_planned");
}

TEST(DecisionTest, InputErrors) {
  EXPECT_EQ(DecideLevel(Pack002(), {"mid", {{"theory", 75}}, {}}).status().reason(),
            "decision.score_missing");
  auto range = DecideLevel(Pack002(), {"mid", {{"theory", 100.5}, {"skill", 60}}, {}});
  EXPECT_EQ(range.status().reason(), "decision.score_out_of_range");
  EXPECT_NE(range.status().message_zh().find("理论知识成绩应在 0 到 100 分之间"), std::string::npos);
  EXPECT_EQ(DecideLevel(Pack002(), {"mid", {{"theory", -1}, {"skill", 60}}, {}}).status().reason(),
            "decision.score_out_of_range");
  EXPECT_EQ(DecideLevel(Pack002(), {"mid", {{"oral", 70}, {"skill", 60}}, {}}).status().reason(),
            "decision.unknown_subject");
  auto lvl = DecideLevel(Pack002(), {"master", {}, {}});
  EXPECT_EQ(lvl.status().reason(), "decision.unknown_level");
  EXPECT_EQ(lvl.status().code(), StatusCode::kNotFound);
  standards::Pack bare = Pack002();
  bare.result_rules.reset();
  EXPECT_EQ(DecideLevel(bare, {"mid", {}, {}}).status().reason(), "decision.no_result_rules");
}

// ---- all_subjects_pass: 003 ----------------------------------------------------------------------

TEST(DecisionTest, Technician003UsesItsOwnPassMarksAndClause) {
  LevelDecision pass = MustDecide(Pack003(), {"senior", {{"theory", 60}, {"skill", 60}}, {}});
  EXPECT_TRUE(pass.passed);
  EXPECT_EQ(pass.reasons[2].zh, "专业能力 60 分，达到合格线 60 分（1.9.2）");

  LevelDecision fail = MustDecide(Pack003(), {"junior", {{"theory", 88}, {"skill", 59.5}}, {}});
  EXPECT_FALSE(fail.passed);
  EXPECT_EQ(fail.reasons[0].zh, "未通过初级：专业能力未达到合格线（1.9.2）");
  EXPECT_EQ(fail.reasons[2].zh, "专业能力 59.5 分，低于合格线 60 分（1.9.2）");
  // 003 has no review subject at all.
  EXPECT_EQ(DecideLevel(Pack003(), {"senior", {{"theory", 60}, {"skill", 60}, {"review", 80}}, {}})
                .status()
                .reason(),
            "decision.unknown_subject");
}

// ---- weighted_dimensions: 000 --------------------------------------------------------------------

// Equal scores on every dimension give that score as the total (each column sums to 100).
LevelDecision Uniform(const std::string& level, double x) {
  return MustDecide(Pack000(), {level, {{"written", x}, {"lab", x}, {"achievement", x}}, {}});
}

TEST(DecisionTest, Capability000BandingAtTheEdges) {
  struct Case {
    double total;
    bool passed;
    std::optional<int> grade;
  };
  for (const Case& c :
       {Case{89.99, true, 5}, Case{90, true, 6}, Case{75, true, 5}, Case{74.99, true, 4}, Case{60, true, 4},
        Case{59.99, false, std::nullopt}, Case{100, true, 6}, Case{0, false, {}}}) {
    LevelDecision d = Uniform("mid", c.total);
    EXPECT_EQ(d.passed, c.passed) << c.total;
    EXPECT_EQ(d.grade, c.grade) << c.total;
    ASSERT_TRUE(d.total.has_value());
    EXPECT_NEAR(*d.total, c.total, 1e-9);
  }
  EXPECT_EQ(Uniform("junior", 90).grade, 3);
  EXPECT_EQ(Uniform("senior", 75).grade, 8);
  EXPECT_EQ(Uniform("senior", 60).grade, 7);
}

TEST(DecisionTest, Capability000WeightsComeFromTheLevelsColumn) {
  // Junior weights 70 / 25 / 5: 100 × 0.70 + 80 × 0.25 + 0 × 0.05 = 90 → top grade of junior.
  LevelDecision j =
      MustDecide(Pack000(), {"junior", {{"written", 100}, {"lab", 80}, {"achievement", 0}}, {}});
  EXPECT_TRUE(j.passed);
  EXPECT_NEAR(*j.total, 90, 1e-9);
  EXPECT_EQ(j.grade, 3);
  EXPECT_EQ(j.rule, "weighted_dimensions");
  EXPECT_TRUE(j.platform_interpretation);
  ASSERT_EQ(j.subjects.size(), 3u);
  EXPECT_EQ(j.subjects[0].dimension, "knowledge");
  EXPECT_EQ(j.subjects[0].subject, "written");
  EXPECT_EQ(j.subjects[0].weight, 70);
  EXPECT_NEAR(*j.subjects[1].weighted, 20, 1e-9);
  EXPECT_EQ(
      j.reasons[0].zh,
      "定为初级 3 等：评价总分 90 分，达到合格线 60 分，且不低于 90 分（该等级第 3 等，B.1，平台解释）");
  EXPECT_EQ(j.reasons[1].zh,
            "评价总分 = 专业知识 100 × 70% + 技术技能 80 × 25% + 工程实践 0 × 5% = 90 分（权重表 "
            "tier_weights，初级列）");
  EXPECT_EQ(j.reasons[2].zh, "专业知识 100 分 × 权重 70% = 70 分（B.1）");

  // The same scores at senior (20 / 30 / 50): 20 + 24 + 0 = 44 → not placed.
  LevelDecision s =
      MustDecide(Pack000(), {"senior", {{"knowledge", 100}, {"skills", 80}, {"practice", 0}}, {}});
  EXPECT_FALSE(s.passed);
  EXPECT_NEAR(*s.total, 44, 1e-9);
  EXPECT_FALSE(s.grade.has_value());
  EXPECT_EQ(s.reasons[0].zh, "不在高级定等：评价总分 44 分，低于合格线 60 分（B.1，平台解释）");

  LevelDecision edge = Uniform("mid", 59.99);
  EXPECT_EQ(edge.reasons[0].zh, "不在中级定等：评价总分 59.9 分，低于合格线 60 分（B.1，平台解释）");

  EXPECT_EQ(DecideLevel(Pack000(),
                        {"mid", {{"written", 80}, {"knowledge", 80}, {"lab", 1}, {"achievement", 1}}, {}})
                .status()
                .reason(),
            "decision.duplicate_score");
  EXPECT_EQ(DecideLevel(Pack000(), {"mid", {{"written", 80}, {"lab", 80}}, {}}).status().reason(),
            "decision.score_missing");
  EXPECT_EQ(DecideLevel(Pack000(), {"mid", {{"theory", 80}}, {}}).status().reason(),
            "decision.unknown_subject");
}

// ---- Result lifecycle -------------------------------------------------------------------------------

TEST(ResultRecordTest, ComputedReviewedPublishedAndGuards) {
  LevelDecision d = MustDecide(Pack002(), {"mid", {{"theory", 70}, {"skill", 65}}, {}});
  ResultTransition t = NewResult("app-17", d, 100);
  EXPECT_EQ(t.record.state, ResultState::kComputed);
  EXPECT_EQ(t.record.revision, 1);
  EXPECT_EQ(t.audit.action, "computed");
  EXPECT_FALSE(t.audit.passed_before.has_value());
  EXPECT_TRUE(t.audit.passed_after);

  EXPECT_EQ(Publish(t.record, 3, 200).status().reason(), "result.not_reviewed");
  EXPECT_EQ(MarkReviewed(t.record, 0, 200).status().reason(), "result.actor_required");
  EXPECT_EQ(Correct(t.record, d, 3, "typo", 200).status().reason(), "result.not_published");

  // A late change before publication is a recompute: back to computed, same revision.
  LevelDecision lower = MustDecide(Pack002(), {"mid", {{"theory", 70}, {"skill", 55}}, {}});
  auto rv = MarkReviewed(t.record, 3, 200);
  ASSERT_TRUE(rv.ok());
  auto rc = Recompute(rv->record, lower, 4, 250);
  ASSERT_TRUE(rc.ok()) << rc.status();
  EXPECT_EQ(rc->record.state, ResultState::kComputed);
  EXPECT_EQ(rc->record.revision, 1);
  EXPECT_EQ(rc->record.reviewed_by, 0);
  EXPECT_EQ(rc->audit.passed_before, true);
  EXPECT_FALSE(rc->audit.passed_after);

  LevelDecision other_level = MustDecide(Pack002(), {"junior", {{"theory", 70}, {"skill", 65}}, {}});
  EXPECT_EQ(Recompute(rc->record, other_level, 4, 260).status().reason(), "result.level_mismatch");

  auto rv2 = MarkReviewed(rc->record, 3, 300);
  ASSERT_TRUE(rv2.ok());
  EXPECT_EQ(MarkReviewed(rv2->record, 3, 301).status().reason(), "result.not_computed");
  auto pub = Publish(rv2->record, 5, 400);
  ASSERT_TRUE(pub.ok());
  EXPECT_EQ(pub->record.state, ResultState::kPublished);
  EXPECT_EQ(pub->record.published_by, 5);
  EXPECT_STREQ(ResultStateName(pub->record.state), "published");
  EXPECT_EQ(ParseResultState("reviewed"), ResultState::kReviewed);
  EXPECT_EQ(Correct(pub->record, d, 0, "复核更正", 500).status().reason(), "result.actor_required");
}

}  // namespace
}  // namespace kaoping::scoring
