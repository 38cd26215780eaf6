#include "interop/zip_archive.h"

#include <cstdlib>
#include <cstring>
#include <ctime>
#include <utility>

#include <zip.h>

namespace kaoping::interop::internal {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Status NotZip(const std::string& detail) {
  return InvalidArgument("interop.not_zip", "not a readable zip archive (" + detail + ")",
                         "不是可读取的 zip 压缩文件（" + detail + "）");
}

}  // namespace

struct ZipReader::Impl {
  std::string bytes;  // The archive; libzip reads it in place, so it lives as long as `archive`.
  zip_t* archive = nullptr;
  ~Impl() {
    if (archive != nullptr) zip_discard(archive);
  }
};

ZipReader::ZipReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ZipReader::ZipReader(ZipReader&&) noexcept = default;
ZipReader& ZipReader::operator=(ZipReader&&) noexcept = default;
ZipReader::~ZipReader() = default;

Result<ZipReader> ZipReader::Open(std::string_view bytes) {
  auto impl = std::make_unique<Impl>();
  impl->bytes.assign(bytes.data(), bytes.size());
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(impl->bytes.data(), impl->bytes.size(), 0, &error);
  if (source == nullptr) {
    std::string detail = zip_error_strerror(&error);
    zip_error_fini(&error);
    return NotZip(detail);
  }
  impl->archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (impl->archive == nullptr) {
    std::string detail = zip_error_strerror(&error);
    zip_error_fini(&error);
    zip_source_free(source);
    return NotZip(detail);
  }
  zip_error_fini(&error);
  ZipReader reader(std::move(impl));
  const zip_int64_t n = zip_get_num_entries(reader.impl_->archive, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* name = zip_get_name(reader.impl_->archive, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_GUESS);
    reader.names_.push_back(name != nullptr ? name : "");
    reader.index_.emplace(reader.names_.back(), static_cast<std::size_t>(i));
    reader.lower_index_.emplace(Lower(reader.names_.back()), static_cast<std::size_t>(i));
  }
  return reader;
}

std::string ZipReader::Find(std::string_view name) const {
  if (auto it = index_.find(std::string(name)); it != index_.end()) return names_[it->second];
  if (auto it = lower_index_.find(Lower(name)); it != lower_index_.end()) return names_[it->second];
  return "";
}

Result<std::string> ZipReader::Read(std::string_view name, std::size_t max_bytes) const {
  const std::string found = Find(name);
  auto it = found.empty() ? index_.end() : index_.find(found);
  if (it == index_.end()) {
    return NotFound("interop.zip_missing_entry", "the archive has no entry " + std::string(name),
                    "压缩包中没有文件 " + std::string(name));
  }
  const auto index = static_cast<zip_uint64_t>(it->second);
  zip_file_t* file = zip_fopen_index(impl_->archive, index, 0);
  if (file == nullptr) {
    return InvalidArgument("interop.zip_corrupt",
                           "cannot open " + found + " in the archive: " + zip_strerror(impl_->archive),
                           "无法读取压缩包中的 " + found + "（文件损坏或已加密）");
  }
  std::string out;
  char buf[64 * 1024];
  while (true) {
    const zip_int64_t got = zip_fread(file, buf, sizeof(buf));
    if (got < 0) {
      std::string detail = zip_file_strerror(file);
      zip_fclose(file);
      return InvalidArgument("interop.zip_corrupt", "cannot inflate " + found + ": " + detail,
                             "无法解压压缩包中的 " + found + "（文件损坏）");
    }
    if (got == 0) break;
    if (out.size() + static_cast<std::size_t>(got) > max_bytes) {
      zip_fclose(file);
      return InvalidArgument("interop.too_large",
                             found + " unpacks to more than " + std::to_string(max_bytes >> 20) + " MiB",
                             found + " 解压后超过 " + std::to_string(max_bytes >> 20) + " MiB");
    }
    out.append(buf, static_cast<std::size_t>(got));
  }
  zip_fclose(file);
  return out;
}

struct ZipWriter::Impl {
  zip_source_t* source = nullptr;
  zip_t* archive = nullptr;
  std::string error;
  std::time_t mtime = FixedTime();
  // 2000-01-01 00:00 local time (zip stores local DOS times): reproducible archives.
  static std::time_t FixedTime() {
    std::tm tm{};
    tm.tm_year = 100;
    tm.tm_mday = 1;
    tm.tm_isdst = -1;
    return std::mktime(&tm);
  }
  ~Impl() {
    if (archive != nullptr) zip_discard(archive);
    if (source != nullptr) zip_source_free(source);
  }
};

