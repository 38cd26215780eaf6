#include "interop/csv_tokenizer.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace kaoping::interop {

namespace {

bool IsBlank(char c) {
  return c == ' ' || c == '\t';
}

// Walks `text` byte by byte and knows the physical line and column of the current byte.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool AtEnd() const { return i_ >= text_.size(); }
  char Peek(std::size_t ahead = 0) const { return i_ + ahead < text_.size() ? text_[i_ + ahead] : '\0'; }
  bool HasAhead(std::size_t ahead) const { return i_ + ahead < text_.size(); }
  int line() const { return line_; }
  int column() const { return static_cast<int>(i_ - line_start_) + 1; }
  std::size_t offset() const { return i_; }

  // Consumes one byte, counting CRLF, LF and CR as one line break each.
  void Advance() {
    const char c = text_[i_++];
    if (c == '\n' || (c == '\r' && (i_ >= text_.size() || text_[i_] != '\n'))) {
      ++line_;
      line_start_ = i_;
    }
  }

 private:
  std::string_view text_;
  std::size_t i_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
};

}  // namespace

CsvTokens TokenizeCsv(std::string_view text, const CsvTokenizerOptions& options) {
  CsvTokens out;
  char delim = ',';
  if (options.detect_tabs) {
    const std::string_view first = text.substr(0, text.find_first_of("\r\n"));
    if (first.find(',') == std::string_view::npos && first.find('\t') != std::string_view::npos) delim = '\t';
  }
  const auto ends_field = [&](char c) { return c == delim || c == '\n' || c == '\r'; };
  Cursor at(text);
  int record_number = 0;
  while (!at.AtEnd()) {
    CsvRecord record;
    record.number = ++record_number;
    const auto fail = [&](CsvSyntaxProblem problem, int index, int line, int column, int quote_line) {
      out.error = CsvSyntaxError{problem, record.number, index, line, column, quote_line};
      return std::move(out);
    };
    bool end_of_record = false;
    while (!end_of_record) {
      CsvToken field;
      field.index = static_cast<int>(record.fields.size());
      field.line = at.line();
      field.column = at.column();
      std::size_t blanks = 0;
      if (options.trim_unquoted) {
        while (at.HasAhead(blanks) && IsBlank(at.Peek(blanks))) ++blanks;
      }
      if (at.HasAhead(blanks) && at.Peek(blanks) == '"') {
        for (std::size_t k = 0; k < blanks; ++k) at.Advance();
        field.quoted = true;
        const int quote_line = at.line();
        at.Advance();
        bool closed = false;
        while (!at.AtEnd()) {
          if (at.Peek() == '"') {
            if (at.HasAhead(1) && at.Peek(1) == '"') {
              field.text.push_back('"');
              at.Advance();
              at.Advance();
              continue;
            }
            at.Advance();
            closed = true;
            break;
          }
          field.text.push_back(at.Peek());
          at.Advance();
        }
        if (!closed) {
          // Nothing after it can be read as records.
          return fail(CsvSyntaxProblem::kUnclosedQuote, field.index, field.line, field.column, quote_line);
        }
        if (options.strict_quotes) {
          while (!at.AtEnd() && IsBlank(at.Peek())) at.Advance();
          if (!at.AtEnd() && !ends_field(at.Peek())) {
            return fail(CsvSyntaxProblem::kTextAfterClosingQuote, field.index, at.line(), at.column(), 0);
          }
        } else {
          // Text after the closing quote is kept (Excel does the same).
          while (!at.AtEnd() && !ends_field(at.Peek())) {
            field.text.push_back(at.Peek());
            at.Advance();
          }
        }
      } else {
        while (!at.AtEnd() && !ends_field(at.Peek())) {
          if (options.strict_quotes && at.Peek() == '"') {
            return fail(CsvSyntaxProblem::kQuoteInUnquotedField, field.index, at.line(), at.column(), 0);
          }
          field.text.push_back(at.Peek());
          at.Advance();
        }
        if (options.trim_unquoted) {
          const std::size_t b = field.text.find_first_not_of(" \t");
          const std::size_t e = field.text.find_last_not_of(" \t");
          field.text = b == std::string::npos ? std::string() : field.text.substr(b, e - b + 1);
        }
      }
      record.fields.push_back(std::move(field));
      if (at.AtEnd()) {
        end_of_record = true;
      } else if (at.Peek() == delim) {
        at.Advance();
      } else {
        // Line end: CRLF, LF or CR.
        if (at.Peek() == '\r' && at.HasAhead(1) && at.Peek(1) == '\n') at.Advance();
        at.Advance();
        end_of_record = true;
      }
    }
    const bool blank = record.fields.size() == 1 && record.fields[0].text.empty();
    if (!(options.skip_blank_records && blank)) out.records.push_back(std::move(record));
  }
  return out;
}

}  // namespace kaoping::interop
