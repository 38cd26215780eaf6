#include "wire/item_json.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "wire/assembly_json.h"

namespace kaoping::wire {
namespace {

using Json = nlohmann::json;

const char* kDoc = R"json({
  "format": "kaoping.items/1",
  "items": [
    {
      "id": "dep-jr-1.2-001", "version": 1, "type": "single_choice", "status": "approved",
      "stem": "使用 llama.cpp 对模型进行 4 bit 量化的主要目的是什么？",
      "options": [{"id": "A", "text": "减小模型体积并降低显存占用"}, {"id": "B", "text": "提高模型的训练精度"},
                  {"id": "C", "text": "增加模型参数量"}, {"id": "D", "text": "更换模型的分词器"}],
      "answer": ["A"], "explanation": "量化以更少的比特表示权重。", "points": 1, "difficulty": {"p": 0.8},
      "alignment": {"standard": "llm-deploy-engineer", "levels": ["junior"], "exam_kind": "theory",
                    "function": "function:1", "work_content": "1.2",
                    "requirements": ["junior/knowledge/1.2.1", "junior/skill/1.2.1"], "knowledge_points": ["模型量化"]},
      "enemies": [], "author": "kaoping-sample", "reviewer": "rev", "source": "kaoping sample bank", "licence": "CC-BY-4.0"
    },
    {
      "id": "dep-mid-2.3-004", "type": "fill_in", "stem": "常用的服务编排工具是 {{1}}。",
      "blanks": [{"id": "1", "accepted": ["Docker Compose", "docker-compose"], "points": 0}], "points": 2,
      "alignment": {"standard": "llm-deploy-engineer", "levels": ["mid"], "exam_kind": "theory", "function": "function:2",
                    "work_content": "2.3"},
      "author": "alice"
    },
    {
      "id": "dep-mid-4.1-p1", "type": "practical", "stem": "部署并监控一个推理服务。", "points": 20,
      "task": {"instructions": "按说明部署", "materials": ["镜像"], "time_minutes": 40},
      "rubric": [{"id": "c1", "description": "部署成功", "points": 12, "evidence": "截图"},
                 {"id": "c2", "description": "监控面板", "points": 8}],
      "difficulty": {"a": 1.1, "b": 0.2, "provenance": "pilot"},
      "alignment": {"standard": "llm-deploy-engineer", "levels": ["mid"], "exam_kind": "skill", "function": "function:4",
                    "work_content": "4.1"},
      "author": "alice"
    }
  ]
})json";

TEST(ItemJsonTest, ReadsTheCanonicalFormAndRoundTrips) {
  ItemsParse parse = ItemsFromJson(Json::parse(kDoc));
  ASSERT_TRUE(parse.ok()) << parse.problems[0].ToString();
  ASSERT_EQ(parse.items.size(), 3u);
  const auto& sc = parse.items[0];
  EXPECT_EQ(sc.status, bank::ItemStatus::kApproved);
  EXPECT_EQ(sc.options[3].id, "D");
  EXPECT_EQ(sc.difficulty.p, 0.8);
  EXPECT_EQ(sc.alignment.requirements.size(), 2u);
  EXPECT_EQ(parse.items[1].status, bank::ItemStatus::kDraft);  // default
  EXPECT_EQ(parse.items[1].blanks[0].accepted[1], "docker-compose");
  EXPECT_EQ(parse.items[2].task->time_minutes, 40);
  EXPECT_EQ(parse.items[2].difficulty.b, 0.2);

  Json out = ItemsToJson(parse.items);
  EXPECT_EQ(out["format"], "kaoping.items/1");
  ItemsParse again = ItemsFromJson(out);
  ASSERT_TRUE(again.ok()) << again.problems[0].ToString();
  EXPECT_EQ(ItemsToJson(again.items), out);
}

TEST(ItemJsonTest, WithoutKeysHidesEverythingThatGivesTheAnswerAway) {
  ItemsParse parse = ItemsFromJson(Json::parse(kDoc));
  ASSERT_TRUE(parse.ok());
  Json sc = ItemJson(parse.items[0], false);
  EXPECT_FALSE(sc.contains("answer"));
  EXPECT_FALSE(sc.contains("explanation"));
  EXPECT_TRUE(sc.contains("options"));
  Json fill = ItemJson(parse.items[1], false);
  EXPECT_FALSE(fill["blanks"][0].contains("accepted"));
  Json pr = ItemJson(parse.items[2], false);
  EXPECT_FALSE(pr.contains("rubric"));
  EXPECT_TRUE(pr.contains("task"));
  EXPECT_TRUE(ItemJson(parse.items[2], true).contains("rubric"));
}

