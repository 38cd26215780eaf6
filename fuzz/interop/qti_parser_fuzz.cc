// libFuzzer target for the QTI reader: zip bytes ("PK…") are read as a content package
// (manifest, resources, hrefs, kaoping metadata, item files); anything else as one
// assessmentItem document (2.x or 3.0 names, interactions, mappings, rubric blocks, XHTML
// flattening). Whatever it accepts must export to a QTI 3.0 package that reads back and exports
// to the same bytes (the writer and the exact reader agree).
//
//   cmake --build build/fuzz --target interop_qti_parser_fuzz
//   build/fuzz/fuzz/interop/interop_qti_parser_fuzz -max_total_time=60 fuzz/interop/corpus/qti

#include <string>
#include <string_view>

#include "fuzz_entry_points.h"
#include "interop/qti.h"

namespace kaoping::interop::fuzz {

int FuzzQtiParser(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  Result<ImportBatch> batch = input.substr(0, 2) == "PK" ? ReadQtiPackage(input, FuzzOptions(), "fuzz.zip")
                                                         : ReadQtiItem(input, FuzzOptions(), "fuzz.xml");
  if (!batch.ok()) {
    if (batch.status().reason().empty() || batch.status().message_zh().empty()) __builtin_trap();
    return 0;
  }
  CheckBatch(*batch);
  if (batch->items.empty()) return 0;
  Result<std::string> package = ExportQti(batch->items, QtiVersion::kV3p0);
  if (!package.ok()) __builtin_trap();  // Anything read must be writable.
  Result<ImportBatch> again = ReadQtiPackage(*package);
  if (!again.ok() || !again->ok() || again->items.size() != batch->items.size()) __builtin_trap();
  Result<std::string> repackaged = ExportQti(again->items, QtiVersion::kV3p0);
  if (!repackaged.ok() || *repackaged != *package) __builtin_trap();
  return 0;
}

}  // namespace kaoping::interop::fuzz

#ifndef KAOPING_FUZZ_REPLAY
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return kaoping::interop::fuzz::FuzzQtiParser(data, size);
}
#endif
