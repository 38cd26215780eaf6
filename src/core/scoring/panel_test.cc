// Examiner panels: the staffing check against the real packs, the scoring state machine
// (median, spread → chief adjudication, one submission per examiner), workload, replay, and the
// comprehensive review built on it.
#include "core/scoring/panel.h"

#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "core/scoring/decision.h"
#include "core/scoring/review.h"
#include "core/scoring/scoring_test_fixtures.h"

namespace kaoping::scoring {
namespace {

using testing::Pack000;
using testing::Pack002;
using testing::Pack003;

std::vector<std::string> Codes(const std::vector<PanelViolation>& v) {
  std::vector<std::string> out;
  for (const auto& x : v) out.push_back(x.code);
  return out;
}

// ---- Staffing check --------------------------------------------------------------------------------

TEST(CheckScoringPanelTest, TwoExaminersAreTooFewAndEven) {
  auto v = CheckScoringPanel(Pack002(), "skill", {11, 12}, 20);
  EXPECT_EQ(Codes(v), (std::vector<std::string>{"panel.too_few_examiners", "panel.examiners_not_odd"}));
  EXPECT_EQ(v[0].message_zh, "技能操作评分至少需要 3 名考评人员（当前 2 名）");
  EXPECT_EQ(v[0].ref, "1.5.4 L69");
  EXPECT_EQ(v[1].message_zh, "考评人员人数应为奇数（当前 2 名）");
}

TEST(CheckScoringPanelTest, FourExaminersAreEven) {
  auto v = CheckScoringPanel(Pack002(), "skill", {11, 12, 13, 14}, 20);
  EXPECT_EQ(Codes(v), std::vector<std::string>{"panel.examiners_not_odd"});
  EXPECT_EQ(v[0].message_en, "the number of examiners must be odd (has 4)");
  EXPECT_TRUE(CheckScoringPanel(Pack002(), "skill", {11, 12, 13}, 200).empty());  // 002 sets no ratio
}

TEST(CheckScoringPanelTest, TechnicianRatioOfOnePerTenCandidates) {
  auto v = CheckScoringPanel(Pack003(), "skill", {11, 12, 13}, 40);
  ASSERT_EQ(Codes(v), std::vector<std::string>{"panel.too_few_for_candidates"});
  EXPECT_EQ(
      v[0].message_zh,
      "40 名考生至少需要 4 名考评人员（每 10 名考生不少于 1 名），当前 3 名；满足全部规则的最少人数为 5 名");
  EXPECT_EQ(v[0].ref, "1.9.3 L210-L212");
  EXPECT_TRUE(CheckScoringPanel(Pack003(), "skill", {11, 12, 13}, 30).empty());
  EXPECT_TRUE(CheckScoringPanel(Pack003(), "skill", {11, 12, 13, 14, 15}, 40).empty());
  EXPECT_EQ(Codes(CheckScoringPanel(Pack003(), "skill", {11, 12, 13, 14}, 40)),
            std::vector<std::string>{"panel.examiners_not_odd"});
}

TEST(CheckScoringPanelTest, PlatformRuleWhereThePackSaysNothingAndInputErrors) {
  // 003 theory has no examiner rule: short answers are still scored by an odd panel of ≥ 3.
  auto v = CheckScoringPanel(Pack003(), "theory", {11}, 25);
  ASSERT_EQ(Codes(v), std::vector<std::string>{"panel.too_few_examiners"});
  EXPECT_EQ(v[0].message_zh, "理论知识评分至少需要 3 名考评人员（当前 1 名），平台规则");
  EXPECT_EQ(v[0].ref, "");
  EXPECT_TRUE(CheckScoringPanel(Pack003(), "theory", {11, 12, 13}, 25).empty());

  auto dup = CheckScoringPanel(Pack002(), "skill", {11, 12, 11, 13}, 10);
  EXPECT_EQ(Codes(dup), std::vector<std::string>{"panel.duplicate_examiner"});
  EXPECT_EQ(dup[0].field, "examiners[2]");
  EXPECT_EQ(Codes(CheckScoringPanel(Pack002(), "oral", {11, 12, 13}, 10)),
            std::vector<std::string>{"panel.unknown_subject"});
  EXPECT_EQ(Codes(CheckScoringPanel(Pack002(), "skill", {11, 12, 13}, 0)),
            std::vector<std::string>{"panel.no_candidates"});
}

// ---- State machine ---------------------------------------------------------------------------------

constexpr std::int64_t kChief = 100;

ScoringPanel MustPanel(std::vector<std::int64_t> examiners, SpreadRule rule = {}) {
  auto p = ScoringPanel::Create(std::move(examiners), kChief, rule);
  EXPECT_TRUE(p.ok()) << p.status();
  return std::move(p).value();
}

std::vector<Criterion> TwoCriteria() {
  return {{"c1", "定位步骤", 10}, {"c2", "处理措施", 10}};
}

TEST(PanelTest, MedianOfThree) {
  ScoringPanel p = MustPanel({1, 2, 3});
  ASSERT_TRUE(p.AddScript({"S-001", TwoCriteria(), {}, {}}).ok());
  ASSERT_TRUE(p.Submit(1, "S-001", {{"c1", 7}, {"c2", 5}}, 10).ok());
  ASSERT_TRUE(p.Submit(2, "S-001", {{"c1", 9}, {"c2", 6.5}}, 11).ok());
  auto mid = p.ResultFor("S-001");
  ASSERT_TRUE(mid.ok());
  EXPECT_EQ(mid->state, ScriptState::kScoring);
  EXPECT_FALSE(mid->criteria[0].median.has_value());
  EXPECT_FALSE(mid->total.has_value());
  ASSERT_TRUE(p.Submit(3, "S-001", {{"c1", 8}, {"c2", 6}}, 12).ok());
  auto r = p.ResultFor("S-001");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->state, ScriptState::kFinal);
  EXPECT_DOUBLE_EQ(*r->criteria[0].median, 8);
  EXPECT_DOUBLE_EQ(*r->criteria[0].spread, 2);  // = 20 % of 10: not above the threshold
  EXPECT_FALSE(r->criteria[0].needs_adjudication);
  EXPECT_DOUBLE_EQ(*r->criteria[1].median, 6);
  EXPECT_DOUBLE_EQ(*r->total, 14);
  EXPECT_DOUBLE_EQ(r->max_total, 20);
  EXPECT_DOUBLE_EQ(*r->Scaled(), 70);
}

TEST(PanelTest, MedianOfFive) {
  EXPECT_DOUBLE_EQ(Median({1, 5, 3, 9, 4}), 4);
  EXPECT_DOUBLE_EQ(Median({7, 9, 8}), 8);
  EXPECT_DOUBLE_EQ(Median({2, 4}), 3);
  ScoringPanel p = MustPanel({1, 2, 3, 4, 5}, {SpreadRule::Kind::kPoints, 4});
  ASSERT_TRUE(p.AddScript({"S-002", {{"c1", "方案设计", 20}}, {}, {}}).ok());
  const double scores[] = {12, 16, 13, 15, 14};
  for (std::int64_t e = 1; e <= 5; ++e) ASSERT_TRUE(p.Submit(e, "S-002", {{"c1", scores[e - 1]}}, e).ok());
  auto r = p.ResultFor("S-002");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->state, ScriptState::kFinal);
  EXPECT_DOUBLE_EQ(*r->criteria[0].median, 14);
  EXPECT_DOUBLE_EQ(*r->criteria[0].spread, 4);  // = the 4-point threshold: no adjudication
  EXPECT_DOUBLE_EQ(*r->Scaled(), 70);
}

