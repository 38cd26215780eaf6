#include "credentials/status_list.h"

#include <set>

#include <gtest/gtest.h>

#include "credentials/credentials_test_support.h"
#include "credentials/dates.h"
#include "credentials/encoding.h"

namespace kaoping::credentials {
namespace {

using Json = nlohmann::json;

TEST(StatusBitstringTest, MinimumSizeAndMsbFirstBitOrder) {
  StatusBitstring bits(10);
  EXPECT_EQ(bits.size(), kMinStatusListBits);
  bits.Set(0, true);
  bits.Set(9, true);
  bits.Set(kMinStatusListBits - 1, true);
  const std::string encoded = bits.Encode().value();
  ASSERT_EQ(encoded[0], 'u');
  const std::string raw = Gunzip(Base64UrlDecode(encoded.substr(1)).value(), 1 << 20).value();
  ASSERT_EQ(raw.size(), 16384u);
  EXPECT_EQ(static_cast<unsigned char>(raw[0]), 0x80);  // bit 0 = MSB of byte 0
  EXPECT_EQ(static_cast<unsigned char>(raw[1]), 0x40);  // bit 9
  EXPECT_EQ(static_cast<unsigned char>(raw[16383]), 0x01);
  const StatusBitstring back = StatusBitstring::Decode(encoded).value();
  EXPECT_TRUE(back.Get(0));
  EXPECT_TRUE(back.Get(9));
  EXPECT_FALSE(back.Get(8));
  EXPECT_EQ(back.CountSet(), 3u);
  // Lists without the multibase prefix (as some issuers publish them) decode too.
  EXPECT_EQ(StatusBitstring::Decode(encoded.substr(1)).value().CountSet(), 3u);
}

TEST(StatusBitstringTest, RejectsShortCorruptAndOversizedLists) {
  const std::string short_list = "u" + Base64UrlEncode(Gzip(std::string(1000, '\0')).value());
  EXPECT_EQ(StatusBitstring::Decode(short_list).status().reason(), "credentials.status_list_short");
  EXPECT_EQ(StatusBitstring::Decode("u!!!").status().reason(), "credentials.status_list_encoding");
  EXPECT_EQ(StatusBitstring::Decode("u" + Base64UrlEncode("nope")).status().reason(),
            "credentials.status_list_encoding");
  const std::string huge = "u" + Base64UrlEncode(Gzip(std::string(kMaxStatusListBits / 8 + 1, '\0')).value());
  EXPECT_EQ(StatusBitstring::Decode(huge).status().reason(), "credentials.gzip_too_large");
}

TEST(StatusEntryTest, ParsesStringAndNumberIndexes) {
  Json vc{{"credentialStatus", MakeStatusEntry("https://x/status/1", 94567)}};
  StatusEntry e = ParseStatusEntry(vc).value();
  EXPECT_EQ(e.list_url, "https://x/status/1");
  EXPECT_EQ(e.index, 94567u);
  EXPECT_EQ(e.purpose, "revocation");
  EXPECT_EQ(vc["credentialStatus"]["id"], "https://x/status/1#94567");
  EXPECT_EQ(vc["credentialStatus"]["statusListIndex"], "94567");  // a string, as the spec writes it
  vc["credentialStatus"]["statusListIndex"] = 201;
  EXPECT_EQ(ParseStatusEntry(vc).value().index, 201u);
  vc["credentialStatus"]["statusListIndex"] = "-1";
  EXPECT_EQ(ParseStatusEntry(vc).status().reason(), "credentials.status_entry");
  vc["credentialStatus"]["statusListIndex"] = "12a";
  EXPECT_EQ(ParseStatusEntry(vc).status().reason(), "credentials.status_entry");
  EXPECT_EQ(ParseStatusEntry(Json::object()).status().reason(), "credentials.status_missing");
}

TEST(StatusListTest, RandomDistinctIndexesRevocationAndRestore) {
  StatusList list("https://x/status/1");
  std::set<std::size_t> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::size_t idx = list.AllocateIndex().value();
    EXPECT_LT(idx, kMinStatusListBits);
    EXPECT_TRUE(seen.insert(idx).second);
  }
  EXPECT_EQ(list.allocated_count(), 1000u);
  // Random, not sequential: 1000 draws from 131072 are spread over the list.
  EXPECT_GT(*seen.rbegin() - *seen.begin(), kMinStatusListBits / 2);

  const std::size_t idx = *seen.begin();
  EXPECT_FALSE(list.IsRevoked(idx));
  ASSERT_TRUE(list.Revoke(idx).ok());
  EXPECT_TRUE(list.IsRevoked(idx));
  EXPECT_EQ(list.Revoke(idx).reason(), "credentials.already_revoked");
  std::size_t never = 0;
  while (seen.count(never)) ++never;
  EXPECT_EQ(list.Revoke(never).reason(), "credentials.status_index_unknown");

  auto restored =
      StatusList::Restore(list.url(), list.revoked().Encode().value(), list.allocated().Encode().value());
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_TRUE(restored->IsRevoked(idx));
  EXPECT_EQ(restored->allocated_count(), 1000u);
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(seen.count(restored->AllocateIndex().value()));

  // Revoked but never allocated is an inconsistent state.
  StatusBitstring revoked;
  revoked.Set(5, true);
  EXPECT_EQ(StatusList::Restore("u", revoked.Encode().value(), StatusBitstring().Encode().value())
                .status()
                .reason(),
            "credentials.status_list_state");
}

TEST(StatusListTest, FullListIsReported) {
  // Fill a list completely (131072 allocations; the scan keeps this fast).
  StatusList list("https://x/status/2");
  for (std::size_t i = 0; i < kMinStatusListBits; ++i) ASSERT_TRUE(list.AllocateIndex().ok());
  auto full = list.AllocateIndex();
  ASSERT_FALSE(full.ok());
  EXPECT_EQ(full.status().reason(), "credentials.status_list_full");
}

TEST(StatusListCredentialTest, SignedVerifiedAndIssuerBound) {
  const Ed25519Key key = testing::IssuerFixture::Key();
  StatusList list("https://exam.example.org/credentials/status/1");
  const std::size_t idx = list.AllocateIndex().value();
  ASSERT_TRUE(list.Revoke(idx).ok());
  const TimePoint now = ParseIsoDateTime("2026-03-01T08:00:00Z").value();
  const Json slc = list.SignedCredential(key, now).value();
  EXPECT_EQ(slc["type"], Json::array({"VerifiableCredential", "BitstringStatusListCredential"}));
  EXPECT_EQ(slc["credentialSubject"]["type"], "BitstringStatusList");
  EXPECT_EQ(slc["credentialSubject"]["statusPurpose"], "revocation");
  EXPECT_EQ(slc["issuer"], key.Did());
  EXPECT_EQ(slc["proof"]["cryptosuite"], "eddsa-rdfc-2022");

  auto bits = OpenStatusListCredential(slc, key.Did());
  ASSERT_TRUE(bits.ok()) << bits.status();
  EXPECT_TRUE(bits->Get(idx));
  EXPECT_EQ(bits->CountSet(), 1u);

  // Another issuer's list, or a tampered one, is refused.
  EXPECT_EQ(OpenStatusListCredential(slc, "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")
                .status()
                .reason(),
            "credentials.status_list_issuer");
  Json tampered = slc;
  tampered["credentialSubject"]["encodedList"] = StatusBitstring().Encode().value();
  EXPECT_EQ(OpenStatusListCredential(tampered, key.Did()).status().reason(), "credentials.proof_invalid");
}

}  // namespace
}  // namespace kaoping::credentials
