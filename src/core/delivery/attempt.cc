#include "core/delivery/attempt.h"

#include <algorithm>

namespace kaoping::delivery {
namespace {

constexpr std::int64_t kMaxExtensionMs = 4LL * 60 * 60 * 1000;
constexpr std::int64_t kMaxSequence = 1LL << 53;

Status FinalStateError(AttemptStatus s) {
  switch (s) {
    case AttemptStatus::kSubmitted:
      return FailedPrecondition("attempt.submitted", "the attempt has already been submitted",
                                "本场考试已交卷");
    case AttemptStatus::kVoided:
      return FailedPrecondition("attempt.voided", "the attempt has been voided by a proctor",
                                "本场考试已被监考员判为无效");
    case AttemptStatus::kAbsent:
      return FailedPrecondition("attempt.absent", "the candidate was marked absent", "考生已被记为缺考");
    default:
      return FailedPrecondition("attempt.bad_state", "the attempt is not in a state that allows this",
                                "考试当前状态不允许此操作");
  }
}

Status NotStarted() {
  return FailedPrecondition("attempt.not_started", "the attempt has not been started", "考试尚未开始作答");
}

Status Expired() {
  return DeadlineExceeded("attempt.deadline_passed",
                          "the time for this attempt is over; the answer was not saved",
                          "考试时间已结束，本次作答未保存");
}

}  // namespace

const char* AttemptStatusName(AttemptStatus s) {
  switch (s) {
    case AttemptStatus::kReady:
      return "ready";
    case AttemptStatus::kInProgress:
      return "in_progress";
    case AttemptStatus::kPaused:
      return "paused";
    case AttemptStatus::kSubmitted:
      return "submitted";
    case AttemptStatus::kAbsent:
      return "absent";
    case AttemptStatus::kVoided:
      return "voided";
  }
  return "ready";
}

std::optional<AttemptStatus> ParseAttemptStatus(const std::string& s) {
  for (auto st : {AttemptStatus::kReady, AttemptStatus::kInProgress, AttemptStatus::kPaused,
                  AttemptStatus::kSubmitted, AttemptStatus::kAbsent, AttemptStatus::kVoided}) {
    if (s == AttemptStatusName(st)) return st;
  }
  return std::nullopt;
}

bool IsFinal(AttemptStatus s) {
  return s == AttemptStatus::kSubmitted || s == AttemptStatus::kAbsent || s == AttemptStatus::kVoided;
}

std::int64_t DeadlineMs(const AttemptState& s, std::int64_t now_ms) {
  if (s.started_ms == 0) return 0;
  std::int64_t d = s.started_ms + s.duration_ms + s.extension_ms + s.paused_total_ms;
  if (s.status == AttemptStatus::kPaused && s.paused_since_ms > 0)
    d += std::max<std::int64_t>(0, now_ms - s.paused_since_ms);
  return d;
}

std::int64_t RemainingMs(const AttemptState& s, std::int64_t now_ms) {
  if (s.started_ms == 0) return s.duration_ms + s.extension_ms;
  if (IsFinal(s.status)) return 0;
  return std::max<std::int64_t>(0, DeadlineMs(s, now_ms) - now_ms);
}

std::int64_t StoredDeadlineMs(const AttemptState& s) {
  if (s.status != AttemptStatus::kInProgress) return 0;
  return DeadlineMs(s, 0);
}

bool IsExpired(const AttemptState& s, std::int64_t now_ms, std::int64_t grace_ms) {
  return s.status == AttemptStatus::kInProgress && now_ms > DeadlineMs(s, now_ms) + grace_ms;
}

Result<AttemptState> Start(const AttemptState& s, const StartWindow& w, std::int64_t now_ms) {
  if (s.status == AttemptStatus::kInProgress || s.status == AttemptStatus::kPaused) return s;
  if (s.status != AttemptStatus::kReady) return FinalStateError(s.status);
  if (now_ms < w.opens_ms) {
    return FailedPrecondition("attempt.not_open_yet", "the exam session has not opened yet",
                              "考试尚未开始，请在开考时间后进入");
  }
  if (w.closes_ms > 0 && now_ms > w.closes_ms) {
    return FailedPrecondition("attempt.entry_closed", "the entry window of the session has closed",
                              "已超过允许入场的时间，不能再开始考试");
  }
  if (w.require_admission && !s.admitted) {
    return FailedPrecondition("attempt.not_admitted", "a proctor must admit the candidate first",
                              "请先由监考员核验身份并准许入场");
  }
  AttemptState out = s;
  out.status = AttemptStatus::kInProgress;
  out.started_ms = now_ms;
  return out;
}

Status CheckCanSave(const AttemptState& s, std::int64_t now_ms, std::int64_t grace_ms) {
  switch (s.status) {
    case AttemptStatus::kReady:
      return NotStarted();
    case AttemptStatus::kPaused:
      return FailedPrecondition("attempt.paused",
                                "the attempt is paused by a proctor; try again when it resumes",
                                "考试已被监考员暂停，恢复后请重新保存");
    case AttemptStatus::kInProgress:
      break;
    default: {
      if (s.status == AttemptStatus::kSubmitted && s.submit_kind == "auto") return Expired();
      return FinalStateError(s.status);
    }
  }
  if (now_ms > DeadlineMs(s, now_ms) + grace_ms) return Expired();
  return Status();
}

Result<AttemptState> Submit(const AttemptState& s, const std::string& kind, std::int64_t now_ms,
                            std::int64_t grace_ms) {
  if (s.status == AttemptStatus::kSubmitted) return s;
  if (s.status == AttemptStatus::kReady) return NotStarted();
  if (s.status != AttemptStatus::kInProgress && s.status != AttemptStatus::kPaused)
    return FinalStateError(s.status);
  AttemptState out = s;
  std::int64_t deadline = DeadlineMs(s, now_ms);
  if (s.status == AttemptStatus::kPaused) {
    out.paused_total_ms += std::max<std::int64_t>(0, now_ms - s.paused_since_ms);
    out.paused_since_ms = 0;
  }
  out.status = AttemptStatus::kSubmitted;
  if (kind == "auto" || now_ms > deadline + grace_ms) {
    out.submit_kind = "auto";
    out.submitted_ms = std::min(now_ms, deadline);
  } else {
    out.submit_kind = kind;
    out.submitted_ms = now_ms;
  }
  return out;
}

SaveDecision DecideSave(std::optional<std::int64_t> stored_sequence, const std::string& stored_response,
                        std::int64_t incoming_sequence, const std::string& incoming_response) {
  if (!stored_sequence || incoming_sequence > *stored_sequence) return SaveDecision::kApply;
  if (incoming_sequence < *stored_sequence) return SaveDecision::kStale;
  return stored_response == incoming_response ? SaveDecision::kRepeat : SaveDecision::kConflict;
}

SaveDecision DecideSave(std::optional<std::int64_t> stored_sequence, bool same_response,
                        std::int64_t incoming_sequence) {
  if (!stored_sequence || incoming_sequence > *stored_sequence) return SaveDecision::kApply;
  if (incoming_sequence < *stored_sequence) return SaveDecision::kStale;
  return same_response ? SaveDecision::kRepeat : SaveDecision::kConflict;
}

Status CheckSequence(std::int64_t n) {
  if (n < 1 || n > kMaxSequence) {
    return InvalidArgument("answer.bad_sequence", "sequence must be an integer from 1 to 2^53",
                           "序号（sequence）应为 1 到 2^53 之间的整数");
  }
  return Status();
}

const char* ProctorActionName(ProctorAction a) {
  switch (a) {
    case ProctorAction::kAdmit:
      return "admit";
    case ProctorAction::kPause:
      return "pause";
    case ProctorAction::kResume:
      return "resume";
    case ProctorAction::kExtend:
      return "extend";
    case ProctorAction::kAbsent:
      return "absent";
    case ProctorAction::kVoid:
      return "void";
    case ProctorAction::kIrregularity:
      return "irregularity";
    case ProctorAction::kSubmit:
      return "submit";
  }
  return "irregularity";
}

std::optional<ProctorAction> ParseProctorAction(const std::string& s) {
  for (auto a :
       {ProctorAction::kAdmit, ProctorAction::kPause, ProctorAction::kResume, ProctorAction::kExtend,
        ProctorAction::kAbsent, ProctorAction::kVoid, ProctorAction::kIrregularity, ProctorAction::kSubmit}) {
    if (s == ProctorActionName(a)) return a;
  }
  return std::nullopt;
}

Result<AttemptState> ApplyProctorAction(const AttemptState& s, ProctorAction a, std::int64_t extension_ms,
                                        std::int64_t now_ms, std::int64_t grace_ms) {
  AttemptState out = s;
  auto expired = [&] {
    return FailedPrecondition("attempt.expired", "the attempt's time is already over",
                              "该考生的考试时间已结束");
  };
  switch (a) {
    case ProctorAction::kAdmit:
      if (s.status != AttemptStatus::kReady) {
        return FailedPrecondition("attempt.already_started",
                                  "only a candidate who has not started can be admitted",
                                  "只能准许尚未开始作答的考生入场");
      }
      out.admitted = true;
      return out;
    case ProctorAction::kPause:
      if (s.status != AttemptStatus::kInProgress) {
        return FailedPrecondition("attempt.not_in_progress", "only an attempt in progress can be paused",
                                  "只能暂停正在进行的考试");
      }
      if (IsExpired(s, now_ms, grace_ms)) return expired();
      out.status = AttemptStatus::kPaused;
      out.paused_since_ms = now_ms;
      return out;
    case ProctorAction::kResume:
      if (s.status != AttemptStatus::kPaused) {
        return FailedPrecondition("attempt.not_paused", "only a paused attempt can be resumed",
                                  "只能恢复已暂停的考试");
      }
      out.status = AttemptStatus::kInProgress;
      out.paused_total_ms += std::max<std::int64_t>(0, now_ms - s.paused_since_ms);
      out.paused_since_ms = 0;
      return out;
    case ProctorAction::kExtend:
      if (extension_ms <= 0 || s.extension_ms + extension_ms > kMaxExtensionMs) {
        return InvalidArgument("attempt.bad_extension",
                               "an extension must be positive and at most 4 hours in total",
                               "延长时间须为正数，且累计不超过 4 小时");
      }
      if (IsFinal(s.status)) return FinalStateError(s.status);
      if (IsExpired(s, now_ms, grace_ms)) return expired();
      out.extension_ms += extension_ms;
      return out;
    case ProctorAction::kAbsent:
      if (s.status != AttemptStatus::kReady) {
        return FailedPrecondition("attempt.already_started",
                                  "a candidate who has started cannot be marked absent",
                                  "考生已开始作答，不能记为缺考");
      }
      out.status = AttemptStatus::kAbsent;
      return out;
    case ProctorAction::kVoid:
      if (s.status == AttemptStatus::kVoided) return FinalStateError(s.status);
      if (s.status == AttemptStatus::kPaused) {
        out.paused_total_ms += std::max<std::int64_t>(0, now_ms - s.paused_since_ms);
        out.paused_since_ms = 0;
      }
      out.status = AttemptStatus::kVoided;
      return out;
    case ProctorAction::kIrregularity:
      return out;
    case ProctorAction::kSubmit: {
      return Submit(s, "proctor", now_ms, grace_ms);
    }
  }
  return out;
}

}  // namespace kaoping::delivery
