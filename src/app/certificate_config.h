// -----------------------------------------------------------------------------
// File: app/certificate_config.h
// -----------------------------------------------------------------------------
//
// The [certificates] configuration (app/config.h) as the credentials issuer takes it; shared by
// `kaoping serve` and the `kaoping cert` verbs so both issue exactly alike. Validation of the
// pattern and codes happens in credentials::CertificateIssuer::Create.

#ifndef KAOPING_APP_CERTIFICATE_CONFIG_H_
#define KAOPING_APP_CERTIFICATE_CONFIG_H_

#include "app/config.h"
#include "credentials/issuer.h"

namespace kaoping::app {

inline credentials::IssuerConfig IssuerConfigFrom(const Config& config) {
  credentials::IssuerConfig c;
  c.public_url = config.CertificatePublicUrl();
  c.issuer_name = config.certificates.issuer_name;
  c.number_pattern = config.certificates.number_pattern;
  c.validity_years = config.certificates.validity_years;
  c.cryptosuite = config.certificates.cryptosuite == credentials::kCryptosuiteJcs
                      ? credentials::Cryptosuite::kEddsaJcs2022
                      : credentials::Cryptosuite::kEddsaRdfc2022;  // the config admits only these two
  for (const auto& [k, v] : config.certificates.standard_codes) c.standard_codes[k] = v;
  for (const auto& [k, v] : config.certificates.level_codes) c.level_codes[k] = v;
  return c;
}

}  // namespace kaoping::app

#endif  // KAOPING_APP_CERTIFICATE_CONFIG_H_
