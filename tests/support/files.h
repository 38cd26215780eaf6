// Test helpers for reading repository files (tests may do I/O; the core may not).
#ifndef KAOPING_TESTS_SUPPORT_FILES_H_
#define KAOPING_TESTS_SUPPORT_FILES_H_

#include <filesystem>
#include <fstream>
#include <set>
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

// The shipped deploy-engineer pack (standards/002-llm-deploy-engineer.yaml) under another id: a
// complete valid pack for import tests. Unchanged (its own id) if the id line ever moves.
inline std::string ShippedPackWithId(const std::string& id) {
  std::string yaml = ReadFile(SourceDir() / "standards" / "002-llm-deploy-engineer.yaml");
  const std::string from = "id: \"llm-deploy-engineer\"";
  const auto at = yaml.find(from);
  if (at != std::string::npos) yaml.replace(at, from.size(), "id: \"" + id + "\"");
  return yaml;
}

// The names of the entries directly in `dir` (what an import may add to a standards directory).
inline std::set<std::string> FileNames(const std::filesystem::path& dir) {
  std::set<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
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
