// -----------------------------------------------------------------------------
// File: core/bank/lifecycle.h
// -----------------------------------------------------------------------------
//
// The item lifecycle as pure rules (who may do what is decided in the service layer, which knows
// roles; what is possible in which state is decided here):
//
//   draft ──submit──▶ in_review ──approve──▶ approved
//     ▲                  │
//     └─request_changes──┘
//   draft | in_review | approved ──retire──▶ retired (final)
//
//   edit: allowed in draft and approved; always appends a new version whose status is draft
//         (an approved item's new text must be reviewed again; papers keep the old version).
//
// A reviewer is never the item's author, nor the person who wrote the version under review.

#ifndef KAOPING_CORE_BANK_LIFECYCLE_H_
#define KAOPING_CORE_BANK_LIFECYCLE_H_

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "core/bank/item.h"

namespace kaoping::bank {

enum class ReviewAction { kSubmit, kApprove, kRequestChanges, kRetire };
const char* ReviewActionName(ReviewAction a);     // "submit" | "approve" | "request_changes" | "retire"
const char* ReviewActionLabelZh(ReviewAction a);  // "提交审核" …
// Accepts the names above and "request-changes".
std::optional<ReviewAction> ParseReviewAction(const std::string& s);

// The status after `action`, or FAILED_PRECONDITION ("item.bad_transition") naming both states.
Result<ItemStatus> NextStatus(ItemStatus from, ReviewAction action);

// FAILED_PRECONDITION ("item.not_editable") unless an item in `status` may be edited.
Status CheckEditable(const Item& latest);

// PERMISSION_DENIED ("item.self_review") when `reviewer` wrote the item or the version under
// review (`version_editor`, may be empty).
Status CheckReviewer(const Item& item, const std::string& version_editor, const std::string& reviewer);

// Consistency of lifecycle fields on an item arriving from outside (an import): an approved item
// names a reviewer who is not its author; a draft or in-review item names no reviewer. Problems
// use the field names of the canonical JSON.
std::vector<ItemProblem> CheckLifecycleFields(const Item& item);

}  // namespace kaoping::bank

#endif  // KAOPING_CORE_BANK_LIFECYCLE_H_
