// libFuzzer target for the Bitstring Status List on untrusted data: the `encodedList` decoder
// (multibase 'u' + base64url + gzip, with a bound on the inflated size) on the raw bytes, and,
// when the bytes are JSON, OpenStatusListCredential (proof, type, purpose, issuer checks, then the
// decoder) and ParseStatusEntry (a credential's credentialStatus).
//
// Invariants: never throws; a decoded list has between kMinStatusListBits and kMaxStatusListBits
// bits, a whole number of bytes, and encodes and decodes back to the same bits; errors carry
// their documented reasons and a Chinese message; a list credential that opens is the fixed
// issuer's genuine one (nothing or everything revoked: the only lists it signs).
//
//   CXX=clang++ CC=clang cmake -S . -B build/fuzz -G Ninja -DKAOPING_BUILD_FUZZ=ON -DKAOPING_SANITIZE=ON
//   cmake --build build/fuzz --target credentials_status_list_fuzz
//   build/fuzz/fuzz/credentials/credentials_status_list_fuzz -max_total_time=60
//   fuzz/credentials/corpus/status_list

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "credentials/status_list.h"
#include "fuzz_entry_points.h"

namespace kaoping::credentials::fuzz {
namespace {

using Json = nlohmann::json;

void CheckBits(const StatusBitstring& bits) {
  if (bits.size() < kMinStatusListBits || bits.size() > kMaxStatusListBits || bits.size() % 8 != 0)
    __builtin_trap();
}

}  // namespace

int FuzzStatusList(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  try {
    Result<StatusBitstring> decoded = StatusBitstring::Decode(input);
    if (decoded.ok()) {
      CheckBits(*decoded);
      Result<std::string> encoded = decoded->Encode();
      if (!encoded.ok()) __builtin_trap();
      Result<StatusBitstring> again = StatusBitstring::Decode(*encoded);
      if (!again.ok() || again->size() != decoded->size() || again->CountSet() != decoded->CountSet())
        __builtin_trap();
    } else {
      const std::string& reason = decoded.status().reason();
      if (reason != "credentials.status_list_encoding" && reason != "credentials.status_list_short" &&
          reason != "credentials.gzip_too_large")
        __builtin_trap();
      if (decoded.status().message_zh().empty()) __builtin_trap();
    }

    const Json doc = Json::parse(input, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return 0;
    const FuzzIssuer& fx = TheIssuer();
    Result<StatusBitstring> opened = OpenStatusListCredential(doc, fx.issuer->issuer_id());
    if (opened.ok()) {
      CheckBits(*opened);
      const std::size_t set = opened->CountSet();
      if (set != 0 && set != opened->size()) __builtin_trap();  // the issuer signed only these two
    } else if (opened.status().reason().empty() || opened.status().message_zh().empty()) {
      __builtin_trap();
    }
    Result<StatusEntry> entry = ParseStatusEntry(doc);
    if (entry.ok() && entry->list_url.empty()) __builtin_trap();
    if (!entry.ok() && entry.status().reason() != "credentials.status_missing" &&
        entry.status().reason() != "credentials.status_entry")
      __builtin_trap();
  } catch (...) {
    __builtin_trap();
  }
  return 0;
}

}  // namespace kaoping::credentials::fuzz

#ifndef KAOPING_FUZZ_REPLAY
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return kaoping::credentials::fuzz::FuzzStatusList(data, size);
}
#endif
