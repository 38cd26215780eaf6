#include "core/delivery/access.h"

#include <algorithm>

namespace kaoping::delivery {
namespace {

bool Contains(const std::vector<std::int64_t>& v, std::int64_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

bool IsKnownRole(std::string_view role) {
  for (const char* r : kAllRoles) {
    if (role == r) return true;
  }
  return false;
}

bool Principal::Has(std::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

const char* ActionName(Action a) {
  switch (a) {
    case Action::kTakeAttempt:
      return "take_attempt";
    case Action::kViewAttempt:
      return "view_attempt";
    case Action::kProctorAttempt:
      return "proctor_attempt";
    case Action::kReviewAttempt:
      return "review_attempt";
    case Action::kViewRegistration:
      return "view_registration";
    case Action::kDecideRegistration:
      return "decide_registration";
    case Action::kViewProfile:
      return "view_profile";
    case Action::kViewIdNumber:
      return "view_id_number";
    case Action::kManagePlans:
      return "manage_plans";
    case Action::kViewPlans:
      return "view_plans";
    case Action::kViewSessionRoster:
      return "view_session_roster";
    case Action::kReadAudit:
      return "read_audit";
    case Action::kManageUsers:
      return "manage_users";
  }
  return "unknown";
}

bool Allowed(const Principal& p, Action a, const ObjectFacts& f) {
  if (p.user_id <= 0) return false;
  const bool owner = f.owner_user_id != 0 && f.owner_user_id == p.user_id;
  const bool proctor = p.Has("proctor") && Contains(f.proctors, p.user_id);
  const bool examiner = p.Has("examiner") && Contains(f.examiners, p.user_id);
  const bool admin = p.Has("admin");
  switch (a) {
    case Action::kTakeAttempt:
      return owner && p.Has("candidate");
    case Action::kViewAttempt:
      return owner || proctor || examiner || admin;
    case Action::kProctorAttempt:
      return proctor || admin;
    case Action::kReviewAttempt:
      return examiner || admin;
    case Action::kViewRegistration:
      return owner || proctor || examiner || admin;
    case Action::kDecideRegistration:
      return admin;
    case Action::kViewProfile:
      return owner || proctor || admin;
    case Action::kViewIdNumber:
      return admin;
    case Action::kManagePlans:
      return admin;
    case Action::kViewPlans:
      return !p.roles.empty();
    case Action::kViewSessionRoster:
      return proctor || examiner || admin;
    case Action::kReadAudit:
      return admin || p.Has("auditor");
    case Action::kManageUsers:
      return admin;
  }
  return false;
}

bool RoleMayEver(const Principal& p, Action a) {
  switch (a) {
    case Action::kTakeAttempt:
      return p.Has("candidate");
    case Action::kViewAttempt:
      return p.Has("candidate") || p.Has("proctor") || p.Has("examiner") || p.Has("admin");
    case Action::kProctorAttempt:
      return p.Has("proctor") || p.Has("admin");
    case Action::kReviewAttempt:
      return p.Has("examiner") || p.Has("admin");
    case Action::kViewRegistration:
      return p.Has("candidate") || p.Has("proctor") || p.Has("examiner") || p.Has("admin");
    case Action::kDecideRegistration:
      return p.Has("admin");
    case Action::kViewProfile:
      return p.Has("candidate") || p.Has("proctor") || p.Has("admin");
    case Action::kViewIdNumber:
      return p.Has("admin");
    case Action::kManagePlans:
      return p.Has("admin");
    case Action::kViewPlans:
      return !p.roles.empty();
    case Action::kViewSessionRoster:
      return p.Has("proctor") || p.Has("examiner") || p.Has("admin");
    case Action::kReadAudit:
      return p.Has("admin") || p.Has("auditor");
    case Action::kManageUsers:
      return p.Has("admin");
  }
  return false;
}

}  // namespace kaoping::delivery
