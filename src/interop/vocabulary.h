// -----------------------------------------------------------------------------
// File: interop/vocabulary.h
// -----------------------------------------------------------------------------
//
// The words and small syntaxes the item-bank interchange formats share: Chinese labels for item
// types, statuses, levels and exam kinds as exam bodies write them in spreadsheets; blank
// markers in fill-in stems; number formatting that round-trips; id checks; escaped lists.
// Used by the CSV/XLSX templates and the QTI reader/writer (docs/interop-items.md).
//
// Everything here is pure and thread-safe.

#ifndef KAOPING_INTEROP_VOCABULARY_H_
#define KAOPING_INTEROP_VOCABULARY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bank/item.h"

namespace kaoping::interop {

// ---- Item types ---------------------------------------------------------------------------

// Names and labels are bank::ItemTypeName / bank::ItemTypeLabelZh ("single_choice", "单选").
// Accepts the canonical names, the Chinese labels and the usual spellings of exam bodies
// ("单选题", "单项选择题", "多项选择", "是非题", "问答题", "论述题", "操作题", "技能操作" …).
std::optional<bank::ItemType> ParseTypeLabel(std::string_view text);

// ---- Statuses -----------------------------------------------------------------------------

// Names are bank::ItemStatusName ("draft" | "in_review" | "approved" | "retired").
const char* StatusLabelZh(bank::ItemStatus s);  // "草稿" | "审核中" | "已审核" | "已停用"
// Names, the labels above and "待审核", "已通过", "已批准", "停用", "退役".
std::optional<bank::ItemStatus> ParseStatusLabel(std::string_view text);

// ---- Levels and exam kinds ------------------------------------------------------------------

// Standard packs name their levels junior / mid / senior by convention (docs/standard-pack-
// format.md). "初级"/"初级工"/"五级" → "junior", "中级"/"四级" → "mid", "高级"/"三级" → "senior";
// any other text that is a well-formed level id ([a-z0-9_-]+) is returned as given; otherwise
// nullopt.
std::optional<std::string> ParseLevelLabel(std::string_view text);
// The label written for a level id: "初级" for "junior" …, the id itself for other ids.
std::string LevelLabelZh(const std::string& level_id);

// "理论"/"理论知识"/"theory" → "theory"; "技能"/"技能操作"/"实操"/"skill" → "skill".
std::optional<std::string> ParseExamKindLabel(std::string_view text);
std::string ExamKindLabelZh(const std::string& exam_kind);  // "理论" | "技能" | as given

// Weight-table target of an alignment: "function:1", "basic:2.2" as given;
// a bare id ("1", "3.2") → "function:<id>"; "职业道德" → "basic:2.1"; "基础知识" → "basic:2.2".
std::optional<std::string> ParseFunctionLabel(std::string_view text);

// ---- Fill-in blanks -------------------------------------------------------------------------

// A blank marker in a fill-in stem: a run of four or more '_' (ASCII) or "{{id}}" (as
// bank::CheckItemShape counts them).
struct BlankMarker {
  std::size_t pos = 0;   // byte offset in the stem
  std::size_t size = 0;  // bytes
  std::string text;      // the marker as written ("____", "{{2}}")
};
std::vector<BlankMarker> FindBlankMarkers(std::string_view stem);

// ---- Numbers, ids, text ---------------------------------------------------------------------

// Shortest text that parses back to the same double ("1", "0.5", "2.25"); "-0" never appears.
std::string FormatNumber(double v);
// A finite decimal number ("1", "0.5", "-2", "1e-3"); surrounding whitespace allowed. nullopt for
// anything else, including "1,5", "inf", "nan" and "".
std::optional<double> ParseNumber(std::string_view text);

// Item ids: 1–64 characters from [A-Za-z0-9._-], starting with a letter or digit.
bool IsValidItemId(std::string_view id);

// Trims ASCII whitespace, U+3000 (ideographic space) and U+00A0 (no-break space) at both ends.
std::string_view TrimText(std::string_view s);
// "\r\n" and lone "\r" become "\n".
std::string NormaliseNewlines(std::string_view s);

// Splits `text` at any of `separators` (single bytes, or UTF-8 sequences such as "；"); a backslash
// makes the next separator or backslash literal ("a\/b"), and is kept as written before anything
// else ("C:\Users"). Pieces are trimmed; empty pieces are kept only when `keep_empty`.
std::vector<std::string> SplitEscaped(std::string_view text, const std::vector<std::string_view>& separators,
                                      bool keep_empty = false);
// The inverse for one piece: doubles backslashes and escapes every separator in `separators`.
std::string EscapePiece(std::string_view piece, const std::vector<std::string_view>& separators);

// Splits an id list ("a; b，c、d e") at ; ； , ， 、 and whitespace; empty pieces are dropped.
std::vector<std::string> SplitIdList(std::string_view text);
// Splits a free-text list ("模型量化；显存估算") at ; ； and newlines; pieces are trimmed.
std::vector<std::string> SplitTextList(std::string_view text);

}  // namespace kaoping::interop

#endif  // KAOPING_INTEROP_VOCABULARY_H_
