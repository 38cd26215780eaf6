#include "credentials/jcs.h"

#include <bit>
#include <cstdint>
#include <limits>

#include <gtest/gtest.h>

namespace kaoping::credentials {
namespace {

using Json = nlohmann::json;

double FromBits(std::uint64_t bits) {
  return std::bit_cast<double>(bits);
}

// RFC 8785 Appendix B: IEEE 754 bit patterns and their ECMAScript serializations.
TEST(JcsNumberTest, Rfc8785AppendixB) {
  const std::pair<std::uint64_t, const char*> cases[] = {
      {0x0000000000000000, "0"},
      {0x8000000000000000, "0"},
      {0x0000000000000001, "5e-324"},
      {0x8000000000000001, "-5e-324"},
      {0x7fefffffffffffff, "1.7976931348623157e+308"},
      {0xffefffffffffffff, "-1.7976931348623157e+308"},
      {0x4340000000000000, "9007199254740992"},
      {0xc340000000000000, "-9007199254740992"},
      {0x4430000000000000, "295147905179352830000"},
      {0x44b52d02c7e14af5, "9.999999999999997e+22"},
      {0x44b52d02c7e14af6, "1e+23"},
      {0x44b52d02c7e14af7, "1.0000000000000001e+23"},
      {0x444b1ae4d6e2ef4e, "999999999999999700000"},
      {0x444b1ae4d6e2ef4f, "999999999999999900000"},
      {0x444b1ae4d6e2ef50, "1e+21"},
      {0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"},
      {0x3eb0c6f7a0b5ed8d, "0.000001"},
      {0x41b3de4355555553, "333333333.3333332"},
      {0x41b3de4355555554, "333333333.33333325"},
      {0x41b3de4355555555, "333333333.3333333"},
      {0x41b3de4355555556, "333333333.3333334"},
      {0x41b3de4355555557, "333333333.33333343"},
      {0xbecbf647612f3696, "-0.0000033333333333333333"},
      {0x43143ff3c1cb0959, "1424953923781206.2"},
  };
  for (const auto& [bits, want] : cases) {
    EXPECT_EQ(FormatEs6Number(FromBits(bits)), want) << std::hex << bits;
  }
  EXPECT_EQ(FormatEs6Number(1), "1");
  EXPECT_EQ(FormatEs6Number(-12.5), "-12.5");
  EXPECT_EQ(FormatEs6Number(100), "100");
  EXPECT_EQ(FormatEs6Number(1e21), "1e+21");
  EXPECT_EQ(FormatEs6Number(1e-7), "1e-7");
  EXPECT_EQ(FormatEs6Number(123e-20), "1.23e-18");
}

// RFC 8785 §3.2.2 sample.
TEST(JcsTest, Rfc8785Sample) {
  const Json in = Json::parse(R"({
    "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
    "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
    "literals": [null, true, false]
  })");
  EXPECT_EQ(CanonicalizeJcs(in).value(),
            R"({"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],)"
            R"("string":"€$\u000f\nA'B\"\\\\\"/"})");
}

// RFC 8785 §3.2.3: members sorted by UTF-16 code units — the emoji (a surrogate pair, 0xD83D…)
// sorts before U+FB33 although its UTF-8 bytes sort after.
TEST(JcsTest, Rfc8785SortingByUtf16CodeUnits) {
  const Json in = Json::parse(R"({
    "\u20ac": "Euro Sign",
    "\r": "Carriage Return",
    "\ufb33": "Hebrew Letter Dalet With Dagesh",
    "1": "One",
    "\ud83d\ude00": "Emoji: Grinning Face",
    "\u0080": "Control",
    "\u00f6": "Latin Small Letter O With Diaeresis"
  })");
  EXPECT_EQ(
      CanonicalizeJcs(in).value(),
      "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\xc2\x80\":\"Control\",\"ö\":\"Latin Small Letter O With "
      "Diaeresis\",\"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\",\"\xef\xac\xb3\":\"Hebrew Letter Dalet "
      "With "
      "Dagesh\"}");
  EXPECT_TRUE(Utf16Less("😀", "\xef\xac\xb3"));  // U+1F600 < U+FB33 in UTF-16
  EXPECT_FALSE(Utf16Less("\xef\xac\xb3", "😀"));
  EXPECT_TRUE(Utf16Less("a", "ab"));
}

TEST(JcsTest, NestedObjectsArraysAndControlCharacters) {
  Json in{{"b", Json::array({Json{{"z", 1}, {"a", "\x01\x7f"}}, 2.0, -0.0})}, {"a", Json::object()}};
  EXPECT_EQ(CanonicalizeJcs(in).value(), "{\"a\":{},\"b\":[{\"a\":\"\\u0001\x7f\",\"z\":1},2,0]}");
  EXPECT_EQ(CanonicalizeJcs(Json("中文")).value(), "\"中文\"");
  EXPECT_EQ(CanonicalizeJcs(Json("\u2028")).value(), "\"\u2028\"");  // not escaped
}

TEST(JcsTest, RefusesWhatItCannotCanonicalizeFaithfully) {
  EXPECT_EQ(CanonicalizeJcs(Json(std::numeric_limits<double>::quiet_NaN())).status().reason(), "jcs.number");
  EXPECT_EQ(CanonicalizeJcs(Json(std::numeric_limits<double>::infinity())).status().reason(), "jcs.number");
  EXPECT_EQ(CanonicalizeJcs(Json(std::int64_t{9007199254740993})).status().reason(), "jcs.number");
  EXPECT_EQ(CanonicalizeJcs(Json(std::uint64_t{18446744073709551615u})).status().reason(), "jcs.number");
  EXPECT_EQ(CanonicalizeJcs(Json(std::int64_t{9007199254740992})).value(), "9007199254740992");
  EXPECT_EQ(CanonicalizeJcs(Json(std::string("\xff"))).status().reason(), "jcs.utf8");
  Json bad_key;
  bad_key[std::string("\xc3")] = 1;
  EXPECT_EQ(CanonicalizeJcs(bad_key).status().reason(), "jcs.utf8");
  EXPECT_EQ(CanonicalizeJcs(Json::binary({1, 2})).status().reason(), "jcs.type");
}

}  // namespace
}  // namespace kaoping::credentials
