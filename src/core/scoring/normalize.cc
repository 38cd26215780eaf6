#include "core/scoring/normalize.h"

#include <cstdint>

namespace kaoping::scoring {
namespace {

constexpr char32_t kReplacement = 0xFFFD;
constexpr char32_t kSpace = U' ';
constexpr char32_t kDrop = 0xFFFFFFFF;  // marker: remove the code point

// Decodes one code point at s[i], advancing i. Invalid sequences yield U+FFFD and consume one byte.
char32_t Decode(std::string_view s, std::size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return kReplacement;
  }
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return kReplacement;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return kReplacement;
  }
  i += len;
  return cp;
}

void Encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsWhitespace(char32_t cp) {
  return cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r' || cp == U'\v' || cp == U'\f' ||
         cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

// Steps 1–4 for one code point: the mapped code point, kSpace for whitespace, kDrop to remove.
char32_t Map(char32_t cp) {
  if (IsWhitespace(cp)) return kSpace;
  if ((cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF) return kDrop;
  if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII
  switch (cp) {
    case 0xFF61:  // ｡
    case 0x3002:  // 。
      return U'.';
    case 0xFF64:  // ､
    case 0x3001:  // 、
      return U',';
    case 0x201C:  // “
    case 0x201D:  // ”
    case 0x201E:  // „
      return U'"';
    case 0x2018:  // ‘
    case 0x2019:  // ’
    case 0x201A:  // ‚
      return U'\'';
    case 0x3010:  // 【
      return U'[';
    case 0x3011:  // 】
      return U']';
    default:
      break;
  }
  if (cp >= U'A' && cp <= U'Z') return cp + 0x20;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;  // Latin-1 capitals (not ×)
  return cp;
}

// Letters and digits that form words separated by spaces (Latin script).
bool IsWordChar(char32_t cp) {
  return (cp >= U'a' && cp <= U'z') || (cp >= U'0' && cp <= U'9') ||
         (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) || (cp >= U'A' && cp <= U'Z');
}

bool IsTrailingPunct(char32_t cp) {
  return cp == U'.' || cp == U',' || cp == U';' || cp == U':' || cp == U'!' || cp == U'?';
}

}  // namespace

std::string NormalizeFillIn(std::string_view answer) {
  // Map every code point, collapsing runs of whitespace into one pending space.
  std::u32string mapped;
  mapped.reserve(answer.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < answer.size();) {
    char32_t cp = Map(Decode(answer, i));
    if (cp == kDrop) continue;
    if (cp == kSpace) {
      pending_space = true;
      continue;
    }
    // Keep a space only between two word characters.
    if (pending_space && !mapped.empty() && IsWordChar(mapped.back()) && IsWordChar(cp))
      mapped.push_back(kSpace);
    pending_space = false;
    mapped.push_back(cp);
  }
  while (!mapped.empty() && (IsTrailingPunct(mapped.back()) || mapped.back() == kSpace)) mapped.pop_back();

  std::string out;
  out.reserve(mapped.size());
  for (char32_t cp : mapped) Encode(cp, out);
  return out;
}

bool FillInMatches(std::string_view response, const std::vector<std::string>& accepted) {
  const std::string r = NormalizeFillIn(response);
  if (r.empty()) return false;
  for (const auto& a : accepted) {
    if (NormalizeFillIn(a) == r) return true;
  }
  return false;
}

}  // namespace kaoping::scoring
