// -----------------------------------------------------------------------------
// File: core/delivery/ticket.h
// -----------------------------------------------------------------------------
//
// Admission ticket (准考证) numbers. The format is deterministic and documented
// (docs/delivery.md):
//
//   KP-<plan>-<room>-<seat>-<check>        e.g. KP-000012-A01-027-7
//
//   plan   the exam plan id, zero-padded to at least 6 digits
//   room   the room code (1–8 characters A–Z, 0–9)
//   seat   the seat number in the room, zero-padded to 3 digits
//   check  ISO/IEC 7064 MOD 37,36 (hybrid) check character over plan + room + seat
//          (the characters without dashes), one of 0–9 A–Z
//
// The check character catches every single-character error and every transposition of two
// adjacent characters, so a mistyped ticket number is rejected rather than looked up.
//
// Pure functions; thread-safe.

#ifndef KAOPING_CORE_DELIVERY_TICKET_H_
#define KAOPING_CORE_DELIVERY_TICKET_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace kaoping::delivery {

// The MOD 37,36 check character of `s` (digits and upper-case letters); '?' for other input.
char Mod3736CheckChar(std::string_view s);

// REQUIRES: plan_id ≥ 1, a valid room code (plan_rules.h ValidRoomCode), 1 ≤ seat ≤ 999.
std::string TicketNumber(std::int64_t plan_id, std::string_view room_code, int seat);

// True when `ticket` has the format above and its check character is right.
bool ValidTicketNumber(std::string_view ticket);

}  // namespace kaoping::delivery

#endif  // KAOPING_CORE_DELIVERY_TICKET_H_