TEST(PanelTest, SpreadAboveThresholdGoesToTheChief) {
  ScoringPanel p = MustPanel({1, 2, 3});  // threshold 20 % of the criterion's max
  ASSERT_TRUE(p.AddScript({"S-003", TwoCriteria(), {}, {}}).ok());
  ASSERT_TRUE(p.Submit(1, "S-003", {{"c1", 3}, {"c2", 6}}, 1).ok());
  EXPECT_EQ(p.Adjudicate(kChief, "S-003", "c1", 7, "复核", 2).reason(), "panel.submissions_pending");
  ASSERT_TRUE(p.Submit(2, "S-003", {{"c1", 8}, {"c2", 7}}, 2).ok());
  ASSERT_TRUE(p.Submit(3, "S-003", {{"c1", 9}, {"c2", 6}}, 3).ok());

  auto r = p.ResultFor("S-003");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->state, ScriptState::kAdjudication);
  EXPECT_DOUBLE_EQ(*r->criteria[0].spread, 6);
  EXPECT_TRUE(r->criteria[0].needs_adjudication);
  EXPECT_FALSE(r->criteria[0].final_score.has_value());
  EXPECT_FALSE(r->criteria[1].needs_adjudication);
  EXPECT_EQ(p.AwaitingAdjudication(), std::vector<std::string>{"S-003"});

  EXPECT_EQ(p.Adjudicate(2, "S-003", "c1", 7, "复核", 4).reason(), "panel.not_chief");
  EXPECT_EQ(p.Adjudicate(kChief, "S-003", "c1", 7, " ", 4).reason(), "panel.reason_required");
  EXPECT_EQ(p.Adjudicate(kChief, "S-003", "c2", 7, "复核", 4).reason(), "panel.no_adjudication_needed");
  EXPECT_EQ(p.Adjudicate(kChief, "S-003", "c1", 11, "复核", 4).reason(), "panel.score_out_of_range");
  EXPECT_EQ(p.Adjudicate(kChief, "S-003", "c9", 7, "复核", 4).reason(), "panel.unknown_criterion");
  ASSERT_TRUE(p.Adjudicate(kChief, "S-003", "c1", 7, "对照评分细则第 2 条复核答卷", 4).ok());

  r = p.ResultFor("S-003");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->state, ScriptState::kFinal);
  EXPECT_DOUBLE_EQ(*r->criteria[0].median, 8);
  EXPECT_DOUBLE_EQ(*r->criteria[0].adjudicated, 7);
  EXPECT_DOUBLE_EQ(*r->criteria[0].final_score, 7);  // the chief's score replaces the median
  EXPECT_DOUBLE_EQ(*r->total, 13);
  EXPECT_TRUE(p.AwaitingAdjudication().empty());
  const PanelEvent& last = p.events().back();
  EXPECT_EQ(last.kind, PanelEventKind::kAdjudicated);
  EXPECT_EQ(last.actor, kChief);
  EXPECT_EQ(last.criterion, "c1");
  EXPECT_DOUBLE_EQ(last.score, 7);
  EXPECT_EQ(last.reason, "对照评分细则第 2 条复核答卷");
}

