// libFuzzer target for the TOML configuration reader (app::ApplyToml, `kaoping serve --config`):
// toml++ parsing, then the strict section/key/type/range checks of every [section].
//
// Invariants: never throws; a rejected file gives "config.invalid" or "config.bad_listen" with
// the file name in the message and a Chinese message; an accepted one leaves every number in its
// documented range and a known cryptosuite; applying the same file again gives the same result.
//
// The entry point is also compiled, with KAOPING_FUZZ_REPLAY set, into app_fuzz_replay_test
// (src/app/CMakeLists.txt), which replays corpus/config under g++ in CI.
//
//   CXX=clang++ CC=clang cmake -S . -B build/fuzz -G Ninja -DKAOPING_BUILD_FUZZ=ON -DKAOPING_SANITIZE=ON
//   cmake --build build/fuzz --target app_config_fuzz
//   build/fuzz/fuzz/app/app_config_fuzz -max_total_time=60 fuzz/app/corpus/config

#include <cstddef>
#include <cstdint>
#include <string>

#include "app/config.h"

namespace kaoping::app::fuzz {

int FuzzConfig(const std::uint8_t* data, std::size_t size);

int FuzzConfig(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::string origin = "fuzz.toml";
  try {
    Config c;
    Status s = ApplyToml(input, origin, c);
    if (!s.ok()) {
      if (s.reason() != "config.invalid" && s.reason() != "config.bad_listen") __builtin_trap();
      if (s.message().find(origin) == std::string::npos || s.message_zh().empty()) __builtin_trap();
      return 0;
    }
    if (c.threads < 1 || c.threads > 256) __builtin_trap();
    if (c.max_body_bytes < 1024 || c.max_body_bytes > (std::int64_t{1} << 32)) __builtin_trap();
    if (c.listen_port < 0 || c.listen_port > 65535) __builtin_trap();
    if (c.certificates.validity_years < 1 || c.certificates.validity_years > 100) __builtin_trap();
    if (c.certificates.issuer_name.empty()) __builtin_trap();
    if (c.certificates.cryptosuite != "eddsa-rdfc-2022" && c.certificates.cryptosuite != "eddsa-jcs-2022")
      __builtin_trap();
    Config again;
    if (!ApplyToml(input, origin, again).ok()) __builtin_trap();
    if (again.listen_host != c.listen_host || again.listen_port != c.listen_port ||
        again.public_url != c.public_url ||
        again.certificates.standard_codes != c.certificates.standard_codes)
      __builtin_trap();
    (void)c.PublicUrl();
    (void)c.CertificatePublicUrl();
    (void)c.CertificateKeyFile();
  } catch (...) {
    __builtin_trap();
  }
  return 0;
}

}  // namespace kaoping::app::fuzz

#ifndef KAOPING_FUZZ_REPLAY
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return kaoping::app::fuzz::FuzzConfig(data, size);
}
#endif
