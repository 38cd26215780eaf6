// Entry points of the interop fuzz targets. Each *_fuzz.cc defines one and, unless
// KAOPING_FUZZ_REPLAY is defined, the libFuzzer hook LLVMFuzzerTestOneInput that calls it; the
// replay test (src/interop/fuzz_replay_test.cc) links all three with KAOPING_FUZZ_REPLAY set.
// Every entry point returns 0 and traps (__builtin_trap) when an invariant breaks.

#ifndef KAOPING_FUZZ_INTEROP_FUZZ_ENTRY_POINTS_H_
#define KAOPING_FUZZ_INTEROP_FUZZ_ENTRY_POINTS_H_

#include <cstddef>
#include <cstdint>

#include "interop/import_batch.h"

namespace kaoping::interop::fuzz {

int FuzzCsvReader(const std::uint8_t* data, std::size_t size);
int FuzzXlsxReader(const std::uint8_t* data, std::size_t size);
int FuzzQtiParser(const std::uint8_t* data, std::size_t size);

// Invariants every import result keeps: all-or-nothing, and every problem is placed and
// explained in both languages.
inline void CheckBatch(const ImportBatch& batch) {
  if (!batch.errors.empty() && !batch.items.empty()) __builtin_trap();
  for (const RowError& e : batch.errors) {
    if (e.reason.empty() || e.reason_zh.empty() || e.reason_en.empty()) __builtin_trap();
    if (e.row < 0 || (e.row == 0 && e.file.empty() && e.header.empty())) __builtin_trap();
  }
}

// Options that let well-formed rows through, so the fuzzer reaches the writers too.
inline ImportOptions FuzzOptions() {
  ImportOptions o;
  o.default_alignment.standard = "fuzz-standard";
  o.default_alignment.levels = {"junior"};
  o.default_alignment.exam_kind = "theory";
  o.default_alignment.function = "function:1";
  return o;
}

}  // namespace kaoping::interop::fuzz

#endif  // KAOPING_FUZZ_INTEROP_FUZZ_ENTRY_POINTS_H_
