// Test fixtures shared by the scoring tests: the shipped standard packs (loaded from
// standards/*.yaml, as in production) and a small junior theory paper of 002 whose points do not
// sum to 100 (80 points, scale 1.25).
#ifndef KAOPING_CORE_SCORING_SCORING_TEST_FIXTURES_H_
#define KAOPING_CORE_SCORING_SCORING_TEST_FIXTURES_H_

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/bank/item.h"
#include "core/bank/paper.h"
#include "core/scoring/objective.h"
#include "core/standards/loader.h"
#include "support/files.h"

namespace kaoping::scoring::testing {

inline const standards::Pack& LoadShippedPack(const std::string& file) {
  auto r =
      standards::LoadPack(testing_support::ReadFile(testing_support::SourceDir() / "standards" / file), file);
  EXPECT_TRUE(r.ok()) << r.status();
  return *new standards::Pack(r.ok() ? std::move(r).value() : standards::Pack{});
}

inline const standards::Pack& Pack000() {
  static const standards::Pack& p = LoadShippedPack("000-llm-talent-capability.yaml");
  return p;
}
inline const standards::Pack& Pack002() {
  static const standards::Pack& p = LoadShippedPack("002-llm-deploy-engineer.yaml");
  return p;
}
inline const standards::Pack& Pack003() {
  static const standards::Pack& p = LoadShippedPack("003-ai-engineering-technician.yaml");
  return p;
}

inline bank::Item Choice(const std::string& id, bank::ItemType type, std::vector<std::string> options,
                         std::vector<std::string> answer, double points = 1) {
  bank::Item it;
  it.id = id;
  it.type = type;
  for (const auto& o : options) it.options.push_back(bank::Option{o, "选项" + o});
  it.answer = std::move(answer);
  it.points = points;
  it.status = bank::ItemStatus::kApproved;
  return it;
}

inline bank::Item FillIn(const std::string& id, std::vector<bank::Blank> blanks, double points) {
  bank::Item it;
  it.id = id;
  it.type = bank::ItemType::kFillIn;
  it.stem = "____ ____";
  it.blanks = std::move(blanks);
  it.points = points;
  return it;
}

inline bank::Item Aligned(bank::Item it, const std::string& function, std::vector<std::string> requirements) {
  it.alignment.standard = "llm-deploy-engineer";
  it.alignment.levels = {"junior"};
  it.alignment.exam_kind = "theory";
  it.alignment.function = function;
  it.alignment.requirements = std::move(requirements);
  return it;
}

// The junior theory paper of 002 used across the tests: 6 items, 80 points.
//   s1 single 10  function:1  junior/knowledge/1.1.1
//   m1 multi  10  function:1  junior/skill/1.2.1          key A, C, D
//   f1 fill   20  function:1  junior/knowledge/1.2.1      blanks "vLLM" | "张量并行,流水线并行"
//   t1 t/f    10  function:4  junior/skill/4.1.1          key true
//   s2 single 10  function:4  junior/knowledge/4.1.1      key C
//   q1 short  20  function:4  junior/skill/4.2.1          rubric 10 points (item scale)
inline std::vector<bank::Item> JuniorItems() {
  using bank::ItemType;
  std::vector<bank::Item> v;
  v.push_back(Aligned(Choice("s1", ItemType::kSingleChoice, {"A", "B", "C", "D"}, {"A"}), "function:1",
                      {"junior/knowledge/1.1.1"}));
  v.push_back(Aligned(Choice("m1", ItemType::kMultipleChoice, {"A", "B", "C", "D"}, {"A", "C", "D"}, 2),
                      "function:1", {"junior/skill/1.2.1"}));
  v.push_back(Aligned(FillIn("f1", {{"1", {"vLLM"}, 0}, {"2", {"张量并行,流水线并行"}, 0}}, 2), "function:1",
                      {"junior/knowledge/1.2.1"}));
  v.push_back(Aligned(Choice("t1", ItemType::kTrueFalse, {"true", "false"}, {"true"}), "function:4",
                      {"junior/skill/4.1.1"}));
  v.push_back(Aligned(Choice("s2", ItemType::kSingleChoice, {"A", "B", "C", "D"}, {"C"}), "function:4",
                      {"junior/knowledge/4.1.1"}));
  bank::Item q1;
  q1.id = "q1";
  q1.type = ItemType::kShortAnswer;
  q1.points = 10;
  q1.rubric = {{"c1", "说明定位步骤", 6, ""}, {"c2", "给出处理措施", 4, ""}};
  v.push_back(Aligned(std::move(q1), "function:4", {"junior/skill/4.2.1"}));
  return v;
}

inline bank::Paper JuniorPaper() {
  bank::Paper p;
  p.id = "dep-junior-theory-a";
  p.standard = "llm-deploy-engineer";
  p.level = "junior";
  p.exam_kind = "theory";
  p.total_points = 80;
  p.items = {{"s1", 1, "single_choice", 10, "function:1"}, {"m1", 1, "multiple_choice", 10, "function:1"},
             {"f1", 1, "fill_in", 20, "function:1"},       {"t1", 1, "true_false", 10, "function:4"},
             {"s2", 1, "single_choice", 10, "function:4"}, {"q1", 1, "short_answer", 20, "function:4"}};
  return p;
}

// Answers: each argument is the response to that item; `q1` is the panel's points (of 10).
inline ScriptAnswers Answers(std::vector<std::string> s1, std::vector<std::string> m1,
                             std::vector<std::string> f1, std::vector<std::string> t1,
                             std::vector<std::string> s2, double q1) {
  ScriptAnswers a;
  a.responses["s1"].choices = std::move(s1);
  a.responses["m1"].choices = std::move(m1);
  a.responses["f1"].blanks = std::move(f1);
  a.responses["t1"].choices = std::move(t1);
  a.responses["s2"].choices = std::move(s2);
  a.human_points["q1"] = q1;
  return a;
}

}  // namespace kaoping::scoring::testing

#endif  // KAOPING_CORE_SCORING_SCORING_TEST_FIXTURES_H_
