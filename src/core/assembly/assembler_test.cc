#include "core/assembly/assembler.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "core/bank/synthetic.h"
#include "core/standards/loader.h"
#include "solver/cbc/cbc_solver.h"
#include "support/files.h"

namespace kaoping::assembly {
namespace {

using bank::Item;
using bank::ItemType;

const standards::Pack& Deploy() {
  static const standards::Pack* pack = [] {
    auto text = testing_support::ReadFile(testing_support::SourceDir() / "standards" /
                                          "002-llm-deploy-engineer.yaml");
    auto p = standards::LoadPack(text, "002");
    EXPECT_TRUE(p.ok()) << p.status();
    return new standards::Pack(std::move(p).value());
  }();
  return *pack;
}

std::vector<Item> Bank(int size, std::uint64_t seed = 11, double enemy_share = 0.1) {
  bank::SyntheticBankOptions o;
  o.level = "mid";
  o.size = size;
  o.seed = seed;
  o.enemy_share = enemy_share;
  auto b = bank::GenerateSyntheticBank(Deploy(), o);
  EXPECT_TRUE(b.ok()) << b.status();
  return std::move(b).value();
}

Blueprint MidTheory(const BlueprintOptions& o = {}) {
  auto bp = DeriveBlueprint(Deploy(), "mid", "theory", "", o);
  EXPECT_TRUE(bp.ok()) << bp.status();
  return std::move(bp).value();
}

AssemblyRequest Request(const Blueprint& bp, int forms = 1, std::uint64_t seed = 42) {
  AssemblyRequest r;
  r.blueprint = bp;
  r.forms = forms;
  r.seed = seed;
  r.allow_synthetic = true;
  r.time_limit_seconds = 30;
  r.created_by = "admin";
  return r;
}

// Recomputes what a paper contains straight from its items — no ComputeCoverage, no solver.
struct Recount {
  std::map<std::string, double> points_by_function;
  std::map<ItemType, int> count_by_type;
  double total = 0;
  bool enemies_together = false;
  std::set<std::string> ids;
};

Recount Count(const bank::Paper& paper, const std::vector<Item>& bank, const Blueprint& bp) {
  std::map<std::string, const Item*> by_id;
  for (const auto& i : bank) by_id[i.id] = &i;
  Recount r;
  for (const auto& pi : paper.items) {
    const Item* item = by_id.at(pi.item_id);
    EXPECT_EQ(item->version, pi.item_version);
    EXPECT_EQ(item->status, bank::ItemStatus::kApproved);
    const TypeRule* rule = bp.FindType(item->type);
    EXPECT_NE(rule, nullptr);
    const double pts = rule && rule->points_each > 0 ? rule->points_each : item->points;
    EXPECT_DOUBLE_EQ(pi.points, pts);
    r.points_by_function[item->alignment.function] += pts;
    ++r.count_by_type[item->type];
    r.total += pts;
    EXPECT_TRUE(r.ids.insert(item->id).second) << "duplicate " << item->id;
  }
  for (const auto& pi : paper.items) {
    for (const auto& e : by_id.at(pi.item_id)->enemies) r.enemies_together |= r.ids.count(e) > 0;
  }
  return r;
}

void ExpectExact(const bank::Paper& paper, const std::vector<Item>& bank, const Blueprint& bp) {
  Recount r = Count(paper, bank, bp);
  for (const auto& f : bp.functions)
    EXPECT_DOUBLE_EQ(r.points_by_function[f.target], f.points) << paper.id << " " << f.target;
  EXPECT_EQ(r.points_by_function.size(), bp.functions.size());
  for (const auto& t : bp.types) {
    EXPECT_GE(r.count_by_type[t.type], t.min_count) << bank::ItemTypeName(t.type);
    EXPECT_LE(r.count_by_type[t.type], t.max_count) << bank::ItemTypeName(t.type);
  }
  EXPECT_DOUBLE_EQ(r.total, 100);
  EXPECT_FALSE(r.enemies_together) << paper.id;
}

TEST(AssemblerTest, OneFormMeetsTheBlueprintExactly) {
  auto bank = Bank(600);
  Blueprint bp = MidTheory();
  solver::CbcSolver cbc;
  auto out = Assemble(Request(bp), bank, cbc);
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_TRUE(out->feasible) << InfeasibleStatus(*out);
  ASSERT_EQ(out->papers.size(), 1u);
  const bank::Paper& p = out->papers[0];
  ExpectExact(p, bank, bp);
  EXPECT_EQ(p.items.size(), 80u);
  EXPECT_EQ(p.duration_minutes, 90);
  EXPECT_EQ(p.id, "llm-deploy-engineer-mid-theory-s42-a");
  ASSERT_EQ(p.sections.size(), 4u);
  EXPECT_EQ(p.sections[0].id, "single_choice");
  EXPECT_FALSE(p.sections[2].shuffle_options);  // true/false
  // Items are in section order.
  for (size_t i = 1; i < p.items.size(); ++i) {
    auto sec = [&](const std::string& s) {
      for (size_t k = 0; k < p.sections.size(); ++k) {
        if (p.sections[k].id == s) return k;
      }
      return p.sections.size();
    };
    EXPECT_LE(sec(p.items[i - 1].section), sec(p.items[i].section));
  }
  ASSERT_EQ(out->coverage.size(), 1u);
  EXPECT_TRUE(out->coverage[0].exact);
  // The difficulty target (p* = 0.7) is met closely.
  EXPECT_NEAR(out->coverage[0].expected_score, 70, 1.0);
  EXPECT_GT(out->stats.variables, 0);
}

int Shared(const bank::Paper& a, const bank::Paper& b) {
  std::set<std::string> ia;
  for (const auto& i : a.items) ia.insert(i.item_id);
  int shared = 0;
  for (const auto& i : b.items) shared += static_cast<int>(ia.count(i.item_id));
  return shared;
}

TEST(AssemblerTest, ParallelFormsShareNothingAndAreMatched) {
  auto bank = Bank(1200);
  Blueprint bp = MidTheory();
  solver::CbcSolver cbc;
  AssemblyRequest r = Request(bp, 3, 7);
  r.max_overlap = 5;  // a limit, not a quota: with enough items the forms share none
  auto out = Assemble(r, bank, cbc);
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_TRUE(out->feasible) << InfeasibleStatus(*out);
  ASSERT_EQ(out->papers.size(), 3u);
  for (const auto& p : out->papers) ExpectExact(p, bank, bp);
  for (size_t a = 0; a < 3; ++a) {
    for (size_t b = a + 1; b < 3; ++b) {
      EXPECT_EQ(Shared(out->papers[a], out->papers[b]), 0);
      EXPECT_EQ(out->shared[a][b], 0);
    }
  }
  double lo = 1e9, hi = -1e9;
  for (const auto& c : out->coverage) {
    lo = std::min(lo, c.expected_score);
    hi = std::max(hi, c.expected_score);
  }
  EXPECT_LE(hi - lo, 1.0 + 1e-9) << "forms should have matched difficulty";
  EXPECT_EQ(out->papers[1].id, "llm-deploy-engineer-mid-theory-s7-b");
}

TEST(AssemblerTest, FormsShareItemsOnlyUpToTheOverlapLimit) {
  // 职业道德 (basic:2.1, 5 points) has only 7 one-point items: 2 disjoint forms would need 10.
  auto full = Bank(900);
  std::vector<Item> bank;
  int kept = 0;
  for (auto i : full) {
    if (i.alignment.function == "basic:2.1") {
      if (i.type != ItemType::kSingleChoice || kept >= 7) continue;
      ++kept;
      i.enemies.clear();
    }
    bank.push_back(i);
  }
  for (auto& i : bank) {  // drop enemy links to removed items
    std::vector<std::string> keep;
    for (const auto& e : i.enemies) {
      if (std::any_of(bank.begin(), bank.end(), [&](const Item& x) { return x.id == e; })) keep.push_back(e);
    }
    i.enemies = keep;
  }
  ASSERT_EQ(kept, 7);
  Blueprint bp = MidTheory();
  solver::CbcSolver cbc;

  AssemblyRequest disjoint = Request(bp, 2, 3);
  auto none = Assemble(disjoint, bank, cbc);
  ASSERT_TRUE(none.ok());
  ASSERT_FALSE(none->feasible);
  EXPECT_EQ(none->shortfalls.at(0).constraint, "basic:2.1");
  EXPECT_DOUBLE_EQ(none->shortfalls.at(0).needed, 10);

  for (int forms : {2, 3}) {
    AssemblyRequest r = Request(bp, forms, 3);
    r.max_overlap = 3;
    auto out = Assemble(r, bank, cbc);
    ASSERT_TRUE(out.ok()) << out.status();
    ASSERT_TRUE(out->feasible) << forms << ": " << InfeasibleStatus(*out);
    for (const auto& p : out->papers) ExpectExact(p, bank, bp);
    int max_shared = 0;
    for (int a = 0; a < forms; ++a) {
      for (int b = a + 1; b < forms; ++b) {
        int s = Shared(out->papers[static_cast<size_t>(a)], out->papers[static_cast<size_t>(b)]);
        EXPECT_LE(s, 3);
        max_shared = std::max(max_shared, s);
      }
    }
    EXPECT_EQ(max_shared, 3);  // sharing was needed, and used no more than allowed
  }
}

TEST(AssemblerTest, SameSeedSamePapersOtherSeedOtherPapers) {
  auto bank = Bank(600);
  Blueprint bp = MidTheory();
  solver::CbcSolver cbc;
  auto ids = [&](std::uint64_t seed) {
    auto out = Assemble(Request(bp, 1, seed), bank, cbc);
    EXPECT_TRUE(out.ok() && out->feasible);
    std::vector<std::string> v;
    for (const auto& i : out->papers.at(0).items) v.push_back(i.item_id);
    return v;
  };
  auto a = ids(1), b = ids(1), c = ids(2);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

TEST(AssemblerTest, SupplyShortfallNamesTheFunctionByLabel) {
  auto bank = Bank(600);
  // Keep only a few 监控与维护 (function:4) items: 12 points' worth of single choice.
  std::vector<Item> thin;
  int kept = 0;
  for (const auto& i : bank) {
    if (i.alignment.function != "function:4") {
      thin.push_back(i);
    } else if (i.type == ItemType::kSingleChoice && kept < 12) {
      thin.push_back(i);
      ++kept;
    }
  }
  solver::CbcSolver cbc;
  auto out = Assemble(Request(MidTheory()), thin, cbc);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_FALSE(out->feasible);
  ASSERT_EQ(out->shortfalls.size(), 1u);
  const Shortfall& s = out->shortfalls[0];
  EXPECT_EQ(s.constraint, "function:4");
  EXPECT_EQ(s.stage, "supply");
  EXPECT_DOUBLE_EQ(s.needed, 20);
  EXPECT_DOUBLE_EQ(s.available, 12);
  EXPECT_EQ(s.message_zh, "中级 监控与维护 需要 20 分的已审核理论知识试题，题库中只有 12 分");
  EXPECT_NE(s.message.find("监控与维护 (function:4) needs 20 points"), std::string::npos) << s.message;
  Status st = InfeasibleStatus(*out);
  EXPECT_EQ(st.reason(), "assembly.supply_short");
  EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(out->stats.solves, 0);
}

TEST(AssemblerTest, CombinationInfeasibilityIsExplainedBySlack) {
  // 职业道德 (basic:2.1, 5 points) only has two-point items: 10 multiple-choice items give 20
  // points in total — enough supply — but no combination gives exactly 5.
  auto bank = Bank(600);
  std::vector<Item> odd;
  for (auto i : bank) {
    if (i.alignment.function == "basic:2.1") continue;
    odd.push_back(i);
  }
  int n = 0;
  for (auto i : bank) {
    if (i.alignment.function == "function:1" && i.type == ItemType::kMultipleChoice && n < 10) {
      i.id = "syn-odd-" + std::to_string(n++);
      i.alignment.function = "basic:2.1";
      i.alignment.work_content = "2.1.1";
      i.alignment.requirements = {"basic/2.1.1/1"};
      i.enemies.clear();
      odd.push_back(i);
    }
  }
  solver::CbcSolver cbc;
  auto out = Assemble(Request(MidTheory()), odd, cbc);
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_FALSE(out->feasible);
  ASSERT_FALSE(out->shortfalls.empty());
  bool named = false;
  for (const auto& s : out->shortfalls) {
    EXPECT_EQ(s.stage, "solve");
    if (s.constraint == "basic:2.1") {
      named = true;
      EXPECT_DOUBLE_EQ(s.short_by, 1);
      EXPECT_NE(s.message_zh.find("职业道德"), std::string::npos) << s.message_zh;
    }
  }
  EXPECT_TRUE(named);
  EXPECT_EQ(InfeasibleStatus(*out).reason(), "assembly.infeasible");
}

TEST(AssemblerTest, ExposureControlExcludesOrPenalisesRecentItems) {
  auto bank = Bank(700);
  Blueprint bp = MidTheory();
  solver::CbcSolver cbc;
  auto first = Assemble(Request(bp, 1, 3), bank, cbc);
  ASSERT_TRUE(first.ok() && first->feasible);
  std::vector<std::string> used;
  for (const auto& i : first->papers[0].items) used.push_back(i.item_id);

  AssemblyRequest r = Request(bp, 1, 3);
  r.recently_used = used;
  auto second = Assemble(r, bank, cbc);
  ASSERT_TRUE(second.ok()) << second.status();
  ASSERT_TRUE(second->feasible) << InfeasibleStatus(*second);
  for (const auto& i : second->papers[0].items) {
    EXPECT_EQ(std::find(used.begin(), used.end(), i.item_id), used.end()) << i.item_id;
  }
  EXPECT_EQ(second->stats.excluded_by_exposure, 80);

  r.exposure_policy = ExposurePolicy::kPenalise;
  auto third = Assemble(r, bank, cbc);
  ASSERT_TRUE(third.ok() && third->feasible);
  int reused = 0;
  for (const auto& i : third->papers[0].items)
    reused += std::find(used.begin(), used.end(), i.item_id) != used.end();
  EXPECT_LT(reused, 10);
  ExpectExact(third->papers[0], bank, bp);
}

TEST(AssemblerTest, WorkContentRulesBandsAndInformationMode) {
  auto bank = Bank(800);
  BlueprintOptions o;
  o.work_content_rules.push_back(WorkContentRule{"function:2", "", 2, -1});
  o.difficulty = DifficultyPlan{};
  o.difficulty->target_p = 0.65;
  o.difficulty->min_expected_score = 62;
  o.difficulty->max_expected_score = 68;
  Blueprint bp = MidTheory(o);
  solver::CbcSolver cbc;
  auto out = Assemble(Request(bp, 2, 5), bank, cbc);
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_TRUE(out->feasible) << InfeasibleStatus(*out);
  std::map<std::string, const Item*> by_id;
  for (const auto& i : bank) by_id[i.id] = &i;
  for (const auto& p : out->papers) {
    ExpectExact(p, bank, bp);
    std::map<std::string, int> per_wc;
    for (const auto& pi : p.items) {
      const Item* it = by_id[pi.item_id];
      if (it->alignment.function == "function:2") ++per_wc[it->alignment.work_content];
    }
    for (const auto& wc : bp.FindFunction("function:2")->work_contents) EXPECT_GE(per_wc[wc], 2) << wc;
  }
  for (const auto& c : out->coverage) {
    EXPECT_GE(c.expected_score, 62 - 1e-6);
    EXPECT_LE(c.expected_score, 68 + 1e-6);
  }

  BlueprintOptions info;
  info.difficulty = DifficultyPlan{};
  info.difficulty->mode = TargetMode::kInformation;
  info.difficulty->cut_theta = 0.3;
  Blueprint ibp = MidTheory(info);
  auto iout = Assemble(Request(ibp, 2, 5), bank, cbc);
  ASSERT_TRUE(iout.ok()) << iout.status();
  ASSERT_TRUE(iout->feasible);
  for (const auto& p : iout->papers) ExpectExact(p, bank, ibp);
  // Maximising information at the cut beats the expected-score papers' information there.
  EXPECT_GT(iout->coverage[0].information, out->coverage[0].information);
  EXPECT_NEAR(iout->coverage[0].information, iout->coverage[1].information,
              0.05 * iout->coverage[0].information);
}

TEST(AssemblerTest, PrefilterKeepsTheBlueprintExact) {
  auto bank = Bank(1500);
  Blueprint bp = MidTheory();
  solver::CbcSolver cbc;
  AssemblyRequest r = Request(bp, 2, 9);
  r.max_candidates_per_cell = 30;
  auto out = Assemble(r, bank, cbc);
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_TRUE(out->feasible);
  EXPECT_TRUE(out->stats.prefiltered);
  EXPECT_LT(out->stats.candidates, 1500);
  for (const auto& p : out->papers) ExpectExact(p, bank, bp);
}

TEST(AssemblerTest, IgnoresItemsThatAreNotApprovedOrDoNotMatch) {
  auto bank = Bank(600);
  for (size_t i = 0; i < bank.size(); i += 3) bank[i].status = bank::ItemStatus::kDraft;
  Blueprint bp = MidTheory();
  solver::CbcSolver cbc;
  AssemblyRequest r = Request(bp);
  r.allow_synthetic = false;
  auto none = Assemble(r, bank, cbc);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->feasible);  // synthetic items are not for real papers
  EXPECT_EQ(none->stats.pool, 0);
  auto out = Assemble(Request(bp), bank, cbc);
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE(out->feasible) << InfeasibleStatus(*out);
  for (const auto& p : out->papers) ExpectExact(p, bank, bp);
  EXPECT_EQ(Assemble(Request(bp, 0), bank, cbc).status().reason(), "assembly.bad_request");
}

TEST(AssemblerTest, SkillPapersUseTheItemsOwnPoints) {
  bank::SyntheticBankOptions o;
  o.level = "mid";
  o.exam_kind = "skill";
  o.size = 120;
  auto bank = bank::GenerateSyntheticBank(Deploy(), o);
  ASSERT_TRUE(bank.ok());
  auto bp = DeriveBlueprint(Deploy(), "mid", "skill", "");
  ASSERT_TRUE(bp.ok());
  solver::CbcSolver cbc;
  auto out = Assemble(Request(*bp), *bank, cbc);
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_TRUE(out->feasible) << InfeasibleStatus(*out);
  ExpectExact(out->papers[0], *bank, *bp);
  EXPECT_EQ(out->papers[0].duration_minutes, 120);
}

}  // namespace
}  // namespace kaoping::assembly
