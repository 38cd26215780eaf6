// -----------------------------------------------------------------------------
// File: http/static_files.h
// -----------------------------------------------------------------------------
//
// Serves the built web UI (a Vite `dist/` directory) as the router's fallback:
//
//   http::StaticFiles ui("web/dist");
//   ui.Mount(router);   // every GET/HEAD that no API route matches
//
//   * content types by extension (html, js, mjs, css, json, svg, png, jpg, ico, woff2, …);
//   * strong ETag from size and mtime; If-None-Match → 304;
//   * Cache-Control "public, max-age=31536000, immutable" under /assets/ (hashed names),
//     "no-cache" for everything else, including index.html;
//   * SPA fallback: a path whose last segment has no extension, not under /api/ or /assets/,
//     that names no file gets index.html (client-side routing); under an `app_prefixes` entry
//     (/verify/, the certificate verification page the PDF's QR code opens) even a last segment
//     with a dot does;
//   * `server_prefixes` (/credentials/, the published status lists) belong to server routes:
//     an unknown path there is a 404 problem, never index.html;
//   * path traversal ("..", "%2e%2e", encoded slashes leading to "..", backslashes, NUL,
//     "//x" absolute paths) → 400; hidden files (".env") and anything resolving outside the
//     root (symlinks) → 404;
//   * a missing root directory serves nothing: every request gets a 404 problem.
//
// Thread safety: immutable after construction; Serve may be called concurrently. Files are read
// on every request (the OS page cache makes that cheap) so a rebuilt UI is picked up at once.
// Failure behaviour: returns problem responses, never throws.

#ifndef KAOPING_HTTP_STATIC_FILES_H_
#define KAOPING_HTTP_STATIC_FILES_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace kaoping::http {

class Router;

struct StaticFilesOptions {
  std::filesystem::path root;
  std::string index = "index.html";
  std::string assets_prefix = "/assets/";
  std::string api_prefix = "/api/";
  // Other prefixes only server routes answer (never the UI's index.html).
  std::vector<std::string> server_prefixes = {"/credentials/"};
  // Client-side routes whose last segment may contain a dot: always index.html.
  std::vector<std::string> app_prefixes = {"/verify/"};
  // Larger files are refused with a 500 problem rather than read into memory.
  std::uint64_t max_file_bytes = 64ull * 1024 * 1024;
};

class StaticFiles {
 public:
  explicit StaticFiles(StaticFilesOptions options);
  // Default options with this root.
  explicit StaticFiles(std::filesystem::path root);

  // True when the root directory existed at construction.
  [[nodiscard]] bool available() const { return !canonical_root_.empty(); }

  // Answers a GET or HEAD for request.path (other methods → 405 with Allow: GET, HEAD).
  [[nodiscard]] Response Serve(const Request& request) const;

  // Installs Serve as the router's fallback (route label "static"), excluding api_prefix.
  void Mount(Router& router) const;

 private:
  Response ServeFile(const Request& request, const std::filesystem::path& file,
                     std::string_view cache_control) const;

  StaticFilesOptions options_;
  std::filesystem::path canonical_root_;  // Empty when the root is missing.
};

// "text/html; charset=utf-8" for ".html" etc.; "application/octet-stream" when unknown.
std::string_view ContentTypeForExtension(std::string_view extension);

// True when an If-None-Match header value matches `etag` (weak comparison, "*" matches all).
bool IfNoneMatchMatches(std::string_view if_none_match, std::string_view etag);

}  // namespace kaoping::http

#endif  // KAOPING_HTTP_STATIC_FILES_H_
