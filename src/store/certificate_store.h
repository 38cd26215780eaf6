// -----------------------------------------------------------------------------
// File: store/certificate_store.h
// -----------------------------------------------------------------------------
//
// Storage contract for verifiable certificates (docs/certificates.md): certificate records with
// their signed Open Badges credential, the serial counters certificate numbers are made from,
// and the revocation status list (its bits, which indexes are taken, and the signed
// BitstringStatusListCredential published at GET /credentials/status/1).
//
// Same rules as store/store.h and store/delivery_store.h: every method returns a Status/Result
// with a stable reason and never throws; each call is one transaction (a failed write changes
// nothing); NOT_FOUND "certificate.not_found"; UNAVAILABLE "store.*" on I/O errors.
// Thread-safe.
//
// Audit: writes that change a certificate take an AuditEntry appended to the delivery audit
// chain IN THE SAME TRANSACTION (store/delivery_store.h). AllocateSerial is the exception: it
// commits on its own, before anything is signed, so a number is never handed out twice even when
// the issue that asked for it later fails (the gap is visible, the number is never reused); the
// certificate that uses it is audited when it is stored.
//
// Status list writes are optimistic: every write names the version it was computed from
// (`expected_version`, 0 = the list does not exist yet) and fails with ABORTED
// "certificate.status_list_conflict" when another writer (e.g. the CLI next to the server) got
// there first; nothing is written then and the caller reloads and retries.
//
// The record fields mirror credentials::CertificateRecord (the store layer does not depend on
// the credentials module); personal identifiers are sealed by the service
// (service/delivery_pii.h) and opaque here.

#ifndef KAOPING_STORE_CERTIFICATE_STORE_H_
#define KAOPING_STORE_CERTIFICATE_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "store/delivery_store.h"

namespace kaoping::store {

struct CertificateRow {
  std::string number;  // unique, never reused
  std::int64_t user_id = 0;
  std::int64_t result_id = 0;  // the result the certificate was issued for (renewals keep it)
  std::string credential_id;   // "urn:uuid:…"
  std::string holder_name;
  std::string national_id_sealed;  // secretbox ciphertext or ""; opaque here
  std::string pack_id;
  std::string standard_title;
  std::string standard_title_en;
  std::string level_id;
  std::string level_name;
  std::string level_name_en;
  std::string direction_id;
  std::string direction_name;
  std::string issuer_id;
  std::string issuer_name;
  std::int64_t valid_from_ms = 0;
  std::int64_t valid_until_ms = 0;
  std::string status_list_url;
  std::int64_t status_index = 0;
  std::string renews;      // number of the certificate this one renews, or ""
  std::string credential;  // the signed OpenBadgeCredential (JSON text)
  std::int64_t issued_ms = 0;
  std::int64_t issued_by = 0;  // user id of the administrator (0 = system / CLI)
  // Revocation: reason == "" while not revoked.
  std::string revocation_reason;
  std::string revocation_note;
  std::int64_t revoked_ms = 0;
  std::int64_t revoked_by = 0;
};

struct CertificateFilter {
  std::optional<std::int64_t> user_id;
  std::optional<std::int64_t> result_id;
  int limit = 1000;
};

struct StatusListState {
  std::string url;
  std::string revoked;       // encodedList of the revocation bits ("u" + base64url(gzip))
  std::string allocated;     // the same encoding of the bits already handed out
  std::string credential;    // the signed BitstringStatusListCredential (JSON text)
  std::int64_t version = 0;  // set by the store: 1 after the first write, +1 per write
  std::int64_t updated_ms = 0;
};

class CertificateStore {
 public:
  virtual ~CertificateStore() = default;

  // The next serial of `scope` (≥ 1), committed at once. OUT_OF_RANGE
  // "credentials.serial_exhausted" past `max`.
  virtual Result<std::int64_t> AllocateSerial(std::string_view scope, std::int64_t max) = 0;
  // The last serial handed out in `scope`, if any.
  virtual Result<std::optional<std::int64_t>> LastSerial(std::string_view scope) = 0;

  // The list at `url`; nullopt when none was ever written.
  virtual Result<std::optional<StatusListState>> GetStatusList(const std::string& url) = 0;
  // Creates or replaces the list (see the optimistic rule above).
  virtual Status PutStatusList(const StatusListState& list, std::int64_t expected_version,
                               const AuditEntry& audit) = 0;

  // Stores a new certificate and the list state with its status index allocated, in one
  // transaction. ALREADY_EXISTS "certificate.exists" (number taken), "certificate.result_taken"
  // (an original certificate — renews == "" — already exists for the result); NOT_FOUND
  // "user.not_found"; ABORTED "certificate.status_list_conflict".
  virtual Status InsertCertificate(const CertificateRow& row, const StatusListState& list,
                                   std::int64_t expected_version, const AuditEntry& audit) = 0;

  // Records the revocation and the re-signed list in one transaction. NOT_FOUND
  // "certificate.not_found"; ALREADY_EXISTS "credentials.already_revoked"; ABORTED
  // "certificate.status_list_conflict". `reason` must be non-empty.
  virtual Status RevokeCertificate(const std::string& number, const std::string& reason,
                                   const std::string& note, std::int64_t revoked_ms, std::int64_t revoked_by,
                                   const StatusListState& list, std::int64_t expected_version,
                                   const AuditEntry& audit) = 0;

  // NOT_FOUND "certificate.not_found".
  virtual Result<CertificateRow> GetCertificate(const std::string& number) = 0;
  // The original (non-renewal) certificate of a result, if any.
  virtual Result<std::optional<CertificateRow>> FindByResult(std::int64_t result_id) = 0;
  // Newest first.
  virtual Result<std::vector<CertificateRow>> ListCertificates(const CertificateFilter& filter) = 0;
  // Numbers of the certificates that renew `number` (oldest first).
  virtual Result<std::vector<std::string>> RenewalsOf(const std::string& number) = 0;
};

}  // namespace kaoping::store

#endif  // KAOPING_STORE_CERTIFICATE_STORE_H_
