// Loads the five shipped standard packs and checks them against their sources
// (standards/sources/*.txt): every verbatim text occurs in the source at the cited lines, and
// spot-checked values (weights, requirement texts, counts) equal what the source says.

#include <algorithm>
#include <map>

#include <gtest/gtest.h>

#include "core/standards/loader.h"
#include "support/files.h"

namespace kaoping::standards {
namespace {

using testing_support::PackFiles;
using testing_support::ReadFile;
using testing_support::SourceDir;

std::map<std::string, Pack>& Packs() {
  static auto* packs = [] {
    auto* m = new std::map<std::string, Pack>();
    for (const auto& f : PackFiles()) {
      auto r = LoadPack(ReadFile(f), f.filename().string());
      if (r.ok()) (*m)[r->id] = std::move(r).value();
    }
    return m;
  }();
  return *packs;
}

const Pack& P(const std::string& id) {
  auto it = Packs().find(id);
  if (it == Packs().end()) {
    static Pack empty;
    ADD_FAILURE() << "pack " << id << " did not load";
    return empty;
  }
  return it->second;
}

TEST(PacksTest, AllFivePacksValidate) {
  auto files = PackFiles();
  ASSERT_EQ(files.size(), 5u);
  for (const auto& f : files) {
    auto outcome = ParsePack(ReadFile(f), f.filename().string());
    std::string all;
    for (const auto& d : outcome.diagnostics) all += d.ToString() + "\n";
    EXPECT_TRUE(outcome.pack.has_value()) << all;
  }
  EXPECT_EQ(Packs().size(), 5u);
}

// Removes all Unicode and ASCII whitespace (the sources wrap lines mid-sentence).
std::string Squash(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
      continue;
    }
    if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x80) {  // U+3000 ideographic space
      i += 3;
      continue;
    }
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {  // NBSP
      i += 2;
      continue;
    }
    out += s[i++];
  }
  return out;
}

// Lines [a, b] of the source (1-based, inclusive), widened by `slack` on both sides.
std::string Window(const std::vector<std::string>& lines, int a, int b, int slack) {
  std::string out;
  int lo = std::max(1, a - slack), hi = std::min(static_cast<int>(lines.size()), b + slack);
  for (int i = lo; i <= hi; ++i) out += lines[static_cast<size_t>(i - 1)] + "\n";
  return out;
}

