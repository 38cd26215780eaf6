// Error reporting of the standard-pack loader (loader.h): every kind of mistake an author can make
// in a pack is reported with the file, the line, the key path and a message that says what was
// expected. Each test starts from one small valid pack (kValidPack, which must load) and breaks
// exactly one thing in it.

#include "core/standards/loader.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace kaoping::standards {
namespace {

constexpr std::string_view kFile = "test-pack.yaml";

// A minimal pack that uses every part the loader validates. Keep each mutated fragment unique.
constexpr std::string_view kValidPack = R"yaml(format: kaoping.standard/1
id: test-pack
title: {zh: 测试标准, en: Test standard}
kind: evaluation_standard
status: trial
source: {file: test.txt, title: 测试标准}
levels:
  - {id: junior, name: 初级, en: Junior, rank: 1}
  - {id: mid, name: 中级, en: Intermediate, rank: 2, includes: [junior]}
training:
  hours: {junior: 64, mid: 80}
eligibility:
  - level: junior
    ref: "1.5.1 L1-L9"
    requires: {training_certificate: junior}
    requires_text: 取得初级培训学时证明
    alternatives:
      - id: "1"
        text: 累计从事相关职业工作 1 年（含）以上。
        when: {fact: occupation_years, at_least: 1}
      - id: "2"
        text: 技工院校毕业生按国家有关规定申报。
        when: {fact: technical_school_graduate, equals: true}
        review: true
      - id: "3"
        text: 满足本项目高级别申报条件可申报本项目低级别。
        when: {eligible_for: mid}
  - level: mid
    alternatives:
      - id: "1"
        text: 取得初级证书后工作 2 年。
        when:
          certificate: {level_at_least: junior, scope: [same, related], years_after: 2}
      - id: "2"
        text: 取得助理工程师职称。
        when: {title: {at_least: assistant_engineer}}
      - id: "3"
        text: 相关专业本科。
        when: {all_of: [{fact: education, at_least: bachelor}, {fact: field_related, equals: true}]}
exam_rules:
  subjects:
    - kind: theory
      name: 理论知识
      pass_score: 60
      min_duration_minutes: {junior: 90, mid: 120}
      weight_table: theory
    - kind: skill
      name: 技能操作
      pass_score: 60
  staffing:
    - {subject: theory, proctors_per_candidates: 15, min_proctors_per_room: 2}
    - {subject: skill, min_examiners: 3, examiners_odd: true}
basic_requirements:
  - id: "2.1"
    name: 职业道德
    kind: ethics
    groups:
      - id: "2.1.1"
        name: 职业道德基本知识
        items:
          - {id: "1", text: 遵纪守法。}
work_requirements:
  - level: junior
    functions:
      - id: "1"
        name: 模型部署
        work_contents:
          - id: "1.1"
            name: 环境搭建
            skills:
              - {id: "1.1.1", text: 能安装驱动}
            knowledge:
              - {id: "1.1.1", text: 驱动知识}
      - id: "2"
        name: 模型监控
        work_contents:
          - id: "2.1"
            name: 服务监控
            skills:
              - {id: "2.1.1", text: 能监控服务}
  - level: mid
    functions:
      - id: "1"
        name: 模型部署
        work_contents:
          - id: "1.1"
            name: 集群部署
            skills:
              - {id: "1.1.1", text: 能部署集群}
weight_tables:
  - id: theory
    title: 理论知识权重表
    exam_kind: theory
    columns: [junior, mid]
    rows:
      - {group: 基本要求, label: 职业道德, target: "basic:2.1", weights: [10, 10]}
      - {group: 相关知识, label: 模型部署, target: "function:1", weights: [60, 90]}
      - {group: 相关知识, label: 模型监控, target: "function:2", weights: [30, "-"]}
result_rules:
  kind: all_subjects_pass
)yaml";

