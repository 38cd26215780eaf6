#include "core/assembly/blueprint.h"

#include <gtest/gtest.h>

#include "core/standards/loader.h"
#include "support/files.h"

namespace kaoping::assembly {
namespace {

const standards::Pack& LoadPackFile(const std::string& file) {
  static auto* cache = new std::map<std::string, standards::Pack>();
  auto it = cache->find(file);
  if (it == cache->end()) {
    auto text = testing_support::ReadFile(testing_support::SourceDir() / "standards" / file);
    auto p = standards::LoadPack(text, file);
    EXPECT_TRUE(p.ok()) << p.status();
    it = cache->emplace(file, std::move(p).value()).first;
  }
  return it->second;
}
const standards::Pack& Deploy() {
  return LoadPackFile("002-llm-deploy-engineer.yaml");
}

TEST(BlueprintTest, DerivesPointsTemplateAndDurationFromThePack) {
  auto bp = DeriveBlueprint(Deploy(), "mid", "theory", "");
  ASSERT_TRUE(bp.ok()) << bp.status();
  EXPECT_EQ(bp->level_name, "中级");
  EXPECT_EQ(bp->subject_name, "理论知识");
  EXPECT_EQ(bp->duration_minutes, 90);
  EXPECT_EQ(bp->min_duration_minutes, 90);
  EXPECT_EQ(bp->pass_score, 60);
  ASSERT_EQ(bp->functions.size(), 6u);
  const std::pair<const char*, double> expected[] = {{"basic:2.1", 5},   {"basic:2.2", 15},
                                                     {"function:1", 20}, {"function:2", 20},
                                                     {"function:3", 20}, {"function:4", 20}};
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(bp->functions[i].target, expected[i].first);
    EXPECT_DOUBLE_EQ(bp->functions[i].points, expected[i].second);
  }
  EXPECT_EQ(bp->FindFunction("function:4")->label, "监控与维护");
  EXPECT_FALSE(bp->FindFunction("function:4")->work_contents.empty());
  EXPECT_EQ(bp->FindFunction("basic:2.2")->work_contents.front(), "2.2.1");
  double total = 0;
  for (const auto& t : bp->types) total += t.min_count * t.points_each;
  EXPECT_DOUBLE_EQ(total, 100);
  EXPECT_EQ(bp->types[0].title, "一、单项选择题");

  auto skill = DeriveBlueprint(Deploy(), "mid", "skill", "");
  ASSERT_TRUE(skill.ok()) << skill.status();
  EXPECT_EQ(skill->duration_minutes, 120);
  EXPECT_EQ(skill->functions.size(), 4u);  // the skill table has no basic rows
  EXPECT_EQ(skill->types[0].type, bank::ItemType::kPractical);
  EXPECT_EQ(skill->types[0].points_each, 0);
}

TEST(BlueprintTest, DashRowsAreNotExaminedAndDirectionsAreRequired) {
  const auto& tech = LoadPackFile("003-ai-engineering-technician.yaml");
  auto none = DeriveBlueprint(tech, "junior", "theory", "");
  EXPECT_EQ(none.status().reason(), "blueprint.direction_required");
  auto bp = DeriveBlueprint(tech, "junior", "theory", "chip");
  ASSERT_TRUE(bp.ok()) << bp.status();
  EXPECT_EQ(bp->FindFunction("function:4"), nullptr);
  ASSERT_EQ(bp->not_examined.size(), 1u);
  EXPECT_EQ(bp->not_examined[0], "function:4 人工智能咨询服务");
  EXPECT_EQ(DeriveBlueprint(tech, "junior", "theory", "moon").status().reason(),
            "blueprint.unknown_direction");
  EXPECT_EQ(DeriveBlueprint(Deploy(), "expert", "theory", "").status().reason(), "blueprint.unknown_level");
  EXPECT_EQ(DeriveBlueprint(Deploy(), "mid", "review", "").status().reason(), "blueprint.no_exam");

  // A '-' row cannot be given points.
  BlueprintOptions o;
  o.function_points["function:4"] = 10;
  auto dash = DeriveBlueprint(tech, "junior", "theory", "chip", o);
  EXPECT_EQ(dash.status().reason(), "blueprint.contradicts_weights");
}

TEST(BlueprintTest, OptionsCannotBreakTheStandardsWeights) {
  BlueprintOptions restate;
  restate.function_points["function:4"] = 20;  // restating the standard is fine
  EXPECT_TRUE(DeriveBlueprint(Deploy(), "mid", "theory", "", restate).ok());

  BlueprintOptions change;
  change.function_points["function:4"] = 25;
  auto bad = DeriveBlueprint(Deploy(), "mid", "theory", "", change);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().reason(), "blueprint.contradicts_weights");
  EXPECT_NE(bad.status().message_zh().find("监控与维护"), std::string::npos);
  EXPECT_NE(bad.status().message().find("20%"), std::string::npos);

