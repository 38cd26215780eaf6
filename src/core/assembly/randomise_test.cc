#include "core/assembly/randomise.h"

#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "base/random.h"

namespace kaoping::assembly {
namespace {

using bank::Item;
using bank::ItemType;

struct Fixture {
  bank::Paper paper;
  std::vector<Item> items;
};

Fixture Make() {
  Fixture f;
  f.paper.id = "p";
  f.paper.seed = 99;
  f.paper.sections = {{"single_choice", "一、单项选择题", true, true},
                      {"true_false", "二、判断题", true, false},
                      {"practical", "三、实操题", false, false}};
  for (int i = 0; i < 12; ++i) {
    Item it;
    it.id = "sc-" + std::to_string(i);
    it.version = 2;
    it.type = ItemType::kSingleChoice;
    it.options = {{"A", "a"}, {"B", "b"}, {"C", "c"}, {"D", "d"}};
    f.items.push_back(it);
    f.paper.items.push_back({it.id, 2, "single_choice", 1, "function:1"});
  }
  for (int i = 0; i < 5; ++i) {
    Item it;
    it.id = "tf-" + std::to_string(i);
    it.type = ItemType::kTrueFalse;
    it.options = {{"true", "正确"}, {"false", "错误"}};
    f.items.push_back(it);
    f.paper.items.push_back({it.id, 1, "true_false", 1, "function:1"});
  }
  for (int i = 0; i < 3; ++i) {
    Item it;
    it.id = "pr-" + std::to_string(i);
    it.type = ItemType::kPractical;
    f.items.push_back(it);
    f.paper.items.push_back({it.id, 1, "practical", 10, "function:2"});
  }
  return f;
}

std::vector<std::string> Order(const CandidateView& v) {
  std::vector<std::string> out;
  for (const auto& i : v.items) out.push_back(i.item_id);
  return out;
}

TEST(RandomiseTest, ReproducibleFromTheRecordedSeed) {
  Fixture f = Make();
  const std::uint64_t seed = DeriveSeed(f.paper.seed, 17);
  CandidateView a = Randomise(f.paper, f.items, seed);
  CandidateView b = Randomise(f.paper, f.items, seed);
  EXPECT_EQ(Order(a), Order(b));
  for (size_t i = 0; i < a.items.size(); ++i) EXPECT_EQ(a.items[i].option_order, b.items[i].option_order);
  EXPECT_EQ(a.seed, seed);
  CandidateView c = Randomise(f.paper, f.items, DeriveSeed(f.paper.seed, 18));
  EXPECT_NE(Order(a), Order(c));
}

TEST(RandomiseTest, SectionsKeepTheirOrderAndFlagsAreRespected) {
  Fixture f = Make();
  CandidateView v = Randomise(f.paper, f.items, 12345);
  ASSERT_EQ(v.items.size(), 20u);
  // Sections in paper order; each item exactly once.
  for (size_t i = 0; i < 12; ++i) EXPECT_EQ(v.items[i].section, "single_choice");
  for (size_t i = 12; i < 17; ++i) EXPECT_EQ(v.items[i].section, "true_false");
  std::set<int> seen;
  for (const auto& i : v.items) EXPECT_TRUE(seen.insert(i.paper_index).second);
  // Practical section: shuffle_items = false → paper order.
  EXPECT_EQ(v.items[17].item_id, "pr-0");
  EXPECT_EQ(v.items[19].item_id, "pr-2");
  // Options: a permutation for choice items, untouched for true/false.
  bool some_moved = false;
  for (size_t i = 0; i < 12; ++i) {
    auto o = v.items[i].option_order;
    EXPECT_EQ(v.items[i].item_version, 2);
    std::vector<int> sorted = o;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(sorted, (std::vector<int>{0, 1, 2, 3}));
    some_moved |= o != std::vector<int>{0, 1, 2, 3};
    ASSERT_EQ(v.items[i].option_ids.size(), 4u);
    EXPECT_EQ(v.items[i].option_ids[0], std::string(1, static_cast<char>('A' + o[0])));
  }
  EXPECT_TRUE(some_moved);
  for (size_t i = 12; i < 17; ++i)
    EXPECT_EQ(v.items[i].option_ids, (std::vector<std::string>{"true", "false"}));

  // Turning option shuffling off for the section leaves options in place.
  f.paper.sections[0].shuffle_options = false;
  CandidateView w = Randomise(f.paper, f.items, 12345);
  for (size_t i = 0; i < 12; ++i) EXPECT_EQ(w.items[i].option_order, (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(Order(v), Order(w));  // item order does not depend on option settings
}

TEST(RandomiseTest, OptionOrderDependsOnlyOnSeedAndItem) {
  Fixture f = Make();
  CandidateView full = Randomise(f.paper, f.items, 77);
  bank::Paper small = f.paper;
  small.items.erase(small.items.begin() + 1, small.items.begin() + 12);  // keep sc-0 only
  CandidateView part = Randomise(small, f.items, 77);
  auto find = [](const CandidateView& v, const std::string& id) {
    for (const auto& i : v.items) {
      if (i.item_id == id) return i.option_order;
    }
    return std::vector<int>{};
  };
  EXPECT_EQ(find(full, "sc-0"), find(part, "sc-0"));
}

}  // namespace
}  // namespace kaoping::assembly