size_t Count(std::string_view text, std::string_view needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// `text` with its single occurrence of `from` replaced by `to`.
std::string Mutate(std::string_view text, std::string_view from, std::string_view to) {
  std::string out(text);
  EXPECT_EQ(Count(text, from), 1u) << "the fragment must occur exactly once: " << from;
  size_t at = out.find(from);
  if (at != std::string::npos) out.replace(at, from.size(), to);
  return out;
}

// 1-based line of the single occurrence of `needle` in `text`.
int LineOf(std::string_view text, std::string_view needle) {
  EXPECT_EQ(Count(text, needle), 1u) << "the fragment must occur exactly once: " << needle;
  size_t at = text.find(needle);
  if (at == std::string_view::npos) return -1;
  return 1 + static_cast<int>(Count(text.substr(0, at), "\n"));
}

std::string All(const ParseOutcome& o) {
  std::string s;
  for (const auto& d : o.diagnostics) s += d.ToString() + "\n";
  return s;
}

// Asserts that `yaml` does not load and that some diagnostic has exactly this key, line and a
// message containing `expect`.
void ExpectError(const std::string& yaml, const std::string& key, int line, const std::string& expect) {
  ParseOutcome o = ParsePack(yaml, kFile);
  EXPECT_FALSE(o.pack.has_value()) << "the broken pack loaded";
  ASSERT_FALSE(o.diagnostics.empty());
  const Diagnostic* found = nullptr;
  for (const auto& d : o.diagnostics) {
    if (d.key == key && d.message.find(expect) != std::string::npos) {
      found = &d;
      break;
    }
  }
  ASSERT_NE(found, nullptr) << "no diagnostic with key '" << key << "' saying '" << expect << "'; got:\n"
                            << All(o);
  EXPECT_EQ(found->file, kFile);
  EXPECT_EQ(found->line, line) << found->ToString();
  EXPECT_GE(found->column, 1) << found->ToString();
  EXPECT_FALSE(found->message_zh.empty()) << found->ToString();
  std::string prefix = std::string(kFile) + ":" + std::to_string(line) + ":";
  EXPECT_EQ(found->ToString().rfind(prefix, 0), 0u) << found->ToString();
  EXPECT_NE(found->ToString().find(key + ": "), std::string::npos) << found->ToString();
  EXPECT_EQ(found->ToStringZh().rfind(prefix, 0), 0u) << found->ToStringZh();
}

TEST(LoaderTest, ValidPackLoads) {
  ParseOutcome o = ParsePack(kValidPack, kFile);
  ASSERT_TRUE(o.pack.has_value()) << All(o);
  EXPECT_TRUE(o.diagnostics.empty());
  const Pack& p = *o.pack;
  EXPECT_EQ(p.id, "test-pack");
  EXPECT_EQ(p.origin, kFile);
  ASSERT_EQ(p.levels.size(), 2u);
  ASSERT_EQ(p.eligibility.size(), 2u);
  EXPECT_EQ(p.eligibility[0].alternatives.size(), 3u);
  EXPECT_TRUE(p.eligibility[0].alternatives[1].review);
  ASSERT_NE(p.FindRequirement("junior/skill/1.1.1"), nullptr);
  ASSERT_NE(p.FindRequirement("junior/knowledge/1.1.1"), nullptr);
  ASSERT_TRUE(LoadPack(kValidPack, kFile).ok());
}

TEST(LoaderTest, YamlSyntaxError) {
  std::string yaml = Mutate(kValidPack, "status: trial", "status: trial: oops");
  ParseOutcome o = ParsePack(yaml, kFile);
  EXPECT_FALSE(o.pack.has_value());
  ASSERT_EQ(o.diagnostics.size(), 1u) << All(o);
  const Diagnostic& d = o.diagnostics[0];
  int line = LineOf(yaml, "status: trial: oops");
  EXPECT_EQ(d.line, line) << d.ToString();
  EXPECT_EQ(d.key, "");
  EXPECT_NE(d.message.find("YAML syntax error"), std::string::npos) << d.message;
  EXPECT_NE(d.message_zh.find("YAML 语法错误"), std::string::npos) << d.message_zh;
  EXPECT_EQ(d.ToString().rfind(std::string(kFile) + ":" + std::to_string(line) + ":", 0), 0u) << d.ToString();
}

TEST(LoaderTest, UnknownTopLevelKey) {
  std::string yaml = Mutate(kValidPack, "status: trial\n", "status: trial\ncolour: blue\n");
  ExpectError(yaml, "colour", LineOf(yaml, "colour: blue"), "unknown key 'colour'; expected one of:");
  ExpectError(yaml, "colour", LineOf(yaml, "colour: blue"), "work_requirements");  // lists the allowed keys
}

TEST(LoaderTest, UnknownNestedKeyInWorkContent) {
  std::string yaml =
      Mutate(kValidPack, "name: 集群部署\n            skills:", "name: 集群部署\n            skils:");
  ExpectError(yaml, "work_requirements[1].functions[0].work_contents[0].skils", LineOf(yaml, "skils:"),
              "unknown key 'skils'; expected one of:");
  ExpectError(yaml, "work_requirements[1].functions[0].work_contents[0].skils", LineOf(yaml, "skils:"),
              "skills");
}

TEST(LoaderTest, MissingRequiredKey) {
  std::string yaml = Mutate(kValidPack, "{id: mid, name: 中级, en:", "{id: mid, en:");
  ExpectError(yaml, "levels[1].name", LineOf(yaml, "{id: mid, en:"),
              "missing required key 'name' (a string)");
}

TEST(LoaderTest, MissingRequiredListOfAlternatives) {
  std::string yaml =
      Mutate(kValidPack,
             "  - level: mid\n    alternatives:\n      - id: \"1\"\n        text: 取得初级证书后工作 2 年。",
             "  - level: mid\n    alternative:\n      - id: \"1\"\n        text: 取得初级证书后工作 2 年。");
  ExpectError(yaml, "eligibility[1].alternatives", LineOf(yaml, "- level: mid\n    alternative:"),
              "missing required key 'alternatives' (a list)");
  ExpectError(yaml, "eligibility[1].alternative", LineOf(yaml, "alternative:\n"),
              "unknown key 'alternative'");
}

TEST(LoaderTest, StringWhereListExpected) {
  std::string yaml = Mutate(kValidPack, "includes: [junior]", "includes: junior");
  ExpectError(yaml, "levels[1].includes", LineOf(yaml, "includes: junior"), "expected a list");
}

TEST(LoaderTest, NonNumberWeight) {
  std::string yaml = Mutate(kValidPack, "weights: [60, 90]", "weights: [60, ninety]");
  ExpectError(yaml, "weight_tables[0].rows[1].weights[1]", LineOf(yaml, "weights: [60, ninety]"),
              "expected a number");
}

TEST(LoaderTest, NonNumberScalar) {
  std::string yaml =
      Mutate(kValidPack, "pass_score: 60\n      min_duration", "pass_score: sixty\n      min_duration");
  ExpectError(yaml, "exam_rules.subjects[0].pass_score", LineOf(yaml, "pass_score: sixty"),
              "expected a number");
}

TEST(LoaderTest, BadIdCharacters) {
  std::string yaml =
      Mutate(kValidPack, "- id: \"2\"\n        name: 模型监控", "- id: \"功能 2\"\n        name: 模型监控");
  ExpectError(yaml, "work_requirements[0].functions[1].id", LineOf(yaml, "id: \"功能 2\""),
              "id '功能 2' may contain only ASCII letters, digits, '_', '.', '-'");
}

TEST(LoaderTest, BadPackId) {
  std::string yaml = Mutate(kValidPack, "id: test-pack", "id: Test_Pack");
  ExpectError(yaml, "id", LineOf(yaml, "id: Test_Pack"), "must be lowercase letters, digits and '-'");
}

TEST(LoaderTest, DuplicateLevelId) {
  std::string yaml = Mutate(kValidPack, "{id: mid, name: 中级", "{id: junior, name: 中级");
  ExpectError(yaml, "levels[1].id", LineOf(yaml, "{id: junior, name: 中级"), "duplicate level id 'junior'");
}

TEST(LoaderTest, DuplicateRequirementPath) {
  // Two skills of the junior level with the same id: both would be "junior/skill/1.1.1".
  std::string yaml =
      Mutate(kValidPack, "{id: \"2.1.1\", text: 能监控服务}", "{id: \"1.1.1\", text: 能监控服务}");
  ExpectError(yaml, "junior/skill/1.1.1", LineOf(yaml, "能监控服务"),
              "duplicate requirement id 'junior/skill/1.1.1'");
}

TEST(LoaderTest, SameIdInSkillsAndKnowledgeIsNotADuplicate) {
  // "1.1.1" is both a skill and a knowledge line of junior in kValidPack: different paths.
  ParseOutcome o = ParsePack(kValidPack, kFile);
  ASSERT_TRUE(o.pack.has_value()) << All(o);
  EXPECT_EQ(o.pack->FindRequirement("junior/skill/1.1.1")->text, "能安装驱动");
  EXPECT_EQ(o.pack->FindRequirement("junior/knowledge/1.1.1")->text, "驱动知识");
}

TEST(LoaderTest, DuplicateWeightTableId) {
  std::string second =
      "  - id: theory\n"
      "    title: 第二张表\n"
      "    exam_kind: skill\n"
      "    columns: [junior]\n"
      "    rows:\n"
      "      - {label: 模型部署, target: \"function:1\", weights: [100]}\n"
      "result_rules:\n";
  std::string yaml = Mutate(kValidPack, "result_rules:\n", second);
  ExpectError(yaml, "weight_tables[1].id", LineOf(yaml, "title: 第二张表") - 1,
              "duplicate id 'theory' in weight_tables");
}

TEST(LoaderTest, DuplicateFunctionId) {
  std::string yaml =
      Mutate(kValidPack, "- id: \"2\"\n        name: 模型监控", "- id: \"1\"\n        name: 模型监控");
  ExpectError(yaml, "work_requirements[0].functions[1].id", LineOf(yaml, "name: 模型监控") - 1,
              "duplicate function id '1'");
}

TEST(LoaderTest, IncludesUnknownLevel) {
  std::string yaml = Mutate(kValidPack, "includes: [junior]", "includes: [novice]");
  ExpectError(yaml, "levels[1].includes", LineOf(yaml, "includes: [novice]"),
              "includes unknown level 'novice'");
}

TEST(LoaderTest, IncludesHigherLevel) {
  std::string yaml = Mutate(kValidPack, "rank: 1}", "rank: 1, includes: [mid]}");
  ExpectError(yaml, "levels[0].includes", LineOf(yaml, "includes: [mid]"),
              "level 'junior' may include only lower levels, not 'mid'");
}

TEST(LoaderTest, WeightColumnMustSumTo100) {
  std::string yaml = Mutate(kValidPack, "weights: [60, 90]", "weights: [60, 85]");
  // Reported at the first row of the table; the message names the column and its sum.
  ExpectError(yaml, "weight_tables[0].rows", LineOf(yaml, "label: 职业道德"),
              "column 'mid' sums to 95, expected 100");
  ParseOutcome o = ParsePack(yaml, kFile);
  for (const auto& d : o.diagnostics)
    EXPECT_EQ(d.message.find("column 'junior'"), std::string::npos) << d.ToString();
}

TEST(LoaderTest, DashCellIsNotExaminedAndExcludedFromTheSum) {
  // kValidPack's last row is [30, "-"]: mid sums to 10 + 90 = 100 without it, and function 2 does
  // not exist at mid, which is fine because mid does not examine it.
  ParseOutcome o = ParsePack(kValidPack, kFile);
  ASSERT_TRUE(o.pack.has_value()) << All(o);
  const WeightTable* t = o.pack->FindWeightTable("theory");
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->rows.size(), 3u);
  ASSERT_EQ(t->rows[2].weights.size(), 2u);
  EXPECT_EQ(t->rows[2].weights[0], std::optional<double>(30));
  EXPECT_FALSE(t->rows[2].weights[1].has_value());
  EXPECT_EQ(t->rows[2].line, LineOf(kValidPack, "label: 模型监控"));

  // A '-' counts as nothing: junior with a '-' instead of 30 sums to 70.
  std::string yaml = Mutate(kValidPack, "weights: [30, \"-\"]", "weights: [\"-\", \"-\"]");
  ExpectError(yaml, "weight_tables[0].rows", LineOf(yaml, "label: 职业道德"),
              "column 'junior' sums to 70, expected 100");
}

