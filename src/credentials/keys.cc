#include "credentials/keys.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/new_file.h"
#include "credentials/encoding.h"

namespace kaoping::credentials {

namespace {

constexpr unsigned char kEd25519PubHeader[2] = {0xed, 0x01};   // multicodec ed25519-pub
constexpr unsigned char kEd25519PrivHeader[2] = {0x80, 0x26};  // multicodec ed25519-priv

std::string_view AsView(const unsigned char* p, std::size_t n) {
  return {reinterpret_cast<const char*>(p), n};
}

Status IoError(const std::filesystem::path& path, std::string_view what) {
  const std::string err = std::strerror(errno);
  return Unavailable("credentials.key_file_io", std::string(what) + " " + path.string() + ": " + err,
                     "签发密钥文件 " + path.string() + " 读写失败：" + err);
}

Status InvalidKeyFile(const std::filesystem::path& path, std::string_view why) {
  return InvalidArgument("credentials.key_file_invalid",
                         "issuer key file " + path.string() + " is invalid: " + std::string(why),
                         "签发密钥文件 " + path.string() + " 无效：" + std::string(why));
}

}  // namespace

Ed25519Key::~Ed25519Key() {
  sodium_memzero(secret_.data(), secret_.size());
}

Ed25519Key Ed25519Key::Generate() {
  const std::string seed = RandomBytes(crypto_sign_SEEDBYTES);
  return FromSeed(seed).value();
}

Result<Ed25519Key> Ed25519Key::FromSeed(std::string_view seed) {
  if (seed.size() != crypto_sign_SEEDBYTES) {
    return InvalidArgument("credentials.key_seed", "an Ed25519 seed has 32 bytes",
                           "Ed25519 种子必须为 32 字节");
  }
  Ed25519Key key;
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_seed_keypair(pk, key.secret_.data(), reinterpret_cast<const unsigned char*>(seed.data()));
  return key;
}

std::string Ed25519Key::public_key() const {
  return std::string(AsView(secret_.data() + 32, 32));
}

std::string Ed25519Key::PublicKeyMultibase() const {
  std::string raw(AsView(kEd25519PubHeader, 2));
  raw += public_key();
  return MultibaseBase58btc(raw);
}

std::string Ed25519Key::Did() const {
  return "did:key:" + PublicKeyMultibase();
}

std::string Ed25519Key::VerificationMethod() const {
  const std::string mb = PublicKeyMultibase();
  return "did:key:" + mb + "#" + mb;
}

std::string Ed25519Key::Sign(std::string_view message) const {
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret_.data());
  return sig;
}

std::string Ed25519Key::ToKeyFileJson() const {
  std::string priv(AsView(kEd25519PrivHeader, 2));
  priv += AsView(secret_.data(), 32);
  nlohmann::json doc{{"type", "Multikey"},
                     {"id", VerificationMethod()},
                     {"controller", Did()},
                     {"publicKeyMultibase", PublicKeyMultibase()},
                     {"secretKeyMultibase", MultibaseBase58btc(priv)}};
  sodium_memzero(priv.data(), priv.size());
  return doc.dump(2) + "\n";
}

Result<Ed25519Key> Ed25519Key::FromKeyFileJson(std::string_view text) {
  auto bad = [](std::string en, std::string zh) {
    return InvalidArgument("credentials.key_file_invalid", "issuer key file is invalid: " + en,
                           "签发密钥文件无效：" + zh);
  };
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("secretKeyMultibase") || !doc["secretKeyMultibase"].is_string() ||
      !doc.contains("publicKeyMultibase") || !doc["publicKeyMultibase"].is_string()) {
    return bad("expected a Multikey JSON object with publicKeyMultibase and secretKeyMultibase",
               "应为包含 publicKeyMultibase 与 secretKeyMultibase 的 Multikey JSON 对象");
  }
  const std::string secret_mb = doc["secretKeyMultibase"].get<std::string>();
  if (secret_mb.empty() || secret_mb[0] != 'z')
    return bad("secretKeyMultibase is not base58btc", "secretKeyMultibase 不是 base58btc 编码");
  auto raw = Base58btcDecode(std::string_view(secret_mb).substr(1));
  if (!raw.ok() || raw->size() != 34 || static_cast<unsigned char>((*raw)[0]) != kEd25519PrivHeader[0] ||
      static_cast<unsigned char>((*raw)[1]) != kEd25519PrivHeader[1]) {
    return bad("secretKeyMultibase is not an ed25519-priv multikey",
               "secretKeyMultibase 不是 ed25519-priv 多码密钥");
  }
  auto key = FromSeed(std::string_view(*raw).substr(2));
  sodium_memzero(raw->data(), raw->size());
  if (!key.ok()) return key.status();
  if (key->PublicKeyMultibase() != doc["publicKeyMultibase"].get<std::string>()) {
    return bad("publicKeyMultibase does not belong to the secret key", "publicKeyMultibase 与私钥不匹配");
  }
  return key;
}

