// Replays the seed corpora of the interop fuzz targets (fuzz/interop/corpus/{csv,xlsx,qti})
// through their entry points under whatever compiler builds the tests (g++ + ASan/UBSan in CI),
// so the importers' parsing paths and the fuzzers' round-trip invariants are exercised even where
// libFuzzer is not available. Any crash, sanitizer report or trap fails the test.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fuzz_entry_points.h"
#include "support/files.h"

namespace kaoping::interop::fuzz {
namespace {

namespace fs = std::filesystem;

using EntryPoint = int (*)(const std::uint8_t*, std::size_t);

int RunEntry(EntryPoint entry, const std::string& bytes) {
  return entry(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

void ReplayCorpus(const char* name, EntryPoint entry, std::size_t min_files) {
  const fs::path corpus = testing_support::SourceDir() / "fuzz" / "interop" / "corpus" / name;
  ASSERT_TRUE(fs::is_directory(corpus)) << corpus;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(corpus)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), min_files);
  for (const fs::path& f : files) {
    SCOPED_TRACE(f.filename().string());
    EXPECT_EQ(RunEntry(entry, testing_support::ReadFile(f)), 0);
  }
}

TEST(InteropFuzzReplayTest, CsvCorpus) {
  ReplayCorpus("csv", &FuzzCsvReader, 6);
}
TEST(InteropFuzzReplayTest, XlsxCorpus) {
  ReplayCorpus("xlsx", &FuzzXlsxReader, 3);
}
TEST(InteropFuzzReplayTest, QtiCorpus) {
  ReplayCorpus("qti", &FuzzQtiParser, 8);
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
    EXPECT_EQ(RunEntry(&FuzzCsvReader, bytes), 0);
    EXPECT_EQ(RunEntry(&FuzzXlsxReader, bytes), 0);
    EXPECT_EQ(RunEntry(&FuzzQtiParser, bytes), 0);
  }
}

}  // namespace
}  // namespace kaoping::interop::fuzz
