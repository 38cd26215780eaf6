// -----------------------------------------------------------------------------
// File: service/audit.h
// -----------------------------------------------------------------------------
//
// The audit log's service face. Security-relevant actions — logins and their failures, role
// and password changes, profile changes and clear-text ID reads, plan changes, registration
// decisions, every proctor action, submissions, staff reads of answer keys — are appended to
// the hash-chained log (core/delivery/audit_chain.h). Most are appended by the store in the
// same transaction as the change they describe (store::AuditEntry arguments); Record() appends
// standalone events (e.g. a failed login, which changes nothing else).
//
// Verify() re-reads the whole chain in pages and checks every link and the head record; it is
// what `kaoping audit verify` and GET /api/v1/audit/verify run.
//
// Thread safety: thread-safe (the store serialises appends).

#ifndef KAOPING_SERVICE_AUDIT_H_
#define KAOPING_SERVICE_AUDIT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "core/delivery/audit_chain.h"
#include "service/actor.h"
#include "store/delivery_store.h"

namespace kaoping::service {

class AuditLog {
 public:
  AuditLog(store::DeliveryStore& store, const Clock& clock) : store_(store), clock_(clock) {}

  // An entry stamped with the clock and the actor (actor id 0 / login "system" when `actor` is
  // the default Actor).
  store::AuditEntry Entry(const Actor& actor, std::string action, std::string object, std::string detail,
                          std::string remote) const;
  Status Record(const Actor& actor, std::string action, std::string object, std::string detail,
                std::string remote);

  Result<std::vector<delivery::AuditRecord>> Read(std::int64_t after_seq, int limit);
  Result<delivery::ChainCheck> Verify();

 private:
  store::DeliveryStore& store_;
  const Clock& clock_;
};

// Verifies the chain of `store` (used by the CLI, which has no clock or actor).
Result<delivery::ChainCheck> VerifyAuditChain(store::DeliveryStore& store);

// Escapes a string for embedding in the small JSON details the services write.
std::string JsonQuote(std::string_view s);

}  // namespace kaoping::service

#endif  // KAOPING_SERVICE_AUDIT_H_
