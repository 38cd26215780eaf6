// Replays the seed corpora of the interop fuzz targets (fuzz/interop/corpus/{csv,xlsx,qti})
// through their entry points under whatever compiler builds the tests (g++ + ASan/UBSan in CI),
// so the importers' parsing paths and the fuzzers' round-trip invariants are exercised even where
// libFuzzer is not available. Any crash, sanitizer report or trap fails the test.

#include "support/fuzz_replay.h"

#include <string>

#include <gtest/gtest.h>

#include "fuzz_entry_points.h"

namespace kaoping::interop::fuzz {
namespace {

using testing_support::FuzzCorpus;
using testing_support::ReplayFuzzCorpus;
using testing_support::RunFuzzEntry;

TEST(InteropFuzzReplayTest, CsvCorpus) {
  ReplayFuzzCorpus(FuzzCorpus("interop", "csv"), &FuzzCsvReader, 6);
}
TEST(InteropFuzzReplayTest, XlsxCorpus) {
  ReplayFuzzCorpus(FuzzCorpus("interop", "xlsx"), &FuzzXlsxReader, 3);
}
TEST(InteropFuzzReplayTest, QtiCorpus) {
  ReplayFuzzCorpus(FuzzCorpus("interop", "qti"), &FuzzQtiParser, 8);
}

TEST(InteropFuzzReplayTest, EdgeInputs) {
  const std::string inputs[] = {
      "",
      std::string(1, '\0'),
      "\xEF\xBB\xBF",
      "\"",
      "PK",
      std::string("PK\x03\x04", 4) + std::string(64, '\0'),
      "<",
      "<assessmentItem/>",
      "<qti-assessment-item><qti-item-body><qti-choice-interaction/></qti-item-body></qti-assessment-item>",
      std::string(2000, '<'),
      "题目编号,题型,题干\n" + std::string(5000, ','),
      std::string(100000, 'A'),
  };
  for (const std::string& bytes : inputs) {
    EXPECT_EQ(RunFuzzEntry(&FuzzCsvReader, bytes), 0);
    EXPECT_EQ(RunFuzzEntry(&FuzzXlsxReader, bytes), 0);
    EXPECT_EQ(RunFuzzEntry(&FuzzQtiParser, bytes), 0);
  }
}

}  // namespace
}  // namespace kaoping::interop::fuzz