TEST(LoaderTest, WeightRowNamesFunctionMissingAtThatLevel) {
  // A number instead of '-' at mid: function 2 exists only at junior.
  std::string yaml = Mutate(kValidPack, "weights: [30, \"-\"]", "weights: [30, 0]");
  ExpectError(yaml, "weight_tables[0].rows[2].target", LineOf(yaml, "label: 模型监控"),
              "function '2' (模型监控) has a weight at level 'mid' but no such function exists there");
}

TEST(LoaderTest, WeightRowUnknownBasicRequirement) {
  std::string yaml = Mutate(kValidPack, "target: \"basic:2.1\"", "target: \"basic:2.9\"");
  ExpectError(yaml, "weight_tables[0].rows[0].target", LineOf(yaml, "basic:2.9"),
              "basic requirement '2.9' does not exist");
}

TEST(LoaderTest, WeightRowTargetWithBadPrefix) {
  std::string yaml = Mutate(kValidPack, "target: \"function:2\"", "target: \"func:2\"");
  ExpectError(yaml, "weight_tables[0].rows[2].target", LineOf(yaml, "func:2"),
              "target 'func:2' must be basic:<id>, function:<id> or dimension:<id>");
}

TEST(LoaderTest, WeightRowWithWrongNumberOfCells) {
  std::string yaml = Mutate(kValidPack, "weights: [10, 10]", "weights: [10, 10, 10]");
  ExpectError(yaml, "weight_tables[0].rows[0].weights", LineOf(yaml, "weights: [10, 10, 10]"),
              "has 3 cells but the table has 2 columns");
}

