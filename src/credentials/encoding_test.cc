#include "credentials/encoding.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "credentials/credentials_test_support.h"
#include "credentials/dates.h"
#include "credentials/keys.h"

namespace kaoping::credentials {
namespace {

std::string Unhex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return out;
}

TEST(Base58Test, KnownVectors) {
  EXPECT_EQ(Base58btcEncode(""), "");
  EXPECT_EQ(Base58btcEncode("Hello World!"), "2NEpo7TZRRrLZSi2U");
  EXPECT_EQ(Base58btcEncode(std::string("\0\0\x01", 3)), "112");
  EXPECT_EQ(Base58btcEncode(Unhex("00eb15231dfceb60925886b67d065299925915aeb172c06647")),
            "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L");
  EXPECT_EQ(Base58btcDecode("2NEpo7TZRRrLZSi2U").value(), "Hello World!");
  EXPECT_EQ(Base58btcDecode("112").value(), std::string("\0\0\x01", 3));
}

TEST(Base58Test, RoundTripsRandomBytesAndRejectsBadCharacters) {
  for (int n : {1, 2, 16, 32, 34, 64}) {
    const std::string b = RandomBytes(static_cast<std::size_t>(n));
    EXPECT_EQ(Base58btcDecode(Base58btcEncode(b)).value(), b);
  }
  auto bad = Base58btcDecode("2NEp0");  // '0' is not in the alphabet
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().reason(), "credentials.base58");
}

TEST(Base64UrlTest, UnpaddedUrlSafeAlphabet) {
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
  EXPECT_EQ(Base64UrlDecode("-_8").value(), "\xfb\xff");
  EXPECT_EQ(Base64UrlDecode("-_8=").value(), "\xfb\xff");
  EXPECT_FALSE(Base64UrlDecode("+/8").ok());
}

TEST(GzipTest, RoundTripAndInflationLimit) {
  const std::string zeros(200000, '\0');
  const std::string gz = Gzip(zeros).value();
  EXPECT_LT(gz.size(), 1000u);
  EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1f);  // gzip magic
  EXPECT_EQ(static_cast<unsigned char>(gz[1]), 0x8b);
  EXPECT_EQ(Gunzip(gz, zeros.size()).value(), zeros);
  auto bomb = Gunzip(gz, 1000);
  ASSERT_FALSE(bomb.ok());
  EXPECT_EQ(bomb.status().reason(), "credentials.gzip_too_large");
  EXPECT_EQ(Gunzip(gz.substr(0, gz.size() / 2), zeros.size()).status().reason(), "credentials.gzip");
  EXPECT_EQ(Gunzip("not gzip", 100).status().reason(), "credentials.gzip");
}

TEST(UuidTest, Version4Urn) {
  const std::string u = RandomUrnUuid();
  ASSERT_EQ(u.size(), 45u);
  EXPECT_EQ(u.substr(0, 9), "urn:uuid:");
  EXPECT_EQ(u[9 + 14], '4');
  EXPECT_NE(RandomUrnUuid(), u);
}

TEST(DatesTest, FormatsAndParses) {
  const TimePoint t = ParseIsoDateTime("2026-03-01T08:00:00Z").value();
  EXPECT_EQ(FormatIsoUtc(t), "2026-03-01T08:00:00Z");
  EXPECT_EQ(FormatDate(t), "2026-03-01");
  EXPECT_EQ(FormatDateZh(t), "2026年3月1日");
  EXPECT_EQ(YearOf(t), 2026);
  EXPECT_EQ(ParseIsoDateTime("2026-03-01T16:00:00+08:00").value(), t);
  EXPECT_EQ(ParseIsoDateTime("2026-03-01T08:00:00.250Z").value(), t + std::chrono::milliseconds(250));
  EXPECT_FALSE(ParseIsoDateTime("2026-03-01T08:00:00").ok());  // no zone
  EXPECT_FALSE(ParseIsoDateTime("2026-02-30T08:00:00Z").ok());
  EXPECT_EQ(FormatIsoUtc(AddYears(t, 3)), "2029-03-01T08:00:00Z");
  EXPECT_EQ(FormatDate(AddYears(ParseIsoDateTime("2028-02-29T00:00:00Z").value(), 1)), "2029-02-28");
}

// RFC 8032 §7.1, test 1.
TEST(Ed25519Test, Rfc8032Vector) {
  const auto key =
      Ed25519Key::FromSeed(Unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")).value();
  EXPECT_EQ(HexEncode(key.public_key()), "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  const std::string sig = key.Sign("");
  EXPECT_EQ(HexEncode(sig),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46b"
            "d25bf5f0595bbe24655141438e7a100b");
  EXPECT_TRUE(VerifyEd25519(key.public_key(), "", sig));
  EXPECT_FALSE(VerifyEd25519(key.public_key(), "x", sig));
}

// The key pair of W3C vc-di-eddsa's examples: the multikey encodings must agree.
TEST(DidKeyTest, MultikeyEncodingMatchesTheW3cExampleKey) {
  const std::string file = R"({"type":"Multikey",
    "publicKeyMultibase":"z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
    "secretKeyMultibase":"z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"})";
  auto key = Ed25519Key::FromKeyFileJson(file);
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(key->Did(), "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
  EXPECT_EQ(key->VerificationMethod(),
            "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#"
            "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
  EXPECT_EQ(ResolveDidKey(key->VerificationMethod()).value(), key->public_key());
  EXPECT_EQ(ResolveDidKey(key->Did()).value(), key->public_key());
  EXPECT_EQ(ResolveDidKey("did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#other").status().reason(),
            "credentials.did_key");
  EXPECT_EQ(ResolveDidKey("did:web:example.com").status().reason(), "credentials.did_key");
  // A public key that does not belong to the secret is refused.
  const std::string mismatched = R"({"publicKeyMultibase":"z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
    "secretKeyMultibase":"z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"})";
  EXPECT_EQ(Ed25519Key::FromKeyFileJson(mismatched).status().reason(), "credentials.key_file_invalid");
}

TEST(KeyFileTest, CreatedOnFirstUseWithOwnerOnlyPermissionsThenReloaded) {
  testing::TempDir dir;
  const auto path = dir.path() / "keys" / "issuer.json";
  auto first = LoadOrCreateIssuerKey(path);
  ASSERT_TRUE(first.ok()) << first.status();
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto again = LoadOrCreateIssuerKey(path);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->Did(), first->Did());
  EXPECT_EQ(again->Sign("m"), first->Sign("m"));
  // No temporary files are left behind.
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(path.parent_path())) files += e.is_regular_file();
  EXPECT_EQ(files, 1);

  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  auto insecure = LoadOrCreateIssuerKey(path);
  ASSERT_FALSE(insecure.ok());
  EXPECT_EQ(insecure.status().reason(), "credentials.key_file_insecure");
  EXPECT_EQ(insecure.status().code(), StatusCode::kPermissionDenied);

  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  testing::WriteFile(path, "{not json");
  EXPECT_EQ(LoadOrCreateIssuerKey(path).status().reason(), "credentials.key_file_invalid");
}

}  // namespace
}  // namespace kaoping::credentials
