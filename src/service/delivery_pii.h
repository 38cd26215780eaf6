// -----------------------------------------------------------------------------
// File: service/delivery_pii.h
// -----------------------------------------------------------------------------
//
// Personal data at rest. Identity-card numbers (and the demo accounts' passwords, see
// docs/delivery.md) are sealed with libsodium's secretbox (XSalsa20-Poly1305) under a 256-bit
// key kept in `<data>/keys/pii.key` — outside the database and never in the repository. The
// key file is created on first start with mode 0600 inside a 0700 directory; a key file that
// group or others can read is refused. A keyed BLAKE2b hash (a subkey derived from the same
// key) lets the store enforce "one ID number, one account" without storing the number in clear.
//
// Losing the key file makes the sealed numbers unreadable: back it up together with the
// database (docs/delivery.md).
//
// Thread safety: a PiiVault is immutable after construction; all methods are thread-safe.

#ifndef KAOPING_SERVICE_DELIVERY_PII_H_
#define KAOPING_SERVICE_DELIVERY_PII_H_

#include <array>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"

namespace kaoping::service {

class PiiVault {
 public:
  // Loads `<data_dir>/keys/pii.key`, creating the directory and a fresh random key when absent.
  // Errors: UNAVAILABLE "pii.key_io" (cannot read/write), FAILED_PRECONDITION
  // "pii.key_permissions" (readable by group/others), DATA_LOSS "pii.key_corrupt" (not 64 hex).
  static Result<std::shared_ptr<const PiiVault>> OpenOrCreate(const std::string& data_dir);
  // Like OpenOrCreate but never creates: NOT_FOUND "pii.no_key" when the file is missing.
  static Result<std::shared_ptr<const PiiVault>> Open(const std::string& data_dir);

  // base64url(nonce ‖ MAC ‖ ciphertext). A fresh random nonce each call.
  std::string Seal(std::string_view plaintext) const;
  // DATA_LOSS "pii.corrupt" when the value was not sealed with this key or was altered.
  Result<std::string> Unseal(std::string_view sealed) const;
  // Hex keyed BLAKE2b-256 of `value` (for uniqueness lookups).
  std::string KeyedHash(std::string_view value) const;

  // Where the key lives (for messages).
  const std::string& key_path() const { return key_path_; }

 private:
  PiiVault() = default;
  static Result<std::shared_ptr<const PiiVault>> Load(const std::string& data_dir, bool create);
  std::array<unsigned char, 32> key_{};
  std::array<unsigned char, 32> hash_key_{};
  std::string key_path_;
};

}  // namespace kaoping::service

#endif  // KAOPING_SERVICE_DELIVERY_PII_H_
