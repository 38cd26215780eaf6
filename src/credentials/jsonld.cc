#include "credentials/jsonld.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <tuple>

#include "credentials/jcs.h"
#include "credentials/jsonld_contexts.h"

namespace kaoping::credentials {

namespace {

using Json = nlohmann::json;

constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";
constexpr int kMaxContextDepth = 32;
constexpr int kMaxNesting = 64;

Status Unsupported(const std::string& what) {
  return InvalidArgument("credentials.jsonld_unsupported", "JSON-LD feature not supported: " + what,
                         "不支持的 JSON-LD 特性：" + what);
}
Status Invalid(const std::string& what) {
  return InvalidArgument("credentials.jsonld_invalid", "invalid JSON-LD: " + what, "JSON-LD 无效：" + what);
}
Status Undefined(const std::string& what) {
  return InvalidArgument("credentials.jsonld_undefined_term",
                         "\"" + what + "\" is not defined by the document's @context",
                         "“" + what + "”未在文档的 @context 中定义");
}

bool IsKeyword(std::string_view s) {
  static const std::set<std::string_view> kKeywords = {
      "@base",      "@container", "@context",  "@direction", "@graph", "@id",      "@import", "@included",
      "@index",     "@json",      "@language", "@list",      "@nest",  "@none",    "@prefix", "@propagate",
      "@protected", "@reverse",   "@set",      "@type",      "@value", "@version", "@vocab"};
  return kKeywords.count(s) > 0;
}

// "@" followed by ASCII letters only: reserved for future keywords, ignored.
bool LooksLikeKeyword(std::string_view s) {
  if (s.size() < 2 || s[0] != '@') return false;
  for (char c : s.substr(1)) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

bool IsGenDelim(char c) {
  return c == ':' || c == '/' || c == '?' || c == '#' || c == '[' || c == ']' || c == '@';
}

// An absolute IRI: a scheme (letter, then letters, digits, + - .) followed by ':'.
bool IsAbsoluteIri(std::string_view s) {
  const auto colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  if (!std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s.substr(0, colon)) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.')) return false;
  }
  return true;
}

struct TermDef {
  bool null_mapping = false;
  std::string iri;
  bool prefix = false;
  bool is_protected = false;
  std::optional<std::string> type;
  std::set<std::string> container;
  std::shared_ptr<const Json> context;  // scoped context, as written (shared: contexts are copied often)
  bool language = false;                // @language or @direction on the term (refused when used)

  [[nodiscard]] bool SameAs(const TermDef& o) const {
    return null_mapping == o.null_mapping && iri == o.iri && prefix == o.prefix && type == o.type &&
           container == o.container &&
           (context == o.context || (context && o.context && *context == *o.context)) &&
           language == o.language;
  }
};

struct ActiveContext;
using Ctx = std::shared_ptr<const ActiveContext>;

struct ActiveContext {
  std::map<std::string, TermDef, std::less<>> terms;
  std::optional<std::string> vocab;
  Ctx previous;  // set when the context came from a non-propagated (type-scoped) context

