// libFuzzer target for verifying an uploaded credential file (the public verify API and
// `kaoping cert verify`): bytes → nlohmann::json (the non-throwing parse) → VerifyCredential with
// a fixed trusted issuer whose status list fetcher returns the list with nothing revoked, the list
// with the certificate revoked, or an error (chosen by the input's length). That runs the shape
// checks, JSON-LD expansion and RDF canonicalisation (eddsa-rdfc-2022) or JCS, the Ed25519 proof,
// the status entry and list, and the dates, on untrusted input.
//
// Invariants: never throws; the state is one of the five; every state but valid carries a reason
// and messages in both languages; whatever verifies as valid is the one genuine credential (same
// number, holder, dates, level: the fuzzer has no key, so a "valid" with other content is a
// forgery), only with the clean list, and one changed signed value or proof character makes it
// no longer valid.
//
//   CXX=clang++ CC=clang cmake -S . -B build/fuzz -G Ninja -DKAOPING_BUILD_FUZZ=ON -DKAOPING_SANITIZE=ON
//   cmake --build build/fuzz --target credentials_verify_fuzz
//   build/fuzz/fuzz/credentials/credentials_verify_fuzz -max_total_time=60 fuzz/credentials/corpus/verify

#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "credentials/verify.h"
#include "fuzz_entry_points.h"

namespace kaoping::credentials::fuzz {
namespace {

using Json = nlohmann::json;

PublicVerification Verify(const Json& credential, std::size_t mode) {
  const FuzzIssuer& fx = TheIssuer();
  StatusListFetcher fetch = [&fx, mode](const std::string& url) -> Result<Json> {
    if (url != fx.status_list.url() || mode == 2) {
      return NotFound("fuzz.no_list", "no such status list", "没有该状态列表");
    }
    return mode == 1 ? fx.revoked_list : fx.list;
  };
  const std::set<std::string, std::less<>> trusted = {fx.issuer->issuer_id()};
  PublicVerification v = VerifyCredential(credential, fetch, fx.clock.Now(), trusted);
  switch (v.state) {
    case CertificateState::kValid:
    case CertificateState::kExpired:
    case CertificateState::kRevoked:
    case CertificateState::kInvalid:
    case CertificateState::kUnknown:
      break;
    default:
      __builtin_trap();
  }
  if (v.state != CertificateState::kValid && (v.reason.empty() || v.message.empty() || v.message_zh.empty()))
    __builtin_trap();
  (void)v.ToJson();
  return v;
}

bool SameContent(const PublicVerification& a, const PublicVerification& b) {
  return a.number == b.number && a.holder_masked == b.holder_masked && a.standard == b.standard &&
         a.level == b.level && a.direction == b.direction && a.valid_from == b.valid_from &&
         a.valid_until == b.valid_until && a.issuer == b.issuer && a.issuer_id == b.issuer_id &&
         a.renews == b.renews;
}

}  // namespace

int FuzzVerifyCredential(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  try {
    const Json credential = Json::parse(input, nullptr, /*allow_exceptions=*/false);
    if (credential.is_discarded()) return 0;
    const std::size_t mode = size % 3;
    const PublicVerification v = Verify(credential, mode);
    if (v.state != CertificateState::kValid) return 0;
    if (mode != 0) __builtin_trap();  // revoked, or no list: never valid
    static const PublicVerification kGenuine = Verify(TheIssuer().issued.credential, 0);
    if (kGenuine.state != CertificateState::kValid || !SameContent(v, kGenuine)) __builtin_trap();
    // Tampered copies of what verified.
    if (credential.is_object() && credential.contains("proof") && credential["proof"].is_object() &&
        credential["proof"].contains("proofValue") && credential["proof"]["proofValue"].is_string()) {
      Json t = credential;
      std::string pv = t["proof"]["proofValue"].get<std::string>();
      if (pv.size() > 10) {
        pv[pv.size() / 2] = pv[pv.size() / 2] == 'A' ? 'B' : 'A';
        t["proof"]["proofValue"] = pv;
        if (Verify(t, 0).state == CertificateState::kValid) __builtin_trap();
      }
    }
    for (const char* key : {"validUntil", "validFrom", "issuer", "credentialSubject"}) {
      if (!credential.is_object() || !credential.contains(key)) continue;
      Json t = credential;
      t[key] = key[0] == 'v' ? Json("2039-03-01T08:00:00Z") : Json("did:example:other");
      if (Verify(t, 0).state == CertificateState::kValid) __builtin_trap();
    }
  } catch (...) {
    __builtin_trap();  // Verification reports, it does not throw.
  }
  return 0;
}

}  // namespace kaoping::credentials::fuzz

#ifndef KAOPING_FUZZ_REPLAY
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return kaoping::credentials::fuzz::FuzzVerifyCredential(data, size);
}
#endif