TEST(LoaderTest, UnknownFactInCondition) {
  std::string yaml =
      Mutate(kValidPack, "{fact: occupation_years, at_least: 1}", "{fact: occupation_months, at_least: 12}");
  ExpectError(yaml, "eligibility[0].alternatives[0].when.fact", LineOf(yaml, "occupation_months"),
              "unknown profile fact 'occupation_months'; known facts: education");
}

TEST(LoaderTest, ConditionWithTwoForms) {
  std::string yaml = Mutate(kValidPack, "{fact: occupation_years, at_least: 1}",
                            "{fact: occupation_years, at_least: 1, eligible_for: mid}");
  ExpectError(yaml, "eligibility[0].alternatives[0].when", LineOf(yaml, "at_least: 1, eligible_for: mid"),
              "a condition needs exactly one of all_of, any_of, not, fact, certificate, title");
}

TEST(LoaderTest, FactConditionWithTwoOperators) {
  std::string yaml = Mutate(kValidPack, "{fact: occupation_years, at_least: 1}",
                            "{fact: occupation_years, at_least: 1, at_most: 3}");
  ExpectError(yaml, "eligibility[0].alternatives[0].when", LineOf(yaml, "at_most: 3"),
              "a fact condition needs exactly one of at_least, at_most, equals, in");
}

