// Replays the seed corpora of the standard-pack fuzz targets (fuzz/standards/corpus/{pack,
// eligibility}) through their entry points under whatever compiler builds the tests (g++ +
// ASan/UBSan in CI), so the loader's and the eligibility rules' invariants are exercised even
// where libFuzzer is not available. Any crash, sanitizer report or trap fails the test.

#include "support/fuzz_replay.h"

#include <filesystem>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "core/standards/loader.h"
#include "fuzz_entry_points.h"
#include "support/files.h"

namespace kaoping::standards::fuzz {

namespace {

namespace fs = std::filesystem;
using testing_support::FuzzCorpus;
using testing_support::ReplayFuzzCorpus;
using testing_support::RunFuzzEntry;

TEST(StandardsFuzzReplayTest, PackCorpus) {
  ReplayFuzzCorpus(FuzzCorpus("standards", "pack"), &FuzzPackLoader, 6);
}
TEST(StandardsFuzzReplayTest, EligibilityCorpus) {
  ReplayFuzzCorpus(FuzzCorpus("standards", "eligibility"), &FuzzEligibilityRules, 6);
}

// The seeds named valid_* must load, or the fuzzers would start from nothing but errors.
TEST(StandardsFuzzReplayTest, ValidSeedsLoad) {
  const fs::path pack = FuzzCorpus("standards", "pack");
  for (const auto& e : fs::directory_iterator(pack)) {
    if (e.path().filename().string().rfind("valid_", 0) != 0) continue;
    SCOPED_TRACE(e.path().filename().string());
    ParseOutcome o = ParsePack(testing_support::ReadFile(e.path()), "seed.yaml");
    EXPECT_TRUE(o.pack.has_value()) << (o.diagnostics.empty() ? "" : o.diagnostics[0].ToString());
  }
  ParseOutcome o = ParsePack(EligibilityFuzzPack("{fact: occupation_years, at_least: 1}"), "seed.yaml");
  EXPECT_TRUE(o.pack.has_value()) << (o.diagnostics.empty() ? "" : o.diagnostics[0].ToString());
}

TEST(StandardsFuzzReplayTest, EdgeInputs) {
  const std::string inputs[] = {
      "",
      std::string(1, '\0'),
      "\xEF\xBB\xBF",
      "{",
      "[",
      "- a\n- b",
      "*a",
      "&a [*a]",
      "!!binary x",
      "format: kaoping.standard/1\nid: [\n",
      std::string(500, '[') + std::string(500, ']'),
      "{not: " + std::string(50, '{') + "}",
      "levels: {a[1: b}",
      std::string(100000, 'A'),
  };
  for (const std::string& bytes : inputs) {
    EXPECT_EQ(RunFuzzEntry(&FuzzPackLoader, bytes), 0);
    EXPECT_EQ(RunFuzzEntry(&FuzzEligibilityRules, bytes), 0);
  }
}

}  // namespace
}  // namespace kaoping::standards::fuzz
