// -----------------------------------------------------------------------------
// File: credentials/issuer.h
// -----------------------------------------------------------------------------
//
// The certificate use cases the scoring/delivery service and the HTTP routes call: issue one
// certificate or a whole exam session's, renew, revoke, and publish the revocation list.
//
//   KP_ASSIGN_OR_RETURN(Ed25519Key key, LoadOrCreateIssuerKey(config.key_file));
//   KP_ASSIGN_OR_RETURN(auto issuer, CertificateIssuer::Create(config, key, &serials, &status, &clock));
//   KP_ASSIGN_OR_RETURN(IssuedCertificate cert, issuer->Issue({.holder = {.name = "张三明"},
//                                                             .pack = pack, .level_id = "mid"}));
//   store.Save(cert.record, cert.credential);            // the caller persists both
//   KP_ASSIGN_OR_RETURN(nlohmann::json list, issuer->Revoke(cert.record, RevocationReason::kMisconduct,
//   "…")); store.SaveStatusList(list, status.revoked(), status.allocated());
//
// Persistence belongs to the caller: the serial allocator and the status list are passed in
// (store-backed in production, in memory in tests), records and credentials are returned.
// A serial, once allocated, is gone even when a later step of the same call fails — numbers are
// never reused, so a failed issue leaves a gap, never a duplicate.
//
// Thread safety: all methods may be called concurrently; allocation and status-list updates
// are serialised by an internal mutex; signing runs outside it.

#ifndef KAOPING_CREDENTIALS_ISSUER_H_
#define KAOPING_CREDENTIALS_ISSUER_H_

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/result.h"
#include "core/standards/model.h"
#include "credentials/certificate.h"
#include "credentials/keys.h"
#include "credentials/number.h"
#include "credentials/status_list.h"

namespace kaoping::credentials {

// Configuration ([certificates] in kaoping.toml; docs/certificates.md).
struct IssuerConfig {
  std::string public_url;   // "https://exam.example.org" (trailing '/' dropped)
  std::string issuer_name;  // printed and in issuer.name
  std::string number_pattern = std::string(kDefaultNumberPattern);
  std::map<std::string, std::string> standard_codes;       // pack id → {std}; default: initials of the id
  std::map<std::string, std::string> level_codes;          // level id → {level}; default: see LevelCode
  int validity_years = 3;                                  // validUntil = validFrom + this, unless given
  std::string status_list_path = "/credentials/status/1";  // under public_url
  Cryptosuite cryptosuite = kDefaultCryptosuite;           // for credentials and the status list
};

// {std} for a pack: configured, else the upper-cased initials of the id's words, digits kept
// ("llm-deploy-engineer" → "LDE", "ai-engineering-technician" → "AET").
std::string StandardCode(const IssuerConfig& config, const std::string& pack_id);
// {level}: configured, else junior → J, mid → M, senior → S, otherwise the upper-cased id with
// everything but letters and digits removed.
std::string LevelCode(const IssuerConfig& config, const std::string& level_id);

// public_url + status_list_path: the URL the StatusList passed to the issuer must carry.
std::string StatusListUrl(const IssuerConfig& config);

struct IssueRequest {
  Holder holder;
  const standards::Pack* pack = nullptr;  // REQUIRED; must outlive the call
  std::string level_id;
  std::string direction_id;              // optional
  std::optional<TimePoint> valid_from;   // default: now
  std::optional<TimePoint> valid_until;  // default: valid_from + validity_years
};

struct IssuedCertificate {
  CertificateRecord record;
  nlohmann::json credential;  // the signed OpenBadgeCredential
};

class CertificateIssuer {
 public:
  // INVALID_ARGUMENT "credentials.config" (empty public_url or issuer_name, validity_years < 1,
  // status list URL ≠ StatusListUrl(config)) or the number pattern's error. `serials`, `status_list` and
  // `clock` must outlive the issuer.
  static Result<std::unique_ptr<CertificateIssuer>> Create(IssuerConfig config, Ed25519Key key,
                                                           SerialAllocator* serials, StatusList* status_list,
                                                           const Clock* clock);

  CertificateIssuer(const CertificateIssuer&) = delete;
  CertificateIssuer& operator=(const CertificateIssuer&) = delete;

  // Allocates a number and a status index, builds the record and signs the credential.
  // INVALID_ARGUMENT "credentials.request" (no pack, empty holder name, validUntil ≤ validFrom),
  // "credentials.unknown_level"/"credentials.unknown_direction"; the allocator's and status
  // list's errors (OUT_OF_RANGE "credentials.serial_exhausted", RESOURCE_EXHAUSTED
  // "credentials.status_list_full").
  Result<IssuedCertificate> Issue(const IssueRequest& request);

  // Issues a certificate for every request (a whole exam session). Every request is checked
  // before anything is allocated, so one bad request fails the batch with nothing consumed; the
  // error names the request's position.
  Result<std::vector<IssuedCertificate>> IssueBatch(const std::vector<IssueRequest>& requests);

  // A new certificate (new number, new status index) for the same holder, standard, level and
  // direction, valid from now until `valid_until` (default now + validity_years), linked to `old`
  // (record.renews, credential evidence). The old certificate stays valid until its own end.
  // `holder` supplies the private identifiers the record does not keep (its name must match).
  // FAILED_PRECONDITION "credentials.renew_revoked" for a revoked certificate;
  // INVALID_ARGUMENT "credentials.request" when the pack is not old's.
  Result<IssuedCertificate> Renew(const CertificateRecord& old, const Holder& holder,
                                  const standards::Pack& pack,
                                  std::optional<TimePoint> valid_until = std::nullopt);

  // Revokes: sets the status bit, records the reason in `record`, and returns the re-signed
  // status list credential to publish. ALREADY_EXISTS "credentials.already_revoked";
  // FAILED_PRECONDITION "credentials.foreign_list" when the record is on another list.
  Result<nlohmann::json> Revoke(CertificateRecord& record, RevocationReason reason, std::string note);

  // The current status list credential, signed now.
  Result<nlohmann::json> StatusListCredential() const;

  [[nodiscard]] const std::string& issuer_id() const { return did_; }
  [[nodiscard]] const IssuerConfig& config() const { return config_; }
  [[nodiscard]] const NumberScheme& scheme() const { return scheme_; }
  [[nodiscard]] std::string VerificationUrlFor(std::string_view number) const {
    return VerificationUrl(config_.public_url, number);
  }

 private:
  CertificateIssuer(IssuerConfig config, NumberScheme scheme, Ed25519Key key, SerialAllocator* serials,
                    StatusList* status_list, const Clock* clock);
  Status CheckRequest(const IssueRequest& request) const;
  Result<IssuedCertificate> IssueChecked(const IssueRequest& request, const std::string& renews);

  IssuerConfig config_;
  NumberScheme scheme_;
  Ed25519Key key_;
  std::string did_;
  SerialAllocator* serials_;
  StatusList* status_list_;
  const Clock* clock_;
  mutable std::mutex mu_;  // guards *status_list_ and serial allocation
};

}  // namespace kaoping::credentials

#endif  // KAOPING_CREDENTIALS_ISSUER_H_
