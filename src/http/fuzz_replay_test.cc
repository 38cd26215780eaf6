// Replays the seed corpus of the libFuzzer target (fuzz/http/) through its entry point under
// whatever compiler builds the tests, so the request-parsing path is exercised by CI even
// where libFuzzer is not available. Any crash, sanitizer report or trap fails the test.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

TEST(HttpFuzzReplayTest, SeedCorpusRunsCleanly) {
  const fs::path corpus = fs::path(KAOPING_SOURCE_DIR) / "fuzz" / "http" / "corpus";
  ASSERT_TRUE(fs::is_directory(corpus)) << corpus;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 10u);
  for (const fs::path& f : files) {
    SCOPED_TRACE(f.filename().string());
    std::ifstream in(f, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()), 0);
  }
}

TEST(HttpFuzzReplayTest, EdgeInputsRunCleanly) {
  const std::string inputs[] = {
      "",
      std::string(1, '\0'),
      "\r\n\r\n",
      "GET",
      "GET / HTTP/1.1\r\n\r\n",
      "GET /\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /api/v1/standards/%/levels/1 HTTP/1.1\r\nHost: x\r\n\r\n",
      "POST /api/v1/echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n",
      "GET / HTTP/1.1\r\nHost: x\r\n folded: value\r\n\r\n",
      std::string(100000, 'A'),
  };
  for (const std::string& bytes : inputs) {
    EXPECT_EQ(LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()), 0);
  }
}

}  // namespace
