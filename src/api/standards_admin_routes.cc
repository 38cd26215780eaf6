#include "api/standards_admin_routes.h"

#include <string>

#include <nlohmann/json.hpp>

#include "core/standards/loader.h"
#include "http/problem.h"
#include "service/auth.h"

namespace kaoping::api {

using http::Method;
using http::Request;
using http::Response;
using Json = nlohmann::json;

namespace {

Response Problem(const Status& s, const Request& r) {
  return Response::Problem(s, r.request_id);
}

// A file name for messages: the ?name= query, kept short and printable, else "upload.yaml".
std::string OriginName(const Request& r) {
  std::string name(r.Query("name").value_or(""));
  if (name.empty() || name.size() > 200) return "upload.yaml";
  for (char c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == '/' || c == '\\') return "upload.yaml";
  }
  return name;
}

// A problem+json with another HTTP status and extra members.
Response ProblemWith(const Status& s, const Request& r, int http_status, const Json& extra) {
  Json body = http::ProblemJson(s, r.request_id);
  body["status"] = http_status;
  body["title"] = std::string(http::HttpReasonPhrase(http_status));
  for (auto it = extra.begin(); it != extra.end(); ++it) body[it.key()] = it.value();
  Response resp = Response::Json(body, http_status);
  resp.content_type = std::string(http::kContentTypeProblem);
  return resp;
}

// 200 with the pack's summary, or 422 "standard.invalid_pack" listing every diagnostic.
Response ValidationResponse(const standards::ParseOutcome& outcome, const std::string& name,
                            const Request& r) {
  Json diagnostics = Json::array();
  for (const auto& d : outcome.diagnostics) {
    diagnostics.push_back(Json{{"file", d.file},
                               {"line", d.line},
                               {"column", d.column},
                               {"key", d.key},
                               {"message", d.message},
                               {"message_zh", d.message_zh}});
  }
  Json j{{"valid", outcome.pack.has_value()}, {"name", name}, {"diagnostics", diagnostics}};
  if (!outcome.pack) {
    const std::string n = std::to_string(outcome.diagnostics.size());
    Status s = InvalidArgument("standard.invalid_pack",
                               name + ": " + n + " error(s); fix them at the lines and keys listed",
                               name + "：共 " + n + " 处错误，请按所列行号与字段修改");
    return ProblemWith(s, r, 422, j);
  }
  const standards::Pack& p = *outcome.pack;
  j["id"] = p.id;
  j["title"] = Json{{"zh", p.title.zh}, {"en", p.title.en}};
  Json levels = Json::array();
  for (const auto& l : p.levels) levels.push_back(l.id);
  j["levels"] = levels;
  j["requirements"] = p.AllRequirements().size();
  return Response::Json(j);
}

}  // namespace

StandardsAdminContext StandardsAdminContextFrom(const ApiContext& ctx) {
  StandardsAdminContext s;
  if (ctx.bank_actor) {
    s.actor = ctx.bank_actor;
  } else if (ctx.auth) {
    s.actor = ctx.auth->Hook();
  }
  return s;
}

Status RegisterStandardsAdminRoutes(ApiBuilder& b, const StandardsAdminContext& ctx) {
  auto hook = ctx.actor;
  const std::size_t limit = ctx.max_pack_bytes;
  return b.Add(
      Method::kPost, "/api/v1/standards/validate",
      [hook, limit](const Request& r) -> Response {
        if (!hook) return Problem(Unauthenticated("auth.required", "sign in first", "请先登录"), r);
        auto actor = hook(r);
        if (!actor.ok()) return Problem(actor.status(), r);
        if (!actor->Has("admin")) {
          return Problem(PermissionDenied("access.denied", "only administrators validate standard packs",
                                          "只有管理员可以校验标准包"),
                         r);
        }
        if (r.body.empty()) {
          return Problem(
              InvalidArgument("request.empty_body", "send the YAML text of one standard pack as the body",
                              "请在请求体中提交一个标准包的 YAML 内容"),
              r);
        }
        if (r.body.size() > limit) {
          Status s = ResourceExhausted("standard.too_large",
                                       "the pack is larger than " + std::to_string(limit >> 20) + " MiB",
                                       "标准包超过 " + std::to_string(limit >> 20) + " MiB");
          return ProblemWith(s, r, 413, Json::object());
        }
        const std::string name = OriginName(r);
        return ValidationResponse(standards::ParsePack(r.body, name), name, r);
      },
      {"校验一个标准包（YAML 请求体；列出全部错误的文件、行号与字段；不加载）(validate one standard pack; "
       "admin)",
       "standards",
       {"name"},
       true,
       true});
}

}  // namespace kaoping::api
