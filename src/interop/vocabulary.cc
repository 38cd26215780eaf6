#include "interop/vocabulary.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <system_error>

namespace kaoping::interop {

using bank::ItemStatus;
using bank::ItemType;

namespace {

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Lower-cased, trimmed, with inner spaces and a trailing "题" removed: "单选题" → "单选".
std::string LabelKey(std::string_view text) {
  std::string s;
  for (char c : TrimText(text)) {
    if (!IsAsciiSpace(c)) s.push_back(c);
  }
  s = AsciiLower(s);
  static constexpr std::string_view kTi = "题";
  if (s.size() > kTi.size() && s.compare(s.size() - kTi.size(), kTi.size(), kTi) == 0) {
    s.resize(s.size() - kTi.size());
  }
  return s;
}

bool IsLevelIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

}  // namespace

std::optional<ItemType> ParseTypeLabel(std::string_view text) {
  struct Entry {
    const char* key;
    ItemType type;
  };
  static constexpr Entry kEntries[] = {
      {"single_choice", ItemType::kSingleChoice},
      {"单选", ItemType::kSingleChoice},
      {"单项选择", ItemType::kSingleChoice},
      {"单选择", ItemType::kSingleChoice},
      {"multiple_choice", ItemType::kMultipleChoice},
      {"多选", ItemType::kMultipleChoice},
      {"多项选择", ItemType::kMultipleChoice},
      {"多选择", ItemType::kMultipleChoice},
      {"true_false", ItemType::kTrueFalse},
      {"判断", ItemType::kTrueFalse},
      {"是非", ItemType::kTrueFalse},
      {"对错", ItemType::kTrueFalse},
      {"fill_in", ItemType::kFillIn},
      {"填空", ItemType::kFillIn},
      {"short_answer", ItemType::kShortAnswer},
      {"简答", ItemType::kShortAnswer},
      {"问答", ItemType::kShortAnswer},
      {"论述", ItemType::kShortAnswer},
      {"practical", ItemType::kPractical},
      {"实操", ItemType::kPractical},
      {"操作", ItemType::kPractical},
      {"技能操作", ItemType::kPractical},
      {"实际操作", ItemType::kPractical},
  };
  const std::string key = LabelKey(text);
  for (const Entry& e : kEntries) {
    if (key == e.key) return e.type;
  }
  return std::nullopt;
}

const char* StatusLabelZh(ItemStatus s) {
  switch (s) {
    case ItemStatus::kDraft:
      return "草稿";
    case ItemStatus::kInReview:
      return "审核中";
    case ItemStatus::kApproved:
      return "已审核";
    case ItemStatus::kRetired:
      return "已停用";
  }
  return "草稿";
}

std::optional<ItemStatus> ParseStatusLabel(std::string_view text) {
  struct Entry {
    const char* key;
    ItemStatus status;
  };
  static constexpr Entry kEntries[] = {
      {"draft", ItemStatus::kDraft},        {"草稿", ItemStatus::kDraft},
      {"in_review", ItemStatus::kInReview}, {"审核中", ItemStatus::kInReview},
      {"待审核", ItemStatus::kInReview},    {"待审", ItemStatus::kInReview},
      {"approved", ItemStatus::kApproved},  {"已审核", ItemStatus::kApproved},
      {"已通过", ItemStatus::kApproved},    {"已批准", ItemStatus::kApproved},
      {"通过", ItemStatus::kApproved},      {"retired", ItemStatus::kRetired},
      {"已停用", ItemStatus::kRetired},     {"停用", ItemStatus::kRetired},
      {"退役", ItemStatus::kRetired},
  };
  const std::string key = LabelKey(text);
  for (const Entry& e : kEntries) {
    if (key == e.key) return e.status;
  }
  return std::nullopt;
}

std::optional<std::string> ParseLevelLabel(std::string_view text) {
  struct Entry {
    const char* label;
    const char* id;
  };
  static constexpr Entry kEntries[] = {
      {"初级", "junior"}, {"初级工", "junior"}, {"五级", "junior"},   {"中级", "mid"},    {"中级工", "mid"},
      {"四级", "mid"},    {"高级", "senior"},   {"高级工", "senior"}, {"三级", "senior"},
  };
  const std::string key = LabelKey(text);
  if (key.empty()) return std::nullopt;
  for (const Entry& e : kEntries) {
    if (key == e.label) return std::string(e.id);
  }
  for (char c : key) {
    if (!IsLevelIdChar(c)) return std::nullopt;
  }
  return key;
}

std::string LevelLabelZh(const std::string& level_id) {
  if (level_id == "junior") return "初级";
  if (level_id == "mid") return "中级";
  if (level_id == "senior") return "高级";
  return level_id;
}

std::optional<std::string> ParseExamKindLabel(std::string_view text) {
  const std::string key = LabelKey(text);
  if (key == "theory" || key == "理论" || key == "理论知识" || key == "理论考试")
    return std::string("theory");
  if (key == "skill" || key == "技能" || key == "技能操作" || key == "技能考核" || key == "实操") {
    return std::string("skill");
  }
  return std::nullopt;
}

std::string ExamKindLabelZh(const std::string& exam_kind) {
  if (exam_kind == "theory") return "理论";
  if (exam_kind == "skill") return "技能";
  return exam_kind;
}

std::optional<std::string> ParseFunctionLabel(std::string_view text) {
  std::string s(TrimText(text));
  if (s.empty()) return std::nullopt;
  if (s == "职业道德") return std::string("basic:2.1");
  if (s == "基础知识") return std::string("basic:2.2");
  auto valid_id = [](std::string_view id) {
    if (id.empty()) return false;
    for (char c : id) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == '-';
      if (!ok) return false;
    }
    return true;
  };
  for (std::string_view prefix : {"function:", "basic:"}) {
    if (s.rfind(prefix, 0) == 0) {
      return valid_id(std::string_view(s).substr(prefix.size())) ? std::optional<std::string>(s)
                                                                 : std::nullopt;
    }
  }
  if (valid_id(s)) return "function:" + s;
  return std::nullopt;
}