// A text is found when it occurs in the window whole, or as in-order pieces (a page break in the
// source can put another table cell between the two halves of one sentence).
bool FoundInOrder(const std::string& text, const std::string& window) {
  if (window.find(text) != std::string::npos) return true;
  // Try every split at a UTF-8 boundary into a prefix found first and a suffix found later.
  for (size_t cut = 1; cut < text.size(); ++cut) {
    if ((static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) continue;
    std::string head = text.substr(0, cut), tail = text.substr(cut);
    if (head.size() < 6 || tail.size() < 3) continue;
    size_t at = window.find(head);
    while (at != std::string::npos) {
      if (window.find(tail, at + head.size()) != std::string::npos) return true;
      at = window.find(head, at + 1);
    }
  }
  return false;
}

struct TextSite {
  std::string where;
  std::string text;
  SourceRef ref;
};

std::vector<TextSite> VerbatimTexts(const Pack& p) {
  std::vector<TextSite> out;
  for (const Requirement* q : p.AllRequirements()) out.push_back({q->path, q->text, q->ref});
  for (const auto& c : p.clauses) out.push_back({"clause " + c.id, c.text, c.ref});
  for (const auto& b : p.eligibility) {
    for (const auto& a : b.alternatives)
      out.push_back({"eligibility " + b.level + " " + a.id, a.text, a.ref});
  }
  for (const auto& n : p.eligibility_notes) out.push_back({"eligibility note " + n.id, n.text, n.ref});
  for (const auto& pos : p.positions) {
    if (pos.duties) out.push_back({"duties " + pos.id, pos.duties->text, pos.duties->ref});
  }
  for (const auto& d : p.directions) {
    if (d.definition) out.push_back({"direction " + d.id, d.definition->text, d.definition->ref});
  }
  for (const auto& l : p.levels) {
    if (l.description) out.push_back({"level " + l.id, l.description->text, l.description->ref});
  }
  for (const auto& g : p.glossary) {
    out.push_back({"glossary " + g.id, g.text.empty() ? g.term : g.text, g.ref});
  }
  for (const auto& r : p.relations) {
    if (!r.text.empty()) out.push_back({"relation " + r.kind, r.text, r.ref});
  }
  if (p.definition) out.push_back({"definition", p.definition->text, p.definition->ref});
  return out;
}

TEST(PacksTest, EveryVerbatimTextStandsInTheSourceAtItsLines) {
  ASSERT_EQ(Packs().size(), 5u);
  size_t checked = 0;
  for (const auto& [id, p] : Packs()) {
    std::string src = ReadFile(SourceDir() / "standards" / "sources" / p.source.file);
    ASSERT_FALSE(src.empty()) << "missing source " << p.source.file;
    std::vector<std::string> lines;
    {
      std::string cur;
      for (char c : src) {
        if (c == '\n') {
          lines.push_back(cur);
          cur.clear();
        } else {
          cur += c;
        }
      }
      lines.push_back(cur);
    }
    for (const auto& site : VerbatimTexts(p)) {
      std::string t = Squash(site.text);
      if (t.empty()) continue;
      ++checked;
      ASSERT_GT(site.ref.line_begin, 0) << id << " " << site.where << " has no line reference";
      std::string window = Squash(Window(lines, site.ref.line_begin, site.ref.line_end, 3));
      EXPECT_TRUE(FoundInOrder(t, window))
          << id << " " << site.where << " (" << site.ref.raw << ") not found in the source: " << site.text;
    }
  }
  EXPECT_GT(checked, 1500u);
}

// ---- Spot checks against the source text ----------------------------------------------------

double Weight(const Pack& p, const std::string& table, const std::string& label, const std::string& level) {
  const WeightTable* t = p.FindWeightTable(table);
  if (!t) {
    ADD_FAILURE() << "no table " << table;
    return -1;
  }
  int col = t->ColumnOf(level);
  for (const auto& r : t->rows) {
    if (r.label == label) return r.weights.at(static_cast<size_t>(col)).value_or(-1);
  }
  ADD_FAILURE() << "no row " << label << " in " << table;
  return -2;
}

TEST(PacksTest, Counts) {
  EXPECT_EQ(P("llm-talent-capability").positions.size(), 8u);
  EXPECT_EQ(P("llm-talent-capability").directions.size(), 5u);
  EXPECT_EQ(P("llm-talent-capability").dimensions.size(), 3u);
  size_t elements = 0;
  for (const auto& d : P("llm-talent-capability").dimensions) elements += d.elements.size();
  EXPECT_EQ(elements, 5u);
  EXPECT_EQ(P("llm-positions-report").positions.size(), 14u);
  const Catalogue* tech = nullptr;
  for (const auto& c : P("llm-positions-report").catalogue) {
    if (c.id == "key_technologies") tech = &c;
  }
  ASSERT_NE(tech, nullptr);
  EXPECT_EQ(tech->entries.size(), 15u);
  EXPECT_EQ(P("ai-engineering-technician").directions.size(), 5u);
  EXPECT_EQ(P("ai-engineering-technician").levels.size(), 3u);
  EXPECT_EQ(P("ai-engineering-technician").work_requirements.size(), 15u);
  EXPECT_EQ(P("ai-engineering-technician").weight_tables.size(), 10u);
  EXPECT_EQ(P("llm-deploy-engineer").levels.size(), 3u);
  for (const char* level : {"junior", "mid", "senior"}) {
    const WorkRequirementBlock* w = P("llm-deploy-engineer").FindWork(level, "");
    ASSERT_NE(w, nullptr) << level;
    EXPECT_EQ(w->functions.size(), 4u) << level;
    size_t contents = 0;
    for (const auto& f : w->functions) contents += f.work_contents.size();
    EXPECT_EQ(contents, 13u) << level;
  }
  EXPECT_EQ(P("llm-product-app-engineer").status, "draft");
  EXPECT_TRUE(P("llm-product-app-engineer").work_requirements.empty());
}

TEST(PacksTest, DeployEngineerWeightTables) {
  const Pack& p = P("llm-deploy-engineer");
  // 4.1 理论知识权重表 (source L~250): 中级 5/15/20/20/20/20.
  EXPECT_EQ(Weight(p, "theory", "职业道德", "mid"), 5);
  EXPECT_EQ(Weight(p, "theory", "基础知识", "mid"), 15);
  EXPECT_EQ(Weight(p, "theory", "基础知识", "junior"), 20);
  EXPECT_EQ(Weight(p, "theory", "基础知识", "senior"), 10);
  EXPECT_EQ(Weight(p, "theory", "模型适配与优化", "junior"), 10);
  EXPECT_EQ(Weight(p, "theory", "模型适配与优化", "senior"), 30);
  EXPECT_EQ(Weight(p, "theory", "环境搭建与部署", "junior"), 30);
  EXPECT_EQ(Weight(p, "theory", "服务化与接口开发", "junior"), 15);
  EXPECT_EQ(Weight(p, "theory", "监控与维护", "mid"), 20);
  // 4.2 技能要求权重表.
  EXPECT_EQ(Weight(p, "skill", "模型适配与优化", "senior"), 35);
  EXPECT_EQ(Weight(p, "skill", "环境搭建与部署", "junior"), 30);
  EXPECT_EQ(Weight(p, "skill", "服务化与接口开发", "mid"), 25);
  EXPECT_EQ(Weight(p, "skill", "监控与维护", "senior"), 25);
}

TEST(PacksTest, DeployEngineerRequirementTexts) {
  const Pack& p = P("llm-deploy-engineer");
  const Requirement* q = p.FindRequirement("mid/skill/2.2.2");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text,
            "能配置vLLM、SGLang等推理引擎的张量并行/"
            "流水线并行等分布式参数，实现模型切分与计算资源协同调度，以优化吞吐量与延迟性能");
  q = p.FindRequirement("junior/knowledge/1.1.1");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "主流模型架构适用场景");
  q = p.FindRequirement("senior/skill/4.3.1");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->function_name, "监控与维护");
  EXPECT_EQ(q->work_content_name, "资源效能规划");
  q = p.FindRequirement("junior/skill/4.2.2");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "能分析与处理进程停止等常见服务中断问题，保障服务可用性");
  q = p.FindRequirement("basic/2.2.4/2");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "vllm 等推理引擎优化部署技术要点");
  // Exam rules 1.5.3–1.5.5.
  ASSERT_TRUE(p.exam_rules.has_value());
  const Subject* theory = p.exam_rules->FindSubject("theory");
  const Subject* skill = p.exam_rules->FindSubject("skill");
  ASSERT_NE(theory, nullptr);
  ASSERT_NE(skill, nullptr);
  EXPECT_EQ(theory->pass_score.value_or(0), 60);
  EXPECT_EQ(theory->min_duration_minutes.at("mid"), 90);
  EXPECT_EQ(skill->min_duration_minutes.at("junior"), 90);
  EXPECT_EQ(skill->min_duration_minutes.at("senior"), 120);
  const StaffingRule* staff = p.exam_rules->FindStaffing("skill");
  ASSERT_NE(staff, nullptr);
  EXPECT_EQ(staff->proctors_per_candidates, 15);
  EXPECT_EQ(staff->min_proctors_per_room, 2);
  EXPECT_EQ(staff->min_examiners, 3);
  EXPECT_TRUE(staff->examiners_odd);
  // Inheritance: 高级别涵盖低级别的要求.
  EXPECT_EQ(p.IncludedLevels("senior"), (std::vector<std::string>{"mid", "junior"}));
  auto own = p.RequirementsFor("senior", "", false).size();
  auto all = p.RequirementsFor("senior", "", true).size();
  EXPECT_GT(all, own);
}

