#include "credentials/number.h"

#include <cctype>

namespace kaoping::credentials {

namespace {

constexpr std::size_t kMaxCodeLength = 12;

int CharValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  return -1;
}

char ValueChar(int v) {
  return static_cast<char>(v < 10 ? '0' + v : 'A' + (v - 10));
}

bool IsAlnum(char c) {
  return CharValue(c) >= 0;
}

bool IsLiteralChar(char c) {
  return IsAlnum(c) || c == '-' || c == '_' || c == '.' || c == '/';
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

Status PatternError(std::string_view pattern, const std::string& en, const std::string& zh) {
  return InvalidArgument("credentials.number_pattern",
                         "certificate number pattern \"" + std::string(pattern) + "\": " + en,
                         "证书编号规则“" + std::string(pattern) + "”：" + zh);
}

std::string Pad(std::int64_t v, int width) {
  std::string s = std::to_string(v);
  if (static_cast<int>(s.size()) < width) s.insert(0, static_cast<std::size_t>(width) - s.size(), '0');
  return s;
}

}  // namespace

char Mod37_36CheckChar(std::string_view text) {
  constexpr int kM = 36;
  int p = kM;
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return '?';
    const int v = CharValue(c);
    if (v < 0) continue;
    int s = (p + v) % kM;
    if (s == 0) s = kM;
    p = (s * 2) % (kM + 1);
  }
  return ValueChar((kM + 1 - p) % kM);
}

bool HasValidCheckChar(std::string_view text) {
  std::size_t i = text.size();
  while (i > 0 && !IsAlnum(text[i - 1])) --i;
  if (i == 0) return false;
  const char given = static_cast<char>(std::toupper(static_cast<unsigned char>(text[i - 1])));
  return Mod37_36CheckChar(text.substr(0, i - 1)) == given;
}

Result<std::int64_t> NextSerial(std::optional<std::int64_t> last, std::int64_t max) {
  const std::int64_t next = last ? *last + 1 : 1;
  if (next < 1 || next > max) {
    return OutOfRange("credentials.serial_exhausted",
                      "no certificate serial left in this scope (maximum " + std::to_string(max) + ")",
                      "该范围内的证书序号已用尽（上限 " + std::to_string(max) + "）");
  }
  return next;
}

Result<std::int64_t> InMemorySerialAllocator::Allocate(std::string_view scope, std::int64_t max) {
  std::lock_guard lock(mu_);
  auto it = last_.find(scope);
  KP_ASSIGN_OR_RETURN(std::int64_t next,
                      NextSerial(it == last_.end() ? std::nullopt : std::optional(it->second), max));
  if (it == last_.end()) {
    last_.emplace(std::string(scope), next);
  } else {
    it->second = next;
  }
  return next;
}

std::optional<std::int64_t> InMemorySerialAllocator::Last(std::string_view scope) const {
  std::lock_guard lock(mu_);
  auto it = last_.find(scope);
  if (it == last_.end()) return std::nullopt;
  return it->second;
}

