// -----------------------------------------------------------------------------
// File: service/certificate_lookups.h
// -----------------------------------------------------------------------------
//
// Binding the certificate service (service/certificate_service.h) to where results live.
// Scoring owns results; what it must provide is `ResultFactsLookup` (result id → who, which
// standard/level/direction, passed?, published?) and a `PlanResultsLookup` (plan id → published
// passing result ids). SubjectFromProfiles completes the facts with the holder's personal data
// from the candidate profile (delivery store; the ID number unsealed with the PII vault), so
// the name on the certificate is the one the candidate registered with.
//
//   CertificateDeps deps;
//   deps.subject = SubjectFromProfiles(facts_from_scoring, &delivery_store, &users, pii);
//   deps.plan_results = passing_results_of_plan_from_scoring;
//
// UnboundSubjectLookup/UnboundPlanResultsLookup stand in until scoring is wired: they fail with
// FAILED_PRECONDITION "certificates.no_results" (everything else — verification, listing,
// revocation, the status list — works without them).
//
// Thread safety: the returned functions are thread-safe when their inputs are.

#ifndef KAOPING_SERVICE_CERTIFICATE_LOOKUPS_H_
#define KAOPING_SERVICE_CERTIFICATE_LOOKUPS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "base/result.h"
#include "service/certificate_service.h"
#include "service/delivery_pii.h"
#include "store/certificate_store.h"
#include "store/delivery_store.h"
#include "store/scoring_store.h"
#include "store/store.h"

namespace kaoping::service {

// What scoring knows about a result (no personal data).
struct ResultFacts {
  std::int64_t user_id = 0;
  std::string pack_id;
  std::string level;
  std::string direction;
  bool passed = false;
  bool published = false;
};

using ResultFactsLookup = std::function<Result<ResultFacts>(std::int64_t result_id)>;

// facts + the candidate profile's full name and ID number; the account's display name when the
// candidate has no profile (then no ID number). Errors: the facts lookup's; the stores'.
SubjectLookup SubjectFromProfiles(ResultFactsLookup facts, store::DeliveryStore* delivery,
                                  store::Store* users, std::shared_ptr<const PiiVault> pii);

// Results as the scoring store keeps them (store/scoring_store.h): published = the current
// revision's state is "published". NOT_FOUND "result.not_found" for an unknown id.
ResultFactsLookup FactsFromScoringStore(store::ScoringStore* results);
// The published, passing results of a plan, by id.
PlanResultsLookup PlanResultsFromScoringStore(store::ScoringStore* results);

// The number of the certificate issued for a result (the newest, when renewed), for
// ScoringDeps::certificate_number; nullopt when none was issued or the store cannot say.
std::function<std::optional<std::string>(std::int64_t result_id)> CertificateNumberOfResult(
    store::CertificateStore* certificates);

SubjectLookup UnboundSubjectLookup();
PlanResultsLookup UnboundPlanResultsLookup();

// What `kaoping serve` and `kaoping cert` bind the service to (one place for both).
struct CertificateLookupSources {
  store::Store* users = nullptr;
  store::DeliveryStore* delivery = nullptr;
  std::shared_ptr<const PiiVault> pii;
  ResultFactsLookup facts;         // from scoring; empty = not connected yet
  PlanResultsLookup plan_results;  // from scoring; empty = not connected yet
};

struct CertificateLookups {
  SubjectLookup subject;
  PlanResultsLookup plan_results;
};

// SubjectFromProfiles over `facts` when given, the Unbound* stand-ins otherwise.
CertificateLookups BindCertificateLookups(const CertificateLookupSources& sources);

}  // namespace kaoping::service

#endif  // KAOPING_SERVICE_CERTIFICATE_LOOKUPS_H_
