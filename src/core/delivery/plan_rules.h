// -----------------------------------------------------------------------------
// File: core/delivery/plan_rules.h
// -----------------------------------------------------------------------------
//
// Checks an exam plan against its standard's exam rules — all read from the pack
// (exam_rules.subjects, exam_rules.staffing), never hard-coded:
//
//   * the level and direction exist; the kind (theory | skill | review | …) is a subject of the
//     standard that applies at this level;
//   * duration ≥ the subject's min_duration_minutes for the level;
//   * per room (planned candidates = the room's capacity, the worst case):
//       proctors ≥ ceil(capacity / proctors_per_candidates) and ≥ min_proctors_per_room;
//       examiners ≥ min_examiners, odd when examiners_odd, ≥ ceil(capacity / examiners_per_candidates);
//   * room codes are unique, short and [A-Z0-9]; nobody is assigned to two rooms of one plan, or
//     as both proctor and examiner of one room.
//
// Every violation is returned (not just the first) with a stable code, the field it concerns,
// English and Chinese messages and the clause of the standard it comes from, so the "check"
// endpoint can show them all before anything is saved.
//
// Pure function; thread-safe.

#ifndef KAOPING_CORE_DELIVERY_PLAN_RULES_H_
#define KAOPING_CORE_DELIVERY_PLAN_RULES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/standards/model.h"

namespace kaoping::delivery {

struct RoomSpec {
  std::string code;  // "A01": 1–8 characters of [A-Z0-9]
  std::string name;  // "一号考场"
  int capacity = 0;
  std::int64_t starts_ms = 0;
  std::vector<std::int64_t> proctors;   // user ids
  std::vector<std::int64_t> examiners;  // user ids
};

struct PlanSpec {
  std::string title;
  std::string standard;
  std::string direction;
  std::string level;
  std::string kind;  // a subject kind of the standard: theory | skill | review | written | lab | achievement
  int duration_minutes = 0;
  std::vector<RoomSpec> rooms;
};

struct RuleViolation {
  std::string code;   // "plan.duration_too_short", "room.too_few_proctors", …
  std::string field;  // "duration_minutes", "rooms[1].proctors", …
  std::string message_en;
  std::string message_zh;
  std::string ref;  // clause of the standard ("1.5.4 L69"), when the rule comes from it
};

std::vector<RuleViolation> CheckPlan(const standards::Pack& pack, const PlanSpec& plan);

// True when `code` is a valid room code.
bool ValidRoomCode(const std::string& code);

}  // namespace kaoping::delivery

#endif  // KAOPING_CORE_DELIVERY_PLAN_RULES_H_
