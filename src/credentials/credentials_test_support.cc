#include "credentials/credentials_test_support.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include <sys/wait.h>

#include "core/standards/loader.h"
#include "credentials/dates.h"
#include "credentials/encoding.h"

namespace kaoping::credentials::testing {

const standards::Pack& PackFromRepo(const std::string& file) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<standards::Pack>> cache;
  std::lock_guard lock(mu);
  auto& slot = cache[file];
  if (!slot) {
    const auto path = std::filesystem::path(KAOPING_SOURCE_DIR) / "standards" / file;
    auto pack = standards::LoadPack(ReadFile(path), file);
    if (!pack.ok()) {
      std::fprintf(stderr, "cannot load %s: %s\n", path.c_str(), pack.status().ToString().c_str());
      std::abort();
    }
    slot = std::make_unique<standards::Pack>(std::move(pack).value());
  }
  return *slot;
}

TempDir::TempDir() {
  path_ =
      std::filesystem::path(KAOPING_BINARY_DIR) / "test-tmp" / ("credentials-" + HexEncode(RandomBytes(6)));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void WriteFile(const std::filesystem::path& p, const std::string& content) {
  std::ofstream out(p, std::ios::binary);
  out << content;
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

CommandResult RunCommand(const std::string& command, bool with_stderr) {
  CommandResult r;
  FILE* pipe = ::popen((command + (with_stderr ? " 2>&1" : " 2>/dev/null")).c_str(), "r");
  if (pipe == nullptr) return r;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), pipe)) > 0) r.output.append(buf, n);
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string NodeExecutable() {
  return KAOPING_NODE;
}

std::filesystem::path VerifierDir() {
  return std::filesystem::path(KAOPING_SOURCE_DIR) / "tests" / "credentials";
}

IssuerConfig IssuerFixture::Config() {
  IssuerConfig c;
  c.public_url = "https://exam.example.org";
  c.issuer_name = "考评职业技能评价中心";
  c.standard_codes = {{"llm-deploy-engineer", "DEP"}, {"ai-engineering-technician", "AIE"}};
  return c;
}

Ed25519Key IssuerFixture::Key() {
  std::string seed;
  for (int i = 1; i <= 32; ++i) seed += static_cast<char>(i);
  return Ed25519Key::FromSeed(seed).value();
}

IssuerFixture::IssuerFixture()
    : clock(ParseIsoDateTime("2026-03-01T08:00:00Z").value()), status_list(StatusListUrl(Config())) {
  issuer = CertificateIssuer::Create(Config(), Key(), &serials, &status_list, &clock).value();
}

}  // namespace kaoping::credentials::testing

// LeakSanitizer: fontconfig keeps its pattern caches behind offset-encoded pointers that LSan
// cannot follow (reported as leaks from any stack through libfontconfig), and cairo 1.16 loses
// one 768-byte buffer per finished PDF surface inside cairo_surface_finish (with the default fast
// unwinder the stack ends inside libcairo, hence the library-wide pattern). Neither is kaoping's
// to free; everything else in these tests runs under leak checking.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n"
         "leak:libcairo.so\n";
}
