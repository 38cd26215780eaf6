// Test helpers for reading repository files (tests may do I/O; the core may not).
#ifndef KAOPING_TESTS_SUPPORT_FILES_H_
#define KAOPING_TESTS_SUPPORT_FILES_H_

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace kaoping::testing_support {

inline std::filesystem::path SourceDir() {
  return std::filesystem::path(KAOPING_SOURCE_DIR);
}

inline std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::vector<std::filesystem::path> PackFiles() {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(SourceDir() / "standards")) {
    if (e.path().extension() == ".yaml") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace kaoping::testing_support

#endif  // KAOPING_TESTS_SUPPORT_FILES_H_
