// -----------------------------------------------------------------------------
// File: core/standards/loader.h
// -----------------------------------------------------------------------------
//
// Turns the YAML text of a standard pack into a validated `Pack`. No I/O: the caller reads the
// file and passes its text and name (the name only appears in messages).
//
// Parsing is strict: unknown keys, wrong types, missing required keys, duplicate ids, dangling
// references, weight-table columns that do not sum to 100, weight rows naming a function that
// does not exist at that level and eligibility rules that do not parse are all errors. Every
// error is a `Diagnostic` naming the file, line, column and key path and saying what was
// expected, in English and Chinese. All errors are collected, not just the first.

#ifndef KAOPING_CORE_STANDARDS_LOADER_H_
#define KAOPING_CORE_STANDARDS_LOADER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "core/standards/model.h"

namespace kaoping::standards {

struct Diagnostic {
  std::string file;
  int line = 0;     // 1-based; 0 when unknown
  int column = 0;   // 1-based
  std::string key;  // key path, e.g. "weight_tables[0].rows[2].weights"
  std::string message;
  std::string message_zh;

  // "file:line:column: key: message"
  std::string ToString() const;
  std::string ToStringZh() const;
};

struct ParseOutcome {
  std::optional<Pack> pack;  // set when there were no errors
  std::vector<Diagnostic> diagnostics;
};

// Parses and validates. Never throws.
ParseOutcome ParsePack(std::string_view yaml_text, std::string_view origin);

// As ParsePack, but folds the diagnostics into an INVALID_ARGUMENT status
// (reason "standard.invalid_pack") whose message lists them.
Result<Pack> LoadPack(std::string_view yaml_text, std::string_view origin);

// Semantic checks on an already-built pack (also run by ParsePack). Exposed for packs built in
// code by tests.
std::vector<Diagnostic> ValidatePack(const Pack& pack);

}  // namespace kaoping::standards

#endif  // KAOPING_CORE_STANDARDS_LOADER_H_
