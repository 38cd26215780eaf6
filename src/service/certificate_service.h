// -----------------------------------------------------------------------------
// File: service/certificate_service.h
// -----------------------------------------------------------------------------
//
// Certificate use cases over the credentials module (credentials/issuer.h, verify.h, pdf.h) and
// the certificate store (store/certificate_store.h): issue a certificate for a published passing
// result (one, or a whole plan's), list and read them, download the signed Open Badges 3.0
// credential and the PDF, revoke (re-signing the published status list), renew, and the public
// verification by number or of an uploaded credential file (docs/certificates.md).
//
// Results belong to scoring: the service sees them only through two injected functions,
//
//   SubjectLookup      result id → CertificateSubject {user, holder name, ID number, pack, level,
//                      direction, passed, published}   (NOT_FOUND for an unknown result)
//   PlanResultsLookup  plan id → the ids of the plan's published passing results
//
// which the app binds to the scoring service (service/certificate_lookups.h).
//
// Access: issuing, renewing, revoking and listing other people's certificates need the admin
// role (PERMISSION_DENIED "access.denied" otherwise); a holder reads their own certificates,
// credential and PDF; anyone else gets NOT_FOUND "certificate.not_found", so numbers cannot be
// probed through these methods. Holder names are masked (张*明) for anyone but the holder and
// admins. The public verification shows only what credentials::PublicVerification carries.
//
// Every change is audited in the transaction that makes it (actions certificate.issue,
// certificate.renew, certificate.revoke, certificate.status_list). ID numbers are sealed with
// the PII vault before they reach the store; the credential carries only their salted hash.
//
// Concurrency: writes are serialised by one mutex; the status list is reloaded from the store
// before each write and written back with an optimistic version check, so a CLI process
// issuing next to the server never hands out the same status index twice (a conflicting write
// is retried once). A serial number, once allocated, is never reused even when the issue
// fails afterwards. Reads run in parallel. Thread-safe.

#ifndef KAOPING_SERVICE_CERTIFICATE_SERVICE_H_
#define KAOPING_SERVICE_CERTIFICATE_SERVICE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/result.h"
#include "credentials/issuer.h"
#include "credentials/keys.h"
#include "credentials/verify.h"
#include "service/actor.h"
#include "service/audit.h"
#include "service/delivery_pii.h"
#include "service/standards_catalog.h"
#include "store/certificate_store.h"

namespace kaoping::service {

// What a certificate needs to know about a result.
struct CertificateSubject {
  std::int64_t user_id = 0;
  std::string holder_name;
  std::string national_id;  // normalised ID number, or "" (published only as a salted hash)
  std::string pack_id;
  std::string level;
  std::string direction;  // "" when the level has none
  bool passed = false;
  bool published = false;
};

using SubjectLookup = std::function<Result<CertificateSubject>(std::int64_t result_id)>;
using PlanResultsLookup = std::function<Result<std::vector<std::int64_t>>(std::int64_t plan_id)>;

struct CertificateDeps {
  store::CertificateStore* store = nullptr;
  std::shared_ptr<const StandardsCatalog> catalog;
  std::shared_ptr<const PiiVault> pii;
  AuditLog* audit = nullptr;
  const Clock* clock = nullptr;
  SubjectLookup subject;
  PlanResultsLookup plan_results;
};

enum class CertificateStateKind { kValid, kExpired, kRevoked };
const char* CertificateStateKindName(CertificateStateKind s);  // "valid", "expired", "revoked"

// A certificate as the API shows it (docs/api-scoring-certificates.md, CertificateView).
struct CertificateView {
  std::string number;
  std::int64_t user_id = 0;
  std::int64_t result_id = 0;
  std::string holder_name;  // masked unless the caller is the holder or an admin
  std::string standard;     // pack id
  std::string standard_title;
  std::string level;
  std::string level_name;
  std::string direction;
  std::string direction_name;
  std::string valid_from;  // "2026-03-01T08:00:00Z"
  std::string valid_until;
  CertificateStateKind state = CertificateStateKind::kValid;
  std::string revocation_reason;  // "" unless revoked
  std::string revocation_reason_zh;
  std::string revoked_at;  // ISO date-time, "" unless revoked
  std::string renews;
  std::string verify_url;
};

struct BatchSkip {
  std::int64_t result_id = 0;
  std::string code;
  std::string message;
  std::string message_zh;
};

struct BatchOutcome {
  std::vector<CertificateView> issued;  // newly issued and already existing
  std::vector<BatchSkip> skipped;
};

class CertificateService {
 public:
  // Loads (or creates) the status list state; fails with the issuer's configuration errors,
  // INVALID_ARGUMENT "certificates.deps" when a dependency is missing.
  static Result<std::unique_ptr<CertificateService>> Create(credentials::IssuerConfig config,
                                                            credentials::Ed25519Key key,
                                                            CertificateDeps deps);
  ~CertificateService();
  CertificateService(const CertificateService&) = delete;
  CertificateService& operator=(const CertificateService&) = delete;

  // Issues the certificate of a published passing result, or returns the one it already has.
  // FAILED_PRECONDITION "certificates.not_published" / "certificates.not_passed"; the lookup's
  // errors; the issuer's and store's errors.
  Result<CertificateView> IssueForResult(const Actor& actor, std::int64_t result_id,
                                         const std::string& remote = {});
  // Every published passing result of the plan; a result that cannot be issued is skipped
  // with its code (the others still are).
  Result<BatchOutcome> IssueForPlan(const Actor& actor, std::int64_t plan_id, const std::string& remote = {});

  // An admin's list (optionally one user's) or the caller's own (user must be empty or self,
  // else PERMISSION_DENIED "access.denied").
  Result<std::vector<CertificateView>> List(const Actor& actor, std::optional<std::int64_t> user_id);
  Result<CertificateView> Get(const Actor& actor, std::string_view number);
  // The signed credential (JSON text) and the PDF bytes: holder or admin.
  Result<std::string> CredentialJson(const Actor& actor, std::string_view number);
  Result<std::string> Pdf(const Actor& actor, std::string_view number);

  // Revokes (admin). INVALID_ARGUMENT "certificates.bad_reason" for an unknown reason name;
  // ALREADY_EXISTS "credentials.already_revoked".
  Result<CertificateView> Revoke(const Actor& actor, std::string_view number, std::string_view reason,
                                 std::string note, const std::string& remote = {});
  // A new certificate (new number) continuing `number` (admin); the old one stays valid until
  // its own end. FAILED_PRECONDITION "credentials.renew_revoked".
  Result<CertificateView> Renew(const Actor& actor, std::string_view number, const std::string& remote = {});

  // Public: a number typed in or read from a QR code. Never fails: unknown / mistyped numbers
  // give state unknown.
  credentials::PublicVerification VerifyNumber(std::string_view number) const;
  // Public: a credential file someone uploads, checked offline against our own status list
  // and with our DID as the only trusted issuer.
  credentials::PublicVerification VerifyDocument(const nlohmann::json& credential) const;
  // The signed BitstringStatusListCredential as published (JSON text).
  Result<std::string> StatusListCredential() const;

  [[nodiscard]] const std::string& issuer_id() const;
  [[nodiscard]] const credentials::IssuerConfig& config() const;

 private:
  struct State;
  explicit CertificateService(std::unique_ptr<State> state);
  std::unique_ptr<State> s_;
};

}  // namespace kaoping::service

#endif  // KAOPING_SERVICE_CERTIFICATE_SERVICE_H_
