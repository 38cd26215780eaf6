#include "core/scoring/review.h"

#include <cmath>
#include <set>

#include "core/scoring/numbers.h"

namespace kaoping::scoring {

const char* AchievementKindName(AchievementKind k) {
  switch (k) {
    case AchievementKind::kProject:
      return "project";
    case AchievementKind::kReport:
      return "report";
    case AchievementKind::kPaper:
      return "paper";
    case AchievementKind::kPatent:
      return "patent";
    case AchievementKind::kOther:
      return "other";
  }
  return "other";
}

const char* AchievementKindLabelZh(AchievementKind k) {
  switch (k) {
    case AchievementKind::kProject:
      return "项目";
    case AchievementKind::kReport:
      return "报告";
    case AchievementKind::kPaper:
      return "论文";
    case AchievementKind::kPatent:
      return "专利";
    case AchievementKind::kOther:
      return "其他";
  }
  return "其他";
}

std::optional<AchievementKind> ParseAchievementKind(const std::string& s) {
  for (auto k : {AchievementKind::kProject, AchievementKind::kReport, AchievementKind::kPaper,
                 AchievementKind::kPatent, AchievementKind::kOther}) {
    if (s == AchievementKindName(k) || s == AchievementKindLabelZh(k)) return k;
  }
  return std::nullopt;
}

namespace {

// Splits `total_points` over the criteria: in whole points when the total is a whole number at
// least as large as the count (the first criteria get the remainder), else evenly.
void SplitPoints(std::vector<Criterion>& out, double total_points) {
  const std::size_t n = out.size();
  if (n == 0) return;
  if (std::floor(total_points) == total_points && total_points >= static_cast<double>(n)) {
    const auto whole = static_cast<long long>(total_points);
    const long long base = whole / static_cast<long long>(n);
    long long rest = whole % static_cast<long long>(n);
    for (auto& c : out) {
      c.max_points = static_cast<double>(base + (rest > 0 ? 1 : 0));
      if (rest > 0) --rest;
    }
  } else {
    for (auto& c : out) c.max_points = total_points / static_cast<double>(n);
  }
}

Status BadTotal(double total_points) {
  if (!std::isfinite(total_points) || total_points <= 0) {
    return InvalidArgument("review.bad_total", "the rubric must be worth more than 0 points",
                           "评分标准的总分必须大于 0");
  }
  return Status();
}

}  // namespace

Result<std::vector<Criterion>> ReviewRubricFromRequirements(const standards::Pack& pack,
                                                            const std::vector<std::string>& requirement_paths,
                                                            double total_points) {
  if (requirement_paths.empty()) {
    return InvalidArgument("review.no_requirements", "a review rubric needs at least one requirement",
                           "评审评分标准至少需要一条能力要求");
  }
  KP_RETURN_IF_ERROR(BadTotal(total_points));
  std::vector<Criterion> out;
  std::set<std::string> seen;
  for (const auto& path : requirement_paths) {
    const standards::Requirement* q = pack.FindRequirement(path);
    if (!q) {
      return NotFound("review.unknown_requirement",
                      "standard '" + pack.id + "' has no requirement '" + path + "'",
                      "标准“" + pack.id + "”中没有能力要求“" + path + "”");
    }
    if (!seen.insert(path).second) {
      return InvalidArgument("review.duplicate_requirement", "requirement '" + path + "' is listed twice",
                             "能力要求“" + path + "”重复列出");
    }
    out.push_back(Criterion{path, q->text, 0});
  }
  SplitPoints(out, total_points);
  return out;
}

Result<std::vector<Criterion>> DefaultReviewRubric(const standards::Pack& pack, const std::string& level,
                                                   const std::string& direction, double total_points) {
  KP_RETURN_IF_ERROR(BadTotal(total_points));
  std::vector<Criterion> out;
  if (const standards::WorkRequirementBlock* block = pack.FindWork(level, direction)) {
    for (const auto& f : block->functions) {
      std::size_t lines = 0;
      for (const auto& wc : f.work_contents) lines += wc.skills.size() + wc.knowledge.size();
      out.push_back(Criterion{"function:" + f.id,
                              "职业功能 " + f.id + "「" + f.name + "」：对照本功能 " + std::to_string(lines) +
                                  " 条技能与知识要求综合评议 (function " + f.id + ", judged against its " +
                                  std::to_string(lines) + " requirement lines)",
                              0});
    }
  }
  if (out.empty()) {
    std::set<std::string> achievement_dimensions;
    for (const auto& d : pack.dimensions) {
      if (d.exam_kind == "achievement") achievement_dimensions.insert(d.id);
    }
    std::vector<const standards::Requirement*> lines = pack.RequirementsFor(level, direction, false);
    if (const standards::Position* position = pack.FindPosition(direction)) {
      for (const auto& q : position->requirements) lines.push_back(&q);  // 000: the position is the direction
    }
    std::set<std::string> seen;
    for (const standards::Requirement* q : lines) {
      if (achievement_dimensions.count(q->dimension) && seen.insert(q->path).second)
        out.push_back(Criterion{q->path, q->text, 0});
    }
  }
  if (out.empty()) {
    return InvalidArgument(
        "review.no_requirements",
        "standard '" + pack.id + "' names no functions or practice requirements for level '" + level +
            "': list the requirement paths of the review rubric",
        "标准“" + pack.id + "”在等级“" + level + "”下没有职业功能或工程实践要求，请指定评审所依据的能力要求");
  }
  SplitPoints(out, total_points);
  return out;
}

std::string ReviewScriptId(const std::string& candidate) {
  return "review:" + candidate;
}

Status AddReviewScript(ScoringPanel& panel, const std::string& candidate,
                       const std::vector<Achievement>& achievements, const std::vector<Criterion>& rubric,
                       const std::vector<std::int64_t>& examiners) {
  if (achievements.empty()) {
    return InvalidArgument("review.no_achievements",
                           "candidate '" + candidate + "' submitted no achievements to review",
                           "考生“" + candidate + "”未提交任何评审材料");
  }
  ScriptSpec spec;
  spec.id = ReviewScriptId(candidate);
  spec.rubric = rubric;
  spec.examiners = examiners;
  for (const auto& a : achievements) {
    if (a.id.empty()) {
      return InvalidArgument("review.bad_achievement",
                             "an achievement of candidate '" + candidate + "' has no id",
                             "考生“" + candidate + "”有评审材料缺少编号");
    }
    spec.materials.push_back(a.id);
  }
  return panel.AddScript(std::move(spec));
}

Result<double> ReviewScore(const ScoringPanel& panel, const std::string& candidate, double full_marks) {
  KP_ASSIGN_OR_RETURN(ScriptResult r, panel.ResultFor(ReviewScriptId(candidate)));
  std::optional<double> scaled = r.Scaled(full_marks);
  if (r.state != ScriptState::kFinal || !scaled) {
    return FailedPrecondition(
        "review.not_final",
        "the review of candidate '" + candidate + "' is not final (" + ScriptStateName(r.state) + ")",
        "考生“" + candidate + "”的综合评审尚未完成评分");
  }
  return *scaled;
}

}  // namespace kaoping::scoring
