// -----------------------------------------------------------------------------
// File: credentials/keys.h
// -----------------------------------------------------------------------------
//
// The issuer's Ed25519 key, its did:key identifier and the key file it lives in.
//
//   did:key:z6Mk…  =  "did:key:" + "z" + base58btc(0xed 0x01 ‖ 32-byte public key)
//   verification method  =  did + "#" + the same multibase string
//
// The key file is a JSON Multikey document (the shape @digitalbazaar/ed25519-multikey exports):
//
//   {"type": "Multikey", "id": "did:key:z6Mk…#z6Mk…", "controller": "did:key:z6Mk…",
//    "publicKeyMultibase": "z6Mk…", "secretKeyMultibase": "z3u2…"}
//
// where secretKeyMultibase = "z" + base58btc(0x80 0x26 ‖ 32-byte seed). LoadOrCreateIssuerKey
// creates it on first use with mode 0600 (written to a temporary file in the same directory,
// fsync'ed, then link()ed into place, so two processes racing on first use end up with the same
// key and nobody ever reads a half-written file). A key file that group or others may read is
// refused. The path comes from configuration and must lie outside the repository.
//
// Thread safety: an Ed25519Key is immutable; Sign may be called from many threads.

#ifndef KAOPING_CREDENTIALS_KEYS_H_
#define KAOPING_CREDENTIALS_KEYS_H_

#include <array>
#include <filesystem>
#include <string>
#include <string_view>

#include "base/result.h"

namespace kaoping::credentials {

class Ed25519Key {
 public:
  // A new random key (libsodium).
  static Ed25519Key Generate();
  // The key whose 32-byte seed is `seed`; INVALID_ARGUMENT "credentials.key_seed" otherwise.
  static Result<Ed25519Key> FromSeed(std::string_view seed);

  Ed25519Key(const Ed25519Key&) = default;
  Ed25519Key& operator=(const Ed25519Key&) = default;
  ~Ed25519Key();

  // 32 raw bytes.
  [[nodiscard]] std::string public_key() const;
  // "z6Mk…" (multibase base58btc multicodec ed25519-pub).
  [[nodiscard]] std::string PublicKeyMultibase() const;
  // "did:key:z6Mk…".
  [[nodiscard]] std::string Did() const;
  // "did:key:z6Mk…#z6Mk…".
  [[nodiscard]] std::string VerificationMethod() const;
  // 64-byte detached Ed25519 signature over `message`.
  [[nodiscard]] std::string Sign(std::string_view message) const;

  // The key-file document described above (contains the secret: handle with care).
  [[nodiscard]] std::string ToKeyFileJson() const;
  // Parses a key-file document; checks that the public key matches the seed.
  // INVALID_ARGUMENT "credentials.key_file_invalid".
  static Result<Ed25519Key> FromKeyFileJson(std::string_view text);

 private:
  Ed25519Key() = default;
  std::array<unsigned char, 64> secret_{};  // libsodium layout: seed ‖ public key
};

// True when `signature` (64 bytes) is a valid Ed25519 signature of `message` under `public_key`
// (32 bytes). False for any malformed input.
bool VerifyEd25519(std::string_view public_key, std::string_view message, std::string_view signature);

// "z6Mk…" → the 32-byte public key. INVALID_ARGUMENT "credentials.multikey" when the text is not
// a base58btc multibase ed25519-pub multikey.
Result<std::string> DecodeEd25519Multikey(std::string_view multibase);

// Resolves a did:key DID or DID URL ("did:key:z6Mk…" or "did:key:z6Mk…#z6Mk…") to its public
// key. The fragment, when present, must repeat the method-specific id (the only verification
// method a did:key document has). INVALID_ARGUMENT "credentials.did_key".
Result<std::string> ResolveDidKey(std::string_view did_url);

// Loads the key file at `path`, creating it (mode 0600, parent directory created 0700) when it
// does not exist. Errors: PERMISSION_DENIED "credentials.key_file_insecure" when the file is
// readable or writable by group or others; UNAVAILABLE "credentials.key_file_io" on I/O errors;
// INVALID_ARGUMENT "credentials.key_file_invalid" on a malformed file.
Result<Ed25519Key> LoadOrCreateIssuerKey(const std::filesystem::path& path);

}  // namespace kaoping::credentials

#endif  // KAOPING_CREDENTIALS_KEYS_H_
