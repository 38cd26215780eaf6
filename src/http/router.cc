#include "http/router.h"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "http/problem.h"
#include "http/url.h"

namespace kaoping::http {
namespace {

struct Segment {
  bool param = false;
  std::string text;  // Literal text, or the parameter name.
};

struct MethodRoute {
  Method method = Method::kGet;
  std::string pattern;
  std::vector<Segment> segments;  // This pattern's own parameter names.
  Handler handler;
  RouteOptions options;
};

struct PathEntry {
  std::string shape;  // The pattern with parameter names erased: "/a/{}/b".
  std::vector<Segment> segments;
  std::vector<MethodRoute> methods;

  [[nodiscard]] const MethodRoute* Find(Method m) const {
    for (const MethodRoute& r : methods) {
      if (r.method == m) return &r;
    }
    return nullptr;
  }
};

bool IsParamName(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

Status BadPattern(std::string_view pattern, std::string_view why) {
  return InvalidArgument("http.bad_route_pattern",
                         "Invalid route pattern '" + std::string(pattern) + "': " + std::string(why),
                         "路由模式无效：" + std::string(pattern));
}

Result<std::vector<Segment>> ParsePattern(std::string_view pattern) {
  if (pattern.empty() || pattern.front() != '/') return BadPattern(pattern, "must start with '/'");
  if (pattern.find_first_of("?#%") != std::string_view::npos) {
    return BadPattern(pattern, "must not contain '?', '#' or '%'");
  }
  std::vector<Segment> out;
  std::set<std::string, std::less<>> names;
  std::string_view rest = pattern.substr(1);
  while (true) {
    std::size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    if (!seg.empty() && seg.front() == '{') {
      if (seg.back() != '}' || seg.size() < 3) return BadPattern(pattern, "unterminated parameter");
      std::string_view name = seg.substr(1, seg.size() - 2);
      if (!IsParamName(name)) return BadPattern(pattern, "parameter names are [A-Za-z_][A-Za-z0-9_]*");
      if (!names.emplace(name).second) return BadPattern(pattern, "duplicate parameter name");
      out.push_back(Segment{true, std::string(name)});
    } else {
      if (seg.find_first_of("{}") != std::string_view::npos) {
        return BadPattern(pattern, "a parameter must be a whole segment");
      }
      out.push_back(Segment{false, std::string(seg)});
    }
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return out;
}

std::string ShapeOf(const std::vector<Segment>& segments) {
  std::string shape;
  for (const Segment& s : segments) {
    shape += '/';
    shape += s.param ? "{}" : s.text;
  }
  return shape;
}

bool Matches(const PathEntry& entry, const std::vector<std::string>& path) {
  if (entry.segments.size() != path.size()) return false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const Segment& s = entry.segments[i];
    if (s.param ? path[i].empty() : s.text != path[i]) return false;
  }
  return true;
}

// True when `a` is more specific than `b` (first differing segment: literal beats parameter).
bool MoreSpecific(const PathEntry* a, const PathEntry* b) {
  for (std::size_t i = 0; i < a->segments.size() && i < b->segments.size(); ++i) {
    if (a->segments[i].param != b->segments[i].param) return !a->segments[i].param;
  }
  return false;
}

constexpr std::array<Method, 7> kAllowOrder = {Method::kGet,   Method::kHead,   Method::kPost,   Method::kPut,
                                               Method::kPatch, Method::kDelete, Method::kOptions};

}  // namespace

struct Router::Impl {
  std::vector<PathEntry> entries;
  std::vector<RouteInfo> infos;
  Handler fallback;
  FallbackOptions fallback_options;
  RouteOptions fallback_route_options;
};

Router::Router() : impl_(std::make_unique<Impl>()) {}
Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;

Status Router::Add(Method method, std::string_view pattern, Handler handler, RouteOptions options) {
  if (method == Method::kOther) return BadPattern(pattern, "method must be a standard method");
  if (!handler) return BadPattern(pattern, "handler is empty");
  KP_ASSIGN_OR_RETURN(std::vector<Segment> segments, ParsePattern(pattern));
  std::string shape = ShapeOf(segments);
  PathEntry* entry = nullptr;
  for (PathEntry& e : impl_->entries) {
    if (e.shape == shape) entry = &e;
  }
  if (entry == nullptr) {
    impl_->entries.push_back(PathEntry{shape, segments, {}});
    entry = &impl_->entries.back();
  }
  if (entry->Find(method) != nullptr) {
    return AlreadyExists(
        "http.duplicate_route",
        "Route " + std::string(MethodName(method)) + " " + std::string(pattern) + " is already registered",
        "路由已注册：" + std::string(MethodName(method)) + " " + std::string(pattern));
  }
  impl_->infos.push_back(RouteInfo{method, std::string(pattern), options.name});
  entry->methods.push_back(
      MethodRoute{method, std::string(pattern), std::move(segments), std::move(handler), std::move(options)});
  return Status::Ok();
}

void Router::SetFallback(Handler handler, FallbackOptions options) {
  impl_->fallback = std::move(handler);
  impl_->fallback_route_options = RouteOptions::Named(options.name);
  impl_->fallback_options = std::move(options);
}

Result<RouteMatch> Router::Match(Method method, std::string_view raw_path) const {
  KP_ASSIGN_OR_RETURN(std::vector<std::string> path, DecodePathSegments(raw_path));
  std::vector<const PathEntry*> candidates;
  for (const PathEntry& e : impl_->entries) {
    if (Matches(e, path)) candidates.push_back(&e);
  }
  std::stable_sort(candidates.begin(), candidates.end(), MoreSpecific);

  RouteMatch match;
  for (const PathEntry* e : candidates) {
    const MethodRoute* r = e->Find(method);
    if (r == nullptr && method == Method::kHead) r = e->Find(Method::kGet);
    if (r == nullptr) continue;
    match.kind = RouteMatch::Kind::kFound;
    match.handler = &r->handler;
    match.options = &r->options;
    match.route = r->pattern;
    for (std::size_t i = 0; i < r->segments.size(); ++i) {
      if (r->segments[i].param) match.params.emplace(r->segments[i].text, std::move(path[i]));
    }
    return match;
  }
  if (!candidates.empty()) {
    match.kind = RouteMatch::Kind::kMethodNotAllowed;
    for (Method m : kAllowOrder) {
      bool allowed = false;
      for (const PathEntry* e : candidates) {
        allowed =
            allowed || e->Find(m) != nullptr || (m == Method::kHead && e->Find(Method::kGet) != nullptr);
      }
      if (!allowed) continue;
      if (!match.allow.empty()) match.allow += ", ";
      match.allow += MethodName(m);
    }
    return match;
  }
  if (impl_->fallback) {
    std::string decoded;
    for (const std::string& s : path) decoded += "/" + s;
    bool excluded = false;
    for (const std::string& prefix : impl_->fallback_options.excluded_prefixes) {
      excluded = excluded || decoded.compare(0, prefix.size(), prefix) == 0 || decoded + "/" == prefix;
    }
    if (!excluded) {
      match.kind = RouteMatch::Kind::kFallback;
      match.handler = &impl_->fallback;
      match.options = &impl_->fallback_route_options;
      match.route = impl_->fallback_options.name;
      return match;
    }
  }
  match.kind = RouteMatch::Kind::kNotFound;
  return match;
}

Response Router::Dispatch(Request& request) const {
  Result<RouteMatch> match = Match(request.method, request.path);
  if (!match.ok()) return Response::Problem(match.status(), request.request_id);
  if (match->kind != RouteMatch::Kind::kFound && match->kind != RouteMatch::Kind::kFallback) {
    return UnroutableResponse(*match, request);
  }
  request.path_params = std::move(match->params);
  request.route = match->route;
  return (*match->handler)(request);
}

std::vector<RouteInfo> Router::routes() const {
  return impl_->infos;
}

Response UnroutableResponse(const RouteMatch& match, const Request& request) {
  if (match.kind == RouteMatch::Kind::kMethodNotAllowed) {
    Response r = Response::Problem(MethodNotAllowedError(request.method_name, request.path, match.allow),
                                   request.request_id);
    r.headers.Set("Allow", match.allow);
    return r;
  }
  return Response::Problem(RouteNotFoundError(request.method_name, request.path), request.request_id);
}

}  // namespace kaoping::http
