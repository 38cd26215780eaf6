// The item-bank template columns and the grid ⇄ item conversion shared by CSV and XLSX.

#include "interop/sheet.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "interop/tabular.h"
#include "interop/vocabulary.h"

namespace kaoping::interop {

using bank::Item;
using bank::ItemType;
using internal::Sheet;
using internal::SheetCell;
using internal::SheetRow;

namespace {

// Template columns, in template order. The numeric values index TemplateColumns().
enum Col : int {
  kId,
  kType,
  kStem,
  kOptA,
  kOptB,
  kOptC,
  kOptD,
  kOptE,
  kOptF,
  kOptG,
  kOptH,
  kAnswer,
  kBlanks,
  kBlankPoints,
  kPoints,
  kDifficulty,
  kStandard,
  kDirection,
  kLevels,
  kExamKind,
  kFunction,
  kWorkContent,
  kRequirements,
  kKnowledge,
  kRubric,
  kReference,
  kTaskInstructions,
  kTaskMaterials,
  kTaskMinutes,
  kExplanation,
  kEnemies,
  kAuthor,
  kSource,
  kLicence,
  kStatus,
  kVersion,
  kColCount
};
constexpr int kMaxOptions = 8;
constexpr std::string_view kExampleId = "example-0001";

const std::vector<std::string_view> kBlankSeps = {"|"};
const std::vector<std::string_view> kAltSeps = {"/"};
const std::vector<std::string_view> kListSeps = {";", "；", "\n"};
const std::vector<std::string_view> kRubricFieldSeps = {":", "："};
const std::vector<std::string_view> kDifficultySeps = {";", "；"};

std::string OptionLetter(int i) {
  return std::string(1, static_cast<char>('A' + i));
}

// "分值（分）*" → "分值"; "选项 a" → "选项A".
std::string NormaliseHeader(std::string_view raw) {
  std::string_view s = TrimText(raw);
  for (std::string_view paren : {"（", "("}) {
    const std::size_t p = s.find(paren);
    if (p != std::string_view::npos && p > 0) s = TrimText(s.substr(0, p));
  }
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '*' || c == ' ' || c == '\t') continue;
    if (s.compare(i, 3, "＊") == 0) {
      i += 2;
      continue;
    }
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

std::optional<Col> HeaderColumn(const std::string& normalised) {
  static const std::map<std::string, Col>* const kAliases = [] {
    auto* m = new std::map<std::string, Col>{
        {"题目编号", kId},
        {"编号", kId},
        {"题号", kId},
        {"试题编号", kId},
        {"ID", kId},
        {"题型", kType},
        {"题目类型", kType},
        {"试题类型", kType},
        {"题干", kStem},
        {"题目", kStem},
        {"题目内容", kStem},
        {"试题内容", kStem},
        {"正确答案", kAnswer},
        {"答案", kAnswer},
        {"标准答案", kAnswer},
        {"填空答案", kBlanks},
        {"填空分值", kBlankPoints},
        {"分值", kPoints},
        {"分数", kPoints},
        {"难度", kDifficulty},
        {"难度系数", kDifficulty},
        {"标准", kStandard},
        {"标准编号", kStandard},
        {"方向", kDirection},
        {"等级", kLevels},
        {"级别", kLevels},
        {"考试类型", kExamKind},
        {"考核类型", kExamKind},
        {"考试方式", kExamKind},
        {"职业功能", kFunction},
        {"工作内容", kWorkContent},
        {"要求编号", kRequirements},
        {"知识点", kKnowledge},
        {"评分要点", kRubric},
        {"评分标准", kRubric},
        {"参考答案", kReference},
        {"实操说明", kTaskInstructions},
        {"操作要求", kTaskInstructions},
        {"实操材料", kTaskMaterials},
        {"实操时长", kTaskMinutes},
        {"考核时长", kTaskMinutes},
        {"解析", kExplanation},
        {"答案解析", kExplanation},
        {"试题解析", kExplanation},
        {"互斥题", kEnemies},
        {"互斥题目", kEnemies},
        {"作者", kAuthor},
        {"命题人", kAuthor},
        {"来源", kSource},
        {"出处", kSource},
        {"许可", kLicence},
        {"许可证", kLicence},
        {"版权", kLicence},
        {"状态", kStatus},
        {"版本", kVersion},
        {"版本号", kVersion},
    };
    for (int i = 0; i < kMaxOptions; ++i) {
      (*m)["选项" + OptionLetter(i)] = static_cast<Col>(kOptA + i);
      (*m)[OptionLetter(i)] = static_cast<Col>(kOptA + i);
    }
    return m;
  }();
  auto it = kAliases->find(normalised);
  if (it == kAliases->end()) return std::nullopt;
  return it->second;
}

bool IsIgnoredHeader(const std::string& normalised) {
  return normalised == "备注" || (!normalised.empty() && normalised.front() == '#');
}

// Where each template column sits in the file.
struct HeaderMap {
  int row = 0;                         // header row number
  std::map<Col, int> index;            // template column → 0-based file column
  std::map<Col, std::string> written;  // the header text as the file writes it
  std::set<int> ignored;               // 备注 / #… columns
  std::set<int> known;                 // every file column with a header
};

std::string PointsText(double v) {
  return FormatNumber(v);
}

// A field of a two-level list cell and the separator that followed it ("" for the last).
struct RawField {
  std::string text;
  std::string sep_after;
};
using RawGroup = std::vector<RawField>;

// Splits `text` at unescaped `outer` separators into groups and at unescaped `inner` separators
// into fields. A backslash before any separator or before a backslash makes it literal; before
// anything else it stays as written. Fields are not trimmed. Empty groups are kept.
std::vector<RawGroup> SplitTwoLevel(std::string_view text, const std::vector<std::string_view>& outer,
                                    const std::vector<std::string_view>& inner) {
  auto match = [&](std::size_t i, const std::vector<std::string_view>& seps) -> std::size_t {
    for (std::string_view sep : seps) {
      if (!sep.empty() && text.compare(i, sep.size(), sep) == 0) return sep.size();
    }
    return 0;
  };
  std::vector<RawGroup> out(1, RawGroup(1));
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      std::size_t n = text[i + 1] == '\\' ? 1 : std::max(match(i + 1, outer), match(i + 1, inner));
      if (n > 0) {
        out.back().back().text.append(text.substr(i + 1, n));
        i += 1 + n;
        continue;
      }
    }
    if (std::size_t n = match(i, outer); n > 0) {
      out.push_back(RawGroup(1));
      i += n;
      continue;
    }
    if (std::size_t n = match(i, inner); n > 0) {
      out.back().back().sep_after = std::string(text.substr(i, n));
      out.back().push_back({});
      i += n;
      continue;
    }
    out.back().back().text.push_back(text[i]);
    ++i;
  }
  return out;
}

// The text of a group with its inner separators as written: "a:b" for fields [a, b].
std::string JoinFields(const RawGroup& g, std::size_t from, std::size_t to) {
  std::string s;
  for (std::size_t f = from; f < to && f < g.size(); ++f) {
    s += g[f].text;
    if (f + 1 < to) s += g[f].sep_after;
  }
  return s;
}