TEST(PanelTest, AbsoluteSpreadThreshold) {
  ScoringPanel p = MustPanel({1, 2, 3}, {SpreadRule::Kind::kPoints, 1.5});
  ASSERT_TRUE(p.AddScript({"S", {{"c1", "", 10}}, {}, {}}).ok());
  ASSERT_TRUE(p.Submit(1, "S", {{"c1", 6}}, 1).ok());
  ASSERT_TRUE(p.Submit(2, "S", {{"c1", 7.5}}, 1).ok());
  ASSERT_TRUE(p.Submit(3, "S", {{"c1", 7.6}}, 1).ok());  // spread 1.6 > 1.5
  EXPECT_EQ(*p.StateOf("S"), ScriptState::kAdjudication);
}

TEST(PanelTest, ExaminerCannotSubmitTwiceOnlyTheChiefReopens) {
  ScoringPanel p = MustPanel({1, 2, 3});
  ASSERT_TRUE(p.AddScript({"S-004", TwoCriteria(), {}, {}}).ok());
  ASSERT_TRUE(p.Submit(1, "S-004", {{"c1", 3}, {"c2", 4}}, 1).ok());
  Status again = p.Submit(1, "S-004", {{"c1", 8}, {"c2", 8}}, 2);
  EXPECT_EQ(again.reason(), "panel.already_submitted");
  EXPECT_EQ(again.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(again.message_zh().find("主考"), std::string::npos);
  EXPECT_EQ((*p.OwnSubmission(1, "S-004")).at("c1"), 3);  // unchanged

  EXPECT_EQ(p.Reopen(2, 1, "S-004", "录入错误", 3).reason(), "panel.not_chief");
  EXPECT_EQ(p.Reopen(kChief, 1, "S-004", "", 3).reason(), "panel.reason_required");
  EXPECT_EQ(p.Reopen(kChief, 2, "S-004", "录入错误", 3).reason(), "panel.not_submitted");
  ASSERT_TRUE(p.Reopen(kChief, 1, "S-004", "考评员 1 录入错误，申请更正", 3).ok());
  EXPECT_FALSE(p.OwnSubmission(1, "S-004").has_value());
  ASSERT_TRUE(p.Submit(1, "S-004", {{"c1", 8}, {"c2", 8}}, 4).ok());
  EXPECT_EQ((*p.OwnSubmission(1, "S-004")).at("c1"), 8);
  ASSERT_EQ(p.events().size(), 3u);
  EXPECT_EQ(p.events()[1].kind, PanelEventKind::kReopened);
  EXPECT_EQ(p.events()[1].examiner, 1);
  EXPECT_STREQ(PanelEventKindName(p.events()[1].kind), "reopened");
}

TEST(PanelTest, SubmissionValidation) {
  ScoringPanel p = MustPanel({1, 2, 3, 4, 5});
  ASSERT_TRUE(p.AddScript({"S-005", TwoCriteria(), {1, 2, 3}, {}}).ok());
  EXPECT_EQ(p.Submit(4, "S-005", {{"c1", 1}, {"c2", 1}}, 1).reason(), "panel.not_assigned");
  EXPECT_EQ(p.Submit(1, "S-005", {{"c1", 10.5}, {"c2", 1}}, 1).reason(), "panel.score_out_of_range");
  EXPECT_EQ(p.Submit(1, "S-005", {{"c1", -1}, {"c2", 1}}, 1).reason(), "panel.score_out_of_range");
  EXPECT_EQ(p.Submit(1, "S-005", {{"c1", 1}}, 1).reason(), "panel.criterion_missing");
  EXPECT_EQ(p.Submit(1, "S-005", {{"c1", 1}, {"c2", 1}, {"c3", 1}}, 1).reason(), "panel.unknown_criterion");
  EXPECT_EQ(p.Submit(1, "S-404", {{"c1", 1}, {"c2", 1}}, 1).reason(), "panel.unknown_script");
  EXPECT_TRUE(p.events().empty());

  EXPECT_EQ(p.AddScript({"S-005", TwoCriteria(), {}, {}}).reason(), "panel.duplicate_script");
  EXPECT_EQ(p.AddScript({"S-006", {}, {}, {}}).reason(), "panel.bad_script");
  EXPECT_EQ(p.AddScript({"S-006", {{"c1", "", 0}}, {}, {}}).reason(), "panel.bad_script");
  EXPECT_EQ(p.AddScript({"S-006", {{"c1", "", 1}, {"c1", "", 1}}, {}, {}}).reason(), "panel.bad_script");
  EXPECT_EQ(p.AddScript({"S-006", TwoCriteria(), {1, 9}, {}}).reason(), "panel.unknown_examiner");

  EXPECT_EQ(ScoringPanel::Create({}, kChief, {}).status().reason(), "panel.no_examiners");
  EXPECT_EQ(ScoringPanel::Create({1, 1, 2}, kChief, {}).status().reason(), "panel.duplicate_examiner");
  EXPECT_EQ(ScoringPanel::Create({1, 2, 3}, 0, {}).status().reason(), "panel.no_chief");
  EXPECT_EQ(
      ScoringPanel::Create({1, 2, 3}, kChief, {SpreadRule::Kind::kFractionOfMax, 1.5}).status().reason(),
      "panel.bad_spread_rule");
}

TEST(PanelTest, WorkloadPerExaminer) {
  ScoringPanel p = MustPanel({1, 2, 3, 4, 5});
  ASSERT_TRUE(p.AddScript({"A", TwoCriteria(), {1, 2, 3}, {}}).ok());
  ASSERT_TRUE(p.AddScript({"B", TwoCriteria(), {3, 4, 5}, {}}).ok());
  ASSERT_TRUE(p.AddScript({"C", TwoCriteria(), {}, {}}).ok());  // the whole panel
  ASSERT_TRUE(p.Submit(3, "A", {{"c1", 5}, {"c2", 5}}, 1).ok());
  ASSERT_TRUE(p.Submit(3, "B", {{"c1", 5}, {"c2", 5}}, 1).ok());
  ASSERT_TRUE(p.Submit(1, "C", {{"c1", 5}, {"c2", 5}}, 1).ok());
  std::vector<ExaminerWorkload> w = p.Workload();
  ASSERT_EQ(w.size(), 5u);
  EXPECT_EQ(w[0].examiner, 1);
  EXPECT_EQ(w[0].assigned, 2);
  EXPECT_EQ(w[0].submitted, 1);
  EXPECT_EQ(w[0].pending, 1);
  EXPECT_EQ(w[2].assigned, 3);
  EXPECT_EQ(w[2].submitted, 2);
  EXPECT_EQ(w[2].pending, 1);
  EXPECT_EQ(w[4].assigned, 2);
  EXPECT_EQ(w[4].submitted, 0);
}

TEST(PanelTest, ReplayingTheEventLogRebuildsThePanel) {
  ScoringPanel p = MustPanel({1, 2, 3});
  ASSERT_TRUE(p.AddScript({"S", TwoCriteria(), {}, {}}).ok());
  ASSERT_TRUE(p.Submit(1, "S", {{"c1", 2}, {"c2", 6}}, 1).ok());
  ASSERT_TRUE(p.Submit(2, "S", {{"c1", 8}, {"c2", 7}}, 2).ok());
  ASSERT_TRUE(p.Reopen(kChief, 2, "S", "误评", 3).ok());
  ASSERT_TRUE(p.Submit(2, "S", {{"c1", 9}, {"c2", 7}}, 4).ok());
  ASSERT_TRUE(p.Submit(3, "S", {{"c1", 6}, {"c2", 6}}, 5).ok());
  ASSERT_TRUE(p.Adjudicate(kChief, "S", "c1", 6.5, "分差 7 分，主考裁定", 6).ok());

  ScoringPanel q = MustPanel({1, 2, 3});
  ASSERT_TRUE(q.AddScript({"S", TwoCriteria(), {}, {}}).ok());
  for (const auto& e : p.events()) ASSERT_TRUE(q.Apply(e).ok());
  auto a = p.ResultFor("S");
  auto b = q.ResultFor("S");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(b->state, ScriptState::kFinal);
  EXPECT_DOUBLE_EQ(*b->total, *a->total);
  EXPECT_DOUBLE_EQ(*b->total, 6.5 + 6);
  EXPECT_EQ(q.events().size(), p.events().size());
}

TEST(PanelTest, ReopeningClearsTheScriptsAdjudications) {
  ScoringPanel p = MustPanel({1, 2, 3});
  ASSERT_TRUE(p.AddScript({"S", {{"c1", "", 10}}, {}, {}}).ok());
  ASSERT_TRUE(p.Submit(1, "S", {{"c1", 1}}, 1).ok());
  ASSERT_TRUE(p.Submit(2, "S", {{"c1", 8}}, 1).ok());
  ASSERT_TRUE(p.Submit(3, "S", {{"c1", 9}}, 1).ok());
  ASSERT_TRUE(p.Adjudicate(kChief, "S", "c1", 8, "裁定", 2).ok());
  ASSERT_TRUE(p.Reopen(kChief, 1, "S", "考评员 1 漏看第二页", 3).ok());
  ASSERT_TRUE(p.Submit(1, "S", {{"c1", 8}}, 4).ok());
  auto r = p.ResultFor("S");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->criteria[0].adjudicated.has_value());
  EXPECT_DOUBLE_EQ(*r->criteria[0].final_score, 8);  // spread 1 now: the median stands
}

