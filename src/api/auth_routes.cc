#include "api/auth_routes.h"

#include <cmath>
#include <limits>

#include "http/problem.h"

namespace kaoping {

// ---- service::Authenticator's HTTP face (declared in service/auth.h) ---------------------------

namespace service {

Result<Actor> Authenticator::Authenticate(const http::Request& r) {
  Credentials c;
  if (auto auth = r.Header("Authorization")) {
    std::string_view v = *auth;
    if (v.size() > 7 && http::EqualsIgnoreCase(v.substr(0, 7), "Bearer ")) {
      v.remove_prefix(7);
      while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
      c.bearer = std::string(v);
    } else {
      return Unauthenticated("auth.required", "only 'Authorization: Bearer <token>' is supported",
                             "仅支持 Bearer 令牌认证");
    }
  }
  for (auto header : r.headers.GetAll("Cookie")) {
    if (c.session_cookie.empty()) c.session_cookie = CookieValue(header, kSessionCookie).value_or("");
    if (c.csrf_cookie.empty()) c.csrf_cookie = CookieValue(header, kCsrfCookie).value_or("");
  }
  c.csrf_header = std::string(r.Header(kCsrfHeader).value_or(""));
  c.unsafe_method =
      r.method != http::Method::kGet && r.method != http::Method::kHead && r.method != http::Method::kOptions;
  KP_ASSIGN_OR_RETURN(Actor actor, Authenticate(c));
  if (actor.must_change_password && r.path != "/api/v1/auth/password" && r.path != "/api/v1/auth/me" &&
      r.path != "/api/v1/auth/logout") {
    return PermissionDenied(
        "auth.password_change_required",
        "this account still has its initial password: change it first (POST /api/v1/auth/password)",
        "该账号仍在使用初始密码，请先修改密码后再继续操作");
  }
  return actor;
}

std::function<Result<Actor>(const http::Request&)> Authenticator::Hook() {
  return [this](const http::Request& r) { return Authenticate(r); };
}

}  // namespace service

namespace api {
namespace rest {

using http::Request;
using http::Response;

Response Problem(const Status& s, const Request& r) {
  return Response::Problem(s, r.request_id);
}

http::Handler Authed(service::Authenticator* auth,
                     std::function<Response(const Request&, const service::Actor&)> fn) {
  return [auth, fn = std::move(fn)](const Request& r) -> Response {
    auto actor = auth->Authenticate(r);
    if (!actor.ok()) return Problem(actor.status(), r);
    return fn(r, *actor);
  };
}

Result<Json> ObjectBody(const Request& r) {
  KP_ASSIGN_OR_RETURN(Json body, ParseJsonBody(r));
  if (!body.is_object()) {
    return InvalidArgument("request.bad_body", "the body must be a JSON object", "请求体应为 JSON 对象");
  }
  return body;
}

Status OnlyFields(const Json& o, std::initializer_list<const char*> known) {
  for (auto it = o.begin(); it != o.end(); ++it) {
    bool ok = false;
    for (const char* k : known) ok = ok || it.key() == k;
    if (!ok) {
      return InvalidArgument("request.unknown_field", "unknown field '" + it.key() + "'",
                             "未知字段“" + it.key() + "”");
    }
  }
  return Status();
}

namespace {

Status TypeError(const char* key, const char* expected_en, const char* expected_zh) {
  return InvalidArgument("request.bad_field", std::string("field '") + key + "' must be " + expected_en,
                         std::string("字段“") + key + "”应为" + expected_zh);
}

Status Missing(const char* key) {
  return InvalidArgument("request.missing_field", std::string("field '") + key + "' is required",
                         std::string("缺少字段“") + key + "”");
}

// An integral JSON number within [min, max], rejecting fractions and values beyond int64.
Result<std::int64_t> AsInt(const Json& v, const char* key, std::int64_t min, std::int64_t max) {
  std::int64_t out = 0;
  if (v.is_number_integer() && !v.is_number_unsigned()) {
    out = v.get<std::int64_t>();
  } else if (v.is_number_unsigned()) {
    auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return TypeError(key, "an integer in range", "范围内的整数");
    }
    out = static_cast<std::int64_t>(u);
  } else {
    return TypeError(key, "an integer", "整数");
  }
  if (out < min || out > max) {
    return InvalidArgument(
        "request.out_of_range",
        std::string("field '") + key + "' must be between " + std::to_string(min) + " and " +
            std::to_string(max),
        std::string("字段“") + key + "”应在 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间");
  }
  return out;
}

}  // namespace

Result<std::string> Str(const Json& o, const char* key, bool required, size_t max_bytes) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) {
    if (required) return Missing(key);
    return std::string();
  }
  if (!it->is_string()) return TypeError(key, "a string", "字符串");
  const auto& s = it->get_ref<const std::string&>();
  if (s.size() > max_bytes) {
    return InvalidArgument("request.too_long", std::string("field '") + key + "' is too long",
                           std::string("字段“") + key + "”过长");
  }
  return s;
}

