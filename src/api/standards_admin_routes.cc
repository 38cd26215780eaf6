#include "api/standards_admin_routes.h"

#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/standards/loader.h"
#include "http/problem.h"
#include "service/auth.h"
#include "service/standards_import.h"
#include "wire/standards_json.h"

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

// What validate and import say about a valid pack.
Json PackFacts(const standards::Pack& p, const std::string& name) {
  Json levels = Json::array();
  for (const auto& l : p.levels) levels.push_back(l.id);
  return Json{{"valid", true},
              {"name", name},
              {"diagnostics", Json::array()},
              {"warnings", Json::array()},
              {"id", p.id},
              {"title", Json{{"zh", p.title.zh}, {"en", p.title.en}}},
              {"levels", levels},
              {"requirements", p.AllRequirements().size()}};
}

// 422 "standard.invalid_pack" listing every diagnostic of an invalid pack.
Response InvalidPackResponse(const standards::ParseOutcome& outcome, const std::string& name,
                             const Request& r) {
  const std::string n = std::to_string(outcome.diagnostics.size());
  Status s = InvalidArgument("standard.invalid_pack",
                             name + ": " + n + " error(s); fix them at the lines and keys listed",
                             name + "：共 " + n + " 处错误，请按所列行号与字段修改");
  return ProblemWith(
      s, r, 422,
      Json{{"valid", false}, {"name", name}, {"diagnostics", wire::DiagnosticsJson(outcome.diagnostics)}});
}

// 200 with the pack's summary and the warnings of `importer` (why an import would be refused
// now, e.g. the id is already loaded; none without an importer), or 422 "standard.invalid_pack"
// listing every diagnostic.
Response ValidationResponse(const standards::ParseOutcome& outcome, const std::string& name,
                            const service::StandardsImporter* importer, const Request& r) {
  if (!outcome.pack) return InvalidPackResponse(outcome, name, r);
  Json body = PackFacts(*outcome.pack, name);
  if (importer) body["warnings"] = wire::WarningsJson(importer->Obstacles(*outcome.pack));
  return Response::Json(body);
}

// The checks validate and import share: a signed-in administrator and a non-empty body within
// the limit. Returns the actor, or the problem response to send.
struct Admitted {
  std::optional<service::Actor> actor;
  std::optional<Response> refusal;
};
Admitted Admit(const StandardsAdminContext::ActorHook& hook, std::size_t limit, const Request& r,
               const char* verb_en, const char* verb_zh) {
  if (!hook) return {{}, Problem(Unauthenticated("auth.required", "sign in first", "请先登录"), r)};
  auto actor = hook(r);
  if (!actor.ok()) return {{}, Problem(actor.status(), r)};
  if (!actor->Has("admin")) {
    return {{},
            Problem(PermissionDenied("access.denied",
                                     std::string("only administrators ") + verb_en + " standard packs",
                                     std::string("只有管理员可以") + verb_zh + "标准包"),
                    r)};
  }
  if (r.body.empty()) {
    return {
        {},
        Problem(InvalidArgument("request.empty_body", "send the YAML text of one standard pack as the body",
                                "请在请求体中提交一个标准包的 YAML 内容"),
                r)};
  }
  if (r.body.size() > limit) {
    Status s = ResourceExhausted("standard.too_large",
                                 "the pack is larger than " + std::to_string(limit >> 20) + " MiB",
                                 "标准包超过 " + std::to_string(limit >> 20) + " MiB");
    return {{}, ProblemWith(s, r, 413, Json::object())};
  }
  return {std::move(*actor), std::nullopt};
}

}  // namespace

StandardsAdminContext StandardsAdminContextFrom(const ApiContext& ctx) {
  StandardsAdminContext s;
  if (ctx.bank_actor) {
    s.actor = ctx.bank_actor;
  } else if (ctx.auth) {
    s.actor = ctx.auth->Hook();
  }
  s.importer = ctx.standards_import;
  return s;
}

Status RegisterStandardsAdminRoutes(ApiBuilder& b, const StandardsAdminContext& ctx) {
  auto hook = ctx.actor;
  const std::size_t limit = ctx.max_pack_bytes;
  const service::StandardsImporter* checker = ctx.importer;
  KP_RETURN_IF_ERROR(
      b.Add(Method::kPost, "/api/v1/standards/validate",
            [hook, limit, checker](const Request& r) -> Response {
              Admitted a = Admit(hook, limit, r, "validate", "校验");
              if (a.refusal) return std::move(*a.refusal);
              const std::string name = OriginName(r);
              return ValidationResponse(standards::ParsePack(r.body, name), name, checker, r);
            },
            {"校验一个标准包（YAML "
             "请求体；列出全部错误的文件、行号与字段；标识已加载等导入会被拒绝的情况作为 warnings "
             "列出；不加载）(validate one standard pack; warns when its import would be refused; admin)",
             "standards",
             {"name"},
             true,
             true}));
  if (!ctx.importer) return Status();
  service::StandardsImporter* importer = ctx.importer;
  return b.Add(
      Method::kPost, "/api/v1/standards/import",
      [hook, limit, importer](const Request& r) -> Response {
        Admitted a = Admit(hook, limit, r, "import", "导入");
        if (a.refusal) return std::move(*a.refusal);
        const std::string name = OriginName(r);
        auto out = importer->Import(*a.actor, r.body, name, r.remote_address);
        if (!out.ok()) return Problem(out.status(), r);
        if (!out->pack) return InvalidPackResponse(out->validation, name, r);
        Json body = PackFacts(*out->pack, name);
        body["file"] = out->file;
        body["standard"] = wire::PackSummaryJson(*out->pack);
        Response resp = Response::Json(body, 201);
        resp.headers.Set("Location", "/api/v1/standards/" + out->pack->id);
        return resp;
      },
      {"导入一个标准包（YAML 请求体；校验同 validate，通过后写入标准包目录并立即加载；已加载的标识返回 409，"
       "运行期间标准包只增不改）(import one standard pack at run time; admin)",
       "standards",
       {"name"},
       true,
       true});
}

}  // namespace kaoping::api