bool VerifyEd25519(std::string_view public_key, std::string_view message, std::string_view signature) {
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES) return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                     reinterpret_cast<const unsigned char*>(public_key.data())) == 0;
}

Result<std::string> DecodeEd25519Multikey(std::string_view multibase) {
  auto bad = [&] {
    return InvalidArgument("credentials.multikey", "not an Ed25519 multikey: " + std::string(multibase),
                           "不是 Ed25519 多码公钥：" + std::string(multibase));
  };
  if (multibase.empty() || multibase[0] != 'z') return bad();
  auto raw = Base58btcDecode(multibase.substr(1));
  if (!raw.ok() || raw->size() != 34 || static_cast<unsigned char>((*raw)[0]) != kEd25519PubHeader[0] ||
      static_cast<unsigned char>((*raw)[1]) != kEd25519PubHeader[1]) {
    return bad();
  }
  return raw->substr(2);
}

Result<std::string> ResolveDidKey(std::string_view did_url) {
  constexpr std::string_view kPrefix = "did:key:";
  auto bad = [&](std::string en, std::string zh) {
    return InvalidArgument("credentials.did_key", "cannot resolve " + std::string(did_url) + ": " + en,
                           "无法解析 " + std::string(did_url) + "：" + zh);
  };
  if (did_url.substr(0, kPrefix.size()) != kPrefix) return bad("not a did:key DID", "不是 did:key 标识");
  std::string_view rest = did_url.substr(kPrefix.size());
  std::string_view id = rest, fragment;
  if (auto hash = rest.find('#'); hash != std::string_view::npos) {
    id = rest.substr(0, hash);
    fragment = rest.substr(hash + 1);
    if (fragment != id) return bad("unknown verification method fragment", "未知的验证方法片段");
  }
  auto key = DecodeEd25519Multikey(id);
  if (!key.ok())
    return bad("only Ed25519 did:key identifiers are supported", "仅支持 Ed25519 类型的 did:key");
  return key;
}

Result<Ed25519Key> LoadOrCreateIssuerKey(const std::filesystem::path& path) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
      if ((st.st_mode & 077) != 0) {
        return PermissionDenied(
            "credentials.key_file_insecure",
            "issuer key file " + path.string() + " is accessible by group or others (chmod 600 it)",
            "签发密钥文件 " + path.string() + " 可被其他用户访问（请执行 chmod 600）");
      }
      std::ifstream in(path, std::ios::binary);
      if (!in) return IoError(path, "cannot read");
      std::ostringstream ss;
      ss << in.rdbuf();
      std::string text = ss.str();
      auto key = Ed25519Key::FromKeyFileJson(text);
      sodium_memzero(text.data(), text.size());
      if (!key.ok()) return InvalidKeyFile(path, key.status().message());
      return key;
    }
    if (errno != ENOENT) return IoError(path, "cannot stat");

    // Create: temp file (0600) in the same directory, fsync, link() into place (fails if another
    // process won the race; then load theirs on the next iteration).
    std::error_code ec;
    const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    if (!std::filesystem::exists(dir, ec)) {
      std::filesystem::create_directories(dir, ec);
      if (ec) return IoError(dir, "cannot create directory");
      std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
    }
    const Ed25519Key key = Ed25519Key::Generate();
    std::string text = key.ToKeyFileJson();
    const auto tmp = dir / (path.filename().string() + ".tmp." + HexEncode(RandomBytes(6)));
    const NewFileOutcome out = CreateNewFile(path, tmp, text, 0600);
    sodium_memzero(text.data(), text.size());
    if (out.created()) return key;
    if (!out.exists()) {
      errno = out.error;
      return IoError(out.step == std::string_view("link") ? path : tmp,
                     out.step == std::string_view("write") ? "cannot write" : "cannot create");
    }
    // Another process won the race: load theirs on the next iteration.
  }
  return Aborted("credentials.key_file_race", "issuer key file " + path.string() + " keeps changing",
                 "签发密钥文件 " + path.string() + " 被反复改动");
}

}  // namespace kaoping::credentials
