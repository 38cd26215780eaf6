// -----------------------------------------------------------------------------
// File: service/delivery_demo.h
// -----------------------------------------------------------------------------
//
// The exam-delivery part of the demo `make run` seeds once per database: staff accounts (two
// proctors, three examiners, an auditor), a demo candidate with an eligible profile (test ID
// number 11010519491231002X, a valid GB 11643 number that belongs to no one), and two 中级 exam
// plans for llm-deploy-engineer — 理论知识 and 技能操作 (practical tasks with rubrics, scored by
// the three examiners: an odd panel of ≥ 3) — each with one room opening today, staffed within
// the standard's rules; the candidate is registered for both, approved by the rules and seated.
//
// Each paper: the newest paper of the bank for (llm-deploy-engineer, mid, kind) if there is
// one; otherwise, when the bank service is available (DemoContext::bank; its seeder imported the
// sample bank earlier), one is assembled from the sample bank and saved; the candidate's attempt
// is then prepared. Without either the plan is recorded without a paper and an administrator
// attaches one later with PUT /api/v1/plans/{id}/paper.
//
// Demo accounts' passwords are kept (sealed with the pii key) in the demo_credentials table so
// `kaoping demo --json` can print them later. Only demo accounts are stored this way — never the
// first administrator's or any real account's password.

#ifndef KAOPING_SERVICE_DELIVERY_DEMO_H_
#define KAOPING_SERVICE_DELIVERY_DEMO_H_

#include <memory>
#include <vector>

#include "base/result.h"
#include "service/bootstrap.h"
#include "service/delivery_pii.h"
#include "store/delivery_store.h"

namespace kaoping::service {

inline constexpr const char* kDemoIdNumber = "11010519491231002X";

// Seeds as described above; needs DemoContext::delivery (skips with a log line without it).
std::unique_ptr<DemoSeeder> MakeDeliveryDemoSeeder();

// The demo accounts' credentials, unsealed.
Result<std::vector<Credential>> ReadDemoCredentials(store::DeliveryStore& store, const PiiVault& pii);

}  // namespace kaoping::service

#endif  // KAOPING_SERVICE_DELIVERY_DEMO_H_
