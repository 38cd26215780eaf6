// -----------------------------------------------------------------------------
// File: credentials/certificate.h
// -----------------------------------------------------------------------------
//
// A certificate as the platform records it, and its Open Badges 3.0 form.
//
// `CertificateRecord` is what the store keeps and what the public verification page reads
// (verify.h); `BuildOpenBadgeCredential` turns a record into an unsigned W3C VC 2.0
// `OpenBadgeCredential`, and `IssueCredential` signs it (eddsa-jcs-2022, data_integrity.h):
//
//   {"@context": ["https://www.w3.org/ns/credentials/v2",
//                 "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
//    "id": "urn:uuid:…", "type": ["VerifiableCredential", "OpenBadgeCredential"],
//    "issuer": {"id": "did:key:z6Mk…", "type": ["Profile"], "name": …, "url": <public url>},
//    "validFrom": …, "validUntil": …, "name": …, "description": …,
//    "credentialSubject": {
//      "type": ["AchievementSubject"],
//      "identifier": [{"type": "IdentityObject", "identityType": "name", "hashed": false,
//                      "identityHash": "张三明"}, …hashed e-mail / ID number when given…],
//      "achievement": {"id": <public>/achievements/<pack>/<level>, "type": ["Achievement"],
//        "achievementType": "Certification", "name", "description", "humanCode": <number>,
//        "criteria": {"narrative": …}, "fieldOfStudy": <direction, when any>,
//        "alignment": [{"type": ["Alignment"], "targetType": "CFItem", "targetName": <level>,
//                       "targetFramework": <standard>, "targetCode": <CASE uuid>,
//                       "targetUrl": <public>/ims/case/v1p0/CFItems/<uuid>}, …]}},
//    "credentialStatus": {BitstringStatusListEntry, status_list.h},
//    "evidence": [renewals only: the certificate this one renews]}
//
// Alignment targets are the CFItems of kaoping's own CASE export (wire/case_json.h): the level
// node, then the level×direction node when the certificate names a direction, then the standard's
// CFDocument (without `targetType`: OB 3.0's enumeration has no value for a CASE document). The
// identifiers are the same name-based UUIDs, so the links resolve on the platform's CASE API.
//
// Only terms defined in the OB 3.0.3 and VC 2.0 contexts are used (1EdTech validates in JSON-LD
// safe mode; tests/credentials/verify.mjs expands every issued credential that way).
//
// Thread safety: pure functions (IssueCredential draws salts from libsodium).

#ifndef KAOPING_CREDENTIALS_CERTIFICATE_H_
#define KAOPING_CREDENTIALS_CERTIFICATE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/result.h"
#include "core/standards/model.h"
#include "credentials/data_integrity.h"
#include "credentials/keys.h"

namespace kaoping::credentials {

enum class RevocationReason {
  kIssuedInError,  // 错误签发
  kMisconduct,     // 违纪作弊
  kHolderRequest,  // 持证人申请
  kSuperseded,     // 已被新证书取代
  kOther,          // 其他
};
// Stable name ("issued_in_error", "misconduct", "holder_request", "superseded", "other").
const char* RevocationReasonName(RevocationReason r);
const char* RevocationReasonLabelZh(RevocationReason r);
std::optional<RevocationReason> ParseRevocationReason(std::string_view name);

struct Revocation {
  RevocationReason reason = RevocationReason::kOther;
  std::string note;  // free text for administrators; never shown publicly
  TimePoint at;
};

// Who the certificate is for.
struct Holder {
  std::string name;         // required; printed on the certificate
  std::string subject_id;   // optional DID or URI of the holder → credentialSubject.id
  std::string email;        // optional; published only as a salted SHA-256 hash
  std::string national_id;  // optional (already normalised); published only as a salted hash
};

struct CertificateRecord {
  std::string number;         // e.g. "KP-DEP-M-2026-000123-7" (number.h)
  std::string credential_id;  // "urn:uuid:…"
  std::string holder_name;
  std::string pack_id;
  std::string standard_title;  // zh
  std::string standard_title_en;
  std::string level_id;
  std::string level_name;  // zh
  std::string level_name_en;
  std::string direction_id;  // "" when none
  std::string direction_name;
  std::string issuer_id;  // "did:key:z6Mk…"
  std::string issuer_name;
  TimePoint valid_from;
  TimePoint valid_until;
  std::string status_list_url;
  std::size_t status_index = 0;
  std::string renews;  // number of the certificate this one renews; "" when none
  std::optional<Revocation> revocation;
};

// The fields of `record` that come from the standard: titles, level and direction names.
// INVALID_ARGUMENT "credentials.unknown_level" / "credentials.unknown_direction".
Status FillStandardFields(const standards::Pack& pack, std::string_view level_id,
                          std::string_view direction_id, CertificateRecord& record);

// The unsigned OpenBadgeCredential for `record`. `public_url` has no trailing slash.
// INVALID_ARGUMENT "credentials.unknown_level" when the pack lacks the record's level.
Result<nlohmann::json> BuildOpenBadgeCredential(const CertificateRecord& record, const Holder& holder,
                                                const standards::Pack& pack, std::string_view public_url);

// BuildOpenBadgeCredential, then a Data Integrity proof of `suite` made with `key` at `now`.
// REQUIRES: record.issuer_id == key.Did().
Result<nlohmann::json> IssueCredential(const CertificateRecord& record, const Holder& holder,
                                       const standards::Pack& pack, std::string_view public_url,
                                       const Ed25519Key& key, TimePoint now,
                                       Cryptosuite suite = kDefaultCryptosuite);

// "<public_url>/verify/<number>", the URL in the certificate's QR code.
std::string VerificationUrl(std::string_view public_url, std::string_view number);

// OB 3.0 IdentityHash: "sha256$" + hex(SHA-256(identity + salt)).
std::string IdentityHash(std::string_view identity, std::string_view salt);

}  // namespace kaoping::credentials

#endif  // KAOPING_CREDENTIALS_CERTIFICATE_H_
