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
// Environment: KAOPING_LISTEN, KAOPING_THREADS, KAOPING_MAX_BODY_BYTES, KAOPING_PUBLIC_URL,
// KAOPING_DATA, KAOPING_STANDARDS_DIR, KAOPING_WEB_DIR, KAOPING_LOG_LEVEL, KAOPING_SEED_DEMO.

#ifndef KAOPING_APP_CONFIG_H_
#define KAOPING_APP_CONFIG_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "base/result.h"

namespace kaoping::app {

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

  std::string PublicUrl() const;
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
