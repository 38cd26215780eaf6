#include "service/auth.h"

#include <algorithm>

#include "service/crypto.h"

namespace kaoping::service {
namespace {

Status BadCredentials() {
  return Unauthenticated("auth.bad_credentials", "wrong login or password", "登录名或密码错误");
}

}  // namespace

std::string AddressOf(const std::string& remote) {
  if (!remote.empty() && remote.front() == '[') {
    size_t end = remote.find(']');
    return end == std::string::npos ? remote : remote.substr(1, end - 1);
  }
  size_t colon = remote.rfind(':');
  if (colon == std::string::npos || remote.find(':') != colon) return remote;
  return remote.substr(0, colon);
}

std::optional<std::string> CookieValue(std::string_view header, std::string_view name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view part = header.substr(pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
    pos = end + 1;
  }
  return std::nullopt;
}

Authenticator::Authenticator(store::Store& users, store::DeliveryStore& store, AuditLog& audit,
                             const Clock& clock, AuthOptions options)
    : users_(users), store_(store), audit_(audit), clock_(clock), options_(options) {
  InitCrypto().IgnoreError();
  dummy_hash_ = HashPassword(RandomToken(16)).value_or("");
}

Status Authenticator::NoteFailure(const std::string& key, int free_failures, std::int64_t now) {
  KP_ASSIGN_OR_RETURN(store::ThrottleRecord r, store_.GetThrottle(key));
  r.key = key;
  r.failures += 1;
  r.last_failure_ms = now;
  if (r.failures >= free_failures) {
    int over = std::min(r.failures - free_failures, 30);
    std::int64_t backoff = options_.base_backoff.count() << over;
    backoff = std::min<std::int64_t>(backoff, options_.max_backoff.count());
    r.blocked_until_ms = now + backoff;
  }
  return store_.PutThrottle(r);
}

Status Authenticator::AdmitSignup(const std::string& remote, std::int64_t* retry_after_seconds) {
  if (retry_after_seconds) *retry_after_seconds = 0;
  const std::int64_t now = ToUnixMillis(clock_.Now());
  const std::string key = "signup:" + AddressOf(remote);
  std::lock_guard<std::mutex> lock(signup_mu_);  // read-modify-write of one counter
  KP_ASSIGN_OR_RETURN(store::ThrottleRecord r, store_.GetThrottle(key));
  r.key = key;
  // last_failure_ms holds the start of the current window; failures the attempts inside it.
  if (r.failures == 0 || now - r.last_failure_ms >= options_.signup_window.count() ||
      now < r.last_failure_ms) {
    r.failures = 0;
    r.last_failure_ms = now;
  }
  if (r.failures >= options_.signups_per_window) {
    std::int64_t wait = (r.last_failure_ms + options_.signup_window.count() - now + 999) / 1000;
    if (retry_after_seconds) *retry_after_seconds = wait;
    return ResourceExhausted(
        "auth.signup_throttled",
        "too many sign-ups from this address; try again in " + std::to_string(wait) + " s",
        "该网络地址注册次数过多，请 " + std::to_string(wait) + " 秒后再试");
  }
  r.failures += 1;
  r.blocked_until_ms = r.last_failure_ms + options_.signup_window.count();
  return store_.PutThrottle(r);
}

Result<LoginResult> Authenticator::Login(const LoginRequest& req, std::int64_t* retry_after_seconds) {
  if (retry_after_seconds) *retry_after_seconds = 0;
  if (req.login.empty() || req.password.empty() || req.login.size() > 256 || req.password.size() > 256) {
    return InvalidArgument("auth.bad_request", "give a login and a password (at most 256 bytes each)",
                           "请填写登录名和密码");
  }
  const std::int64_t now = ToUnixMillis(clock_.Now());
  const std::string account_key = "account:" + req.login;
  const std::string address_key = "address:" + AddressOf(req.remote);
  KP_ASSIGN_OR_RETURN(store::ThrottleRecord acc, store_.GetThrottle(account_key));
  KP_ASSIGN_OR_RETURN(store::ThrottleRecord addr, store_.GetThrottle(address_key));
  std::int64_t blocked_until = std::max(acc.blocked_until_ms, addr.blocked_until_ms);
  Actor anonymous;
  if (blocked_until > now) {
    std::int64_t wait = (blocked_until - now + 999) / 1000;
    if (retry_after_seconds) *retry_after_seconds = wait;
    audit_
        .Record(anonymous, "auth.login_throttled", "user:" + req.login,
                "{\"retry_after_s\":" + std::to_string(wait) + "}", req.remote)
        .IgnoreError();
    return ResourceExhausted("auth.throttled",
                             "too many failed logins; try again in " + std::to_string(wait) + " s",
                             "登录失败次数过多，请 " + std::to_string(wait) + " 秒后再试");
  }
  auto user = users_.FindUserByLogin(req.login);
  bool ok = false;
  if (user.ok()) {
    ok = VerifyPassword(req.password, user->password_hash);
  } else {
    if (user.status().code() != StatusCode::kNotFound) return user.status();
    VerifyPassword(req.password, dummy_hash_);  // same cost as a real check
  }
  if (!ok) {
    KP_RETURN_IF_ERROR(NoteFailure(account_key, options_.account_free_failures, now));
    KP_RETURN_IF_ERROR(NoteFailure(address_key, options_.address_free_failures, now));
    Actor who;
    if (user.ok()) who.user_id = user->id.value();
    who.login = req.login;
    audit_.Record(who, "auth.login_failed", "user:" + req.login, "{}", req.remote).IgnoreError();
    return BadCredentials();
  }
  if (acc.failures > 0) KP_RETURN_IF_ERROR(store_.ClearThrottle(account_key));
  LoginResult out;
  out.actor =
      Actor{user->id.value(), user->login, user->display_name, user->roles, user->must_change_password};
  out.token = RandomToken(32);
  store::AuthSessionRecord s;
  s.token_digest = TokenDigest(out.token);
  s.user_id = user->id.value();
  s.kind = req.bearer ? "bearer" : "cookie";
  if (!req.bearer) {
    out.csrf_token = RandomToken(24);
    s.csrf_digest = TokenDigest(out.csrf_token);
  }
  s.created_ms = now;
  s.expires_ms = now + (req.bearer ? options_.bearer_ttl : options_.cookie_ttl).count();
  out.expires_ms = s.expires_ms;
  out.must_change_password = user->must_change_password;
  KP_RETURN_IF_ERROR(store_.CreateAuthSession(s));
  KP_RETURN_IF_ERROR(audit_.Record(out.actor, "auth.login", "user:" + user->login,
                                   std::string("{\"kind\":\"") + s.kind + "\"}", req.remote));
  return out;
}

Status Authenticator::Logout(const Credentials& c, const std::string& remote) {
  const std::string& token = !c.bearer.empty() ? c.bearer : c.session_cookie;
  if (token.empty()) return Status();
  std::string digest = TokenDigest(token);
  auto resolved = Resolve(digest);
  {
    std::lock_guard<std::mutex> lock(mu_);
    cache_.erase(digest);
  }
  KP_RETURN_IF_ERROR(store_.DeleteAuthSession(digest));
  if (resolved.ok()) {
    const Actor& who = (*resolved)->actor;
    audit_.Record(who, "auth.logout", "user:" + who.login, "{}", remote).IgnoreError();
  }
  return Status();
}

Result<std::shared_ptr<const Authenticator::Cached>> Authenticator::Resolve(const std::string& digest) {
  const std::int64_t now = ToUnixMillis(clock_.Now());
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = cache_.find(digest);
    if (it != cache_.end() && now - it->second->cached_at_ms < options_.cache_ttl.count() &&
        now >= it->second->cached_at_ms) {
      return it->second;
    }
  }
  auto found = store_.FindSessionUser(digest);
  if (!found.ok()) {
    if (found.status().code() == StatusCode::kNotFound) {
      return Unauthenticated("auth.required", "the session is unknown or has ended; log in again",
                             "登录已失效，请重新登录");
    }
    return found.status();
  }
  const store::AuthSessionRecord* s = &found->session;
  const store::UserRecord* user = &found->user;
  auto c = std::make_shared<Cached>();
  // An administrator-issued bearer token (provisioned exam clients) was not obtained with the
  // initial password, so it is not held back until that password is changed.
  const bool issued = s->kind == "bearer" && s->csrf_digest == store::kIssuedBearerMarker;
  c->actor = Actor{user->id.value(), user->login, user->display_name, user->roles,
                   user->must_change_password && !issued};
  c->kind = s->kind;
  c->csrf_digest = s->csrf_digest;
  c->expires_ms = s->expires_ms;
  c->cached_at_ms = now;
  std::shared_ptr<const Cached> out = std::move(c);
  std::lock_guard<std::mutex> lock(mu_);
  if (cache_.size() > 100000) cache_.clear();  // bounded; entries are cheap to rebuild
  cache_[digest] = out;
  return out;
}