Result<std::int64_t> Int(const Json& o, const char* key, bool required, std::int64_t min, std::int64_t max,
                         std::int64_t fallback) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) {
    if (required) return Missing(key);
    return fallback;
  }
  return AsInt(*it, key, min, max);
}

Result<bool> Bool(const Json& o, const char* key, bool required, bool fallback) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) {
    if (required) return Missing(key);
    return fallback;
  }
  if (!it->is_boolean()) return TypeError(key, "true or false", "true 或 false");
  return it->get<bool>();
}

Result<std::vector<std::int64_t>> IntList(const Json& o, const char* key, std::int64_t min, std::int64_t max,
                                          size_t max_items) {
  std::vector<std::int64_t> out;
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return out;
  if (!it->is_array() || it->size() > max_items) return TypeError(key, "a list of integers", "整数列表");
  for (const auto& v : *it) {
    KP_ASSIGN_OR_RETURN(std::int64_t x, AsInt(v, key, min, max));
    out.push_back(x);
  }
  return out;
}

Result<std::vector<std::string>> StrList(const Json& o, const char* key, size_t max_items, size_t max_bytes) {
  std::vector<std::string> out;
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return out;
  if (!it->is_array() || it->size() > max_items) return TypeError(key, "a list of strings", "字符串列表");
  for (const auto& v : *it) {
    if (!v.is_string() || v.get_ref<const std::string&>().size() > max_bytes) {
      return TypeError(key, "a list of strings", "字符串列表");
    }
    out.push_back(v.get<std::string>());
  }
  return out;
}

Result<std::int64_t> PathId(const Request& r, const char* name) {
  std::string_view v = r.PathParam(name).value_or("");
  std::int64_t out = 0;
  bool ok = !v.empty() && v.size() <= 15;
  for (char c : v) {
    ok = ok && c >= '0' && c <= '9';
    if (ok) out = out * 10 + (c - '0');
  }
  if (!ok || out <= 0) {
    return InvalidArgument("request.bad_id", std::string("'") + name + "' must be a positive integer id",
                           std::string("“") + name + "”应为正整数编号");
  }
  return out;
}

Result<std::int64_t> QueryInt(const Request& r, const char* name, std::int64_t min, std::int64_t max,
                              std::int64_t fallback) {
  auto v = r.Query(name);
  if (!v || v->empty()) return fallback;
  std::int64_t out = 0;
  bool ok = v->size() <= 18;
  bool neg = false;
  std::string_view s = *v;
  if (!s.empty() && s.front() == '-') {
    neg = true;
    s.remove_prefix(1);
  }
  ok = ok && !s.empty();
  for (char c : s) {
    ok = ok && c >= '0' && c <= '9';
    if (ok) out = out * 10 + (c - '0');
  }
  if (neg) out = -out;
  if (!ok || out < min || out > max) {
    return InvalidArgument("request.bad_query",
                           std::string("query parameter '") + name + "' must be an integer from " +
                               std::to_string(min) + " to " + std::to_string(max),
                           std::string("查询参数“") + name + "”应为 " + std::to_string(min) + " 到 " +
                               std::to_string(max) + " 之间的整数");
  }
  return out;
}

Json UserJson(const store::UserRecord& u) {
  return Json{
      {"id", u.id.value()}, {"login", u.login},           {"display_name", u.display_name},
      {"roles", u.roles},   {"created_ms", u.created_ms}, {"must_change_password", u.must_change_password}};
}

Json ParsedOrString(const std::string& text) {
  Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  return j.is_discarded() ? Json(text) : j;
}

Json ActorJson(const service::Actor& a) {
  return Json{{"id", a.user_id},
              {"login", a.login},
              {"display_name", a.display_name},
              {"roles", a.roles},
              {"must_change_password", a.must_change_password}};
}

}  // namespace rest

