// -----------------------------------------------------------------------------
// File: credentials/dates.h
// -----------------------------------------------------------------------------
//
// Date-time text for credentials: XML Schema dateTimeStamp in UTC with second resolution
// ("2026-03-01T08:00:00Z", the form VC 2.0 `validFrom`/`validUntil` and proofs' `created` use),
// calendar arithmetic for validity periods, and the dates printed on certificates.
//
// Pure functions; thread-safe. Times are UTC; certificate dates are the UTC calendar date.

#ifndef KAOPING_CREDENTIALS_DATES_H_
#define KAOPING_CREDENTIALS_DATES_H_

#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"

namespace kaoping::credentials {

// "2026-03-01T08:00:00Z" (milliseconds are dropped).
std::string FormatIsoUtc(TimePoint t);
// Parses "YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)" (also a lower-case 't'/'z').
// INVALID_ARGUMENT "credentials.datetime" otherwise.
Result<TimePoint> ParseIsoDateTime(std::string_view text);

// "2026-03-01".
std::string FormatDate(TimePoint t);
// "2026年3月1日".
std::string FormatDateZh(TimePoint t);
// The UTC calendar year.
int YearOf(TimePoint t);

// The same UTC wall-clock time `years` calendar years later (29 February → 28 February).
TimePoint AddYears(TimePoint t, int years);

}  // namespace kaoping::credentials

#endif  // KAOPING_CREDENTIALS_DATES_H_
