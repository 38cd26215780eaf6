// -----------------------------------------------------------------------------
// File: api/api.h
// -----------------------------------------------------------------------------
//
// The JSON API under /api/v1 (plus /healthz and /metrics): thin handlers that parse input,
// call the service layer and render wire JSON. Every route is declared through ApiBuilder,
// which records its OpenAPI operation at the same time, so /api/v1/openapi.json cannot miss a
// route (a test checks router.routes() against the document).
//
// Errors are Status values rendered by http::Response::Problem: a stable `code`, a Chinese
// `detail_zh` and an English `detail`. User input never yields a 500.

#ifndef KAOPING_API_API_H_
#define KAOPING_API_API_H_

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "http/metrics.h"
#include "http/router.h"
#include "service/actor.h"
#include "service/standards_catalog.h"
#include "store/store.h"

namespace kaoping::service {
class Authenticator;
class DeliveryService;
class BankService;
class PsychometricsService;
class ScoringService;
class CertificateService;
class StandardsImporter;
}  // namespace kaoping::service

namespace kaoping::api {

struct ApiContext {
  std::shared_ptr<const service::StandardsCatalog> catalog;
  store::Store* store = nullptr;
  const Clock* clock = nullptr;
  std::shared_ptr<http::MetricsRegistry> metrics;
  std::string version;
  std::string public_url;  // e.g. http://127.0.0.1:8080, for links in exports
  // Exam delivery (api/auth_routes.h, api/delivery_routes.h); null leaves those routes out.
  service::Authenticator* auth = nullptr;
  service::DeliveryService* delivery = nullptr;
  // Item bank, blueprints and assembly (api/bank_routes.h); null leaves those routes out. The
  // acting user comes from `bank_actor` when set (tests), else from `auth`.
  service::BankService* bank = nullptr;
  std::function<Result<service::Actor>(const http::Request&)> bank_actor = {};
  // Psychometrics (api/psychometrics_routes.h; needs `auth`); null leaves those routes out. When
  // set, the item view of the bank routes carries the item's statistics for readers who may see
  // keys (admin, author, reviewer).
  service::PsychometricsService* psychometrics = nullptr;
  // Scoring and results (api/scoring_routes.h); null leaves those routes out. Needs `auth`.
  service::ScoringService* scoring = nullptr;
  // Certificates and public verification (api/certificate_routes.h); null leaves them out.
  service::CertificateService* certificates = nullptr;
  // Importing standard packs at run time (api/standards_admin_routes.h); null leaves
  // POST /api/v1/standards/import out. It adds to `catalog`'s object.
  service::StandardsImporter* standards_import = nullptr;
};

// Registers one route and its OpenAPI description.
class ApiBuilder {
 public:
  explicit ApiBuilder(http::Router& router);

  struct Doc {
    Doc(std::string summary_text, std::string tag_name, std::vector<std::string> query_params = {},
        bool takes_body = false, bool needs_auth = false)
        : summary(std::move(summary_text)),
          tag(std::move(tag_name)),
          query(std::move(query_params)),
          body(takes_body),
          auth(needs_auth) {}
    std::string summary;             // Chinese first, then English
    std::string tag;                 // "system", "standards", "eligibility", …
    std::vector<std::string> query;  // documented query parameters
    bool body = false;               // takes a JSON body
    bool auth = false;               // requires a session or bearer token
  };
  Status Add(http::Method method, const std::string& pattern, http::Handler handler, const Doc& doc);

  // The OpenAPI 3.0 document of everything added so far.
  nlohmann::json OpenApi(const std::string& version) const;

 private:
  http::Router& router_;
  nlohmann::json paths_ = nlohmann::json::object();
};

// Registers every API route on `router`, including GET /api/v1/openapi.json.
Status RegisterApi(http::Router& router, const ApiContext& ctx);

// Parses a JSON request body; INVALID_ARGUMENT ("request.bad_json") naming line and column.
Result<nlohmann::json> ParseJsonBody(const http::Request& request);

}  // namespace kaoping::api

#endif  // KAOPING_API_API_H_
