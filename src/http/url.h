// -----------------------------------------------------------------------------
// File: http/url.h
// -----------------------------------------------------------------------------
//
// Request-target helpers: splitting path and query, percent-decoding (RFC 3986 §2.1) and
// form-style query parsing. Decoded text must be valid UTF-8 (kaoping is a JSON API; Chinese
// arrives as %E6%A8%A1%E5%9E%8B) and must not contain NUL, so handlers never see either.
//
// Failure behaviour: every function returns an INVALID_ARGUMENT Status with reason
// "http.bad_request" (and a Chinese message) instead of throwing.
// Thread safety: stateless free functions.

#ifndef KAOPING_HTTP_URL_H_
#define KAOPING_HTTP_URL_H_

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/status.h"

namespace kaoping::http {

struct SplitTarget {
  std::string_view path;   // Still percent-encoded.
  std::string_view query;  // Without the '?'; empty when there is none.
};

// Splits an origin-form request-target ("/a/b?x=1"). Fails unless it starts with '/'
// (absolute-form, authority-form and "*" are not served).
Result<SplitTarget> SplitRequestTarget(std::string_view target);

// Decodes %XX escapes; with `plus_is_space` (query strings) '+' becomes ' '. Fails on a
// malformed escape, a decoded NUL byte or invalid UTF-8.
Result<std::string> PercentDecode(std::string_view in, bool plus_is_space = false);

// Parses "a=1&b=%E6%A8%A1&flag" into decoded pairs ("flag" → ""). Empty pieces are skipped.
Result<std::multimap<std::string, std::string, std::less<>>> ParseQuery(std::string_view query);

// Splits a still-encoded path into decoded segments: "/" → {""}, "/a/b%2Fc" → {"a", "b/c"},
// "/a/" → {"a", ""}. Fails like PercentDecode.
Result<std::vector<std::string>> DecodePathSegments(std::string_view path);

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, ≤ U+10FFFF).
bool IsValidUtf8(std::string_view s);

}  // namespace kaoping::http

#endif  // KAOPING_HTTP_URL_H_
