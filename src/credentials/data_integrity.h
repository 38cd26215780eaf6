// -----------------------------------------------------------------------------
// File: credentials/data_integrity.h
// -----------------------------------------------------------------------------
//
// W3C Data Integrity proofs with the `eddsa-rdfc-2022` (W3C vc-di-eddsa §3.1–3.2) and
// `eddsa-jcs-2022` (§3.3) cryptosuites. eddsa-rdfc-2022:
//
//   proofConfig    = proof options (below) with @context = the document's @context
//   hashData       = SHA-256(RDFC-1.0(proofConfig)) ‖ SHA-256(RDFC-1.0(document without proof))
//   proofValue     = "z" + base58btc(Ed25519.sign(hashData))
//
// where RDFC-1.0(x) is the canonical N-Quads of the JSON-LD document x (jsonld.h, rdfc.h; only
// the embedded contexts are used). The emitted rdfc proof has no `@context` of its own (it is the
// document's); on verification a proof `@context` is ignored and the document's is used
// (vc-di-eddsa §3.2.5). eddsa-jcs-2022:
//
//   proof options  = {type: "DataIntegrityProof", cryptosuite: "eddsa-jcs-2022", created,
//                     verificationMethod: "did:key:z6Mk…#z6Mk…", proofPurpose: "assertionMethod",
//                     @context: <the document's @context>}
//   hashData       = SHA-256(JCS(proof options)) ‖ SHA-256(JCS(document without proof))
//   proofValue     = "z" + base58btc(Ed25519.sign(hashData))
//
// The emitted proof carries `@context` (as the spec's "add proof" step and
// @digitalbazaar/eddsa-jcs-2022-cryptosuite do). On verification, when the proof has an
// `@context`, the document's `@context` must start with it, and it replaces the document's for
// hashing (spec "verify proof" step 4).
//
// Verification methods: did:key (Ed25519) only; resolution is local (the key is in the DID).
//
// Thread safety: pure functions.

#ifndef KAOPING_CREDENTIALS_DATA_INTEGRITY_H_
#define KAOPING_CREDENTIALS_DATA_INTEGRITY_H_

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/result.h"
#include "credentials/keys.h"

namespace kaoping::credentials {

inline constexpr std::string_view kCryptosuiteJcs = "eddsa-jcs-2022";
inline constexpr std::string_view kCryptosuiteRdfc = "eddsa-rdfc-2022";

enum class Cryptosuite { kEddsaJcs2022, kEddsaRdfc2022 };

// The suite kaoping issues with unless configured otherwise ([certificates] cryptosuite).
inline constexpr Cryptosuite kDefaultCryptosuite = Cryptosuite::kEddsaRdfc2022;

// "eddsa-jcs-2022" / "eddsa-rdfc-2022".
std::string_view CryptosuiteName(Cryptosuite suite);
// The inverse; INVALID_ARGUMENT "credentials.cryptosuite" for any other name.
Result<Cryptosuite> ParseCryptosuite(std::string_view name);

// Returns `document` with an embedded `proof` of `suite`. INVALID_ARGUMENT
// "credentials.proof_exists" when it already has one or is not an object; JCS errors ("jcs.*")
// and JSON-LD / RDFC errors ("credentials.jsonld_*", "credentials.unknown_context",
// "credentials.rdfc_limit") pass through.
Result<nlohmann::json> AddProof(nlohmann::json document, const Ed25519Key& key, TimePoint created,
                                Cryptosuite suite, std::string_view proof_purpose = "assertionMethod");

// AddProof with eddsa-jcs-2022.
Result<nlohmann::json> AddJcsProof(nlohmann::json document, const Ed25519Key& key, TimePoint created,
                                   std::string_view proof_purpose = "assertionMethod");

// The outcome of a successful verification.
struct VerifiedProof {
  std::string controller;           // "did:key:z6Mk…", the DID whose key signed
  std::string verification_method;  // "did:key:z6Mk…#z6Mk…"
  std::string created;              // the proof's `created`, as written
  Cryptosuite cryptosuite = Cryptosuite::kEddsaJcs2022;
};

// Verifies the document's single proof, eddsa-jcs-2022 or eddsa-rdfc-2022 (dispatching on its
// `cryptosuite`). Errors, all with Chinese messages:
//   INVALID_ARGUMENT "credentials.proof_missing"      no `proof` object (or more than one)
//   INVALID_ARGUMENT "credentials.proof_unsupported"  other type / cryptosuite / key method
//   INVALID_ARGUMENT "credentials.proof_purpose"      proofPurpose differs from `expected_purpose`
//   INVALID_ARGUMENT "credentials.proof_context"      (jcs) document @context does not start with the proof's
//   INVALID_ARGUMENT "credentials.proof_invalid"      the signature does not verify (tampered), or
//                                                     (rdfc) the document is not JSON-LD kaoping can
//                                                     canonicalise
Result<VerifiedProof> VerifyProof(const nlohmann::json& secured,
                                  std::string_view expected_purpose = "assertionMethod");

}  // namespace kaoping::credentials

#endif  // KAOPING_CREDENTIALS_DATA_INTEGRITY_H_
