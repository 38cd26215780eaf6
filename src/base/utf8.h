// -----------------------------------------------------------------------------
// File: base/utf8.h
// -----------------------------------------------------------------------------
//
// Small UTF-8 helpers. Chinese text is multi-byte: never cut a string at an arbitrary byte.

#ifndef KAOPING_BASE_UTF8_H_
#define KAOPING_BASE_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace kaoping {

// Number of code points (invalid bytes count as one each).
std::size_t Utf8Length(std::string_view s);

// At most `max_code_points` code points of `s`, never splitting a sequence; appends `ellipsis`
// when something was cut.
std::string TruncateUtf8(std::string_view s, std::size_t max_code_points, std::string_view ellipsis = "…");

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, ≤ U+10FFFF).
bool IsValidUtf8(std::string_view s);

}  // namespace kaoping

#endif  // KAOPING_BASE_UTF8_H_
