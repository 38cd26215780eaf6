// -----------------------------------------------------------------------------
// File: credentials/number.h
// -----------------------------------------------------------------------------
//
// Certificate numbers. The scheme is a pattern from configuration; the default
//
//   KP-{std}-{level}-{yyyy}-{serial:6}-{check}     →  "KP-DEP-M-2026-000123-7"
//
// Tokens:
//   {std}       the standard's short code   ([A-Z0-9]{1,12}, from configuration per pack)
//   {level}     the level's short code      ([A-Z0-9]{1,12}, from configuration per level)
//   {yyyy}      the issue year (4 digits);  {yy} its last two digits
//   {serial:N}  the serial, zero-padded to N digits (1 ≤ N ≤ 12); required, exactly once
//   {check}     one check character, ISO/IEC 7064 MOD 37,36 (alphabet 0–9A–Z) over every letter
//               and digit before it (separators ignored, case-insensitive). Detects every
//               single-character error and every transposition of adjacent characters.
//               Optional; when present it must be the last token.
// Everything else is literal text from [A-Za-z0-9-_./] (matched case-insensitively).
//
// Uniqueness: serials are allocated per *scope*, the values of the scope tokens the pattern
// contains ({std}, {level}, {yyyy}/{yy}). Two numbers of one scheme are equal only if their scope
// and serial are, and a SerialAllocator never hands out the same serial twice in a scope — so a
// number, even that of a revoked certificate, is never reused. A pattern without {std}, say,
// simply has one serial sequence shared by all standards.
//
//   KP_ASSIGN_OR_RETURN(NumberScheme scheme, NumberScheme::Parse(config.number_pattern));
//   NumberFields f{.std_code = "DEP", .level_code = "M", .year = 2026};
//   KP_ASSIGN_OR_RETURN(f.serial, allocator.Allocate(scheme.ScopeKey(f), scheme.max_serial()));
//   KP_ASSIGN_OR_RETURN(std::string number, scheme.Format(f));
//
// Thread safety: NumberScheme is immutable; InMemorySerialAllocator is internally locked.

#ifndef KAOPING_CREDENTIALS_NUMBER_H_
#define KAOPING_CREDENTIALS_NUMBER_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace kaoping::credentials {

inline constexpr std::string_view kDefaultNumberPattern = "KP-{std}-{level}-{yyyy}-{serial:6}-{check}";

// The ISO/IEC 7064 MOD 37,36 check character for the letters and digits of `text` (other
// characters are skipped; letters are upper-cased). Returns '?' when `text` holds a character
// outside ASCII.
char Mod37_36CheckChar(std::string_view text);
// True when the last letter-or-digit of `text` is the MOD 37,36 check character of the ones
// before it.
bool HasValidCheckChar(std::string_view text);

struct NumberFields {
  std::string std_code;
  std::string level_code;
  int year = 0;
  std::int64_t serial = 0;
};

class NumberScheme {
 public:
  // INVALID_ARGUMENT "credentials.number_pattern" naming the problem (unknown token, missing or
  // repeated {serial}, {check} not last, bad literal character, width out of range).
  static Result<NumberScheme> Parse(std::string_view pattern);
  static NumberScheme Default();

  [[nodiscard]] const std::string& pattern() const { return pattern_; }
  // 10^N − 1 for {serial:N}.
  [[nodiscard]] std::int64_t max_serial() const;
  [[nodiscard]] bool has_check() const;

  // The number for `f`. INVALID_ARGUMENT "credentials.number_field" for a code outside
  // [A-Z0-9]{1,12} (lower case is upper-cased) or a year outside 1000–9999; OUT_OF_RANGE
  // "credentials.serial_exhausted" for a serial outside 1..max_serial().
  [[nodiscard]] Result<std::string> Format(const NumberFields& f) const;

  // The serial scope of `f`: the scope tokens' values joined by '|' ("DEP|M|2026").
  [[nodiscard]] std::string ScopeKey(const NumberFields& f) const;

  // Parses a number written with this scheme (case-insensitive, surrounding spaces ignored) and
  // checks its check character. INVALID_ARGUMENT "credentials.number_format" when it does not
  // match the pattern, "credentials.number_check" when the check character is wrong. The year
  // of a {yy} scheme comes back as 2000 + yy.
  [[nodiscard]] Result<NumberFields> Validate(std::string_view number) const;

 private:
  enum class Kind { kLiteral, kStd, kLevel, kYear4, kYear2, kSerial, kCheck };
  struct Token {
    Kind kind;
    std::string literal;  // kLiteral
    int width = 0;        // kSerial
  };
  std::string pattern_;
  std::vector<Token> tokens_;
};

// Hands out serials that are never handed out again within a scope. The production
// implementation is the store's (a row per scope, incremented in the issuing transaction).
class SerialAllocator {
 public:
  virtual ~SerialAllocator() = default;
  // The next serial of `scope`, ≥ 1. OUT_OF_RANGE "credentials.serial_exhausted" past `max`.
  virtual Result<std::int64_t> Allocate(std::string_view scope, std::int64_t max) = 0;
};

// The pure step every allocator shares: the serial after `last` (nullopt = none yet), or
// OUT_OF_RANGE "credentials.serial_exhausted" when that would exceed `max`.
Result<std::int64_t> NextSerial(std::optional<std::int64_t> last, std::int64_t max);

// An allocator over a map, seeded with the last serial of each scope (from the store, or empty).
class InMemorySerialAllocator final : public SerialAllocator {
 public:
  explicit InMemorySerialAllocator(std::map<std::string, std::int64_t, std::less<>> last = {})
      : last_(std::move(last)) {}
  Result<std::int64_t> Allocate(std::string_view scope, std::int64_t max) override;
  // The last serial handed out in `scope`, if any.
  std::optional<std::int64_t> Last(std::string_view scope) const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::int64_t, std::less<>> last_;
};

}  // namespace kaoping::credentials

#endif  // KAOPING_CREDENTIALS_NUMBER_H_
