#include "cli/response_csv.h"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kaoping::cli {

namespace psy = kaoping::psychometrics;

namespace {

bool IsMissing(const std::string& s) {
  return s.empty() || s == "NA" || s == "na" || s == "." || s == "N/A";
}

Result<int> ParseScore(const std::string& file, const CsvCell& cell) {
  const std::string& s = cell.text;
  bool ok = !s.empty() && s.size() <= 3;
  for (char c : s) ok = ok && std::isdigit(static_cast<unsigned char>(c));
  const int v = ok ? std::stoi(s) : 0;
  if (!ok || v > 100) {
    return CsvError(file, cell.line, cell.column,
                    "'" + s + "' is not a score (expected an integer 0..100, or empty/NA for missing)",
                    "'" + s + "' 不是分数（应为 0..100 的整数，缺失可留空或写 NA）");
  }
  return v;
}

bool IsLetter(const std::string& s) {
  return s.size() == 1 && std::isalpha(static_cast<unsigned char>(s[0]));
}

int LetterIndex(char c) {
  return std::toupper(static_cast<unsigned char>(c)) - 'A';
}

}  // namespace

Status CsvError(const std::string& file, int line, int column, const std::string& en, const std::string& zh) {
  const std::string where = file + ":" + std::to_string(line) + ":" + std::to_string(column);
  return InvalidArgument("cli.bad_csv", where + ": " + en, where + "：" + zh);
}

Result<std::vector<CsvRow>> ParseCliCsv(const std::string& file, std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  interop::CsvTokenizerOptions options;
  options.detect_tabs = false;
  options.strict_quotes = true;
  options.trim_unquoted = true;
  options.skip_blank_records = true;
  interop::CsvTokens tokens = interop::TokenizeCsv(text, options);
  if (tokens.error) {
    const interop::CsvSyntaxError& e = *tokens.error;
    switch (e.problem) {
      case interop::CsvSyntaxProblem::kQuoteInUnquotedField:
        return CsvError(file, e.line, e.column, "quote inside an unquoted cell",
                        "未加引号的单元格中出现引号");
      case interop::CsvSyntaxProblem::kTextAfterClosingQuote:
        return CsvError(file, e.line, e.column, "text after a closing quote", "右引号后还有文字");
      case interop::CsvSyntaxProblem::kUnclosedQuote:
        return CsvError(file, e.line, e.column, "unterminated quoted cell", "引号未闭合");
    }
  }
  if (tokens.records.empty()) return CsvError(file, 1, 1, "the file is empty", "文件为空");
  std::vector<CsvRow> rows;
  rows.reserve(tokens.records.size());
  for (interop::CsvRecord& record : tokens.records) rows.push_back(std::move(record.fields));
  return rows;
}

