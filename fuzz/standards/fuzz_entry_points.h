// Entry points of the standard-pack fuzz targets. Each *_fuzz.cc defines one and, unless
// KAOPING_FUZZ_REPLAY is defined, the libFuzzer hook LLVMFuzzerTestOneInput that calls it; the
// replay test (src/core/standards/fuzz_replay_test.cc) links both with KAOPING_FUZZ_REPLAY set.
// Every entry point returns 0 and traps (__builtin_trap) when an invariant breaks.

#ifndef KAOPING_FUZZ_STANDARDS_FUZZ_ENTRY_POINTS_H_
#define KAOPING_FUZZ_STANDARDS_FUZZ_ENTRY_POINTS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/standards/loader.h"

namespace kaoping::standards::fuzz {

int FuzzPackLoader(const std::uint8_t* data, std::size_t size);
int FuzzEligibilityRules(const std::uint8_t* data, std::size_t size);

// The fixed pack of FuzzEligibilityRules with `condition` as one rule's `when:`.
std::string EligibilityFuzzPack(std::string_view condition);

// Invariants of every ParsePack outcome: a pack or at least one diagnostic, never both; every
// diagnostic names the file, a line/column that is not negative, and says what is wrong in
// English and Chinese; an accepted pack passes the semantic checks again.
inline void CheckOutcome(const ParseOutcome& o, std::string_view origin) {
  if (o.pack.has_value() == !o.diagnostics.empty()) __builtin_trap();
  for (const Diagnostic& d : o.diagnostics) {
    if (d.file != origin) __builtin_trap();
    if (d.line < 0 || d.column < 0) __builtin_trap();
    if (d.message.empty() || d.message_zh.empty()) __builtin_trap();
    if (d.ToString().empty() || d.ToStringZh().empty()) __builtin_trap();
  }
  if (o.pack && !ValidatePack(*o.pack).empty()) __builtin_trap();
}

}  // namespace kaoping::standards::fuzz

#endif  // KAOPING_FUZZ_STANDARDS_FUZZ_ENTRY_POINTS_H_
