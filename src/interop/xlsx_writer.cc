// XLSX writing with libxlsxwriter (Debian's libxlsxwriter-dev): sheet 题目 with the template
// columns and one row per item, sheet 说明 explaining every column.
//
// Why libxlsxwriter rather than hand-built OOXML: it produces workbooks Excel and WPS open without
// repair prompts, and gives the template what makes it usable by hand — drop-down lists for
// 题型 / 考试类型 / 状态, text-formatted columns (Excel would otherwise turn "001" into 1 and
// "1/2" into a date), a frozen header row and column widths. Debian 12 ships 1.1.4, which writes
// only to files (the memory-buffer option came in 1.1.5), so bytes are produced through a private
// temporary directory that is always removed. Reading stays on libzip + pugixml
// (xlsx_reader.cc); libxlsxwriter cannot read.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

#include <xlsxwriter.h>

#include "interop/sheet.h"
#include "interop/tabular.h"

namespace kaoping::interop {

namespace {

namespace fs = std::filesystem;

// A private temporary directory, removed on destruction.
class TempDir {
 public:
  TempDir() {
    std::error_code ec;
    fs::path base = fs::temp_directory_path(ec);
    if (ec) base = "/tmp";
    std::string pattern = (base / "kaoping-xlsx-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    if (!path_.empty()) {
      std::error_code ec;
      fs::remove_all(path_, ec);
    }
  }
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

Status XlsxError(const std::string& what, lxw_error err) {
  const std::string detail = lxw_strerror(err);
  return Internal("interop.xlsx_write", "cannot write the XLSX workbook (" + what + "): " + detail,
                  "无法生成 XLSX 工作簿（" + what + "）：" + detail);
}

double ColumnWidth(const std::string& header) {
  if (header == "题干" || header == "评分要点" || header == "参考答案" || header == "解析" ||
      header == "实操说明")
    return 40;
  if (header.rfind("选项", 0) == 0) return 22;
  if (header == "要求编号") return 30;
  if (header == "题目编号" || header == "标准" || header == "填空答案" || header == "难度") return 18;
  return 11;
}

// Writes the workbook to `path`. `rows` are data rows in template column order.
Status WriteWorkbook(const std::string& path, const std::string& tmpdir,
                     const std::vector<std::vector<std::string>>& rows) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  options.tmpdir = tmpdir.empty() ? nullptr : const_cast<char*>(tmpdir.c_str());
  options.use_zip64 = LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (wb == nullptr) {
    return Internal("interop.xlsx_write", "cannot create the XLSX workbook " + path,
                    "无法创建 XLSX 工作簿 " + path);
  }
  lxw_doc_properties props{};
  props.title = const_cast<char*>("kaoping 题库导入模板");
  props.subject = const_cast<char*>("kaoping item bank");
  props.author = const_cast<char*>("kaoping");
  props.comments = const_cast<char*>("docs/interop-items.md");
  workbook_set_properties(wb, &props);

  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");
  format_set_align(text, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* head_required = workbook_add_format(wb);
  format_set_bold(head_required);
  format_set_num_format(head_required, "@");
  format_set_bg_color(head_required, 0xFCE4D6);
  format_set_font_color(head_required, 0xC00000);
  format_set_border(head_required, LXW_BORDER_THIN);
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_num_format(head, "@");
  format_set_bg_color(head, 0xDDEBF7);
  format_set_border(head, LXW_BORDER_THIN);
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);
  format_set_num_format(wrap, "@");
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);