  [[nodiscard]] const TermDef* Find(std::string_view term) const {
    auto it = terms.find(term);
    return it == terms.end() ? nullptr : &it->second;
  }
};

// The parsed embedded context documents.
const std::map<std::string, Json, std::less<>>& ContextDocuments() {
  static const auto* kDocs = [] {
    auto* docs = new std::map<std::string, Json, std::less<>>();
    for (const auto& c : internal::EmbeddedContexts()) {
      (*docs)[std::string(c.url)] = Json::parse(c.json);
    }
    return docs;
  }();
  return *kDocs;
}

class ContextProcessor;

// State for creating the term definitions of one local context object.
struct TermScope {
  const Json* local = nullptr;
  std::map<std::string, bool>* defined = nullptr;
  bool protected_default = false;
  bool override_protected = false;
};

Status CreateTermDef(ActiveContext& active, const TermScope& scope, const std::string& term);

// IRI expansion (§5.2). nullopt: the term is mapped to null.
Result<std::optional<std::string>> ExpandIri(ActiveContext& active, const std::string& value, bool vocab,
                                             const TermScope* scope = nullptr) {
  if (IsKeyword(value)) return std::optional<std::string>(value);
  if (LooksLikeKeyword(value)) return std::optional<std::string>();
  if (scope != nullptr && scope->local->contains(value)) {
    auto it = scope->defined->find(value);
    if (it == scope->defined->end() || !it->second) KP_RETURN_IF_ERROR(CreateTermDef(active, *scope, value));
  }
  if (const TermDef* def = active.Find(value)) {
    if (def->null_mapping) {
      if (vocab) return std::optional<std::string>();
    } else if (IsKeyword(def->iri) || vocab) {
      return std::optional<std::string>(def->iri);
    }
  }
  const auto colon = value.find(':', 1);
  if (colon != std::string::npos) {
    const std::string prefix = value.substr(0, colon);
    const std::string suffix = value.substr(colon + 1);
    if (prefix == "_" || suffix.rfind("//", 0) == 0) return std::optional<std::string>(value);
    if (scope != nullptr && scope->local->contains(prefix)) {
      auto it = scope->defined->find(prefix);
      if (it == scope->defined->end() || !it->second)
        KP_RETURN_IF_ERROR(CreateTermDef(active, *scope, prefix));
    }
    if (const TermDef* def = active.Find(prefix); def != nullptr && !def->null_mapping && def->prefix) {
      return std::optional<std::string>(def->iri + suffix);
    }
    if (IsAbsoluteIri(value)) return std::optional<std::string>(value);
  }
  if (vocab && active.vocab) return std::optional<std::string>(*active.vocab + value);
  return std::optional<std::string>(value);  // relative: kept, refused when turned into RDF
}

Result<Ctx> ProcessContext(const Ctx& active, const Json& local, bool override_protected, bool propagate,
                           int depth);

Status CreateTermDef(ActiveContext& active, const TermScope& scope, const std::string& term) {
  auto& defined = *scope.defined;
  if (auto it = defined.find(term); it != defined.end()) {
    if (it->second) return Status();
    return Invalid("cyclic IRI mapping for " + term);
  }
  if (term.empty()) return Invalid("empty term");
  defined[term] = false;
  const Json& raw = (*scope.local)[term];
  if (term == "@type") return Unsupported("redefining @type");
  if (IsKeyword(term)) return Invalid("keyword redefinition: " + term);
  if (LooksLikeKeyword(term)) {
    defined[term] = true;
    return Status();
  }
  std::optional<TermDef> previous;
  if (auto it = active.terms.find(term); it != active.terms.end()) {
    previous = it->second;
    active.terms.erase(it);
  }
  Json value;
  bool simple = false;
  if (raw.is_null() || raw.is_string()) {
    value = Json{{"@id", raw}};
    simple = true;
  } else if (raw.is_object()) {
    value = raw;
  } else {
    return Invalid("term definition of " + term + " must be a string or an object");
  }
  TermDef def;
  def.is_protected = scope.protected_default;
  for (const auto& [key, v] : value.items()) {
    if (key == "@protected") {
      if (!v.is_boolean()) return Invalid("@protected must be a boolean");
      def.is_protected = v.get<bool>();
    } else if (key == "@type") {
      if (!v.is_string()) return Invalid("@type of " + term + " must be a string");
      KP_ASSIGN_OR_RETURN(auto type, ExpandIri(active, v.get<std::string>(), true, &scope));
      if (!type || (*type != "@id" && *type != "@vocab" && *type != "@json" && *type != "@none" &&
                    !IsAbsoluteIri(*type))) {
        return Invalid("bad @type mapping for " + term);
      }
      def.type = *type;
    } else if (key == "@container") {
      for (const auto& c : v.is_array() ? v : Json::array({v})) {
        if (!c.is_string()) return Invalid("@container must be strings");
        const auto s = c.get<std::string>();
        if (s != "@list" && s != "@set" && s != "@graph" && s != "@index" && s != "@language" && s != "@id" &&
            s != "@type") {
          return Invalid("bad @container " + s);
        }
        def.container.insert(s);
      }
    } else if (key == "@context") {
      def.context = std::make_shared<const Json>(v);
    } else if (key == "@language" || key == "@direction") {
      def.language = true;
    } else if (key == "@prefix") {
      if (!v.is_boolean()) return Invalid("@prefix must be a boolean");
    } else if (key == "@reverse" || key == "@nest" || key == "@index") {
      return Unsupported(key + " in the definition of " + term);
    } else if (key != "@id") {
      return Invalid("unexpected " + key + " in the definition of " + term);
    }
  }
  const Json& id = value.contains("@id") ? value["@id"] : Json();
  if (value.contains("@id") && !(id.is_string() && id.get<std::string>() == term)) {
    if (id.is_null()) {
      def.null_mapping = true;
    } else {
      if (!id.is_string()) return Invalid("@id of " + term + " must be a string");
      KP_ASSIGN_OR_RETURN(auto iri, ExpandIri(active, id.get<std::string>(), true, &scope));
      if (!iri) {
        def.null_mapping = true;
      } else {
        if (!IsKeyword(*iri) && iri->find(':') == std::string::npos) {
          return Invalid("the IRI of " + term + " is not absolute");
        }
        if (*iri == "@context") return Invalid("@context cannot be aliased");
        def.iri = *iri;
        if (term.find(':') == std::string::npos && term.find('/') == std::string::npos && simple &&
            !def.iri.empty() && (IsGenDelim(def.iri.back()) || def.iri.rfind("_:", 0) == 0)) {
          def.prefix = true;
        }
      }
    }
  } else if (const auto colon = term.find(':', 1); colon != std::string::npos) {
    const std::string prefix = term.substr(0, colon);
    if (scope.local->contains(prefix)) KP_RETURN_IF_ERROR(CreateTermDef(active, scope, prefix));
    if (const TermDef* p = active.Find(prefix); p != nullptr && !p->null_mapping) {
      def.iri = p->iri + term.substr(colon + 1);
    } else {
      def.iri = term;
    }
  } else if (term.find('/') != std::string::npos) {
    KP_ASSIGN_OR_RETURN(auto iri, ExpandIri(active, term, true, &scope));
    if (!iri || !IsAbsoluteIri(*iri)) return Invalid("the IRI of " + term + " is not absolute");
    def.iri = *iri;
  } else if (active.vocab) {
    def.iri = *active.vocab + term;
  } else {
    return Invalid("no IRI for " + term + " and no @vocab");
  }
  if (value.contains("@prefix")) def.prefix = value["@prefix"].get<bool>();
  if (!scope.override_protected && previous && previous->is_protected) {
    if (!def.SameAs(*previous)) return Invalid("protected term redefinition: " + term);
    def = *previous;
  }
  active.terms[term] = std::move(def);
  defined[term] = true;
  return Status();
}

Result<Ctx> ProcessContext(const Ctx& active, const Json& local, bool override_protected, bool propagate,
                           int depth) {
  if (depth > kMaxContextDepth) return Invalid("context nesting too deep");
  auto result = std::make_shared<ActiveContext>(*active);
  if (local.is_object() && local.contains("@propagate")) {
    if (!local["@propagate"].is_boolean()) return Invalid("@propagate must be a boolean");
    propagate = local["@propagate"].get<bool>();
  }
  if (!propagate && !result->previous) result->previous = active;
  for (const Json& item : local.is_array() ? local : Json::array({local})) {
    if (item.is_null()) {
      if (!override_protected) {
        for (const auto& [t, d] : result->terms) {
          if (d.is_protected) return Invalid("a null @context cannot clear protected terms");
        }
      }
      auto fresh = std::make_shared<ActiveContext>();
      if (!propagate) fresh->previous = result;
      result = fresh;
      continue;
    }
    if (item.is_string()) {
      const auto& docs = ContextDocuments();
      auto it = docs.find(item.get<std::string>());
      if (it == docs.end()) {
        return InvalidArgument(
            "credentials.unknown_context",
            "unknown JSON-LD context " + item.get<std::string>() + " (only embedded contexts are used)",
            "未知的 JSON-LD 上下文 " + item.get<std::string>() + "（仅使用内置上下文）");
      }
      if (!it->second.is_object() || !it->second.contains("@context")) {
        return Invalid("context document without @context");
      }
      KP_ASSIGN_OR_RETURN(Ctx next, ProcessContext(result, it->second["@context"], false, true, depth + 1));
      result = std::make_shared<ActiveContext>(*next);
      continue;
    }
    if (!item.is_object()) return Invalid("a context must be null, a string or an object");
    if (item.contains("@version") && item["@version"] != 1.1) return Invalid("@version must be 1.1");
    for (const char* k : {"@base", "@import"}) {
      if (item.contains(k)) return Unsupported(std::string(k) + " in @context");
    }
    for (const char* k : {"@language", "@direction"}) {
      if (item.contains(k) && !item[k].is_null()) return Unsupported(std::string(k) + " in @context");
    }
    if (item.contains("@vocab")) {
      const Json& v = item["@vocab"];
      if (v.is_null()) {
        result->vocab.reset();
      } else if (v.is_string()) {
        KP_ASSIGN_OR_RETURN(auto iri, ExpandIri(*result, v.get<std::string>(), true));
        if (!iri || !(IsAbsoluteIri(*iri) || iri->rfind("_:", 0) == 0)) return Invalid("bad @vocab");
        result->vocab = *iri;
      } else {
        return Invalid("@vocab must be a string or null");
      }
    }
    bool protected_default = false;
    if (item.contains("@protected")) {
      if (!item["@protected"].is_boolean()) return Invalid("@protected must be a boolean");
      protected_default = item["@protected"].get<bool>();
    }
    std::map<std::string, bool> defined;
    TermScope scope{&item, &defined, protected_default, override_protected};
    for (const auto& [key, unused] : item.items()) {
      if (key == "@base" || key == "@direction" || key == "@import" || key == "@language" ||
          key == "@propagate" || key == "@protected" || key == "@version" || key == "@vocab") {
        continue;
      }
      KP_RETURN_IF_ERROR(CreateTermDef(*result, scope, key));
    }
  }
  return Ctx(result);
}

// Processed contexts are interned: processing the same embedded context (by URL, or a scoped
// context owned by an interned context) on the same interned active context gives the same
// immutable result, so it is computed once per process. Contexts written inline in a document are
// never interned, which bounds the cache by what the embedded contexts can produce (and a cap).
class ContextCache {
 public:
  static ContextCache& Get() {
    static auto* cache = new ContextCache();
    return *cache;
  }
  [[nodiscard]] const Ctx& root() const { return root_; }

