#include "app/config.h"

#include <map>

#include <gtest/gtest.h>

namespace kaoping::app {
namespace {

TEST(ConfigTest, DefaultsWork) {
  Config c;
  EXPECT_EQ(c.listen_host, "127.0.0.1");
  EXPECT_EQ(c.listen_port, 8080);
  EXPECT_EQ(c.PublicUrl(), "http://127.0.0.1:8080");
}

TEST(ConfigTest, ListenParsing) {
  Config c;
  ASSERT_TRUE(ParseListen("0.0.0.0:9000", "flag", c).ok());
  EXPECT_EQ(c.listen_host, "0.0.0.0");
  EXPECT_EQ(c.listen_port, 9000);
  ASSERT_TRUE(ParseListen("[::1]:0", "flag", c).ok());
  EXPECT_EQ(c.listen_host, "::1");
  EXPECT_EQ(c.PublicUrl(), "http://[::1]:0");
  EXPECT_EQ(ParseListen("localhost", "flag", c).reason(), "config.bad_listen");
  EXPECT_EQ(ParseListen("h:99999", "flag", c).reason(), "config.bad_listen");
}

TEST(ConfigTest, TomlThenEnvironmentLaterWins) {
  Config c;
  ASSERT_TRUE(
      ApplyToml("[server]\nlisten = \"127.0.0.1:9100\"\nthreads = 3\n[storage]\ndata_dir = \"/tmp/x\"\n"
                "[demo]\nseed = false\n",
                "k.toml", c)
          .ok());
  EXPECT_EQ(c.listen_port, 9100);
  EXPECT_EQ(c.threads, 3);
  EXPECT_EQ(c.data_dir, "/tmp/x");
  EXPECT_FALSE(c.seed_demo);
  std::map<std::string, std::string> env = {{"KAOPING_LISTEN", "127.0.0.1:9200"}, {"KAOPING_DATA", "/tmp/y"}};
  auto getenv = [&](const char* n) -> const char* {
    auto it = env.find(n);
    return it == env.end() ? nullptr : it->second.c_str();
  };
  ASSERT_TRUE(ApplyEnvironment(getenv, c).ok());
  EXPECT_EQ(c.listen_port, 9200);
  EXPECT_EQ(c.data_dir, "/tmp/y");
  EXPECT_EQ(c.threads, 3);  // untouched by the environment
}

TEST(ConfigTest, TomlErrorsNameFileLineAndKey) {
  Config c;
  Status s = ApplyToml("[server]\nlisten = \"x:1\"\nthreads = \"two\"\n", "k.toml", c);
  EXPECT_EQ(s.reason(), "config.invalid");
  EXPECT_NE(s.message().find("k.toml:3: server.threads: expected a whole number"), std::string::npos) << s;
  s = ApplyToml("[sever]\nlisten = \"x:1\"\n", "k.toml", c);
  EXPECT_NE(s.message().find("unknown section"), std::string::npos) << s;
  s = ApplyToml("[server]\nlisten = \n", "k.toml", c);
  EXPECT_NE(s.message().find("k.toml:2"), std::string::npos) << s;
  s = ApplyToml("[server]\nport = 1\n", "k.toml", c);
  EXPECT_NE(s.message().find("server.port: unknown key"), std::string::npos) << s;
}

TEST(ConfigTest, BadEnvironmentValuesAreRejected) {
  Config c;
  auto env = [](const char* n) -> const char* {
    return std::string(n) == "KAOPING_THREADS" ? "many" : nullptr;
  };
  Status s = ApplyEnvironment(env, c);
  EXPECT_EQ(s.reason(), "config.invalid");
  EXPECT_NE(s.message().find("KAOPING_THREADS"), std::string::npos);
}

TEST(ConfigTest, CertificatesSection) {
  Config c;
  c.data_dir = "/srv/kaoping";
  EXPECT_EQ(c.CertificateKeyFile(), "/srv/kaoping/issuer-key.json");
  EXPECT_EQ(c.CertificatePublicUrl(), "http://127.0.0.1:8080");
  ASSERT_TRUE(
      ApplyToml("[server]\npublic_url = \"https://exam.example.org/\"\n[certificates]\nissuer_name = "
                "\"某评价机构\"\n"
                "key_file = \"/etc/kaoping/key.json\"\nnumber_pattern = \"ZS-{yyyy}-{serial:8}-{check}\"\n"
                "validity_years = 5\nstandard_codes = { \"llm-deploy-engineer\" = \"DEP\" }\n"
                "level_codes = { mid = \"2\" }\n",
                "k.toml", c)
          .ok());
  EXPECT_EQ(c.certificates.issuer_name, "某评价机构");
  EXPECT_EQ(c.CertificateKeyFile(), "/etc/kaoping/key.json");
  EXPECT_EQ(c.CertificatePublicUrl(), "https://exam.example.org");
  EXPECT_EQ(c.certificates.number_pattern, "ZS-{yyyy}-{serial:8}-{check}");
  EXPECT_EQ(c.certificates.validity_years, 5);
  EXPECT_EQ(c.certificates.standard_codes.at("llm-deploy-engineer"), "DEP");
  EXPECT_EQ(c.certificates.level_codes.at("mid"), "2");
  std::map<std::string, std::string> env = {{"KAOPING_CERT_PUBLIC_URL", "https://verify.example.org"},
                                            {"KAOPING_CERT_VALIDITY_YEARS", "2"}};
  auto getenv = [&](const char* n) -> const char* {
    auto it = env.find(n);
    return it == env.end() ? nullptr : it->second.c_str();
  };
  ASSERT_TRUE(ApplyEnvironment(getenv, c).ok());
  EXPECT_EQ(c.CertificatePublicUrl(), "https://verify.example.org");
  EXPECT_EQ(c.certificates.validity_years, 2);
  EXPECT_EQ(ApplyToml("[certificates]\nvalidity_years = 0\n", "k.toml", c).reason(), "config.invalid");
  // The issuing cryptosuite: rdfc by default, jcs selectable, anything else refused.
  EXPECT_EQ(c.certificates.cryptosuite, "eddsa-rdfc-2022");
  ASSERT_TRUE(ApplyToml("[certificates]\ncryptosuite = \"eddsa-jcs-2022\"\n", "k.toml", c).ok());
  EXPECT_EQ(c.certificates.cryptosuite, "eddsa-jcs-2022");
  EXPECT_EQ(ApplyToml("[certificates]\ncryptosuite = \"ecdsa-rdfc-2019\"\n", "k.toml", c).reason(),
            "config.invalid");
  env = {{"KAOPING_CERT_CRYPTOSUITE", "eddsa-rdfc-2022"}};
  ASSERT_TRUE(ApplyEnvironment(getenv, c).ok());
  EXPECT_EQ(c.certificates.cryptosuite, "eddsa-rdfc-2022");
  env = {{"KAOPING_CERT_CRYPTOSUITE", "rsa"}};
  EXPECT_EQ(ApplyEnvironment(getenv, c).reason(), "config.invalid");
  EXPECT_EQ(ApplyToml("[certificates]\nlevel_codes = \"M\"\n", "k.toml", c).reason(), "config.invalid");
  EXPECT_EQ(ApplyToml("[certificates]\nsecret = 1\n", "k.toml", c).reason(), "config.invalid");
}

}  // namespace
}  // namespace kaoping::app