TEST(ItemJsonTest, CollectsEveryProblemOfEveryItem) {
  Json doc = Json::parse(kDoc);
  doc["items"][0]["colour"] = "red";               // unknown key
  doc["items"][0]["points"] = "one";               // wrong type
  doc["items"][1].erase("stem");                   // missing
  doc["items"][1]["type"] = "essay";               // unknown enum value
  doc["items"][2]["rubric"][1]["points"] = 3;      // rubric adds up to 15, not 20 (shape)
  doc["items"][2]["alignment"].erase("function");  // missing nested
  doc["items"].push_back(doc["items"][0]);         // duplicate id (and its own problems)
  doc["items"].push_back(42);                      // not an object
  ItemsParse parse = ItemsFromJson(doc);
  EXPECT_FALSE(parse.ok());
  EXPECT_TRUE(parse.items.empty()) << "nothing is returned when anything is wrong";
  auto has = [&](int row, const std::string& field, const std::string& reason) {
    return std::any_of(parse.problems.begin(), parse.problems.end(), [&](const bank::RowProblem& p) {
      return p.row == row && p.field == field && p.reason == reason;
    });
  };
  EXPECT_TRUE(has(1, "colour", "item.unknown_key"));
  EXPECT_TRUE(has(1, "points", "item.bad_json"));
  EXPECT_TRUE(has(2, "stem", "item.missing"));
  EXPECT_TRUE(has(2, "type", "item.invalid"));
  EXPECT_TRUE(has(3, "rubric", "item.invalid"));
  EXPECT_TRUE(has(3, "alignment.function", "item.missing"));
  EXPECT_TRUE(has(4, "id", "item.duplicate_id"));
  EXPECT_TRUE(has(5, "", "item.bad_json"));
  for (const auto& p : parse.problems) {
    EXPECT_FALSE(p.message.empty());
    EXPECT_FALSE(p.message_zh.empty());
    if (p.row == 1) {
      EXPECT_EQ(p.item_id, "dep-jr-1.2-001");
    }
  }
  // The wrongly typed points are reported once, not again as "points must be > 0".
  EXPECT_EQ(std::count_if(parse.problems.begin(), parse.problems.end(),
                          [](const bank::RowProblem& p) { return p.row == 1 && p.field == "points"; }),
            1);
  Json pj = RowProblemsJson(parse.problems);
  EXPECT_EQ(pj[0]["row"], 1);
}

TEST(ItemJsonTest, DocumentLevelProblems) {
  auto p1 = ItemsFromJson(Json::array());
  ASSERT_EQ(p1.problems.size(), 1u);
  EXPECT_EQ(p1.problems[0].row, 0);
  auto p2 = ItemsFromJson(Json{{"format", "other/1"}, {"items", Json::array()}, {"extra", 1}});
  EXPECT_EQ(p2.problems.size(), 2u);
  auto bad = ParseJsonText("{\n  \"format\": ,\n}", "bank.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().reason(), "items.bad_json");
  EXPECT_NE(bad.status().message().find("bank.json: not valid JSON at line 2"), std::string::npos)
      << bad.status().message();
  auto one = ItemFromJson(Json{{"id", "x"}});
  ASSERT_FALSE(one.ok());
  EXPECT_EQ(one.status().reason(), "item.invalid");
  EXPECT_NE(one.status().message_zh().find("缺少必填字段"), std::string::npos);
}

TEST(AssemblyJsonTest, BlueprintOptionsParseStrictly) {
  auto o = BlueprintOptionsFromJson(Json::parse(R"({
    "types": [{"type": "single_choice", "count": 60, "points": 1}, {"type": "实操", "min": 1, "max": 3}],
    "duration_minutes": 120,
    "work_content_rules": [{"function": "function:2", "min_items": 2}],
    "difficulty": {"mode": "information", "cut_theta": 0.4, "information_target": 12.5},
    "function_points": {"function:1": 20}
  })"));
  ASSERT_TRUE(o.ok()) << o.status();
  ASSERT_EQ(o->types->size(), 2u);
  EXPECT_EQ((*o->types)[1].type, bank::ItemType::kPractical);
  EXPECT_EQ((*o->types)[1].max_count, 3);
  EXPECT_EQ(o->duration_minutes, 120);
  EXPECT_EQ(o->work_content_rules[0].max_items, -1);
  EXPECT_EQ(o->difficulty->mode, assembly::TargetMode::kInformation);
  EXPECT_EQ(o->difficulty->information_target, 12.5);
  EXPECT_EQ(o->function_points.at("function:1"), 20);

  auto bad = BlueprintOptionsFromJson(Json::parse(R"({"types": [{"type": "single_choice", "cnt": 1}]})"));
  EXPECT_EQ(bad.status().reason(), "blueprint.bad_json");
  EXPECT_NE(bad.status().message().find("types[0].cnt"), std::string::npos);
  EXPECT_EQ(BlueprintOptionsFromJson(Json::parse(R"({"difficulty": {"mode": "fun"}})")).status().reason(),
            "blueprint.bad_json");
  EXPECT_TRUE(BlueprintOptionsFromJson(Json(nullptr)).ok());
}

TEST(AssemblyJsonTest, PapersAndOutcomes) {
  bank::Paper p;
  p.id = "p-a";
  p.seed = 18446744073709551615ULL;
  p.sections = {{"single_choice", "一、单项选择题", true, true}};
  p.items = {{"i1", 3, "single_choice", 1, "function:1"}};
  Json j = PaperJson(p);
  EXPECT_EQ(j["seed"], "18446744073709551615");  // as a string: JSON numbers lose 64-bit precision
  EXPECT_EQ(j["items"][0]["item_version"], 3);
  assembly::AssemblyOutcome o;
  o.shortfalls.push_back(
      assembly::Shortfall{"function:4", "监控与维护", "supply", 0, 20, 12, 8, "points", "en", "zh"});
  Json oj = AssemblyOutcomeJson(o);
  EXPECT_FALSE(oj["feasible"]);
  EXPECT_EQ(oj["shortfalls"][0]["short_by"], 8);
}

}  // namespace
}  // namespace kaoping::wire