bool IsAsciiIdToken(std::string_view s) {
  if (s.empty() || s.size() > 32) return false;
  if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
          c == '-' || c == '.')) {
      return false;
    }
  }
  return true;
}

std::optional<double> ParsePointsToken(std::string_view text) {
  std::string s(TrimText(text));
  static constexpr std::string_view kFen = "分";
  if (s.size() > kFen.size() && s.compare(s.size() - kFen.size(), kFen.size(), kFen) == 0)
    s.resize(s.size() - kFen.size());
  return ParseNumber(s);
}

std::optional<bool> ParseTrueFalse(std::string_view text) {
  std::string s(TrimText(text));
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  static const std::set<std::string> kTrue = {"正确", "对", "是", "√", "✓", "✔", "t", "true", "y", "yes"};
  static const std::set<std::string> kFalse = {"错误", "错", "否",    "×", "✗", "✘",
                                               "x",    "f",  "false", "n", "no"};
  if (kTrue.count(s)) return true;
  if (kFalse.count(s)) return false;
  return std::nullopt;
}

// Reads one data row into an Item, reporting problems with column letters and headers.
class RowConverter {
 public:
  RowConverter(const SheetRow& row, const HeaderMap& header, const ImportOptions& options,
               std::vector<RowError>* errors)
      : row_(row), header_(header), options_(options), errors_(errors) {
    for (const SheetCell& c : row.cells) cells_[c.col] = &c.text;
  }

  std::optional<Item> Convert();

  // Reports the problems bank::CheckItemShape finds in an item this row produced, at the
  // columns the fields come from, so nothing the bank would reject gets through an import.
  bool CheckShape(const Item& item) {
    const std::vector<bank::ItemProblem> problems = bank::CheckItemShape(item);
    for (const bank::ItemProblem& p : problems) {
      Error(ColumnForField(p.field), "item.invalid", p.message_zh + "（" + p.field + "）",
            p.field + ": " + p.message);
    }
    return problems.empty();
  }

 private:
  static Col ColumnForField(const std::string& field) {
    auto starts = [&](std::string_view prefix) { return field.rfind(prefix, 0) == 0; };
    if (starts("options[")) {
      const int i = std::atoi(field.c_str() + 8);
      return i >= 0 && i < kMaxOptions ? static_cast<Col>(kOptA + i) : kOptA;
    }
    static const std::pair<const char*, Col> kPrefixes[] = {
        {"version", kVersion},
        {"stem", kStem},
        {"options", kOptA},
        {"answer", kAnswer},
        {"blanks[", kBlanks},
        {"blanks", kBlanks},
        {"rubric", kRubric},
        {"task.time_minutes", kTaskMinutes},
        {"task.materials", kTaskMaterials},
        {"task", kTaskInstructions},
        {"reference_answer", kReference},
        {"explanation", kExplanation},
        {"points", kPoints},
        {"difficulty", kDifficulty},
        {"alignment.standard", kStandard},
        {"alignment.direction", kDirection},
        {"alignment.levels", kLevels},
        {"alignment.exam_kind", kExamKind},
        {"alignment.function", kFunction},
        {"alignment.work_content", kWorkContent},
        {"alignment.requirements", kRequirements},
        {"alignment.knowledge_points", kKnowledge},
        {"enemies", kEnemies},
        {"author", kAuthor},
        {"source", kSource},
        {"licence", kLicence},
        {"status", kStatus},
    };
    if (starts("blanks[") && field.find(".points") != std::string::npos) return kBlankPoints;
    for (const auto& [prefix, col] : kPrefixes) {
      if (starts(prefix)) return col;
    }
    return kId;  // "id", "synthetic" and anything else about the item as a whole.
  }

  // Trimmed cell text ("" when the column is absent or the cell empty).
  std::string Get(Col c) const {
    auto it = header_.index.find(c);
    if (it == header_.index.end()) return "";
    auto cell = cells_.find(it->second);
    if (cell == cells_.end()) return "";
    return std::string(TrimText(*cell->second));
  }
  bool Has(Col c) const { return !Get(c).empty(); }

  void Error(Col c, std::string reason, std::string zh, std::string en) {
    RowError e;
    e.row = row_.number;
    auto it = header_.index.find(c);
    if (it != header_.index.end()) {
      e.column = ColumnLetters(it->second);
      e.header = header_.written.at(c);
    } else {
      e.header = TemplateColumns()[c].header;
    }
    e.item_id = Get(kId);
    e.reason = std::move(reason);
    e.reason_zh = std::move(zh);
    e.reason_en = std::move(en);
    errors_->push_back(std::move(e));
    ++error_count_;
  }

  // The column must be empty for this item type.
  void MustBeEmpty(Col c, ItemType type) {
    if (!Has(c)) return;
    const std::string& h = TemplateColumns()[c].header;
    Error(c, "interop.column_not_for_type",
          std::string(bank::ItemTypeLabelZh(type)) + "题不使用「" + h + "」列，请清空该单元格",
          std::string(bank::ItemTypeName(type)) + " items do not use column " + h + "; leave the cell empty");
  }

  std::optional<double> Number(Col c, const std::string& text) {
    std::string s = text;
    static constexpr std::string_view kFen = "分";
    if (s.size() > kFen.size() && s.compare(s.size() - kFen.size(), kFen.size(), kFen) == 0) {
      s.resize(s.size() - kFen.size());
    }
    auto v = ParseNumber(s);
    if (!v) {
      const std::string& h = TemplateColumns()[c].header;
      Error(c, "interop.bad_number", "「" + text + "」不是数字", h + ": \"" + text + "\" is not a number");
    }
    return v;
  }

  void ReadChoice(Item& item);
  void ReadTrueFalse(Item& item);
  void ReadFillIn(Item& item);
  void ReadRubric(Item& item, bool points_given);
  void ReadTask(Item& item);
  void ReadDifficulty(Item& item);
  void ReadAlignment(Item& item);

  const SheetRow& row_;
  const HeaderMap& header_;
  const ImportOptions& options_;
  std::vector<RowError>* errors_;
  std::map<int, const std::string*> cells_;
  int error_count_ = 0;
};