  // A scoped context (from a term definition) on `active`.
  Result<Ctx> Scoped(const Ctx& active, const std::shared_ptr<const Json>& local, bool override_protected,
                     bool propagate) {
    const Key key{active.get(), local.get(), override_protected, propagate};
    bool interned = false;
    {
      std::lock_guard lock(mu_);
      interned = interned_.count(active.get()) > 0;
      if (auto it = scoped_.find(key); interned && it != scoped_.end()) return it->second.result;
    }
    if (!interned) return ProcessContext(active, *local, override_protected, propagate, 0);
    KP_ASSIGN_OR_RETURN(Ctx result, ProcessContext(active, *local, override_protected, propagate, 0));
    std::lock_guard lock(mu_);
    if (scoped_.size() + top_.size() >= kMaxEntries) return result;
    auto [it, inserted] = scoped_.emplace(key, Entry{active, local, result});
    interned_.insert(it->second.result.get());
    return it->second.result;
  }

  // A document's own @context on `active`; interned when `active` is the root and the context is
  // one URL or an array of URLs.
  Result<Ctx> Document(const Ctx& active, const Json& local) {
    bool urls = active == root_ && (local.is_string() || (local.is_array() && !local.empty()));
    if (urls && local.is_array()) {
      for (const Json& item : local) urls = urls && item.is_string();
    }
    if (!urls) return ProcessContext(active, local, false, true, 0);
    const std::string key = local.dump();
    {
      std::lock_guard lock(mu_);
      if (auto it = top_.find(key); it != top_.end()) return it->second;
    }
    KP_ASSIGN_OR_RETURN(Ctx result, ProcessContext(active, local, false, true, 0));
    std::lock_guard lock(mu_);
    if (scoped_.size() + top_.size() >= kMaxEntries) return result;
    auto [it, inserted] = top_.emplace(key, result);
    interned_.insert(it->second.get());
    return it->second;
  }

