#include "service/standards_catalog.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

namespace kaoping::service {

namespace fs = std::filesystem;
using standards::Pack;

Result<std::string> ReadTextFile(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    return NotFound("file.not_found", "file not found: " + path, "找不到文件：" + path);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Unavailable("file.unreadable", "cannot read " + path, "无法读取文件：" + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<std::shared_ptr<StandardsCatalog>> StandardsCatalog::Load(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return NotFound("standard.dir_not_found", "standards directory not found: " + dir,
                    "找不到标准包目录：" + dir);
  }
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.is_regular_file() && (e.path().extension() == ".yaml" || e.path().extension() == ".yml")) {
      files.push_back(e.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  auto catalog = std::make_shared<StandardsCatalog>();
  std::string errors_en, errors_zh;
  size_t error_count = 0;
  for (const auto& [path, outcome] : ValidateFiles(files)) {
    if (!outcome.pack) {
      for (const auto& d : outcome.diagnostics) {
        errors_en += "\n" + d.ToString();
        errors_zh += "\n" + d.ToStringZh();
        ++error_count;
      }
      continue;
    }
    const std::string id = outcome.pack->id;
    if (catalog->packs_.count(id)) {
      return AlreadyExists("standard.duplicate_id",
                           path + ": standard id '" + id + "' is already used by another file",
                           path + "：标准标识“" + id + "”已被其他文件使用");
    }
    catalog->packs_.emplace(id, std::move(*outcome.pack));
  }
  if (error_count > 0) {
    return InvalidArgument("standard.invalid_pack",
                           std::to_string(error_count) + " error(s) in standard packs" + errors_en,
                           "标准包中有 " + std::to_string(error_count) + " 处错误" + errors_zh);
  }
  return catalog;
}

std::shared_ptr<StandardsCatalog> StandardsCatalog::FromPacks(std::vector<Pack> packs) {
  auto catalog = std::make_shared<StandardsCatalog>();
  for (auto& p : packs) catalog->packs_.emplace(p.id, std::move(p));
  return catalog;
}

std::vector<std::pair<std::string, standards::ParseOutcome>> StandardsCatalog::ValidateFiles(
    const std::vector<std::string>& paths) {
  std::vector<std::pair<std::string, standards::ParseOutcome>> out;
  for (const auto& path : paths) {
    auto text = ReadTextFile(path);
    standards::ParseOutcome outcome;
    if (!text.ok()) {
      standards::Diagnostic d;
      d.file = path;
      d.message = text.status().message();
      d.message_zh = text.status().message_zh();
      outcome.diagnostics.push_back(d);
    } else {
      outcome = standards::ParsePack(*text, path);
    }
    out.emplace_back(path, std::move(outcome));
  }
  return out;
}

const Pack* StandardsCatalog::Find(const std::string& id) const {
  std::shared_lock lock(mu_);
  auto it = packs_.find(id);
  return it == packs_.end() ? nullptr : &it->second;
}

Result<const Pack*> StandardsCatalog::Get(const std::string& id) const {
  const Pack* p = Find(id);
  if (!p)
    return NotFound("standard.not_found", "no standard with id '" + id + "'", "没有标识为“" + id + "”的标准");
  return p;
}

std::vector<const Pack*> StandardsCatalog::All() const {
  std::shared_lock lock(mu_);
  std::vector<const Pack*> out;
  for (const auto& [id, p] : packs_) out.push_back(&p);
  return out;
}

std::vector<store::RequirementIndexRow> IndexRowsFor(const Pack& pack) {
  std::vector<store::RequirementIndexRow> rows;
  for (const standards::Requirement* q : pack.AllRequirements()) {
    store::RequirementIndexRow r;
    r.standard = pack.id;
    r.path = q->path;
    r.kind = standards::RequirementKindName(q->kind);
    r.level = q->level;
    r.direction = q->direction;
    if (!q->function_name.empty()) {
      r.context = q->function_name + " / " + q->work_content_name;
    } else if (!q->position_id.empty()) {
      const standards::Position* p = pack.FindPosition(q->position_id);
      r.context = p ? p->name : q->position_id;
    } else if (!q->group_id.empty()) {
      for (const auto& b : pack.basic_requirements) {
        for (const auto& g : b.groups) {
          if (g.id == q->group_id) r.context = b.name + " / " + g.name;
        }
      }
    }
    r.text = q->text;
    rows.push_back(std::move(r));
  }
  return rows;
}

Status StandardsCatalog::IndexInto(store::Store& store) const {
  // The packs are never erased, so the pointers outlive the lock: the store is written without
  // holding it (an import may Add meanwhile; it indexes its own pack).
  for (const Pack* p : All()) {
    KP_RETURN_IF_ERROR(store.ReplaceRequirementIndex(p->id, IndexRowsFor(*p)));
  }
  return Status();
}

Status AlreadyLoaded(const std::string& id) {
  return AlreadyExists("standard.already_loaded",
                       "a standard with id '" + id +
                           "' is already loaded; replacing a loaded standard is not supported while plans "
                           "may depend on it (packs are append-only while the server runs: give the new "
                           "pack another id, or edit the file and restart the server)",
                       "标识为“" + id +
                           "”的标准已加载；考试计划可能依赖已加载的标准，运行期间不支持替换（标准包只增不改："
                           "请为新标准包使用另一个标识，或修改文件后重启服务）");
}

Result<const Pack*> StandardsCatalog::Add(Pack pack) {
  std::unique_lock lock(mu_);
  if (packs_.count(pack.id)) return AlreadyLoaded(pack.id);
  std::string id = pack.id;
  auto it = packs_.emplace(std::move(id), std::move(pack)).first;
  return &it->second;
}

}  // namespace kaoping::service
