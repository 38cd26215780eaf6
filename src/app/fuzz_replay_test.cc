// Replays the seed corpus of the configuration fuzz target (fuzz/app/corpus/config) through its
// entry point under whatever compiler builds the tests, so the TOML reader's invariants are
// exercised in CI even where libFuzzer is not available. Any crash, sanitizer report or trap
// fails the test.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace kaoping::app::fuzz {
int FuzzConfig(const std::uint8_t* data, std::size_t size);  // fuzz/app/config_fuzz.cc
namespace {

namespace fs = std::filesystem;

int RunConfig(const std::string& bytes) {
  return FuzzConfig(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

TEST(AppFuzzReplayTest, ConfigCorpus) {
  const fs::path corpus = fs::path(KAOPING_SOURCE_DIR) / "fuzz" / "app" / "corpus" / "config";
  ASSERT_TRUE(fs::is_directory(corpus)) << corpus;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(corpus)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 6u);
  for (const fs::path& f : files) {
    SCOPED_TRACE(f.filename().string());
    std::ifstream in(f, std::ios::binary);
    EXPECT_EQ(RunConfig(std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>())),
              0);
  }
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
