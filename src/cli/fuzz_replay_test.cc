// Replays the seed corpus of the analyze response-matrix fuzz target (fuzz/cli/corpus/response_csv)
// through its entry point under whatever compiler builds the tests, so the reader's invariants are
// exercised in CI even where libFuzzer is not available. Any crash, sanitizer report or trap fails
// the test.

#include "support/fuzz_replay.h"

#include <cstddef>
#include <cstdint>
#include <string>

#include <gtest/gtest.h>

namespace kaoping::cli::fuzz {
int FuzzResponseCsv(const std::uint8_t* data, std::size_t size);  // fuzz/cli/response_csv_fuzz.cc
namespace {

int RunResponseCsv(const std::string& bytes) {
  return testing_support::RunFuzzEntry(&FuzzResponseCsv, bytes);
}

TEST(CliFuzzReplayTest, ResponseCsvCorpus) {
  testing_support::ReplayFuzzCorpus(testing_support::FuzzCorpus("cli", "response_csv"), &FuzzResponseCsv, 15);
}

TEST(CliFuzzReplayTest, EdgeInputs) {
  const std::string inputs[] = {
      "",
      std::string(1, '\0'),
      "\xEF\xBB\xBF",
      "\"",
      "#!",
      "#! key=",
      "#! key=,,, options=99 id=",
      "a\n\"",
      "a,b\n1,2,",
      ",\n,",
      std::string(5000, ','),
      std::string(5000, '\n') + "a\n1",
      "a\n" + std::string(100000, '1'),
  };
  for (const std::string& bytes : inputs) EXPECT_EQ(RunResponseCsv(bytes), 0);
}

}  // namespace
}  // namespace kaoping::cli::fuzz
