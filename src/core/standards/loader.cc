#include "core/standards/loader.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

namespace kaoping::standards {

std::string Diagnostic::ToString() const {
  std::ostringstream os;
  os << file;
  if (line > 0) os << ":" << line << ":" << column;
  os << ": ";
  if (!key.empty()) os << key << ": ";
  os << message;
  return os.str();
}

std::string Diagnostic::ToStringZh() const {
  std::ostringstream os;
  os << file;
  if (line > 0) os << ":" << line << ":" << column;
  os << "：";
  if (!key.empty()) os << "键 " << key << "：";
  os << (message_zh.empty() ? message : message_zh);
  return os.str();
}

namespace {

// Shared state of one parse: the file name and the diagnostics collected so far.
struct Ctx {
  std::string file;
  std::vector<Diagnostic> diags;
  // Where each requirement path was defined (every occurrence, in order), so that semantic
  // diagnostics, which only know the path, can name a line.
  std::map<std::string, std::vector<YAML::Mark>> requirement_marks;

  void Error(const YAML::Node& at, const std::string& key, std::string en, std::string zh) {
    Diagnostic d;
    d.file = file;
    if (at.IsDefined()) {
      d.line = at.Mark().line + 1;
      d.column = at.Mark().column + 1;
    }
    d.key = key;
    d.message = std::move(en);
    d.message_zh = std::move(zh);
    diags.push_back(std::move(d));
  }
};

const std::regex& IdPattern() {
  static const std::regex* const kRe = new std::regex("^[A-Za-z0-9_.\\-]+$");
  return *kRe;
}

SourceRef ParseRef(const std::string& raw) {
  SourceRef r;
  r.raw = raw;
  static const std::regex* const kLines = new std::regex("L(\\d+)(?:\\s*-\\s*L?(\\d+))?");
  std::smatch m;
  if (std::regex_search(raw, m, *kLines)) {
    r.line_begin = std::stoi(m[1].str());
    r.line_end = m[2].matched ? std::stoi(m[2].str()) : r.line_begin;
    std::string before = raw.substr(0, static_cast<size_t>(m.position(0)));
    while (!before.empty() && (before.back() == ' ' || before.back() == '\t')) before.pop_back();
    r.clause = before;
  } else {
    r.clause = raw;
  }
  return r;
}

// Reads one YAML mapping, remembering which keys were consumed so that Finish() can report
// every key the schema does not know. `note` is accepted everywhere.
class MapReader {
 public:
  MapReader(Ctx& ctx, const YAML::Node& node, std::string path)
      : ctx_(ctx), node_(node), path_(std::move(path)) {
    ok_ = node.IsMap();
    if (!ok_ && node.IsDefined() && !node.IsNull()) {
      ctx_.Error(node, path_, "expected a mapping (key: value pairs)", "此处应为映射（键: 值）");
    } else if (!ok_) {
      ctx_.Error(node, path_, "expected a mapping, found nothing", "此处应为映射，但内容为空");
    }
  }
  MapReader(const MapReader&) = delete;
  MapReader& operator=(const MapReader&) = delete;

