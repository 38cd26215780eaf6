#include "service/standards_import.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

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

// Writes `text` to `dir/file` through a temporary file in the same directory: fsync, then
// link() into place, which fails with EEXIST instead of replacing a file already there.
Status WriteNewFile(const fs::path& dir, const std::string& file, const std::string& text) {
  // Starts with a dot and does not end in .yaml: the loader never picks a leftover up.
  const fs::path tmp = dir / ("." + file + ".import-tmp");
  const fs::path target = dir / file;
  ::unlink(tmp.c_str());  // a leftover of an import that died; imports are serialised
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return WriteFailed(file, "create", errno);
  std::size_t done = 0;
  int err = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      err = errno;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  if (err == 0 && ::fsync(fd) != 0) err = errno;
  ::close(fd);
  if (err != 0) {
    ::unlink(tmp.c_str());
    return WriteFailed(file, "write", err);
  }
  const int linked = ::link(tmp.c_str(), target.c_str());
  const int link_errno = errno;
  ::unlink(tmp.c_str());
  if (linked != 0) {
    if (link_errno == EEXIST) {
      return AlreadyExists("standard.file_exists",
                           "the standards directory already has a file " + file +
                               " that is not loaded; restart the server to load it, or remove it",
                           "标准包目录中已有未加载的文件 " + file + "：请重启服务加载它，或将其移除");
    }
    return WriteFailed(file, "link", link_errno);
  }
  if (int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
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
