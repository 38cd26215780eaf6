// -----------------------------------------------------------------------------
// File: credentials/data_integrity.h
// -----------------------------------------------------------------------------
//
// W3C Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite (W3C vc-di-eddsa §3.3):
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

// Returns `document` with an embedded `proof`. INVALID_ARGUMENT "credentials.proof_exists" when
// it already has one or is not an object; JCS errors ("jcs.*") pass through.
Result<nlohmann::json> AddJcsProof(nlohmann::json document, const Ed25519Key& key, TimePoint created,
                                   std::string_view proof_purpose = "assertionMethod");

// The outcome of a successful verification.
struct VerifiedProof {
  std::string controller;           // "did:key:z6Mk…", the DID whose key signed
  std::string verification_method;  // "did:key:z6Mk…#z6Mk…"
  std::string created;              // the proof's `created`, as written
};

// Verifies the document's single eddsa-jcs-2022 proof. Errors, all with Chinese messages:
//   INVALID_ARGUMENT "credentials.proof_missing"      no `proof` object (or more than one)
//   INVALID_ARGUMENT "credentials.proof_unsupported"  other type / cryptosuite / key method
//   INVALID_ARGUMENT "credentials.proof_purpose"      proofPurpose differs from `expected_purpose`
//   INVALID_ARGUMENT "credentials.proof_context"      document @context does not start with the proof's
//   INVALID_ARGUMENT "credentials.proof_invalid"      the signature does not verify (tampered)
Result<VerifiedProof> VerifyJcsProof(const nlohmann::json& secured,
                                     std::string_view expected_purpose = "assertionMethod");

}  // namespace kaoping::credentials

#endif  // KAOPING_CREDENTIALS_DATA_INTEGRITY_H_
