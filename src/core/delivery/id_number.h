// -----------------------------------------------------------------------------
// File: core/delivery/id_number.h
// -----------------------------------------------------------------------------
//
// 公民身份号码 (GB 11643-1999): 18 characters = 6-digit address code, 8-digit birth date
// (YYYYMMDD), 3-digit sequence code, and a check character computed with ISO 7064 MOD 11-2
// over the first 17 digits (weights 2^(17-i) mod 11; a remainder of 10 is written "X").
//
//   auto id = NormalizeIdNumber(" 11010519491231002x ");   // "11010519491231002X"
//   MaskIdNumber(*id);                                       // "1101**********002X"
//
// Only the 18-character form is accepted (the 15-character form was withdrawn in 2013). The
// address code is checked for shape (six digits, not starting with 0), not against the
// administrative-division list, which changes every year.
//
// Pure functions; thread-safe.

#ifndef KAOPING_CORE_DELIVERY_ID_NUMBER_H_
#define KAOPING_CORE_DELIVERY_ID_NUMBER_H_

#include <string>
#include <string_view>

#include "base/result.h"

namespace kaoping::delivery {

// The check character for the first 17 digits ('0'–'9' or 'X'). REQUIRES: 17 ASCII digits;
// returns '?' otherwise.
char IdNumberCheckChar(std::string_view first17);

// Trims surrounding ASCII spaces, upper-cases a trailing 'x' and validates. Errors
// (INVALID_ARGUMENT, each with a Chinese message): "id_number.length" (not 18 characters),
// "id_number.format" (non-digits, or address code starting with 0), "id_number.birth_date"
// (not a real date, or before 1900-01-01), "id_number.check_digit" (wrong check character).
Result<std::string> NormalizeIdNumber(std::string_view raw);

// First four and last four characters, the rest as '*' ("1101**********002X"). Strings of 8
// characters or fewer become all '*'.
std::string MaskIdNumber(std::string_view id);

}  // namespace kaoping::delivery

#endif  // KAOPING_CORE_DELIVERY_ID_NUMBER_H_