std::optional<Item> RowConverter::Convert() {
  Item item;
  // 题目编号
  item.id = Get(kId);
  if (item.id.empty()) {
    Error(kId, "interop.required", "题目编号不能为空", "the item id is required");
  } else if (!IsValidItemId(item.id)) {
    Error(kId, "interop.bad_id",
          "题目编号「" + item.id + "」无效：只能使用字母、数字和 . _ -，以字母或数字开头，最多 64 个字符",
          "item id \"" + item.id +
              "\" is invalid: use letters, digits, '.', '_' and '-', starting with a "
              "letter or digit, at most 64 characters");
  }
  // 题型
  const std::string type_text = Get(kType);
  std::optional<ItemType> type;
  if (type_text.empty()) {
    Error(kType, "interop.required", "题型不能为空（单选、多选、判断、填空、简答、实操）",
          "the item type is required (单选, 多选, 判断, 填空, 简答, 实操)");
  } else {
    type = ParseTypeLabel(type_text);
    if (!type) {
      Error(kType, "interop.unknown_type",
            "未知题型「" + type_text + "」：应为 单选、多选、判断、填空、简答 或 实操",
            "unknown item type \"" + type_text +
                "\": expected 单选, 多选, 判断, 填空, 简答 or 实操 "
                "(single_choice, multiple_choice, true_false, fill_in, short_answer, practical)");
    }
  }
  // 题干
  item.stem = Get(kStem);
  if (item.stem.empty()) Error(kStem, "interop.required", "题干不能为空", "the stem is required");
  // 版本
  if (std::string v = Get(kVersion); !v.empty()) {
    auto n = ParseNumber(v);
    if (!n || *n < 1 || *n > 1e6 || std::floor(*n) != *n) {
      Error(kVersion, "interop.bad_version", "版本「" + v + "」应为正整数",
            "version \"" + v + "\" must be a positive integer");
    } else {
      item.version = static_cast<int>(*n);
    }
  }
  // 状态
  item.status = options_.default_status;
  if (std::string s = Get(kStatus); !s.empty()) {
    if (auto st = ParseStatusLabel(s)) {
      item.status = *st;
    } else {
      Error(kStatus, "interop.bad_status", "未知状态「" + s + "」：应为 草稿、审核中、已审核 或 已停用",
            "unknown status \"" + s +
                "\": expected 草稿, 审核中, 已审核 or 已停用 (draft, in_review, approved, retired)");
    }
  }
  // 分值
  const std::string points_text = Get(kPoints);
  if (!points_text.empty()) {
    if (auto p = Number(kPoints, points_text)) {
      if (*p <= 0 || *p > 100) {
        Error(kPoints, "interop.bad_points", "分值必须大于 0 且不超过 100（当前为 " + points_text + "）",
              "points must be greater than 0 and at most 100 (got " + points_text + ")");
      } else {
        item.points = *p;
      }
    }
  }
  ReadDifficulty(item);

  if (type) {
    item.type = *type;
    switch (*type) {
      case ItemType::kSingleChoice:
      case ItemType::kMultipleChoice:
        ReadChoice(item);
        break;
      case ItemType::kTrueFalse:
        ReadTrueFalse(item);
        break;
      case ItemType::kFillIn:
        ReadFillIn(item);
        break;
      case ItemType::kShortAnswer:
      case ItemType::kPractical:
        ReadRubric(item, !points_text.empty());
        break;
    }
    if (*type != ItemType::kFillIn) {
      MustBeEmpty(kBlanks, *type);
      MustBeEmpty(kBlankPoints, *type);
    }
    if (*type != ItemType::kShortAnswer && *type != ItemType::kPractical) MustBeEmpty(kRubric, *type);
    if (*type == ItemType::kPractical) {
      ReadTask(item);
    } else {
      MustBeEmpty(kTaskInstructions, *type);
      MustBeEmpty(kTaskMaterials, *type);
      MustBeEmpty(kTaskMinutes, *type);
    }
  }
  item.reference_answer = Get(kReference);
  if (type && (*type == ItemType::kShortAnswer || *type == ItemType::kPractical) && Has(kAnswer)) {
    // Banks with a single answer column keep the model answer of open items there.
    if (item.reference_answer.empty()) {
      item.reference_answer = Get(kAnswer);
    } else {
      Error(kAnswer, "interop.column_not_for_type",
            std::string(bank::ItemTypeLabelZh(*type)) + "题的答案请写在「参考答案」列，「正确答案」列留空",
            "the model answer of open items goes in column 参考答案; leave 正确答案 empty");
    }
  }
  if (type && *type == ItemType::kShortAnswer && item.reference_answer.empty()) {
    Error(kReference, "interop.required", "简答题必须填写参考答案（供阅卷人参考，不会展示给考生）",
          "short-answer items need a reference answer (for examiners; never shown to candidates)");
  }
  item.explanation = Get(kExplanation);
  ReadAlignment(item);

  // 互斥题
  for (const std::string& e : SplitIdList(Get(kEnemies))) {
    if (!IsValidItemId(e)) {
      Error(kEnemies, "interop.bad_id", "互斥题编号「" + e + "」无效",
            "enemy item id \"" + e + "\" is invalid");
    } else if (e == item.id) {
      Error(kEnemies, "interop.self_enemy", "题目不能与自身互斥", "an item cannot be its own enemy");
    } else if (std::find(item.enemies.begin(), item.enemies.end(), e) == item.enemies.end()) {
      item.enemies.push_back(e);
    }
  }
  item.author = Get(kAuthor);
  item.source = Get(kSource);
  item.licence = Get(kLicence);
  if (error_count_ > 0 || !CheckShape(item)) return std::nullopt;
  return item;
}

