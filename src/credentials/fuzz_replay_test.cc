// Replays the seed corpora of the credential fuzz targets (fuzz/credentials/corpus/{verify,
// status_list}) through their entry points under whatever compiler builds the tests (g++ +
// ASan/UBSan in CI), so verification of uploaded credentials and status-list decoding are
// exercised with the fuzzers' invariants even where libFuzzer is not available. Any crash,
// sanitizer report or trap fails the test.

#include "support/fuzz_replay.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "credentials/verify.h"
#include "fuzz_entry_points.h"
#include "support/files.h"

namespace kaoping::credentials::fuzz {
namespace {

namespace fs = std::filesystem;

using testing_support::ReplayFuzzCorpus;
using testing_support::RunFuzzEntry;

fs::path Corpus(const char* name) {
  return testing_support::FuzzCorpus("credentials", name);
}

TEST(CredentialsFuzzReplayTest, VerifyCorpus) {
  ReplayFuzzCorpus(Corpus("verify"), &FuzzVerifyCredential, 6);
}
TEST(CredentialsFuzzReplayTest, StatusListCorpus) {
  ReplayFuzzCorpus(Corpus("status_list"), &FuzzStatusList, 6);
}

// KAOPING_WRITE_FUZZ_SEEDS=1 ctest -R CredentialsFuzzReplayTest.WriteSeeds rewrites the seeds
// that are made by the fuzz issuer (after a change to the credential format), then check them in.
TEST(CredentialsFuzzReplayTest, WriteSeeds) {
  if (std::getenv("KAOPING_WRITE_FUZZ_SEEDS") == nullptr) GTEST_SKIP() << "set KAOPING_WRITE_FUZZ_SEEDS=1";
  const FuzzIssuer& fx = TheIssuer();
  const auto write = [](const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
  };
  const nlohmann::json& c = fx.issued.credential;
  write(Corpus("verify") / "01_valid.json", c.dump(1));
  nlohmann::json t = c;
  t["validUntil"] = "2039-03-01T08:00:00Z";
  write(Corpus("verify") / "02_tampered_valid_until.json", t.dump(1));
  t = c;
  t["credentialSubject"]["type"] = "AchievementSubject";
  write(Corpus("verify") / "03_same_meaning_type_string.json", t.dump(1));
  t = c;
  t["proof"]["cryptosuite"] = "eddsa-jcs-2022";
  write(Corpus("verify") / "04_wrong_cryptosuite.json", t.dump(1));
  t = c;
  t.erase("credentialStatus");
  write(Corpus("verify") / "05_no_status.json", t.dump(1));
  t = c;
  t["@context"].push_back({{"@vocab", "https://example.org/#"}});
  write(Corpus("verify") / "06_inline_context.json", t.dump(1));
  t = c;
  t["credentialStatus"]["statusListIndex"] = "99999999999999999999";
  write(Corpus("verify") / "07_huge_status_index.json", t.dump(1));
  write(Corpus("verify") / "08_status_list_as_credential.json", fx.list.dump(1));
  write(Corpus("status_list") / "01_list_credential.json", fx.list.dump(1));
  write(Corpus("status_list") / "02_revoked_list_credential.json", fx.revoked_list.dump(1));
  const std::string encoded = fx.list["credentialSubject"]["encodedList"].get<std::string>();
  write(Corpus("status_list") / "03_encoded_list.txt", encoded);
  write(Corpus("status_list") / "04_encoded_list_no_prefix.txt", encoded.substr(1));
  write(Corpus("status_list") / "05_encoded_list_truncated.txt", encoded.substr(0, encoded.size() / 2));
  write(Corpus("status_list") / "06_credential_with_status.json", c.dump(1));
  t = fx.list;
  t["credentialSubject"]["statusPurpose"] = "suspension";
  write(Corpus("status_list") / "07_wrong_purpose.json", t.dump(1));
}

// The fuzz issuer's own credential and list run through the entry points with all three
// fetcher modes (length % 3), including the tampering checks that only run on a valid credential;
// the committed seed (issued by the same key) still verifies, so the fuzzer starts from a valid one.
TEST(CredentialsFuzzReplayTest, GenuineCredentialVerifiesAndSeedIsCurrent) {
  const FuzzIssuer& fx = TheIssuer();
  const std::string genuine = fx.issued.credential.dump();
  for (const char* padding : {"", " ", "  "}) {
    EXPECT_EQ(RunFuzzEntry(&FuzzVerifyCredential, genuine + padding), 0);
  }
  const std::set<std::string, std::less<>> trusted = {fx.issuer->issuer_id()};
  const StatusListFetcher fetch = [&fx](const std::string&) -> Result<nlohmann::json> { return fx.list; };
  EXPECT_EQ(VerifyCredential(fx.issued.credential, fetch, fx.clock.Now(), trusted).state,
            CertificateState::kValid);
  EXPECT_EQ(
      VerifyCredential(nlohmann::json::parse(testing_support::ReadFile(Corpus("verify") / "01_valid.json")),
                       fetch, fx.clock.Now(), trusted)
          .state,
      CertificateState::kValid)
      << "regenerate fuzz/credentials/corpus/verify/01_valid.json (WriteSeeds)";
  EXPECT_EQ(RunFuzzEntry(&FuzzStatusList, fx.list.dump()), 0);
  EXPECT_EQ(RunFuzzEntry(&FuzzStatusList, fx.revoked_list.dump()), 0);
}

TEST(CredentialsFuzzReplayTest, EdgeInputs) {
  const std::string inputs[] = {
      "",
      std::string(1, '\0'),
      "u",
      "uH4sI",
      "null",
      "[]",
      "{}",
      "{\"@context\":[]}",
      "{\"proof\":{\"proofValue\":\"z\"}}",
      std::string(2000, '[') + std::string(2000, ']'),
      std::string(100000, 'A'),
  };
  for (const std::string& bytes : inputs) {
    EXPECT_EQ(RunFuzzEntry(&FuzzVerifyCredential, bytes), 0);
    EXPECT_EQ(RunFuzzEntry(&FuzzStatusList, bytes), 0);
  }
}

}  // namespace
}  // namespace kaoping::credentials::fuzz
