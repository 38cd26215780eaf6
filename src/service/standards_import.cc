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

// Writes `text` to `dir/file` as a new file (base/new_file.h): an existing file is never replaced.
Status WriteNewFile(const fs::path& dir, const std::string& file, const std::string& text) {
  // The temporary name starts with a dot and does not end in .yaml: the loader never picks a
  // leftover up. Imports are serialised, so one fixed name suffices.
  const NewFileOutcome out = CreateNewFile(dir / file, dir / ("." + file + ".import-tmp"), text, 0644);
  if (out.exists()) {
    return AlreadyExists("standard.file_exists",
                         "the standards directory already has a file " + file +
                             " that is not loaded; restart the server to load it, or remove it",
                         "标准包目录中已有未加载的文件 " + file + "：请重启服务加载它，或将其移除");
  }
  if (!out.created()) return WriteFailed(file, out.step, out.error);
  return Status();
}

}  // namespace

StandardsImporter::StandardsImporter(StandardsImportDeps deps) : deps_(std::move(deps)) {}

Result<StandardsImportOutcome> StandardsImporter::Import(const Actor& actor, const std::string& yaml,
                                                         const std::string& origin_name,
                                                         const std::string& remote) {
  if (!actor.Has("admin")) {
    return PermissionDenied("access.denied", "only administrators import standard packs",
                            "只有管理员可以导入标准包");
  }
  StandardsImportOutcome out;
  out.validation = standards::ParsePack(yaml, origin_name);
  if (!out.validation.pack) return out;  // the caller shows the diagnostics; nothing changed
  const std::string id = out.validation.pack->id;
  if (id.size() > kMaxIdLength) {
    return InvalidArgument("standard.id_too_long",
                           "the pack id is longer than " + std::to_string(kMaxIdLength) + " characters",
                           "标准包标识超过 " + std::to_string(kMaxIdLength) + " 个字符");
  }

  std::lock_guard<std::mutex> lock(mu_);
  if (deps_.catalog->Find(id)) return AlreadyLoaded(id);
  const std::string file = id + ".yaml";
  std::error_code ec;
  if (!fs::is_directory(deps_.dir, ec)) {
    return WriteFailed(file, "directory " + deps_.dir, ENOENT);
  }
  KP_RETURN_IF_ERROR(WriteNewFile(deps_.dir, file, yaml));
  const fs::path written = fs::path(deps_.dir) / file;
  auto undo_file = [&] { fs::remove(written, ec); };

  Status indexed = deps_.store->ReplaceRequirementIndex(id, IndexRowsFor(*out.validation.pack));
  if (!indexed.ok()) {
    undo_file();
    return indexed;
  }
  const std::string detail = "{\"file\":" + JsonQuote(file) + ",\"origin\":" + JsonQuote(origin_name) +
                             ",\"sha256\":\"" + Sha256Hex(yaml) + "\",\"requirements\":" +
                             std::to_string(out.validation.pack->AllRequirements().size()) + "}";
  Status audited = deps_.audit->Record(actor, "standard.import", "standard:" + id, detail, remote);
  if (!audited.ok()) {
    deps_.store->ReplaceRequirementIndex(id, {}).IgnoreError();
    undo_file();
    return audited;
  }
  auto added = deps_.catalog->Add(std::move(*out.validation.pack));
  out.validation.pack.reset();
  if (!added.ok()) {  // only the importer adds, under mu_: not expected
    deps_.store->ReplaceRequirementIndex(id, {}).IgnoreError();
    undo_file();
    return added.status();
  }
  out.pack = *added;
  out.file = file;
  return out;
}

}  // namespace kaoping::service