std::vector<BlankMarker> FindBlankMarkers(std::string_view stem) {
  std::vector<BlankMarker> out;
  std::size_t i = 0;
  while (i < stem.size()) {
    if (stem[i] == '_') {
      std::size_t j = i;
      while (j < stem.size() && stem[j] == '_') ++j;
      if (j - i >= 4) out.push_back({i, j - i, std::string(stem.substr(i, j - i))});
      i = j;
      continue;
    }
    if (stem.compare(i, 2, "{{") == 0) {
      const std::size_t close = stem.find("}}", i + 2);
      if (close != std::string_view::npos && close > i + 2 && close - i <= 34) {
        std::string_view id = stem.substr(i + 2, close - i - 2);
        bool ok = true;
        for (char c : id) {
          ok = ok && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                      c == '_' || c == '-');
        }
        if (ok) {
          out.push_back({i, close + 2 - i, std::string(stem.substr(i, close + 2 - i))});
          i = close + 2;
          continue;
        }
      }
    }
    ++i;
  }
  return out;
}

std::string FormatNumber(double v) {
  if (v == 0) return "0";  // Also turns -0 into "0".
  std::array<char, 64> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  if (ec != std::errc()) return "0";
  return std::string(buf.data(), end);
}

std::optional<double> ParseNumber(std::string_view text) {
  std::string_view s = TrimText(text);
  if (s.empty()) return std::nullopt;
  if (s.front() == '+') s.remove_prefix(1);
  if (s.empty() || s.front() == '+') return std::nullopt;
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, std::chars_format::general);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

bool IsValidItemId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (!alnum(id.front())) return false;
  for (char c : id) {
    if (!alnum(c) && c != '.' && c != '_' && c != '-') return false;
  }
  return true;
}