 private:
  static constexpr std::size_t kMaxEntries = 4096;
  using Key = std::tuple<const ActiveContext*, const Json*, bool, bool>;
  struct Entry {
    Ctx active;  // keeps the key's pointers alive
    std::shared_ptr<const Json> local;
    Ctx result;
  };
  ContextCache() : root_(std::make_shared<ActiveContext>()) { interned_.insert(root_.get()); }

  std::mutex mu_;
  Ctx root_;
  std::map<Key, Entry> scoped_;
  std::map<std::string, Ctx> top_;
  std::set<const ActiveContext*> interned_;
};

Json AsArray(Json v) {
  return v.is_array() ? v : Json::array({std::move(v)});
}

class Expander {
 public:
  Result<Json> Expand(Ctx active, const std::string* active_property, const Json& element, bool from_map,
                      int depth);

 private:
  Result<std::optional<std::string>> Iri(const Ctx& ctx, const std::string& value, bool vocab) {
    // Without a TermScope, ExpandIri creates no term definitions: the context is only read.
    return ExpandIri(const_cast<ActiveContext&>(*ctx), value, vocab);
  }
  Result<Json> ExpandValue(const Ctx& active, const std::string& active_property, const Json& value);
};

Result<Json> Expander::ExpandValue(const Ctx& active, const std::string& active_property, const Json& value) {
  const TermDef* def = active->Find(active_property);
  if (def != nullptr && def->type && value.is_string() && (*def->type == "@id" || *def->type == "@vocab")) {
    KP_ASSIGN_OR_RETURN(auto iri, Iri(active, value.get<std::string>(), *def->type == "@vocab"));
    if (!iri) return Invalid("value of " + active_property + " maps to null");
    return Json{{"@id", *iri}};
  }
  Json result{{"@value", value}};
  if (def != nullptr && def->type && *def->type != "@id" && *def->type != "@vocab" && *def->type != "@none") {
    result["@type"] = *def->type;
  } else if (value.is_string() && def != nullptr && def->language) {
    return Unsupported("language-tagged strings (" + active_property + ")");
  }
  return result;
}

Result<Json> Expander::Expand(Ctx active, const std::string* active_property, const Json& element,
                              bool from_map, int depth) {
  if (depth > kMaxNesting) return Invalid("the document is nested too deeply");
  if (element.is_null()) return Json();
  const TermDef* ap_def = active_property != nullptr ? active->Find(*active_property) : nullptr;
  const std::shared_ptr<const Json> property_scoped = ap_def != nullptr ? ap_def->context : nullptr;

  if (!element.is_object() && !element.is_array()) {
    if (active_property == nullptr || *active_property == "@graph") return Json();
    if (property_scoped) {
      KP_ASSIGN_OR_RETURN(active, ContextCache::Get().Scoped(active, property_scoped, true, true));
    }
    return ExpandValue(active, *active_property, element);
  }
  if (element.is_array()) {
    Json result = Json::array();
    const bool list = ap_def != nullptr && ap_def->container.count("@list") > 0;
    for (const Json& item : element) {
      KP_ASSIGN_OR_RETURN(Json ev, Expand(active, active_property, item, from_map, depth + 1));
      if (list && ev.is_array()) return Unsupported("lists of lists");
      if (ev.is_array()) {
        for (auto& e : ev) result.push_back(std::move(e));
      } else if (!ev.is_null()) {
        result.push_back(std::move(ev));
      }
    }
    return result;
  }

  // A map. Step 7: a non-propagated context reverts inside nested node objects.
  if (active->previous && !from_map) {
    bool revert = true;
    bool only_id = element.size() == 1;
    for (const auto& [key, unused] : element.items()) {
      KP_ASSIGN_OR_RETURN(auto k, Iri(active, key, true));
      if (k && *k == "@value") revert = false;
      if (!k || *k != "@id") only_id = false;
    }
    if (only_id) revert = false;
    if (revert) active = active->previous;
  }
  if (property_scoped) {
    KP_ASSIGN_OR_RETURN(active, ContextCache::Get().Scoped(active, property_scoped, true, true));
  }
  if (element.contains("@context")) {
    KP_ASSIGN_OR_RETURN(active, ContextCache::Get().Document(active, element["@context"]));
  }
  const Ctx type_scoped = active;
  for (const auto& [key, value] : element.items()) {  // nlohmann objects iterate in key order
    KP_ASSIGN_OR_RETURN(auto k, Iri(active, key, true));
    if (!k || *k != "@type") continue;
    std::vector<std::string> types;
    for (const Json& t : AsArray(value)) {
      if (t.is_string()) types.push_back(t.get<std::string>());
    }
    std::sort(types.begin(), types.end());
    for (const auto& t : types) {
      const TermDef* def = type_scoped->Find(t);
      if (def != nullptr && def->context) {
        KP_ASSIGN_OR_RETURN(active, ContextCache::Get().Scoped(active, def->context, false, false));
      }
    }
  }

  Json result = Json::object();
  for (const auto& [key, value] : element.items()) {
    if (key == "@context") continue;
    KP_ASSIGN_OR_RETURN(auto expanded_property, Iri(active, key, true));
    if (!expanded_property ||
        (expanded_property->find(':') == std::string::npos && !IsKeyword(*expanded_property))) {
      return Undefined(key);
    }
    const std::string& ep = *expanded_property;
    if (IsKeyword(ep)) {
      if (result.contains(ep) && ep != "@type") return Invalid("colliding keywords " + ep);
      if (ep == "@id") {
        if (!value.is_string()) return Invalid("@id must be a string");
        KP_ASSIGN_OR_RETURN(auto iri, Iri(active, value.get<std::string>(), false));
        if (!iri) return Invalid("@id maps to null");
        result["@id"] = *iri;
      } else if (ep == "@type") {
        if (!value.is_string() && !value.is_array()) return Invalid("@type must be a string or an array");
        Json types = result.contains("@type") ? AsArray(result["@type"]) : Json::array();
        for (const Json& t : AsArray(value)) {
          if (!t.is_string()) return Invalid("@type values must be strings");
          KP_ASSIGN_OR_RETURN(auto iri, Iri(type_scoped, t.get<std::string>(), true));
          if (!iri || (!IsAbsoluteIri(*iri) && iri->rfind("_:", 0) != 0))
            return Undefined(t.get<std::string>());
          types.push_back(*iri);
        }
        result["@type"] = value.is_string() && types.size() == 1 ? types[0] : types;
      } else if (ep == "@graph") {
        static const std::string kGraph = "@graph";
        KP_ASSIGN_OR_RETURN(Json ev, Expand(active, &kGraph, value, from_map, depth + 1));
        result["@graph"] = ev.is_null() ? Json::array() : AsArray(std::move(ev));
      } else if (ep == "@value") {
        if (value.is_object() || value.is_array()) return Unsupported("@value with a JSON object or array");
        result["@value"] = value;
      } else if (ep == "@list") {
        if (active_property == nullptr || *active_property == "@graph") continue;
        KP_ASSIGN_OR_RETURN(Json ev, Expand(active, active_property, value, from_map, depth + 1));
        result["@list"] = ev.is_null() ? Json::array() : AsArray(std::move(ev));
      } else if (ep == "@set") {
        KP_ASSIGN_OR_RETURN(Json ev, Expand(active, active_property, value, from_map, depth + 1));
        result["@set"] = std::move(ev);
      } else {
        return Unsupported(ep + " in a document");
      }
      continue;
    }
    const TermDef* def = active->Find(key);
    const std::set<std::string> no_container;
    const auto& container = def != nullptr ? def->container : no_container;
    Json ev;
    if (def != nullptr && def->type == "@json") {
      ev = Json{{"@value", value}, {"@type", "@json"}};
    } else {
      for (const char* map_kind : {"@language", "@index", "@id", "@type"}) {
        if (container.count(map_kind) > 0 && value.is_object()) {
          return Unsupported(std::string("@container ") + map_kind + " (" + key + ")");
        }
      }
      KP_ASSIGN_OR_RETURN(ev, Expand(active, &key, value, false, depth + 1));
    }
    if (ev.is_null()) continue;
    if (container.count("@list") > 0 && !(ev.is_object() && ev.contains("@list"))) {
      ev = Json{{"@list", AsArray(std::move(ev))}};
    }
    if (container.count("@graph") > 0) {
      Json wrapped = Json::array();
      for (auto& item : AsArray(std::move(ev))) wrapped.push_back(Json{{"@graph", AsArray(std::move(item))}});
      ev = std::move(wrapped);
    }
    Json& slot = result[ep];
    if (slot.is_null()) slot = Json::array();
    for (auto& item : AsArray(std::move(ev))) slot.push_back(std::move(item));
  }

  if (result.contains("@value")) {
    for (const auto& [k, unused] : result.items()) {
      if (k != "@value" && k != "@type") return Invalid("unexpected " + k + " in a value object");
    }
    if (result["@value"].is_null()) return Json();
    if (result.contains("@type") && !result["@type"].is_string())
      return Invalid("value @type must be one IRI");
    return result;
  }
  if (result.contains("@type") && !result["@type"].is_array()) result["@type"] = AsArray(result["@type"]);
  if (result.contains("@set")) {
    if (result.size() != 1) return Invalid("@set with other entries");
    return result["@set"];
  }
  if (result.contains("@list") && result.size() != 1) return Invalid("@list with other entries");
  if (active_property == nullptr || *active_property == "@graph") {
    if (result.empty() || result.contains("@value") || (result.contains("@list") && result.size() == 1)) {
      return Json();
    }
    if (result.size() == 1 && result.contains("@id")) return Json();
  }
  return result;
}

// JSON number → canonical xsd:double lexical form, as JS toExponential(15) with the zeros trimmed.
std::string CanonicalDouble(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15e", v);
  std::string s(buf);
  const auto e = s.find('e');
  std::string mantissa = s.substr(0, e);
  const int exponent = std::stoi(s.substr(e + 1));
  if (mantissa.find('.') != std::string::npos) {
    while (mantissa.back() == '0') mantissa.pop_back();
    if (mantissa.back() == '.') mantissa += '0';
  }
  return mantissa + "E" + std::to_string(exponent);
}

class RdfBuilder {
 public:
  Status Nodes(const Json& nodes, const RdfTerm& graph, int depth) {
    for (const Json& n : nodes) {
      RdfTerm unused;
      KP_RETURN_IF_ERROR(Node(n, graph, unused, depth));
    }
    return Status();
  }
  std::vector<Quad> Take() { return std::move(quads_); }