void RowConverter::ReadChoice(Item& item) {
  // Options must be filled from 选项A on without gaps.
  int last_filled = -1;
  for (int i = 0; i < kMaxOptions; ++i) {
    if (Has(static_cast<Col>(kOptA + i))) last_filled = i;
  }
  for (int i = 0; i <= last_filled; ++i) {
    const Col c = static_cast<Col>(kOptA + i);
    const std::string text = Get(c);
    if (text.empty()) {
      Error(c, "interop.option_gap",
            "选项" + OptionLetter(i) + " 为空，但后面的选项有内容：选项须从 A 起连续填写",
            "option " + OptionLetter(i) +
                " is empty but a later option is filled: fill options from A without gaps");
      continue;
    }
    item.options.push_back({OptionLetter(i), text});
  }
  if (last_filled + 1 < 2) {
    Error(static_cast<Col>(kOptA + std::max(last_filled + 1, 0)), "interop.too_few_options",
          "选择题至少需要两个选项（选项A、选项B）", "choice items need at least two options (选项A, 选项B)");
  }
  const std::string answer = Get(kAnswer);
  if (answer.empty()) {
    Error(kAnswer, "interop.required", "选择题必须填写正确答案，如「A」或「A,C」",
          "choice items need a key, e.g. \"A\" or \"A,C\"");
    return;
  }
  // "A,C" "A、C" "AC" "a c" → letters.
  const int errors_before = error_count_;
  std::set<int> picked;
  bool letters_only = true;
  for (const std::string& token : SplitIdList(answer)) {
    for (char ch : token) {
      const char up = (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
      if (up < 'A' || up > 'Z') {
        letters_only = false;
        continue;
      }
      const int idx = up - 'A';
      if (idx > last_filled) {
        Error(kAnswer, "interop.answer_not_option",
              "正确答案「" + answer + "」中的 " + std::string(1, up) + " 不是已填写的选项",
              "key \"" + answer + "\" names option " + std::string(1, up) +
                  ", which is not among the filled options");
        continue;
      }
      if (!picked.insert(idx).second) {
        Error(kAnswer, "interop.duplicate_answer",
              "正确答案「" + answer + "」重复列出了 " + std::string(1, up),
              "key \"" + answer + "\" lists " + std::string(1, up) + " twice");
      }
    }
  }
  if (!letters_only) {
    Error(kAnswer, "interop.bad_answer", "正确答案「" + answer + "」应写选项字母，如「A」或「A,C」",
          "key \"" + answer + "\" must be option letters, e.g. \"A\" or \"A,C\"");
  }
  if (error_count_ > errors_before) return;
  for (int idx : picked) item.answer.push_back(OptionLetter(idx));
  if (item.type == ItemType::kSingleChoice && item.answer.size() != 1) {
    Error(kAnswer, "interop.answer_count", "单选题只能有一个正确答案（当前为「" + answer + "」）",
          "single-choice items have exactly one key (got \"" + answer + "\")");
  }
  if (item.type == ItemType::kMultipleChoice && item.answer.size() < 2) {
    Error(kAnswer, "interop.answer_count", "多选题至少需要两个正确答案（当前为「" + answer + "」）",
          "multiple-choice items need at least two keys (got \"" + answer + "\")");
  }
}

void RowConverter::ReadTrueFalse(Item& item) {
  item.options = {{"true", "正确"}, {"false", "错误"}};
  // Some banks write 判断 items with 选项A=正确, 选项B=错误 and the key "A"/"B": accept that shape.
  const bool ab_shape = Get(kOptA) != "" && Get(kOptB) != "" && ParseTrueFalse(Get(kOptA)).has_value() &&
                        ParseTrueFalse(Get(kOptB)).has_value() &&
                        *ParseTrueFalse(Get(kOptA)) != *ParseTrueFalse(Get(kOptB));
  for (int i = ab_shape ? 2 : 0; i < kMaxOptions; ++i) MustBeEmpty(static_cast<Col>(kOptA + i), item.type);
  const std::string answer = Get(kAnswer);
  if (answer.empty()) {
    Error(kAnswer, "interop.required", "判断题必须填写正确答案：「正确」或「错误」",
          "true/false items need a key: 正确 (true) or 错误 (false)");
    return;
  }
  std::optional<bool> value = ParseTrueFalse(answer);
  if (!value && ab_shape && (answer == "A" || answer == "a")) value = ParseTrueFalse(Get(kOptA));
  if (!value && ab_shape && (answer == "B" || answer == "b")) value = ParseTrueFalse(Get(kOptB));
  if (!value) {
    Error(kAnswer, "interop.bad_answer", "判断题的正确答案「" + answer + "」应为「正确」或「错误」",
          "true/false key \"" + answer + "\" must be 正确 (true) or 错误 (false)");
    return;
  }
  item.answer = {*value ? "true" : "false"};
}

void RowConverter::ReadFillIn(Item& item) {
  for (int i = 0; i < kMaxOptions; ++i) MustBeEmpty(static_cast<Col>(kOptA + i), item.type);
  // Banks that keep one answer column put fill-in answers there: accept it when 填空答案 is empty.
  Col source = kBlanks;
  if (!Has(kBlanks) && Has(kAnswer)) {
    source = kAnswer;
  } else if (Has(kAnswer)) {
    Error(kAnswer, "interop.column_not_for_type", "填空题的答案请写在「填空答案」列，「正确答案」列留空",
          "fill-in answers go in column 填空答案; leave 正确答案 empty");
  }
  const std::string text = Get(source);
  if (text.empty()) {
    Error(kBlanks, "interop.required", "填空题必须填写填空答案，如「vLLM/vllm|8000」",
          "fill-in items need 填空答案, e.g. \"vLLM/vllm|8000\"");
    return;
  }
  const std::vector<RawGroup> blanks = SplitTwoLevel(text, kBlankSeps, kAltSeps);
  const std::vector<BlankMarker> markers = FindBlankMarkers(item.stem);
  if (markers.empty() && !item.stem.empty()) {
    Error(kStem, "interop.no_blank_marker",
          "填空题的题干中没有填空标记：用「____」（至少四个下划线）或「{{1}}」标出每个空",
          "the stem of a fill-in item marks no blank: mark each blank with ____ (four or more underscores) "
          "or {{1}}");
  } else if (!markers.empty() && markers.size() != blanks.size()) {
    Error(source, "interop.blank_count",
          "题干中有 " + std::to_string(markers.size()) + " 个空，填空答案却有 " +
              std::to_string(blanks.size()) + " 组（各空之间用「|」分隔）",
          "the stem has " + std::to_string(markers.size()) + " blanks but the answers give " +
              std::to_string(blanks.size()) + " (separate blanks with '|')");
  }
  std::set<std::string> ids;
  for (std::size_t i = 0; i < blanks.size(); ++i) {
    bank::Blank b;
    b.id = std::to_string(i + 1);
    if (i < markers.size() && markers[i].text.rfind("{{", 0) == 0) {
      b.id = markers[i].text.substr(2, markers[i].text.size() - 4);
    }
    if (!ids.insert(b.id).second) {
      Error(kStem, "interop.duplicate_blank", "题干中的填空标记「{{" + b.id + "}}」重复",
            "the stem marks blank {{" + b.id + "}} twice");
    }
    for (const RawField& alt : blanks[i]) {
      std::string a(TrimText(alt.text));
      if (!a.empty() && std::find(b.accepted.begin(), b.accepted.end(), a) == b.accepted.end()) {
        b.accepted.push_back(std::move(a));
      }
    }
    if (b.accepted.empty()) {
      Error(source, "interop.empty_blank", "第 " + std::to_string(i + 1) + " 个空没有答案",
            "blank " + std::to_string(i + 1) + " has no accepted answer");
    }
    item.blanks.push_back(std::move(b));
  }
  const std::string shares = Get(kBlankPoints);
  if (shares.empty()) return;
  const std::vector<std::string> parts = SplitEscaped(shares, kBlankSeps, /*keep_empty=*/true);
  if (parts.size() != item.blanks.size()) {
    Error(kBlankPoints, "interop.blank_count",
          "填空分值有 " + std::to_string(parts.size()) + " 项，填空有 " + std::to_string(item.blanks.size()) +
              " 个",
          "填空分值 lists " + std::to_string(parts.size()) + " values for " +
              std::to_string(item.blanks.size()) + " blanks");
    return;
  }
  double sum = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto v = Number(kBlankPoints, parts[i]);
    if (!v) return;
    if (*v <= 0) {
      Error(kBlankPoints, "interop.bad_points", "每个空的分值必须大于 0（不分配时整列留空）",
            "each blank's points must be greater than 0 (leave the cell empty for equal shares)");
      return;
    }
    item.blanks[i].points = *v;
    sum += *v;
  }
  if (std::fabs(sum - item.points) > 1e-9) {
    Error(kBlankPoints, "interop.points_sum",
          "各空分值之和 " + PointsText(sum) + " 不等于题目分值 " + PointsText(item.points),
          "blank points add up to " + PointsText(sum) + ", not the item's points " + PointsText(item.points));
  }
}

