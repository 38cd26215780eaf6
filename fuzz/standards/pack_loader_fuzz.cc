// libFuzzer target for the standard-pack loader (standards::ParsePack), which reads the YAML packs
// admins upload through the web UI: YAML syntax → strict key/type reading → eligibility rules →
// semantic validation → line lookup of every diagnostic. It must never throw; it returns a pack
// or explained diagnostics (CheckOutcome), and LoadPack folds the same outcome into a status.
//
//   CXX=clang++ CC=clang cmake -S . -B build/fuzz -G Ninja -DKAOPING_BUILD_FUZZ=ON -DKAOPING_SANITIZE=ON
//   cmake --build build/fuzz --target standards_pack_loader_fuzz
//   build/fuzz/fuzz/standards/standards_pack_loader_fuzz -max_total_time=60 fuzz/standards/corpus/pack

#include <string_view>

#include "core/standards/loader.h"
#include "fuzz_entry_points.h"

namespace kaoping::standards::fuzz {

int FuzzPackLoader(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  constexpr std::string_view kOrigin = "fuzz-pack.yaml";
  try {
    ParseOutcome o = ParsePack(input, kOrigin);
    CheckOutcome(o, kOrigin);
    Result<Pack> loaded = LoadPack(input, kOrigin);
    if (loaded.ok() != o.pack.has_value()) __builtin_trap();
    if (!loaded.ok() &&
        (loaded.status().reason() != "standard.invalid_pack" || loaded.status().message_zh().empty()))
      __builtin_trap();
  } catch (...) {
    __builtin_trap();  // "Never throws."
  }
  return 0;
}

}  // namespace kaoping::standards::fuzz

#ifndef KAOPING_FUZZ_REPLAY
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return kaoping::standards::fuzz::FuzzPackLoader(data, size);
}
#endif