  bool ok() const { return ok_; }
  const YAML::Node& node() const { return node_; }
  const std::string& path() const { return path_; }
  Ctx& ctx() { return ctx_; }
  std::string Sub(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

  bool Has(const char* key) const { return ok_ && node_[key].IsDefined() && !node_[key].IsNull(); }

  YAML::Node Get(const char* key) {
    used_.insert(key);
    if (!ok_) return YAML::Node();
    return node_[key];
  }

  std::string Str(const char* key, bool required = false) {
    YAML::Node n = Get(key);
    if (!n.IsDefined() || n.IsNull()) {
      if (required) Missing(key, "a string", "字符串");
      return {};
    }
    if (!n.IsScalar()) {
      ctx_.Error(n, Sub(key), "expected a string", "此处应为字符串");
      return {};
    }
    return n.Scalar();
  }

  std::string Id(const char* key, bool required = true) {
    std::string v = Str(key, required);
    if (!v.empty() && !std::regex_match(v, IdPattern())) {
      ctx_.Error(node_[key], Sub(key), "id '" + v + "' may contain only ASCII letters, digits, '_', '.', '-'",
                 "标识“" + v + "”只能包含 ASCII 字母、数字、“_”、“.”、“-”");
    }
    return v;
  }

  std::optional<double> Num(const char* key, bool required = false) {
    YAML::Node n = Get(key);
    if (!n.IsDefined() || n.IsNull()) {
      if (required) Missing(key, "a number", "数字");
      return std::nullopt;
    }
    return AsNum(n, Sub(key));
  }

  std::optional<double> AsNum(const YAML::Node& n, const std::string& where) {
    if (n.IsScalar()) {
      const std::string& s = n.Scalar();
      char* end = nullptr;
      double v = std::strtod(s.c_str(), &end);
      if (!s.empty() && end && *end == '\0' && std::isfinite(v)) return v;
    }
    ctx_.Error(n, where, "expected a number", "此处应为数字");
    return std::nullopt;
  }

  int Int(const char* key, int fallback, bool required = false) {
    auto v = Num(key, required);
    if (!v) return fallback;
    if (*v != std::floor(*v)) {
      ctx_.Error(node_[key], Sub(key), "expected a whole number", "此处应为整数");
      return fallback;
    }
    return static_cast<int>(*v);
  }

  bool Bool(const char* key, bool fallback) {
    YAML::Node n = Get(key);
    if (!n.IsDefined() || n.IsNull()) return fallback;
    if (n.IsScalar() && (n.Scalar() == "true" || n.Scalar() == "false")) return n.Scalar() == "true";
    ctx_.Error(n, Sub(key), "expected true or false", "此处应为 true 或 false");
    return fallback;
  }

  SourceRef Ref(const char* key = "ref") { return ParseRef(Str(key)); }

  std::vector<std::string> StrList(const char* key) {
    std::vector<std::string> out;
    YAML::Node n = Get(key);
    if (!n.IsDefined() || n.IsNull()) return out;
    if (!n.IsSequence()) {
      ctx_.Error(n, Sub(key), "expected a list", "此处应为列表");
      return out;
    }
    for (size_t i = 0; i < n.size(); ++i) {
      if (!n[i].IsScalar()) {
        ctx_.Error(n[i], Sub(key) + "[" + std::to_string(i) + "]", "expected a string", "此处应为字符串");
        continue;
      }
      out.push_back(n[i].Scalar());
    }
    return out;
  }

  // Calls fn(child_node, child_path) for each element of a list under `key`.
  void List(const char* key, const std::function<void(const YAML::Node&, const std::string&)>& fn,
            bool required = false) {
    YAML::Node n = Get(key);
    if (!n.IsDefined() || n.IsNull()) {
      if (required) Missing(key, "a list", "列表");
      return;
    }
    if (!n.IsSequence()) {
      ctx_.Error(n, Sub(key), "expected a list", "此处应为列表");
      return;
    }
    for (size_t i = 0; i < n.size(); ++i) fn(n[i], Sub(key) + "[" + std::to_string(i) + "]");
  }

  void Missing(const char* key, const char* what_en, const char* what_zh) {
    ctx_.Error(node_, Sub(key), std::string("missing required key '") + key + "' (" + what_en + ")",
               std::string("缺少必填键“") + key + "”（" + what_zh + "）");
  }

  // Reports every key that no reader asked for.
  void Finish() {
    if (!ok_) return;
    used_.insert("note");
    for (auto it = node_.begin(); it != node_.end(); ++it) {
      std::string k = it->first.IsScalar() ? it->first.Scalar() : "?";
      if (!used_.count(k)) {
        std::string allowed;
        for (const auto& u : used_) allowed += (allowed.empty() ? "" : ", ") + u;
        ctx_.Error(it->first, Sub(k), "unknown key '" + k + "'; expected one of: " + allowed,
                   "未知的键“" + k + "”；允许的键：" + allowed);
      }
    }
  }

 private:
  Ctx& ctx_;
  YAML::Node node_;
  std::string path_;
  bool ok_ = false;
  std::set<std::string> used_;
};

// {text, ref} object or a plain string.
std::optional<Text> ReadText(MapReader& parent, const char* key) {
  YAML::Node n = parent.Get(key);
  if (!n.IsDefined() || n.IsNull()) return std::nullopt;
  Text t;
  if (n.IsScalar()) {
    t.text = n.Scalar();
    return t;
  }
  MapReader r(parent.ctx(), n, parent.Sub(key));
  t.text = r.Str("text", true);
  t.ref = r.Ref();
  r.Finish();
  return t;
}

Localized ReadLocalized(MapReader& parent, const char* key, bool required) {
  Localized l;
  YAML::Node n = parent.Get(key);
  if (!n.IsDefined() || n.IsNull()) {
    if (required) parent.Missing(key, "{zh, en}", "{zh, en}");
    return l;
  }
  if (n.IsScalar()) {
    l.zh = n.Scalar();
    return l;
  }
  MapReader r(parent.ctx(), n, parent.Sub(key));
  l.zh = r.Str("zh", true);
  l.en = r.Str("en");
  r.Finish();
  return l;
}

const std::set<std::string>& ExamKinds() {
  static const std::set<std::string>* const k =
      new std::set<std::string>{"theory", "skill", "review", "written", "lab", "achievement", "evaluation"};
  return *k;
}

void CheckEnum(MapReader& r, const char* key, const std::string& v, const std::set<std::string>& allowed) {
  if (v.empty() || allowed.count(v)) return;
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  r.ctx().Error(r.node()[key], r.Sub(key), "'" + v + "' is not one of: " + list,
                "“" + v + "”不是以下之一：" + list);
}

Requirement ReadRequirement(Ctx& ctx, const YAML::Node& n, const std::string& path,
                            RequirementKind default_kind, bool kind_required) {
  Requirement q;
  MapReader r(ctx, n, path);
  q.id = r.Id("id");
  std::string kind = r.Str("kind", kind_required);
  q.kind = default_kind;
  if (!kind.empty()) {
    auto k = ParseRequirementKind(kind);
    if (!k) {
      ctx.Error(n["kind"], r.Sub("kind"),
                "unknown requirement kind '" + kind +
                    "'; expected skill_requirement, knowledge_requirement, knowledge, skill, practice, duty, "
                    "basic_knowledge or ethics",
                "未知的要求类型“" + kind + "”");
    } else {
      q.kind = *k;
    }
  }
  q.dimension = r.Str("dimension");
  q.text = r.Str("text", true);
  q.ref = r.Ref();
  q.note = r.Str("note");
  r.Finish();
  return q;
}

Condition ReadCondition(Ctx& ctx, const YAML::Node& n, const std::string& path);

void ReadConditionList(Ctx& ctx, const YAML::Node& n, const std::string& path, Condition& into) {
  if (!n.IsSequence() || n.size() == 0) {
    ctx.Error(n, path, "expected a non-empty list of conditions", "此处应为非空的条件列表");
    return;
  }
  for (size_t i = 0; i < n.size(); ++i)
    into.children.push_back(ReadCondition(ctx, n[i], path + "[" + std::to_string(i) + "]"));
}

Condition ReadCondition(Ctx& ctx, const YAML::Node& n, const std::string& path) {
  Condition c;
  c.line = n.IsDefined() ? n.Mark().line + 1 : 0;
  MapReader r(ctx, n, path);
  if (!r.ok()) return c;
  int forms = 0;
  for (const char* k :
       {"all_of", "any_of", "not", "fact", "certificate", "title", "training_certificate", "eligible_for"}) {
    if (n[k].IsDefined()) ++forms;
  }
  if (forms != 1) {
    ctx.Error(n, path,
              "a condition needs exactly one of all_of, any_of, not, fact, certificate, title, "
              "training_certificate, eligible_for",
              "条件必须且只能包含 "
              "all_of、any_of、not、fact、certificate、title、training_certificate、eligible_for 之一");
    return c;
  }
  if (n["all_of"].IsDefined()) {
    c.kind = Condition::Kind::kAllOf;
    ReadConditionList(ctx, r.Get("all_of"), r.Sub("all_of"), c);
  } else if (n["any_of"].IsDefined()) {
    c.kind = Condition::Kind::kAnyOf;
    ReadConditionList(ctx, r.Get("any_of"), r.Sub("any_of"), c);
  } else if (n["not"].IsDefined()) {
    c.kind = Condition::Kind::kNot;
    c.children.push_back(ReadCondition(ctx, r.Get("not"), r.Sub("not")));
  } else if (n["fact"].IsDefined()) {
    c.kind = Condition::Kind::kFact;
    c.fact = r.Str("fact", true);
    const FactInfo* info = FindFact(c.fact);
    if (!info) {
      std::string list;
      for (const auto& f : AllFacts()) list += (list.empty() ? "" : ", ") + std::string(f.name);
      ctx.Error(n["fact"], r.Sub("fact"), "unknown profile fact '" + c.fact + "'; known facts: " + list,
                "未知的考生信息项“" + c.fact + "”；可用：" + list);
    }
    int ops = 0;
    for (const char* k : {"at_least", "at_most", "equals", "in"}) {
      if (n[k].IsDefined()) ++ops;
    }
    if (ops != 1) {
      ctx.Error(n, path, "a fact condition needs exactly one of at_least, at_most, equals, in",
                "考生信息条件必须且只能包含 at_least、at_most、equals、in 之一");
      return c;
    }
    if (n["in"].IsDefined()) {
      c.op = Condition::Op::kIn;
      c.values = r.StrList("in");
    } else {
      const char* key = n["at_least"].IsDefined()  ? "at_least"
                        : n["at_most"].IsDefined() ? "at_most"
                                                   : "equals";
      c.op = n["at_least"].IsDefined()  ? Condition::Op::kAtLeast
             : n["at_most"].IsDefined() ? Condition::Op::kAtMost
                                        : Condition::Op::kEquals;
      c.value = r.Str(key, true);
    }
    if (info) {
      auto check_value = [&](const std::string& v, const char* key) {
        bool good = true;
        if (info->type == FactType::kBool) good = (v == "true" || v == "false");
        if (info->type == FactType::kNumber) {
          char* end = nullptr;
          std::strtod(v.c_str(), &end);
          good = !v.empty() && end && *end == '\0';
        }
        if (info->type == FactType::kEducation) good = EducationRank(v) >= 0;
        if (!good) {
          ctx.Error(n[key], r.Sub(key), "value '" + v + "' does not fit fact '" + c.fact + "'",
                    "取值“" + v + "”不适用于“" + c.fact + "”");
        }
      };
      if (c.op == Condition::Op::kIn) {
        for (const auto& v : c.values) check_value(v, "in");
      } else {
        check_value(c.value, c.op == Condition::Op::kAtLeast  ? "at_least"
                             : c.op == Condition::Op::kAtMost ? "at_most"
                                                              : "equals");
      }
      if (info->type == FactType::kBool && c.op != Condition::Op::kEquals) {
        ctx.Error(n, path, "a yes/no fact can only be compared with equals", "是/否类信息只能使用 equals");
      }
    }
  } else if (n["certificate"].IsDefined()) {
    c.kind = Condition::Kind::kCertificate;
    MapReader cr(ctx, r.Get("certificate"), r.Sub("certificate"));
    c.level = cr.Str("level_at_least", true);
    c.scopes = cr.StrList("scope");
    for (const auto& s : c.scopes) {
      if (s != "same" && s != "related") {
        ctx.Error(cr.node()["scope"], cr.Sub("scope"),
                  "certificate scope '" + s + "' must be same or related",
                  "证书范围“" + s + "”只能是 same 或 related");
      }
    }
    if (c.scopes.empty()) c.scopes = {"same"};
    c.years_after = cr.Num("years_after");
    cr.Finish();
  } else if (n["title"].IsDefined()) {
    c.kind = Condition::Kind::kTitle;
    MapReader tr(ctx, r.Get("title"), r.Sub("title"));
    c.title = tr.Str("at_least", true);
    if (!c.title.empty() && TitleRank(c.title) < 0) {
      ctx.Error(tr.node()["at_least"], tr.Sub("at_least"), "unknown professional title '" + c.title + "'",
                "未知的职称“" + c.title + "”");
    }
    c.years_after = tr.Num("years_after");
    tr.Finish();
  } else if (n["training_certificate"].IsDefined()) {
    c.kind = Condition::Kind::kTrainingCertificate;
    c.level = r.Str("training_certificate", true);
  } else {
    c.kind = Condition::Kind::kEligibleFor;
    c.level = r.Str("eligible_for", true);
  }
  r.Finish();
  return c;
}

Level ReadLevel(Ctx& ctx, const YAML::Node& n, const std::string& path) {
  Level l;
  MapReader r(ctx, n, path);
  l.id = r.Id("id");
  l.name = r.Str("name", true);
  l.en = r.Str("en");
  l.rank = r.Int("rank", 0, true);
  l.includes = r.StrList("includes");
  l.includes_ref = r.Ref("includes_ref");
  l.description = ReadText(r, "description");
  YAML::Node g = r.Get("grades");
  if (g.IsDefined() && !g.IsNull()) {
    if (!g.IsSequence()) {
      ctx.Error(g, r.Sub("grades"), "expected a list of whole numbers", "此处应为整数列表");
    } else {
      for (size_t i = 0; i < g.size(); ++i) {
        auto v = r.AsNum(g[i], r.Sub("grades"));
        if (v) l.grades.push_back(static_cast<int>(*v));
      }
    }
  }
  l.min_experience_years = r.Num("min_experience_years");
  l.note = r.Str("note");
  r.Finish();
  return l;
}

CatalogueEntry ReadCatalogueEntry(Ctx& ctx, const YAML::Node& n, const std::string& path) {
  CatalogueEntry e;
  MapReader r(ctx, n, path);
  e.id = r.Id("id");
  e.name = r.Str("name");
  e.text = r.Str("text");
  if (e.name.empty() && e.text.empty()) r.Missing("text", "a name or a text", "名称或文本");
  e.ref = r.Ref();
  e.note = r.Str("note");
  r.List("entries", [&](const YAML::Node& c, const std::string& p) {
    e.entries.push_back(ReadCatalogueEntry(ctx, c, p));
  });
  r.Finish();
  return e;
}

Clause ReadClause(Ctx& ctx, const YAML::Node& n, const std::string& path) {
  Clause c;
  MapReader r(ctx, n, path);
  c.id = r.Id("id");
  c.title = r.Str("title");
  c.text = r.Str("text", true);
  c.ref = r.Ref();
  c.note = r.Str("note");
  r.Finish();
  return c;
}

std::map<std::string, double> ReadLevelNumberMap(MapReader& parent, const char* key) {
  std::map<std::string, double> out;
  YAML::Node n = parent.Get(key);
  if (!n.IsDefined() || n.IsNull()) return out;
  if (!n.IsMap()) {
    parent.ctx().Error(n, parent.Sub(key), "expected a mapping of level id to number",
                       "此处应为“等级: 数值”映射");
    return out;
  }
  for (auto it = n.begin(); it != n.end(); ++it) {
    auto v = parent.AsNum(it->second, parent.Sub(key) + "." + it->first.Scalar());
    if (v) out[it->first.Scalar()] = *v;
  }
  return out;
}

void ReadPackInto(Ctx& ctx, const YAML::Node& root, Pack& p) {
  MapReader r(ctx, root, "");
  if (!r.ok()) return;
  p.format = r.Str("format", true);
  if (!p.format.empty() && p.format != "kaoping.standard/1") {
    ctx.Error(root["format"], "format", "unsupported format '" + p.format + "'; expected kaoping.standard/1",
              "不支持的格式“" + p.format + "”；应为 kaoping.standard/1");
  }
  p.id = r.Str("id", true);
  static const std::regex* const kPackId = new std::regex("^[a-z0-9][a-z0-9-]*$");
  if (!p.id.empty() && !std::regex_match(p.id, *kPackId)) {
    ctx.Error(root["id"], "id", "pack id '" + p.id + "' must be lowercase letters, digits and '-'",
              "标准包标识“" + p.id + "”只能包含小写字母、数字和“-”");
  }
  p.title = ReadLocalized(r, "title", true);
  p.short_name = ReadLocalized(r, "short_name", false);
  p.kind = r.Str("kind", true);
  CheckEnum(r, "kind", p.kind,
            {"evaluation_standard", "capability_requirements", "reference_catalogue", "draft_definition"});
  p.status = r.Str("status", true);
  CheckEnum(r, "status", p.status, {"published", "trial", "draft"});
  p.code = r.Str("code");
  p.note = r.Str("note");
  {
    MapReader s(ctx, r.Get("source"), "source");
    p.source.file = s.Str("file", true);
    p.source.title = s.Str("title", true);
    p.source.issuer = s.Str("issuer");
    s.Finish();
  }
  p.definition = ReadText(r, "definition");
  r.List("clauses", [&](const YAML::Node& n, const std::string& path) {
    p.clauses.push_back(ReadClause(ctx, n, path));
  });
  r.List("levels",
         [&](const YAML::Node& n, const std::string& path) { p.levels.push_back(ReadLevel(ctx, n, path)); });
  r.List("directions", [&](const YAML::Node& n, const std::string& path) {
    Direction d;
    MapReader dr(ctx, n, path);
    d.id = dr.Id("id");
    d.name = dr.Str("name", true);
    d.en = dr.Str("en");
    d.definition = ReadText(dr, "definition");
    d.ref = dr.Ref();
    d.note = dr.Str("note");
    dr.Finish();
    p.directions.push_back(std::move(d));
  });
  r.List("dimensions", [&](const YAML::Node& n, const std::string& path) {
    Dimension d;
    MapReader dr(ctx, n, path);
    d.id = dr.Id("id");
    d.name = dr.Str("name", true);
    d.en = dr.Str("en");
    d.ref = dr.Ref();
    YAML::Node em = dr.Get("evaluation_method");
    if (em.IsDefined() && !em.IsNull()) {
      MapReader er(ctx, em, dr.Sub("evaluation_method"));
      Text t;
      t.text = er.Str("text", true);
      t.ref = er.Ref();
      d.exam_kind = er.Str("exam_kind");
      CheckEnum(er, "exam_kind", d.exam_kind, ExamKinds());
      er.Finish();
      d.evaluation_method = t;
    }
    dr.List("elements", [&](const YAML::Node& en, const std::string& ep) {
      Element e;
      MapReader elr(ctx, en, ep);
      e.id = elr.Id("id");
      e.name = elr.Str("name", true);
      e.description = elr.Str("description");
      e.ref = elr.Ref();
      elr.Finish();
      d.elements.push_back(std::move(e));
    });
    dr.Finish();
    p.dimensions.push_back(std::move(d));
  });
  r.List("positions", [&](const YAML::Node& n, const std::string& path) {
    Position pos;
    MapReader pr(ctx, n, path);
    pos.id = pr.Id("id");
    pos.name = pr.Str("name", true);
    pos.direction = pr.Str("direction");
    pos.duties = ReadText(pr, "duties");
    pos.ref = pr.Ref();
    pos.note = pr.Str("note");
    pr.List("requirements", [&](const YAML::Node& qn, const std::string& qp) {
      Requirement q = ReadRequirement(ctx, qn, qp, RequirementKind::kKnowledge, true);
      q.position_id = pos.id;
      q.direction = pos.direction;
      q.path = "position/" + pos.id + "/" + q.id;
      ctx.requirement_marks[q.path].push_back(qn.Mark());
      pos.requirements.push_back(std::move(q));
    });
    pr.Finish();
    p.positions.push_back(std::move(pos));
  });
  r.List("catalogue", [&](const YAML::Node& n, const std::string& path) {
    Catalogue c;
    MapReader cr(ctx, n, path);
    c.id = cr.Id("id");
    c.title = cr.Str("title", true);
    c.ref = cr.Ref();
    c.note = cr.Str("note");
    cr.List("entries", [&](const YAML::Node& en, const std::string& ep) {
      c.entries.push_back(ReadCatalogueEntry(ctx, en, ep));
    });
    cr.Finish();
    p.catalogue.push_back(std::move(c));
  });
  {
    YAML::Node tn = r.Get("training");
    if (tn.IsDefined() && !tn.IsNull()) {
      Training t;
      MapReader tr(ctx, tn, "training");
      t.hours = ReadLevelNumberMap(tr, "hours");
      t.hours_ref = tr.Ref("hours_ref");
      tr.List("teachers", [&](const YAML::Node& n, const std::string& path) {
        TeacherRule rule;
        MapReader rr(ctx, n, path);
        rule.levels = rr.StrList("levels");
        rule.text = rr.Str("text", true);
        rule.ref = rr.Ref();
        rr.Finish();
        t.teachers.push_back(std::move(rule));
      });
      t.venue = ReadText(tr, "venue");
      tr.Finish();
      p.training = std::move(t);
    }
  }
  r.List("eligibility", [&](const YAML::Node& n, const std::string& path) {
    EligibilityBlock b;
    MapReader br(ctx, n, path);
    b.level = br.Str("level", true);
    b.ref = br.Ref();
    b.note = br.Str("note");
    YAML::Node req = br.Get("requires");
    if (req.IsDefined() && !req.IsNull()) b.requires_condition = ReadCondition(ctx, req, br.Sub("requires"));
    b.requires_text = br.Str("requires_text");
    br.List(
        "alternatives",
        [&](const YAML::Node& an, const std::string& ap) {
          Alternative a;
          MapReader ar(ctx, an, ap);
          a.id = ar.Id("id");
          a.text = ar.Str("text", true);
          a.ref = ar.Ref();
          a.review = ar.Bool("review", false);
          a.note = ar.Str("note");
          YAML::Node w = ar.Get("when");
          if (!w.IsDefined() || w.IsNull()) {
            ar.Missing("when", "a condition", "条件");
          } else {
            a.when = ReadCondition(ctx, w, ar.Sub("when"));
          }
          ar.Finish();
          b.alternatives.push_back(std::move(a));
        },
        true);
    br.Finish();
    p.eligibility.push_back(std::move(b));
  });
  r.List("eligibility_notes", [&](const YAML::Node& n, const std::string& path) {
    p.eligibility_notes.push_back(ReadClause(ctx, n, path));
  });
  {
    YAML::Node en = r.Get("exam_rules");
    if (en.IsDefined() && !en.IsNull()) {
      ExamRules e;
      MapReader er(ctx, en, "exam_rules");
      e.ref = er.Ref();
      e.note = er.Str("note");
      er.List("subjects", [&](const YAML::Node& n, const std::string& path) {
        Subject s;
        MapReader sr(ctx, n, path);
        s.kind = sr.Str("kind", true);
        CheckEnum(sr, "kind", s.kind, ExamKinds());
        s.name = sr.Str("name", true);
        s.methods = ReadText(sr, "methods");
        s.max_score = sr.Num("max_score").value_or(100);
        s.pass_score = sr.Num("pass_score");
        s.pass_ref = sr.Ref("pass_ref");
        for (const auto& [lvl, v] : ReadLevelNumberMap(sr, "min_duration_minutes"))
          s.min_duration_minutes[lvl] = static_cast<int>(v);
        s.duration_ref = sr.Ref("duration_ref");
        s.weight_table = sr.Str("weight_table");
        s.required = sr.Bool("required", true);
        s.levels = sr.StrList("levels");
        s.note = sr.Str("note");
        sr.Finish();
        e.subjects.push_back(std::move(s));
      });
      er.List("staffing", [&](const YAML::Node& n, const std::string& path) {
        StaffingRule s;
        MapReader sr(ctx, n, path);
        s.subject = sr.Str("subject", true);
        s.proctors_per_candidates = sr.Int("proctors_per_candidates", 0);
        s.min_proctors_per_room = sr.Int("min_proctors_per_room", 0);
        s.min_examiners = sr.Int("min_examiners", 0);
        s.examiners_odd = sr.Bool("examiners_odd", false);
        s.examiners_per_candidates = sr.Int("examiners_per_candidates", 0);
        s.ref = sr.Ref();
        s.note = sr.Str("note");
        sr.Finish();
        e.staffing.push_back(std::move(s));
      });
      er.List("venue", [&](const YAML::Node& n, const std::string& path) {
        VenueRule v;
        MapReader vr(ctx, n, path);
        v.subject = vr.Str("subject");
        v.text = vr.Str("text", true);
        v.ref = vr.Ref();
        vr.Finish();
        e.venue.push_back(std::move(v));
      });
      er.Finish();
      p.exam_rules = std::move(e);
    }
  }
  r.List("basic_requirements", [&](const YAML::Node& n, const std::string& path) {
    BasicRequirement b;
    MapReader br(ctx, n, path);
    b.id = br.Id("id");
    b.name = br.Str("name", true);
    std::string kind = br.Str("kind");
    b.kind = kind == "ethics" ? RequirementKind::kEthics : RequirementKind::kBasicKnowledge;
    if (!kind.empty()) CheckEnum(br, "kind", kind, {"ethics", "basic_knowledge"});
    b.ref = br.Ref();
    br.List("groups", [&](const YAML::Node& gn, const std::string& gp) {
      BasicGroup g;
      MapReader gr(ctx, gn, gp);
      g.id = gr.Id("id");
      g.name = gr.Str("name", true);
      g.ref = gr.Ref();
      gr.List("items", [&](const YAML::Node& in, const std::string& ip) {
        Requirement q = ReadRequirement(ctx, in, ip, b.kind, false);
        q.basic_id = b.id;
        q.group_id = g.id;
        q.path = "basic/" + g.id + "/" + q.id;
        ctx.requirement_marks[q.path].push_back(in.Mark());
        g.items.push_back(std::move(q));
      });
      gr.Finish();
      b.groups.push_back(std::move(g));
    });
    br.Finish();
    p.basic_requirements.push_back(std::move(b));
  });
  r.List("work_requirements", [&](const YAML::Node& n, const std::string& path) {
    WorkRequirementBlock w;
    MapReader wr(ctx, n, path);
    w.level = wr.Str("level", true);
    w.direction = wr.Str("direction");
    w.ref = wr.Ref();
    w.note = wr.Str("note");
    std::string prefix = (w.direction.empty() ? "" : w.direction + "/") + w.level + "/";
    wr.List(
        "functions",
        [&](const YAML::Node& fn, const std::string& fp) {
          Function f;
          MapReader fr(ctx, fn, fp);
          f.id = fr.Id("id");
          f.name = fr.Str("name", true);
          f.ref = fr.Ref();
          f.note = fr.Str("note");
          fr.List(
              "work_contents",
              [&](const YAML::Node& cn, const std::string& cp) {
                WorkContent c;
                MapReader cr(ctx, cn, cp);
                c.id = cr.Id("id");
                c.name = cr.Str("name", true);
                c.ref = cr.Ref();
                c.note = cr.Str("note");
                auto fill = [&](Requirement& q, const char* kind) {
                  q.level = w.level;
                  q.direction = w.direction;
                  q.function_id = f.id;
                  q.function_name = f.name;
                  q.work_content_id = c.id;
                  q.work_content_name = c.name;
                  q.path = prefix + kind + "/" + q.id;
                };
                cr.List("skills", [&](const YAML::Node& qn, const std::string& qp) {
                  Requirement q = ReadRequirement(ctx, qn, qp, RequirementKind::kSkillRequirement, false);
                  fill(q, "skill");
                  ctx.requirement_marks[q.path].push_back(qn.Mark());
                  c.skills.push_back(std::move(q));
                });
                cr.List("knowledge", [&](const YAML::Node& qn, const std::string& qp) {
                  Requirement q = ReadRequirement(ctx, qn, qp, RequirementKind::kKnowledgeRequirement, false);
                  fill(q, "knowledge");
                  ctx.requirement_marks[q.path].push_back(qn.Mark());
                  c.knowledge.push_back(std::move(q));
                });
                cr.Finish();
                f.work_contents.push_back(std::move(c));
              },
              true);
          fr.Finish();
          w.functions.push_back(std::move(f));
        },
        true);
    wr.Finish();
    p.work_requirements.push_back(std::move(w));
  });
  r.List("weight_tables", [&](const YAML::Node& n, const std::string& path) {
    WeightTable t;
    MapReader tr(ctx, n, path);
    t.id = tr.Id("id");
    t.title = tr.Str("title", true);
    t.exam_kind = tr.Str("exam_kind", true);
    CheckEnum(tr, "exam_kind", t.exam_kind, {"theory", "skill", "evaluation"});
    t.direction = tr.Str("direction");
    t.ref = tr.Ref();
    t.note = tr.Str("note");
    t.columns = tr.StrList("columns");
    if (t.columns.empty()) tr.Missing("columns", "a list of level ids", "等级标识列表");
    tr.List(
        "rows",
        [&](const YAML::Node& rn, const std::string& rp) {
          WeightRow row;
          row.line = rn.Mark().line + 1;
          MapReader rr(ctx, rn, rp);
          row.group = rr.Str("group");
          row.label = rr.Str("label", true);
          row.ref = rr.Ref();
          std::string target = rr.Str("target", true);
          auto colon = target.find(':');
          std::string kind = colon == std::string::npos ? "" : target.substr(0, colon);
          row.target_id = colon == std::string::npos ? "" : target.substr(colon + 1);
          if (kind == "basic") {
            row.target_kind = WeightTarget::kBasic;
          } else if (kind == "function") {
            row.target_kind = WeightTarget::kFunction;
          } else if (kind == "dimension") {
            row.target_kind = WeightTarget::kDimension;
          } else if (!target.empty()) {
            ctx.Error(rn["target"], rr.Sub("target"),
                      "target '" + target + "' must be basic:<id>, function:<id> or dimension:<id>",
                      "目标“" + target + "”应为 basic:<标识>、function:<标识> 或 dimension:<标识>");
          }
          YAML::Node wn = rr.Get("weights");
          if (!wn.IsSequence()) {
            ctx.Error(wn.IsDefined() ? wn : rn, rr.Sub("weights"),
                      "expected a list of numbers or '-', one per column", "此处应为每列一个数值或“-”的列表");
          } else {
            if (wn.size() != t.columns.size()) {
              ctx.Error(wn, rr.Sub("weights"),
                        "has " + std::to_string(wn.size()) + " cells but the table has " +
                            std::to_string(t.columns.size()) + " columns",
                        "有 " + std::to_string(wn.size()) + " 个单元格，但表有 " +
                            std::to_string(t.columns.size()) + " 列");
            }
            for (size_t i = 0; i < wn.size(); ++i) {
              if (wn[i].IsScalar() && wn[i].Scalar() == "-") {
                row.weights.push_back(std::nullopt);
              } else {
                auto v = rr.AsNum(wn[i], rr.Sub("weights") + "[" + std::to_string(i) + "]");
                row.weights.push_back(v ? std::optional<double>(*v) : std::optional<double>(0.0));
                if (v && (*v < 0 || *v > 100)) {
                  ctx.Error(wn[i], rr.Sub("weights") + "[" + std::to_string(i) + "]",
                            "a weight must be between 0 and 100", "权重必须在 0 到 100 之间");
                }
              }
            }
          }
          rr.Finish();
          t.rows.push_back(std::move(row));
        },
        true);
    tr.Finish();
    p.weight_tables.push_back(std::move(t));
  });
  {
    YAML::Node rn = r.Get("result_rules");
    if (rn.IsDefined() && !rn.IsNull()) {
      ResultRules rr;
      MapReader rrr(ctx, rn, "result_rules");
      rr.kind = rrr.Str("kind", true);
      CheckEnum(rrr, "kind", rr.kind, {"all_subjects_pass", "weighted_dimensions"});
      rr.ref = rrr.Ref();
      rr.weight_table = rrr.Str("weight_table");
      rr.pass_score = rrr.Num("pass_score");
      rr.platform_interpretation = rrr.Bool("platform_interpretation", false);
      rr.note = rrr.Str("note");
      rrr.List("banding", [&](const YAML::Node& bn, const std::string& bp) {
        Band b;
        MapReader br(ctx, bn, bp);
        b.min_score = br.Num("min_score", true).value_or(0);
        b.grade_index = br.Int("grade_index", 0, true);
        br.Finish();
        rr.banding.push_back(b);
      });
      std::sort(rr.banding.begin(), rr.banding.end(),
                [](const Band& a, const Band& b) { return a.min_score > b.min_score; });
      rrr.Finish();
      p.result_rules = std::move(rr);
    }
  }
  r.List("glossary", [&](const YAML::Node& n, const std::string& path) {
    GlossaryEntry g;
    MapReader gr(ctx, n, path);
    g.id = gr.Id("id");
    g.term = gr.Str("term", true);
    g.en = gr.Str("en");
    g.text = gr.Str("text");
    g.ref = gr.Ref();
    gr.Finish();
    p.glossary.push_back(std::move(g));
  });
  r.List("interpretations", [&](const YAML::Node& n, const std::string& path) {
    Interpretation i;
    MapReader ir(ctx, n, path);
    i.id = ir.Id("id");
    i.topic = ir.Str("topic", true);
    i.text = ReadLocalized(ir, "text", true);
    i.platform_interpretation = ir.Bool("platform_interpretation", true);
    i.ref = ir.Ref();
    ir.Finish();
    p.interpretations.push_back(std::move(i));
  });
  r.List("relations", [&](const YAML::Node& n, const std::string& path) {
    Relation rel;
    MapReader rr(ctx, n, path);
    rel.kind = rr.Str("kind", true);
    rel.target = rr.Str("target", true);
    rel.text = rr.Str("text");
    rel.ref = rr.Ref();
    rel.note = rr.Str("note");
    rr.Finish();
    p.relations.push_back(std::move(rel));
  });
  r.Finish();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Semantic validation.

namespace {

class Validator {
 public:
  Validator(const Pack& p, std::vector<Diagnostic>& out) : p_(p), out_(out) {}

  void Run() {
    CheckLevels();
    CheckUnique();
    CheckDirectionsAndPositions();
    CheckWork();
    CheckWeights();
    CheckExamRules();
    CheckEligibility();
    CheckResultRules();
  }

 private:
  void Error(int line, const std::string& key, std::string en, std::string zh) {
    Diagnostic d;
    d.file = p_.origin;
    d.line = line;
    d.column = line > 0 ? 1 : 0;
    d.key = key;
    d.message = std::move(en);
    d.message_zh = std::move(zh);
    out_.push_back(std::move(d));
  }

  bool LevelExists(const std::string& id) const { return p_.FindLevel(id) != nullptr; }

  void CheckLevels() {
    std::set<std::string> ids;
    std::set<int> ranks;
    for (size_t i = 0; i < p_.levels.size(); ++i) {
      const Level& l = p_.levels[i];
      std::string key = "levels[" + std::to_string(i) + "]";
      if (!ids.insert(l.id).second)
        Error(0, key + ".id", "duplicate level id '" + l.id + "'", "等级标识“" + l.id + "”重复");
      if (!ranks.insert(l.rank).second) {
        Error(0, key + ".rank", "two levels share rank " + std::to_string(l.rank),
              "两个等级的序号都是 " + std::to_string(l.rank));
      }
      for (const auto& inc : l.includes) {
        const Level* other = p_.FindLevel(inc);
        if (!other) {
          Error(0, key + ".includes", "includes unknown level '" + inc + "'",
                "包含了不存在的等级“" + inc + "”");
        } else if (other->rank >= l.rank) {
          Error(0, key + ".includes", "level '" + l.id + "' may include only lower levels, not '" + inc + "'",
                "等级“" + l.id + "”只能涵盖更低的等级，不能涵盖“" + inc + "”");
        }
      }
    }
    if (p_.kind == "evaluation_standard" && p_.levels.empty()) {
      Error(0, "levels", "an evaluation standard needs at least one level", "评价标准至少需要一个等级");
    }
  }

  void CheckUnique() {
    std::set<std::string> paths;
    for (const Requirement* q : p_.AllRequirements()) {
      if (!paths.insert(q->path).second) {
        Error(0, q->path, "duplicate requirement id '" + q->path + "'", "要求标识“" + q->path + "”重复");
      }
    }
    auto unique = [&](const auto& list, const char* what) {
      std::set<std::string> seen;
      for (size_t i = 0; i < list.size(); ++i) {
        const auto& x = list[i];
        if (!seen.insert(x.id).second) {
          Error(0, std::string(what) + "[" + std::to_string(i) + "].id",
                std::string("duplicate id '") + x.id + "' in " + what,
                std::string(what) + " 中的标识“" + x.id + "”重复");
        }
      }
    };
    unique(p_.directions, "directions");
    unique(p_.dimensions, "dimensions");
    unique(p_.positions, "positions");
    unique(p_.catalogue, "catalogue");
    unique(p_.weight_tables, "weight_tables");
    unique(p_.basic_requirements, "basic_requirements");
    unique(p_.clauses, "clauses");
    unique(p_.glossary, "glossary");
    unique(p_.interpretations, "interpretations");
  }

  void CheckDirectionsAndPositions() {
    for (size_t i = 0; i < p_.positions.size(); ++i) {
      const Position& pos = p_.positions[i];
      if (!pos.direction.empty() && !p_.FindDirection(pos.direction)) {
        Error(0, "positions[" + std::to_string(i) + "].direction",
              "unknown direction '" + pos.direction + "'", "不存在的方向“" + pos.direction + "”");
      }
      for (const auto& q : pos.requirements) {
        if (!q.dimension.empty() && !p_.dimensions.empty()) {
          bool found = false;
          for (const auto& d : p_.dimensions) found |= d.id == q.dimension;
          if (!found)
            Error(0, q.path + ".dimension", "unknown dimension '" + q.dimension + "'",
                  "不存在的维度“" + q.dimension + "”");
        }
      }
    }
  }

  void CheckWork() {
    std::set<std::pair<std::string, std::string>> seen;
    for (size_t i = 0; i < p_.work_requirements.size(); ++i) {
      const auto& w = p_.work_requirements[i];
      std::string key = "work_requirements[" + std::to_string(i) + "]";
      if (!LevelExists(w.level))
        Error(0, key + ".level", "unknown level '" + w.level + "'", "不存在的等级“" + w.level + "”");
      if (!w.direction.empty() && !p_.FindDirection(w.direction)) {
        Error(0, key + ".direction", "unknown direction '" + w.direction + "'",
              "不存在的方向“" + w.direction + "”");
      }
      if (!seen.insert({w.level, w.direction}).second) {
        Error(0, key, "a second block for level '" + w.level + "' direction '" + w.direction + "'",
              "等级“" + w.level + "”方向“" + w.direction + "”的工作要求重复出现");
      }
      std::set<std::string> fids;
      for (size_t f = 0; f < w.functions.size(); ++f) {
        const std::string& fid = w.functions[f].id;
        if (!fids.insert(fid).second) {
          Error(0, key + ".functions[" + std::to_string(f) + "].id", "duplicate function id '" + fid + "'",
                "职业功能标识“" + fid + "”重复");
        }
      }
    }
  }

  void CheckWeights() {
    for (size_t i = 0; i < p_.weight_tables.size(); ++i) {
      const WeightTable& t = p_.weight_tables[i];
      std::string key = "weight_tables[" + std::to_string(i) + "]";
      if (!t.direction.empty() && !p_.FindDirection(t.direction)) {
        Error(0, key + ".direction", "unknown direction '" + t.direction + "'",
              "不存在的方向“" + t.direction + "”");
      }
      for (size_t c = 0; c < t.columns.size(); ++c) {
        const std::string& level = t.columns[c];
        if (!LevelExists(level)) {
          Error(0, key + ".columns", "column '" + level + "' is not a level of this standard",
                "列“" + level + "”不是本标准的等级");
          continue;
        }
        double sum = 0;
        for (const auto& row : t.rows) {
          if (c < row.weights.size() && row.weights[c]) sum += *row.weights[c];
        }
        if (std::fabs(sum - 100.0) > 1e-9) {
          std::ostringstream os;
          os << sum;
          Error(t.rows.empty() ? 0 : t.rows.front().line, key + ".rows",
                "column '" + level + "' sums to " + os.str() + ", expected 100",
                "“" + level + "”列合计为 " + os.str() + "，应为 100");
        }
        for (size_t r = 0; r < t.rows.size(); ++r) {
          const WeightRow& row = t.rows[r];
          if (c >= row.weights.size() || !row.weights[c]) continue;  // '-' = not examined here
          std::string rkey = key + ".rows[" + std::to_string(r) + "].target";
          if (row.target_kind == WeightTarget::kFunction) {
            const WorkRequirementBlock* w = p_.FindWork(level, t.direction);
            bool found = false;
            if (w) {
              for (const auto& f : w->functions) found |= f.id == row.target_id;
            }
            if (!found) {
              Error(row.line, rkey,
                    "function '" + row.target_id + "' (" + row.label + ") has a weight at level '" + level +
                        "' but no such function exists there" +
                        (t.direction.empty() ? "" : " in direction '" + t.direction + "'"),
                    "职业功能“" + row.target_id + "”（" + row.label + "）在等级“" + level +
                        "”有权重，但该等级没有此职业功能");
            }
          } else if (row.target_kind == WeightTarget::kBasic) {
            bool found = false;
            for (const auto& b : p_.basic_requirements) found |= b.id == row.target_id;
            if (!found) {
              Error(row.line, rkey, "basic requirement '" + row.target_id + "' does not exist",
                    "基本要求“" + row.target_id + "”不存在");
            }
          } else {
            bool found = false;
            for (const auto& d : p_.dimensions) found |= d.id == row.target_id;
            if (!found)
              Error(row.line, rkey, "dimension '" + row.target_id + "' does not exist",
                    "维度“" + row.target_id + "”不存在");
          }
        }
      }
    }
  }

  void CheckExamRules() {
    if (!p_.exam_rules) return;
    for (size_t i = 0; i < p_.exam_rules->subjects.size(); ++i) {
      const Subject& s = p_.exam_rules->subjects[i];
      std::string key = "exam_rules.subjects[" + std::to_string(i) + "]";
      if (!s.weight_table.empty() && !p_.FindWeightTable(s.weight_table)) {
        // Per-direction standards name the table family by exam kind; accept that too.
        bool family = false;
        for (const auto& t : p_.weight_tables) family |= t.exam_kind == s.weight_table;
        if (!family) {
          Error(0, key + ".weight_table", "unknown weight table '" + s.weight_table + "'",
                "不存在的权重表“" + s.weight_table + "”");
        }
      }
      for (const auto& [level, minutes] : s.min_duration_minutes) {
        if (!LevelExists(level))
          Error(0, key + ".min_duration_minutes", "unknown level '" + level + "'",
                "不存在的等级“" + level + "”");
        if (minutes <= 0)
          Error(0, key + ".min_duration_minutes", "a duration must be positive", "考试时长必须为正数");
      }
      for (const auto& level : s.levels) {
        if (!LevelExists(level))
          Error(0, key + ".levels", "unknown level '" + level + "'", "不存在的等级“" + level + "”");
      }
      if (s.pass_score && (*s.pass_score < 0 || *s.pass_score > s.max_score)) {
        Error(0, key + ".pass_score", "pass score must lie between 0 and max_score",
              "合格分数必须在 0 与满分之间");
      }
    }
    for (size_t i = 0; i < p_.exam_rules->staffing.size(); ++i) {
      const StaffingRule& s = p_.exam_rules->staffing[i];
      std::string key = "exam_rules.staffing[" + std::to_string(i) + "]";
      if (!p_.exam_rules->FindSubject(s.subject)) {
        Error(0, key + ".subject", "staffing rule for unknown subject '" + s.subject + "'",
              "配比规则指向不存在的科目“" + s.subject + "”");
      }
      if (s.examiners_odd && s.min_examiners % 2 == 0 && s.min_examiners > 0) {
        Error(0, key + ".min_examiners", "examiners must be odd but the minimum is even",
              "考评人员须为单数，但最少人数为双数");
      }
    }
  }

  void CheckCondition(const Condition& c, const std::string& key) {
    switch (c.kind) {
      case Condition::Kind::kAllOf:
      case Condition::Kind::kAnyOf:
      case Condition::Kind::kNot:
        for (const auto& ch : c.children) CheckCondition(ch, key);
        break;
      case Condition::Kind::kCertificate:
      case Condition::Kind::kTrainingCertificate:
      case Condition::Kind::kEligibleFor:
        if (!LevelExists(c.level)) {
          Error(c.line, key, "condition names unknown level '" + c.level + "'",
                "条件引用了不存在的等级“" + c.level + "”");
        }
        if (c.kind == Condition::Kind::kTrainingCertificate && p_.training && !p_.training->hours.empty() &&
            !p_.training->hours.count(c.level)) {
          Error(c.line, key, "no training hours are defined for level '" + c.level + "'",
                "未定义等级“" + c.level + "”的培训学时");
        }
        break;
      default:
        break;
    }
  }

  bool RefersTo(const Condition& c, const std::string& level) const {
    if (c.kind == Condition::Kind::kEligibleFor && c.level == level) return true;
    for (const auto& ch : c.children) {
      if (RefersTo(ch, level)) return true;
    }
    return false;
  }

  void CheckEligibility() {
    std::set<std::string> seen;
    for (size_t i = 0; i < p_.eligibility.size(); ++i) {
      const EligibilityBlock& b = p_.eligibility[i];
      std::string key = "eligibility[" + std::to_string(i) + "]";
      if (!LevelExists(b.level))
        Error(0, key + ".level", "unknown level '" + b.level + "'", "不存在的等级“" + b.level + "”");
      if (!seen.insert(b.level).second)
        Error(0, key + ".level", "a second block for level '" + b.level + "'",
              "等级“" + b.level + "”的申报条件重复");
      if (b.requires_condition) CheckCondition(*b.requires_condition, key + ".requires");
      std::set<std::string> ids;
      for (size_t a = 0; a < b.alternatives.size(); ++a) {
        const auto& alt = b.alternatives[a];
        std::string akey = key + ".alternatives[" + std::to_string(a) + "]";
        if (!ids.insert(alt.id).second)
          Error(0, akey + ".id", "duplicate alternative id '" + alt.id + "'",
                "申报条件标识“" + alt.id + "”重复");
        CheckCondition(alt.when, akey + ".when");
        if (RefersTo(alt.when, b.level)) {
          Error(alt.when.line, akey + ".when",
                "a level's rule cannot refer to eligibility for the same level",
                "等级的申报条件不能引用同一等级的申报资格");
        }
      }
    }
    // eligible_for must not form a cycle between levels.
    for (size_t i = 0; i < p_.eligibility.size(); ++i) {
      const EligibilityBlock& b = p_.eligibility[i];
      std::set<std::string> visiting;
      if (HasCycle(b.level, visiting)) {
        Error(0, "eligibility[" + std::to_string(i) + "]",
              "eligible_for rules form a cycle through level '" + b.level + "'",
              "eligible_for 规则在等级“" + b.level + "”处形成循环");
        break;
      }
    }
  }

  bool HasCycle(const std::string& level, std::set<std::string>& visiting) const {
    if (!visiting.insert(level).second) return true;
    const EligibilityBlock* b = p_.FindEligibility(level);
    if (b) {
      std::vector<std::string> targets;
      std::function<void(const Condition&)> collect = [&](const Condition& c) {
        if (c.kind == Condition::Kind::kEligibleFor) targets.push_back(c.level);
        for (const auto& ch : c.children) collect(ch);
      };
      for (const auto& a : b->alternatives) collect(a.when);
      for (const auto& t : targets) {
        if (HasCycle(t, visiting)) return true;
      }
    }
    visiting.erase(level);
    return false;
  }

  void CheckResultRules() {
    if (!p_.result_rules) return;
    const ResultRules& r = *p_.result_rules;
    if (r.kind == "weighted_dimensions") {
      const WeightTable* t = p_.FindWeightTable(r.weight_table);
      if (!t) {
        Error(0, "result_rules.weight_table", "unknown weight table '" + r.weight_table + "'",
              "不存在的权重表“" + r.weight_table + "”");
      }
      if (!r.pass_score)
        Error(0, "result_rules.pass_score", "weighted_dimensions needs a pass_score",
              "weighted_dimensions 需要 pass_score");
      for (const auto& b : r.banding) {
        for (const auto& l : p_.levels) {
          if (!l.grades.empty() && (b.grade_index < 1 || b.grade_index > static_cast<int>(l.grades.size()))) {
            Error(0, "result_rules.banding",
                  "grade_index " + std::to_string(b.grade_index) + " is outside level '" + l.id + "'",
                  "grade_index " + std::to_string(b.grade_index) + " 超出等级“" + l.id + "”的范围");
          }
        }
      }
    }
  }

  const Pack& p_;
  std::vector<Diagnostic>& out_;
};

// The node a key path such as "exam_rules.staffing[0].subject" names, or the deepest ancestor
// that exists (a missing key is reported at the mapping that lacks it).
YAML::Mark MarkOfKeyPath(const YAML::Node& root, const std::string& key) {
  YAML::Node node;
  node.reset(root);
  size_t i = 0;
  while (i < key.size()) {
    size_t end = key.find_first_of(".[", i);
    if (end == std::string::npos) end = key.size();
    const YAML::Node& cur = node;  // const access: never adds keys to the parsed tree
    YAML::Node next;
    if (end > i) {  // a mapping key
      std::string name = key.substr(i, end - i);
      if (!cur.IsMap() || !cur[name].IsDefined()) break;
      next.reset(cur[name]);
    } else if (key[i] == '[') {  // a list index
      size_t close = key.find(']', i);
      if (close == std::string::npos) break;
      size_t index = std::stoul(key.substr(i + 1, close - i - 1));
      if (!cur.IsSequence() || index >= cur.size()) break;
      next.reset(cur[index]);
      end = close + 1;
    }
    if (end > i) node.reset(next);
    i = end;
    if (i < key.size() && key[i] == '.') ++i;
  }
  return node.Mark();
}

// Semantic diagnostics only know key paths (the model keeps no YAML positions): give them the
// line of the node the key names, so that every error names its line.
void FillLines(const Ctx& ctx, const YAML::Node& root, std::vector<Diagnostic>& diags) {
  std::map<std::string, size_t> repeats;
  for (auto& d : diags) {
    if (d.line > 0) continue;
    YAML::Mark mark = YAML::Mark::null_mark();
    if (d.key.find('/') != std::string::npos) {
      // A requirement path ("mid/skill/1.1.1"), perhaps followed by ".dimension".
      std::string path = d.key;
      const std::string suffix = ".dimension";
      bool dimension = path.size() > suffix.size() &&
                       path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
      if (dimension) path.resize(path.size() - suffix.size());
      auto it = ctx.requirement_marks.find(path);
      if (it != ctx.requirement_marks.end() && !it->second.empty()) {
        // A duplicate is reported once per repetition: name the repetition.
        size_t nth = dimension ? 0 : std::min(++repeats[path], it->second.size() - 1);
        mark = it->second[nth];
      }
    } else {
      mark = MarkOfKeyPath(root, d.key);
    }
    if (mark.line >= 0) {
      d.line = mark.line + 1;
      d.column = mark.column + 1;
    }
  }
}

}  // namespace

std::vector<Diagnostic> ValidatePack(const Pack& pack) {
  std::vector<Diagnostic> out;
  Validator(pack, out).Run();
  return out;
}

ParseOutcome ParsePack(std::string_view yaml_text, std::string_view origin) {
  ParseOutcome out;
  Ctx ctx;
  ctx.file = std::string(origin);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    Diagnostic d;
    d.file = ctx.file;
    d.line = e.mark.line >= 0 ? e.mark.line + 1 : 0;
    d.column = e.mark.column >= 0 ? e.mark.column + 1 : 0;
    d.message = "YAML syntax error: " + e.msg;
    d.message_zh = "YAML 语法错误：" + e.msg;
    out.diagnostics.push_back(std::move(d));
    return out;
  }
  Pack p;
  p.origin = ctx.file;
  try {
    ReadPackInto(ctx, root, p);
  } catch (const YAML::Exception& e) {
    ctx.Error(root, "", std::string("YAML error: ") + e.what(), std::string("YAML 错误：") + e.what());
  }
  out.diagnostics = std::move(ctx.diags);
  if (out.diagnostics.empty()) {
    auto semantic = ValidatePack(p);
    out.diagnostics.insert(out.diagnostics.end(), semantic.begin(), semantic.end());
  }
  FillLines(ctx, root, out.diagnostics);
  if (out.diagnostics.empty()) out.pack = std::move(p);
  return out;
}

Result<Pack> LoadPack(std::string_view yaml_text, std::string_view origin) {
  ParseOutcome o = ParsePack(yaml_text, origin);
  if (o.pack) return std::move(*o.pack);
  std::string en, zh;
  size_t shown = 0;
  for (const auto& d : o.diagnostics) {
    if (shown++ == 20) {
      en += "\n… and " + std::to_string(o.diagnostics.size() - 20) + " more";
      zh += "\n…… 另有 " + std::to_string(o.diagnostics.size() - 20) + " 处错误";
      break;
    }
    en += "\n" + d.ToString();
    zh += "\n" + d.ToStringZh();
  }
  return InvalidArgument(
      "standard.invalid_pack",
      std::string(origin) + ": " + std::to_string(o.diagnostics.size()) + " error(s) in standard pack" + en,
      std::string(origin) + "：标准包中有 " + std::to_string(o.diagnostics.size()) + " 处错误" + zh);
}

}  // namespace kaoping::standards
