// libFuzzer target for the CSV template reader: bytes → encoding checks → RFC 4180 records →
// header mapping → row conversion with every cell syntax (answers, blanks, rubric, difficulty …).
// Whatever it accepts must write back to CSV and read again to the very same CSV (the writer's
// escaping and the reader's parsing agree).
//
//   CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DKAOPING_BUILD_FUZZ=ON -DKAOPING_SANITIZE=ON
//   cmake --build build/fuzz --target interop_csv_reader_fuzz
//   build/fuzz/fuzz/interop/interop_csv_reader_fuzz -max_total_time=60 fuzz/interop/corpus/csv

#include <string>
#include <string_view>

#include "fuzz_entry_points.h"
#include "interop/tabular.h"

namespace kaoping::interop::fuzz {

int FuzzCsvReader(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  Result<ImportBatch> batch = ReadCsv(input, FuzzOptions());
  if (!batch.ok()) {
    if (batch.status().reason().empty() || batch.status().message_zh().empty()) __builtin_trap();
    return 0;
  }
  CheckBatch(*batch);
  if (batch->items.empty()) return 0;
  Result<std::string> written = WriteCsv(batch->items);
  if (!written.ok()) __builtin_trap();  // Anything read must be writable.
  Result<ImportBatch> again = ReadCsv(*written, FuzzOptions());
  if (!again.ok() || !again->ok() || again->items.size() != batch->items.size()) __builtin_trap();
  Result<std::string> rewritten = WriteCsv(again->items);
  if (!rewritten.ok() || *rewritten != *written) __builtin_trap();
  return 0;
}

}  // namespace kaoping::interop::fuzz

#ifndef KAOPING_FUZZ_REPLAY
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return kaoping::interop::fuzz::FuzzCsvReader(data, size);
}
#endif