namespace {

using http::Method;
using http::Request;
using http::Response;
using rest::Json;
using rest::Problem;

std::string CookieAttributes(const ApiContext& ctx, std::int64_t max_age_s) {
  std::string a = "; Path=/; SameSite=Strict; Max-Age=" + std::to_string(max_age_s);
  if (ctx.public_url.rfind("https://", 0) == 0) a += "; Secure";
  return a;
}

Result<std::vector<service::AccountInput>> Accounts(const Json& arr) {
  std::vector<service::AccountInput> out;
  if (!arr.is_array())
    return InvalidArgument("request.bad_field", "'accounts' must be a list", "“accounts”应为列表");
  for (const auto& a : arr) {
    if (!a.is_object())
      return InvalidArgument("request.bad_field", "each account must be an object", "每个账号应为对象");
    KP_RETURN_IF_ERROR(rest::OnlyFields(a, {"login", "display_name", "roles"}));
    service::AccountInput in;
    KP_ASSIGN_OR_RETURN(in.login, rest::Str(a, "login", true, 64));
    KP_ASSIGN_OR_RETURN(in.display_name, rest::Str(a, "display_name", true, 256));
    KP_ASSIGN_OR_RETURN(in.roles, rest::StrList(a, "roles", 8, 32));
    out.push_back(std::move(in));
  }
  return out;
}

}  // namespace

