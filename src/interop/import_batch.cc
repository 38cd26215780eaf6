#include "interop/import_batch.h"

namespace kaoping::interop {

std::string RowError::WhereZh() const {
  std::string s;
  if (!file.empty()) s = file;
  if (row > 0) s += (s.empty() ? "" : " ") + std::string("第 ") + std::to_string(row) + " 行";
  if (!column.empty()) {
    s += " " + column + " 列";
    if (!header.empty()) s += "（" + header + "）";
  } else if (!header.empty()) {
    s += "（" + header + "）";
  }
  return s;
}

std::string RowError::WhereEn() const {
  std::string s;
  if (!file.empty()) s = file;
  if (row > 0) s += (s.empty() ? "" : ", ") + std::string("row ") + std::to_string(row);
  if (!column.empty()) {
    s += ", column " + column;
    if (!header.empty()) s += " (" + header + ")";
  } else if (!header.empty()) {
    s += (s.empty() ? "" : " ") + std::string("(") + header + ")";
  }
  return s;
}

Status BatchStatus(const ImportBatch& batch, std::size_t max_listed) {
  if (batch.errors.empty()) return Status::Ok();
  const std::string n = std::to_string(batch.errors.size());
  std::string zh = "导入失败：发现 " + n + " 处错误，没有导入任何题目。";
  std::string en = "import failed: " + n + " problem(s) found; no item was imported.";
  for (std::size_t i = 0; i < batch.errors.size() && i < max_listed; ++i) {
    const RowError& e = batch.errors[i];
    zh += "\n  " + e.WhereZh() + "：" + e.reason_zh;
    en += "\n  " + e.WhereEn() + ": " + e.reason_en;
  }
  if (batch.errors.size() > max_listed) {
    const std::string more = std::to_string(batch.errors.size() - max_listed);
    zh += "\n  ……另有 " + more + " 处";
    en += "\n  … and " + more + " more";
  }
  return InvalidArgument("interop.import_failed", std::move(en), std::move(zh));
}

std::vector<bank::RowProblem> ToRowProblems(const std::vector<RowError>& errors) {
  std::vector<bank::RowProblem> out;
  out.reserve(errors.size());
  for (const RowError& e : errors) {
    bank::RowProblem p;
    p.row = e.row;
    p.item_id = e.item_id;
    if (!e.file.empty()) {
      p.field = e.file + (e.header.empty() ? "" : " " + e.header);
    } else {
      p.field = e.header;
      if (!e.column.empty()) p.field += (p.field.empty() ? "" : " ") + std::string("[") + e.column + "]";
    }
    p.reason = e.reason;
    p.message = e.reason_en;
    p.message_zh = e.reason_zh;
    out.push_back(std::move(p));
  }
  return out;
}

std::string ColumnLetters(int index) {
  if (index < 0) return "";
  std::string out;
  int n = index + 1;
  while (n > 0) {
    const int rem = (n - 1) % 26;
    out.insert(out.begin(), static_cast<char>('A' + rem));
    n = (n - 1) / 26;
  }
  return out;
}

}  // namespace kaoping::interop
