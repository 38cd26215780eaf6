// -----------------------------------------------------------------------------
// File: service/psychometrics_fixture.h
// -----------------------------------------------------------------------------
//
// Test and benchmark support (not part of the server): seeds real stores with an exam whose
// answers follow a known 2PL model, so the psychometrics path can be exercised end to end on a
// real SQLite file — bank items and a paper, a plan with one room, candidates with approved
// registrations, and attempts started, answered and submitted through DeliveryStore's group
// commit (the same writes the delivery service makes).
//
// The paper has `choice_items` single-choice items (4 options, key "A"; wrong answers spread
// over B–D with a strong pull to "B"), one true/false item, one fill-in item with 2 blanks
// (partial credit), one multiple-choice item and one short-answer item (human-scored). Candidate
// p has θ_p ~ N(0, 1); item i has a = 0.8 + 0.8·u, b = −1.5 + 3·i/(n−1). `unsubmitted` extra
// attempts are started but never submitted.

#ifndef KAOPING_SERVICE_PSYCHOMETRICS_FIXTURE_H_
#define KAOPING_SERVICE_PSYCHOMETRICS_FIXTURE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "store/bank_store.h"
#include "store/delivery_store.h"

namespace kaoping::service {

struct PsychometricsFixtureSpec {
  std::string prefix = "psy";  // item ids, logins and the paper id start with it
  int choice_items = 10;
  int candidates = 200;
  int unsubmitted = 1;
  std::uint64_t seed = 7;
  std::int64_t t0_ms = 1'767'229'200'000;  // 2026-01-01T01:00Z
};

struct PsychometricsFixture {
  std::int64_t plan_id = 0;
  std::string paper_id;
  std::vector<std::string> item_ids;  // paper order
  std::vector<std::int64_t> submitted_attempts;
  std::vector<double> thetas;  // per submitted attempt
};

Result<PsychometricsFixture> SeedPsychometricsExam(store::DeliveryStore& delivery, store::BankStore& bank,
                                                   const PsychometricsFixtureSpec& spec);

}  // namespace kaoping::service

#endif  // KAOPING_SERVICE_PSYCHOMETRICS_FIXTURE_H_
