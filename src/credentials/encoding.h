// -----------------------------------------------------------------------------
// File: credentials/encoding.h
// -----------------------------------------------------------------------------
//
// Byte encodings the credential formats need: base58btc (Bitcoin alphabet, used by multibase
// 'z' for did:key and proof values), unpadded base64url (multibase 'u', Bitstring Status List),
// lower-case hex, SHA-256, GZIP (RFC 1952) and random v4 UUIDs from libsodium.
//
//   std::string mb = "z" + Base58btcEncode(bytes);
//   KP_ASSIGN_OR_RETURN(std::string raw, Base58btcDecode(mb.substr(1)));
//
// Binary data travels in std::string (bytes, not text). Every function is pure except
// RandomUuid and RandomBytes (libsodium's CSPRNG). Thread-safe after service::InitCrypto().

#ifndef KAOPING_CREDENTIALS_ENCODING_H_
#define KAOPING_CREDENTIALS_ENCODING_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.h"
#include "base/sha256.h"

namespace kaoping::credentials {

// Base58 with the Bitcoin alphabet; leading zero bytes become leading '1's.
std::string Base58btcEncode(std::string_view bytes);
// INVALID_ARGUMENT "credentials.base58" on a character outside the alphabet.
Result<std::string> Base58btcDecode(std::string_view text);
// Multibase base58btc: "z" + Base58btcEncode(bytes).
std::string MultibaseBase58btc(std::string_view bytes);

// RFC 4648 §5 base64url without padding.
std::string Base64UrlEncode(std::string_view bytes);
// Multibase base64url: "u" + Base64UrlEncode(bytes).
std::string MultibaseBase64Url(std::string_view bytes);
// Accepts unpadded or padded input; INVALID_ARGUMENT "credentials.base64url" otherwise.
Result<std::string> Base64UrlDecode(std::string_view text);

std::string HexEncode(std::string_view bytes);

// SHA-256 is base/sha256.h's Sha256 (found from this namespace unqualified).

// GZIP member (RFC 1952) at the best compression level.
Result<std::string> Gzip(std::string_view data);
// Inflates a GZIP stream. Output larger than `max_output` bytes is refused with
// RESOURCE_EXHAUSTED "credentials.gzip_too_large" (a status list is small; a zip bomb is not);
// a corrupt stream is INVALID_ARGUMENT "credentials.gzip".
Result<std::string> Gunzip(std::string_view data, std::size_t max_output);

// `n` bytes from libsodium's CSPRNG.
std::string RandomBytes(std::size_t n);
// "urn:uuid:" + a random RFC 4122 version-4 UUID (lower case).
std::string RandomUrnUuid();

}  // namespace kaoping::credentials

#endif  // KAOPING_CREDENTIALS_ENCODING_H_