  const std::vector<TemplateColumn>& columns = TemplateColumns();
  lxw_worksheet* ws = workbook_add_worksheet(wb, "题目");
  lxw_worksheet* guide = workbook_add_worksheet(wb, "说明");
  if (ws == nullptr || guide == nullptr) {
    workbook_close(wb);
    return Internal("interop.xlsx_write", "cannot add worksheets", "无法添加工作表");
  }
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(ws, col, col, ColumnWidth(columns[c].header), text);
    worksheet_write_string(ws, 0, col, columns[c].header.c_str(), columns[c].required ? head_required : head);
  }
  worksheet_freeze_panes(ws, 1, 0);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].size() && c < columns.size(); ++c) {
      if (rows[r][c].empty()) continue;
      const lxw_error err = worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1),
                                                   static_cast<lxw_col_t>(c), rows[r][c].c_str(), text);
      if (err == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
        workbook_close(wb);
        const std::string cell = ColumnLetters(static_cast<int>(c)) + std::to_string(r + 2);
        return InvalidArgument(
            "interop.not_representable",
            "cell " + cell + " (" + columns[c].header + ") is longer than Excel's 32767 characters",
            "单元格 " + cell + "（" + columns[c].header + "）超过 Excel 的 32767 个字符上限");
      }
      if (err != LXW_NO_ERROR) {
        workbook_close(wb);
        return XlsxError("row " + std::to_string(r + 2), err);
      }
    }
  }

  // Drop-down lists. Warnings rather than stops: the importer also accepts spellings such as
  // "单选题" or "单项选择题", which a person may type.
  auto add_list = [&](const std::string& header, std::vector<const char*> values, const char* title,
                      const char* message) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (columns[c].header != header) continue;
      std::vector<char*> list;
      for (const char* v : values) list.push_back(const_cast<char*>(v));
      list.push_back(nullptr);
      lxw_data_validation dv{};
      dv.validate = LXW_VALIDATION_TYPE_LIST;
      dv.value_list = list.data();
      dv.ignore_blank = LXW_VALIDATION_ON;
      dv.show_input = LXW_VALIDATION_ON;
      dv.show_error = LXW_VALIDATION_ON;
      dv.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
      dv.input_title = const_cast<char*>(title);
      dv.input_message = const_cast<char*>(message);
      const auto col = static_cast<lxw_col_t>(c);
      worksheet_data_validation_range(ws, 1, col, LXW_ROW_MAX - 1, col, &dv);
    }
  };
  add_list("题型", {"单选", "多选", "判断", "填空", "简答", "实操"}, "题型",
           "单选、多选、判断、填空、简答 或 实操");
  add_list("考试类型", {"理论", "技能"}, "考试类型", "理论 或 技能");
  add_list("状态", {"草稿", "审核中", "已审核", "已停用"}, "状态", "留空为草稿");

  // 说明 sheet.
  worksheet_set_column(guide, 0, 0, 6, wrap);
  worksheet_set_column(guide, 1, 1, 12, wrap);
  worksheet_set_column(guide, 2, 2, 8, wrap);
  worksheet_set_column(guide, 3, 3, 80, wrap);
  worksheet_set_column(guide, 4, 4, 36, wrap);
  const char* guide_headers[] = {"列", "列名", "必填", "说明", "示例"};
  for (int c = 0; c < 5; ++c)
    worksheet_write_string(guide, 0, static_cast<lxw_col_t>(c), guide_headers[c], head);
  worksheet_freeze_panes(guide, 1, 0);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const auto r = static_cast<lxw_row_t>(c + 1);
    worksheet_write_string(guide, r, 0, ColumnLetters(static_cast<int>(c)).c_str(), wrap);
    worksheet_write_string(guide, r, 1, columns[c].header.c_str(),
                           columns[c].required ? head_required : wrap);
    worksheet_write_string(guide, r, 2, columns[c].required ? "是" : "", wrap);
    worksheet_write_string(guide, r, 3, columns[c].help_zh.c_str(), wrap);
    if (!columns[c].example.empty()) worksheet_write_string(guide, r, 4, columns[c].example.c_str(), wrap);
  }
  const char* notes[] = {
      "填写方法：在「题目」工作表中每行填写一道题，第 1 行是列名，请勿修改列名；第 2 "
      "行是示例题，导入前请删除或改写。",
      "列可以调换顺序，不需要的可选列可以删除；名为「备注」或以 # 开头的列在导入时会被忽略。",
      "导入时会检查所有行：只要有一处错误，整个文件都不会导入，并列出每处错误所在的行号、列号和原因；改正后重"
      "新导入即可。",
      "另存为 CSV 时请选择「CSV UTF-8（逗号分隔）」；其他编码（如 GBK）的 CSV 会被拒绝。",
      ("各题型需要的列：单选/多选——选项A 起的选项与正确答案；判断——正确答案（正确/错误）；"
       "填空——题干中的空位标记与填空答案；简答——评分要点与参考答案；实操——实操说明与评分要点。"),
  };
  lxw_row_t r = static_cast<lxw_row_t>(columns.size() + 2);
  for (const char* note : notes) worksheet_write_string(guide, r++, 3, note, wrap);

  const lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return XlsxError(path, err);
  return Status::Ok();
}

Result<std::string> WorkbookBytes(const std::vector<std::vector<std::string>>& rows) {
  TempDir dir;
  if (dir.path().empty()) {
    return Internal("interop.xlsx_write", "cannot create a temporary directory", "无法创建临时目录");
  }
  const std::string path = (dir.path() / "items.xlsx").string();
  KP_RETURN_IF_ERROR(WriteWorkbook(path, dir.path().string(), rows));
  std::ifstream in(path, std::ios::binary);
  if (!in) return Internal("interop.xlsx_write", "cannot read back " + path, "无法读取生成的工作簿");
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

Result<std::vector<std::vector<std::string>>> Rows(const std::vector<bank::Item>& items) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(items.size());
  for (const bank::Item& item : items) {
    KP_ASSIGN_OR_RETURN(std::vector<std::string> cells, internal::ItemToCells(item));
    rows.push_back(std::move(cells));
  }
  return rows;
}

}  // namespace

Result<std::string> WriteXlsx(const std::vector<bank::Item>& items) {
  KP_ASSIGN_OR_RETURN(auto rows, Rows(items));
  return WorkbookBytes(rows);
}

Result<std::string> XlsxTemplateBytes() {
  return WriteXlsx({TemplateExampleItem()});
}

Status WriteXlsxTemplate(const std::string& path) {
  KP_ASSIGN_OR_RETURN(std::string bytes, XlsxTemplateBytes());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (out) out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) {
    return InvalidArgument("interop.cannot_write", "cannot write " + path, "无法写入文件 " + path);
  }
  return Status::Ok();
}

}  // namespace kaoping::interop
