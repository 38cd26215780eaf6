// -----------------------------------------------------------------------------
// File: service/crypto.h
// -----------------------------------------------------------------------------
//
// Secrets come from libsodium, never from base/random.h (which is for reproducible, recorded
// randomness). Passwords are hashed with Argon2id (libsodium's crypto_pwhash_str: salt and
// parameters are encoded in the returned string). Tokens are 256-bit random values shown to the
// client once; only their SHA-256-like keyed hash (BLAKE2b) is stored.
//
// Thread safety: all functions are thread-safe after InitCrypto() has returned OK once.

#ifndef KAOPING_SERVICE_CRYPTO_H_
#define KAOPING_SERVICE_CRYPTO_H_

#include <string>
#include <string_view>

#include "base/result.h"

namespace kaoping::service {

// Initialises libsodium. Idempotent; UNAVAILABLE when the library cannot start.
Status InitCrypto();

// Argon2id with libsodium's "interactive" limits unless `strong` (then "moderate").
Result<std::string> HashPassword(std::string_view password, bool strong = false);
// True when `password` matches `encoded_hash`; false for any mismatch or malformed hash.
bool VerifyPassword(std::string_view password, const std::string& encoded_hash);

// `bytes` random bytes, URL-safe base64 without padding.
std::string RandomToken(size_t bytes = 32);
// A password a person can type: 16 characters from an unambiguous alphabet.
std::string RandomPassword();
// Hex BLAKE2b-256 of a token, for storing and looking tokens up.
std::string TokenDigest(std::string_view token);

}  // namespace kaoping::service

#endif  // KAOPING_SERVICE_CRYPTO_H_