  // At least 3 items in each of 职业道德's two groups needs 6 points; it has 5.
  BlueprintOptions wc;
  wc.work_content_rules.push_back(WorkContentRule{"basic:2.1", "", 3, -1});
  auto wc_bad = DeriveBlueprint(Deploy(), "mid", "theory", "", wc);
  ASSERT_FALSE(wc_bad.ok());
  EXPECT_EQ(wc_bad.status().reason(), "blueprint.contradicts_weights");
  EXPECT_NE(wc_bad.status().message_zh().find("职业道德"), std::string::npos) << wc_bad.status().message_zh();

  BlueprintOptions wc_ok;
  wc_ok.work_content_rules.push_back(WorkContentRule{"function:2", "", 2, -1});
  EXPECT_TRUE(DeriveBlueprint(Deploy(), "mid", "theory", "", wc_ok).ok());
  BlueprintOptions wc_unknown;
  wc_unknown.work_content_rules.push_back(WorkContentRule{"function:2", "9.9", 1, -1});
  EXPECT_EQ(DeriveBlueprint(Deploy(), "mid", "theory", "", wc_unknown).status().reason(),
            "blueprint.unknown_function");

  // Only two-point items cannot give 职业道德 its 5 points.
  BlueprintOptions even;
  even.types = std::vector<TypeRule>{{bank::ItemType::kMultipleChoice, 50, 50, 2, ""}};
  auto even_bad = DeriveBlueprint(Deploy(), "mid", "theory", "", even);
  ASSERT_FALSE(even_bad.ok());
  EXPECT_EQ(even_bad.status().reason(), "blueprint.contradicts_weights");
  EXPECT_NE(even_bad.status().message().find("basic:2.1"), std::string::npos) << even_bad.status().message();

  BlueprintOptions short_total;
  short_total.types = std::vector<TypeRule>{{bank::ItemType::kSingleChoice, 90, 90, 1, ""}};
  EXPECT_EQ(DeriveBlueprint(Deploy(), "mid", "theory", "", short_total).status().reason(),
            "blueprint.bad_template");

  BlueprintOptions quick;
  quick.duration_minutes = 60;
  auto q = DeriveBlueprint(Deploy(), "mid", "theory", "", quick);
  EXPECT_EQ(q.status().reason(), "blueprint.duration_too_short");
  EXPECT_NE(q.status().message_zh().find("90"), std::string::npos);

  BlueprintOptions band;
  band.difficulty = DifficultyPlan{};
  band.difficulty->min_expected_score = 80;
  band.difficulty->max_expected_score = 70;
  EXPECT_EQ(DeriveBlueprint(Deploy(), "mid", "theory", "", band).status().reason(), "blueprint.bad_rule");
}

TEST(BlueprintTest, CustomTemplatesAreAcceptedWhenTheyAddUp) {
  BlueprintOptions o;
  o.types = std::vector<TypeRule>{{bank::ItemType::kSingleChoice, 60, 60, 1, ""},
                                  {bank::ItemType::kTrueFalse, 20, 20, 1, ""},
                                  {bank::ItemType::kMultipleChoice, 10, 10, 2, "多选"}};
  o.duration_minutes = 100;
  auto bp = DeriveBlueprint(Deploy(), "senior", "theory", "", o);
  ASSERT_TRUE(bp.ok()) << bp.status();
  EXPECT_EQ(bp->types[2].title, "多选");
  EXPECT_EQ(bp->types[1].title, "二、判断题");
  EXPECT_EQ(bp->duration_minutes, 100);
}

}  // namespace
}  // namespace kaoping::assembly
