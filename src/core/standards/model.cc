#include "core/standards/model.h"

#include <algorithm>
#include <set>

namespace kaoping::standards {

const char* RequirementKindName(RequirementKind k) {
  switch (k) {
    case RequirementKind::kSkillRequirement:
      return "skill_requirement";
    case RequirementKind::kKnowledgeRequirement:
      return "knowledge_requirement";
    case RequirementKind::kKnowledge:
      return "knowledge";
    case RequirementKind::kSkill:
      return "skill";
    case RequirementKind::kPractice:
      return "practice";
    case RequirementKind::kDuty:
      return "duty";
    case RequirementKind::kBasicKnowledge:
      return "basic_knowledge";
    case RequirementKind::kEthics:
      return "ethics";
  }
  return "skill_requirement";
}

const char* RequirementKindLabelZh(RequirementKind k) {
  switch (k) {
    case RequirementKind::kSkillRequirement:
      return "技能要求";
    case RequirementKind::kKnowledgeRequirement:
      return "相关知识要求";
    case RequirementKind::kKnowledge:
      return "专业知识";
    case RequirementKind::kSkill:
      return "技术技能";
    case RequirementKind::kPractice:
      return "工程实践";
    case RequirementKind::kDuty:
      return "岗位职责";
    case RequirementKind::kBasicKnowledge:
      return "基础知识";
    case RequirementKind::kEthics:
      return "职业道德";
  }
  return "";
}

std::optional<RequirementKind> ParseRequirementKind(const std::string& s) {
  for (auto k : {RequirementKind::kSkillRequirement, RequirementKind::kKnowledgeRequirement,
                 RequirementKind::kKnowledge, RequirementKind::kSkill, RequirementKind::kPractice,
                 RequirementKind::kDuty, RequirementKind::kBasicKnowledge, RequirementKind::kEthics}) {
    if (s == RequirementKindName(k)) return k;
  }
  return std::nullopt;
}

int WeightTable::ColumnOf(const std::string& level) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == level) return static_cast<int>(i);
  }
  return -1;
}

const Subject* ExamRules::FindSubject(const std::string& kind) const {
  for (const auto& s : subjects) {
    if (s.kind == kind) return &s;
  }
  return nullptr;
}

const StaffingRule* ExamRules::FindStaffing(const std::string& subject) const {
  for (const auto& s : staffing) {
    if (s.subject == subject) return &s;
  }
  return nullptr;
}

namespace {
template <typename T>
const T* FindById(const std::vector<T>& list, const std::string& id) {
  for (const auto& x : list) {
    if (x.id == id) return &x;
  }
  return nullptr;
}
}  // namespace

const Level* Pack::FindLevel(const std::string& level_id) const {
  return FindById(levels, level_id);
}
const Direction* Pack::FindDirection(const std::string& direction_id) const {
  return FindById(directions, direction_id);
}
const Position* Pack::FindPosition(const std::string& position_id) const {
  return FindById(positions, position_id);
}
const WeightTable* Pack::FindWeightTable(const std::string& table_id) const {
  return FindById(weight_tables, table_id);
}

const EligibilityBlock* Pack::FindEligibility(const std::string& level) const {
  for (const auto& b : eligibility) {
    if (b.level == level) return &b;
  }
  return nullptr;
}

const WorkRequirementBlock* Pack::FindWork(const std::string& level, const std::string& direction) const {
  for (const auto& w : work_requirements) {
    if (w.level == level && w.direction == direction) return &w;
  }
  return nullptr;
}

const WeightTable* Pack::FindWeightTableFor(const std::string& exam_kind,
                                            const std::string& direction) const {
  for (const auto& t : weight_tables) {
    if (t.exam_kind == exam_kind && t.direction == direction) return &t;
  }
  return nullptr;
}

std::vector<const Level*> Pack::LevelsByRank() const {
  std::vector<const Level*> out;
  for (const auto& l : levels) out.push_back(&l);
  std::sort(out.begin(), out.end(), [](const Level* a, const Level* b) { return a->rank < b->rank; });
  return out;
}

std::vector<std::string> Pack::IncludedLevels(const std::string& level) const {
  std::vector<std::string> out;
  std::set<std::string> seen{level};
  std::vector<std::string> frontier{level};
  while (!frontier.empty()) {
    std::vector<std::string> next;
    for (const auto& current : frontier) {
      const Level* l = FindLevel(current);
      if (!l) continue;
      for (const auto& inc : l->includes) {
        if (seen.insert(inc).second) {
          out.push_back(inc);
          next.push_back(inc);
        }
      }
    }
    frontier = std::move(next);
  }
  return out;
}

std::vector<const Requirement*> Pack::AllRequirements() const {
  std::vector<const Requirement*> out;
  for (const auto& b : basic_requirements) {
    for (const auto& g : b.groups) {
      for (const auto& q : g.items) out.push_back(&q);
    }
  }
  for (const auto& w : work_requirements) {
    for (const auto& f : w.functions) {
      for (const auto& c : f.work_contents) {
        for (const auto& q : c.skills) out.push_back(&q);
        for (const auto& q : c.knowledge) out.push_back(&q);
      }
    }
  }
  for (const auto& p : positions) {
    for (const auto& q : p.requirements) out.push_back(&q);
  }
  return out;
}

const Requirement* Pack::FindRequirement(const std::string& path) const {
  for (const Requirement* q : AllRequirements()) {
    if (q->path == path) return q;
  }
  return nullptr;
}

std::vector<const Requirement*> Pack::RequirementsFor(const std::string& level, const std::string& direction,
                                                      bool with_inherited) const {
  std::vector<const Requirement*> out;
  std::vector<std::string> lvls{level};
  if (with_inherited) {
    auto inc = IncludedLevels(level);
    lvls.insert(lvls.end(), inc.begin(), inc.end());
  }
  for (const auto& l : lvls) {
    const WorkRequirementBlock* w = FindWork(l, direction);
    if (!w) continue;
    for (const auto& f : w->functions) {
      for (const auto& c : f.work_contents) {
        for (const auto& q : c.skills) out.push_back(&q);
        for (const auto& q : c.knowledge) out.push_back(&q);
      }
    }
  }
  for (const auto& b : basic_requirements) {
    for (const auto& g : b.groups) {
      for (const auto& q : g.items) out.push_back(&q);
    }
  }
  return out;
}

}  // namespace kaoping::standards