ZipWriter::ZipWriter() : impl_(std::make_unique<Impl>()) {
  zip_error_t error;
  zip_error_init(&error);
  impl_->source = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (impl_->source != nullptr) {
    impl_->archive = zip_open_from_source(impl_->source, ZIP_TRUNCATE, &error);
    if (impl_->archive != nullptr) {
      zip_source_keep(impl_->source);  // Survives zip_close so the bytes can be read back.
    } else {
      impl_->error = zip_error_strerror(&error);
    }
  } else {
    impl_->error = zip_error_strerror(&error);
  }
  zip_error_fini(&error);
}

ZipWriter::~ZipWriter() = default;

void ZipWriter::Add(std::string_view name, std::string_view content) {
  if (impl_->archive == nullptr || !impl_->error.empty()) return;
  void* copy = std::malloc(content.empty() ? 1 : content.size());
  if (copy == nullptr) {
    impl_->error = "out of memory";
    return;
  }
  if (!content.empty()) std::memcpy(copy, content.data(), content.size());
  zip_source_t* src = zip_source_buffer(impl_->archive, copy, content.size(), /*freep=*/1);
  if (src == nullptr) {
    std::free(copy);
    impl_->error = zip_strerror(impl_->archive);
    return;
  }
  const std::string n(name);
  const zip_int64_t index = zip_file_add(impl_->archive, n.c_str(), src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
  if (index < 0) {
    zip_source_free(src);
    impl_->error = zip_strerror(impl_->archive);
    return;
  }
  zip_file_set_mtime(impl_->archive, static_cast<zip_uint64_t>(index), impl_->mtime, 0);
}

Result<std::string> ZipWriter::Finish() {
  if (impl_->archive == nullptr || !impl_->error.empty()) {
    return Internal("interop.zip_write", "cannot build the zip archive: " + impl_->error,
                    "无法生成 zip 压缩文件：" + impl_->error);
  }
  if (zip_close(impl_->archive) != 0) {
    std::string detail = zip_strerror(impl_->archive);
    return Internal("interop.zip_write", "cannot build the zip archive: " + detail,
                    "无法生成 zip 压缩文件：" + detail);
  }
  impl_->archive = nullptr;
  zip_source_t* src = impl_->source;
  std::string out;
  if (zip_source_open(src) != 0 || zip_source_seek(src, 0, SEEK_END) != 0) {
    return Internal("interop.zip_write", "cannot read back the zip archive", "无法读取生成的 zip 压缩文件");
  }
  const zip_int64_t size = zip_source_tell(src);
  if (size < 0 || zip_source_seek(src, 0, SEEK_SET) != 0) {
    zip_source_close(src);
    return Internal("interop.zip_write", "cannot read back the zip archive", "无法读取生成的 zip 压缩文件");
  }
  out.resize(static_cast<std::size_t>(size));
  const zip_int64_t got = size > 0 ? zip_source_read(src, out.data(), static_cast<zip_uint64_t>(size)) : 0;
  zip_source_close(src);
  if (got != size) {
    return Internal("interop.zip_write", "cannot read back the zip archive", "无法读取生成的 zip 压缩文件");
  }
  return out;
}

std::string ResolveArchivePath(std::string_view base_dir, std::string_view href, bool percent_decode) {
  std::string h;
  if (percent_decode) {
    auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    for (std::size_t i = 0; i < href.size(); ++i) {
      if (href[i] == '%' && i + 2 < href.size() && hex(href[i + 1]) >= 0 && hex(href[i + 2]) >= 0) {
        h.push_back(static_cast<char>(hex(href[i + 1]) * 16 + hex(href[i + 2])));
        i += 2;
      } else {
        h.push_back(href[i]);
      }
    }
  } else {
    h.assign(href);
  }
  std::string path = (!h.empty() && h.front() == '/') ? h.substr(1) : std::string(base_dir) + h;
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    std::string seg = path.substr(start, slash - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(std::move(seg));
    }
    start = slash + 1;
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string ArchiveDirOf(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash + 1));
}

}  // namespace kaoping::interop::internal
