// -----------------------------------------------------------------------------
// File: service/auth.h
// -----------------------------------------------------------------------------
//
// Accounts and sessions. Passwords are Argon2id (service/crypto.h). A login creates a session
// token (256 random bits, shown once, stored only as TokenDigest) of one of two kinds:
//
//   cookie  for browsers: `kaoping_session` (HttpOnly, SameSite=Strict, Path=/) plus a CSRF
//           token in `kaoping_csrf` (readable by the page, SameSite=Strict). Unsafe methods
//           (POST, PUT, PATCH, DELETE) authenticated by the cookie must repeat the CSRF token in
//           the `X-CSRF-Token` header (double submit); the token is also bound to the session
//           (its digest is stored), so a planted cookie does not work either.
//   bearer  for API clients: `Authorization: Bearer <token>`; no CSRF check (browsers never
//           attach it on their own).
//
// Login throttling, per account AND per client address: after `free_failures` consecutive
// failures every further failure blocks the key for base × 2^(n − free) (capped); while blocked,
// logins are refused with RESOURCE_EXHAUSTED "auth.throttled" (HTTP 429) and the seconds to wait.
// The per-address threshold is much higher than the per-account one, so one exam room behind a
// NAT is not locked out by a few typos. A successful login clears the account's counter.
// Unknown logins cost the same Argon2id verification as known ones.
//
// Authenticate() resolves a request to an Actor (service/actor.h): UNAUTHENTICATED
// "auth.required" / "auth.expired" (401), PERMISSION_DENIED "auth.csrf" (403). Sessions are
// cached in memory for up to a minute (one database read per token per minute, not per request;
// expiry is still checked on every request); logouts, role and password changes made through
// this process invalidate the cache at once.
//
// Thread safety: all methods are thread-safe.

#ifndef KAOPING_SERVICE_AUTH_H_
#define KAOPING_SERVICE_AUTH_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "base/clock.h"
#include "base/result.h"
#include "service/actor.h"
#include "service/audit.h"
#include "store/delivery_store.h"
#include "store/store.h"

namespace kaoping::http {
struct Request;
}  // namespace kaoping::http

namespace kaoping::service {

inline constexpr const char* kSessionCookie = "kaoping_session";
inline constexpr const char* kCsrfCookie = "kaoping_csrf";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

struct AuthOptions {
  std::chrono::milliseconds cookie_ttl{std::chrono::hours(12)};
  std::chrono::milliseconds bearer_ttl{std::chrono::hours(24 * 7)};
  int account_free_failures = 5;
  int address_free_failures = 50;
  std::chrono::milliseconds base_backoff{std::chrono::seconds(1)};
  std::chrono::milliseconds max_backoff{std::chrono::minutes(15)};
  std::chrono::milliseconds cache_ttl{std::chrono::seconds(60)};
  int min_password_length = 8;
  // Public sign-up attempts accepted per client address per window (fixed window); beyond
  // that sign-up answers RESOURCE_EXHAUSTED "auth.signup_throttled" (429) until the window ends.
  int signups_per_window = 100;  // a training centre behind one NAT may enrol a class at once
  std::chrono::milliseconds signup_window{std::chrono::hours(1)};
};

struct LoginRequest {
  std::string login;
  std::string password;
  std::string remote;  // "ip:port" or "ip"
  bool bearer = false;
};

struct LoginResult {
  Actor actor;
  std::string token;       // the session token (cookie value or bearer token), shown once
  std::string csrf_token;  // cookie sessions only
  std::int64_t expires_ms = 0;
  bool must_change_password = false;
};

// What a request carries, already extracted from headers.
struct Credentials {
  std::string session_cookie;
  std::string csrf_cookie;
  std::string csrf_header;
  std::string bearer;
  bool unsafe_method = false;
};

class Authenticator {
 public:
  Authenticator(store::Store& users, store::DeliveryStore& store, AuditLog& audit, const Clock& clock,
                AuthOptions options = {});

  // Errors: INVALID_ARGUMENT "auth.bad_request" (empty login/password or over 256 bytes),
  // UNAUTHENTICATED "auth.bad_credentials" (unknown login or wrong password — the same answer
  // for both), RESOURCE_EXHAUSTED "auth.throttled" with *retry_after_seconds set.
  Result<LoginResult> Login(const LoginRequest& request, std::int64_t* retry_after_seconds);
  // Ends the session the credentials carry (idempotent).
  Status Logout(const Credentials& credentials, const std::string& remote);

  Result<Actor> Authenticate(const Credentials& credentials);
  // Extracts cookies / the bearer token / the CSRF header from the request, then as above.
  // This overload and Hook() are defined in api/auth_routes.cc (the interfaces layer), so the
  // service library itself has no HTTP dependency; link kp::api to use them.
  Result<Actor> Authenticate(const http::Request& request);
  // A hook other areas' routes take: std::function<Result<Actor>(const http::Request&)>.
  std::function<Result<Actor>(const http::Request&)> Hook();

  // Issues a bearer session for `user_id` without a password (administrators provisioning
  // accounts they just created; see DeliveryService::CreateUsers). Returns the token.
  Result<std::string> IssueBearer(std::int64_t user_id);

  // Checks the old password, sets the new one (INVALID_ARGUMENT "auth.weak_password" when shorter
  // than min_password_length) and ends every session of the user.
  Status ChangePassword(const Actor& actor, const std::string& old_password, const std::string& new_password,
                        const std::string& remote);
  // Counts one public sign-up attempt from `remote` (per address, fixed window); RESOURCE_EXHAUSTED
  // "auth.signup_throttled" with *retry_after_seconds set when the address used up its window.
  Status AdmitSignup(const std::string& remote, std::int64_t* retry_after_seconds);
  // Validates a new password's length.
  Status CheckPasswordStrength(const std::string& password) const;

  // Drops cached sessions of a user (after role or password changes).
  void InvalidateUser(std::int64_t user_id);

  const AuthOptions& options() const { return options_; }

 private:
  struct Cached {
    Actor actor;
    std::string kind;
    std::string csrf_digest;
    std::int64_t expires_ms = 0;
    std::int64_t cached_at_ms = 0;
  };
  Result<std::shared_ptr<const Cached>> Resolve(const std::string& digest);
  Status NoteFailure(const std::string& key, int free_failures, std::int64_t now);

  store::Store& users_;
  store::DeliveryStore& store_;
  AuditLog& audit_;
  const Clock& clock_;
  AuthOptions options_;
  std::string dummy_hash_;  // verified against for unknown logins (equal cost)
  std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const Cached>> cache_;
  std::mutex signup_mu_;
};

// "203.0.113.5:51234" → "203.0.113.5"; "[::1]:8080" → "::1".
std::string AddressOf(const std::string& remote);

// Parses a Cookie header ("a=1; b=2") and returns the value of `name`.
std::optional<std::string> CookieValue(std::string_view header, std::string_view name);

}  // namespace kaoping::service

#endif  // KAOPING_SERVICE_AUTH_H_