Status RegisterAuthRoutes(ApiBuilder& b, const ApiContext& ctx) {
  service::Authenticator* auth = ctx.auth;
  service::DeliveryService* svc = ctx.delivery;
  if (!auth || !svc) return Status();

  KP_RETURN_IF_ERROR(
      b.Add(Method::kPost, "/api/v1/auth/login",
            [auth, ctx](const Request& r) -> Response {
              auto body = rest::ObjectBody(r);
              if (!body.ok()) return Problem(body.status(), r);
              Status known = rest::OnlyFields(*body, {"login", "password", "mode"});
              if (!known.ok()) return Problem(known, r);
              auto login = rest::Str(*body, "login", true, 256);
              auto password = rest::Str(*body, "password", true, 256);
              auto mode = rest::Str(*body, "mode", false, 16);
              if (!login.ok()) return Problem(login.status(), r);
              if (!password.ok()) return Problem(password.status(), r);
              if (!mode.ok()) return Problem(mode.status(), r);
              if (!mode->empty() && *mode != "cookie" && *mode != "bearer") {
                return Problem(InvalidArgument("request.bad_field", "mode must be 'cookie' or 'bearer'",
                                               "mode 应为 cookie 或 bearer"),
                               r);
              }
              service::LoginRequest req{*login, *password, r.remote_address, *mode == "bearer"};
              std::int64_t retry_after = 0;
              auto res = auth->Login(req, &retry_after);
              if (!res.ok()) {
                Response p = Problem(res.status(), r);
                if (retry_after > 0) p.headers.Set("Retry-After", std::to_string(retry_after));
                return p;
              }
              Json out{{"user", rest::ActorJson(res->actor)},
                       {"expires_ms", res->expires_ms},
                       {"must_change_password", res->must_change_password}};
              Response resp;
              if (req.bearer) {
                out["token"] = res->token;
                out["token_type"] = "Bearer";
                resp = Response::Json(out);
              } else {
                out["csrf_token"] = res->csrf_token;
                resp = Response::Json(out);
                std::int64_t max_age = auth->options().cookie_ttl.count() / 1000;
                resp.headers.Add("Set-Cookie", std::string(service::kSessionCookie) + "=" + res->token +
                                                   "; HttpOnly" + CookieAttributes(ctx, max_age));
                resp.headers.Add("Set-Cookie", std::string(service::kCsrfCookie) + "=" + res->csrf_token +
                                                   CookieAttributes(ctx, max_age));
              }
              resp.headers.Set("Cache-Control", "no-store");
              return resp;
            },
            {"登录：Cookie 会话或 Bearer 令牌 (log in: cookie session or bearer token)", "auth", {}, true}));

  KP_RETURN_IF_ERROR(b.Add(
      Method::kPost, "/api/v1/auth/logout",
      [auth, ctx](const Request& r) -> Response {
        service::Credentials c;
        if (auto h = r.Header("Authorization"); h && h->size() > 7) c.bearer = std::string(h->substr(7));
        for (auto header : r.headers.GetAll("Cookie")) {
          if (c.session_cookie.empty())
            c.session_cookie = service::CookieValue(header, service::kSessionCookie).value_or("");
        }
        // Only a request that authenticates (CSRF included) may end the session.
        if (auth->Authenticate(r).ok()) {
          Status s = auth->Logout(c, r.remote_address);
          if (!s.ok()) return Problem(s, r);
        }
        Response resp = Response::NoContent();
        resp.headers.Add("Set-Cookie",
                         std::string(service::kSessionCookie) + "=; HttpOnly" + CookieAttributes(ctx, 0));
        resp.headers.Add("Set-Cookie", std::string(service::kCsrfCookie) + "=" + CookieAttributes(ctx, 0));
        return resp;
      },
      {"退出登录 (log out)", "auth", {}, false, true}));

  KP_RETURN_IF_ERROR(b.Add(
      Method::kGet, "/api/v1/auth/me",
      rest::Authed(
          auth, [](const Request&, const service::Actor& a) { return Response::Json(rest::ActorJson(a)); }),
      {"当前用户 (the caller)", "auth", {}, false, true}));

  KP_RETURN_IF_ERROR(
      b.Add(Method::kPost, "/api/v1/auth/password",
            rest::Authed(auth,
                         [auth](const Request& r, const service::Actor& a) -> Response {
                           auto body = rest::ObjectBody(r);
                           if (!body.ok()) return Problem(body.status(), r);
                           Status known = rest::OnlyFields(*body, {"old_password", "new_password"});
                           if (!known.ok()) return Problem(known, r);
                           auto old_pw = rest::Str(*body, "old_password", true, 256);
                           auto new_pw = rest::Str(*body, "new_password", true, 256);
                           if (!old_pw.ok()) return Problem(old_pw.status(), r);
                           if (!new_pw.ok()) return Problem(new_pw.status(), r);
                           Status s = auth->ChangePassword(a, *old_pw, *new_pw, r.remote_address);
                           if (!s.ok()) return Problem(s, r);
                           return Response::NoContent();
                         }),
            {"修改密码（所有会话随之失效）(change password; ends every session)", "auth", {}, true, true}));

  KP_RETURN_IF_ERROR(b.Add(Method::kPost, "/api/v1/auth/signup",
                           [svc, auth](const Request& r) -> Response {
                             std::int64_t retry_after = 0;
                             if (Status admitted = auth->AdmitSignup(r.remote_address, &retry_after);
                                 !admitted.ok()) {
                               Response p = Problem(admitted, r);
                               if (retry_after > 0) p.headers.Set("Retry-After", std::to_string(retry_after));
                               return p;
                             }
                             auto body = rest::ObjectBody(r);
                             if (!body.ok()) return Problem(body.status(), r);
                             Status known = rest::OnlyFields(*body, {"login", "display_name", "password"});
                             if (!known.ok()) return Problem(known, r);
                             auto login = rest::Str(*body, "login", true, 64);
                             auto display = rest::Str(*body, "display_name", true, 256);
                             auto password = rest::Str(*body, "password", true, 256);
                             if (!login.ok()) return Problem(login.status(), r);
                             if (!display.ok()) return Problem(display.status(), r);
                             if (!password.ok()) return Problem(password.status(), r);
                             auto u = svc->Signup(service::AccountInput{*login, *display, {"candidate"}},
                                                  *password, r.remote_address);
                             if (!u.ok()) return Problem(u.status(), r);
                             return Response::Json(rest::UserJson(*u), 201);
                           },
                           {"考生自助注册 (candidate sign-up)", "auth", {}, true}));

  KP_RETURN_IF_ERROR(
      b.Add(Method::kGet, "/api/v1/users",
            rest::Authed(auth,
                         [svc](const Request& r, const service::Actor& a) -> Response {
                           auto limit = rest::QueryInt(r, "limit", 1, 1000, 100);
                           auto after = rest::QueryInt(r, "after", 0, std::int64_t{1} << 53, 0);
                           if (!limit.ok()) return Problem(limit.status(), r);
                           if (!after.ok()) return Problem(after.status(), r);
                           auto users = svc->ListUsers(a, std::string(r.Query("role").value_or("")),
                                                       static_cast<int>(*limit), *after);
                           if (!users.ok()) return Problem(users.status(), r);
                           Json arr = Json::array();
                           for (const auto& u : *users) arr.push_back(rest::UserJson(u));
                           return Response::Json(Json{{"users", arr}});
                         }),
            {"用户列表（管理员）(list users; admin)", "auth", {"role", "after", "limit"}, false, true}));

  KP_RETURN_IF_ERROR(
      b.Add(Method::kPost, "/api/v1/users",
            rest::Authed(auth,
                         [svc](const Request& r, const service::Actor& a) -> Response {
                           auto body = rest::ObjectBody(r);
                           if (!body.ok()) return Problem(body.status(), r);
                           Status known = rest::OnlyFields(
                               *body, {"login", "display_name", "password", "roles", "must_change_password"});
                           if (!known.ok()) return Problem(known, r);
                           auto login = rest::Str(*body, "login", true, 64);
                           auto display = rest::Str(*body, "display_name", true, 256);
                           auto password = rest::Str(*body, "password", true, 256);
                           auto roles = rest::StrList(*body, "roles", 8, 32);
                           auto must = rest::Bool(*body, "must_change_password", false, true);
                           for (const Status* s : {&login.status(), &display.status(), &password.status(),
                                                   &roles.status(), &must.status()}) {
                             if (!s->ok()) return Problem(*s, r);
                           }
                           auto u = svc->CreateUser(a, service::AccountInput{*login, *display, *roles},
                                                    *password, *must, r.remote_address);
                           if (!u.ok()) return Problem(u.status(), r);
                           return Response::Json(rest::UserJson(*u), 201);
                         }),
            {"创建账号并分配角色（管理员）(create an account with roles; admin)", "auth", {}, true, true}));

  KP_RETURN_IF_ERROR(b.Add(
      Method::kPost, "/api/v1/users/bulk",
      rest::Authed(auth,
                   [svc](const Request& r, const service::Actor& a) -> Response {
                     auto body = rest::ObjectBody(r);
                     if (!body.ok()) return Problem(body.status(), r);
                     Status known = rest::OnlyFields(*body, {"password", "accounts", "issue_tokens"});
                     if (!known.ok()) return Problem(known, r);
                     auto password = rest::Str(*body, "password", true, 256);
                     auto tokens = rest::Bool(*body, "issue_tokens", false, false);
                     if (!password.ok()) return Problem(password.status(), r);
                     if (!tokens.ok()) return Problem(tokens.status(), r);
                     if (!body->contains("accounts"))
                       return Problem(InvalidArgument("request.missing_field", "field 'accounts' is required",
                                                      "缺少字段“accounts”"),
                                      r);
                     auto accounts = Accounts((*body)["accounts"]);
                     if (!accounts.ok()) return Problem(accounts.status(), r);
                     auto res = svc->CreateUsers(a, *accounts, *password, *tokens, r.remote_address);
                     if (!res.ok()) return Problem(res.status(), r);
                     Json arr = Json::array();
                     for (size_t i = 0; i < res->users.size(); ++i) {
                       Json u = rest::UserJson(res->users[i]);
                       if (i < res->tokens.size()) u["token"] = res->tokens[i];
                       arr.push_back(u);
                     }
                     Response resp = Response::Json(Json{{"users", arr}}, 201);
                     resp.headers.Set("Cache-Control", "no-store");
                     return resp;
                   }),
      {"批量创建账号（统一初始密码，首次登录须修改；可签发 Bearer 令牌）(bulk-create accounts; admin)",
       "auth",
       {},
       true,
       true}));

  KP_RETURN_IF_ERROR(b.Add(
      Method::kPut, "/api/v1/users/{id}/roles",
      rest::Authed(auth,
                   [svc](const Request& r, const service::Actor& a) -> Response {
                     auto id = rest::PathId(r, "id");
                     if (!id.ok()) return Problem(id.status(), r);
                     auto body = rest::ObjectBody(r);
                     if (!body.ok()) return Problem(body.status(), r);
                     Status known = rest::OnlyFields(*body, {"roles"});
                     if (!known.ok()) return Problem(known, r);
                     if (!body->contains("roles"))
                       return Problem(InvalidArgument("request.missing_field", "field 'roles' is required",
                                                      "缺少字段“roles”"),
                                      r);
                     auto roles = rest::StrList(*body, "roles", 8, 32);
                     if (!roles.ok()) return Problem(roles.status(), r);
                     Status s = svc->SetRoles(a, *id, *roles, r.remote_address);
                     if (!s.ok()) return Problem(s, r);
                     return Response::Json(Json{{"id", *id}, {"roles", *roles}});
                   }),
      {"设置用户角色（管理员，记入审计）(set a user's roles; admin, audited)", "auth", {}, true, true}));
  return Status();
}

}  // namespace api
}  // namespace kaoping
