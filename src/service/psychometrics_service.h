// -----------------------------------------------------------------------------
// File: service/psychometrics_service.h
// -----------------------------------------------------------------------------
//
// Psychometrics over the stores: the scored response matrix of an exam plan (or of every plan
// that delivered a paper) built from the delivery store, and the write-back of classical item
// statistics and calibrated IRT parameters to the bank's item versions with their provenance.
// The analyses themselves are core/psychometrics; this layer reads, scores and records.
//
// The matrix (BuildResponseMatrix):
//   rows      every SUBMITTED attempt of the plan(s), identified by attempt id (never a name);
//             attempts still running, absent or voided are left out
//   columns   the paper's machine-scorable items in paper order, identified by item id (the
//             exact versions are in `items`); short answer and practical items are left out and
//             listed in `human_scored` (panel scores are not part of the delivery store)
//   cells     each stored answer (AnswerRecord.response, read by codec::ResponseFromJson in
//             codec/scoring_json.h) scored by scoring::ScoreObjectiveItem with 1 point:
//               single choice, true/false, multiple choice (all-or-nothing)  0/1
//               fill-in with one blank                                        0/1
//               fill-in with k > 1 blanks   number of blanks correct, 0..k (graded categories)
//             An item delivered but not answered scores 0 (the exam rule).
//   choices   for single choice and true/false items, the option index chosen (distractor
//             analysis); kMissing when no single option was chosen
//
// Access (PERMISSION_DENIED "psychometrics.forbidden", decided before any lookup so ids cannot be
// probed):
//   read (matrices, analyses, stored statistics)   admin, author, reviewer
//   write back to the bank                         admin
//
// Bounds: a source larger than PsychometricsLimits is refused with INVALID_ARGUMENT
// "psychometrics.too_large" before the answers are read.
//
// Write-back appends one "classical" record and/or one "irt" record per item version
// (store/psychometrics_store.h) with: the source ("plan:12" / "paper:<id>"), the number of
// persons, the model, convergence, iterations and log-likelihood, the time (injected Clock) and
// the actor; and one audit row "psychometrics.write_back" in the same transaction.
//
// Thread safety: all methods are thread-safe (the stores are).

#ifndef KAOPING_SERVICE_PSYCHOMETRICS_SERVICE_H_
#define KAOPING_SERVICE_PSYCHOMETRICS_SERVICE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "core/bank/item.h"
#include "core/psychometrics/calibration.h"
#include "core/psychometrics/classical.h"
#include "core/psychometrics/response_matrix.h"
#include "service/actor.h"
#include "service/audit.h"
#include "store/bank_store.h"
#include "store/delivery_store.h"
#include "store/psychometrics_store.h"

namespace kaoping::service {

// Exactly one of the two is set.
struct ResponseSource {
  std::int64_t plan_id = 0;
  std::string paper_id;
};

struct PsychometricsLimits {
  std::size_t max_persons = 200'000;
  std::size_t max_items = 2'000;
  std::size_t max_cells = 20'000'000;  // persons × items
  // Bounds on the work one API request may ask for (api/psychometrics_routes.h).
  int max_iterations = 2'000;      // EM cycles
  int max_quadrature = 121;        // quadrature points
  std::size_t max_se_items = 100;  // observed-information SEs cost 2 E-steps per parameter
  int max_simulees = 5'000;        // CAT simulation
  int max_cat_length = 100;
  int max_sh_rounds = 10;  // Sympson–Hetter calibration rounds
};

struct StoreResponses {
  std::string source;  // "plan:12" | "paper:<id>"
  std::string paper_id;
  std::vector<bank::ItemRef> items;       // matrix columns, in paper order
  std::vector<std::string> functions;     // per column: the paper's weight-table target
  std::vector<std::int64_t> attempt_ids;  // matrix rows
  psychometrics::ResponseMatrix matrix;
  psychometrics::ChoiceResponses choices;  // options[i] == 0 for columns that are not single-keyed
  std::vector<std::string> human_scored;   // paper items left out (examiner-scored)
};

// Builds the matrix as described above. Errors: INVALID_ARGUMENT "psychometrics.bad_source"
// (neither or both of plan and paper), "psychometrics.too_large"; NOT_FOUND "plan.not_found",
// "paper.not_found"; FAILED_PRECONDITION "psychometrics.no_paper" (plan without a paper),
// "psychometrics.no_responses" (no submitted attempt, or no machine-scorable item).
Result<StoreResponses> BuildResponseMatrix(store::BankStore& bank, store::DeliveryStore& delivery,
                                           const ResponseSource& source,
                                           const PsychometricsLimits& limits = {});

struct PsychometricsDeps {
  store::BankStore* bank = nullptr;
  store::DeliveryStore* delivery = nullptr;
  store::PsychometricsStore* statistics = nullptr;
  AuditLog* audit = nullptr;
  const Clock* clock = nullptr;
  PsychometricsLimits limits;
};

class PsychometricsService {
 public:
  explicit PsychometricsService(PsychometricsDeps deps) : deps_(deps) {}

  static bool CanRead(const Actor& a);       // admin, author, reviewer
  static bool CanWriteBack(const Actor& a);  // admin

  const PsychometricsLimits& limits() const { return deps_.limits; }

  // BuildResponseMatrix for a reader.
  Result<StoreResponses> Responses(const ResponseSource& source, const Actor& actor);

  // Writes back the classical statistics (matched to `data.items` by item id) and/or the
  // calibrated parameters of `data`; either may be null, not both. Returns the number of records
  // written. Errors: "psychometrics.forbidden"; INVALID_ARGUMENT "psychometrics.bad_write_back"
  // (nothing to write, or an analysed item that is not a column of `data`); the store's errors.
  Result<int> WriteBack(const StoreResponses& data, const psychometrics::ClassicalReport* classical,
                        const psychometrics::CalibrationResult* irt, const Actor& actor,
                        const std::string& remote);

  // Every stored record of the item, newest first (at most `limit`).
  Result<std::vector<store::ItemStatisticsRecord>> ItemStatistics(const std::string& item_id,
                                                                  const Actor& actor, int limit = 200);

 private:
  PsychometricsDeps deps_;
};

}  // namespace kaoping::service

#endif  // KAOPING_SERVICE_PSYCHOMETRICS_SERVICE_H_