Result<ResponseCsv> ReadResponseCsv(const std::string& file, std::string_view text,
                                    const ResponseCsvOptions& ro) {
  KP_ASSIGN_OR_RETURN(std::vector<CsvRow> rows, ParseCliCsv(file, text));
  const CsvRow& header = rows[0];
  int skip = -1;
  std::vector<std::string> ids;
  std::vector<int> col_of_item;
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (!ro.id_column.empty() && header[c].text == ro.id_column) {
      skip = static_cast<int>(c);
      continue;
    }
    if (header[c].text.empty()) {
      return CsvError(file, header[c].line, header[c].column, "empty item id in the header",
                      "表头中有空的题目编号");
    }
    if (std::find(ids.begin(), ids.end(), header[c].text) != ids.end()) {
      return CsvError(file, header[c].line, header[c].column, "duplicate item id '" + header[c].text + "'",
                      "题目编号“" + header[c].text + "”重复");
    }
    ids.push_back(header[c].text);
    col_of_item.push_back(static_cast<int>(c));
  }
  if (!ro.id_column.empty() && skip < 0) {
    return CsvError(file, 1, 1, "no column named '" + ro.id_column + "' (from --id-column)",
                    "没有名为“" + ro.id_column + "”的列（--id-column 指定）");
  }
  if (ids.empty()) return CsvError(file, 1, 1, "the header names no items", "表头中没有题目编号");
  const std::size_t ni = ids.size();
  const bool with_key = !ro.keys.empty();
  if (with_key && ro.keys.size() != ni) {
    return InvalidArgument("cli.bad_key",
                           "--key lists " + std::to_string(ro.keys.size()) + " keys but " + file + " has " +
                               std::to_string(ni) + " items",
                           "--key 的答案数与题目数不一致");
  }
  psy::ChoiceResponses ch;
  std::vector<int> key_index(ni, -1);
  if (with_key) {
    for (std::size_t i = 0; i < ni; ++i) {
      const std::string& k = ro.keys[i];
      if (k == "-") continue;
      if (!IsLetter(k)) {
        return InvalidArgument("cli.bad_key",
                               "--key entry '" + k + "' for item '" + ids[i] + "' is not a letter or -",
                               "--key 中的“" + k + "”不是字母或 -");
      }
      key_index[i] = LetterIndex(k[0]);
    }
    ch.keys.assign(ni, 0);
    ch.options.assign(ni, 0);
    for (std::size_t i = 0; i < ni; ++i) {
      if (key_index[i] < 0) continue;
      if (ro.num_options > 0 && key_index[i] >= ro.num_options) {
        return InvalidArgument("cli.bad_key",
                               "key '" + ro.keys[i] + "' of item '" + ids[i] + "' is beyond --options",
                               "题目“" + ids[i] + "”的答案超出 --options 范围");
      }
      ch.options[i] = ro.num_options > 0 ? ro.num_options : key_index[i] + 1;
    }
  }
  std::vector<int> scores;
  scores.reserve((rows.size() - 1) * ni);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    if (row.size() != header.size()) {
      const CsvCell& last = row.back();
      return CsvError(file, row.front().line,
                      row.size() > header.size() ? row[header.size()].column : last.column,
                      "row has " + std::to_string(row.size()) + " cells but the header has " +
                          std::to_string(header.size()),
                      "此行有 " + std::to_string(row.size()) + " 个单元格，但表头有 " +
                          std::to_string(header.size()) + " 个");
    }
    for (std::size_t i = 0; i < ni; ++i) {
      const CsvCell& cell = row[col_of_item[i]];
      if (IsMissing(cell.text)) {
        scores.push_back(psy::kMissing);
        if (with_key) ch.choices.push_back(psy::kMissing);
        continue;
      }
      if (with_key && key_index[i] >= 0) {
        const std::string& t = cell.text;
        if (!IsLetter(t)) {
          return CsvError(file, cell.line, cell.column,
                          "'" + t + "' is not an option letter (item '" + ids[i] + "')",
                          "“" + t + "”不是选项字母（题目“" + ids[i] + "”）");
        }
        const int opt = LetterIndex(t[0]);
        if (ro.num_options > 0 && opt >= ro.num_options) {
          return CsvError(
              file, cell.line, cell.column,
              "option '" + t + "' is beyond the " + std::to_string(ro.num_options) + " options (--options)",
              "选项“" + t + "”超出了 " + std::to_string(ro.num_options) + " 个选项的范围（--options）");
        }
        ch.choices.push_back(opt);
        ch.options[i] = std::max(ch.options[i], opt + 1);
        scores.push_back(opt == key_index[i] ? 1 : 0);
        continue;
      }
      KP_ASSIGN_OR_RETURN(int v, ParseScore(file, cell));
      scores.push_back(v);
      if (with_key) ch.choices.push_back(psy::kMissing);
    }
  }
  if (rows.size() < 2) {
    return CsvError(file, 2, 1, "no response rows after the header", "表头之后没有作答行");
  }
  KP_ASSIGN_OR_RETURN(psy::ResponseMatrix m, psy::ResponseMatrix::Create(ids, std::move(scores)));
  ResponseCsv out;
  out.matrix = std::move(m);
  if (with_key) {
    for (std::size_t i = 0; i < ni; ++i) {
      if (key_index[i] >= 0) ch.keys[i] = key_index[i];
    }
    out.choices = std::move(ch);
  }
  return out;
}

}  // namespace kaoping::cli