 private:
  RdfTerm NewBlank() {
    std::string label = "b";  // not "b" + …: GCC 12 -O2 reports a false -Wrestrict for that
    label += std::to_string(counter_++);
    return RdfTerm::Blank(std::move(label));
  }

  Result<RdfTerm> Resource(const std::string& id) {
    if (id.rfind("_:", 0) == 0) {
      auto it = labels_.find(id);
      if (it == labels_.end()) it = labels_.emplace(id, NewBlank()).first;
      return it->second;
    }
    if (!IsAbsoluteIri(id)) {
      return Unsupported("relative IRI \"" + id + "\" (the document has no base IRI)");
    }
    return RdfTerm::Iri(id);
  }

  void Add(RdfTerm s, RdfTerm p, RdfTerm o, const RdfTerm& g) {
    Quad q{std::move(s), std::move(p), std::move(o), g};
    // A dataset is a set: drop duplicates (by their N-Quads line, in O(log n), so a document with
    // many values stays cheap).
    if (!seen_.insert(SerializeNQuad(q)).second) return;
    quads_.push_back(std::move(q));
  }

  Status Node(const Json& node, const RdfTerm& graph, RdfTerm& subject, int depth) {
    if (depth > kMaxNesting) return Invalid("the document is nested too deeply");
    if (!node.is_object()) return Invalid("a node must be an object");
    if (node.contains("@id")) {
      KP_ASSIGN_OR_RETURN(subject, Resource(node["@id"].get<std::string>()));
    } else {
      subject = NewBlank();
    }
    for (const auto& [key, values] : node.items()) {
      if (key == "@id") continue;
      if (key == "@type") {
        for (const Json& t : values) {
          KP_ASSIGN_OR_RETURN(RdfTerm type, Resource(t.get<std::string>()));
          Add(subject, RdfTerm::Iri(std::string(kRdf) + "type"), type, graph);
        }
        continue;
      }
      if (key == "@graph") {
        KP_RETURN_IF_ERROR(Nodes(values, subject, depth + 1));
        continue;
      }
      if (IsKeyword(key)) return Unsupported(key + " in a node");
      if (key.rfind("_:", 0) == 0) return Unsupported("blank node property " + key);
      if (!IsAbsoluteIri(key)) return Undefined(key);
      for (const Json& item : values) {
        RdfTerm object;
        KP_RETURN_IF_ERROR(Object(item, graph, object, depth + 1));
        Add(subject, RdfTerm::Iri(key), std::move(object), graph);
      }
    }
    return Status();
  }

