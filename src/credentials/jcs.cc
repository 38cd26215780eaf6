#include "credentials/jcs.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "base/utf8.h"

namespace kaoping::credentials {

namespace {

using Json = nlohmann::json;

constexpr std::int64_t kMaxExactInteger = std::int64_t{1} << 53;

// Decodes one well-formed UTF-8 sequence at s[i]; advances i. REQUIRES: IsValidUtf8(s).
char32_t NextCodePoint(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
  char32_t cp = c & (0x7f >> len);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
  i += len;
  return cp;
}

// The UTF-16 code units of a code point: one unit, or a surrogate pair.
void AppendUtf16(char32_t cp, std::vector<char16_t>& out) {
  if (cp < 0x10000) {
    out.push_back(static_cast<char16_t>(cp));
  } else {
    cp -= 0x10000;
    out.push_back(static_cast<char16_t>(0xd800 + (cp >> 10)));
    out.push_back(static_cast<char16_t>(0xdc00 + (cp & 0x3ff)));
  }
}

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

Status Utf8Error(std::string_view what) {
  return InvalidArgument("jcs.utf8", std::string(what) + " is not well-formed UTF-8",
                         std::string(what == "key" ? "键名" : "字符串") + "不是合法的 UTF-8");
}

void AppendString(std::string_view s, std::string& out) {
  out += '"';
  AppendEscaped(s, out, /*upper_hex=*/false, /*escape_del=*/false);
  out += '"';
}

Status Append(const Json& v, std::string& out) {
  switch (v.type()) {
    case Json::value_t::null:
      out += "null";
      return Status();
    case Json::value_t::boolean:
      out += v.get<bool>() ? "true" : "false";
      return Status();
    case Json::value_t::number_integer: {
      const auto n = v.get<std::int64_t>();
      if (n > kMaxExactInteger || n < -kMaxExactInteger) {
        return InvalidArgument("jcs.number",
                               "integer " + std::to_string(n) + " is not exactly representable as a double",
                               "整数 " + std::to_string(n) + " 超出双精度浮点数可精确表示的范围");
      }
      out += FormatEs6Number(static_cast<double>(n));
      return Status();
    }
    case Json::value_t::number_unsigned: {
      const auto n = v.get<std::uint64_t>();
      if (n > static_cast<std::uint64_t>(kMaxExactInteger)) {
        return InvalidArgument("jcs.number",
                               "integer " + std::to_string(n) + " is not exactly representable as a double",
                               "整数 " + std::to_string(n) + " 超出双精度浮点数可精确表示的范围");
      }
      out += FormatEs6Number(static_cast<double>(n));
      return Status();
    }
    case Json::value_t::number_float: {
      const double d = v.get<double>();
      if (!std::isfinite(d)) {
        return InvalidArgument("jcs.number", "NaN and infinity cannot be canonicalized",
                               "NaN 和无穷大无法规范化");
      }
      out += FormatEs6Number(d);
      return Status();
    }
    case Json::value_t::string: {
      const auto& s = v.get_ref<const std::string&>();
      if (!IsValidUtf8(s)) return Utf8Error("string");
      AppendString(s, out);
      return Status();
    }
    case Json::value_t::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v) {
        if (!first) out += ',';
        first = false;
        KP_RETURN_IF_ERROR(Append(e, out));
      }
      out += ']';
      return Status();
    }
    case Json::value_t::object: {
      // nlohmann's object is a std::map: keys in byte order, which equals UTF-16 order unless a
      // key holds a character above U+FFFF. Only then re-sort.
      std::vector<const std::string*> keys;
      keys.reserve(v.size());
      bool all_ascii = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!IsValidUtf8(it.key())) return Utf8Error("key");
        all_ascii = all_ascii && IsAscii(it.key());
        keys.push_back(&it.key());
      }
      if (!all_ascii) {
        std::stable_sort(keys.begin(), keys.end(),
                         [](const std::string* a, const std::string* b) { return Utf16Less(*a, *b); });
      }
      out += '{';
      bool first = true;
      for (const std::string* k : keys) {
        if (!first) out += ',';
        first = false;
        AppendString(*k, out);
        out += ':';
        KP_RETURN_IF_ERROR(Append(v.at(*k), out));
      }
      out += '}';
      return Status();
    }
    case Json::value_t::binary:
    case Json::value_t::discarded:
      break;
  }
  return InvalidArgument("jcs.type", "binary or discarded JSON values cannot be canonicalized",
                         "二进制或已丢弃的 JSON 值无法规范化");
}

}  // namespace

void AppendEscaped(std::string_view s, std::string& out, bool upper_hex, bool escape_del) {
  const char* hex = upper_hex ? "0123456789ABCDEF" : "0123456789abcdef";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || (escape_del && c == 0x7f)) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 0xf];
        } else {
          out += ch;
        }
    }
  }
}

bool Utf16Less(std::string_view a, std::string_view b) {
  std::vector<char16_t> ua, ub;
  for (std::size_t i = 0; i < a.size();) AppendUtf16(NextCodePoint(a, i), ua);
  for (std::size_t i = 0; i < b.size();) AppendUtf16(NextCodePoint(b, i), ub);
  return std::lexicographical_compare(ua.begin(), ua.end(), ub.begin(), ub.end());
}

std::string FormatEs6Number(double x) {
  if (x == 0) return "0";  // both +0 and -0
  std::string out;
  if (x < 0) {
    out += '-';
    x = -x;
  }
  // Shortest round-trip digits in scientific form: "d.ddde±XX" (or "de±XX").
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), x, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));
  const std::size_t epos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, epos)) {
    if (c != '.') digits += c;
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int exp10 = std::atoi(std::string(sci.substr(epos + 1)).c_str());
  // ES: value = 0.d1d2…dk × 10^n, i.e. n = exp10 + 1; k = number of digits.
  const int k = static_cast<int>(digits.size());
  const int n = exp10 + 1;
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<std::size_t>(n));
    out += '.';
    out += digits.substr(static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {
    const int e = n - 1;
    out += digits[0];
    if (k > 1) {
      out += '.';
      out += digits.substr(1);
    }
    out += 'e';
    out += e < 0 ? '-' : '+';
    out += std::to_string(std::abs(e));
  }
  return out;
}

Result<std::string> CanonicalizeJcs(const nlohmann::json& value) {
  std::string out;
  KP_RETURN_IF_ERROR(Append(value, out));
  return out;
}

}  // namespace kaoping::credentials
