// -----------------------------------------------------------------------------
// File: core/scoring/review.h
// -----------------------------------------------------------------------------
//
// Comprehensive review (综合评审 in 002; 成果评价 / 工程实践 in 000): a panel judges a
// candidate's achievements — projects, reports, papers, patents — against a rubric, with the
// same machinery as human scoring (panel.h: odd panel, median, spread → chief adjudication),
// and the result is put on a 100-point scale (the subject's max_score).
//
// The rubric can be written per exam, or derived from requirement lines of the standard pack
// (e.g. the 工程实践 requirements c.1–c.5 of a 000 position): one criterion per requirement, the
// points split as evenly as whole points allow.
//
// Pure functions over a ScoringPanel; the same thread-safety as panel.h.

#ifndef KAOPING_CORE_SCORING_REVIEW_H_
#define KAOPING_CORE_SCORING_REVIEW_H_

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "core/scoring/panel.h"
#include "core/standards/model.h"

namespace kaoping::scoring {

enum class AchievementKind { kProject, kReport, kPaper, kPatent, kOther };
const char* AchievementKindName(AchievementKind k);     // "project" | "report" | "paper" | "patent" | "other"
const char* AchievementKindLabelZh(AchievementKind k);  // "项目" | "报告" | "论文" | "专利" | "其他"
std::optional<AchievementKind> ParseAchievementKind(const std::string& s);

struct Achievement {
  std::string id;  // the service's id of the uploaded material
  AchievementKind kind = AchievementKind::kProject;
  std::string title;
};

// One criterion per requirement path (criterion id = the path, description = its text), the
// `total_points` split evenly — in whole points when total_points is a whole number (the first
// criteria get the remainder: 100 over 3 → 34, 33, 33). NOT_FOUND "review.unknown_requirement";
// INVALID_ARGUMENT "review.no_requirements", "review.bad_total", "review.duplicate_requirement".
Result<std::vector<Criterion>> ReviewRubricFromRequirements(const standards::Pack& pack,
                                                            const std::vector<std::string>& requirement_paths,
                                                            double total_points = 100);

// The platform's default rubric when the administrator names no requirements (docs/scoring.md,
// "Comprehensive review"): one criterion per 职业功能 of the level's work requirements
// (id "function:<id>", 002's senior review judges the whole level), else — for packs that
// evaluate practice as a dimension, like 000's 工程实践 — one per requirement line of the
// dimensions whose exam_kind is "achievement" at (level, direction). Points split as
// ReviewRubricFromRequirements does. INVALID_ARGUMENT "review.no_requirements" when neither
// exists, "review.bad_total".
Result<std::vector<Criterion>> DefaultReviewRubric(const standards::Pack& pack, const std::string& level,
                                                   const std::string& direction, double total_points = 100);

// The review script id of a candidate: "review:" + candidate.
std::string ReviewScriptId(const std::string& candidate);

// Adds a candidate's review script (their achievements as the materials) to the panel.
// INVALID_ARGUMENT "review.no_achievements", "review.bad_achievement" (empty id), plus
// ScoringPanel::AddScript's errors.
Status AddReviewScript(ScoringPanel& panel, const std::string& candidate,
                       const std::vector<Achievement>& achievements, const std::vector<Criterion>& rubric,
                       const std::vector<std::int64_t>& examiners = {});

// The candidate's review score on a `full_marks` scale (exact). FAILED_PRECONDITION
// "review.not_final" while scores or adjudications are pending; NOT_FOUND "panel.unknown_script".
Result<double> ReviewScore(const ScoringPanel& panel, const std::string& candidate, double full_marks = 100);

}  // namespace kaoping::scoring

#endif  // KAOPING_CORE_SCORING_REVIEW_H_
