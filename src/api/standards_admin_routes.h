// -----------------------------------------------------------------------------
// File: api/standards_admin_routes.h
// -----------------------------------------------------------------------------
//
// Standard-pack administration over HTTP (under /api/v1; administrators only):
//
//   POST /standards/validate    ?name=FILE.yaml; body: the YAML text of one pack (any content
//                               type, at most 4 MiB) → 200 {valid: true, name, id, title, levels,
//                               requirements, diagnostics: [], warnings: [{code, message,
//                               message_zh}]}: the pack is valid, and warnings say why importing
//                               it would be refused now (service::ImportObstacles: "standard.
//                               already_loaded", "standard.file_exists", "standard.id_too_long";
//                               empty without an importer); or 422 "standard.invalid_pack" (a
//                               problem body) with {valid: false, name, diagnostics:[{file, line,
//                               column, key, message, message_zh}]}: every error, none left out.
//                               The pack is parsed and validated exactly as the
//                               server and `kaoping standards validate` do (core/standards/
//                               loader.h: every error, with line and key path); nothing is stored
//                               or loaded.
//   POST /standards/import      ?name=FILE.yaml; the same body, limit and 422 as validate. A valid
//                               pack whose id is not loaded is written to the standards directory
//                               as <id>.yaml, indexed for search, audited ("standard.import") and
//                               loaded at once (service/standards_import.h) → 201 {the validate
//                               fields, file, standard: the pack's summary as GET /standards lists
//                               it}, Location: /api/v1/standards/<id>. 409 "standard.already_loaded"
//                               when the id is loaded: packs are append-only while the server runs
//                               (plans may depend on a loaded pack; replace one by editing its file
//                               and restarting); 409 "standard.file_exists" when <id>.yaml is
//                               already in the directory but not loaded. Registered only when the
//                               context has an importer.
//
// Both: 400 "request.empty_body" for an empty body, 413 "standard.too_large" above the limit, 401
// without a session, 403 "access.denied" for any role but admin.

#ifndef KAOPING_API_STANDARDS_ADMIN_ROUTES_H_
#define KAOPING_API_STANDARDS_ADMIN_ROUTES_H_

#include <cstddef>
#include <functional>

#include "api/api.h"
#include "base/result.h"
#include "http/message.h"
#include "service/actor.h"

namespace kaoping::service {
class StandardsImporter;
}

namespace kaoping::api {

struct StandardsAdminContext {
  using ActorHook = std::function<Result<service::Actor>(const http::Request&)>;
  // Resolves the acting user of a request (UNAUTHENTICATED/PERMISSION_DENIED become 401/403).
  // Empty: every request is 401 "auth.required".
  ActorHook actor;
  std::size_t max_pack_bytes = std::size_t{4} << 20;
  // Imports at run time; null leaves POST /standards/import out (and validate without warnings).
  service::StandardsImporter* importer = nullptr;
};

// The context of an API context: `bank_actor` when set (tests inject the acting user there),
// else the authenticator's hook; none when neither is set; the importer of `standards_import`.
StandardsAdminContext StandardsAdminContextFrom(const ApiContext& ctx);

Status RegisterStandardsAdminRoutes(ApiBuilder& builder, const StandardsAdminContext& ctx);

}  // namespace kaoping::api

#endif  // KAOPING_API_STANDARDS_ADMIN_ROUTES_H_
