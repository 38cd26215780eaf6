#include "base/sha256.h"

#include <string>

#include <gtest/gtest.h>

#include "base/name_uuid.h"

namespace kaoping {
namespace {

// FIPS 180-4 / NIST CSHA examples.
TEST(Sha256Test, KnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex(std::string(1'000'000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  EXPECT_EQ(Sha256("abc").size(), 32u);
}

// RFC 4122 v5 in kaoping's namespace: stable forever (CASE identifiers and credentials use them).
TEST(NameUuidTest, VersionVariantAndStability) {
  const std::string u = NameUuid("kaoping:llm-deploy-engineer");
  ASSERT_EQ(u.size(), 36u);
  EXPECT_EQ(u[14], '5');
  EXPECT_NE(std::string("89ab").find(u[19]), std::string::npos);
  EXPECT_EQ(u, NameUuid("kaoping:llm-deploy-engineer"));
  EXPECT_NE(u, NameUuid("kaoping:llm-deploy-engineer:level:mid"));
}

}  // namespace
}  // namespace kaoping