TEST(PacksTest, TechnicianStandard) {
  const Pack& p = P("ai-engineering-technician");
  EXPECT_EQ(p.code, "2-02-10-09");
  ASSERT_TRUE(p.training.has_value());
  EXPECT_EQ(p.training->hours.at("junior"), 64);
  EXPECT_EQ(p.training->hours.at("senior"), 80);
  // Every weight table: columns sum to 100 is validated; spot-check cells, including '-'.
  int dashes = 0;
  for (const auto& t : p.weight_tables) {
    for (const auto& r : t.rows) {
      for (const auto& w : r.weights) dashes += !w.has_value();
    }
    if (t.exam_kind == "theory") {
      EXPECT_EQ(Weight(p, t.id, "职业道德", "junior"), 5) << t.id;
    }
  }
  EXPECT_GT(dashes, 0) << "003 marks functions not examined at some levels with '-'";
  // 4.1.1 (chip theory): 基础知识 25/20/15, 人工智能设计开发 30/30/30, 人工智能咨询服务 -/10/15.
  EXPECT_EQ(Weight(p, "theory_chip", "基础知识", "junior"), 25);
  EXPECT_EQ(Weight(p, "theory_chip", "人工智能测试验证", "senior"), 25);
  EXPECT_EQ(Weight(p, "theory_chip", "人工智能咨询服务", "junior"), -1);  // '-': not examined
  EXPECT_EQ(Weight(p, "theory_chip", "人工智能咨询服务", "mid"), 10);
  // 4.2.4 (computer vision skill): 需求分析 5/10/20, 产品运维 25/10/5, 咨询服务 -/15/25.
  EXPECT_EQ(Weight(p, "skill_cv", "人工智能需求分析", "senior"), 20);
  EXPECT_EQ(Weight(p, "skill_cv", "人工智能产品运维", "junior"), 25);
  EXPECT_EQ(Weight(p, "skill_cv", "人工智能咨询服务", "mid"), 15);
  const StaffingRule* staff = p.exam_rules->FindStaffing("skill");
  ASSERT_NE(staff, nullptr);
  EXPECT_EQ(staff->examiners_per_candidates, 10);
  EXPECT_EQ(p.exam_rules->FindSubject("skill")->min_duration_minutes.at("junior"), 120);
  EXPECT_EQ(p.exam_rules->FindSubject("theory")->min_duration_minutes.at("senior"), 90);
  EXPECT_EQ(p.glossary.size(), 29u);
  EXPECT_EQ(p.FindDirection("chip")->name, "人工智能芯片产品实现");
  EXPECT_EQ(p.FindDirection("app_integration")->name, "人工智能应用产品集成实现");
  // Every level × direction has work requirements.
  for (const auto& d : p.directions) {
    for (const auto& l : p.levels) EXPECT_NE(p.FindWork(l.id, d.id), nullptr) << d.id << " " << l.id;
  }
}

