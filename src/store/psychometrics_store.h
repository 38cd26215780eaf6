// -----------------------------------------------------------------------------
// File: store/psychometrics_store.h
// -----------------------------------------------------------------------------
//
// Storage contract for item statistics written back to the bank by psychometric analyses
// (classical item analysis and IRT calibration), with their provenance. Same rules as
// store/store.h: Status results with stable reasons, one transaction per call (a failed write
// changes nothing), never throws, thread-safe.
//
// A record belongs to an exact item version (item_id, item_version): statistics of version 2 say
// nothing about version 3. Records are append-only: a new analysis adds rows, the history of every
// earlier run is kept, and readers pick the newest per kind. The store does not interpret the
// statistics themselves (`statistics` is JSON built by service/psychometrics_service.h from the
// forms in codec/psychometrics_json.h) — it keeps the provenance columns queryable: which data
// (source "plan:12" / "paper:<id>" / "matrix" and number of persons), when, by whom, which model,
// convergence and log-likelihood.
//
// Audit: PutItemStatistics appends its AuditEntry to the hash-chained audit log IN THE SAME
// TRANSACTION as the rows (store/delivery_store.h), so a write-back is never recorded without its
// audit row or vice versa.
//
// The contract suite (store/psychometrics_store_contract_test.h) runs against every backend
// through this interface only.

#ifndef KAOPING_STORE_PSYCHOMETRICS_STORE_H_
#define KAOPING_STORE_PSYCHOMETRICS_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "store/delivery_store.h"  // AuditEntry

namespace kaoping::store {

struct ItemStatisticsRecord {
  std::int64_t id = 0;  // assigned by the store
  std::string item_id;
  int item_version = 1;
  std::string kind;                // "classical" | "irt"
  std::string source;              // "plan:12" | "paper:<id>" | "matrix"
  std::int64_t num_persons = 0;    // persons the statistics rest on
  std::string model;               // IRT: "2PL", "3PL with c ~ Beta(5, 17)", …; classical: ""
  bool converged = true;           // IRT: EM converged; classical: true
  int iterations = 0;              // IRT: EM cycles
  double log_likelihood = 0;       // IRT: marginal log-likelihood of the whole run; classical: 0
  std::vector<std::string> flags;  // classical flag names (core/psychometrics/classical.h)
  std::string statistics;          // JSON object text, opaque to the store
  std::int64_t computed_ms = 0;
  std::string computed_by;  // login of the actor who wrote it back
};

class PsychometricsStore {
 public:
  virtual ~PsychometricsStore() = default;

  // Appends the records (ids assigned) and the audit row, all or nothing.
  // Errors: NOT_FOUND "item.not_found" naming the first (item_id, item_version) that does not
  // exist in the bank; INVALID_ARGUMENT "psychometrics.bad_record" for an empty kind or item id.
  virtual Status PutItemStatistics(const std::vector<ItemStatisticsRecord>& records,
                                   const AuditEntry& audit) = 0;

  // Every record of the item (all versions), newest first (computed_ms, then id, descending);
  // at most `limit` (≤ 0: no limit). An unknown item simply has none.
  virtual Result<std::vector<ItemStatisticsRecord>> ItemStatistics(const std::string& item_id, int limit) = 0;
};

}  // namespace kaoping::store

#endif  // KAOPING_STORE_PSYCHOMETRICS_STORE_H_
