// -----------------------------------------------------------------------------
// File: core/delivery/access.h
// -----------------------------------------------------------------------------
//
// Who may do what to which exam object. Decisions depend on the caller's roles AND on the
// object's relations to the caller (owner; proctor or examiner assigned to its session), so
// every object access is checked, not only the route:
//
//   action                    allowed for
//   ------------------------  ---------------------------------------------------------------
//   kTakeAttempt              the owning candidate only (start, fetch items, save, flag, submit)
//   kViewAttempt              owner; proctors/examiners of its session; admin
//   kProctorAttempt           proctors of its session; admin
//   kReviewAttempt            examiners of its session; admin (answers WITH keys and rubrics)
//   kViewRegistration         owner; proctors/examiners of its session; admin
//   kDecideRegistration       admin
//   kViewProfile              owner; admin; proctors of a session the candidate sits in (masked)
//   kViewIdNumber             admin (clear text; every read is audited)
//   kManagePlans              admin
//   kViewPlans                every authenticated role
//   kViewSessionRoster        proctors/examiners of the session; admin
//   kReadAudit                admin, auditor
//   kManageUsers              admin
//
// A caller without the relation gets NOT_FOUND from the service (never 403) for objects, so
// ids cannot be probed; a caller whose role can never perform an action gets PERMISSION_DENIED.
//
// Pure functions; thread-safe.

#ifndef KAOPING_CORE_DELIVERY_ACCESS_H_
#define KAOPING_CORE_DELIVERY_ACCESS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kaoping::delivery {

inline constexpr const char* kAllRoles[] = {"admin",    "author",    "reviewer", "proctor",
                                            "examiner", "candidate", "org",      "auditor"};
bool IsKnownRole(std::string_view role);

struct Principal {
  std::int64_t user_id = 0;
  std::vector<std::string> roles;
  bool Has(std::string_view role) const;
};

// The object's relations, as far as they matter for access.
struct ObjectFacts {
  std::int64_t owner_user_id = 0;
  std::vector<std::int64_t> proctors;  // of the session the object belongs to
  std::vector<std::int64_t> examiners;
};

enum class Action {
  kTakeAttempt,
  kViewAttempt,
  kProctorAttempt,
  kReviewAttempt,
  kViewRegistration,
  kDecideRegistration,
  kViewProfile,
  kViewIdNumber,
  kManagePlans,
  kViewPlans,
  kViewSessionRoster,
  kReadAudit,
  kManageUsers,
};
const char* ActionName(Action a);

// True when `p` may perform `a` on the object described by `facts`.
bool Allowed(const Principal& p, Action a, const ObjectFacts& facts);

// True when some object could exist on which `p` may perform `a` (a role check only): used to
// answer 403 for a role that can never do it, and 404 for an object it may not see.
bool RoleMayEver(const Principal& p, Action a);

}  // namespace kaoping::delivery

#endif  // KAOPING_CORE_DELIVERY_ACCESS_H_