  Status Object(const Json& item, const RdfTerm& graph, RdfTerm& out, int depth) {
    if (item.contains("@value")) return Literal(item, out);
    if (item.contains("@list")) {
      const Json& list = item["@list"];
      if (list.empty()) {
        out = RdfTerm::Iri(std::string(kRdf) + "nil");
        return Status();
      }
      std::vector<RdfTerm> cells;
      for (std::size_t i = 0; i < list.size(); ++i) cells.push_back(NewBlank());
      for (std::size_t i = 0; i < list.size(); ++i) {
        RdfTerm first;
        KP_RETURN_IF_ERROR(Object(list[i], graph, first, depth + 1));
        Add(cells[i], RdfTerm::Iri(std::string(kRdf) + "first"), std::move(first), graph);
        Add(cells[i], RdfTerm::Iri(std::string(kRdf) + "rest"),
            i + 1 < list.size() ? cells[i + 1] : RdfTerm::Iri(std::string(kRdf) + "nil"), graph);
      }
      out = cells[0];
      return Status();
    }
    return Node(item, graph, out, depth);
  }

  Status Literal(const Json& item, RdfTerm& out) {
    const Json& v = item["@value"];
    std::string datatype = item.contains("@type") ? item["@type"].get<std::string>() : std::string();
    if (datatype == "@json") {
      KP_ASSIGN_OR_RETURN(std::string canon, CanonicalizeJcs(v));
      out = RdfTerm::Literal(std::move(canon), std::string(kRdf) + "JSON");
      return Status();
    }
    if (!datatype.empty() && !IsAbsoluteIri(datatype)) return Undefined(datatype);
    if (v.is_boolean()) {
      out = RdfTerm::Literal(v.get<bool>() ? "true" : "false",
                             datatype.empty() ? std::string(kXsd) + "boolean" : datatype);
    } else if (v.is_number()) {
      const double d = v.get<double>();
      if (!std::isfinite(d)) return Invalid("non-finite number");
      const bool integral = v.is_number_integer() || (std::floor(d) == d && std::fabs(d) < 1e21);
      if (!integral || datatype == std::string(kXsd) + "double") {
        out =
            RdfTerm::Literal(CanonicalDouble(d), datatype.empty() ? std::string(kXsd) + "double" : datatype);
      } else {
        std::string lexical = v.is_number_unsigned()  ? std::to_string(v.get<std::uint64_t>())
                              : v.is_number_integer() ? std::to_string(v.get<std::int64_t>())
                                                      : FormatEs6Number(d);
        out =
            RdfTerm::Literal(std::move(lexical), datatype.empty() ? std::string(kXsd) + "integer" : datatype);
      }
    } else if (v.is_string()) {
      out = RdfTerm::Literal(v.get<std::string>(), datatype.empty() ? std::string(kXsdString) : datatype);
    } else {
      return Invalid("bad @value");
    }
    return Status();
  }

