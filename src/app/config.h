// -----------------------------------------------------------------------------
// File: app/config.h
// -----------------------------------------------------------------------------
//
// Server configuration. Sources, later ones winning: built-in defaults → a TOML file
// (`--config FILE`) → environment variables `KAOPING_*` → command-line flags. Every value has a
// default that works from a source checkout (`make run`).
//
// TOML layout:
//   [server]    listen = "127.0.0.1:8080"   threads = 2   max_body_bytes = 8388608
//               public_url = "http://127.0.0.1:8080"
//   [storage]   data_dir = "./var"
//   [standards] dir = "./standards"
//   [web]       dir = "./web/dist"
//   [log]       level = "info"
//   [demo]      seed = true
//   [certificates] key_file = "<data>/issuer-key.json"   issuer_name = "…"
//               public_url = "<server public_url>"      number_pattern =
//               "KP-{std}-{level}-{yyyy}-{serial:6}-{check}" validity_years = 3 standard_codes = {
//               "llm-deploy-engineer" = "DEP" }   level_codes = { "mid" = "M" }
//               cryptosuite = "eddsa-rdfc-2022" (or "eddsa-jcs-2022")
// Environment: KAOPING_LISTEN, KAOPING_THREADS, KAOPING_MAX_BODY_BYTES, KAOPING_PUBLIC_URL,
// KAOPING_DATA, KAOPING_STANDARDS_DIR, KAOPING_WEB_DIR, KAOPING_LOG_LEVEL, KAOPING_SEED_DEMO,
// KAOPING_CERT_KEY_FILE, KAOPING_CERT_ISSUER_NAME, KAOPING_CERT_PUBLIC_URL,
// KAOPING_CERT_NUMBER_PATTERN, KAOPING_CERT_VALIDITY_YEARS, KAOPING_CERT_CRYPTOSUITE.

#ifndef KAOPING_APP_CONFIG_H_
#define KAOPING_APP_CONFIG_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "base/result.h"

namespace kaoping::app {

// [certificates] (docs/certificates.md). The number pattern and codes are checked when the
// server or CLI builds its issuer (credentials::CertificateIssuer::Create).
struct CertificatesConfig {
  std::string key_file;  // "" = <data_dir>/issuer-key.json (created on first start, mode 0600)
  std::string issuer_name = "考评职业技能等级评价中心";
  std::string public_url;  // "" = the server's public URL
  std::string number_pattern = "KP-{std}-{level}-{yyyy}-{serial:6}-{check}";
  int validity_years = 3;
  std::map<std::string, std::string> standard_codes;  // pack id → {std}
  std::map<std::string, std::string> level_codes;     // level id → {level}
  // The Data Integrity cryptosuite of new credentials and the status list: "eddsa-rdfc-2022" or
  // "eddsa-jcs-2022" (both are always verified).
  std::string cryptosuite = "eddsa-rdfc-2022";
};

struct Config {
  std::string listen_host = "127.0.0.1";
  int listen_port = 8080;
  int threads = 2;
  std::int64_t max_body_bytes = 8 * 1024 * 1024;
  std::string public_url;  // derived from listen when empty
  std::string data_dir = "./var";
  std::string standards_dir = "./standards";
  std::string web_dir = "./web/dist";
  std::string log_level = "info";
  bool seed_demo = true;
  CertificatesConfig certificates;

  std::string PublicUrl() const;
  // certificates.key_file, or <data_dir>/issuer-key.json.
  std::string CertificateKeyFile() const;
  // certificates.public_url, or PublicUrl(), without a trailing '/'.
  std::string CertificatePublicUrl() const;
};

// Parses "HOST:PORT" ("127.0.0.1:8080", "[::1]:0", ":9000"). INVALID_ARGUMENT naming `what`.
Status ParseListen(const std::string& value, const std::string& what, Config& into);

// Applies a TOML document; `origin` names the file in messages ("kaoping.toml:3: …").
Status ApplyToml(const std::string& text, const std::string& origin, Config& into);

// Applies KAOPING_* variables read through `getenv` (injected for tests).
Status ApplyEnvironment(const std::function<const char*(const char*)>& getenv, Config& into);

// Defaults for a source checkout: when ./standards does not exist, falls back to the directory
// the binary was built from, so `build/release/kaoping serve` works from anywhere in the tree.
Config DefaultConfig();

}  // namespace kaoping::app

#endif  // KAOPING_APP_CONFIG_H_