Result<Actor> Authenticator::Authenticate(const Credentials& cr) {
  const std::int64_t now = ToUnixMillis(clock_.Now());
  const bool by_bearer = !cr.bearer.empty();
  if (!by_bearer && cr.session_cookie.empty()) {
    return Unauthenticated("auth.required", "log in first (session cookie or bearer token)", "请先登录");
  }
  if ((by_bearer ? cr.bearer : cr.session_cookie).size() > 256) {
    return Unauthenticated("auth.required", "the session token is not valid", "登录凭证无效，请重新登录");
  }
  std::string digest = TokenDigest(by_bearer ? cr.bearer : cr.session_cookie);
  KP_ASSIGN_OR_RETURN(std::shared_ptr<const Cached> cached, Resolve(digest));
  const Cached& c = *cached;
  if (c.kind != (by_bearer ? "bearer" : "cookie")) {
    return Unauthenticated("auth.required", "the token is not valid for this kind of authentication",
                           "登录凭证无效，请重新登录");
  }
  if (now >= c.expires_ms) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      cache_.erase(digest);
    }
    store_.DeleteAuthSession(digest).IgnoreError();
    return Unauthenticated("auth.expired", "the session has expired; log in again", "登录已过期，请重新登录");
  }
  if (!by_bearer && cr.unsafe_method) {
    if (cr.csrf_header.empty() || cr.csrf_header != cr.csrf_cookie || cr.csrf_header.size() > 256 ||
        TokenDigest(cr.csrf_header) != c.csrf_digest) {
      return PermissionDenied(
          "auth.csrf", "missing or wrong X-CSRF-Token header (it must repeat the kaoping_csrf cookie)",
          "缺少或错误的 X-CSRF-Token 请求头（应与 kaoping_csrf Cookie 相同），请刷新页面后重试");
    }
  }
  return c.actor;
}

