// Entry points of the credential-verification fuzz targets. Each *_fuzz.cc defines one and,
// unless KAOPING_FUZZ_REPLAY is defined, the libFuzzer hook LLVMFuzzerTestOneInput that calls it;
// the replay test (src/credentials/fuzz_replay_test.cc) links both with KAOPING_FUZZ_REPLAY set.
// Every entry point returns 0 and traps (__builtin_trap) when an invariant breaks.

#ifndef KAOPING_FUZZ_CREDENTIALS_FUZZ_ENTRY_POINTS_H_
#define KAOPING_FUZZ_CREDENTIALS_FUZZ_ENTRY_POINTS_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "core/standards/model.h"
#include "credentials/issuer.h"

namespace kaoping::credentials::fuzz {

int FuzzVerifyCredential(const std::uint8_t* data, std::size_t size);
int FuzzStatusList(const std::uint8_t* data, std::size_t size);

// A fixed issuer (key seed 0x01…0x20, clock at 2026-03-01T08:00:00Z, a small built-in pack) that
// has issued one certificate (number KP-FS-J-2026-000001-6; its status index and id are random,
// so every run issues a different genuine credential with the same content).
struct FuzzIssuer {
  FuzzIssuer();
  ManualClock clock;
  InMemorySerialAllocator serials;
  StatusList status_list;
  standards::Pack pack;
  std::unique_ptr<CertificateIssuer> issuer;
  IssuedCertificate issued;     // a genuine, valid credential
  nlohmann::json list;          // its signed status list credential (nothing revoked)
  nlohmann::json revoked_list;  // a signed list of the same URL with every bit set
};
const FuzzIssuer& TheIssuer();  // built once

}  // namespace kaoping::credentials::fuzz

#endif  // KAOPING_FUZZ_CREDENTIALS_FUZZ_ENTRY_POINTS_H_
