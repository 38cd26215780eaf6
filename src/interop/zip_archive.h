// -----------------------------------------------------------------------------
// File: interop/zip_archive.h
// -----------------------------------------------------------------------------
//
// Module-internal: in-memory zip reading and writing over libzip, for XLSX workbooks and QTI
// content packages. Nothing touches the file system: entry names are only looked up inside the
// archive, so "../" in a name cannot escape anywhere.
//
// Reading is defensive: every entry is read with a byte cap (zip bombs), and a declared size is
// never trusted for allocation. A ZipReader is movable, not copyable, and not thread-safe.

#ifndef KAOPING_INTEROP_ZIP_ARCHIVE_H_
#define KAOPING_INTEROP_ZIP_ARCHIVE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.h"

namespace kaoping::interop::internal {

// Upper bound for one unpacked entry (a workbook sheet, a QTI item file).
inline constexpr std::size_t kMaxZipEntryBytes = 64u << 20;

class ZipReader {
 public:
  // INVALID_ARGUMENT "interop.not_zip" when `bytes` is not a readable zip archive.
  static Result<ZipReader> Open(std::string_view bytes);

  ZipReader(ZipReader&&) noexcept;
  ZipReader& operator=(ZipReader&&) noexcept;
  ~ZipReader();

  // Entry names in archive order (directories included, as stored).
  [[nodiscard]] const std::vector<std::string>& names() const { return names_; }
  // Exact name, then a case-insensitive match; "" when absent.
  [[nodiscard]] std::string Find(std::string_view name) const;
  // The entry's bytes. NOT_FOUND "interop.zip_missing_entry"; INVALID_ARGUMENT
  // "interop.too_large" past `max_bytes`; "interop.zip_corrupt" when it cannot be inflated.
  Result<std::string> Read(std::string_view name, std::size_t max_bytes = kMaxZipEntryBytes) const;

 private:
  struct Impl;
  explicit ZipReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::size_t> index_;        // name → entry index
  std::unordered_map<std::string, std::size_t> lower_index_;  // lower-cased name → first entry
};

// Builds a zip in memory. Entries get a fixed modification time (2000-01-01), so the same
// entries give the same bytes.
class ZipWriter {
 public:
  ZipWriter();
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;
  ~ZipWriter();

  // Adds (or replaces) an entry. Errors are reported by Finish().
  void Add(std::string_view name, std::string_view content);
  // The archive. INTERNAL "interop.zip_write" when libzip failed. Call once.
  Result<std::string> Finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Resolves `href` ('/'-separated, may hold "." and "..", %XX escapes when `percent_decode`)
// against `base_dir` ("" or ending in '/'); a leading '/' means the archive root. ".." never
// climbs above the root.
std::string ResolveArchivePath(std::string_view base_dir, std::string_view href, bool percent_decode);
// "a/b/c.xml" → "a/b/"; "c.xml" → "".
std::string ArchiveDirOf(std::string_view path);

}  // namespace kaoping::interop::internal

#endif  // KAOPING_INTEROP_ZIP_ARCHIVE_H_
