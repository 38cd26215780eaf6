// -----------------------------------------------------------------------------
// File: api/certificate_routes.h
// -----------------------------------------------------------------------------
//
// Certificates over HTTP — the "Certificates" section of docs/api-scoring-certificates.md, every
// route in /api/v1/openapi.json:
//
//   POST /api/v1/results/{id}/certificate                 admin: issue (idempotent) → CertificateView
//   POST /api/v1/plans/{plan}/certificates                admin: batch → {issued, skipped}
//   GET  /api/v1/certificates?user=                       admin; holder (own)
//   GET  /api/v1/certificates/{number}                    admin; holder
//   GET  /api/v1/certificates/{number}/credential.json    admin; holder: the signed OB 3.0 credential
//   GET  /api/v1/certificates/{number}/certificate.pdf    admin; holder
//   POST /api/v1/certificates/{number}/revoke             admin: {reason, note}
//   POST /api/v1/certificates/{number}/renew              admin → the new CertificateView
//   GET  /api/v1/verify/{number}                          public: state and the publicly shown fields
//   POST /api/v1/verify                                   public: an uploaded credential, checked offline
//   GET  /credentials/status/1                            public: the signed BitstringStatusListCredential
//                                                         (the configured status_list_path)
//
// POST /verify answers 200 with the state for anything shaped like a credential (a forged or
// altered one is "invalid"); a body that is not a credential at all — not an object, no VC 2.0
// context, no subject — is a 400 verify.not_a_credential.
//
// A certificate the caller may not read answers 404 certificate.not_found, whether or not it
// exists. The public verification routes are bounded: numbers longer than 64 bytes are unknown,
// an uploaded credential may be at most 256 KiB (413 http.body_too_large), and each client
// address may verify 120 numbers and upload 30 credentials per minute (429 verify.rate_limited
// with Retry-After).

#ifndef KAOPING_API_CERTIFICATE_ROUTES_H_
#define KAOPING_API_CERTIFICATE_ROUTES_H_

#include "api/api.h"

namespace kaoping::api {

// Registers the routes when ctx.certificates and ctx.auth are set (otherwise none).
Status RegisterCertificateRoutes(ApiBuilder& builder, const ApiContext& ctx);

}  // namespace kaoping::api

#endif  // KAOPING_API_CERTIFICATE_ROUTES_H_
