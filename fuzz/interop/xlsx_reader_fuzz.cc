// libFuzzer target for the XLSX reader: bytes → libzip (from memory, capped entry sizes) →
// package and workbook relationships → shared strings / inline strings → sheet cells and
// references → the same row conversion as CSV. Accepted workbooks must round-trip through CSV.
//
//   cmake --build build/fuzz --target interop_xlsx_reader_fuzz
//   build/fuzz/fuzz/interop/interop_xlsx_reader_fuzz -max_total_time=60 fuzz/interop/corpus/xlsx

#include <string>
#include <string_view>

#include "fuzz_entry_points.h"
#include "interop/tabular.h"

namespace kaoping::interop::fuzz {

int FuzzXlsxReader(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  Result<ImportBatch> batch = ReadXlsx(input, FuzzOptions());
  if (!batch.ok()) {
    if (batch.status().reason().empty() || batch.status().message_zh().empty()) __builtin_trap();
    return 0;
  }
  CheckBatch(*batch);
  if (batch->items.empty()) return 0;
  Result<std::string> csv = WriteCsv(batch->items);
  if (!csv.ok()) __builtin_trap();
  Result<ImportBatch> again = ReadCsv(*csv, FuzzOptions());
  if (!again.ok() || !again->ok() || again->items.size() != batch->items.size()) __builtin_trap();
  return 0;
}

}  // namespace kaoping::interop::fuzz

#ifndef KAOPING_FUZZ_REPLAY
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return kaoping::interop::fuzz::FuzzXlsxReader(data, size);
}
#endif
