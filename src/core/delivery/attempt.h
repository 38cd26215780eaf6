// -----------------------------------------------------------------------------
// File: core/delivery/attempt.h
// -----------------------------------------------------------------------------
//
// The rules of one exam attempt: its states, the server-side deadline, which saves are still
// accepted, how a late or repeated save is treated, and what each proctor action does.
//
//   ready ──start──▶ in_progress ◀──resume── paused
//     │                 │  ╲──pause──────────▶ │
//     │ absent          │ submit / auto-submit │ submit
//     ▼                 ▼                      ▼
//   absent           submitted ◀───────────────┘           (void: any state → voided)
//
// Deadline (the server's clock, never the client's):
//   deadline = started + duration + extensions + Σ closed pauses  (+ now − paused_since while paused)
// A save is accepted while the attempt is in progress and now ≤ deadline + grace, where the
// short grace covers saves that were in flight when time ran out. After deadline + grace the
// attempt is auto-submitted (by a sweeper, or lazily on the next access) with submitted_at =
// the deadline, and saves are refused with DEADLINE_EXCEEDED "attempt.deadline_passed" (HTTP 409).
//
// Answer sequence numbers: each item carries a client-chosen sequence number that grows with
// every change the client makes to that item's answer (flags have their own sequence). A save
// with a higher number than the stored one wins; the same number with the same response is a
// repeat (acknowledged again, changes nothing); a lower number is stale (acknowledged with
// applied = false — a late, older save never overwrites a newer one); the same number with a
// different response is a conflict (ABORTED "answer.sequence_conflict", HTTP 409).
//
// Pure functions; thread-safe.

#ifndef KAOPING_CORE_DELIVERY_ATTEMPT_H_
#define KAOPING_CORE_DELIVERY_ATTEMPT_H_

#include <cstdint>
#include <optional>
#include <string>

#include "base/result.h"

namespace kaoping::delivery {

enum class AttemptStatus { kReady, kInProgress, kPaused, kSubmitted, kAbsent, kVoided };
const char* AttemptStatusName(AttemptStatus s);  // "ready" | "in_progress" | "paused" | …
std::optional<AttemptStatus> ParseAttemptStatus(const std::string& s);
bool IsFinal(AttemptStatus s);  // submitted, absent, voided

// All times are Unix milliseconds; 0 means "not set".
struct AttemptState {
  AttemptStatus status = AttemptStatus::kReady;
  bool admitted = false;
  std::int64_t started_ms = 0;
  std::int64_t duration_ms = 0;
  std::int64_t extension_ms = 0;
  std::int64_t paused_total_ms = 0;
  std::int64_t paused_since_ms = 0;  // set while paused
  std::int64_t submitted_ms = 0;
  std::string submit_kind;  // candidate | auto | proctor
};

// The deadline at `now` (it keeps moving while paused). 0 when not started.
std::int64_t DeadlineMs(const AttemptState& s, std::int64_t now_ms);
// Milliseconds left before the deadline (never negative); the full duration before start.
std::int64_t RemainingMs(const AttemptState& s, std::int64_t now_ms);
// The deadline to store for the sweeper: set only while in progress (paused attempts do not
// expire), 0 otherwise.
std::int64_t StoredDeadlineMs(const AttemptState& s);
// In progress and past deadline + grace: must be auto-submitted.
bool IsExpired(const AttemptState& s, std::int64_t now_ms, std::int64_t grace_ms);

// When a candidate may start: the session's start time up to start + entry window.
struct StartWindow {
  std::int64_t opens_ms = 0;
  std::int64_t closes_ms = 0;
  bool require_admission = false;
};

// Start. Idempotent: starting an attempt already in progress or paused returns it unchanged.
// Errors: "attempt.not_open_yet" / "attempt.entry_closed" / "attempt.not_admitted"
// (FAILED_PRECONDITION); "attempt.submitted", "attempt.voided", "attempt.absent" for final states.
Result<AttemptState> Start(const AttemptState& s, const StartWindow& w, std::int64_t now_ms);

// Whether a save (or flag) received at `now` may be applied. Errors: "attempt.not_started",
// "attempt.paused", "attempt.submitted", "attempt.voided", "attempt.absent"
// (FAILED_PRECONDITION), "attempt.deadline_passed" (DEADLINE_EXCEEDED).
Status CheckCanSave(const AttemptState& s, std::int64_t now_ms, std::int64_t grace_ms);

// Submit by the candidate ("candidate"), at expiry ("auto": submitted_at = deadline) or by a
// proctor ("proctor"). Idempotent: an attempt already submitted is returned unchanged.
// Errors: "attempt.not_started", "attempt.voided", "attempt.absent".
Result<AttemptState> Submit(const AttemptState& s, const std::string& kind, std::int64_t now_ms,
                            std::int64_t grace_ms);

enum class SaveDecision { kApply, kRepeat, kStale, kConflict };
// `stored_*` describe the answer on record, if any. REQUIRES: incoming_sequence >= 1.
SaveDecision DecideSave(std::optional<std::int64_t> stored_sequence, const std::string& stored_response,
                        std::int64_t incoming_sequence, const std::string& incoming_response);
// The same with the stored response already compared to the incoming one (backends compare in SQL).
SaveDecision DecideSave(std::optional<std::int64_t> stored_sequence, bool same_response,
                        std::int64_t incoming_sequence);
// Validates a client sequence number: INVALID_ARGUMENT "answer.bad_sequence" unless 1 ≤ n ≤ 2^53.
Status CheckSequence(std::int64_t n);

enum class ProctorAction { kAdmit, kPause, kResume, kExtend, kAbsent, kVoid, kIrregularity, kSubmit };
const char* ProctorActionName(ProctorAction a);  // "admit", "pause", …
std::optional<ProctorAction> ParseProctorAction(const std::string& s);

// Applies a proctor action (every action needs a non-empty reason, checked by the caller's
// service). `extension_ms` only for kExtend (1 minute … 4 hours in total). Errors are
// FAILED_PRECONDITION with reasons "attempt.<state>" naming why the action does not apply.
Result<AttemptState> ApplyProctorAction(const AttemptState& s, ProctorAction a, std::int64_t extension_ms,
                                        std::int64_t now_ms, std::int64_t grace_ms);

}  // namespace kaoping::delivery

#endif  // KAOPING_CORE_DELIVERY_ATTEMPT_H_