Result<NumberScheme> NumberScheme::Parse(std::string_view pattern) {
  NumberScheme scheme;
  scheme.pattern_ = std::string(pattern);
  int serials = 0;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern[i] != '{') {
      if (!IsLiteralChar(pattern[i])) {
        return PatternError(
            pattern, std::string("character '") + pattern[i] + "' is not allowed (use A-Z 0-9 - _ . /)",
            std::string("不允许使用字符“") + pattern[i] + "”（可用 A-Z 0-9 - _ . /）");
      }
      if (scheme.tokens_.empty() || scheme.tokens_.back().kind != Kind::kLiteral) {
        scheme.tokens_.push_back(Token{Kind::kLiteral, "", 0});
      }
      scheme.tokens_.back().literal +=
          static_cast<char>(std::toupper(static_cast<unsigned char>(pattern[i])));
      ++i;
      continue;
    }
    const std::size_t close = pattern.find('}', i);
    if (close == std::string_view::npos) return PatternError(pattern, "unclosed '{'", "“{”未闭合");
    const std::string_view name = pattern.substr(i + 1, close - i - 1);
    if (name == "std") {
      scheme.tokens_.push_back(Token{Kind::kStd, "", 0});
    } else if (name == "level") {
      scheme.tokens_.push_back(Token{Kind::kLevel, "", 0});
    } else if (name == "yyyy") {
      scheme.tokens_.push_back(Token{Kind::kYear4, "", 0});
    } else if (name == "yy") {
      scheme.tokens_.push_back(Token{Kind::kYear2, "", 0});
    } else if (name == "check") {
      scheme.tokens_.push_back(Token{Kind::kCheck, "", 0});
    } else if (name.substr(0, 7) == "serial:" || name == "serial") {
      int width = 6;
      if (name.size() > 7) {
        const std::string_view w = name.substr(7);
        width = 0;
        for (char c : w) {
          if (c < '0' || c > '9' || width > 100) {
            width = -1;
            break;
          }
          width = width * 10 + (c - '0');
        }
      }
      if (width < 1 || width > 12) {
        return PatternError(pattern, "serial width must be 1 to 12 digits", "序号位数必须在 1 到 12 之间");
      }
      scheme.tokens_.push_back(Token{Kind::kSerial, "", width});
      ++serials;
    } else {
      return PatternError(
          pattern,
          "unknown token {" + std::string(name) + "} (known: {std} {level} {yyyy} {yy} {serial:N} {check})",
          "未知占位符 {" + std::string(name) + "}（可用：{std} {level} {yyyy} {yy} {serial:N} {check}）");
    }
    i = close + 1;
  }
  if (serials != 1) {
    return PatternError(pattern, "{serial:N} must appear exactly once", "{serial:N} 必须且只能出现一次");
  }
  for (std::size_t t = 0; t + 1 < scheme.tokens_.size(); ++t) {
    if (scheme.tokens_[t].kind == Kind::kCheck) {
      return PatternError(pattern, "{check} must be the last token", "{check} 必须位于末尾");
    }
  }
  return scheme;
}

NumberScheme NumberScheme::Default() {
  return Parse(kDefaultNumberPattern).value();
}

std::int64_t NumberScheme::max_serial() const {
  for (const auto& t : tokens_) {
    if (t.kind == Kind::kSerial) {
      std::int64_t m = 1;
      for (int i = 0; i < t.width; ++i) m *= 10;
      return m - 1;
    }
  }
  return 0;
}

bool NumberScheme::has_check() const {
  return !tokens_.empty() && tokens_.back().kind == Kind::kCheck;
}

Result<std::string> NumberScheme::Format(const NumberFields& f) const {
  auto code = [](std::string_view what_en, std::string_view what_zh,
                 std::string_view v) -> Result<std::string> {
    std::string u = Upper(v);
    bool ok = !u.empty() && u.size() <= kMaxCodeLength;
    for (char c : u) ok = ok && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
    if (!ok) {
      return InvalidArgument(
          "credentials.number_field",
          std::string(what_en) + " code \"" + std::string(v) + "\" must be 1-12 letters or digits",
          std::string(what_zh) + "代码“" + std::string(v) + "”必须是 1 到 12 位字母或数字");
    }
    return u;
  };
  if (f.year < 1000 || f.year > 9999) {
    return InvalidArgument("credentials.number_field", "year " + std::to_string(f.year) + " is out of range",
                           "年份 " + std::to_string(f.year) + " 超出范围");
  }
  if (f.serial < 1 || f.serial > max_serial()) {
    return OutOfRange("credentials.serial_exhausted",
                      "serial " + std::to_string(f.serial) + " is outside 1.." + std::to_string(max_serial()),
                      "序号 " + std::to_string(f.serial) + " 超出范围 1.." + std::to_string(max_serial()));
  }
  std::string out;
  for (const auto& t : tokens_) {
    switch (t.kind) {
      case Kind::kLiteral:
        out += t.literal;
        break;
      case Kind::kStd: {
        KP_ASSIGN_OR_RETURN(std::string c, code("standard", "标准", f.std_code));
        out += c;
        break;
      }
      case Kind::kLevel: {
        KP_ASSIGN_OR_RETURN(std::string c, code("level", "等级", f.level_code));
        out += c;
        break;
      }
      case Kind::kYear4:
        out += std::to_string(f.year);
        break;
      case Kind::kYear2:
        out += Pad(f.year % 100, 2);
        break;
      case Kind::kSerial:
        out += Pad(f.serial, t.width);
        break;
      case Kind::kCheck:
        out += Mod37_36CheckChar(out);
        break;
    }
  }
  return out;
}