void RowConverter::ReadRubric(Item& item, bool points_given) {
  for (int i = 0; i < kMaxOptions; ++i) MustBeEmpty(static_cast<Col>(kOptA + i), item.type);
  const std::string text = Get(kRubric);
  if (text.empty()) {
    Error(kRubric, "interop.required",
          std::string(bank::ItemTypeLabelZh(item.type)) +
              "题必须填写评分要点，如「部署步骤完整:4:能启动服务;参数说明:2」",
          std::string(bank::ItemTypeName(item.type)) +
              " items need 评分要点 (rubric), e.g. \"部署步骤完整:4:能启动服务;参数说明:2\"");
    return;
  }
  double sum = 0;
  std::set<std::string> ids;
  std::size_t n = 0;
  for (const RawGroup& fields : SplitTwoLevel(text, kListSeps, kRubricFieldSeps)) {
    const std::string shown(TrimText(JoinFields(fields, 0, fields.size())));
    if (shown.empty()) continue;
    ++n;
    std::size_t k = 0;  // index of the points field: the first numeric field after the first
    for (std::size_t f = 1; f < fields.size(); ++f) {
      if (ParsePointsToken(fields[f].text)) {
        k = f;
        break;
      }
    }
    if (k == 0) {
      Error(kRubric, "interop.bad_rubric", "评分要点「" + shown + "」缺少分值：格式为「描述:分值:证据」",
            "rubric criterion \"" + shown + "\" has no points: write \"description:points:evidence\"");
      continue;
    }
    bank::RubricCriterion c;
    std::size_t desc_from = 0;
    if (k >= 2 && IsAsciiIdToken(TrimText(fields[0].text))) {
      c.id = std::string(TrimText(fields[0].text));
      desc_from = 1;
    }
    c.description = std::string(TrimText(JoinFields(fields, desc_from, k)));
    c.evidence = std::string(TrimText(JoinFields(fields, k + 1, fields.size())));
    c.points = *ParsePointsToken(fields[k].text);
    if (c.id.empty()) c.id = "c" + std::to_string(n);
    if (c.description.empty()) {
      Error(kRubric, "interop.bad_rubric", "评分要点「" + shown + "」缺少描述",
            "rubric criterion \"" + shown + "\" has no description");
    }
    if (c.points <= 0) {
      Error(kRubric, "interop.bad_rubric", "评分要点「" + shown + "」的分值必须大于 0",
            "rubric criterion \"" + shown + "\" must carry more than 0 points");
    }
    if (!ids.insert(c.id).second) {
      Error(kRubric, "interop.bad_rubric", "评分要点编号「" + c.id + "」重复",
            "rubric criterion id \"" + c.id + "\" repeats");
    }
    sum += c.points;
    item.rubric.push_back(std::move(c));
  }
  if (item.rubric.empty()) return;
  if (!points_given) {
    item.points = sum;  // 分值 left empty: the rubric's total.
  } else if (std::fabs(sum - item.points) > 1e-9) {
    Error(
        kRubric, "interop.points_sum",
        "评分要点分值之和 " + PointsText(sum) + " 不等于题目分值 " + PointsText(item.points),
        "rubric points add up to " + PointsText(sum) + ", not the item's points " + PointsText(item.points));
  }
}

void RowConverter::ReadTask(Item& item) {
  bank::PracticalTask task;
  task.instructions = Get(kTaskInstructions);
  if (task.instructions.empty()) {
    Error(kTaskInstructions, "interop.required", "实操题必须填写实操说明（考生要完成的操作任务）",
          "practical items need 实操说明 (the task the candidate carries out)");
  }
  task.materials = SplitTextList(Get(kTaskMaterials));
  if (std::string m = Get(kTaskMinutes); !m.empty()) {
    std::string s = m;
    static constexpr std::string_view kMin = "分钟";
    if (s.size() > kMin.size() && s.compare(s.size() - kMin.size(), kMin.size(), kMin) == 0)
      s.resize(s.size() - kMin.size());
    auto v = ParseNumber(s);
    if (!v || *v < 0 || *v > 24 * 60 || std::floor(*v) != *v) {
      Error(kTaskMinutes, "interop.bad_minutes", "实操时长「" + m + "」应为 0 到 1440 之间的整数（分钟）",
            "practical time \"" + m + "\" must be a whole number of minutes between 0 and 1440");
    } else {
      task.time_minutes = static_cast<int>(*v);
    }
  }
  item.task = std::move(task);
}

void RowConverter::ReadDifficulty(Item& item) {
  const std::string text = Get(kDifficulty);
  if (text.empty()) return;
  auto in_unit = [](double v) { return v >= 0 && v <= 1; };
  if (auto p = ParseNumber(text)) {
    if (!in_unit(*p)) {
      Error(kDifficulty, "interop.bad_difficulty", "难度（通过率 p）应在 0 到 1 之间（当前为 " + text + "）",
            "difficulty (facility p) must be between 0 and 1 (got " + text + ")");
      return;
    }
    item.difficulty.p = *p;
    return;
  }
  for (const std::string& piece : SplitEscaped(text, kDifficultySeps)) {
    const std::size_t eq = piece.find('=');
    const std::string key = eq == std::string::npos ? piece : std::string(TrimText(piece.substr(0, eq)));
    const std::string value = eq == std::string::npos ? "" : std::string(TrimText(piece.substr(eq + 1)));
    if (key == "provenance" || key == "来源") {
      item.difficulty.provenance = value;
      continue;
    }
    std::optional<double>* slot = key == "p"   ? &item.difficulty.p
                                  : key == "a" ? &item.difficulty.a
                                  : key == "b" ? &item.difficulty.b
                                  : key == "c" ? &item.difficulty.c
                                               : nullptr;
    auto v = ParseNumber(value);
    if (slot == nullptr || !v) {
      Error(kDifficulty, "interop.bad_difficulty",
            "难度「" + text +
                "」无法识别：写一个 0 到 1 之间的通过率，如「0.8」，或「p=0.8;a=1.2;b=0.3;c=0.2」",
            "difficulty \"" + text +
                "\" is not understood: write a facility between 0 and 1 (\"0.8\") or "
                "\"p=0.8;a=1.2;b=0.3;c=0.2\"");
      return;
    }
    if ((key == "p" || key == "c") && !in_unit(*v)) {
      Error(kDifficulty, "interop.bad_difficulty", "难度参数 " + key + " 应在 0 到 1 之间",
            "difficulty parameter " + key + " must be between 0 and 1");
      return;
    }
    if (key == "a" && *v <= 0) {
      Error(kDifficulty, "interop.bad_difficulty", "区分度 a 必须大于 0",
            "discrimination a must be greater than 0");
      return;
    }
    *slot = *v;
  }
}