// ---- Comprehensive review ---------------------------------------------------------------------------

TEST(ReviewTest, RubricFromTheEngineeringPracticeRequirementsOf000) {
  std::vector<std::string> paths;
  for (const char* id : {"c.1", "c.2", "c.3", "c.4", "c.5"})
    paths.push_back(std::string("position/5.1.1/") + id);
  auto rubric = ReviewRubricFromRequirements(Pack000(), paths);
  ASSERT_TRUE(rubric.ok()) << rubric.status();
  ASSERT_EQ(rubric->size(), 5u);
  EXPECT_EQ((*rubric)[0].id, "position/5.1.1/c.1");
  EXPECT_EQ((*rubric)[0].description, "具备丰富的GPU集群运维经验，能够独立完成集群的部署、管理和优化工作；");
  for (const auto& c : *rubric) EXPECT_DOUBLE_EQ(c.max_points, 20);

  auto three = ReviewRubricFromRequirements(Pack000(), {paths[0], paths[1], paths[2]});
  ASSERT_TRUE(three.ok());
  EXPECT_DOUBLE_EQ((*three)[0].max_points, 34);
  EXPECT_DOUBLE_EQ((*three)[1].max_points, 33);
  EXPECT_DOUBLE_EQ((*three)[2].max_points, 33);

  EXPECT_EQ(ReviewRubricFromRequirements(Pack000(), {"position/5.1.1/z.9"}).status().reason(),
            "review.unknown_requirement");
  EXPECT_EQ(ReviewRubricFromRequirements(Pack000(), {}).status().reason(), "review.no_requirements");
  EXPECT_EQ(ReviewRubricFromRequirements(Pack000(), {paths[0], paths[0]}).status().reason(),
            "review.duplicate_requirement");
}