  std::vector<Quad> quads_;
  std::set<std::string> seen_;
  std::map<std::string, RdfTerm> labels_;
  int counter_ = 0;
};

}  // namespace

Result<nlohmann::json> ExpandJsonLd(const nlohmann::json& document) {
  if (!document.is_object() && !document.is_array())
    return Invalid("the document must be an object or array");
  Expander expander;
  KP_ASSIGN_OR_RETURN(Json expanded,
                      expander.Expand(ContextCache::Get().root(), nullptr, document, false, 0));
  if (expanded.is_object() && expanded.size() == 1 && expanded.contains("@graph"))
    expanded = expanded["@graph"];
  if (expanded.is_null()) return Json::array();
  return AsArray(std::move(expanded));
}

Result<std::vector<Quad>> JsonLdToRdf(const nlohmann::json& document) {
  KP_ASSIGN_OR_RETURN(Json expanded, ExpandJsonLd(document));
  RdfBuilder builder;
  KP_RETURN_IF_ERROR(builder.Nodes(expanded, RdfTerm{}, 0));
  return builder.Take();
}

Result<std::string> CanonicalNQuads(const nlohmann::json& document) {
  KP_ASSIGN_OR_RETURN(std::vector<Quad> quads, JsonLdToRdf(document));
  return CanonicalizeRdfc(quads);
}

}  // namespace kaoping::credentials