TEST(LoaderTest, BoolFactComparedWithAtLeast) {
  std::string yaml = Mutate(kValidPack, "{fact: technical_school_graduate, equals: true}",
                            "{fact: technical_school_graduate, at_least: true}");
  ExpectError(yaml, "eligibility[0].alternatives[1].when",
              LineOf(yaml, "technical_school_graduate, at_least"),
              "a yes/no fact can only be compared with equals");
}

TEST(LoaderTest, NumberFactWithNonNumberValue) {
  std::string yaml =
      Mutate(kValidPack, "{fact: occupation_years, at_least: 1}", "{fact: occupation_years, at_least: one}");
  ExpectError(yaml, "eligibility[0].alternatives[0].when.at_least", LineOf(yaml, "at_least: one"),
              "value 'one' does not fit fact 'occupation_years'");
}

TEST(LoaderTest, UnknownEducationValue) {
  std::string yaml =
      Mutate(kValidPack, "{fact: education, at_least: bachelor}", "{fact: education, at_least: phd}");
  ExpectError(yaml, "eligibility[1].alternatives[2].when.all_of[0].at_least", LineOf(yaml, "at_least: phd"),
              "value 'phd' does not fit fact 'education'");
}

TEST(LoaderTest, UnknownTitle) {
  std::string yaml = Mutate(kValidPack, "at_least: assistant_engineer", "at_least: chief_engineer");
  ExpectError(yaml, "eligibility[1].alternatives[1].when.title.at_least", LineOf(yaml, "chief_engineer"),
              "unknown professional title 'chief_engineer'");
}