std::string_view TrimText(std::string_view s) {
  static constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000
  static constexpr std::string_view kNoBreakSpace = "\xC2\xA0";          // U+00A0
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    if (IsAsciiSpace(s.front())) {
      s.remove_prefix(1);
      changed = true;
    } else if (s.substr(0, kIdeographicSpace.size()) == kIdeographicSpace) {
      s.remove_prefix(kIdeographicSpace.size());
      changed = true;
    } else if (s.substr(0, kNoBreakSpace.size()) == kNoBreakSpace) {
      s.remove_prefix(kNoBreakSpace.size());
      changed = true;
    }
  }
  changed = true;
  while (changed && !s.empty()) {
    changed = false;
    if (IsAsciiSpace(s.back())) {
      s.remove_suffix(1);
      changed = true;
    } else if (s.size() >= kIdeographicSpace.size() &&
               s.substr(s.size() - kIdeographicSpace.size()) == kIdeographicSpace) {
      s.remove_suffix(kIdeographicSpace.size());
      changed = true;
    } else if (s.size() >= kNoBreakSpace.size() &&
               s.substr(s.size() - kNoBreakSpace.size()) == kNoBreakSpace) {
      s.remove_suffix(kNoBreakSpace.size());
      changed = true;
    }
  }
  return s;
}

std::string NormaliseNewlines(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::vector<std::string> SplitEscaped(std::string_view text, const std::vector<std::string_view>& separators,
                                      bool keep_empty) {
  std::vector<std::string> out;
  std::string cur;
  auto separator_at = [&](std::size_t i) -> std::size_t {
    for (std::string_view sep : separators) {
      if (!sep.empty() && text.compare(i, sep.size(), sep) == 0) return sep.size();
    }
    return 0;
  };
  auto flush = [&] {
    std::string piece(TrimText(cur));
    if (keep_empty || !piece.empty()) out.push_back(std::move(piece));
    cur.clear();
  };
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      if (text[i + 1] == '\\') {
        cur.push_back('\\');
        i += 2;
        continue;
      }
      if (std::size_t n = separator_at(i + 1); n > 0) {
        cur.append(text.substr(i + 1, n));
        i += 1 + n;
        continue;
      }
    }
    if (std::size_t n = separator_at(i); n > 0) {
      flush();
      i += n;
      continue;
    }
    cur.push_back(text[i]);
    ++i;
  }
  flush();
  return out;
}

std::string EscapePiece(std::string_view piece, const std::vector<std::string_view>& separators) {
  std::string out;
  std::size_t i = 0;
  while (i < piece.size()) {
    if (piece[i] == '\\') {
      out += "\\\\";
      ++i;
      continue;
    }
    std::size_t matched = 0;
    for (std::string_view sep : separators) {
      if (!sep.empty() && piece.compare(i, sep.size(), sep) == 0) {
        matched = sep.size();
        break;
      }
    }
    if (matched > 0) {
      out.push_back('\\');
      out.append(piece.substr(i, matched));
      i += matched;
    } else {
      out.push_back(piece[i]);
      ++i;
    }
  }
  return out;
}

std::vector<std::string> SplitIdList(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(std::move(cur));
    cur.clear();
  };
  static constexpr std::string_view kWide[] = {"；", "，", "、", "\xE3\x80\x80"};
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == ';' || c == ',' || IsAsciiSpace(c)) {
      flush();
      ++i;
      continue;
    }
    bool wide = false;
    for (std::string_view w : kWide) {
      if (text.compare(i, w.size(), w) == 0) {
        flush();
        i += w.size();
        wide = true;
        break;
      }
    }
    if (wide) continue;
    cur.push_back(c);
    ++i;
  }
  flush();
  return out;
}

std::vector<std::string> SplitTextList(std::string_view text) {
  return SplitEscaped(text, {";", "；", "\n"});
}

}  // namespace kaoping::interop
