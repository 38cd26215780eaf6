// Eligibility decisions (eligibility.h) on the real packs in standards/: for every clause
// (alternative) of every level of 002 (1.5.1) and 003 (1.9.1), one candidate who qualifies exactly
// by that clause and one who just misses it, with the explanation the candidate would read.
// Clause texts below are copied from the sources (standards/sources/002_*.txt, 003_*.txt).

#include "core/standards/eligibility.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/standards/loader.h"
#include "support/files.h"

namespace kaoping::standards {
namespace {

using testing_support::ReadFile;
using testing_support::SourceDir;

constexpr const char* kDeploy = "llm-deploy-engineer";            // 002
constexpr const char* kTechnician = "ai-engineering-technician";  // 003

const Pack& LoadReal(const std::string& file) {
  static auto* cache = new std::map<std::string, Pack>();
  auto it = cache->find(file);
  if (it != cache->end()) return it->second;
  auto r = LoadPack(ReadFile(SourceDir() / "standards" / file), file);
  if (!r.ok()) {
    ADD_FAILURE() << r.status().message();
    return (*cache)[file];
  }
  return cache->emplace(file, std::move(r).value()).first->second;
}

const Pack& P000() {
  return LoadReal("000-llm-talent-capability.yaml");
}
const Pack& P002() {
  return LoadReal("002-llm-deploy-engineer.yaml");
}
const Pack& P003() {
  return LoadReal("003-ai-engineering-technician.yaml");
}

EligibilityDecision Check(const Pack& pack, const std::string& level, const CandidateProfile& profile) {
  auto r = CheckEligibility(pack, level, profile);
  if (!r.ok()) {
    ADD_FAILURE() << r.status().message();
    return {};
  }
  return std::move(r).value();
}

std::string Lines(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += "  " + x + "\n";
  return s;
}

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// Profile builders.
HeldCertificate Cert(const std::string& standard, const std::string& level, double years_after) {
  HeldCertificate c;
  c.standard = standard;
  c.level = level;
  c.years_after = years_after;
  return c;
}
HeldCertificate OtherCert(int rank, const std::string& scope, double years_after) {
  HeldCertificate c;
  c.rank = rank;
  c.scope = scope;
  c.years_after = years_after;
  return c;
}
HeldTitle Title(const std::string& title, double years_after) {
  return HeldTitle{title, years_after};
}

// 003 requires a training-hours certificate for the level before any clause.
CandidateProfile Trained(const std::string& level, CandidateProfile p = {}) {
  TrainingRecord t;
  t.standard = kTechnician;
  t.level = level;
  t.certificate = true;
  p.training.push_back(t);
  return p;
}

// The candidate qualifies by clause `id`, the first clause that holds; the first sentence of the
// explanation quotes the clause.
void ExpectEligibleBy(const Pack& pack, const std::string& level, const CandidateProfile& profile,
                      const std::string& id, const std::string& clause_text) {
  EligibilityDecision d = Check(pack, level, profile);
  EXPECT_EQ(d.verdict, EligibilityVerdict::kEligible) << level << " (" << id << ")\n"
                                                      << Lines(d.explanation_zh);
  EXPECT_EQ(d.matched_alternative, id) << Lines(d.explanation_zh);
  ASSERT_FALSE(d.explanation_zh.empty());
  EXPECT_TRUE(Contains(d.explanation_zh[0], clause_text)) << d.explanation_zh[0];
  EXPECT_TRUE(Contains(d.explanation_zh[0], "第（" + id + "）条")) << d.explanation_zh[0];
  ASSERT_FALSE(d.explanation_en.empty());
  EXPECT_TRUE(Contains(d.explanation_en[0], "clause (" + id + ")")) << d.explanation_en[0];
  for (const auto& a : d.alternatives) {
    if (a.id == id) {
      EXPECT_TRUE(a.satisfied);
      EXPECT_TRUE(a.missing_zh.empty()) << Lines(a.missing_zh);
    }
  }
}

// The candidate is not eligible, and the sentence for clause `id` says what is missing: it
// contains every one of `parts`.
void ExpectMiss(const Pack& pack, const std::string& level, const CandidateProfile& profile,
                const std::string& id, const std::vector<std::string>& parts) {
  EligibilityDecision d = Check(pack, level, profile);
  EXPECT_EQ(d.verdict, EligibilityVerdict::kNotEligible) << level << " (" << id << ")\n"
                                                         << Lines(d.explanation_zh);
  EXPECT_EQ(d.matched_alternative, "");
  const AlternativeOutcome* outcome = nullptr;
  for (const auto& a : d.alternatives) {
    if (a.id == id) outcome = &a;
  }
  ASSERT_NE(outcome, nullptr) << "no clause " << id;
  EXPECT_FALSE(outcome->satisfied);
  EXPECT_FALSE(outcome->missing_zh.empty());
  ASSERT_FALSE(d.explanation_zh.empty());
  EXPECT_TRUE(Contains(d.explanation_zh[0], "暂不符合")) << d.explanation_zh[0];
  std::string sentence;
  for (const auto& line : d.explanation_zh) {
    if (line.rfind("第（" + id + "）条「", 0) == 0) sentence = line;
  }
  ASSERT_FALSE(sentence.empty()) << "no sentence for clause " << id << ":\n" << Lines(d.explanation_zh);
  EXPECT_TRUE(Contains(sentence, "尚缺：")) << sentence;
  for (const auto& part : parts)
    EXPECT_TRUE(Contains(sentence, part)) << "'" << part << "' not in: " << sentence;
}

// ------------------------------------------------------------------------------------------------
// 002 大模型部署工程师, 1.5.1 (L29-L49) and 1.5.2 (L51-L57).

constexpr const char* k002J1 = "累计从事相关职业工作 1 年（含）以上。";
constexpr const char* k002J2 = "相关专业在校学生。";
constexpr const char* k002Note1 = "满足本项目高级别申报条件可申报本项目低级别。";
constexpr const char* k002M1 =
    "取得本项目或相关职业初级评价证书（含职业资格证书、职业技能等级证书等）后，累计从事相关职业工作 2 "
    "年（含）以上。";
constexpr const char* k002M2 = "累计从事相关职业工作 4 年（含）以上。";
constexpr const char* k002M3 = "取得相关专业毕业证书。";
constexpr const char* k002S1 =
    "取得本项目或相关职业中级评价证书（含职业资格证书、职业技能等级证书等）后，累计从事相关职业工作 3 "
    "年（含）以上。";
constexpr const char* k002S2 = "累计从事相关职业工作 6 年（含）以上。";
constexpr const char* k002S3 =
    "具有高等职业学校、高级技工学校、技师学院相关专业毕业证书，并取得本项目或相关职业中级评价证书（含职业资格"
    "证书、职业技能等级证等）。";
constexpr const char* k002S4 =
    "具有大专及以上学历相关专业毕业证书，并取得本项目或相关职业中级评价证书（含职业资格证书、职业技能等级证书"
    "等）后，累计从事相关职业工作 1 年（含）以上。";

TEST(EligibilityTest, Pack002HasTheClausesOfTheSource) {
  const Pack& p = P002();
  std::map<std::string, std::vector<std::string>> ids;
  for (const auto& b : p.eligibility) {
    EXPECT_FALSE(b.requires_condition.has_value()) << b.level;
    for (const auto& a : b.alternatives) ids[b.level].push_back(a.id);
  }
  EXPECT_EQ(ids["junior"], (std::vector<std::string>{"1", "2", "1.5.2-1"}));
  EXPECT_EQ(ids["mid"], (std::vector<std::string>{"1", "2", "3", "1.5.2-1"}));
  EXPECT_EQ(ids["senior"], (std::vector<std::string>{"1", "2", "3", "4"}));
}

TEST(EligibilityTest, Deploy002Junior1Experience) {
  CandidateProfile p;
  p.occupation_years = 1;
  ExpectEligibleBy(P002(), "junior", p, "1", k002J1);
  p.occupation_years = 0.9;
  ExpectMiss(P002(), "junior", p, "1", {k002J1, "从事本职业（相关职业）工作年限不少于 1 年", "当前 0.9 年"});
}

TEST(EligibilityTest, Deploy002Junior2RelatedStudent) {
  CandidateProfile p;
  p.is_student = true;
  p.field_related = true;
  ExpectEligibleBy(P002(), "junior", p, "2", k002J2);
  p.field_related = false;
  ExpectMiss(P002(), "junior", p, "2", {"所学专业与本职业相关：是（当前：否）"});
  p.field_related = true;
  p.is_student = false;
  ExpectMiss(P002(), "junior", p, "2", {"在校学生（含在读应届毕业生）：是（当前：否）"});
}

TEST(EligibilityTest, Deploy002JuniorNote1HigherLevelQualifies) {
  // A related 高职 graduate without experience: not (1), not (2), but eligible for mid by mid (3).
  CandidateProfile p;
  p.field_related = true;
  p.education = "vocational";
  ExpectEligibleBy(P002(), "junior", p, "1.5.2-1", k002Note1);
  // A related 中职 graduate is not eligible for mid, so the note does not help.
  p.education = "secondary";
  ExpectMiss(P002(), "junior", p, "1.5.2-1", {"符合本项目中级的申报条件"});
}

TEST(EligibilityTest, Deploy002Mid1JuniorCertificateThen2Years) {
  CandidateProfile p;
  p.occupation_years = 2;
  p.certificates = {Cert(kDeploy, "junior", 2)};
  ExpectEligibleBy(P002(), "mid", p, "1", k002M1);
  // A junior certificate of a related occupation counts too (本项目或相关职业).
  p.certificates = {OtherCert(1, "related", 2)};
  ExpectEligibleBy(P002(), "mid", p, "1", k002M1);

  p.certificates = {Cert(kDeploy, "junior", 1.9)};
  ExpectMiss(P002(), "mid", p, "1", {"取得本项目或相关职业初级及以上证书后", "满 2 年", "取得后从业 1.9 年"});
  // A certificate of an unrelated occupation does not count.
  p.certificates = {OtherCert(1, "unrelated", 5)};
  ExpectMiss(P002(), "mid", p, "1",
             {"取得本项目或相关职业初级及以上证书后", "当前：已有证书，但不是本项目或相关职业的证书"});
  p.certificates.clear();
  ExpectMiss(P002(), "mid", p, "1", {"初级及以上证书", "当前：无"});
}

TEST(EligibilityTest, Deploy002Mid2Experience4Years) {
  CandidateProfile p;
  p.occupation_years = 4;
  ExpectEligibleBy(P002(), "mid", p, "2", k002M2);
  p.occupation_years = 3.9;
  ExpectMiss(P002(), "mid", p, "2", {"不少于 4 年", "当前 3.9 年"});
}

TEST(EligibilityTest, Deploy002Mid3RelatedGraduate) {
  CandidateProfile p;
  p.field_related = true;
  p.education = "associate";
  ExpectEligibleBy(P002(), "mid", p, "3", k002M3);
  p.education = "vocational";
  ExpectEligibleBy(P002(), "mid", p, "3", k002M3);
  p.education = "secondary";
  ExpectMiss(P002(), "mid", p, "3", {"学历不低于高等职业学校/高级技工学校/技师学院", "当前：中等教育"});
  p.education = "master";
  p.field_related = false;
  ExpectMiss(P002(), "mid", p, "3", {"所学专业与本职业相关：是（当前：否）"});
}

TEST(EligibilityTest, Deploy002MidNote1HigherLevelQualifies) {
  // Every way into senior already satisfies one of mid's own clauses (1)–(3), which come first, so
  // the note's clause holds but is never the deciding one for mid.
  CandidateProfile p;
  p.occupation_years = 3;
  p.certificates = {Cert(kDeploy, "mid", 3)};
  ASSERT_EQ(Check(P002(), "senior", p).verdict, EligibilityVerdict::kEligible);
  EligibilityDecision d = Check(P002(), "mid", p);
  EXPECT_EQ(d.verdict, EligibilityVerdict::kEligible);
  bool note_holds = false;
  for (const auto& a : d.alternatives) note_holds |= a.id == "1.5.2-1" && a.satisfied;
  EXPECT_TRUE(note_holds);
  EXPECT_EQ(d.matched_alternative, "1");

  CandidateProfile none;
  ExpectMiss(P002(), "mid", none, "1.5.2-1", {k002Note1, "符合本项目高级的申报条件"});
}

TEST(EligibilityTest, Deploy002Senior1MidCertificateThen3Years) {
  CandidateProfile p;
  p.occupation_years = 3;
  p.certificates = {Cert(kDeploy, "mid", 3)};
  ExpectEligibleBy(P002(), "senior", p, "1", k002S1);
  p.certificates = {OtherCert(2, "related", 3)};
  ExpectEligibleBy(P002(), "senior", p, "1", k002S1);
  // A higher certificate counts (及以上).
  p.certificates = {Cert(kDeploy, "senior", 3)};
  ExpectEligibleBy(P002(), "senior", p, "1", k002S1);

  p.certificates = {Cert(kDeploy, "mid", 2.5)};
  ExpectMiss(P002(), "senior", p, "1", {"中级及以上证书后", "满 3 年", "取得后从业 2.5 年"});
  // One level too low.
  p.occupation_years = 5;
  p.certificates = {Cert(kDeploy, "junior", 5)};
  ExpectMiss(P002(), "senior", p, "1",
             {"取得本项目或相关职业中级及以上证书", "当前：已有初级证书，低于中级"});
}

TEST(EligibilityTest, Deploy002Senior2Experience6Years) {
  CandidateProfile p;
  p.occupation_years = 6;
  ExpectEligibleBy(P002(), "senior", p, "2", k002S2);
  p.occupation_years = 5.9;
  ExpectMiss(P002(), "senior", p, "2", {"不少于 6 年", "当前 5.9 年"});
}

TEST(EligibilityTest, Deploy002Senior3VocationalGraduateWithMidCertificate) {
  CandidateProfile p;
  p.field_related = true;
  p.education = "vocational";
  p.certificates = {Cert(kDeploy, "mid", 0)};
  ExpectEligibleBy(P002(), "senior", p, "3", k002S3);

  p.certificates = {Cert(kDeploy, "junior", 0)};
  ExpectMiss(P002(), "senior", p, "3", {"中级及以上证书", "当前：已有初级证书，低于中级"});
  p.certificates = {Cert(kDeploy, "mid", 0)};
  p.field_related = false;
  ExpectMiss(P002(), "senior", p, "3", {"所学专业与本职业相关：是（当前：否）"});
  // (3) names the 高职 school types; a 大专 graduate needs (4)'s year after the certificate.
  p.field_related = true;
  p.education = "associate";
  ExpectMiss(P002(), "senior", p, "3", {"学历为高等职业学校/高级技工学校/技师学院（当前：大学专科）"});
}

TEST(EligibilityTest, Deploy002Senior4GraduateWithMidCertificateThen1Year) {
  CandidateProfile p;
  p.field_related = true;
  p.education = "associate";
  p.occupation_years = 1;
  p.certificates = {Cert(kDeploy, "mid", 1)};
  ExpectEligibleBy(P002(), "senior", p, "4", k002S4);
  p.education = "bachelor";
  ExpectEligibleBy(P002(), "senior", p, "4", k002S4);

  p.certificates = {Cert(kDeploy, "mid", 0.9)};
  ExpectMiss(P002(), "senior", p, "4", {"中级及以上证书后", "满 1 年", "取得后从业 0.9 年"});
  p.certificates = {Cert(kDeploy, "mid", 1)};
  p.education = "secondary";  // (a 高职 graduate would qualify by (3))
  ExpectMiss(P002(), "senior", p, "4", {"学历不低于大学专科（当前：中等教育）"});
}

TEST(EligibilityTest, Deploy002Note1EligibleForHigherMeansEligibleForLower) {
  std::vector<CandidateProfile> seniors(4);
  seniors[0].occupation_years = 3;
  seniors[0].certificates = {Cert(kDeploy, "mid", 3)};
  seniors[1].occupation_years = 6;
  seniors[2].field_related = true;
  seniors[2].education = "vocational";
  seniors[2].certificates = {OtherCert(2, "related", 0)};
  seniors[3].field_related = true;
  seniors[3].education = "master";
  seniors[3].occupation_years = 1;
  seniors[3].certificates = {Cert(kDeploy, "mid", 1)};
  for (size_t i = 0; i < seniors.size(); ++i) {
    SCOPED_TRACE("senior profile " + std::to_string(i));
    ASSERT_EQ(Check(P002(), "senior", seniors[i]).verdict, EligibilityVerdict::kEligible);
    EXPECT_EQ(Check(P002(), "mid", seniors[i]).verdict, EligibilityVerdict::kEligible);
    EXPECT_EQ(Check(P002(), "junior", seniors[i]).verdict, EligibilityVerdict::kEligible);
  }
  // Senior (3) with no experience: junior only through the note (via mid, via senior).
  EligibilityDecision d = Check(P002(), "junior", seniors[2]);
  EXPECT_EQ(d.matched_alternative, "1.5.2-1");
  // The note does not work upwards.
  CandidateProfile junior_only;
  junior_only.occupation_years = 1;
  EXPECT_EQ(Check(P002(), "junior", junior_only).verdict, EligibilityVerdict::kEligible);
  EXPECT_EQ(Check(P002(), "mid", junior_only).verdict, EligibilityVerdict::kNotEligible);
  EXPECT_EQ(Check(P002(), "senior", junior_only).verdict, EligibilityVerdict::kNotEligible);
}

TEST(EligibilityTest, Deploy002NotEligibleListsEveryClause) {
  CandidateProfile p;
  EligibilityDecision d = Check(P002(), "senior", p);
  EXPECT_EQ(d.verdict, EligibilityVerdict::kNotEligible);
  ASSERT_EQ(d.explanation_zh.size(), 5u) << Lines(d.explanation_zh);
  EXPECT_EQ(d.explanation_zh[0], "暂不符合高级申报条件。满足以下任一条即可申报：");
  EXPECT_EQ(d.source_ref, "1.5.1 L42-L49");
  EXPECT_EQ(d.explanation_en.size(), 5u);
}

// ------------------------------------------------------------------------------------------------
// 003 人工智能工程技术人员, 1.9.1 (L143-L188): every clause first needs the level's training-hours
// certificate (1.8.1: 64 / 80 / 80 standard hours).

constexpr const char* k003J1 = "取得技术员职称。";
constexpr const char* k003J2 = "具备相关专业大学本科及以上学历（含在读的应届毕业生）。";
constexpr const char* k003J3 = "具备相关专业大学专科学历，从事本职业技术工作满 1 年。";
constexpr const char* k003J4 = "技工院校毕业生按国家有关规定申报。";
constexpr const char* k003M1 = "取得助理工程师职称后，从事本职业技术工作满 2年。";
constexpr const char* k003M2 =
    "具备大学本科学历，或学士学位，或大学专科学历，取得初级专业技术等级后，从事本职业技术工作满 3年。";
constexpr const char* k003M3 =
    "具备硕士学位或第二学士学位，取得初级专业技术等级后，从事本职业技术工作满 1 年。";
constexpr const char* k003M4 = "具备相关专业博士学位。";
constexpr const char* k003S1 = "取得工程师职称后，从事本职业技术工作满 3 年。";
constexpr const char* k003S2 =
    "具备硕士学位，或第二学士学位，或大学本科学历，或学士学位，取得中级专业技术等级后，从事本职业技术工作满 "
    "4 年。";
constexpr const char* k003S3 = "具备博士学位，取得中级专业技术等级后，从事本职业技术工作满 1年。";

TEST(EligibilityTest, Pack003HasTheClausesOfTheSource) {
  const Pack& p = P003();
  std::map<std::string, std::vector<std::string>> ids;
  for (const auto& b : p.eligibility) {
    EXPECT_TRUE(b.requires_condition.has_value()) << b.level;
    for (const auto& a : b.alternatives) ids[b.level].push_back(a.id);
  }
  EXPECT_EQ(ids["junior"], (std::vector<std::string>{"1", "2", "3", "4"}));
  EXPECT_EQ(ids["mid"], (std::vector<std::string>{"1", "2", "3", "4", "5"}));
  EXPECT_EQ(ids["senior"], (std::vector<std::string>{"1", "2", "3", "4"}));
}

TEST(EligibilityTest, Technician003Junior1Technician) {
  CandidateProfile p = Trained("junior");
  p.titles = {Title("technician", 0)};
  ExpectEligibleBy(P003(), "junior", p, "1", k003J1);
  p.titles = {Title("engineer", 0)};  // a higher title counts
  ExpectEligibleBy(P003(), "junior", p, "1", k003J1);
  p.titles.clear();
  ExpectMiss(P003(), "junior", p, "1", {k003J1, "取得技术员及以上职称", "当前：无职称"});
}

TEST(EligibilityTest, Technician003Junior2RelatedBachelorOrGraduatingStudent) {
  CandidateProfile p = Trained("junior");
  p.field_related = true;
  p.education = "bachelor";
  ExpectEligibleBy(P003(), "junior", p, "2", k003J2);
  p.education = "doctor";
  ExpectEligibleBy(P003(), "junior", p, "2", k003J2);
  p.education = "secondary";
  p.is_student = true;  // 在读的应届毕业生
  ExpectEligibleBy(P003(), "junior", p, "2", k003J2);

  p.is_student = false;
  p.education = "bachelor";
  p.field_related = false;
  ExpectMiss(P003(), "junior", p, "2", {"所学专业与本职业相关：是（当前：否）"});
  p.field_related = true;
  p.education = "associate";
  ExpectMiss(P003(), "junior", p, "2",
             {"以下任一项", "学历不低于大学本科（学士）（当前：大学专科）", "在校学生"});
}

TEST(EligibilityTest, Technician003Junior3AssociateThen1Year) {
  CandidateProfile p = Trained("junior");
  p.field_related = true;
  p.education = "associate";
  p.occupation_years = 1;
  ExpectEligibleBy(P003(), "junior", p, "3", k003J3);
  p.occupation_years = 0.9;
  ExpectMiss(P003(), "junior", p, "3", {"不少于 1 年", "当前 0.9 年"});
  p.occupation_years = 1;
  p.education = "vocational";
  ExpectMiss(P003(), "junior", p, "3", {"学历不低于大学专科"});
}

TEST(EligibilityTest, Technician003Junior4TechnicalSchoolNeedsReview) {
  CandidateProfile p = Trained("junior");
  p.technical_school_graduate = true;
  EligibilityDecision d = Check(P003(), "junior", p);
  EXPECT_EQ(d.verdict, EligibilityVerdict::kNeedsReview) << Lines(d.explanation_zh);
  EXPECT_EQ(d.matched_alternative, "4");
  ASSERT_FALSE(d.explanation_zh.empty());
  EXPECT_TRUE(Contains(d.explanation_zh[0], k003J4)) << d.explanation_zh[0];
  EXPECT_TRUE(Contains(d.explanation_zh[0], "审核")) << d.explanation_zh[0];
  EXPECT_TRUE(Contains(d.explanation_en[0], "administrator")) << d.explanation_en[0];

  p.technical_school_graduate = false;
  ExpectMiss(P003(), "junior", p, "4", {k003J4, "技工院校毕业生：是（当前：否）"});
}

TEST(EligibilityTest, Technician003Mid1AssistantEngineerThen2Years) {
  CandidateProfile p = Trained("mid");
  p.titles = {Title("assistant_engineer", 2)};
  ExpectEligibleBy(P003(), "mid", p, "1", k003M1);
  p.titles = {Title("assistant_engineer", 1.9)};
  ExpectMiss(P003(), "mid", p, "1",
             {"取得助理工程师及以上职称后", "满 2 年", "助理工程师，取得后从业 1.9 年"});
  // The wrong (lower) title.
  p.titles = {Title("technician", 5)};
  ExpectMiss(P003(), "mid", p, "1", {"取得助理工程师及以上职称", "当前：技术员，低于助理工程师"});
}

TEST(EligibilityTest, Technician003Mid2BachelorOrAssociateJuniorLevelThen3Years) {
  CandidateProfile p = Trained("mid");
  p.education = "bachelor";
  p.certificates = {Cert(kTechnician, "junior", 3)};
  ExpectEligibleBy(P003(), "mid", p, "2", k003M2);
  p.education = "associate";
  ExpectEligibleBy(P003(), "mid", p, "2", k003M2);

  p.certificates = {Cert(kTechnician, "junior", 2.5)};
  ExpectMiss(P003(), "mid", p, "2", {"取得本项目（本职业）初级及以上证书后", "满 3 年", "取得后从业 2.5 年"});
  // 专业技术等级 of this occupation only: a related occupation's certificate does not count.
  p.certificates = {OtherCert(1, "related", 3)};
  ExpectMiss(P003(), "mid", p, "2", {"当前：已有证书，但不是本项目（本职业）的证书"});
  p.certificates = {Cert(kTechnician, "junior", 3)};
  p.education = "secondary";
  ExpectMiss(P003(), "mid", p, "2", {"学历为大学本科（学士）或大学专科（当前：中等教育）"});
}

TEST(EligibilityTest, Technician003Mid3MasterOrSecondBachelorJuniorLevelThen1Year) {
  CandidateProfile p = Trained("mid");
  p.education = "master";
  p.certificates = {Cert(kTechnician, "junior", 1)};
  ExpectEligibleBy(P003(), "mid", p, "3", k003M3);
  p.education = "second_bachelor";
  ExpectEligibleBy(P003(), "mid", p, "3", k003M3);
  // A doctor of an unrelated field (not (4)) holds the degree too.
  p.education = "doctor";
  ExpectEligibleBy(P003(), "mid", p, "3", k003M3);
  p.education = "bachelor";  // needs (2)'s 3 years
  ExpectMiss(P003(), "mid", p, "3", {"学历不低于第二学士学位（当前：大学本科（学士））"});

  p.education = "master";
  p.certificates = {Cert(kTechnician, "junior", 0.9)};
  ExpectMiss(P003(), "mid", p, "3", {"满 1 年", "取得后从业 0.9 年"});
  p.certificates.clear();
  ExpectMiss(P003(), "mid", p, "3", {"初级及以上证书", "当前：无"});
}

TEST(EligibilityTest, Technician003Mid4RelatedDoctor) {
  CandidateProfile p = Trained("mid");
  p.field_related = true;
  p.education = "doctor";
  ExpectEligibleBy(P003(), "mid", p, "4", k003M4);
  p.education = "master";
  ExpectMiss(P003(), "mid", p, "4", {"学历不低于博士（当前：硕士）"});
  p.education = "doctor";
  p.field_related = false;
  ExpectMiss(P003(), "mid", p, "4", {"所学专业与本职业相关：是（当前：否）"});
}

TEST(EligibilityTest, Technician003Mid5TechnicalSchoolNeedsReview) {
  CandidateProfile p = Trained("mid");
  p.technical_school_graduate = true;
  EligibilityDecision d = Check(P003(), "mid", p);
  EXPECT_EQ(d.verdict, EligibilityVerdict::kNeedsReview);
  EXPECT_EQ(d.matched_alternative, "5");
  ASSERT_FALSE(d.explanation_zh.empty());
  EXPECT_TRUE(Contains(d.explanation_zh[0], k003J4)) << d.explanation_zh[0];
  p.technical_school_graduate = false;
  ExpectMiss(P003(), "mid", p, "5", {"技工院校毕业生：是（当前：否）"});
}

TEST(EligibilityTest, Technician003Senior1EngineerThen3Years) {
  CandidateProfile p = Trained("senior");
  p.titles = {Title("engineer", 3)};
  ExpectEligibleBy(P003(), "senior", p, "1", k003S1);
  p.titles = {Title("senior_engineer", 3)};
  ExpectEligibleBy(P003(), "senior", p, "1", k003S1);

  p.titles = {Title("engineer", 2.5)};
  ExpectMiss(P003(), "senior", p, "1", {"取得工程师及以上职称后", "满 3 年", "工程师，取得后从业 2.5 年"});
  p.titles = {Title("assistant_engineer", 10)};
  ExpectMiss(P003(), "senior", p, "1", {"取得工程师及以上职称", "当前：助理工程师，低于工程师"});
}

TEST(EligibilityTest, Technician003Senior2GraduateMidLevelThen4Years) {
  CandidateProfile p = Trained("senior");
  p.education = "bachelor";
  p.certificates = {Cert(kTechnician, "mid", 4)};
  ExpectEligibleBy(P003(), "senior", p, "2", k003S2);
  p.education = "master";
  ExpectEligibleBy(P003(), "senior", p, "2", k003S2);
  p.education = "second_bachelor";
  ExpectEligibleBy(P003(), "senior", p, "2", k003S2);

  p.certificates = {Cert(kTechnician, "mid", 3.9)};
  ExpectMiss(P003(), "senior", p, "2", {"中级及以上证书后", "满 4 年", "取得后从业 3.9 年"});
  // A certificate one level too low.
  p.certificates = {Cert(kTechnician, "junior", 10)};
  ExpectMiss(P003(), "senior", p, "2",
             {"取得本项目（本职业）中级及以上证书", "当前：已有初级证书，低于中级"});
  p.certificates = {Cert(kTechnician, "mid", 4)};
  p.education = "associate";
  ExpectMiss(P003(), "senior", p, "2", {"学历为大学本科（学士）或第二学士学位或硕士（当前：大学专科）"});
}

TEST(EligibilityTest, Technician003Senior3DoctorMidLevelThen1Year) {
  CandidateProfile p = Trained("senior");
  p.education = "doctor";
  p.certificates = {Cert(kTechnician, "mid", 1)};
  ExpectEligibleBy(P003(), "senior", p, "3", k003S3);
  p.certificates = {Cert(kTechnician, "mid", 0.5)};
  ExpectMiss(P003(), "senior", p, "3", {"中级及以上证书后", "满 1 年", "取得后从业 0.5 年"});
  p.certificates = {Cert(kTechnician, "mid", 1)};
  p.education = "master";
  ExpectMiss(P003(), "senior", p, "3", {"学历不低于博士（当前：硕士）"});
}

TEST(EligibilityTest, Technician003Senior4TechnicalSchoolNeedsReview) {
  CandidateProfile p = Trained("senior");
  p.technical_school_graduate = true;
  EligibilityDecision d = Check(P003(), "senior", p);
  EXPECT_EQ(d.verdict, EligibilityVerdict::kNeedsReview);
  EXPECT_EQ(d.matched_alternative, "4");
  ASSERT_FALSE(d.explanation_zh.empty());
  EXPECT_TRUE(Contains(d.explanation_zh[0], k003J4)) << d.explanation_zh[0];
  p.technical_school_graduate = false;
  ExpectMiss(P003(), "senior", p, "4", {"技工院校毕业生：是（当前：否）"});
}

TEST(EligibilityTest, Technician003ReviewClauseYieldsToARealClause) {
  CandidateProfile p = Trained("junior");
  p.technical_school_graduate = true;
  p.titles = {Title("technician", 0)};
  EligibilityDecision d = Check(P003(), "junior", p);
  EXPECT_EQ(d.verdict, EligibilityVerdict::kEligible);
  EXPECT_EQ(d.matched_alternative, "1");
}

TEST(EligibilityTest, Technician003EveryClauseNeedsTheTrainingCertificate) {
  struct Case {
    std::string level;
    CandidateProfile profile;
    std::string requires_text;
    std::string hours;
  };
  std::vector<Case> cases(4);
  cases[0].level = "junior";
  cases[0].profile.titles = {Title("technician", 0)};  // meets (1)
  cases[0].requires_text = "取得初级培训学时证明";
  cases[0].hours = "64 标准学时";
  cases[1].level = "mid";
  cases[1].profile.titles = {Title("assistant_engineer", 2)};  // meets (1)
  cases[1].requires_text = "取得中级培训学时证明";
  cases[1].hours = "80 标准学时";
  cases[2].level = "senior";
  cases[2].profile.titles = {Title("engineer", 3)};  // meets (1)
  cases[2].requires_text = "取得高级培训学时证明";
  cases[2].hours = "80 标准学时";
  cases[3].level = "junior";
  cases[3].profile.technical_school_graduate = true;  // meets the review clause (4)
  cases[3].requires_text = "取得初级培训学时证明";
  cases[3].hours = "64 标准学时";
  for (const auto& c : cases) {
    SCOPED_TRACE(c.level);
    EligibilityDecision d = Check(P003(), c.level, c.profile);
    EXPECT_EQ(d.verdict, EligibilityVerdict::kNotEligible);
    EXPECT_EQ(d.matched_alternative, "");
    ASSERT_TRUE(d.requirement.has_value());
    EXPECT_FALSE(d.requirement->satisfied);
    ASSERT_EQ(d.explanation_zh.size(), 2u) << Lines(d.explanation_zh);
    EXPECT_TRUE(Contains(d.explanation_zh[0], c.requires_text)) << d.explanation_zh[0];
    EXPECT_TRUE(Contains(d.explanation_zh[1], "培训学时证明")) << d.explanation_zh[1];
    EXPECT_TRUE(Contains(d.explanation_zh[1], c.hours)) << d.explanation_zh[1];
    EXPECT_TRUE(Contains(d.explanation_zh[1], "当前：已完成 0 学时")) << d.explanation_zh[1];
    // With the certificate the same profile qualifies (or goes to review).
    EligibilityDecision with = Check(P003(), c.level, Trained(c.level, c.profile));
    EXPECT_NE(with.verdict, EligibilityVerdict::kNotEligible) << Lines(with.explanation_zh);
  }
  // A training certificate of another level does not count.
  CandidateProfile p = Trained("junior");
  p.titles = {Title("assistant_engineer", 2)};
  EXPECT_EQ(Check(P003(), "mid", p).verdict, EligibilityVerdict::kNotEligible);
}

TEST(EligibilityTest, Technician003LoggedHoursCountAsTheTrainingCertificate) {
  auto with_hours = [](const std::string& level, std::vector<double> hours) {
    CandidateProfile p;
    p.titles = {Title("engineer", 3)};  // meets (1) of every level
    for (double h : hours) {
      TrainingRecord t;
      t.standard = kTechnician;
      t.level = level;
      t.hours = h;
      p.training.push_back(t);
    }
    return p;
  };
  EXPECT_EQ(Check(P003(), "junior", with_hours("junior", {64})).verdict, EligibilityVerdict::kEligible);
  EXPECT_EQ(Check(P003(), "junior", with_hours("junior", {40, 24})).verdict, EligibilityVerdict::kEligible);
  EXPECT_EQ(Check(P003(), "mid", with_hours("mid", {80})).verdict, EligibilityVerdict::kEligible);
  EXPECT_EQ(Check(P003(), "senior", with_hours("senior", {100})).verdict, EligibilityVerdict::kEligible);

  EligibilityDecision d = Check(P003(), "junior", with_hours("junior", {63.5}));
  EXPECT_EQ(d.verdict, EligibilityVerdict::kNotEligible);
  ASSERT_EQ(d.explanation_zh.size(), 2u);
  EXPECT_TRUE(Contains(d.explanation_zh[1], "64 标准学时")) << d.explanation_zh[1];
  EXPECT_TRUE(Contains(d.explanation_zh[1], "当前：已完成 63.5 学时")) << d.explanation_zh[1];
  // 64 hours are junior's count, not mid's 80; hours logged for another level or standard do not count.
  EXPECT_EQ(Check(P003(), "mid", with_hours("mid", {64})).verdict, EligibilityVerdict::kNotEligible);
  EXPECT_EQ(Check(P003(), "mid", with_hours("junior", {200})).verdict, EligibilityVerdict::kNotEligible);
  CandidateProfile other = with_hours("junior", {64});
  other.training[0].standard = kDeploy;
  EXPECT_EQ(Check(P003(), "junior", other).verdict, EligibilityVerdict::kNotEligible);
}

// ------------------------------------------------------------------------------------------------
// 000 大模型人才能力 B.2: tiers by years of work experience.

TEST(EligibilityTest, Talent000ExperienceThresholds) {
  const Pack& p = P000();
  ASSERT_NE(p.FindLevel("mid"), nullptr);
  EXPECT_EQ(p.FindLevel("mid")->min_experience_years, std::optional<double>(3));
  EXPECT_EQ(p.FindLevel("senior")->min_experience_years, std::optional<double>(5));

  CandidateProfile c;
  c.work_years = 0;
  ExpectEligibleBy(p, "junior", c, "1", "具有一定实践经历");
  c.work_years = 3;
  ExpectEligibleBy(p, "mid", c, "1", "具有3年及以上工作经验");
  ExpectMiss(p, "senior", c, "1", {"工作经验年限不少于 5 年", "当前 3 年"});
  c.work_years = 2.9;
  ExpectMiss(p, "mid", c, "1", {"具有3年及以上工作经验", "工作经验年限不少于 3 年", "当前 2.9 年"});
  c.work_years = 5;
  ExpectEligibleBy(p, "senior", c, "1", "具有5年及以上工作经验");
  c.work_years = 4.9;
  ExpectMiss(p, "senior", c, "1", {"不少于 5 年", "当前 4.9 年"});
  // occupation_years is a different fact: it does not count as work experience here.
  CandidateProfile o;
  o.occupation_years = 10;
  EXPECT_EQ(Check(p, "mid", o).verdict, EligibilityVerdict::kNotEligible);
}

TEST(EligibilityTest, UnknownLevelIsNotFound) {
  for (const Pack* p : {&P000(), &P002(), &P003()}) {
    auto r = CheckEligibility(*p, "expert", CandidateProfile{});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
    EXPECT_EQ(r.status().reason(), "eligibility.unknown_level");
  }
}

TEST(EligibilityTest, VerdictNames) {
  EXPECT_STREQ(EligibilityVerdictName(EligibilityVerdict::kEligible), "eligible");
  EXPECT_STREQ(EligibilityVerdictName(EligibilityVerdict::kNeedsReview), "needs_review");
  EXPECT_STREQ(EligibilityVerdictName(EligibilityVerdict::kNotEligible), "not_eligible");
}

}  // namespace
}  // namespace kaoping::standards
