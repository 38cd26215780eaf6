#include "core/bank/validate.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "core/standards/loader.h"
#include "support/files.h"

namespace kaoping::bank {
namespace {

const standards::Pack& Pack(const std::string& file) {
  static std::map<std::string, standards::Pack>* cache = new std::map<std::string, standards::Pack>();
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
  return Pack("002-llm-deploy-engineer.yaml");
}

Item Aligned() {
  Item i;
  i.id = "dep-mid-4.1-001";
  i.stem = "x";
  i.options = {{"A", "a"}, {"B", "b"}};
  i.answer = {"A"};
  i.alignment.standard = "llm-deploy-engineer";
  i.alignment.levels = {"mid"};
  i.alignment.exam_kind = "theory";
  i.alignment.function = "function:1";
  i.alignment.work_content = "1.2";
  i.alignment.requirements = {"mid/knowledge/1.2.1", "junior/knowledge/1.2.1"};
  return i;
}

std::vector<std::string> Fields(const std::vector<ItemProblem>& ps) {
  std::vector<std::string> out;
  for (const auto& p : ps) out.push_back(p.field);
  return out;
}

TEST(ValidateAgainstPackTest, AlignedItemPasses) {
  auto ps = ValidateAgainstPack(Aligned(), Deploy());
  EXPECT_TRUE(ps.empty()) << (ps.empty() ? "" : ps[0].field + ": " + ps[0].message);
  Item basic = Aligned();
  basic.alignment.function = "basic:2.2";
  basic.alignment.work_content = "2.2.3";
  basic.alignment.requirements = {"basic/2.2.3/1"};
  EXPECT_TRUE(ValidateAgainstPack(basic, Deploy()).empty());
  basic.alignment.work_content.clear();  // optional for basic rows
  EXPECT_TRUE(ValidateAgainstPack(basic, Deploy()).empty());
}

TEST(ValidateAgainstPackTest, UnknownThingsAreErrorsNotSilentDrops) {
  Item i = Aligned();
  i.alignment.levels = {"mid", "expert"};
  i.alignment.requirements = {"mid/knowledge/9.9.9", "mid/knowledge/2.1.1", "basic/2.2.3/1"};
  auto ps = ValidateAgainstPack(i, Deploy());
  auto f = Fields(ps);
  EXPECT_NE(std::find(f.begin(), f.end(), "alignment.levels[1]"), f.end());
  EXPECT_NE(std::find(f.begin(), f.end(), "alignment.requirements[0]"), f.end());  // unknown path
  EXPECT_NE(std::find(f.begin(), f.end(), "alignment.requirements[1]"), f.end());  // other function
  EXPECT_NE(std::find(f.begin(), f.end(), "alignment.requirements[2]"), f.end());  // basic, not function:1
  for (const auto& p : ps) EXPECT_FALSE(p.message_zh.empty());

  Item fn = Aligned();
  fn.alignment.function = "function:9";
  auto fps = ValidateAgainstPack(fn, Deploy());
  ASSERT_FALSE(fps.empty());
  EXPECT_EQ(fps[0].field, "alignment.function");
  EXPECT_NE(fps[0].message.find("function:4 监控与维护"), std::string::npos) << fps[0].message;

  Item wc = Aligned();
  wc.alignment.work_content = "7.7";
  // The requirements (work content 1.2) no longer match either.
  EXPECT_EQ(Fields(ValidateAgainstPack(wc, Deploy())),
            (std::vector<std::string>{"alignment.work_content", "alignment.requirements[0]",
                                      "alignment.requirements[1]"}));
  wc.alignment.work_content.clear();
  wc.alignment.requirements.clear();
  EXPECT_EQ(Fields(ValidateAgainstPack(wc, Deploy())), std::vector<std::string>{"alignment.work_content"});

  Item kind = Aligned();
  kind.alignment.exam_kind = "review";
  EXPECT_EQ(Fields(ValidateAgainstPack(kind, Deploy())), std::vector<std::string>{"alignment.exam_kind"});

  Item dir = Aligned();
  dir.alignment.direction = "chip";
  EXPECT_EQ(Fields(ValidateAgainstPack(dir, Deploy())), std::vector<std::string>{"alignment.direction"});

  Item other = Aligned();
  other.alignment.standard = "ai-engineering-technician";
  EXPECT_EQ(Fields(ValidateAgainstPack(other, Deploy())), std::vector<std::string>{"alignment.standard"});

  // A mid requirement cannot back a junior-only item.
  Item lvl = Aligned();
  lvl.alignment.levels = {"junior"};
  auto lps = ValidateAgainstPack(lvl, Deploy());
  EXPECT_EQ(Fields(lps), std::vector<std::string>{"alignment.requirements[0]"});
}

TEST(ValidateAgainstPackTest, DirectionsAndNotExaminedRows) {
  const auto& tech = Pack("003-ai-engineering-technician.yaml");
  Item i = Aligned();
  i.alignment.standard = tech.id;
  i.alignment.levels = {"junior"};
  i.alignment.function = "function:4";
  i.alignment.work_content = "4.1";
  i.alignment.requirements.clear();
  // No direction: the standard has directions.
  EXPECT_EQ(Fields(ValidateAgainstPack(i, tech))[0], "alignment.direction");
  i.alignment.direction = "chip";
  // chip's function:4 (咨询服务) is '-' at junior.
  auto ps = ValidateAgainstPack(i, tech);
  ASSERT_FALSE(ps.empty());
  EXPECT_EQ(ps[0].field, "alignment.function");
  EXPECT_NE(ps[0].message.find("not examined"), std::string::npos);
}

TEST(RowProblemTest, StatusListsRowsBilingually) {
  std::vector<RowProblem> ps;
  AppendRowProblems(3, "x-1", "item.invalid", {{"stem", "must not be empty", "不能为空"}}, &ps);
  AppendRowProblems(7, "", "item.bad_json", {{"points", "must be a number", "必须是数字"}}, &ps);
  Status s = RowProblemsStatus(ps, "import.invalid");
  EXPECT_EQ(s.reason(), "import.invalid");
  EXPECT_NE(s.message().find("row 3 (x-1) stem: must not be empty"), std::string::npos);
  EXPECT_NE(s.message_zh().find("第 7 条 points：必须是数字"), std::string::npos);
}

}  // namespace
}  // namespace kaoping::bank
