// -----------------------------------------------------------------------------
// File: core/delivery/sha256.h
// -----------------------------------------------------------------------------
//
// SHA-256 (FIPS 180-4) in plain C++, so the audit hash chain (audit_chain.h) is computed and
// verified by the same pure code in the server, the store and `kaoping audit verify`, without
// a crypto library in the domain core.
//
// Thread safety: Sha256 objects are values; the free function is thread-safe.

#ifndef KAOPING_CORE_DELIVERY_SHA256_H_
#define KAOPING_CORE_DELIVERY_SHA256_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace kaoping::delivery {

class Sha256 {
 public:
  Sha256();
  void Update(std::string_view data);
  // The 32-byte digest. The object must not be updated afterwards.
  std::array<std::uint8_t, 32> Finish();

 private:
  void Block(const std::uint8_t* p);
  std::uint32_t h_[8];
  std::uint8_t buf_[64];
  std::size_t buf_len_ = 0;
  std::uint64_t total_ = 0;
};

// Lower-case hex SHA-256 of `data` (64 characters).
std::string Sha256Hex(std::string_view data);

}  // namespace kaoping::delivery

#endif  // KAOPING_CORE_DELIVERY_SHA256_H_
