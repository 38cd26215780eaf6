// -----------------------------------------------------------------------------
// File: credentials/verify.h
// -----------------------------------------------------------------------------
//
// Certificate verification for the public page and API (`GET /verify/<number>`) and for a
// credential file someone uploads.
//
//   valid     signed by us, inside its validity period, not revoked
//   expired   past validUntil (a renewal is a new certificate with a new number)
//   revoked   its status bit is set (revocation takes precedence over expiry)
//   invalid   the credential is not genuine: bad signature, not issued by a trusted issuer,
//             malformed, or not yet valid
//   unknown   no such certificate, or its status list could not be obtained
//
// The outcome carries only what may be shown to anyone: the number, the holder's name masked
// (张*明), standard, level, dates and issuer — never e-mail, ID number or the revocation note.
//
// Pure functions (the status list fetcher is the caller's); thread-safe.

#ifndef KAOPING_CREDENTIALS_VERIFY_H_
#define KAOPING_CREDENTIALS_VERIFY_H_

#include <functional>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/result.h"
#include "credentials/certificate.h"
#include "credentials/status_list.h"

namespace kaoping::credentials {

enum class CertificateState { kValid, kExpired, kRevoked, kInvalid, kUnknown };
// "valid", "expired", "revoked", "invalid", "unknown".
const char* CertificateStateName(CertificateState s);
// "有效", "已过期", "已吊销", "无效", "未知".
const char* CertificateStateLabelZh(CertificateState s);

struct PublicVerification {
  CertificateState state = CertificateState::kUnknown;
  // A stable reason for every state but valid ("credentials.expired", "credentials.revoked",
  // "credentials.proof_invalid", "credentials.not_found", …) and its messages.
  std::string reason;
  std::string message;
  std::string message_zh;

  std::string number;
  std::string holder_masked;
  std::string standard;
  std::string level;
  std::string direction;
  std::string valid_from;  // "2026-03-01"
  std::string valid_until;
  std::string issuer;
  std::string issuer_id;
  std::string revocation_reason;  // RevocationReasonName, when revoked and known
  std::string revocation_reason_zh;
  std::string revoked_at;  // "2026-05-01", when known
  std::string renews;      // number of the certificate this one renews

  // The fields above as a JSON object (empty strings omitted), for the API.
  [[nodiscard]] nlohmann::json ToJson() const;
};

// Masks a person's name for public display: keeps the first and last character and stars the
// rest, per code point ("张三明" → "张*明", "欧阳娜娜" → "欧**娜", "张三" → "张*", "王" → "王").
// Names with spaces are masked word by word ("Ada Lovelace" → "A*a L******e").
std::string MaskName(std::string_view name);

// Verifies a stored record (looked up by number) against the current revocation bits.
// `record` == nullptr → unknown ("credentials.not_found"). `revoked_bits` == nullptr → unknown
// ("credentials.status_unavailable"): without the list we cannot say it is not revoked. A set
// bit means revoked even when the record carries no revocation (reason then "other").
PublicVerification VerifyRecord(const CertificateRecord* record, const StatusBitstring* revoked_bits,
                                TimePoint now);

// Returns the status list credential published at a URL (from the store, a cache or HTTP).
using StatusListFetcher = std::function<Result<nlohmann::json>(const std::string& url)>;

// Verifies a credential document: shape (VC 2.0 context, OpenBadgeCredential/AchievementCredential
// type, subject with identifier or id), the eddsa-jcs-2022 proof, that the issuer is in
// `trusted_issuers` (DIDs; empty = any issuer whose key signed) and is the proof's signer, the
// revocation bit through a verified status list credential of the same issuer, then the validity
// period. `number` etc. come from the credential itself.
PublicVerification VerifyCredential(const nlohmann::json& credential,
                                    const StatusListFetcher& fetch_status_list, TimePoint now,
                                    const std::set<std::string, std::less<>>& trusted_issuers = {});

}  // namespace kaoping::credentials

#endif  // KAOPING_CREDENTIALS_VERIFY_H_
