#include "credentials/encoding.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <vector>

#include <sodium.h>
#include <zlib.h>

namespace kaoping::credentials {

namespace {

constexpr char kBase58Alphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

const std::array<int, 256>& Base58Index() {
  static const std::array<int, 256> kIndex = [] {
    std::array<int, 256> t{};
    t.fill(-1);
    for (int i = 0; i < 58; ++i) t[static_cast<unsigned char>(kBase58Alphabet[i])] = i;
    return t;
  }();
  return kIndex;
}

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

std::string Base58btcEncode(std::string_view bytes) {
  std::size_t zeros = 0;
  while (zeros < bytes.size() && bytes[zeros] == '\0') ++zeros;
  // Big-number conversion base 256 → base 58, digits little-endian.
  std::vector<std::uint8_t> digits;
  digits.reserve(bytes.size() * 138 / 100 + 1);
  for (std::size_t i = zeros; i < bytes.size(); ++i) {
    std::uint32_t carry = static_cast<unsigned char>(bytes[i]);
    for (auto& d : digits) {
      carry += static_cast<std::uint32_t>(d) << 8;
      d = static_cast<std::uint8_t>(carry % 58);
      carry /= 58;
    }
    while (carry > 0) {
      digits.push_back(static_cast<std::uint8_t>(carry % 58));
      carry /= 58;
    }
  }
  std::string out(zeros, '1');
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) out += kBase58Alphabet[*it];
  return out;
}

Result<std::string> Base58btcDecode(std::string_view text) {
  const auto& index = Base58Index();
  std::size_t ones = 0;
  while (ones < text.size() && text[ones] == '1') ++ones;
  std::vector<std::uint8_t> bytes;  // little-endian
  bytes.reserve(text.size() * 733 / 1000 + 1);
  for (std::size_t i = ones; i < text.size(); ++i) {
    int v = index[static_cast<unsigned char>(text[i])];
    if (v < 0) {
      return InvalidArgument("credentials.base58",
                             "invalid base58btc character at position " + std::to_string(i),
                             "base58btc 编码在第 " + std::to_string(i) + " 个字符处无效");
    }
    std::uint32_t carry = static_cast<std::uint32_t>(v);
    for (auto& b : bytes) {
      carry += static_cast<std::uint32_t>(b) * 58;
      b = static_cast<std::uint8_t>(carry & 0xff);
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push_back(static_cast<std::uint8_t>(carry & 0xff));
      carry >>= 8;
    }
  }
  std::string out(ones, '\0');
  for (auto it = bytes.rbegin(); it != bytes.rend(); ++it) out += static_cast<char>(*it);
  return out;
}

// Built by appending: g++ 12 at -O2 warns (-Wrestrict, a false positive) on "z" + std::string&&.
std::string MultibaseBase58btc(std::string_view bytes) {
  std::string out(1, 'z');
  out += Base58btcEncode(bytes);
  return out;
}

std::string MultibaseBase64Url(std::string_view bytes) {
  std::string out(1, 'u');
  out += Base64UrlEncode(bytes);
  return out;
}

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), Bytes(bytes), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

Result<std::string> Base64UrlDecode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string out(text.size() * 3 / 4 + 3, '\0');
  std::size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                        nullptr, &len, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size()) {
    return InvalidArgument("credentials.base64url", "invalid base64url text", "base64url 编码无效");
  }
  out.resize(len);
  return out;
}

std::string HexEncode(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 0xf];
  }
  return out;
}

Result<std::string> Gzip(std::string_view data) {
  z_stream zs{};
  // windowBits 15 + 16: write a gzip header and trailer instead of a zlib one.
  if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    return Internal("credentials.gzip", "deflateInit2 failed", "压缩初始化失败");
  }
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 32, '\0');
  zs.next_in = const_cast<Bytef*>(Bytes(data));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return Internal("credentials.gzip", "deflate did not finish", "压缩未完成");
  return out;
}

Result<std::string> Gunzip(std::string_view data, std::size_t max_output) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) {
    return Internal("credentials.gzip", "inflateInit2 failed", "解压初始化失败");
  }
  zs.next_in = const_cast<Bytef*>(Bytes(data));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  std::array<char, 16384> chunk;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk.data());
    zs.avail_out = static_cast<uInt>(chunk.size());
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      return InvalidArgument("credentials.gzip", "corrupt or truncated gzip data", "GZIP 数据损坏或不完整");
    }
    out.append(chunk.data(), chunk.size() - zs.avail_out);
    if (out.size() > max_output) {
      inflateEnd(&zs);
      return ResourceExhausted("credentials.gzip_too_large",
                               "gzip data inflates beyond " + std::to_string(max_output) + " bytes",
                               "GZIP 数据解压后超过 " + std::to_string(max_output) + " 字节");
    }
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
      inflateEnd(&zs);
      return InvalidArgument("credentials.gzip", "truncated gzip data", "GZIP 数据不完整");
    }
  }
  inflateEnd(&zs);
  return out;
}

std::string RandomBytes(std::size_t n) {
  // sodium_init() is idempotent and thread-safe; service::InitCrypto() normally ran already.
  static const int kSodiumReady = sodium_init();
  (void)kSodiumReady;
  std::string out(n, '\0');
  randombytes_buf(out.data(), out.size());
  return out;
}

std::string RandomUrnUuid() {
  std::string b = RandomBytes(16);
  b[6] = static_cast<char>((static_cast<unsigned char>(b[6]) & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<char>((static_cast<unsigned char>(b[8]) & 0x3f) | 0x80);  // RFC 4122 variant
  std::string h = HexEncode(b);
  return "urn:uuid:" + h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20);
}

}  // namespace kaoping::credentials
