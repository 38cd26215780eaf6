#include "service/standards_import.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include "base/new_file.h"
#include "base/sha256.h"

namespace kaoping::service {

namespace fs = std::filesystem;

namespace {

Status WriteFailed(const std::string& file, const std::string& what, int err) {
  return Unavailable("standard.write_failed",
                     "cannot write " + file + " into the standards directory (" + what + ": " +
                         std::strerror(err) + "); check the directory's permissions and free space",
                     "无法将 " + file + " 写入标准包目录（" + what + "：" + std::strerror(err) +
                         "），请检查目录权限与磁盘空间");
}

Status FileExists(const std::string& file) {
  return AlreadyExists("standard.file_exists",
                       "the standards directory already has a file " + file +
                           " that is not loaded; restart the server to load it, or remove it",
                       "标准包目录中已有未加载的文件 " + file + "：请重启服务加载它，或将其移除");
}

// Writes `text` to `dir/file` as a new file (base/new_file.h): an existing file is never replaced.
Status WriteNewFile(const fs::path& dir, const std::string& file, const std::string& text) {
  // The temporary name starts with a dot and does not end in .yaml: the loader never picks a
  // leftover up. Imports are serialised, so one fixed name suffices.
  const NewFileOutcome out = CreateNewFile(dir / file, dir / ("." + file + ".import-tmp"), text, 0644);
  if (out.exists()) return FileExists(file);
  if (!out.created()) return WriteFailed(file, out.step, out.error);
  return Status();
}

Status ImportDenied() {
  return PermissionDenied("access.denied", "only administrators import standard packs",
                          "只有管理员可以导入标准包");
}

}  // namespace

std::vector<Status> ImportObstacles(const standards::Pack& pack, const StandardsCatalog& catalog,
                                    const std::string& dir) {
  std::vector<Status> out;
  const std::string& id = pack.id;
  if (id.size() > StandardsImporter::kMaxIdLength) {
    const std::string n = std::to_string(StandardsImporter::kMaxIdLength);
    out.push_back(InvalidArgument("standard.id_too_long", "the pack id is longer than " + n + " characters",
                                  "标准包标识超过 " + n + " 个字符"));
    return out;  // no file is named after such an id
  }
  if (catalog.Find(id)) {
    out.push_back(AlreadyLoaded(id));
    return out;  // its file is the loaded pack's (or another name declaring the same id)
  }
  const std::string file = id + ".yaml";
  std::error_code ec;
  if (fs::exists(fs::path(dir) / file, ec)) out.push_back(FileExists(file));
  return out;
}

StandardsImporter::StandardsImporter(StandardsImportDeps deps) : deps_(std::move(deps)) {}

std::vector<Status> StandardsImporter::Obstacles(const standards::Pack& pack) const {
  return ImportObstacles(pack, *deps_.catalog, deps_.dir);
}

Result<StandardsImportOutcome> StandardsImporter::Import(const Actor& actor, const std::string& yaml,
                                                         const std::string& origin_name,
                                                         const std::string& remote) {
  if (!actor.Has("admin")) return ImportDenied();
  return Import(actor, yaml, standards::ParsePack(yaml, origin_name), origin_name, remote);
}

Result<StandardsImportOutcome> StandardsImporter::Import(const Actor& actor, const std::string& yaml,
                                                         standards::ParseOutcome parsed,
                                                         const std::string& origin_name,
                                                         const std::string& remote) {
  if (!actor.Has("admin")) return ImportDenied();
  StandardsImportOutcome out;
  out.validation = std::move(parsed);
  if (!out.validation.pack) return out;  // the caller shows the diagnostics; nothing changed
  const std::string id = out.validation.pack->id;

  std::lock_guard<std::mutex> lock(mu_);
  // Refused for the first obstacle; the file check is repeated atomically when writing.
  std::vector<Status> obstacles = ImportObstacles(*out.validation.pack, *deps_.catalog, deps_.dir);
  if (!obstacles.empty()) return obstacles.front();
  const std::string file = id + ".yaml";
  std::error_code ec;
  if (!fs::is_directory(deps_.dir, ec)) {
    return WriteFailed(file, "directory " + deps_.dir, ENOENT);
  }
  KP_RETURN_IF_ERROR(WriteNewFile(deps_.dir, file, yaml));
  const fs::path written = fs::path(deps_.dir) / file;
  auto undo_file = [&] { fs::remove(written, ec); };

  auto undo_index = [&] {
    if (deps_.store) deps_.store->ReplaceRequirementIndex(id, {}).IgnoreError();
  };
  if (deps_.store) {
    Status indexed = deps_.store->ReplaceRequirementIndex(id, IndexRowsFor(*out.validation.pack));
    if (!indexed.ok()) {
      undo_file();
      return indexed;
    }
  }
  const std::string detail = "{\"file\":" + JsonQuote(file) + ",\"origin\":" + JsonQuote(origin_name) +
                             ",\"sha256\":\"" + Sha256Hex(yaml) + "\",\"requirements\":" +
                             std::to_string(out.validation.pack->AllRequirements().size()) + "}";
  Status audited = deps_.audit->Record(actor, "standard.import", "standard:" + id, detail, remote);
  if (!audited.ok()) {
    undo_index();
    undo_file();
    return audited;
  }
  auto added = deps_.catalog->Add(std::move(*out.validation.pack));
  out.validation.pack.reset();
  if (!added.ok()) {  // only the importer adds, under mu_: not expected
    undo_index();
    undo_file();
    return added.status();
  }
  out.pack = *added;
  out.file = file;
  return out;
}

}  // namespace kaoping::service
