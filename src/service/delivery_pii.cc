#include "service/delivery_pii.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include "service/crypto.h"

namespace kaoping::service {
namespace {

Status KeyIo(const std::string& what, const std::string& path) {
  std::string err = std::strerror(errno);
  return Unavailable("pii.key_io", what + " '" + path + "': " + err,
                     "无法读写个人信息密钥文件“" + path + "”：" + err);
}

}  // namespace

Result<std::shared_ptr<const PiiVault>> PiiVault::OpenOrCreate(const std::string& data_dir) {
  return Load(data_dir, true);
}
Result<std::shared_ptr<const PiiVault>> PiiVault::Open(const std::string& data_dir) {
  return Load(data_dir, false);
}

Result<std::shared_ptr<const PiiVault>> PiiVault::Load(const std::string& data_dir, bool create) {
  KP_RETURN_IF_ERROR(InitCrypto());
  namespace fs = std::filesystem;
  fs::path dir = fs::path(data_dir) / "keys";
  std::string path = (dir / "pii.key").string();
  std::shared_ptr<PiiVault> v(new PiiVault());
  v->key_path_ = path;
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    if (!create) {
      return NotFound("pii.no_key", "no key file '" + path + "' (start the server once to create it)",
                      "找不到个人信息密钥文件“" + path + "”（请先启动一次服务器）");
    }
    fs::create_directories(dir, ec);
    if (ec) return KeyIo("cannot create directory", dir.string());
    ::chmod(dir.c_str(), 0700);
    unsigned char key[32];
    randombytes_buf(key, sizeof(key));
    char hex[65];
    sodium_bin2hex(hex, sizeof(hex), key, sizeof(key));
    sodium_memzero(key, sizeof(key));
    // O_EXCL: two servers starting at once cannot both create (and disagree on) the key.
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
      std::string line = std::string(hex) + "\n";
      bool ok =
          ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
      ::close(fd);
      sodium_memzero(hex, sizeof(hex));
      if (!ok) return KeyIo("cannot write key file", path);
    } else if (errno != EEXIST) {
      return KeyIo("cannot create key file", path);
    }
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return KeyIo("cannot stat key file", path);
  if ((st.st_mode & 077) != 0) {
    return FailedPrecondition("pii.key_permissions",
                              "key file '" + path + "' is readable by others; run: chmod 600 " + path,
                              "密钥文件“" + path + "”的权限过宽，请执行：chmod 600 " + path);
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return KeyIo("cannot open key file", path);
  char buf[128];
  ssize_t n = ::read(fd, buf, sizeof(buf));
  ::close(fd);
  if (n < 64) {
    return DataLoss("pii.key_corrupt", "key file '" + path + "' does not hold 64 hex digits",
                    "密钥文件内容损坏");
  }
  size_t bin_len = 0;
  if (sodium_hex2bin(v->key_.data(), v->key_.size(), buf, 64, nullptr, &bin_len, nullptr) != 0 ||
      bin_len != 32) {
    sodium_memzero(buf, sizeof(buf));
    return DataLoss("pii.key_corrupt", "key file '" + path + "' does not hold 64 hex digits",
                    "密钥文件内容损坏");
  }
  sodium_memzero(buf, sizeof(buf));
  static constexpr char kLabel[] = "kaoping pii keyed hash v1";
  crypto_generichash(v->hash_key_.data(), v->hash_key_.size(), reinterpret_cast<const unsigned char*>(kLabel),
                     sizeof(kLabel) - 1, v->key_.data(), v->key_.size());
  return std::shared_ptr<const PiiVault>(std::move(v));
}

std::string PiiVault::Seal(std::string_view plaintext) const {
  std::string raw(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size(), '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  randombytes_buf(out, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(), out,
                        key_.data());
  std::string b64(sodium_base64_ENCODED_LEN(raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(b64.data(), b64.size(), out, raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  b64.resize(std::strlen(b64.c_str()));
  return b64;
}

Result<std::string> PiiVault::Unseal(std::string_view sealed) const {
  std::string raw(sealed.size(), '\0');
  size_t len = 0;
  auto corrupt = [] {
    return DataLoss("pii.corrupt",
                    "a sealed value cannot be opened with this key (wrong key or altered data)",
                    "加密数据无法解密（密钥不符或数据被篡改）");
  };
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), sealed.data(),
                        sealed.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return corrupt();
  }
  const auto* in = reinterpret_cast<const unsigned char*>(raw.data());
  std::string plain(len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 in + crypto_secretbox_NONCEBYTES, len - crypto_secretbox_NONCEBYTES, in,
                                 key_.data()) != 0) {
    return corrupt();
  }
  return plain;
}

std::string PiiVault::KeyedHash(std::string_view value) const {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof(digest), reinterpret_cast<const unsigned char*>(value.data()),
                     value.size(), hash_key_.data(), hash_key_.size());
  char hex[65];
  sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
  return std::string(hex);
}

}  // namespace kaoping::service
