// -----------------------------------------------------------------------------
// File: core/standards/model.h
// -----------------------------------------------------------------------------
//
// The in-memory model of a standard pack (docs/standard-pack-format.md). A `Pack` is built by
// the loader (loader.h) from YAML and is immutable afterwards; everything the platform knows
// about a standard — levels, directions, positions, requirements, eligibility rules, exam rules,
// weight tables, result rules — comes from here, never from code.
//
// Requirements have two ids: `id`, the source's own number ("1.1.1"), unique among siblings,
// and `path`, unique in the pack ("mid/skill/1.1.1", "chip/senior/knowledge/2.3.1",
// "position/5.1.1/a.1", "basic/2.2.1/3"). Paths are what other parts of the platform (items,
// scores, profiles) point at.
//
// Thread safety: a const Pack may be shared freely between threads.

#ifndef KAOPING_CORE_STANDARDS_MODEL_H_
#define KAOPING_CORE_STANDARDS_MODEL_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/standards/condition.h"

namespace kaoping::standards {

// Where something stands in its source file: "3.1 L128-L130" → clause "3.1", lines 128..130.
struct SourceRef {
  std::string raw;     // as written in the pack
  std::string clause;  // "3.1" or empty
  int line_begin = 0;  // 1-based; 0 when the ref names no line
  int line_end = 0;
};

struct Localized {
  std::string zh;
  std::string en;
};

struct Text {
  std::string text;
  SourceRef ref;
  bool empty() const { return text.empty(); }
};

enum class RequirementKind {
  kSkillRequirement,      // 技能要求 / 专业能力要求
  kKnowledgeRequirement,  // 相关知识要求
  kKnowledge,             // 专业知识 (000)
  kSkill,                 // 技术技能 (000)
  kPractice,              // 工程实践 (000)
  kDuty,                  // 岗位职责
  kBasicKnowledge,        // 基础知识 (ch. 2)
  kEthics,                // 职业道德 (ch. 2)
};
const char* RequirementKindName(RequirementKind k);     // "skill_requirement"
const char* RequirementKindLabelZh(RequirementKind k);  // "技能要求"
std::optional<RequirementKind> ParseRequirementKind(const std::string& s);

struct Requirement {
  std::string id;
  std::string path;
  RequirementKind kind = RequirementKind::kSkillRequirement;
  std::string text;
  SourceRef ref;
  std::string note;
  // Context: which part of the standard this line belongs to (empty where not applicable).
  std::string level;
  std::string direction;
  std::string function_id;
  std::string function_name;
  std::string work_content_id;
  std::string work_content_name;
  std::string position_id;
  std::string dimension;
  std::string basic_id;  // "2.2" for basic requirements
  std::string group_id;  // "2.2.1"
};

struct Level {
  std::string id;
  std::string name;
  std::string en;
  int rank = 0;
  std::vector<std::string> includes;  // levels whose requirements this level also covers
  SourceRef includes_ref;
  std::optional<Text> description;
  std::vector<int> grades;  // 000's grades 1–9 inside a tier
  std::optional<double> min_experience_years;
  std::string note;
};

struct Direction {
  std::string id;
  std::string name;
  std::string en;
  std::optional<Text> definition;
  SourceRef ref;
  std::string note;
};

struct Element {
  std::string id;
  std::string name;
  std::string description;
  SourceRef ref;
};

struct Dimension {
  std::string id;
  std::string name;
  std::string en;
  std::optional<Text> evaluation_method;
  std::string exam_kind;  // written | lab | achievement
  std::vector<Element> elements;
  SourceRef ref;
};

struct Position {
  std::string id;
  std::string name;
  std::string direction;
  std::optional<Text> duties;
  std::vector<Requirement> requirements;
  SourceRef ref;
  std::string note;
};

struct CatalogueEntry {
  std::string id;
  std::string name;
  std::string text;
  SourceRef ref;
  std::vector<CatalogueEntry> entries;
  std::string note;
};

struct Catalogue {
  std::string id;
  std::string title;
  SourceRef ref;
  std::vector<CatalogueEntry> entries;
  std::string note;
};

struct Clause {
  std::string id;
  std::string title;
  std::string text;
  SourceRef ref;
  std::string note;
};

struct TeacherRule {
  std::vector<std::string> levels;
  std::string text;
  SourceRef ref;
};

struct Training {
  std::map<std::string, double> hours;  // level id → standard hours
  SourceRef hours_ref;
  std::vector<TeacherRule> teachers;
  std::optional<Text> venue;
};

struct WorkContent {
  std::string id;
  std::string name;
  SourceRef ref;
  std::vector<Requirement> skills;
  std::vector<Requirement> knowledge;
  std::string note;
};

struct Function {
  std::string id;
  std::string name;
  SourceRef ref;
  std::vector<WorkContent> work_contents;
  std::string note;
};

struct WorkRequirementBlock {
  std::string level;
  std::string direction;  // empty when the standard has no directions
  SourceRef ref;
  std::vector<Function> functions;
  std::string note;
};

struct BasicGroup {
  std::string id;
  std::string name;
  SourceRef ref;
  std::vector<Requirement> items;
};

struct BasicRequirement {
  std::string id;
  std::string name;
  RequirementKind kind = RequirementKind::kBasicKnowledge;
  SourceRef ref;
  std::vector<BasicGroup> groups;
};

enum class WeightTarget { kBasic, kFunction, kDimension };

struct WeightRow {
  std::string group;
  std::string label;
  WeightTarget target_kind = WeightTarget::kFunction;
  std::string target_id;
  std::vector<std::optional<double>> weights;  // one per column; nullopt = '-' (not examined)
  SourceRef ref;
  int line = 0;  // YAML line, for error messages
};

struct WeightTable {
  std::string id;
  std::string title;
  std::string exam_kind;  // theory | skill | evaluation
  std::string direction;
  SourceRef ref;
  std::vector<std::string> columns;  // level ids
  std::vector<WeightRow> rows;
  std::string note;

