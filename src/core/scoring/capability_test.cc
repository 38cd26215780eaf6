// Capability profiles from scored papers (002) and dimension scores (000), their sentences, and
// the organisation aggregate with the top gaps against a target level.
#include "core/scoring/capability.h"

#include <set>

#include <gtest/gtest.h>

#include "core/scoring/scoring_test_fixtures.h"

namespace kaoping::scoring {
namespace {

using testing::Answers;
using testing::JuniorItems;
using testing::JuniorPaper;
using testing::Pack000;
using testing::Pack002;

CapabilityProfile ProfileOf(const std::string& person, const ScriptAnswers& answers,
                            const ProfileThresholds& t = {}) {
  auto ps = ScorePaper(JuniorPaper(), JuniorItems(), answers, {});
  EXPECT_TRUE(ps.ok()) << ps.status();
  auto ev = EvidenceFromPaper(JuniorPaper(), JuniorItems(), *ps);
  EXPECT_TRUE(ev.ok()) << ev.status();
  auto p = BuildCapabilityProfile(Pack002(), person, "junior", "", *ev, t);
  EXPECT_TRUE(p.ok()) << p.status();
  return p.ok() ? *p : CapabilityProfile{};
}

// Function 1: 30 of 40 (75 %); function 4: 18 of 40 (45 %).
ScriptAnswers AnswersA() {
  return Answers({"A"}, {"A", "C", "D"}, {"vllm", "数据并行"}, {"false"}, {"C"}, 4);
}
// Everything right but q1 (9 of 10): 100 % and 95 %.
ScriptAnswers AnswersB() {
  return Answers({"A"}, {"A", "C", "D"}, {"vllm", "张量并行,流水线并行"}, {"true"}, {"C"}, 9);
}
// Almost nothing: 0 % and 10 %.
ScriptAnswers AnswersC() {
  return Answers({"B"}, {"A", "C"}, {}, {"false"}, {"A"}, 2);
}

const RequirementEvidence* Req(const CapabilityProfile& p, const std::string& path) {
  for (const auto& r : p.requirements) {
    if (r.path == path) return &r;
  }
  return nullptr;
}

TEST(CapabilityTest, PerFunctionAndPerRequirementEvidence) {
  CapabilityProfile p = ProfileOf("张三", AnswersA());
  ASSERT_EQ(p.functions.size(), 2u);
  EXPECT_EQ(p.functions[0].function, "function:1");
  EXPECT_EQ(p.functions[0].name, "模型适配与优化");
  EXPECT_DOUBLE_EQ(p.functions[0].percent, 75);
  EXPECT_EQ(p.functions[0].proficiency, Proficiency::kAdequate);
  EXPECT_EQ(p.functions[1].name, "监控与维护");
  EXPECT_DOUBLE_EQ(p.functions[1].earned, 18);
  EXPECT_DOUBLE_EQ(p.functions[1].possible, 40);
  EXPECT_DOUBLE_EQ(p.functions[1].percent, 45);
  EXPECT_EQ(p.functions[1].proficiency, Proficiency::kWeak);

  ASSERT_EQ(p.requirements.size(), 6u);
  const RequirementEvidence* fill = Req(p, "junior/knowledge/1.2.1");
  ASSERT_NE(fill, nullptr);
  EXPECT_EQ(fill->text, "模型量化技术的原理与工具使用知识");
  EXPECT_EQ(fill->items, std::vector<std::string>{"f1"});
  EXPECT_DOUBLE_EQ(fill->earned, 10);
  EXPECT_DOUBLE_EQ(fill->possible, 20);
  EXPECT_EQ(fill->proficiency, Proficiency::kWeak);
  const RequirementEvidence* mon = Req(p, "junior/skill/4.1.1");
  ASSERT_NE(mon, nullptr);
  EXPECT_EQ(mon->function, "function:4");
  EXPECT_DOUBLE_EQ(mon->percent, 0);
  EXPECT_EQ(Req(p, "junior/knowledge/4.1.1")->proficiency, Proficiency::kStrong);
}

TEST(CapabilityTest, SentencesInChineseAndEnglish) {
  CapabilityProfile p = ProfileOf("张三", AnswersA());
  ASSERT_EQ(p.sentences.size(), 2u);
  EXPECT_EQ(p.sentences[0].zh, "「模型适配与优化」得分率 75%，达到要求。");
  EXPECT_EQ(p.sentences[0].en, "“模型适配与优化” (function:1): 75% of the points — adequate.");
  EXPECT_EQ(p.sentences[1].zh,
            "「监控与维护」得分率 45%，属于薄弱项。建议加强：4.1.1 能使用top、nvidia-smi等命令行工具监控…；"
            "4.2.1 能使用tail命令或ELK（Elasticsear…");
  EXPECT_EQ(p.sentences[1].en,
            "“监控与维护” (function:4): 45% of the points — a weak area. Work on: 4.1.1 "
            "能使用top、nvidia-smi等命令行工具监控…; 4.2.1 能使用tail命令或ELK（Elasticsear…");

  CapabilityProfile b = ProfileOf("李四", AnswersB());
  EXPECT_EQ(b.sentences[1].zh, "「监控与维护」得分率 95%，属于优势项。");

  // Thresholds are configurable: with strong ≥ 70, 75 % is a strength.
  CapabilityProfile lenient = ProfileOf("张三", AnswersA(), {70, 40});
  EXPECT_EQ(lenient.functions[0].proficiency, Proficiency::kStrong);
  EXPECT_EQ(lenient.functions[1].proficiency, Proficiency::kAdequate);
}

TEST(CapabilityTest, DimensionProfileFrom000Decision) {
  auto d = DecideLevel(Pack000(), {"mid", {{"written", 85}, {"lab", 62}, {"achievement", 40}}, {}});
  ASSERT_TRUE(d.ok()) << d.status();
  auto p = BuildCapabilityProfile(Pack000(), "王五", "mid", "architecture", EvidenceFromDecision(*d));
  ASSERT_TRUE(p.ok()) << p.status();
  ASSERT_EQ(p->functions.size(), 3u);
  EXPECT_EQ(p->functions[0].function, "dimension:knowledge");
  EXPECT_EQ(p->sentences[0].zh, "「专业知识」得分率 85%，属于优势项。");
  EXPECT_EQ(p->sentences[1].zh, "「技术技能」得分率 62%，达到要求。");
  EXPECT_EQ(p->sentences[2].zh, "「工程实践」得分率 40%，属于薄弱项。");
}

TEST(CapabilityTest, ProfileErrors) {
  EXPECT_EQ(BuildCapabilityProfile(Pack002(), "x", "junior", "", {}).status().reason(),
            "profile.no_evidence");
  EXPECT_EQ(
      BuildCapabilityProfile(Pack002(), "x", "expert", "", {{"i", "function:1", {}, 1, 2}}).status().reason(),
      "profile.unknown_level");
  EXPECT_EQ(
      BuildCapabilityProfile(Pack002(), "x", "junior", "", {{"i", "function:1", {}, 3, 2}}).status().reason(),
      "profile.bad_evidence");
  EXPECT_EQ(BuildCapabilityProfile(Pack002(), "x", "junior", "",
                                   {{"i", "function:1", {"junior/skill/9.9.9"}, 1, 2}})
                .status()
                .reason(),
            "profile.unknown_requirement");
  EXPECT_EQ(BuildCapabilityProfile(Pack002(), "x", "junior", "", {{"i", "function:1", {}, 1, 2}}, {50, 60})
                .status()
                .reason(),
            "profile.bad_thresholds");
}

TEST(CapabilityTest, OrganisationAggregateAndTopGaps) {
  std::vector<CapabilityProfile> people = {ProfileOf("A", AnswersA()), ProfileOf("B", AnswersB()),
                                           ProfileOf("C", AnswersC())};
  AggregateOptions opt;
  opt.target_level = "junior";
  opt.top_n = 3;
  auto agg = AggregateProfiles(Pack002(), people, opt);
  ASSERT_TRUE(agg.ok()) << agg.status();
  EXPECT_EQ(agg->people, 3);

  ASSERT_EQ(agg->functions.size(), 2u);
  const FunctionAggregate& f1 = agg->functions[0];  // 75, 100, 0
  EXPECT_NEAR(f1.mean_percent, 175.0 / 3, 1e-9);
  EXPECT_DOUBLE_EQ(f1.min_percent, 0);
  EXPECT_DOUBLE_EQ(f1.max_percent, 100);
  EXPECT_EQ(f1.strong, 1);
  EXPECT_EQ(f1.adequate, 1);
  EXPECT_EQ(f1.weak, 1);
  EXPECT_EQ(f1.histogram, (std::vector<int>{1, 0, 0, 0, 0, 0, 0, 1, 0, 1}));
  const FunctionAggregate& f4 = agg->functions[1];  // 45, 95, 10
  EXPECT_DOUBLE_EQ(f4.mean_percent, 50);
  EXPECT_EQ(f4.weak, 2);
  EXPECT_EQ(agg->sentences[1].zh,
            "「监控与维护」平均得分率 50%（最低 10%，最高 95%），3 人中 2 人属于薄弱项（66%）。");
  EXPECT_EQ(agg->sentences[1].en,
            "“监控与维护” (function:4): mean 50% (lowest 10%, highest 95%); 2 of 3 people weak (66%).");

  // Share of people weak per requirement.
  auto find = [&](const std::string& path) -> const RequirementAggregate* {
    for (const auto& r : agg->requirements) {
      if (r.path == path) return &r;
    }
    return nullptr;
  };
  ASSERT_NE(find("junior/skill/4.2.1"), nullptr);
  EXPECT_EQ(find("junior/skill/4.2.1")->people_weak, 2);  // 40 %, 90 %, 20 %
  EXPECT_NEAR(find("junior/skill/4.2.1")->share_weak, 2.0 / 3, 1e-12);
  EXPECT_DOUBLE_EQ(find("junior/skill/4.2.1")->mean_percent, 50);
  EXPECT_EQ(find("junior/knowledge/1.1.1")->people_weak, 1);

  // Top gaps against 80 %: 4.1.1 (mean 33.3), then the two at 50 with 2 of 3 weak (by path).
  ASSERT_EQ(agg->top_gaps.size(), 3u);
  EXPECT_EQ(agg->top_gaps[0].path, "junior/skill/4.1.1");
  EXPECT_NEAR(agg->top_gaps[0].gap, 80 - 100.0 / 3, 1e-9);
  EXPECT_EQ(agg->top_gaps[1].path, "junior/knowledge/1.2.1");
  EXPECT_EQ(agg->top_gaps[2].path, "junior/skill/4.2.1");
  EXPECT_EQ(agg->sentences[2].zh,
            "对照初级目标（得分率 80%），差距最大的要求：4.1.1 能使用top、nvidia-smi等命令行工具监控…（平均 "
            "33%，差 46.6 "
            "个百分点，66% 的人员薄弱）；1.2.1 模型量化技术的原理与工具使用知识（平均 50%，差 30 "
            "个百分点，66% 的人员薄弱）；"
            "4.2.1 能使用tail命令或ELK（Elasticsear…（平均 50%，差 30 个百分点，66% 的人员薄弱）。");

  // Every other requirement of junior (own lines and the basic requirements) was not assessed.
  std::set<std::string> assessed;
  for (const auto& r : agg->requirements) assessed.insert(r.path);
  std::size_t expected = 0;
  for (const auto* q : Pack002().RequirementsFor("junior", "", true))
    expected += assessed.count(q->path) ? 0 : 1;
  EXPECT_EQ(agg->not_assessed.size(), expected);
  EXPECT_GT(expected, 20u);
  EXPECT_EQ(agg->sentences.back().zh, "初级另有 " + std::to_string(expected) + " 条要求未被任何试题考查。");

  // Against senior, junior lines are still part of the target (高级别涵盖低级别的要求 via includes).
  AggregateOptions senior = opt;
  senior.target_level = "senior";
  auto s = AggregateProfiles(Pack002(), people, senior);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->top_gaps[0].path, "junior/skill/4.1.1");
  EXPECT_GT(s->not_assessed.size(), agg->not_assessed.size());

  EXPECT_EQ(AggregateProfiles(Pack002(), {}, opt).status().reason(), "profile.no_profiles");
  AggregateOptions bad = opt;
  bad.target_level = "expert";
  EXPECT_EQ(AggregateProfiles(Pack002(), people, bad).status().reason(), "profile.unknown_level");
  EXPECT_EQ(AggregateProfiles(Pack000(), people, {}).status().reason(), "profile.mixed_standards");
}

}  // namespace
}  // namespace kaoping::scoring
