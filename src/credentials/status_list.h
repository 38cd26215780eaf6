// -----------------------------------------------------------------------------
// File: credentials/status_list.h
// -----------------------------------------------------------------------------
//
// W3C Bitstring Status List v1.0 (revocation).
//
// Each credential names one bit with a `credentialStatus` entry:
//   {"id": "<list url>#<index>", "type": "BitstringStatusListEntry",
//    "statusPurpose": "revocation", "statusListIndex": "<index>", "statusListCredential": "<list url>"}
// and the list is published as a signed `BitstringStatusListCredential` whose subject carries
//   encodedList = "u" + base64url(GZIP(bitstring))     (multibase base64url, no padding)
// Bit 0 is the most significant bit of byte 0. A list has at least 131,072 bits (16 KiB) so
// that one set bit does not single out a holder; indexes are handed out at random for the same
// reason (spec §6 "Privacy Considerations").
//
// Revocation sets the bit and the list credential is signed again; the reason lives in the
// certificate record (a status list holds only bits).
//
// Thread safety: StatusBitstring and StatusList are values, not internally locked (the issuer
// serialises writes); the free functions are pure.

#ifndef KAOPING_CREDENTIALS_STATUS_LIST_H_
#define KAOPING_CREDENTIALS_STATUS_LIST_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/result.h"
#include "credentials/data_integrity.h"
#include "credentials/keys.h"

namespace kaoping::credentials {

inline constexpr std::size_t kMinStatusListBits = 131072;
// Decoding refuses lists that inflate beyond this (64 Mbit = 8 MiB).
inline constexpr std::size_t kMaxStatusListBits = std::size_t{1} << 26;

class StatusBitstring {
 public:
  // All bits clear. `bits` is raised to kMinStatusListBits and rounded up to a multiple of 8.
  explicit StatusBitstring(std::size_t bits = kMinStatusListBits);

  // Decodes an `encodedList`, with or without the multibase 'u' prefix (some issuers omit it).
  // INVALID_ARGUMENT "credentials.status_list_encoding" (bad base64url or gzip),
  // "credentials.status_list_short" (fewer than 131,072 bits); RESOURCE_EXHAUSTED
  // "credentials.gzip_too_large" beyond kMaxStatusListBits.
  static Result<StatusBitstring> Decode(std::string_view encoded_list);
  // "u" + base64url(GZIP(bytes)).
  [[nodiscard]] Result<std::string> Encode() const;

  [[nodiscard]] std::size_t size() const { return bytes_.size() * 8; }
  // REQUIRES: index < size().
  [[nodiscard]] bool Get(std::size_t index) const;
  void Set(std::size_t index, bool value);
  [[nodiscard]] std::size_t CountSet() const;

 private:
  std::string bytes_;
};

// A parsed `credentialStatus` entry.
struct StatusEntry {
  std::string list_url;
  std::size_t index = 0;
  std::string purpose;
};

// The BitstringStatusListEntry of a credential's `credentialStatus` (an object, or an array
// holding one with purpose "revocation"). `statusListIndex` may be a decimal string (as the spec
// says) or a JSON number (as some issuers write it). NOT_FOUND "credentials.status_missing"
// when there is none; INVALID_ARGUMENT "credentials.status_entry" when it is malformed.
Result<StatusEntry> ParseStatusEntry(const nlohmann::json& credential);

// The credentialStatus entry for `index` in the list at `list_url`.
nlohmann::json MakeStatusEntry(std::string_view list_url, std::size_t index);

// Verifies a BitstringStatusListCredential and returns its bits: the eddsa-jcs-2022 proof, the
// type, the subject type, `statusPurpose` == `purpose`, and that its issuer is `expected_issuer`
// (the issuer of the credential being checked). Errors: the proof's ("credentials.proof_*"),
// INVALID_ARGUMENT "credentials.status_list_invalid", PERMISSION_DENIED
// "credentials.status_list_issuer", and Decode's.
Result<StatusBitstring> OpenStatusListCredential(const nlohmann::json& list_credential,
                                                 std::string_view expected_issuer,
                                                 std::string_view purpose = "revocation");

// One published revocation list: its URL, the revocation bits and which indexes are taken.
class StatusList {
 public:
  explicit StatusList(std::string url, std::size_t bits = kMinStatusListBits);
  // From persisted state (both encodings as produced by StatusBitstring::Encode). INVALID_ARGUMENT
  // "credentials.status_list_state" when the two lists differ in size or a revoked bit was never
  // allocated.
  static Result<StatusList> Restore(std::string url, std::string_view encoded_revoked,
                                    std::string_view encoded_allocated);

  [[nodiscard]] const std::string& url() const { return url_; }
  [[nodiscard]] const StatusBitstring& revoked() const { return revoked_; }
  [[nodiscard]] const StatusBitstring& allocated() const { return allocated_; }
  [[nodiscard]] std::size_t allocated_count() const { return allocated_count_; }

  // A random index never handed out before (libsodium CSPRNG). RESOURCE_EXHAUSTED
  // "credentials.status_list_full" when every index is taken.
  Result<std::size_t> AllocateIndex();
  // Sets the revocation bit. NOT_FOUND "credentials.status_index_unknown" for an index never
  // allocated; ALREADY_EXISTS "credentials.already_revoked" when already set.
  Status Revoke(std::size_t index);
  [[nodiscard]] bool IsRevoked(std::size_t index) const {
    return index < revoked_.size() && revoked_.Get(index);
  }

  // The signed BitstringStatusListCredential (validFrom = `now`, issuer = the key's DID).
  [[nodiscard]] Result<nlohmann::json> SignedCredential(const Ed25519Key& key, TimePoint now,
                                                        Cryptosuite suite = kDefaultCryptosuite) const;

 private:
  std::string url_;
  StatusBitstring revoked_;
  StatusBitstring allocated_;
  std::size_t allocated_count_ = 0;
};

}  // namespace kaoping::credentials

#endif  // KAOPING_CREDENTIALS_STATUS_LIST_H_
