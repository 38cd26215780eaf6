// Replaying a libFuzzer target's seed corpus through its entry point in a GoogleTest (the
// *_fuzz_replay_test of each area; docs/fuzzing.md). Any crash, sanitizer report or trap fails
// the test; SCOPED_TRACE names the file.
#ifndef KAOPING_TESTS_SUPPORT_FUZZ_REPLAY_H_
#define KAOPING_TESTS_SUPPORT_FUZZ_REPLAY_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/files.h"

namespace kaoping::testing_support {

using FuzzEntryPoint = int (*)(const std::uint8_t* data, std::size_t size);

inline int RunFuzzEntry(FuzzEntryPoint entry, const std::string& bytes) {
  return entry(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

// fuzz/<area>/corpus[/<name>] of the source tree.
inline std::filesystem::path FuzzCorpus(const std::string& area, const std::string& name = "") {
  std::filesystem::path p = SourceDir() / "fuzz" / area / "corpus";
  return name.empty() ? p : p / name;
}

// Runs every file of `corpus` (in name order) through `entry`, which must return 0; there must be
// at least `min_files` of them.
inline void ReplayFuzzCorpus(const std::filesystem::path& corpus, FuzzEntryPoint entry,
                             std::size_t min_files) {
  ASSERT_TRUE(std::filesystem::is_directory(corpus)) << corpus;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(corpus)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), min_files);
  for (const std::filesystem::path& f : files) {
    SCOPED_TRACE(f.filename().string());
    EXPECT_EQ(RunFuzzEntry(entry, ReadFile(f)), 0);
  }
}

}  // namespace kaoping::testing_support

#endif  // KAOPING_TESTS_SUPPORT_FUZZ_REPLAY_H_
