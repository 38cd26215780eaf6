#include "core/bank/synthetic.h"

#include <map>
#include <set>

#include <gtest/gtest.h>

#include "core/bank/lifecycle.h"
#include "core/bank/validate.h"
#include "core/standards/loader.h"
#include "support/files.h"

namespace kaoping::bank {
namespace {

standards::Pack LoadPackFile(const std::string& file) {
  auto text = testing_support::ReadFile(testing_support::SourceDir() / "standards" / file);
  auto p = standards::LoadPack(text, file);
  EXPECT_TRUE(p.ok()) << p.status();
  return std::move(p).value();
}

TEST(SyntheticBankTest, ItemsAreValidMarkedAndSpreadByWeight) {
  standards::Pack pack = LoadPackFile("002-llm-deploy-engineer.yaml");
  SyntheticBankOptions o;
  o.level = "mid";
  o.size = 400;
  o.seed = 7;
  auto bank = GenerateSyntheticBank(pack, o);
  ASSERT_TRUE(bank.ok()) << bank.status();
  ASSERT_EQ(bank->size(), 400u);
  PackIndex index(pack);
  std::map<std::string, int> per_function;
  std::map<ItemType, int> per_type;
  std::set<std::string> ids;
  int with_irt = 0, with_enemies = 0;
  for (const auto& item : *bank) {
    EXPECT_TRUE(item.synthetic);
    EXPECT_EQ(item.id.rfind("syn-llm-deploy-engineer-mid-theory-", 0), 0u) << item.id;
    EXPECT_EQ(item.stem.rfind("【合成】", 0), 0u);
    EXPECT_TRUE(ids.insert(item.id).second);
    auto shape = CheckItemShape(item);
    EXPECT_TRUE(shape.empty()) << item.id << " "
                               << (shape.empty() ? "" : shape[0].field + ": " + shape[0].message);
    auto align = ValidateAgainstPack(item, index);
    EXPECT_TRUE(align.empty()) << item.id << " "
                               << (align.empty() ? "" : align[0].field + ": " + align[0].message);
    EXPECT_TRUE(CheckLifecycleFields(item).empty()) << item.id;
    ++per_function[item.alignment.function];
    ++per_type[item.type];
    with_irt += item.difficulty.a.has_value();
    with_enemies += !item.enemies.empty();
  }
  // 002 mid theory weights: 5, 15, 20, 20, 20, 20.
  EXPECT_EQ(per_function["basic:2.1"], 20);
  EXPECT_EQ(per_function["basic:2.2"], 60);
  EXPECT_EQ(per_function["function:4"], 80);
  EXPECT_GT(per_type[ItemType::kSingleChoice], per_type[ItemType::kFillIn]);
  EXPECT_GT(with_irt, 100);
  EXPECT_GT(with_enemies, 0);

  // Deterministic.
  auto again = GenerateSyntheticBank(pack, o);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)[123].stem, (*bank)[123].stem);
  EXPECT_EQ((*again)[123].difficulty.p, (*bank)[123].difficulty.p);
}

TEST(SyntheticBankTest, SkillBanksAndDirections) {
  standards::Pack tech = LoadPackFile("003-ai-engineering-technician.yaml");
  SyntheticBankOptions o;
  o.level = "mid";
  o.direction = "chip";
  o.exam_kind = "skill";
  o.size = 60;
  auto bank = GenerateSyntheticBank(tech, o);
  ASSERT_TRUE(bank.ok()) << bank.status();
  PackIndex index(tech);
  for (const auto& item : *bank) {
    EXPECT_TRUE(item.type == ItemType::kPractical || item.type == ItemType::kShortAnswer);
    EXPECT_TRUE(CheckItemShape(item).empty()) << item.id;
    auto align = ValidateAgainstPack(item, index);
    EXPECT_TRUE(align.empty()) << item.id << " "
                               << (align.empty() ? "" : align[0].field + ": " + align[0].message);
  }
  o.direction = "";
  EXPECT_EQ(GenerateSyntheticBank(tech, o).status().reason(), "synthetic.bad_request");
}

}  // namespace
}  // namespace kaoping::bank