Result<std::string> Authenticator::IssueBearer(std::int64_t user_id) {
  const std::int64_t now = ToUnixMillis(clock_.Now());
  std::string token = RandomToken(32);
  store::AuthSessionRecord s{TokenDigest(token),
                             user_id,
                             "bearer",
                             std::string(store::kIssuedBearerMarker),
                             now,
                             now + options_.bearer_ttl.count()};
  KP_RETURN_IF_ERROR(store_.CreateAuthSession(s));
  return token;
}

Status Authenticator::CheckPasswordStrength(const std::string& password) const {
  if (static_cast<int>(password.size()) < options_.min_password_length || password.size() > 256) {
    return InvalidArgument(
        "auth.weak_password",
        "a password needs at least " + std::to_string(options_.min_password_length) + " characters",
        "密码至少需要 " + std::to_string(options_.min_password_length) + " 个字符");
  }
  return Status();
}

Status Authenticator::ChangePassword(const Actor& actor, const std::string& old_password,
                                     const std::string& new_password, const std::string& remote) {
  KP_RETURN_IF_ERROR(CheckPasswordStrength(new_password));
  KP_ASSIGN_OR_RETURN(store::UserRecord user, users_.GetUser(store::UserId(actor.user_id)));
  if (!VerifyPassword(old_password, user.password_hash)) {
    audit_.Record(actor, "auth.password_change_failed", "user:" + actor.login, "{}", remote).IgnoreError();
    return Unauthenticated("auth.bad_credentials", "the current password is wrong", "当前密码错误");
  }
  KP_ASSIGN_OR_RETURN(std::string hash, HashPassword(new_password));
  KP_RETURN_IF_ERROR(store_.SetPasswordHash(
      actor.user_id, hash, false,
      audit_.Entry(actor, "auth.password_change", "user:" + actor.login, "{}", remote)));
  KP_RETURN_IF_ERROR(store_.DeleteUserAuthSessions(actor.user_id));
  InvalidateUser(actor.user_id);
  return Status();
}

void Authenticator::InvalidateUser(std::int64_t user_id) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = cache_.begin(); it != cache_.end();) {
    it = it->second->actor.user_id == user_id ? cache_.erase(it) : std::next(it);
  }
}

}  // namespace kaoping::service
