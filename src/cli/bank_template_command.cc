// `kaoping bank template [--format csv|xlsx] --out FILE`: the item-bank import template.

#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "cli/cli.h"
#include "interop/tabular.h"

namespace kaoping::cli {

namespace {

struct TemplateOptions {
  std::string format;  // "", "csv" or "xlsx"
  std::string out;
};

std::string LowerExtension(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  const std::size_t dot = path.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string ext = path.substr(dot + 1);
  for (char& c : ext) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return ext;
}

// The format: --format, else the extension of --out, else CSV for standard output and XLSX
// (which carries the 说明 sheet) for files.
std::string ChooseFormat(const TemplateOptions& o) {
  if (!o.format.empty()) return o.format;
  const std::string ext = LowerExtension(o.out);
  if (ext == "csv" || ext == "xlsx") return ext;
  return o.out == "-" ? "csv" : "xlsx";
}

Status WriteTemplate(const TemplateOptions& o, const std::string& format) {
  if (format == "xlsx") {
    if (o.out == "-") {
      return InvalidArgument("cli.xlsx_to_stdout",
                             "an XLSX template needs --out FILE (use --format csv for stdout)",
                             "XLSX 模板需要用 --out 指定文件（输出到标准输出请用 --format csv）");
    }
    return interop::WriteXlsxTemplate(o.out);
  }
  const std::string csv = interop::WriteCsvTemplate();
  if (o.out == "-") {
    std::cout << csv;
    return std::cout ? Status::Ok()
                     : Internal("cli.stdout", "cannot write to standard output", "无法写入标准输出");
  }
  std::ofstream out(o.out, std::ios::binary | std::ios::trunc);
  if (out) out << csv;
  if (!out) return InvalidArgument("interop.cannot_write", "cannot write " + o.out, "无法写入文件 " + o.out);
  return Status::Ok();
}

}  // namespace

void AddBankTemplateCommand(CLI::App& bank_cmd, CommonOptions* /*common*/, int* exit_code) {
  auto options = std::make_shared<TemplateOptions>();
  CLI::App* cmd = bank_cmd.add_subcommand("template",
                                          "生成题库导入模板（中文表头；XLSX 另含「说明」工作表）\n"
                                          "write the item-bank import template (Chinese headers; XLSX adds a "
                                          "说明 sheet explaining every column)");
  cmd->add_option("--format", options->format, "csv | xlsx（默认取 --out 的扩展名，否则 xlsx）")
      ->check(CLI::IsMember({"csv", "xlsx"}));
  cmd->add_option("--out,-o", options->out,
                  "输出文件；CSV 可用 - 表示标准输出 (output file; - = stdout for CSV)")
      ->required();
  cmd->callback([options, exit_code] {
    const std::string format = ChooseFormat(*options);
    const Status s = WriteTemplate(*options, format);
    if (!s.ok()) {
      *exit_code = ReportError(s);
      return;
    }
    if (options->out != "-") {
      const std::size_t columns = interop::TemplateColumns().size();
      std::cout << "已写入题库导入模板 " << options->out << "（" << (format == "xlsx" ? "XLSX" : "CSV UTF-8")
                << "，" << columns << " 列，第 2 行为示例题"
                << (format == "xlsx" ? "，「说明」工作表解释每一列" : "") << "）\n"
                << "wrote the item-bank import template " << options->out << " (" << columns
                << " columns, row 2 is an example item"
                << (format == "xlsx" ? ", sheet 说明 explains every column" : "") << ")\n";
    }
    *exit_code = 0;
  });
}

}  // namespace kaoping::cli
