#include "core/bank/item.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "core/bank/lifecycle.h"

namespace kaoping::bank {
namespace {

Item ValidSingle() {
  Item i;
  i.id = "dep-jr-1.2-001";
  i.type = ItemType::kSingleChoice;
  i.stem = "使用 llama.cpp 对模型进行 4 bit 量化的主要目的是什么？";
  i.options = {{"A", "减小模型体积"}, {"B", "提高训练精度"}, {"C", "增加参数量"}, {"D", "更换分词器"}};
  i.answer = {"A"};
  i.points = 1;
  i.alignment.standard = "llm-deploy-engineer";
  i.alignment.levels = {"junior"};
  i.alignment.exam_kind = "theory";
  i.alignment.function = "function:1";
  i.alignment.work_content = "1.2";
  i.author = "alice";
  return i;
}

bool HasField(const std::vector<ItemProblem>& ps, const std::string& field) {
  return std::any_of(ps.begin(), ps.end(), [&](const ItemProblem& p) { return p.field == field; });
}

TEST(ItemNamesTest, TypesAndStatusesRoundTripIncludingChineseLabels) {
  for (auto t : {ItemType::kSingleChoice, ItemType::kMultipleChoice, ItemType::kTrueFalse, ItemType::kFillIn,
                 ItemType::kShortAnswer, ItemType::kPractical}) {
    EXPECT_EQ(ParseItemType(ItemTypeName(t)), t);
    EXPECT_EQ(ParseItemType(ItemTypeLabelZh(t)), t);
  }
  EXPECT_EQ(ParseItemType("单项选择题"), ItemType::kSingleChoice);
  EXPECT_EQ(ParseItemType("判断题"), ItemType::kTrueFalse);
  EXPECT_FALSE(ParseItemType("essay").has_value());
  EXPECT_TRUE(IsObjective(ItemType::kFillIn));
  EXPECT_FALSE(IsObjective(ItemType::kPractical));
  for (auto s : {ItemStatus::kDraft, ItemStatus::kInReview, ItemStatus::kApproved, ItemStatus::kRetired}) {
    EXPECT_EQ(ParseItemStatus(ItemStatusName(s)), s);
  }
  EXPECT_FALSE(ParseItemStatus("published").has_value());
  EXPECT_TRUE(IsWellFormedItemId("dep-mid-2.2-007"));
  EXPECT_FALSE(IsWellFormedItemId("-x"));
  EXPECT_FALSE(IsWellFormedItemId("a b"));
  EXPECT_FALSE(IsWellFormedItemId(""));
}

TEST(CheckItemShapeTest, ValidItemsOfEveryTypeHaveNoProblems) {
  EXPECT_TRUE(CheckItemShape(ValidSingle()).empty());

  Item m = ValidSingle();
  m.type = ItemType::kMultipleChoice;
  m.answer = {"A", "C"};
  m.points = 2;
  EXPECT_TRUE(CheckItemShape(m).empty());

  Item tf = ValidSingle();
  tf.type = ItemType::kTrueFalse;
  tf.options = {{"true", "正确"}, {"false", "错误"}};
  tf.answer = {"false"};
  EXPECT_TRUE(CheckItemShape(tf).empty());

  Item fill = ValidSingle();
  fill.type = ItemType::kFillIn;
  fill.options.clear();
  fill.answer.clear();
  fill.stem = "常用的高吞吐推理引擎有 {{1}} 与 {{2}}。";
  fill.blanks = {{"1", {"vLLM", "vllm"}, 1}, {"2", {"TGI"}, 1}};
  fill.points = 2;
  EXPECT_TRUE(CheckItemShape(fill).empty());

  Item sa = ValidSingle();
  sa.type = ItemType::kShortAnswer;
  sa.options.clear();
  sa.answer.clear();
  sa.points = 5;
  sa.rubric = {{"c1", "说明原理", 3, ""}, {"c2", "举例", 2, ""}};
  sa.reference_answer = "……";
  EXPECT_TRUE(CheckItemShape(sa).empty());

  Item pr = sa;
  pr.type = ItemType::kPractical;
  pr.reference_answer.clear();
  pr.task = PracticalTask{"部署一个推理服务", {"镜像"}, 30};
  EXPECT_TRUE(CheckItemShape(pr).empty());
}

TEST(CheckItemShapeTest, ReportsEveryProblemWithItsField) {
  Item i = ValidSingle();
  i.id = "bad id";
  i.stem.clear();
  i.points = 0;
  i.options.push_back({"A", "重复"});
  i.answer = {"Z"};
  i.difficulty.p = 1.5;
  i.difficulty.a = 1.0;  // b missing
  i.enemies = {"bad id"};
  i.alignment.function = "module:1";
  auto ps = CheckItemShape(i);
  for (const char* f : {"id", "stem", "points", "options[4].id", "answer[0]", "difficulty.p", "difficulty",
                        "alignment.function", "enemies[0]"}) {
    EXPECT_TRUE(HasField(ps, f)) << f;
  }
  for (const auto& p : ps) {
    EXPECT_FALSE(p.message.empty());
    EXPECT_FALSE(p.message_zh.empty());
  }
}

TEST(CheckItemShapeTest, TypeSpecificRules) {
  Item m = ValidSingle();
  m.type = ItemType::kMultipleChoice;  // only one correct option
  EXPECT_TRUE(HasField(CheckItemShape(m), "answer"));

  Item tf = ValidSingle();
  tf.type = ItemType::kTrueFalse;  // options A-D
  EXPECT_TRUE(HasField(CheckItemShape(tf), "options"));

  Item fill = ValidSingle();
  fill.type = ItemType::kFillIn;
  fill.options.clear();
  fill.answer.clear();
  fill.blanks = {{"1", {"x"}, 0}, {"2", {"y"}, 0}};
  fill.stem = "只有一个空 ____。";
  EXPECT_TRUE(HasField(CheckItemShape(fill), "stem"));
  fill.stem = "两个空 ____ 和 ____。";
  EXPECT_TRUE(CheckItemShape(fill).empty());
  fill.blanks[0].points = 0.5;  // blank points must add up to the item's points (1)
  EXPECT_TRUE(HasField(CheckItemShape(fill), "blanks"));

  Item sa = ValidSingle();
  sa.type = ItemType::kShortAnswer;
  sa.options.clear();
  sa.answer.clear();
  sa.points = 10;
  sa.rubric = {{"c1", "要点", 4, ""}};
  auto ps = CheckItemShape(sa);
  EXPECT_TRUE(HasField(ps, "rubric"));            // 4 ≠ 10
  EXPECT_TRUE(HasField(ps, "reference_answer"));  // required for short answers

  Item pr = ValidSingle();
  pr.type = ItemType::kPractical;
  pr.options.clear();
  pr.answer.clear();
  pr.rubric = {{"c1", "完成", 1, ""}};
  EXPECT_TRUE(HasField(CheckItemShape(pr), "task"));
}

TEST(CheckItemShapeTest, SyntheticMarkingIsEnforcedBothWays) {
  Item i = ValidSingle();
  i.synthetic = true;
  EXPECT_TRUE(HasField(CheckItemShape(i), "id"));
  i.id = "syn-x-000001";
  EXPECT_TRUE(CheckItemShape(i).empty());
  i.synthetic = false;
  EXPECT_TRUE(HasField(CheckItemShape(i), "synthetic"));
}

TEST(LifecycleTest, TransitionsFollowTheDiagram) {
  EXPECT_EQ(*NextStatus(ItemStatus::kDraft, ReviewAction::kSubmit), ItemStatus::kInReview);
  EXPECT_EQ(*NextStatus(ItemStatus::kInReview, ReviewAction::kApprove), ItemStatus::kApproved);
  EXPECT_EQ(*NextStatus(ItemStatus::kInReview, ReviewAction::kRequestChanges), ItemStatus::kDraft);
  EXPECT_EQ(*NextStatus(ItemStatus::kApproved, ReviewAction::kRetire), ItemStatus::kRetired);
  EXPECT_EQ(*NextStatus(ItemStatus::kDraft, ReviewAction::kRetire), ItemStatus::kRetired);
  auto bad = NextStatus(ItemStatus::kDraft, ReviewAction::kApprove);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().reason(), "item.bad_transition");
  EXPECT_FALSE(NextStatus(ItemStatus::kRetired, ReviewAction::kRetire).ok());
  EXPECT_FALSE(NextStatus(ItemStatus::kApproved, ReviewAction::kSubmit).ok());
  EXPECT_EQ(ParseReviewAction("request-changes"), ReviewAction::kRequestChanges);
}

TEST(LifecycleTest, ReviewerIsNeverTheAuthorOrTheVersionsEditor) {
  Item i = ValidSingle();
  EXPECT_EQ(CheckReviewer(i, "", "alice").reason(), "item.self_review");
  EXPECT_EQ(CheckReviewer(i, "bob", "bob").reason(), "item.self_review");
  EXPECT_TRUE(CheckReviewer(i, "bob", "carol").ok());
  EXPECT_EQ(CheckEditable(i).ok(), true);
  i.status = ItemStatus::kInReview;
  EXPECT_EQ(CheckEditable(i).reason(), "item.not_editable");

  Item approved = ValidSingle();
  approved.status = ItemStatus::kApproved;
  EXPECT_TRUE(HasField(CheckLifecycleFields(approved), "reviewer"));  // no reviewer
  approved.reviewer = "alice";
  EXPECT_TRUE(HasField(CheckLifecycleFields(approved), "reviewer"));  // reviewer = author
  approved.reviewer = "bob";
  EXPECT_TRUE(CheckLifecycleFields(approved).empty());
  Item draft = ValidSingle();
  draft.reviewer = "bob";
  EXPECT_TRUE(HasField(CheckLifecycleFields(draft), "reviewer"));
}

}  // namespace
}  // namespace kaoping::bank