TEST(LoaderTest, EligibleForCycle) {
  // junior (3) refers to mid; making mid (2) refer back to junior closes a cycle.
  std::string yaml =
      Mutate(kValidPack, "when: {title: {at_least: assistant_engineer}}", "when: {eligible_for: junior}");
  ExpectError(yaml, "eligibility[0]", LineOf(yaml, "- level: junior\n    ref:"),
              "eligible_for rules form a cycle through level 'junior'");
}

TEST(LoaderTest, EligibleForTheSameLevel) {
  std::string yaml = Mutate(kValidPack, "when: {eligible_for: mid}", "when: {eligible_for: junior}");
  ExpectError(yaml, "eligibility[0].alternatives[2].when", LineOf(yaml, "when: {eligible_for: junior}"),
              "a level's rule cannot refer to eligibility for the same level");
}

TEST(LoaderTest, ConditionNamesUnknownLevel) {
  std::string yaml = Mutate(kValidPack, "when: {eligible_for: mid}", "when: {eligible_for: expert}");
  ExpectError(yaml, "eligibility[0].alternatives[2].when", LineOf(yaml, "when: {eligible_for: expert}"),
              "condition names unknown level 'expert'");
}

TEST(LoaderTest, CertificateScopeOtherThanSameOrRelated) {
  std::string yaml = Mutate(kValidPack, "scope: [same, related]", "scope: [same, cousin]");
  ExpectError(yaml, "eligibility[1].alternatives[0].when.certificate.scope",
              LineOf(yaml, "scope: [same, cousin]"), "certificate scope 'cousin' must be same or related");
}

TEST(LoaderTest, UnknownLevelInMinDuration) {
  std::string yaml = Mutate(kValidPack, "{junior: 90, mid: 120}", "{junior: 90, master: 120}");
  ExpectError(yaml, "exam_rules.subjects[0].min_duration_minutes", LineOf(yaml, "{junior: 90, master: 120}"),
              "unknown level 'master'");
}

TEST(LoaderTest, StaffingRuleForUnknownSubject) {
  std::string yaml = Mutate(kValidPack, "{subject: theory,", "{subject: lab,");
  ExpectError(yaml, "exam_rules.staffing[0].subject", LineOf(yaml, "{subject: lab,"),
              "staffing rule for unknown subject 'lab'");
}

TEST(LoaderTest, WeightedDimensionsWithoutPassScore) {
  std::string yaml = Mutate(kValidPack, "  kind: all_subjects_pass\n",
                            "  kind: weighted_dimensions\n  weight_table: theory\n");
  // The key is missing, so the line is that of the mapping that lacks it.
  ExpectError(yaml, "result_rules.pass_score", LineOf(yaml, "kind: weighted_dimensions"),
              "weighted_dimensions needs a pass_score");
}

TEST(LoaderTest, UnsupportedFormat) {
  std::string yaml = Mutate(kValidPack, "format: kaoping.standard/1", "format: kaoping.standard/2");
  ExpectError(yaml, "format", 1, "unsupported format 'kaoping.standard/2'; expected kaoping.standard/1");
}