// Without named requirements: 002 senior is judged per 职业功能 of the level; 000 per 工程实践
// line of the position; a level with neither asks for paths.
TEST(ReviewTest, DefaultRubricPerFunctionOrPracticeLine) {
  auto senior = DefaultReviewRubric(Pack002(), "senior", "");
  ASSERT_TRUE(senior.ok()) << senior.status();
  const standards::WorkRequirementBlock* block = Pack002().FindWork("senior", "");
  ASSERT_NE(block, nullptr);
  ASSERT_EQ(senior->size(), block->functions.size());
  double total = 0;
  for (std::size_t i = 0; i < senior->size(); ++i) {
    EXPECT_EQ((*senior)[i].id, "function:" + block->functions[i].id);
    EXPECT_NE((*senior)[i].description.find(block->functions[i].name), std::string::npos);
    EXPECT_EQ((*senior)[i].max_points, std::floor((*senior)[i].max_points));  // whole points
    total += (*senior)[i].max_points;
  }
  EXPECT_DOUBLE_EQ(total, 100);

  auto practice = DefaultReviewRubric(Pack000(), "mid", "5.1.1");
  ASSERT_TRUE(practice.ok()) << practice.status();
  ASSERT_FALSE(practice->empty());
  EXPECT_EQ((*practice)[0].id, "position/5.1.1/c.1");
  for (const auto& c : *practice) EXPECT_EQ(c.id.rfind("position/5.1.1/c.", 0), 0u) << c.id;

  EXPECT_EQ(DefaultReviewRubric(Pack002(), "no-such-level", "").status().reason(), "review.no_requirements");
  EXPECT_EQ(DefaultReviewRubric(Pack002(), "senior", "", 0).status().reason(), "review.bad_total");
}