std::string NumberScheme::ScopeKey(const NumberFields& f) const {
  std::string key;
  for (const auto& t : tokens_) {
    std::string part;
    switch (t.kind) {
      case Kind::kStd:
        part = Upper(f.std_code);
        break;
      case Kind::kLevel:
        part = Upper(f.level_code);
        break;
      case Kind::kYear4:
        part = std::to_string(f.year);
        break;
      case Kind::kYear2:
        part = Pad(f.year % 100, 2);
        break;
      default:
        continue;
    }
    if (!key.empty()) key += '|';
    key += part;
  }
  return key;
}

Result<NumberFields> NumberScheme::Validate(std::string_view number) const {
  while (!number.empty() && number.front() == ' ') number.remove_prefix(1);
  while (!number.empty() && number.back() == ' ') number.remove_suffix(1);
  const std::string s = Upper(number);
  NumberFields fields;
  // Backtracking match: codes are variable length, everything else is fixed.
  auto match = [&](auto&& self, std::size_t pos, std::size_t ti) -> bool {
    if (ti == tokens_.size()) return pos == s.size();
    const Token& t = tokens_[ti];
    auto digits = [&](std::size_t n, std::int64_t& out) {
      if (pos + n > s.size()) return false;
      out = 0;
      for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
      }
      return true;
    };
    switch (t.kind) {
      case Kind::kLiteral:
        return s.compare(pos, t.literal.size(), t.literal) == 0 && self(self, pos + t.literal.size(), ti + 1);
      case Kind::kStd:
      case Kind::kLevel: {
        for (std::size_t len = 1; len <= kMaxCodeLength && pos + len <= s.size(); ++len) {
          const char c = s[pos + len - 1];
          if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) break;
          (t.kind == Kind::kStd ? fields.std_code : fields.level_code) = s.substr(pos, len);
          if (self(self, pos + len, ti + 1)) return true;
        }
        return false;
      }
      case Kind::kYear4:
      case Kind::kYear2: {
        std::int64_t y = 0;
        const std::size_t n = t.kind == Kind::kYear4 ? 4 : 2;
        if (!digits(n, y)) return false;
        fields.year = static_cast<int>(t.kind == Kind::kYear4 ? y : 2000 + y);
        return self(self, pos + n, ti + 1);
      }
      case Kind::kSerial: {
        std::int64_t v = 0;
        if (!digits(static_cast<std::size_t>(t.width), v)) return false;
        fields.serial = v;
        return self(self, pos + static_cast<std::size_t>(t.width), ti + 1);
      }
      case Kind::kCheck:
        return pos < s.size() && IsAlnum(s[pos]) && self(self, pos + 1, ti + 1);
    }
    return false;
  };
  if (!match(match, 0, 0) || fields.serial < 1) {
    const std::string quoted = std::string(number);  // (appending avoids a g++ 12 -Wrestrict false positive)
    return InvalidArgument(
        "credentials.number_format",
        std::string("\"").append(quoted).append("\" is not a certificate number of the form ") + pattern_,
        std::string("“").append(quoted).append("”不符合证书编号格式 ") + pattern_);
  }
  if (has_check() && !HasValidCheckChar(s)) {
    return InvalidArgument(
        "credentials.number_check",
        "the check character of \"" + std::string(number) + "\" is wrong (mistyped number?)",
        "证书编号“" + std::string(number) + "”校验位错误（可能输错了编号）");
  }
  return fields;
}

}  // namespace kaoping::credentials
