#include "http/static_files.h"

#include <fstream>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <sys/stat.h>

#include "http/problem.h"
#include "http/router.h"
#include "http/url.h"

namespace kaoping::http {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kNoCache = "no-cache";

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string_view StripWeak(std::string_view tag) {
  if (tag.size() >= 2 && tag[0] == 'W' && tag[1] == '/') tag.remove_prefix(2);
  return tag;
}

Status TraversalError() {
  return BadRequestError("the path is not allowed", "不允许访问该路径");
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// True when `child` (canonical) is inside `root` (canonical).
bool IsWithin(const fs::path& root, const fs::path& child) {
  auto r = root.begin();
  auto c = child.begin();
  for (; r != root.end(); ++r, ++c) {
    if (c == child.end() || *r != *c) return false;
  }
  return true;
}

}  // namespace

std::string_view ContentTypeForExtension(std::string_view ext) {
  struct Entry {
    std::string_view ext;
    std::string_view type;
  };
  static constexpr Entry kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".avif", "image/avif"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".ttf", "font/ttf"},
      {".otf", "font/otf"},
      {".txt", "text/plain; charset=utf-8"},
      {".xml", "application/xml"},
      {".pdf", "application/pdf"},
      {".wasm", "application/wasm"},
  };
  for (const Entry& e : kTypes) {
    if (EqualsIgnoreCase(e.ext, ext)) return e.type;
  }
  return "application/octet-stream";
}

bool IfNoneMatchMatches(std::string_view header, std::string_view etag) {
  if (Trim(header) == "*") return true;
  etag = StripWeak(etag);
  while (!header.empty()) {
    std::size_t comma = header.find(',');
    std::string_view tag = Trim(header.substr(0, comma));
    if (!tag.empty() && StripWeak(tag) == etag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

StaticFiles::StaticFiles(StaticFilesOptions options) : options_(std::move(options)) {
  std::error_code ec;
  fs::path canonical = fs::canonical(options_.root, ec);
  if (!ec && fs::is_directory(canonical, ec) && !ec) canonical_root_ = std::move(canonical);
}

StaticFiles::StaticFiles(std::filesystem::path root)
    : StaticFiles([&root] {
        StaticFilesOptions o;
        o.root = std::move(root);
        return o;
      }()) {}

void StaticFiles::Mount(Router& router) const {
  StaticFiles self = *this;
  FallbackOptions fallback;
  fallback.name = "static";
  fallback.excluded_prefixes = {options_.api_prefix};
  for (const auto& p : options_.server_prefixes) fallback.excluded_prefixes.push_back(p);
  router.SetFallback([self = std::move(self)](const Request& req) { return self.Serve(req); },
                     std::move(fallback));
}

Response StaticFiles::Serve(const Request& request) const {
  // Validate the path before anything else, so traversal attempts get the same answer whether or
  // not the directory exists.
  Result<std::string> decoded = PercentDecode(request.path);
  if (!decoded.ok()) return Response::Problem(decoded.status(), request.request_id);
  const std::string& path = *decoded;
  if (path.empty() || path.front() != '/' || path.find('\\') != std::string::npos) {
    return Response::Problem(TraversalError(), request.request_id);
  }
  std::vector<std::string_view> segments;
  {
    std::string_view rest = std::string_view{path}.substr(1);
    while (true) {
      std::size_t slash = rest.find('/');
      std::string_view seg = rest.substr(0, slash);
      bool last = slash == std::string_view::npos;
      if (seg == "." || seg == "..") return Response::Problem(TraversalError(), request.request_id);
      if (seg.empty() && !last)
        return Response::Problem(TraversalError(), request.request_id);  // "//", "/a//b"
      segments.push_back(seg);
      if (last) break;
      rest.remove_prefix(slash + 1);
    }
  }
  const Status not_found = RouteNotFoundError(request.method_name, request.path);
  if (StartsWith(path, options_.api_prefix) || path + "/" == options_.api_prefix) {
    return Response::Problem(not_found, request.request_id);
  }
  for (const auto& prefix : options_.server_prefixes) {
    if (StartsWith(path, prefix)) return Response::Problem(not_found, request.request_id);
  }
  if (request.method != Method::kGet && request.method != Method::kHead) {
    Response r = Response::Problem(MethodNotAllowedError(request.method_name, request.path, "GET, HEAD"),
                                   request.request_id);
    r.headers.Set("Allow", "GET, HEAD");
    return r;
  }
  if (!available()) return Response::Problem(not_found, request.request_id);

  for (std::string_view seg : segments) {
    if (!seg.empty() && seg.front() == '.') return Response::Problem(not_found, request.request_id);
  }
  const bool under_assets = StartsWith(path, options_.assets_prefix);
  fs::path candidate = canonical_root_;
  for (std::string_view seg : segments) {
    if (!seg.empty()) candidate /= fs::path(std::string(seg));
  }
  std::error_code ec;
  if (!segments.back().empty() && fs::is_regular_file(candidate, ec)) {
    const bool is_index = segments.size() == 1 && segments.back() == options_.index;
    return ServeFile(request, candidate, under_assets && !is_index ? kImmutable : kNoCache);
  }
  const std::string_view last = segments.back();
  bool app_route = false;
  for (const auto& prefix : options_.app_prefixes) app_route = app_route || StartsWith(path, prefix);
  const bool has_extension = last.find('.') != std::string_view::npos;
  if ((has_extension && !app_route) || under_assets) return Response::Problem(not_found, request.request_id);
  return ServeFile(request, canonical_root_ / options_.index, kNoCache);
}

Response StaticFiles::ServeFile(const Request& request, const fs::path& file,
                                std::string_view cache_control) const {
  const Status not_found = RouteNotFoundError(request.method_name, request.path);
  std::error_code ec;
  fs::path real = fs::canonical(file, ec);
  if (ec || !IsWithin(canonical_root_, real) || !fs::is_regular_file(real, ec)) {
    return Response::Problem(not_found, request.request_id);
  }
  struct stat st {};
  if (::stat(real.c_str(), &st) != 0) return Response::Problem(not_found, request.request_id);
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > options_.max_file_bytes) {
    return Response::Problem(InternalServerError("static file larger than max_file_bytes: " + real.string()),
                             request.request_id);
  }
  const auto mtime_ns = static_cast<std::uint64_t>(st.st_mtim.tv_sec) * 1000000000ull +
                        static_cast<std::uint64_t>(st.st_mtim.tv_nsec);
  const std::string etag = fmt::format("\"{:x}-{:x}\"", size, mtime_ns);

  Response r;
  r.headers.Set("ETag", etag);
  r.headers.Set("Cache-Control", std::string(cache_control));
  if (auto inm = request.Header("If-None-Match"); inm && IfNoneMatchMatches(*inm, etag)) {
    r.status = 304;
    return r;
  }
  std::ifstream in(real, std::ios::binary);
  if (!in) return Response::Problem(not_found, request.request_id);
  r.body.resize(size);
  in.read(r.body.data(), static_cast<std::streamsize>(size));
  r.body.resize(static_cast<std::size_t>(in.gcount()));  // The file may have shrunk meanwhile.
  if (in.bad())
    return Response::Problem(InternalServerError("reading " + real.string() + " failed"), request.request_id);
  r.status = 200;
  r.content_type = std::string(ContentTypeForExtension(real.extension().string()));
  return r;
}

}  // namespace kaoping::http
