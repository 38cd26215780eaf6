// -----------------------------------------------------------------------------
// File: service/actor.h
// -----------------------------------------------------------------------------
//
// The authenticated caller of a request. Produced by service::Authenticator (service/auth.h)
// from a session cookie or a bearer token; routes of every area receive it through a hook of
// type `std::function<Result<Actor>(const http::Request&)>` and decide access with Has().
//
// Roles are the stable lowercase names: admin, author, reviewer, proctor, examiner, candidate,
// org, auditor. An Actor is a plain value: copying it is cheap and it never refers back to the
// store, so it stays valid after the request that produced it.

#ifndef KAOPING_SERVICE_ACTOR_H_
#define KAOPING_SERVICE_ACTOR_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kaoping::service {

struct Actor {
  std::int64_t user_id = 0;
  std::string login;
  std::string display_name;
  std::vector<std::string> roles;
  // Set for accounts created with an initial password (bulk provisioning, admin-created with
  // the flag): until the password is changed only /auth/me, /auth/password and /auth/logout
  // accept the session (api/auth_routes.cc); every other route answers 403
  // "auth.password_change_required".
  bool must_change_password = false;

  // True when the actor holds `role` (exact, case-sensitive match).
  bool Has(std::string_view role) const { return std::find(roles.begin(), roles.end(), role) != roles.end(); }
};

}  // namespace kaoping::service

#endif  // KAOPING_SERVICE_ACTOR_H_
