// -----------------------------------------------------------------------------
// File: base/sha256.h
// -----------------------------------------------------------------------------
//
// SHA-256 (FIPS 180-4), computed by OpenSSL (libcrypto). One implementation for the whole program: the
// audit hash chain (core/delivery/audit_chain.h), `kaoping audit verify`, and the credential
// module's salted identity hashes and eddsa-jcs-2022 proofs (credentials/encoding.h) all call it.
//
// Thread safety: pure functions.

#ifndef KAOPING_BASE_SHA256_H_
#define KAOPING_BASE_SHA256_H_

#include <string>
#include <string_view>

namespace kaoping {

// The 32-byte digest of `data`.
std::string Sha256(std::string_view data);

// Lower-case hex SHA-256 of `data` (64 characters).
std::string Sha256Hex(std::string_view data);

}  // namespace kaoping

#endif  // KAOPING_BASE_SHA256_H_
