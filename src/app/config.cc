#include "app/config.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <vector>

#include <toml++/toml.h>

namespace kaoping::app {

std::string Config::PublicUrl() const {
  if (!public_url.empty()) return public_url;
  std::string host = listen_host.empty() || listen_host == "0.0.0.0" ? "127.0.0.1" : listen_host;
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(listen_port);
}

std::string Config::CertificateKeyFile() const {
  if (!certificates.key_file.empty()) return certificates.key_file;
  return (std::filesystem::path(data_dir) / "issuer-key.json").string();
}

std::string Config::CertificatePublicUrl() const {
  std::string url = certificates.public_url.empty() ? PublicUrl() : certificates.public_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

Status ParseListen(const std::string& value, const std::string& what, Config& into) {
  auto bad = [&](const std::string& why) {
    return InvalidArgument("config.bad_listen", what + ": '" + value + "' is not HOST:PORT (" + why + ")",
                           what + "：“" + value + "”不是“主机:端口”格式（" + why + "）");
  };
  auto colon = value.rfind(':');
  if (colon == std::string::npos) return bad("missing ':'");
  std::string host = value.substr(0, colon), port = value.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int p = -1;
  auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
  if (ec != std::errc() || ptr != port.data() + port.size() || p < 0 || p > 65535)
    return bad("port must be 0–65535");
  into.listen_host = host.empty() ? "127.0.0.1" : host;
  into.listen_port = p;
  return Status();
}

namespace {

// The two Data Integrity cryptosuites the credentials module issues (credentials/data_integrity.h).
bool IsKnownCryptosuite(const std::string& name) {
  return name == "eddsa-rdfc-2022" || name == "eddsa-jcs-2022";
}

}  // namespace

namespace {

Status TomlError(const std::string& origin, const toml::source_region& where, const std::string& key,
                 const std::string& en, const std::string& zh) {
  std::string loc = origin + ":" + std::to_string(where.begin.line);
  return InvalidArgument("config.invalid", loc + ": " + key + ": " + en, loc + "：" + key + "：" + zh);
}

}  // namespace

Status ApplyToml(const std::string& text, const std::string& origin, Config& into) {
  toml::table doc;
  try {
    doc = toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    std::string loc =
        origin + ":" + std::to_string(e.source().begin.line) + ":" + std::to_string(e.source().begin.column);
    return InvalidArgument("config.invalid", loc + ": " + std::string(e.description()),
                           loc + "：配置文件语法错误：" + std::string(e.description()));
  }
  static const std::map<std::string, std::vector<std::string>> kKnown = {
      {"server", {"listen", "threads", "max_body_bytes", "public_url"}},
      {"storage", {"data_dir"}},
      {"standards", {"dir"}},
      {"web", {"dir"}},
      {"log", {"level"}},
      {"demo", {"seed"}},
      {"certificates",
       {"key_file", "issuer_name", "public_url", "number_pattern", "validity_years", "standard_codes",
        "level_codes", "cryptosuite"}},
  };
  for (auto&& [section, node] : doc) {
    std::string s(section.str());
    auto it = kKnown.find(s);
    if (it == kKnown.end() || !node.is_table()) {
      return TomlError(origin, node.source(), s,
                       "unknown section; expected [server], [storage], [standards], [web], [log], [demo] or "
                       "[certificates]",
                       "未知的配置节");
    }
    for (auto&& [key, node_value] : *node.as_table()) {
      // A plain reference: clang before 16 cannot capture structured bindings in the lambdas below.
      const toml::node& value = node_value;
      std::string k(key.str());
      if (std::find(it->second.begin(), it->second.end(), k) == it->second.end()) {
        return TomlError(origin, value.source(), s + "." + k, "unknown key", "未知的配置项");
      }
      auto want_string = [&](std::string& out) -> Status {
        if (!value.is_string())
          return TomlError(origin, value.source(), s + "." + k, "expected a string", "应为字符串");
        out = value.as_string()->get();
        return Status();
      };
      auto want_int = [&](std::int64_t& out, std::int64_t lo, std::int64_t hi) -> Status {
        if (!value.is_integer())
          return TomlError(origin, value.source(), s + "." + k, "expected a whole number", "应为整数");
        out = value.as_integer()->get();
        if (out < lo || out > hi) {
          return TomlError(origin, value.source(), s + "." + k,
                           "must be between " + std::to_string(lo) + " and " + std::to_string(hi),
                           "取值超出范围");
        }
        return Status();
      };
      std::string full = s + "." + k;
      if (full == "server.listen") {
        std::string v;
        KP_RETURN_IF_ERROR(want_string(v));
        KP_RETURN_IF_ERROR(ParseListen(v, origin + ": server.listen", into));
      } else if (full == "server.threads") {
        std::int64_t v = 0;
        KP_RETURN_IF_ERROR(want_int(v, 1, 256));
        into.threads = static_cast<int>(v);
      } else if (full == "server.max_body_bytes") {
        KP_RETURN_IF_ERROR(want_int(into.max_body_bytes, 1024, 1LL << 32));
      } else if (full == "server.public_url") {
        KP_RETURN_IF_ERROR(want_string(into.public_url));
      } else if (full == "storage.data_dir") {
        KP_RETURN_IF_ERROR(want_string(into.data_dir));
      } else if (full == "standards.dir") {
        KP_RETURN_IF_ERROR(want_string(into.standards_dir));
      } else if (full == "web.dir") {
        KP_RETURN_IF_ERROR(want_string(into.web_dir));
      } else if (full == "log.level") {
        KP_RETURN_IF_ERROR(want_string(into.log_level));
      } else if (full == "certificates.key_file") {
        KP_RETURN_IF_ERROR(want_string(into.certificates.key_file));
      } else if (full == "certificates.issuer_name") {
        KP_RETURN_IF_ERROR(want_string(into.certificates.issuer_name));
        if (into.certificates.issuer_name.empty())
          return TomlError(origin, value.source(), full, "must not be empty", "不能为空");
      } else if (full == "certificates.public_url") {
        KP_RETURN_IF_ERROR(want_string(into.certificates.public_url));
      } else if (full == "certificates.number_pattern") {
        KP_RETURN_IF_ERROR(want_string(into.certificates.number_pattern));
      } else if (full == "certificates.cryptosuite") {
        KP_RETURN_IF_ERROR(want_string(into.certificates.cryptosuite));
        if (!IsKnownCryptosuite(into.certificates.cryptosuite)) {
          return TomlError(origin, value.source(), full, "must be \"eddsa-rdfc-2022\" or \"eddsa-jcs-2022\"",
                           "应为 \"eddsa-rdfc-2022\" 或 \"eddsa-jcs-2022\"");
        }
      } else if (full == "certificates.validity_years") {
        std::int64_t v = 0;
        KP_RETURN_IF_ERROR(want_int(v, 1, 100));
        into.certificates.validity_years = static_cast<int>(v);
      } else if (full == "certificates.standard_codes" || full == "certificates.level_codes") {
        if (!value.is_table()) {
          return TomlError(origin, value.source(), full,
                           "expected a table of strings, e.g. { \"mid\" = \"M\" }",
                           "应为字符串表，例如 { \"mid\" = \"M\" }");
        }
        auto& into_map = full == "certificates.standard_codes" ? into.certificates.standard_codes
                                                               : into.certificates.level_codes;
        into_map.clear();
        for (auto&& [code_key, code] : *value.as_table()) {
          if (!code.is_string())
            return TomlError(origin, code.source(), full + "." + std::string(code_key.str()),
                             "expected a string", "应为字符串");
          into_map[std::string(code_key.str())] = code.as_string()->get();
        }
      } else if (full == "demo.seed") {
        if (!value.is_boolean())
          return TomlError(origin, value.source(), full, "expected true or false", "应为 true 或 false");
        into.seed_demo = value.as_boolean()->get();
      }
    }
  }
  return Status();
}

Status ApplyEnvironment(const std::function<const char*(const char*)>& getenv, Config& into) {
  auto get = [&](const char* name) -> std::optional<std::string> {
    const char* v = getenv(name);
    if (!v || !*v) return std::nullopt;
    return std::string(v);
  };
  auto as_int = [&](const char* name, const std::string& v, std::int64_t lo,
                    std::int64_t hi) -> Result<std::int64_t> {
    std::int64_t out = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec != std::errc() || ptr != v.data() + v.size() || out < lo || out > hi) {
      return InvalidArgument("config.invalid",
                             std::string(name) + "='" + v + "' is not a whole number in range",
                             std::string("环境变量 ") + name + " 的值“" + v + "”无效");
    }
    return out;
  };
  if (auto v = get("KAOPING_LISTEN")) KP_RETURN_IF_ERROR(ParseListen(*v, "KAOPING_LISTEN", into));
  if (auto v = get("KAOPING_THREADS")) {
    KP_ASSIGN_OR_RETURN(std::int64_t n, as_int("KAOPING_THREADS", *v, 1, 256));
    into.threads = static_cast<int>(n);
  }
  if (auto v = get("KAOPING_MAX_BODY_BYTES")) {
    KP_ASSIGN_OR_RETURN(into.max_body_bytes, as_int("KAOPING_MAX_BODY_BYTES", *v, 1024, 1LL << 32));
  }
  if (auto v = get("KAOPING_PUBLIC_URL")) into.public_url = *v;
  if (auto v = get("KAOPING_DATA")) into.data_dir = *v;
  if (auto v = get("KAOPING_STANDARDS_DIR")) into.standards_dir = *v;
  if (auto v = get("KAOPING_WEB_DIR")) into.web_dir = *v;
  if (auto v = get("KAOPING_LOG_LEVEL")) into.log_level = *v;
  if (auto v = get("KAOPING_CERT_KEY_FILE")) into.certificates.key_file = *v;
  if (auto v = get("KAOPING_CERT_ISSUER_NAME")) into.certificates.issuer_name = *v;
  if (auto v = get("KAOPING_CERT_PUBLIC_URL")) into.certificates.public_url = *v;
  if (auto v = get("KAOPING_CERT_NUMBER_PATTERN")) into.certificates.number_pattern = *v;
  if (auto v = get("KAOPING_CERT_CRYPTOSUITE")) {
    if (!IsKnownCryptosuite(*v)) {
      return InvalidArgument("config.invalid",
                             "KAOPING_CERT_CRYPTOSUITE must be eddsa-rdfc-2022 or eddsa-jcs-2022",
                             "KAOPING_CERT_CRYPTOSUITE 应为 eddsa-rdfc-2022 或 eddsa-jcs-2022");
    }
    into.certificates.cryptosuite = *v;
  }
  if (auto v = get("KAOPING_CERT_VALIDITY_YEARS")) {
    KP_ASSIGN_OR_RETURN(std::int64_t n, as_int("KAOPING_CERT_VALIDITY_YEARS", *v, 1, 100));
    into.certificates.validity_years = static_cast<int>(n);
  }
  if (auto v = get("KAOPING_SEED_DEMO")) {
    if (*v != "true" && *v != "false" && *v != "1" && *v != "0") {
      return InvalidArgument("config.invalid", "KAOPING_SEED_DEMO must be true or false",
                             "KAOPING_SEED_DEMO 应为 true 或 false");
    }
    into.seed_demo = (*v == "true" || *v == "1");
  }
  return Status();
}

Config DefaultConfig() {
  Config c;
  std::error_code ec;
#ifdef KAOPING_SOURCE_DIR
  if (!std::filesystem::is_directory(c.standards_dir, ec))
    c.standards_dir = std::string(KAOPING_SOURCE_DIR) + "/standards";
  if (!std::filesystem::is_directory(c.web_dir, ec))
    c.web_dir = std::string(KAOPING_SOURCE_DIR) + "/web/dist";
#endif
  return c;
}

}  // namespace kaoping::app
