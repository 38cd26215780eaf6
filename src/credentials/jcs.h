// -----------------------------------------------------------------------------
// File: credentials/jcs.h
// -----------------------------------------------------------------------------
//
// RFC 8785 JSON Canonicalization Scheme (JCS), the canonical form that the `eddsa-jcs-2022`
// cryptosuite hashes. nlohmann::json's dump() sorts keys, but JCS also fixes
//   * numbers: serialized as ECMAScript's Number.prototype.toString (ES2015 §7.1.12.1) of the
//     IEEE 754 double — shortest round-trip digits, "1e+21" style exponents outside
//     [1e-7, 1e21), "-0" as "0";
//   * strings: only '"', '\\' and U+0000–U+001F are escaped (\b \t \n \f \r, else \u00xx in
//     lower-case hex); every other character, including non-ASCII and U+007F, is written as
//     UTF-8 verbatim;
//   * member order: keys sorted by their UTF-16 code units (not by UTF-8 bytes: the two orders
//     differ for characters above U+FFFF against U+E000–U+FFFF), recursively; arrays keep order.
//
//   KP_ASSIGN_OR_RETURN(std::string canon, CanonicalizeJcs(doc));
//
// Limits (all errors, INVALID_ARGUMENT):
//   * "jcs.number": NaN or ±infinity (JSON cannot carry them), and integers whose magnitude
//     exceeds 2^53 — JCS works on doubles, so such an integer would be silently rounded; we
//     refuse instead of signing something other than what the caller built.
//   * "jcs.utf8": a string or key that is not well-formed UTF-8 (JSON text in UTF-16 with lone
//     surrogates cannot be represented in nlohmann::json's UTF-8 strings at all).
//   * "jcs.type": binary values and discarded values.
// Duplicate keys cannot occur (nlohmann::json objects are maps).
//
// Pure functions; thread-safe.

#ifndef KAOPING_CREDENTIALS_JCS_H_
#define KAOPING_CREDENTIALS_JCS_H_

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.h"

namespace kaoping::credentials {

Result<std::string> CanonicalizeJcs(const nlohmann::json& value);

// Appends `s` with JSON string escapes (\" \\ \b \t \n \f \r, other characters below U+0020
// as \u00xx): JCS uses lower-case hex; canonical N-Quads (rdfc.h) upper-case hex and escapes U+007F.
void AppendEscaped(std::string_view s, std::string& out, bool upper_hex, bool escape_del);

// ECMAScript Number::toString(x) for a finite double (exposed for tests).
// REQUIRES: std::isfinite(x).
std::string FormatEs6Number(double x);

// True when `a` sorts before `b` by UTF-16 code units. REQUIRES: both well-formed UTF-8.
bool Utf16Less(std::string_view a, std::string_view b);

}  // namespace kaoping::credentials

#endif  // KAOPING_CREDENTIALS_JCS_H_