  // Index of a level among the columns, or -1.
  int ColumnOf(const std::string& level) const;
};

struct Subject {
  std::string kind;  // theory | skill | review | written | lab | achievement
  std::string name;
  std::optional<Text> methods;
  double max_score = 100;
  std::optional<double> pass_score;
  SourceRef pass_ref;
  std::map<std::string, int> min_duration_minutes;  // level → minutes
  SourceRef duration_ref;
  std::string weight_table;
  bool required = true;
  std::vector<std::string> levels;  // empty = every level
  std::string note;
};

struct StaffingRule {
  std::string subject;
  int proctors_per_candidates = 0;  // ≥ 1 proctor per N candidates; 0 = no ratio
  int min_proctors_per_room = 0;
  int min_examiners = 0;
  bool examiners_odd = false;
  int examiners_per_candidates = 0;  // ≥ 1 examiner per N candidates; 0 = no ratio
  SourceRef ref;
  std::string note;
};

struct VenueRule {
  std::string subject;
  std::string text;
  SourceRef ref;
};

struct ExamRules {
  SourceRef ref;
  std::vector<Subject> subjects;
  std::vector<StaffingRule> staffing;
  std::vector<VenueRule> venue;
  std::string note;

  const Subject* FindSubject(const std::string& kind) const;
  const StaffingRule* FindStaffing(const std::string& subject) const;
};

struct Alternative {
  std::string id;
  std::string text;
  SourceRef ref;
  Condition when;
  bool review = false;  // the source defers to rules outside it: an administrator must confirm
  std::string note;
};

struct EligibilityBlock {
  std::string level;
  SourceRef ref;
  std::optional<Condition> requires_condition;
  std::string requires_text;
  std::vector<Alternative> alternatives;
  std::string note;
};

struct Band {
  double min_score = 0;
  int grade_index = 0;  // 1 = lowest grade of the tier
};

struct ResultRules {
  std::string kind;  // all_subjects_pass | weighted_dimensions
  SourceRef ref;
  std::string weight_table;
  std::optional<double> pass_score;
  std::vector<Band> banding;  // sorted by min_score descending
  bool platform_interpretation = false;
  std::string note;
};

struct GlossaryEntry {
  std::string id;
  std::string term;
  std::string en;
  std::string text;
  SourceRef ref;
};

struct Interpretation {
  std::string id;
  std::string topic;
  Localized text;
  bool platform_interpretation = true;
  SourceRef ref;
};

struct Relation {
  std::string kind;
  std::string target;
  std::string text;
  SourceRef ref;
  std::string note;
};

struct SourceInfo {
  std::string file;
  std::string title;
  std::string issuer;
};

struct Pack {
  std::string format;
  std::string id;
  Localized title;
  Localized short_name;
  std::string kind;  // evaluation_standard | capability_requirements | reference_catalogue | draft_definition
  std::string status;  // published | trial | draft
  std::string code;
  SourceInfo source;
  std::optional<Text> definition;
  std::vector<Clause> clauses;
  std::vector<Level> levels;
  std::vector<Direction> directions;
  std::vector<Dimension> dimensions;
  std::vector<Position> positions;
  std::vector<Catalogue> catalogue;
  std::optional<Training> training;
  std::vector<EligibilityBlock> eligibility;
  std::vector<Clause> eligibility_notes;
  std::optional<ExamRules> exam_rules;
  std::vector<BasicRequirement> basic_requirements;
  std::vector<WorkRequirementBlock> work_requirements;
  std::vector<WeightTable> weight_tables;
  std::optional<ResultRules> result_rules;
  std::vector<GlossaryEntry> glossary;
  std::vector<Interpretation> interpretations;
  std::vector<Relation> relations;
  std::string note;

  // The file the pack was loaded from (for messages), set by the loader.
  std::string origin;

  const Level* FindLevel(const std::string& id) const;
  const Direction* FindDirection(const std::string& id) const;
  const Position* FindPosition(const std::string& id) const;
  const WeightTable* FindWeightTable(const std::string& id) const;
  const EligibilityBlock* FindEligibility(const std::string& level) const;
  // The block of work requirements for (level, direction); direction "" matches a block
  // without direction. nullptr if none.
  const WorkRequirementBlock* FindWork(const std::string& level, const std::string& direction) const;
  // Weight tables for an exam kind ("theory", "skill", "evaluation"), optionally per direction.
  const WeightTable* FindWeightTableFor(const std::string& exam_kind, const std::string& direction) const;

  // Levels ordered by rank, and the transitive closure of `includes` for a level (nearest
  // first, the level itself excluded).
  std::vector<const Level*> LevelsByRank() const;
  std::vector<std::string> IncludedLevels(const std::string& level) const;

  // Every requirement line in the pack, in source order.
  std::vector<const Requirement*> AllRequirements() const;
  const Requirement* FindRequirement(const std::string& path) const;

  // Requirements that apply at (level, direction): the level's own work requirements, then — when
  // `with_inherited` — those of the levels it includes (高级别涵盖低级别的要求), then the basic
  // requirements. Each is returned once.
  std::vector<const Requirement*> RequirementsFor(const std::string& level, const std::string& direction,
                                                  bool with_inherited) const;
};

}  // namespace kaoping::standards

#endif  // KAOPING_CORE_STANDARDS_MODEL_H_