void RowConverter::ReadAlignment(Item& item) {
  bank::Alignment& a = item.alignment;
  const bank::Alignment& d = options_.default_alignment;
  a.standard = Get(kStandard);
  a.direction = Get(kDirection);
  for (const std::string& token : SplitIdList(Get(kLevels))) {
    if (auto id = ParseLevelLabel(token)) {
      if (std::find(a.levels.begin(), a.levels.end(), *id) == a.levels.end()) a.levels.push_back(*id);
    } else {
      Error(kLevels, "interop.bad_level",
            "等级「" + token + "」无法识别：写 初级、中级、高级 或标准包中的等级编号",
            "level \"" + token +
                "\" is not understood: write 初级, 中级, 高级 or a level id of the standard pack");
    }
  }
  if (std::string k = Get(kExamKind); !k.empty()) {
    if (auto kind = ParseExamKindLabel(k)) {
      a.exam_kind = *kind;
    } else {
      Error(kExamKind, "interop.bad_exam_kind", "考试类型「" + k + "」应为「理论」或「技能」",
            "exam kind \"" + k + "\" must be 理论 (theory) or 技能 (skill)");
    }
  }
  if (std::string f = Get(kFunction); !f.empty()) {
    if (auto fn = ParseFunctionLabel(f)) {
      a.function = *fn;
    } else {
      Error(
          kFunction, "interop.bad_function",
          "职业功能「" + f + "」无法识别：写职业功能编号（如「1」或「function:1」），基本要求写「basic:2.2」",
          "function \"" + f +
              "\" is not understood: write a function id (\"1\" or \"function:1\") or "
              "\"basic:2.2\" for basic requirements");
    }
  }
  a.work_content = Get(kWorkContent);
  if (a.work_content.find_first_of(" \t\n") != std::string::npos) {
    Error(kWorkContent, "interop.bad_work_content", "工作内容编号「" + a.work_content + "」不能含空白",
          "work content id \"" + a.work_content + "\" must not contain whitespace");
  }
  for (const std::string& path : SplitIdList(Get(kRequirements))) {
    const bool ok = path.find('/') != std::string::npos && path.front() != '/' && path.back() != '/' &&
                    path.find("//") == std::string::npos;
    if (!ok) {
      Error(
          kRequirements, "interop.bad_requirement",
          "要求编号「" + path + "」应为标准包中的要求路径，如「junior/skill/1.2.1」",
          "requirement \"" + path + "\" must be a requirement path of the pack, e.g. \"junior/skill/1.2.1\"");
    } else {
      a.requirements.push_back(path);
    }
  }
  a.knowledge_points = SplitTextList(Get(kKnowledge));

  // Defaults for what the row leaves empty.
  if (a.standard.empty()) a.standard = d.standard;
  if (a.direction.empty() && !Has(kDirection)) a.direction = d.direction;
  if (a.levels.empty() && !Has(kLevels)) a.levels = d.levels;
  if (a.exam_kind.empty() && !Has(kExamKind)) a.exam_kind = d.exam_kind;
  if (a.function.empty() && !Has(kFunction)) a.function = d.function;
  if (a.work_content.empty()) a.work_content = d.work_content;
  if (a.requirements.empty() && !Has(kRequirements)) a.requirements = d.requirements;
  if (a.knowledge_points.empty()) a.knowledge_points = d.knowledge_points;

  if (a.standard.empty()) {
    Error(
        kStandard, "interop.no_alignment",
        "标准不能为空：填写标准包编号（如 llm-deploy-engineer），或在导入时指定默认标准",
        "the standard is required: give the pack id (e.g. llm-deploy-engineer) or a default when importing");
  }
  if (a.levels.empty() && !Has(kLevels)) {
    Error(kLevels, "interop.no_alignment", "等级不能为空（初级、中级、高级）",
          "at least one level is required");
  }
  if (a.exam_kind.empty() && !Has(kExamKind)) {
    Error(kExamKind, "interop.no_alignment", "考试类型不能为空（理论或技能）",
          "the exam kind is required (theory or skill)");
  }
  if (a.function.empty() && !Has(kFunction)) {
    Error(kFunction, "interop.no_alignment", "职业功能不能为空（如「1」或「basic:2.2」）",
          "the function is required (e.g. \"1\" or \"basic:2.2\")");
  }
}

// Finds the header row: the first row (among the first 20 non-empty ones) with a 题型 or 题干
// header and at least two known headers.
std::optional<std::size_t> FindHeaderRow(const internal::Sheet& sheet) {
  int seen = 0;
  for (std::size_t r = 0; r < sheet.rows.size() && seen < 20; ++r) {
    const auto& row = sheet.rows[r];
    bool any = false;
    int known = 0;
    bool anchor = false;
    for (const auto& c : row.cells) {
      const std::string h = NormaliseHeader(c.text);
      if (h.empty()) continue;
      any = true;
      if (auto col = HeaderColumn(h)) {
        ++known;
        anchor = anchor || *col == kType || *col == kStem;
      }
    }
    if (!any) continue;
    ++seen;
    if (anchor && known >= 2) return r;
  }
  return std::nullopt;
}

RowError MakeError(int row, int col, std::string header, std::string reason, std::string zh, std::string en) {
  RowError e;
  e.row = row;
  if (col >= 0) e.column = ColumnLetters(col);
  e.header = std::move(header);
  e.reason = std::move(reason);
  e.reason_zh = std::move(zh);
  e.reason_en = std::move(en);
  return e;
}

}  // namespace

const std::vector<TemplateColumn>& TemplateColumns() {
  static const std::vector<TemplateColumn>* const kColumns = [] {
    auto* v = new std::vector<TemplateColumn>{
        {"题目编号", true,
         "题目的唯一编号，导入后不可更改；只能使用字母、数字和 . _ -，以字母或数字开头，最多 64 个字符。",
         "dep-jr-1.2-001"},
        {"题型", true, "单选、多选、判断、填空、简答、实操 之一（也可写「单选题」「单项选择题」等）。",
         "单选"},
        {"题干", true, "题目正文，可换行。填空题用「____」（至少四个下划线）或「{{1}}」「{{2}}」标出每个空。",
         "使用 llama.cpp 对模型进行 4 bit 量化的主要目的是什么？"},
    };
    for (int i = 0; i < kMaxOptions; ++i) {
      const std::string l = OptionLetter(i);
      v->push_back({"选项" + l, false,
                    i < 2 ? "选择题的选项" + l +
                                "（单选、多选至少填写选项A、选项B；选项须从 A 起连续填写，最多到选项H）。"
                          : "选择题的选项" + l + "（可选）。",
                    i == 0 ? "减小模型体积并降低显存占用" : ""});
    }
    const std::vector<TemplateColumn> rest = {
        {"正确答案", false,
         "单选填一个字母，如「A」；多选填两个以上字母，如「A,"
         "C」（也可写「AC」「A、C」）；判断填「正确」或「错误」。"
         "填空、简答、实操题留空。",
         "A"},
        {"填空答案", false,
         "仅填空题：各空的答案按题干中空的顺序用「|」分隔，同一空的多个可接受答案用「/」分隔，"
         "如「vLLM/vllm|8000」。答案本身含有 | / \\ 时写成 \\| \\/ \\\\。",
         "vLLM/vllm|8000"},
        {"填空分值", false, "仅填空题，可选：各空的分值，用「|」分隔，之和须等于分值；留空表示各空平分。",
         "1|1"},
        {"分值", false, "题目满分，大于 0 的数字；留空为 1（简答、实操题留空时取评分要点分值之和）。", "1"},
        {"难度", false,
         "可选。0 到 1 "
         "之间的通过率（易度）p，如「0.8」；也可写「p=0.8;a=1.2;b=0.3;c=0.2;provenance=来源说明」。",
         "0.8"},
        {"标准", false,
         "标准包编号，如 llm-deploy-engineer（kaoping standards list 可查）。导入时可指定默认值。",
         "llm-deploy-engineer"},
        {"方向", false, "标准有方向时填写方向编号，否则留空。", ""},
        {"等级", false, "初级、中级、高级，或标准包中的等级编号；多个用「;」分隔。", "初级"},
        {"考试类型", false, "理论 或 技能。", "理论"},
        {"职业功能", false,
         "题目计入的权重表行：职业功能编号，如「1」（即 "
         "function:1）；基本要求写「basic:2.1」（职业道德）或「basic:2.2」（基础知识）。",
         "1"},
        {"工作内容", false, "工作内容编号，如「1.2」；基本要求留空。", "1.2"},
        {"要求编号", false,
         "题目考查的技能/知识要求路径，多个用「;」分隔，如「junior/knowledge/1.2.1;junior/skill/1.2.1」"
         "（kaoping standards show 标准编号 --json 可查）。",
         "junior/knowledge/1.2.1;junior/skill/1.2.1"},
        {"知识点", false, "可选，多个用「;」分隔。", "模型量化"},
        {"评分要点", false,
         "简答、实操题必填：每条写「描述:分值:证据」，多条用「;」分隔，分值之和须等于题目分值；证据可省略；"
         "描述中的冒号、分号写成 \\: \\;。",
         "部署步骤完整:4:能启动服务并返回结果;参数说明准确:2"},
        {"参考答案", false, "简答题必填，实操题可选：供阅卷人参考的答案，不会展示给考生。", ""},
        {"实操说明", false, "仅实操题，必填：考生要完成的操作任务。", ""},
        {"实操材料", false, "仅实操题，可选：提供给考生的材料或环境，多项用「;」分隔。", ""},
        {"实操时长", false, "仅实操题，可选：完成时间（分钟，整数）。", ""},
        {"解析", false, "可选：答案解析，不会在考试中展示给考生。",
         "量化以更少的比特表示权重，主要目的是减小体积、降低显存与内存占用。"},
        {"互斥题", false, "可选：不能与本题出现在同一试卷中的题目编号，多个用「;」分隔。", ""},
        {"作者", false, "可选：命题人。", "kaoping"},
        {"来源", false, "可选：题目出处。", "kaoping 模板示例"},
        {"许可", false, "可选：许可协议，如 CC-BY-4.0。", "CC-BY-4.0"},
        {"状态", false, "草稿、审核中、已审核 或 已停用；留空为草稿。", "草稿"},
        {"版本", false, "可选：版本号（正整数），留空为 1。", "1"},
    };
    v->insert(v->end(), rest.begin(), rest.end());
    return v;
  }();
  return *kColumns;
}

