// Test helpers for the credentials module: packs from standards/, a temporary directory, and
// running the external tools the tests use as independent judges (node, poppler, zbar).
#ifndef KAOPING_CREDENTIALS_CREDENTIALS_TEST_SUPPORT_H_
#define KAOPING_CREDENTIALS_CREDENTIALS_TEST_SUPPORT_H_

#include <filesystem>
#include <memory>
#include <string>

#include "base/clock.h"
#include "core/standards/model.h"
#include "credentials/issuer.h"

namespace kaoping::credentials::testing {

// The pack from standards/<file> (e.g. "002-llm-deploy-engineer.yaml"), loaded once.
const standards::Pack& PackFromRepo(const std::string& file);

// A fresh directory under the build tree, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

void WriteFile(const std::filesystem::path& p, const std::string& content);
std::string ReadFile(const std::filesystem::path& p);

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};
// Runs `command` through /bin/sh; stderr is captured too unless `with_stderr` is false.
CommandResult RunCommand(const std::string& command, bool with_stderr = true);
std::string ShellQuote(const std::string& s);

// The node executable and the verifier directory (tests/credentials); empty when missing.
std::string NodeExecutable();
std::filesystem::path VerifierDir();

// An issuer over in-memory state, with a fixed key (seed 0x01…0x20) and clock.
struct IssuerFixture {
  IssuerFixture();
  ManualClock clock;
  InMemorySerialAllocator serials;
  StatusList status_list;
  std::unique_ptr<CertificateIssuer> issuer;
  static IssuerConfig Config();
  static Ed25519Key Key();
};

}  // namespace kaoping::credentials::testing

#endif  // KAOPING_CREDENTIALS_CREDENTIALS_TEST_SUPPORT_H_
