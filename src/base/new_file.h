// -----------------------------------------------------------------------------
// File: base/new_file.h
// -----------------------------------------------------------------------------
//
// Creating a file durably without ever replacing one: write a temporary file in the same
// directory, fsync it, link() it into place (which fails with EEXIST instead of overwriting),
// remove the temporary name and fsync the directory. A crash leaves either no file or the whole
// file, and two processes racing to create the same path agree on one winner.
//
// For adapters and services (the issuer key file, imported standard packs); the domain core
// does no I/O and must not call it.

#ifndef KAOPING_BASE_NEW_FILE_H_
#define KAOPING_BASE_NEW_FILE_H_

#include <filesystem>
#include <string_view>

#include <sys/types.h>

namespace kaoping {

struct NewFileOutcome {
  int error = 0;          // 0 = created; EEXIST = `path` already exists; else the failing step's errno
  const char* step = "";  // "create" | "write" | "link" when error ≠ 0
  bool created() const { return error == 0; }
  bool exists() const { return error == EEXIST; }
};

// Writes `text` to `path` through `tmp` (a name in the same directory that nothing else uses;
// a leftover of a dead writer at `tmp` is removed first), created with permission `mode`.
NewFileOutcome CreateNewFile(const std::filesystem::path& path, const std::filesystem::path& tmp,
                             std::string_view text, mode_t mode);

}  // namespace kaoping

#endif  // KAOPING_BASE_NEW_FILE_H_
