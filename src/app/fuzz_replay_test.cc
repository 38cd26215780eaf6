// Replays the seed corpus of the configuration fuzz target (fuzz/app/corpus/config) through its
// entry point under whatever compiler builds the tests, so the TOML reader's invariants are
// exercised in CI even where libFuzzer is not available. Any crash, sanitizer report or trap
// fails the test.

#include "support/fuzz_replay.h"

#include <cstddef>
#include <cstdint>
#include <string>

#include <gtest/gtest.h>

namespace kaoping::app::fuzz {
int FuzzConfig(const std::uint8_t* data, std::size_t size);  // fuzz/app/config_fuzz.cc
namespace {

int RunConfig(const std::string& bytes) {
  return testing_support::RunFuzzEntry(&FuzzConfig, bytes);
}

TEST(AppFuzzReplayTest, ConfigCorpus) {
  testing_support::ReplayFuzzCorpus(testing_support::FuzzCorpus("app", "config"), &FuzzConfig, 6);
}

TEST(AppFuzzReplayTest, EdgeInputs) {
  const std::string inputs[] = {
      "",
      std::string(1, '\0'),
      "\xEF\xBB\xBF",
      "[",
      "[[server]]",
      "a = ",
      "[server]\nlisten = \":\"",
      "[server]\nthreads = 9223372036854775807",
      "x = \"\\u0000\"",
      std::string(3000, '['),
      std::string(100000, 'A'),
  };
  for (const std::string& bytes : inputs) EXPECT_EQ(RunConfig(bytes), 0);
}

}  // namespace
}  // namespace kaoping::app::fuzz
