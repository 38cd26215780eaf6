#include "core/scoring/result_record.h"

#include <algorithm>
#include <cctype>

namespace kaoping::scoring {
namespace {

bool Blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

ResultAudit Audit(const ResultRecord& before, const ResultRecord& after, std::string action,
                  std::int64_t actor, std::string reason, std::int64_t now_ms, bool with_before) {
  ResultAudit a;
  a.candidate = after.candidate;
  a.revision = after.revision;
  a.action = std::move(action);
  a.actor = actor;
  a.reason = std::move(reason);
  a.at_ms = now_ms;
  if (with_before) {
    a.passed_before = before.decision.passed;
    a.total_before = before.decision.total;
    a.grade_before = before.decision.grade;
  }
  a.passed_after = after.decision.passed;
  a.total_after = after.decision.total;
  a.grade_after = after.decision.grade;
  return a;
}

Status SameApplication(const ResultRecord& r, const LevelDecision& d) {
  if (r.decision.standard != d.standard || r.decision.level != d.level) {
    return InvalidArgument("result.level_mismatch",
                           "the new decision is for " + d.standard + "/" + d.level + ", the result for " +
                               r.decision.standard + "/" + r.decision.level,
                           "新的判定属于 " + d.standard + "/" + d.level + "，而该成绩属于 " +
                               r.decision.standard + "/" + r.decision.level);
  }
  return Status::Ok();
}

Status NeedActor(std::int64_t actor) {
  if (actor == 0)
    return InvalidArgument("result.actor_required", "the acting user must be named", "必须指明操作人");
  return Status::Ok();
}

}  // namespace

const char* ResultStateName(ResultState s) {
  switch (s) {
    case ResultState::kComputed:
      return "computed";
    case ResultState::kReviewed:
      return "reviewed";
    case ResultState::kPublished:
      return "published";
  }
  return "unknown";
}

std::optional<ResultState> ParseResultState(const std::string& s) {
  if (s == "computed") return ResultState::kComputed;
  if (s == "reviewed") return ResultState::kReviewed;
  if (s == "published") return ResultState::kPublished;
  return std::nullopt;
}

ResultTransition NewResult(const std::string& candidate, LevelDecision decision, std::int64_t now_ms) {
  ResultRecord r;
  r.candidate = candidate;
  r.decision = std::move(decision);
  r.computed_ms = now_ms;
  ResultAudit a = Audit(r, r, "computed", 0, "", now_ms, false);
  return {std::move(r), std::move(a)};
}

Result<ResultTransition> Recompute(const ResultRecord& r, LevelDecision decision, std::int64_t actor,
                                   std::int64_t now_ms) {
  if (r.state == ResultState::kPublished) {
    return FailedPrecondition("result.published",
                              "the result is published; it can only be corrected, with a reason",
                              "成绩已发布，只能附理由进行更正");
  }
  KP_RETURN_IF_ERROR(SameApplication(r, decision));
  ResultRecord next = r;
  next.decision = std::move(decision);
  next.state = ResultState::kComputed;
  next.computed_ms = now_ms;
  next.reviewed_by = 0;
  next.reviewed_ms = 0;
  ResultAudit a = Audit(r, next, "recomputed", actor, "", now_ms, true);
  return ResultTransition{std::move(next), std::move(a)};
}

Result<ResultTransition> MarkReviewed(const ResultRecord& r, std::int64_t reviewer, std::int64_t now_ms) {
  KP_RETURN_IF_ERROR(NeedActor(reviewer));
  if (r.state != ResultState::kComputed) {
    return FailedPrecondition(
        "result.not_computed",
        std::string("only a computed result can be reviewed (it is ") + ResultStateName(r.state) + ")",
        "只有“已计算”状态的成绩可以复核");
  }
  ResultRecord next = r;
  next.state = ResultState::kReviewed;
  next.reviewed_by = reviewer;
  next.reviewed_ms = now_ms;
  ResultAudit a = Audit(r, next, "reviewed", reviewer, "", now_ms, true);
  return ResultTransition{std::move(next), std::move(a)};
}

Result<ResultTransition> Publish(const ResultRecord& r, std::int64_t publisher, std::int64_t now_ms) {
  KP_RETURN_IF_ERROR(NeedActor(publisher));
  if (r.state != ResultState::kReviewed) {
    return FailedPrecondition(
        "result.not_reviewed",
        std::string("only a reviewed result can be published (it is ") + ResultStateName(r.state) + ")",
        "只有“已复核”状态的成绩可以发布");
  }
  ResultRecord next = r;
  next.state = ResultState::kPublished;
  next.published_by = publisher;
  next.published_ms = now_ms;
  ResultAudit a = Audit(r, next, "published", publisher, "", now_ms, true);
  return ResultTransition{std::move(next), std::move(a)};
}

Result<ResultTransition> Correct(const ResultRecord& r, LevelDecision decision, std::int64_t actor,
                                 const std::string& reason, std::int64_t now_ms) {
  KP_RETURN_IF_ERROR(NeedActor(actor));
  if (Blank(reason)) {
    return InvalidArgument("result.reason_required", "a correction of a published result needs a reason",
                           "更正已发布的成绩必须填写理由");
  }
  if (r.state != ResultState::kPublished) {
    return FailedPrecondition("result.not_published",
                              "only a published result is corrected; recompute an unpublished one",
                              "只有已发布的成绩需要更正；未发布的成绩请重新计算");
  }
  KP_RETURN_IF_ERROR(SameApplication(r, decision));
  ResultRecord next;
  next.candidate = r.candidate;
  next.revision = r.revision + 1;
  next.state = ResultState::kComputed;
  next.decision = std::move(decision);
  next.computed_ms = now_ms;
  next.correction_reason = reason;
  ResultAudit a = Audit(r, next, "corrected", actor, reason, now_ms, true);
  return ResultTransition{std::move(next), std::move(a)};
}

}  // namespace kaoping::scoring
