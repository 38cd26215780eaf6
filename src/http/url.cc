#include "http/url.h"

#include <cstdint>
#include <utility>

namespace kaoping::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Status BadEncoding(std::string_view what_en, std::string_view what_zh) {
  return InvalidArgument("http.bad_request", "Malformed request target: " + std::string(what_en),
                         "请求地址格式错误：" + std::string(what_zh));
}

}  // namespace

Result<SplitTarget> SplitRequestTarget(std::string_view target) {
  if (target.empty() || target.front() != '/') {
    return BadEncoding("the target must be an absolute path starting with '/'",
                       "请求地址必须是以“/”开头的绝对路径");
  }
  SplitTarget out;
  std::size_t q = target.find('?');
  if (q == std::string_view::npos) {
    out.path = target;
  } else {
    out.path = target.substr(0, q);
    out.query = target.substr(q + 1);
  }
  // A fragment is never sent to a server; drop one if a client did.
  if (std::size_t h = out.query.find('#'); h != std::string_view::npos) out.query = out.query.substr(0, h);
  if (std::size_t h = out.path.find('#'); h != std::string_view::npos) {
    out.path = out.path.substr(0, h);
    out.query = {};
  }
  return out;
}

Result<std::string> PercentDecode(std::string_view in, bool plus_is_space) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) {
        return BadEncoding("truncated percent escape", "百分号编码不完整");
      }
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return BadEncoding("invalid percent escape", "百分号编码无效");
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (out.find('\0') != std::string::npos) {
    return BadEncoding("NUL byte in decoded text", "解码后的文本包含 NUL 字符");
  }
  if (!IsValidUtf8(out))
    return BadEncoding("decoded text is not valid UTF-8", "解码后的文本不是有效的 UTF-8");
  return out;
}

Result<std::multimap<std::string, std::string, std::less<>>> ParseQuery(std::string_view query) {
  std::multimap<std::string, std::string, std::less<>> out;
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view piece = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (piece.empty()) continue;
    std::size_t eq = piece.find('=');
    std::string_view raw_key = piece.substr(0, eq);
    std::string_view raw_value = eq == std::string_view::npos ? std::string_view() : piece.substr(eq + 1);
    KP_ASSIGN_OR_RETURN(std::string key, PercentDecode(raw_key, /*plus_is_space=*/true));
    KP_ASSIGN_OR_RETURN(std::string value, PercentDecode(raw_value, /*plus_is_space=*/true));
    out.emplace(std::move(key), std::move(value));
  }
  return out;
}

Result<std::vector<std::string>> DecodePathSegments(std::string_view path) {
  std::vector<std::string> out;
  if (path.empty() || path.front() != '/') {
    return BadEncoding("the path must start with '/'", "路径必须以“/”开头");
  }
  path.remove_prefix(1);
  while (true) {
    std::size_t slash = path.find('/');
    KP_ASSIGN_OR_RETURN(std::string segment, PercentDecode(path.substr(0, slash)));
    out.push_back(std::move(segment));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool IsValidUtf8(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    auto b0 = static_cast<std::uint8_t>(s[i]);
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if ((b0 & 0xE0) == 0xC0) {
      len = 2;
      cp = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
      len = 3;
      cp = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
      len = 4;
      cp = b0 & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      auto b = static_cast<std::uint8_t>(s[i + k]);
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

}  // namespace kaoping::http