TEST(ReviewTest, PanelScoresAchievementsOnAHundredPointScaleThatFeeds000) {
  std::vector<std::string> paths;
  for (const char* id : {"c.1", "c.2", "c.3", "c.4", "c.5"})
    paths.push_back(std::string("position/5.1.1/") + id);
  auto rubric = ReviewRubricFromRequirements(Pack000(), paths);
  ASSERT_TRUE(rubric.ok());
  ScoringPanel p = MustPanel({1, 2, 3});
  std::vector<Achievement> work = {{"ach-1", AchievementKind::kProject, "千卡 GPU 集群迁移"},
                                   {"ach-2", AchievementKind::kReport, "推理服务故障复盘报告"}};
  ASSERT_TRUE(AddReviewScript(p, "cand-9", work, *rubric).ok());
  EXPECT_EQ(AddReviewScript(p, "cand-10", {}, *rubric).reason(), "review.no_achievements");
  EXPECT_EQ(p.FindScript("review:cand-9")->materials, (std::vector<std::string>{"ach-1", "ach-2"}));
  EXPECT_EQ(ReviewScore(p, "cand-9").status().reason(), "review.not_final");

  // Medians per criterion: 16, 15, 14, 18, 12 → 75 of 100.
  const std::map<std::string, double> e1 = {
      {paths[0], 16}, {paths[1], 15}, {paths[2], 12}, {paths[3], 18}, {paths[4], 12}};
  const std::map<std::string, double> e2 = {
      {paths[0], 17}, {paths[1], 14}, {paths[2], 14}, {paths[3], 19}, {paths[4], 11}};
  const std::map<std::string, double> e3 = {
      {paths[0], 15}, {paths[1], 16}, {paths[2], 15}, {paths[3], 17}, {paths[4], 13}};
  ASSERT_TRUE(p.Submit(1, "review:cand-9", e1, 1).ok());
  ASSERT_TRUE(p.Submit(2, "review:cand-9", e2, 2).ok());
  ASSERT_TRUE(p.Submit(3, "review:cand-9", e3, 3).ok());
  auto score = ReviewScore(p, "cand-9");
  ASSERT_TRUE(score.ok()) << score.status();
  EXPECT_DOUBLE_EQ(*score, 75);

  // 工程实践 75 with 专业知识 80 and 技术技能 70 at mid (50/25/25): 40 + 17.5 + 18.75 = 76.25 → grade 5.
  auto d = DecideLevel(Pack000(), {"mid", {{"written", 80}, {"lab", 70}, {"achievement", *score}}, {}});
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_NEAR(*d->total, 76.25, 1e-9);
  EXPECT_EQ(d->grade, 5);
  EXPECT_EQ(ParseAchievementKind("报告"), AchievementKind::kReport);
  EXPECT_STREQ(AchievementKindName(AchievementKind::kPatent), "patent");
}

}  // namespace
}  // namespace kaoping::scoring
