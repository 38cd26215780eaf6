#include "credentials/number.h"

#include <set>
#include <thread>

#include <gtest/gtest.h>

namespace kaoping::credentials {
namespace {

TEST(CheckCharTest, Mod37_36) {
  // ISO/IEC 7064 MOD 37,36 as used by ISAN / GRid style codes: the check character makes the
  // pure-system residue 1. Cross-checked by recomputation over every alphabet character.
  const std::string base = "KPDEPM2026000123";
  const char check = Mod37_36CheckChar(base);
  ASSERT_NE(check, '?');
  EXPECT_TRUE(HasValidCheckChar(base + check));
  EXPECT_TRUE(HasValidCheckChar("KP-DEP-M-2026-000123-" + std::string(1, check)));  // separators ignored
  // Exactly one character of 0-9A-Z is valid.
  int valid = 0;
  for (char c : std::string("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")) valid += HasValidCheckChar(base + c);
  EXPECT_EQ(valid, 1);
  EXPECT_EQ(Mod37_36CheckChar("A1B2"), Mod37_36CheckChar("a1b2"));
  EXPECT_EQ(Mod37_36CheckChar("中"), '?');
}

TEST(CheckCharTest, DetectsEverySingleSubstitutionAndAdjacentTransposition) {
  const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const std::string base = "KPAIES2027004711";
  const std::string good = base + Mod37_36CheckChar(base);
  for (std::size_t i = 0; i < good.size(); ++i) {
    for (char c : alphabet) {
      if (c == good[i]) continue;
      std::string bad = good;
      bad[i] = c;
      EXPECT_FALSE(HasValidCheckChar(bad)) << bad;
    }
    if (i + 1 < good.size() && good[i] != good[i + 1]) {
      std::string swapped = good;
      std::swap(swapped[i], swapped[i + 1]);
      EXPECT_FALSE(HasValidCheckChar(swapped)) << swapped;
    }
  }
}

TEST(NumberSchemeTest, DefaultPatternFormatsAndValidates) {
  const NumberScheme s = NumberScheme::Default();
  EXPECT_EQ(s.pattern(), "KP-{std}-{level}-{yyyy}-{serial:6}-{check}");
  EXPECT_EQ(s.max_serial(), 999999);
  const std::string n = s.Format({"DEP", "M", 2026, 123}).value();
  ASSERT_EQ(n.size(), std::string("KP-DEP-M-2026-000123-7").size());
  EXPECT_EQ(n.substr(0, 21), "KP-DEP-M-2026-000123-");
  EXPECT_EQ(n.back(), Mod37_36CheckChar("KPDEPM2026000123"));
  const NumberFields f = s.Validate(n).value();
  EXPECT_EQ(f.std_code, "DEP");
  EXPECT_EQ(f.level_code, "M");
  EXPECT_EQ(f.year, 2026);
  EXPECT_EQ(f.serial, 123);
  // Case-insensitive, surrounding spaces ignored.
  std::string lower = n;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_TRUE(s.Validate("  " + lower + " ").ok());
  EXPECT_EQ(s.ScopeKey(f), "DEP|M|2026");
}

TEST(NumberSchemeTest, RejectsMistypedNumbers) {
  const NumberScheme s = NumberScheme::Default();
  const std::string n = s.Format({"DEP", "M", 2026, 123}).value();
  std::string typo = n;
  typo[16] = typo[16] == '1' ? '2' : '1';  // a serial digit
  auto r = s.Validate(typo);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "credentials.number_check");
  EXPECT_EQ(s.Validate("KP-DEP-M-2026-123-7").status().reason(), "credentials.number_format");
  EXPECT_EQ(s.Validate("XX-DEP-M-2026-000123-7").status().reason(), "credentials.number_format");
  EXPECT_EQ(s.Validate("KP-DEP-M-2026-000000-" + std::string(1, Mod37_36CheckChar("KPDEPM2026000000")))
                .status()
                .reason(),
            "credentials.number_format");  // serial 0 is never issued
}

TEST(NumberSchemeTest, ConfigurablePatterns) {
  const NumberScheme s = NumberScheme::Parse("S{std}{yy}{level}{serial:8}").value();
  EXPECT_FALSE(s.has_check());
  const std::string n = s.Format({"aie", "3", 2031, 42}).value();
  EXPECT_EQ(n, "SAIE31300000042");
  const NumberFields f = s.Validate(n).value();
  EXPECT_EQ(f.year, 2031);
  EXPECT_EQ(f.serial, 42);
  EXPECT_EQ(s.ScopeKey({"AIE", "3", 2031, 1}), "AIE|31|3");
  // No {std}: one sequence for all standards.
  const NumberScheme shared = NumberScheme::Parse("{yyyy}/{serial:5}{check}").value();
  EXPECT_EQ(shared.ScopeKey({"DEP", "M", 2026, 1}), "2026");
  EXPECT_TRUE(shared.Validate(shared.Format({"", "", 2026, 7}).value()).ok());
}

TEST(NumberSchemeTest, PatternErrors) {
  for (const char* bad : {"KP-{std}", "{serial:6}{serial:6}", "{check}{serial:6}", "{serial:0}",
                          "{serial:13}", "{serial:6}{nope}", "{serial:6} x", "{serial:6", "证书{serial:6}"}) {
    auto r = NumberScheme::Parse(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().reason(), "credentials.number_pattern") << bad;
    EXPECT_FALSE(r.status().message_zh().empty());
  }
}

TEST(NumberSchemeTest, FieldErrors) {
  const NumberScheme s = NumberScheme::Default();
  EXPECT_EQ(s.Format({"D-P", "M", 2026, 1}).status().reason(), "credentials.number_field");
  EXPECT_EQ(s.Format({"", "M", 2026, 1}).status().reason(), "credentials.number_field");
  EXPECT_EQ(s.Format({"DEP", "M", 26, 1}).status().reason(), "credentials.number_field");
  EXPECT_EQ(s.Format({"DEP", "M", 2026, 0}).status().reason(), "credentials.serial_exhausted");
  EXPECT_EQ(s.Format({"DEP", "M", 2026, 1000000}).status().reason(), "credentials.serial_exhausted");
}

TEST(SerialAllocatorTest, PureNextSerial) {
  EXPECT_EQ(NextSerial(std::nullopt, 999).value(), 1);
  EXPECT_EQ(NextSerial(41, 999).value(), 42);
  auto full = NextSerial(999, 999);
  ASSERT_FALSE(full.ok());
  EXPECT_EQ(full.status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(full.status().reason(), "credentials.serial_exhausted");
}

TEST(SerialAllocatorTest, NeverHandsOutASerialTwiceEvenConcurrently) {
  InMemorySerialAllocator alloc({{"DEP|M|2026", 122}});
  EXPECT_EQ(alloc.Allocate("DEP|M|2026", 999999).value(), 123);
  EXPECT_EQ(alloc.Allocate("DEP|S|2026", 999999).value(), 1);
  std::vector<std::vector<std::int64_t>> got(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) got[t].push_back(alloc.Allocate("X", 999999).value());
    });
  }
  for (auto& th : threads) th.join();
  std::set<std::int64_t> all;
  for (const auto& v : got) all.insert(v.begin(), v.end());
  EXPECT_EQ(all.size(), 2000u);
  EXPECT_EQ(*all.begin(), 1);
  EXPECT_EQ(*all.rbegin(), 2000);
  EXPECT_EQ(alloc.Last("X").value(), 2000);
  EXPECT_EQ(alloc.Allocate("Y", 1).value(), 1);
  EXPECT_EQ(alloc.Allocate("Y", 1).status().reason(), "credentials.serial_exhausted");
}

}  // namespace
}  // namespace kaoping::credentials