TEST(LoaderTest, LoadPackFoldsDiagnosticsIntoStatus) {
  std::string yaml = Mutate(kValidPack, "{subject: theory,", "{subject: lab,");
  Result<Pack> r = LoadPack(yaml, kFile);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().reason(), "standard.invalid_pack");
  const std::string& m = r.status().message();
  EXPECT_NE(m.find("1 error(s) in standard pack"), std::string::npos) << m;
  std::string where = std::string(kFile) + ":" + std::to_string(LineOf(yaml, "{subject: lab,")) + ":";
  EXPECT_NE(m.find(where), std::string::npos) << m;
  EXPECT_NE(m.find("staffing rule for unknown subject 'lab'"), std::string::npos) << m;
  EXPECT_NE(r.status().message_zh().find("配比规则指向不存在的科目"), std::string::npos)
      << r.status().message_zh();
}

TEST(LoaderTest, ReportsEveryParseErrorNotJustTheFirst) {
  std::string yaml = Mutate(kValidPack, "format: kaoping.standard/1", "format: kaoping.standard/2");
  yaml = Mutate(yaml, "status: trial\n", "status: trial\ncolour: blue\n");
  yaml = Mutate(yaml, "{fact: occupation_years, at_least: 1}", "{fact: occupation_months, at_least: 1}");
  yaml = Mutate(yaml, "target: \"function:2\"", "target: \"func:2\"");
  ParseOutcome o = ParsePack(yaml, kFile);
  EXPECT_FALSE(o.pack.has_value());
  EXPECT_EQ(o.diagnostics.size(), 4u) << All(o);
  std::vector<std::string> keys;
  for (const auto& d : o.diagnostics) keys.push_back(d.key);
  for (const char* k :
       {"format", "colour", "eligibility[0].alternatives[0].when.fact", "weight_tables[0].rows[2].target"}) {
    EXPECT_NE(std::find(keys.begin(), keys.end(), k), keys.end()) << k << " not reported:\n" << All(o);
  }

  Result<Pack> r = LoadPack(yaml, kFile);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("4 error(s)"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("colour"), std::string::npos);
  EXPECT_NE(r.status().message().find("func:2"), std::string::npos);
}

TEST(LoaderTest, ReportsEverySemanticErrorNotJustTheFirst) {
  std::string yaml = Mutate(kValidPack, "{subject: theory,", "{subject: lab,");
  yaml = Mutate(yaml, "weights: [60, 90]", "weights: [60, 85]");
  yaml = Mutate(yaml, "includes: [junior]", "includes: [novice]");
  ParseOutcome o = ParsePack(yaml, kFile);
  EXPECT_FALSE(o.pack.has_value());
  EXPECT_EQ(o.diagnostics.size(), 3u) << All(o);
  for (const auto& d : o.diagnostics) EXPECT_GT(d.line, 0) << d.ToString();
}

TEST(LoaderTest, NotAMapping) {
  ParseOutcome o = ParsePack("- just\n- a list\n", kFile);
  EXPECT_FALSE(o.pack.has_value());
  ASSERT_EQ(o.diagnostics.size(), 1u) << All(o);
  EXPECT_EQ(o.diagnostics[0].line, 1);
  EXPECT_NE(o.diagnostics[0].message.find("expected a mapping"), std::string::npos);
}

TEST(LoaderTest, ValidatePackOnACodeBuiltPack) {
  ParseOutcome o = ParsePack(kValidPack, kFile);
  ASSERT_TRUE(o.pack.has_value());
  Pack p = *o.pack;
  EXPECT_TRUE(ValidatePack(p).empty());
  p.levels[1].includes = {"mid"};
  auto diags = ValidatePack(p);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].key, "levels[1].includes");
  EXPECT_EQ(diags[0].line, 0);  // a pack built in code has no lines
  EXPECT_EQ(diags[0].ToString().rfind(std::string(kFile) + ": levels[1].includes: ", 0), 0u)
      << diags[0].ToString();
}

}  // namespace
}  // namespace kaoping::standards