bank::Item TemplateExampleItem() {
  Item item;
  item.id = std::string(kExampleId);
  item.version = 1;
  item.type = ItemType::kSingleChoice;
  item.status = bank::ItemStatus::kDraft;
  item.stem = "使用 llama.cpp 对模型进行 4 bit 量化的主要目的是什么？";
  item.options = {{"A", "减小模型体积并降低显存占用"},
                  {"B", "提高模型的训练精度"},
                  {"C", "增加模型参数量"},
                  {"D", "更换模型的分词器"}};
  item.answer = {"A"};
  item.explanation = "量化以更少的比特表示权重，主要目的是减小体积、降低显存与内存占用。";
  item.points = 1;
  item.difficulty.p = 0.8;
  item.alignment.standard = "llm-deploy-engineer";
  item.alignment.levels = {"junior"};
  item.alignment.exam_kind = "theory";
  item.alignment.function = "function:1";
  item.alignment.work_content = "1.2";
  item.alignment.requirements = {"junior/knowledge/1.2.1", "junior/skill/1.2.1"};
  item.alignment.knowledge_points = {"模型量化"};
  item.author = "kaoping";
  item.source = "kaoping 模板示例";
  item.licence = "CC-BY-4.0";
  return item;
}

namespace internal {

std::vector<std::string> TemplateHeaders() {
  std::vector<std::string> out;
  for (const TemplateColumn& c : TemplateColumns()) out.push_back(c.header);
  return out;
}

ImportBatch ImportSheet(const Sheet& sheet, std::vector<RowError> early_errors, std::string format,
                        const ImportOptions& options) {
  ImportBatch batch;
  batch.format = std::move(format);
  std::vector<RowError> errors = std::move(early_errors);

  const std::optional<std::size_t> header_at = FindHeaderRow(sheet);
  if (!header_at) {
    errors.push_back(MakeError(
        sheet.rows.empty() ? 1 : sheet.rows.front().number, -1, "", "interop.no_header",
        "未找到表头：第一行应为列名（题目编号、题型、题干……），请使用 kaoping bank template 生成的模板",
        "no header row found: the first row must name the columns (题目编号, 题型, 题干 …); "
        "start from the template of `kaoping bank template`"));
    batch.errors = std::move(errors);
    return batch;
  }

  // Map the header row.
  HeaderMap header;
  const SheetRow& hrow = sheet.rows[*header_at];
  header.row = hrow.number;
  bool header_ok = true;
  for (const SheetCell& c : hrow.cells) {
    const std::string written(TrimText(c.text));
    const std::string h = NormaliseHeader(c.text);
    if (h.empty()) continue;
    header.known.insert(c.col);
    if (IsIgnoredHeader(h)) {
      header.ignored.insert(c.col);
      continue;
    }
    auto col = HeaderColumn(h);
    if (!col) {
      errors.push_back(MakeError(
          hrow.number, c.col, written, "interop.unknown_column",
          "未知的列「" + written + "」：请使用模板中的列名（不需要的列可命名为「备注」或以 # 开头）",
          "unknown column \"" + written +
              "\": use the template's headers (name a column 备注 "
              "or start it with # to have it ignored)"));
      header_ok = false;
      continue;
    }
    if (header.index.count(*col)) {
      errors.push_back(
          MakeError(hrow.number, c.col, written, "interop.duplicate_column",
                    "列「" + written + "」与 " + ColumnLetters(header.index[*col]) + " 列重复",
                    "column \"" + written + "\" repeats column " + ColumnLetters(header.index[*col])));
      header_ok = false;
      continue;
    }
    header.index[*col] = c.col;
    header.written[*col] = written;
  }
  for (Col required : {kId, kType, kStem}) {
    if (!header.index.count(required)) {
      const std::string& h = TemplateColumns()[required].header;
      errors.push_back(MakeError(hrow.number, -1, h, "interop.missing_column", "缺少必需的列「" + h + "」",
                                 "the required column \"" + h + "\" is missing"));
      header_ok = false;
    }
  }
  if (!header_ok) {
    // Rows cannot be read reliably against a broken header; report the header problems only.
    batch.errors = std::move(errors);
    return batch;
  }

  std::map<std::string, int> first_row_of_id;
  bool example_seen = false;
  for (std::size_t r = *header_at + 1; r < sheet.rows.size(); ++r) {
    const SheetRow& row = sheet.rows[r];
    bool blank = true;
    for (const SheetCell& c : row.cells) {
      if (header.ignored.count(c.col)) continue;
      if (!TrimText(c.text).empty()) {
        blank = false;
        if (!header.known.count(c.col)) {
          errors.push_back(MakeError(row.number, c.col, "", "interop.cell_outside_columns",
                                     "该单元格所在的列没有列名：请删除内容或补上列名",
                                     "this cell is in a column without a header: clear it or add a header"));
        }
      }
    }
    if (blank) continue;
    RowConverter converter(row, header, options, &errors);
    std::optional<Item> item = converter.Convert();
    // Duplicate ids are reported whether or not the rest of the row is valid.
    std::string raw_id;
    for (const SheetCell& c : row.cells) {
      if (c.col == header.index[kId]) raw_id = std::string(TrimText(c.text));
    }
    if (!raw_id.empty()) {
      auto [it, inserted] = first_row_of_id.emplace(raw_id, row.number);
      if (!inserted) {
        errors.push_back(MakeError(row.number, header.index[kId], header.written[kId], "interop.duplicate_id",
                                   "题目编号「" + raw_id + "」与第 " + std::to_string(it->second) + " 行重复",
                                   "item id \"" + raw_id + "\" repeats row " + std::to_string(it->second)));
        continue;
      }
    }
    if (!item) continue;
    if (item->id == kExampleId && !example_seen) {
      example_seen = true;
      batch.warnings.push_back(
          MakeError(row.number, header.index[kId], header.written[kId], "interop.example_row",
                    "第 " + std::to_string(row.number) + " 行是模板自带的示例题，如不需要请删除",
                    "row " + std::to_string(row.number) +
                        " is the template's example item; delete it unless you want it"));
    }
    batch.items.push_back(std::move(*item));
  }
  if (batch.items.empty() && errors.empty()) {
    batch.warnings.push_back(
        MakeError(header.row, -1, "", "interop.no_rows", "文件中没有题目行", "the file has no item rows"));
  }
  std::stable_sort(errors.begin(), errors.end(),
                   [](const RowError& a, const RowError& b) { return a.row < b.row; });
  batch.errors = std::move(errors);
  if (!batch.errors.empty()) batch.items.clear();  // All-or-nothing.
  return batch;
}

Result<std::vector<std::string>> ItemToCells(const Item& item) {
  std::vector<std::string> cells(kColCount);
  auto fail = [&](const std::string& zh, const std::string& en) -> Status {
    return InvalidArgument("interop.not_representable", "item " + item.id + ": " + en,
                           "题目 " + item.id + "：" + zh);
  };
  cells[kId] = item.id;
  cells[kType] = bank::ItemTypeLabelZh(item.type);
  cells[kStem] = item.stem;
  switch (item.type) {
    case ItemType::kSingleChoice:
    case ItemType::kMultipleChoice: {
      if (item.options.size() > kMaxOptions) {
        return fail("选项超过 8 个，模板只有选项A…选项H",
                    "more than 8 options; the template has 选项A…选项H");
      }
      for (std::size_t i = 0; i < item.options.size(); ++i) {
        if (item.options[i].id != OptionLetter(static_cast<int>(i))) {
          return fail("选项编号须依次为 A、B、C……（当前第 " + std::to_string(i + 1) + " 个为「" +
                          item.options[i].id + "」）",
                      "option ids must be A, B, C … in order (option " + std::to_string(i + 1) + " is \"" +
                          item.options[i].id + "\")");
        }
        cells[kOptA + i] = item.options[i].text;
      }
      std::string answer;
      for (const std::string& a : item.answer) answer += (answer.empty() ? "" : ",") + a;
      cells[kAnswer] = answer;
      break;
    }
    case ItemType::kTrueFalse:
      if (item.answer.size() != 1 || (item.answer[0] != "true" && item.answer[0] != "false")) {
        return fail("判断题的答案须为 true 或 false", "a true/false key must be \"true\" or \"false\"");
      }
      cells[kAnswer] = item.answer[0] == "true" ? "正确" : "错误";
      break;
    case ItemType::kFillIn: {
      if (item.blanks.empty()) return fail("填空题没有填空", "a fill-in item without blanks");
      std::string blanks, shares;
      bool any_share = false;
      for (std::size_t i = 0; i < item.blanks.size(); ++i) {
        const bank::Blank& b = item.blanks[i];
        if (i > 0) {
          blanks += "|";
          shares += "|";
        }
        for (std::size_t k = 0; k < b.accepted.size(); ++k) {
          if (k > 0) blanks += "/";
          blanks += EscapePiece(b.accepted[k], {"|", "/"});
        }
        shares += FormatNumber(b.points);
        any_share = any_share || b.points != 0;
      }
      cells[kBlanks] = blanks;
      if (any_share) cells[kBlankPoints] = shares;
      break;
    }
    case ItemType::kShortAnswer:
    case ItemType::kPractical: {
      std::string rubric;
      for (std::size_t i = 0; i < item.rubric.size(); ++i) {
        const bank::RubricCriterion& c = item.rubric[i];
        const std::vector<std::string_view> seps = {":", "：", ";", "；", "\n"};
        std::string one;
        if (c.id != "c" + std::to_string(i + 1)) one = c.id + ":";
        one += EscapePiece(c.description, seps) + ":" + FormatNumber(c.points);
        if (!c.evidence.empty()) one += ":" + EscapePiece(c.evidence, seps);
        rubric += (i > 0 ? ";" : "") + one;
      }
      cells[kRubric] = rubric;
      if (item.type == ItemType::kPractical && item.task) {
        cells[kTaskInstructions] = item.task->instructions;
        std::string materials;
        for (std::size_t i = 0; i < item.task->materials.size(); ++i) {
          materials += (i > 0 ? ";" : "") + EscapePiece(item.task->materials[i], {";", "；", "\n"});
        }
        cells[kTaskMaterials] = materials;
        if (item.task->time_minutes != 0) cells[kTaskMinutes] = std::to_string(item.task->time_minutes);
      }
      break;
    }
  }
  cells[kPoints] = FormatNumber(item.points);
  const bank::Difficulty& d = item.difficulty;
  if (d.p && !d.a && !d.b && !d.c && d.provenance.empty()) {
    cells[kDifficulty] = FormatNumber(*d.p);
  } else if (d.p || d.a || d.b || d.c || !d.provenance.empty()) {
    std::string s;
    auto add = [&](const char* key, const std::optional<double>& v) {
      if (v) s += (s.empty() ? "" : ";") + std::string(key) + "=" + FormatNumber(*v);
    };
    add("p", d.p);
    add("a", d.a);
    add("b", d.b);
    add("c", d.c);
    if (!d.provenance.empty())
      s += (s.empty() ? "" : ";") + std::string("provenance=") + EscapePiece(d.provenance, kDifficultySeps);
    cells[kDifficulty] = s;
  }
  const bank::Alignment& a = item.alignment;
  cells[kStandard] = a.standard;
  cells[kDirection] = a.direction;
  for (std::size_t i = 0; i < a.levels.size(); ++i)
    cells[kLevels] += (i > 0 ? ";" : "") + LevelLabelZh(a.levels[i]);
  cells[kExamKind] = ExamKindLabelZh(a.exam_kind);
  cells[kFunction] = a.function;
  cells[kWorkContent] = a.work_content;
  for (std::size_t i = 0; i < a.requirements.size(); ++i)
    cells[kRequirements] += (i > 0 ? ";" : "") + a.requirements[i];
  for (std::size_t i = 0; i < a.knowledge_points.size(); ++i) {
    cells[kKnowledge] += (i > 0 ? ";" : "") + EscapePiece(a.knowledge_points[i], kListSeps);
  }
  cells[kReference] = item.reference_answer;
  cells[kExplanation] = item.explanation;
  for (std::size_t i = 0; i < item.enemies.size(); ++i)
    cells[kEnemies] += (i > 0 ? ";" : "") + item.enemies[i];
  cells[kAuthor] = item.author;
  cells[kSource] = item.source;
  cells[kLicence] = item.licence;
  cells[kStatus] = StatusLabelZh(item.status);
  cells[kVersion] = std::to_string(item.version);
  return cells;
}

}  // namespace internal
}  // namespace kaoping::interop