TEST(PacksTest, TalentCapabilityTierWeights) {
  const Pack& p = P("llm-talent-capability");
  // B.1 table: 高级 20/30/50, 中级 50/25/25, 初级 70/25/5.
  EXPECT_EQ(Weight(p, "tier_weights", "专业知识", "senior"), 20);
  EXPECT_EQ(Weight(p, "tier_weights", "技术技能", "senior"), 30);
  EXPECT_EQ(Weight(p, "tier_weights", "工程实践", "senior"), 50);
  EXPECT_EQ(Weight(p, "tier_weights", "专业知识", "mid"), 50);
  EXPECT_EQ(Weight(p, "tier_weights", "工程实践", "mid"), 25);
  EXPECT_EQ(Weight(p, "tier_weights", "专业知识", "junior"), 70);
  EXPECT_EQ(Weight(p, "tier_weights", "工程实践", "junior"), 5);
  EXPECT_EQ(p.FindLevel("senior")->grades, (std::vector<int>{7, 8, 9}));
  EXPECT_EQ(p.FindLevel("mid")->min_experience_years.value_or(0), 3);
  EXPECT_EQ(p.FindLevel("senior")->min_experience_years.value_or(0), 5);
  const Position* pos = p.FindPosition("5.1.1");
  ASSERT_NE(pos, nullptr);
  EXPECT_EQ(pos->name, "大模型集群研发和运维工程师");
  ASSERT_FALSE(pos->requirements.empty());
  EXPECT_EQ(pos->requirements.front().text,
            "深入了解Linux系统操作和管理，对Linux内核、文件系统、网络配置有充分的认识；");
  ASSERT_TRUE(p.result_rules.has_value());
  EXPECT_EQ(p.result_rules->kind, "weighted_dimensions");
  EXPECT_TRUE(p.result_rules->platform_interpretation);
}

TEST(PacksTest, PositionsReport) {
  const Pack& p = P("llm-positions-report");
  EXPECT_EQ(p.kind, "reference_catalogue");
  EXPECT_EQ(p.positions.front().name, "自然语言处理工程师");
  EXPECT_EQ(p.positions.back().name, "数据标注工程师");
  for (const auto& pos : p.positions) EXPECT_GE(pos.requirements.size(), 10u) << pos.name;
}

}  // namespace
}  // namespace kaoping::standards
