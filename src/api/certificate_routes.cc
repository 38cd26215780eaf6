#include "api/certificate_routes.h"

#include <mutex>
#include <unordered_map>

#include "api/auth_routes.h"
#include "http/message.h"
#include "http/problem.h"
#include "service/auth.h"
#include "service/certificate_service.h"

namespace kaoping::api {
namespace {

using http::Method;
using http::Request;
using http::Response;
using rest::Json;
using rest::Problem;
using service::Actor;

constexpr std::size_t kMaxUploadBytes = 256 * 1024;
using rest::kMaxId;

// Fixed one-minute windows per client address (without the port). The table is dropped when it passes 10,000
// addresses, so memory stays bounded whatever the traffic.
class WindowLimiter {
 public:
  WindowLimiter(int per_minute, const Clock* clock) : per_minute_(per_minute), clock_(clock) {}

  // 0 when allowed, else the seconds until the window ends.
  int Check(const std::string& key) {
    const std::int64_t now = ToUnixMillis(clock_->Now());
    const std::int64_t window = now / 60'000;
    std::lock_guard<std::mutex> lock(mu_);
    if (window != window_ || counts_.size() > 10'000) {
      counts_.clear();
      window_ = window;
    }
    if (++counts_[key] <= per_minute_) return 0;
    return static_cast<int>(60 - (now % 60'000) / 1000);
  }

 private:
  const int per_minute_;
  const Clock* clock_;
  std::mutex mu_;
  std::int64_t window_ = -1;
  std::unordered_map<std::string, int> counts_;
};

Response RateLimited(int retry_after, const Request& r) {
  Response resp =
      Problem(ResourceExhausted("verify.rate_limited", "too many verification requests; try again shortly",
                                "验证请求过于频繁，请稍后再试"),
              r);
  resp.headers.Set("Retry-After", std::to_string(retry_after));
  return resp;
}

Json ViewJson(const service::CertificateView& v) {
  Json j{{"number", v.number},
         {"user_id", v.user_id},
         {"result_id", v.result_id},
         {"holder_name", v.holder_name},
         {"standard", v.standard},
         {"standard_title", v.standard_title},
         {"level", v.level},
         {"level_name", v.level_name},
         {"direction", v.direction},
         {"direction_name", v.direction_name},
         {"valid_from", v.valid_from},
         {"valid_until", v.valid_until},
         {"state", service::CertificateStateKindName(v.state)},
         {"verify_url", v.verify_url}};
  if (!v.revocation_reason.empty()) {
    j["revocation_reason"] = v.revocation_reason;
    j["revocation_reason_zh"] = v.revocation_reason_zh;
    j["revoked_at"] = v.revoked_at;
  }
  if (!v.renews.empty()) j["renews"] = v.renews;
  return j;
}

Response VerificationResponse(const credentials::PublicVerification& v) {
  Response resp = Response::Json(v.ToJson());
  resp.headers.Set("Cache-Control", "no-cache");
  return resp;
}

// An empty body or "{}" (the issue and renew routes take no fields).
Status EmptyObjectBody(const Request& r) {
  if (r.body.empty()) return Status();
  KP_ASSIGN_OR_RETURN(Json body, rest::ObjectBody(r));
  return rest::OnlyFields(body, {});
}

std::string Number(const Request& r) {
  return std::string(r.PathParam("number").value_or(""));
}

}  // namespace

Status RegisterCertificateRoutes(ApiBuilder& b, const ApiContext& ctx) {
  service::Authenticator* auth = ctx.auth;
  service::CertificateService* svc = ctx.certificates;
  if (!auth || !svc) return Status();
  using H = std::function<Response(const Request&, const Actor&)>;
  auto add = [&](Method m, const std::string& pattern, H h, ApiBuilder::Doc doc) {
    doc.auth = true;
    return b.Add(m, pattern, rest::Authed(auth, std::move(h)), doc);
  };

  KP_RETURN_IF_ERROR(add(
      Method::kPost, "/api/v1/results/{id}/certificate",
      [svc](const Request& r, const Actor& a) {
        auto id = rest::PathId(r, "id");
        if (!id.ok()) return Problem(id.status(), r);
        if (Status s = EmptyObjectBody(r); !s.ok()) return Problem(s, r);
        auto v = svc->IssueForResult(a, *id, r.remote_address);
        if (!v.ok()) return Problem(v.status(), r);
        return Response::Json(ViewJson(*v));
      },
      {"为已发布的合格成绩颁发证书（幂等）(issue the certificate of a published passing result; idempotent)",
       "certificates",
       {},
       true}));

  KP_RETURN_IF_ERROR(
      add(Method::kPost, "/api/v1/plans/{plan}/certificates",
          [svc](const Request& r, const Actor& a) {
            auto plan = rest::PathId(r, "plan");
            if (!plan.ok()) return Problem(plan.status(), r);
            if (Status s = EmptyObjectBody(r); !s.ok()) return Problem(s, r);
            auto out = svc->IssueForPlan(a, *plan, r.remote_address);
            if (!out.ok()) return Problem(out.status(), r);
            Json issued = Json::array(), skipped = Json::array();
            for (const auto& v : out->issued) issued.push_back(ViewJson(v));
            for (const auto& s : out->skipped) {
              skipped.push_back(Json{{"result_id", s.result_id},
                                     {"code", s.code},
                                     {"message", s.message},
                                     {"message_zh", s.message_zh}});
            }
            return Response::Json(Json{{"issued", issued}, {"skipped", skipped}});
          },
          {"批量颁发：本计划所有已发布的合格成绩 (batch: every published passing result of a plan)",
           "certificates",
           {},
           true}));

  KP_RETURN_IF_ERROR(
      add(Method::kGet, "/api/v1/certificates",
          [svc](const Request& r, const Actor& a) {
            std::optional<std::int64_t> user;
            if (r.Query("user")) {
              auto u = rest::QueryInt(r, "user", 1, kMaxId, 0);
              if (!u.ok()) return Problem(u.status(), r);
              user = *u;
            }
            auto list = svc->List(a, user);
            if (!list.ok()) return Problem(list.status(), r);
            Json arr = Json::array();
            for (const auto& v : *list) arr.push_back(ViewJson(v));
            return Response::Json(Json{{"certificates", arr}});
          },
          {"证书列表：管理员可按用户筛选，考生只见本人 (certificates: admin, or the caller's own)",
           "certificates",
           {"user"}}));

  KP_RETURN_IF_ERROR(add(Method::kGet, "/api/v1/certificates/{number}",
                         [svc](const Request& r, const Actor& a) {
                           auto v = svc->Get(a, Number(r));
                           if (!v.ok()) return Problem(v.status(), r);
                           return Response::Json(ViewJson(*v));
                         },
                         {"一张证书（管理员或持证人）(one certificate: admin or holder)", "certificates"}));

  KP_RETURN_IF_ERROR(add(
      Method::kGet, "/api/v1/certificates/{number}/credential.json",
      [svc](const Request& r, const Actor& a) {
        const std::string number = Number(r);
        auto text = svc->CredentialJson(a, number);
        if (!text.ok()) return Problem(text.status(), r);
        Response resp = Response::Text(*std::move(text), 200, std::string(http::kContentTypeJson));
        resp.headers.Set("Content-Disposition", "attachment; filename=\"" + number + ".credential.json\"");
        resp.headers.Set("Cache-Control", "no-store");
        return resp;
      },
      {"下载已签名的 Open Badges 3.0 凭证 (download the signed Open Badges 3.0 credential)",
       "certificates"}));

  KP_RETURN_IF_ERROR(
      add(Method::kGet, "/api/v1/certificates/{number}/certificate.pdf",
          [svc](const Request& r, const Actor& a) {
            const std::string number = Number(r);
            auto pdf = svc->Pdf(a, number);
            if (!pdf.ok()) return Problem(pdf.status(), r);
            Response resp = Response::Text(*std::move(pdf), 200, "application/pdf");
            resp.headers.Set("Content-Disposition", "attachment; filename=\"" + number + ".pdf\"");
            resp.headers.Set("Cache-Control", "no-store");
            return resp;
          },
          {"下载 PDF 证书（含验证二维码）(download the PDF certificate with its QR code)", "certificates"}));

  KP_RETURN_IF_ERROR(add(
      Method::kPost, "/api/v1/certificates/{number}/revoke",
      [svc](const Request& r, const Actor& a) {
        auto body = rest::ObjectBody(r);
        if (!body.ok()) return Problem(body.status(), r);
        if (Status s = rest::OnlyFields(*body, {"reason", "note"}); !s.ok()) return Problem(s, r);
        auto reason = rest::Str(*body, "reason", true, 32);
        if (!reason.ok()) return Problem(reason.status(), r);
        auto note = rest::Str(*body, "note", false, 2000);
        if (!note.ok()) return Problem(note.status(), r);
        auto v = svc->Revoke(a, Number(r), *reason, *note, r.remote_address);
        if (!v.ok()) return Problem(v.status(), r);
        return Response::Json(ViewJson(*v));
      },
      {"吊销证书：原因 issued_in_error|misconduct|holder_request|superseded|other 与备注；重新签发吊销列表 "
       "(revoke with a reason and note; re-signs the status list)",
       "certificates",
       {},
       true}));

  KP_RETURN_IF_ERROR(
      add(Method::kPost, "/api/v1/certificates/{number}/renew",
          [svc](const Request& r, const Actor& a) {
            if (Status s = EmptyObjectBody(r); !s.ok()) return Problem(s, r);
            auto v = svc->Renew(a, Number(r), r.remote_address);
            if (!v.ok()) return Problem(v.status(), r);
            return Response::Json(ViewJson(*v));
          },
          {"续期：新编号、新有效期，与原证书关联 (renew: a new number and validity, linked to the old one)",
           "certificates",
           {},
           true}));

  // ---- public -----------------------------------------------------------------------------------
  auto number_limiter = std::make_shared<WindowLimiter>(120, ctx.clock);
  auto upload_limiter = std::make_shared<WindowLimiter>(30, ctx.clock);

  KP_RETURN_IF_ERROR(b.Add(Method::kGet, "/api/v1/verify/{number}",
                           [svc, number_limiter](const Request& r) {
                             if (int wait = number_limiter->Check(service::AddressOf(r.remote_address));
                                 wait > 0)
                               return RateLimited(wait, r);
                             return VerificationResponse(svc->VerifyNumber(Number(r)));
                           },
                           {"公开验证：按证书编号查询状态（有效/过期/吊销/未知），姓名脱敏 "
                            "(public: verify by number — valid/expired/revoked/unknown, name masked)",
                            "verification"}));

  KP_RETURN_IF_ERROR(
      b.Add(Method::kPost, "/api/v1/verify",
            [svc, upload_limiter](const Request& r) {
              if (int wait = upload_limiter->Check(service::AddressOf(r.remote_address)); wait > 0)
                return RateLimited(wait, r);
              if (r.body.size() > kMaxUploadBytes)
                return Problem(http::BodyTooLargeError(kMaxUploadBytes), r);
              auto body = ParseJsonBody(r);
              if (!body.ok()) return Problem(body.status(), r);
              credentials::PublicVerification v = svc->VerifyDocument(*body);
              if (v.reason == "credentials.malformed") {
                // Not a credential at all (wrong JSON shape): a bad request, not a verification outcome.
                return Problem(InvalidArgument("verify.not_a_credential", v.message, v.message_zh), r);
              }
              return VerificationResponse(v);
            },
            {"公开验证：上传凭证文件离线核验签名、签发者、吊销列表与有效期 "
             "(public: check an uploaded credential file — signature, issuer, status list, dates)",
             "verification",
             {},
             true}));

  KP_RETURN_IF_ERROR(
      b.Add(Method::kGet, svc->config().status_list_path,
            [svc](const Request& r) {
              auto text = svc->StatusListCredential();
              if (!text.ok()) return Problem(text.status(), r);
              Response resp = Response::Text(*std::move(text), 200, std::string(http::kContentTypeJson));
              resp.headers.Set("Cache-Control", "no-cache");
              resp.headers.Set("Access-Control-Allow-Origin", "*");  // verifiers elsewhere fetch it
              return resp;
            },
            {"已签名的证书吊销列表（W3C Bitstring Status List）(the signed revocation status list)",
             "verification"}));
  return Status();
}

}  // namespace kaoping::api
