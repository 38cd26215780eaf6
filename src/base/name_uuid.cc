#include "base/name_uuid.h"

#include <cstdio>

#include <openssl/evp.h>

namespace kaoping {

std::string NameUuid(std::string_view name) {
  static const unsigned char kNamespace[16] = {0x6f, 0x1b, 0x2c, 0x52, 0x7a, 0x4e, 0x4e, 0x55,
                                               0x9a, 0x3c, 0x0e, 0x3b, 0x6a, 0x9d, 0x5a, 0x10};
  std::string input(reinterpret_cast<const char*>(kNamespace), 16);
  input += name;
  unsigned char d[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(input.data(), input.size(), d, &len, EVP_sha1(), nullptr);  // RFC 4122 §4.3: SHA-1
  d[6] = static_cast<unsigned char>((d[6] & 0x0f) | 0x50);               // version 5
  d[8] = static_cast<unsigned char>((d[8] & 0x3f) | 0x80);               // RFC 4122 variant
  char out[37];
  std::snprintf(out, sizeof(out), "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13], d[14],
                d[15]);
  return out;
}

}  // namespace kaoping
