// QTI 2.x / 3.0 reading: content package → manifest → item files → bank::Item (qti.h).
//
// Items kaoping wrote (their manifest resource carries <kp:item>) are read exactly: the stem,
// options, rubric and texts are taken verbatim from the parts kaoping marks with kp-* classes.
// Items from other tools are read leniently: XHTML is flattened to text the way a browser shows
// it (whitespace collapsed, blocks on their own lines), foreign choice identifiers become A, B,
// C…, and every default applied is reported as a warning.

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "base/utf8.h"
#include "interop/qti.h"
#include "interop/qti_internal.h"
#include "interop/vocabulary.h"
#include "interop/zip_archive.h"

namespace kaoping::interop {

using bank::Item;
using bank::ItemType;

namespace {

constexpr std::size_t kMaxItemsPerPackage = 20000;
constexpr int kMaxDepth = 64;  // Nesting depth walked in item bodies (hostile files nest deeply).

std::string QName(const pugi::xml_node& n) {
  return NormaliseQtiName(n.name());
}

bool Is(const pugi::xml_node& n, std::string_view name) {
  return n.type() == pugi::node_element && QName(n) == name;
}

// The attribute whose normalised name is `camel` ("responseIdentifier" matches
// "response-identifier" too); "" when absent.
std::string Attr(const pugi::xml_node& n, std::string_view camel) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    if (NormaliseQtiName(a.name()) == camel) return a.value();
  }
  return "";
}

bool HasAttr(const pugi::xml_node& n, std::string_view camel) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    if (NormaliseQtiName(a.name()) == camel) return true;
  }
  return false;
}

pugi::xml_node FirstChild(const pugi::xml_node& n, std::string_view name) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (Is(c, name)) return c;
  }
  return {};
}

std::vector<pugi::xml_node> Children(const pugi::xml_node& n, std::string_view name) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (Is(c, name)) out.push_back(c);
  }
  return out;
}

bool HasClass(const pugi::xml_node& n, std::string_view cls) {
  std::string_view all = n.attribute("class").value();
  std::size_t i = 0;
  while (i < all.size()) {
    while (i < all.size() && all[i] == ' ') ++i;
    std::size_t j = i;
    while (j < all.size() && all[j] != ' ') ++j;
    if (all.substr(i, j - i) == cls) return true;
    i = j;
  }
  return false;
}

// The namespace URI an element's prefix is bound to, from its own or an ancestor's xmlns.
std::string NamespaceOf(const pugi::xml_node& n) {
  std::string_view name = n.name();
  const std::size_t colon = name.find(':');
  const std::string attr =
      colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
  for (pugi::xml_node x = n; x; x = x.parent()) {
    if (pugi::xml_attribute a = x.attribute(attr.c_str())) return a.value();
  }
  return "";
}

std::string_view LocalName(const pugi::xml_node& n) {
  std::string_view name = n.name();
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string TrimmedText(const pugi::xml_node& n) {
  return std::string(TrimText(n.text().get()));
}

bool IsBlockElement(std::string_view name) {
  static const std::set<std::string_view> kBlocks = {
      "p",          "div",        "h1",      "h2",      "h3",          "h4",           "h5",
      "h6",         "ul",         "ol",      "li",      "dl",          "dt",           "dd",
      "table",      "thead",      "tbody",   "tfoot",   "tr",          "caption",      "pre",
      "blockquote", "hr",         "section", "article", "aside",       "header",       "footer",
      "figure",     "figcaption", "address", "prompt",  "contentBody", "simpleChoice", "nav",
  };
  return kBlocks.count(name) > 0;
}

// Plain text from XHTML, as a reader sees it. In flow mode whitespace collapses and blocks start
// new lines (empty lines dropped); exact lines (from kaoping's own parts) are kept verbatim.
class TextSink {
 public:
  void Text(std::string_view s) {
    for (char c : s) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        pending_space_ = !cur_.empty();
        continue;
      }
      if (pending_space_) cur_.push_back(' ');
      pending_space_ = false;
      cur_.push_back(c);
    }
  }
  void LineBreak() {
    lines_.push_back({cur_, false});
    cur_.clear();
    pending_space_ = false;
  }
  void EndBlock() {
    if (!cur_.empty()) lines_.push_back({cur_, false});
    cur_.clear();
    pending_space_ = false;
  }
  void Exact(std::string_view text) {
    EndBlock();
    std::size_t start = 0;
    while (true) {
      const std::size_t nl = text.find('\n', start);
      lines_.push_back({std::string(text.substr(
                            start, nl == std::string_view::npos ? std::string_view::npos : nl - start)),
                        true});
      if (nl == std::string_view::npos) break;
      start = nl + 1;
    }
  }
  std::string Finish() {
    EndBlock();
    std::string out;
    bool first = true;
    for (const auto& [line, exact] : lines_) {
      std::string l = exact ? line : std::string(TrimText(line));
      if (!exact && l.empty()) continue;
      if (!first) out.push_back('\n');
      out += l;
      first = false;
    }
    return out;
  }

 private:
  std::string cur_;
  bool pending_space_ = false;
  std::vector<std::pair<std::string, bool>> lines_;
};

// Verbatim text of kaoping's inline content: text nodes as written, <br/> as "\n".
std::string ExactInline(const pugi::xml_node& n, int depth = 0) {
  std::string out;
  if (depth > kMaxDepth) return out;
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      out += c.value();
    } else if (c.type() == pugi::node_element) {
      if (QName(c) == "br") {
        out.push_back('\n');
      } else {
        out += ExactInline(c, depth + 1);
      }
    }
  }
  return out;
}

// Verbatim text of a kaoping block: its <p> children joined by "\n", else its inline content.
std::string ExactText(const pugi::xml_node& n) {
  std::vector<pugi::xml_node> ps = Children(n, "p");
  if (ps.empty()) return ExactInline(n);
  std::string out;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    if (i > 0) out.push_back('\n');
    out += ExactInline(ps[i]);
  }
  return out;
}

// rubricBlock content: QTI 3.0 wraps it in qti-content-body.
pugi::xml_node ContentOf(const pugi::xml_node& rubric_block) {
  pugi::xml_node body = FirstChild(rubric_block, "contentBody");
  return body ? body : rubric_block;
}

std::vector<std::string> ViewTokens(const pugi::xml_node& n) {
  std::vector<std::string> out;
  for (const std::string& t : SplitIdList(Attr(n, "view"))) out.push_back(t);
  return out;
}

bool HasView(const pugi::xml_node& n, std::string_view view) {
  for (const std::string& t : ViewTokens(n)) {
    if (t == view) return true;
  }
  return false;
}

// ---- kaoping metadata --------------------------------------------------------------------------

struct KpBlank {
  std::string id;
  std::string response;
  std::string marker;
  double points = 0;
};

struct KpMeta {
  Item item;  // the fields the metadata carries
  std::vector<KpBlank> blanks;
  bool has_task = false;
  int task_minutes = 0;
};

// Finds <kp:item> (by namespace, any prefix) inside a resource's <metadata>.
pugi::xml_node FindKpItem(const pugi::xml_node& resource) {
  for (pugi::xml_node md = resource.first_child(); md; md = md.next_sibling()) {
    if (md.type() != pugi::node_element || LocalName(md) != "metadata") continue;
    for (pugi::xml_node c = md.first_child(); c; c = c.next_sibling()) {
      if (c.type() == pugi::node_element && LocalName(c) == "item" && NamespaceOf(c) == kKaopingMetadataNs)
        return c;
    }
  }
  return {};
}

std::vector<pugi::xml_node> KpChildren(const pugi::xml_node& n, std::string_view local) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c) == local) out.push_back(c);
  }
  return out;
}

std::string KpText(const pugi::xml_node& n, std::string_view local) {
  auto v = KpChildren(n, local);
  return v.empty() ? "" : std::string(v.front().text().get());
}

// Parses <kp:item>; appends "what: message" problems (English, Chinese) on bad values.
std::optional<KpMeta> ParseKpMeta(const pugi::xml_node& kp,
                                  std::vector<std::pair<std::string, std::string>>* problems) {
  KpMeta m;
  Item& it = m.item;
  auto bad = [&](const std::string& what, const std::string& value) {
    problems->push_back({"kaoping metadata: bad " + what + " \"" + value + "\"",
                         "kaoping 元数据中的 " + what + "「" + value + "」无效"});
  };
  it.id = kp.attribute("id").value();
  if (auto v = ParseNumber(kp.attribute("version").value());
      v && *v >= 1 && std::floor(*v) == *v && *v < 1e9) {
    it.version = static_cast<int>(*v);
  } else {
    bad("version", kp.attribute("version").value());
  }
  if (auto t = bank::ParseItemType(kp.attribute("type").value())) {
    it.type = *t;
  } else {
    bad("type", kp.attribute("type").value());
  }
  if (auto s = bank::ParseItemStatus(kp.attribute("status").value())) {
    it.status = *s;
  } else {
    bad("status", kp.attribute("status").value());
  }
  if (auto p = ParseNumber(kp.attribute("points").value())) {
    it.points = *p;
  } else {
    bad("points", kp.attribute("points").value());
  }
  const std::string_view syn = kp.attribute("synthetic").value();
  if (syn == "true" || syn == "false" || syn.empty()) {
    it.synthetic = syn == "true";
  } else {
    bad("synthetic", std::string(syn));
  }
  if (const char* ms = kp.attribute("updated-ms").value(); *ms != '\0') {
    char* end = nullptr;
    const long long v = std::strtoll(ms, &end, 10);
    if (end == nullptr || *end != '\0') {
      bad("updated-ms", ms);
    } else {
      it.updated_ms = v;
    }
  }
  it.author = KpText(kp, "author");
  it.reviewer = KpText(kp, "reviewer");
  it.source = KpText(kp, "source");
  it.licence = KpText(kp, "licence");
  for (const pugi::xml_node& d : KpChildren(kp, "difficulty")) {
    auto num = [&](const char* key, std::optional<double>* out) {
      if (pugi::xml_attribute a = d.attribute(key)) {
        if (auto v = ParseNumber(a.value())) {
          *out = *v;
        } else {
          bad(std::string("difficulty ") + key, a.value());
        }
      }
    };
    num("p", &it.difficulty.p);
    num("a", &it.difficulty.a);
    num("b", &it.difficulty.b);
    num("c", &it.difficulty.c);
    it.difficulty.provenance = KpText(d, "provenance");
  }
  for (const pugi::xml_node& a : KpChildren(kp, "alignment")) {
    bank::Alignment& al = it.alignment;
    al.standard = a.attribute("standard").value();
    al.direction = a.attribute("direction").value();
    al.exam_kind = a.attribute("exam-kind").value();
    al.function = a.attribute("function").value();
    al.work_content = a.attribute("work-content").value();
    for (const auto& l : KpChildren(a, "level")) al.levels.push_back(l.text().get());
    for (const auto& r : KpChildren(a, "requirement")) al.requirements.push_back(r.text().get());
    for (const auto& k : KpChildren(a, "knowledge-point")) al.knowledge_points.push_back(k.text().get());
  }
  for (const auto& e : KpChildren(kp, "enemy")) it.enemies.push_back(e.text().get());
  for (const auto& b : KpChildren(kp, "blank")) {
    KpBlank kb;
    kb.id = b.attribute("id").value();
    kb.response = b.attribute("response").value();
    kb.marker = b.attribute("marker").value();
    if (auto p = ParseNumber(b.attribute("points").value())) {
      kb.points = *p;
    } else {
      bad("blank points", b.attribute("points").value());
    }
    m.blanks.push_back(std::move(kb));
  }
  for (const auto& t : KpChildren(kp, "task")) {
    m.has_task = true;
    if (auto v = ParseNumber(t.attribute("time-minutes").value());
        v && std::floor(*v) == *v && *v >= 0 && *v < 1e6) {
      m.task_minutes = static_cast<int>(*v);
    } else {
      bad("task time-minutes", t.attribute("time-minutes").value());
    }
  }
  if (!problems->empty()) return std::nullopt;
  return m;
}

// ---- Items ---------------------------------------------------------------------------------------

struct Decl {
  std::string cardinality = "single";
  std::string base_type;
  std::vector<std::string> correct;
  std::optional<QtiMapping> mapping;
};

std::string VersionOfNamespace(const std::string& ns, const pugi::xml_node& root) {
  if (ns.find("imsqtiasi_v3p0") != std::string::npos) return "qti3.0";
  if (ns.find("imsqti_v2p2") != std::string::npos) return "qti2.2";
  if (ns.find("imsqti_v2p1") != std::string::npos) return "qti2.1";
  if (ns.find("imsqti_v2p0") != std::string::npos) return "qti2.0";
  return std::string_view(root.name()).rfind("qti-", 0) == 0 ? "qti3.0" : "qti";
}

// responseProcessing that only sets SCORE to the sum of mapResponse over the blanks — what
// kaoping writes for several blanks, and what a map_response template means per blank.
bool IsSumOfMapResponses(const pugi::xml_node& rp) {
  std::vector<pugi::xml_node> kids;
  for (pugi::xml_node c = rp.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element) kids.push_back(c);
  }
  if (kids.size() != 1 || !Is(kids[0], "setOutcomeValue") || Attr(kids[0], "identifier") != "SCORE")
    return false;
  pugi::xml_node sum = FirstChild(kids[0], "sum");
  if (!sum) return false;
  for (pugi::xml_node c = sum.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && !Is(c, "mapResponse")) return false;
  }
  return true;
}

// Reads one assessmentItem document.
class ItemReader {
 public:
  ItemReader(std::string file, const ImportOptions& options, const KpMeta* meta, std::string default_source,
             ImportBatch* batch)
      : file_(std::move(file)),
        options_(options),
        meta_(meta),
        default_source_(std::move(default_source)),
        batch_(batch) {}

  // The item, or nullopt after reporting why not. `format` receives "qti2.1" / "qti3.0" ….
  std::optional<Item> Read(std::string_view xml, std::string* format);

 private:
  void Error(std::string header, std::string reason, std::string zh, std::string en) {
    RowError e;
    e.file = file_;
    e.header = std::move(header);
    e.item_id = item_id_;
    e.reason = std::move(reason);
    e.reason_zh = std::move(zh);
    e.reason_en = std::move(en);
    batch_->errors.push_back(std::move(e));
    ++errors_;
  }
  void Warn(std::string header, std::string reason, std::string zh, std::string en) {
    RowError e;
    e.file = file_;
    e.header = std::move(header);
    e.item_id = item_id_;
    e.reason = std::move(reason);
    e.reason_zh = std::move(zh);
    e.reason_en = std::move(en);
    batch_->warnings.push_back(std::move(e));
  }

  void Walk(const pugi::xml_node& n, TextSink& sink, int depth);
  std::string FlowText(const pugi::xml_node& n) {
    TextSink sink;
    Walk(n, sink, 0);
    return sink.Finish();
  }
  std::string OptionText(const pugi::xml_node& n) { return meta_ ? ExactInline(n) : FlowText(n); }
  std::string MarkerFor(const pugi::xml_node& text_entry);
  void ReadDeclarations(const pugi::xml_node& root);
  void ReadChoice(Item& item, const pugi::xml_node& ci);
  void ReadFillIn(Item& item);
  void ReadOpen(Item& item);
  void ReadRubricBlocks(Item& item);
  void ApplyMetadata(Item& item);
  void ApplyDefaults(Item& item, const pugi::xml_node& root);

  std::string file_;
  const ImportOptions& options_;
  const KpMeta* meta_;
  std::string default_source_;
  ImportBatch* batch_;
  std::string item_id_;
  int errors_ = 0;

  std::map<std::string, Decl> decls_;
  std::optional<double> max_score_;
  RpTemplate template_ = RpTemplate::kNone;
  bool custom_processing_ = false;
  std::vector<pugi::xml_node> choices_;
  std::vector<pugi::xml_node> text_entries_;
  std::vector<pugi::xml_node> extended_;
  std::vector<pugi::xml_node> rubric_blocks_;
  pugi::xml_node task_;
  std::set<std::string> unsupported_;
  bool media_warned_ = false;
};

std::string ItemReader::MarkerFor(const pugi::xml_node& te) {
  const std::string rid = Attr(te, "responseIdentifier");
  if (meta_) {
    for (const KpBlank& b : meta_->blanks) {
      if (b.response == rid && !b.marker.empty()) return b.marker;
    }
  }
  // Foreign items: blanks numbered in body order.
  for (std::size_t i = 0; i < text_entries_.size(); ++i) {
    if (text_entries_[i] == te) return "{{" + std::to_string(i + 1) + "}}";
  }
  return "{{?}}";
}

void ItemReader::Walk(const pugi::xml_node& n, TextSink& sink, int depth) {
  if (depth > kMaxDepth) {
    Error("itemBody", "interop.qti_too_deep", "题目内容嵌套过深", "the item body nests too deeply");
    return;
  }
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      sink.Text(c.value());
      continue;
    }
    if (c.type() != pugi::node_element) continue;
    const std::string name = QName(c);
    if (HasClass(c, internal::kStemClass)) {
      // kaoping's stem: lines verbatim; blanks become their markers.
      std::string text;
      std::vector<pugi::xml_node> ps = Children(c, "p");
      for (std::size_t i = 0; i < ps.size(); ++i) {
        if (i > 0) text.push_back('\n');
        for (pugi::xml_node k = ps[i].first_child(); k; k = k.next_sibling()) {
          if (k.type() == pugi::node_pcdata || k.type() == pugi::node_cdata) {
            text += k.value();
          } else if (Is(k, "textEntryInteraction")) {
            text_entries_.push_back(k);
            text += MarkerFor(k);
          } else if (Is(k, "br")) {
            text.push_back('\n');
          } else if (k.type() == pugi::node_element) {
            text += ExactInline(k);
          }
        }
      }
      sink.Exact(text);
      continue;
    }
    if (HasClass(c, internal::kTaskClass)) {
      task_ = c;
      continue;
    }
    if (name == "rubricBlock") {
      if (HasView(c, "candidate") && !HasView(c, "scorer") && !HasView(c, "tutor")) {
        sink.EndBlock();
        Walk(ContentOf(c), sink, depth + 1);
        sink.EndBlock();
      } else {
        rubric_blocks_.push_back(c);
      }
      continue;
    }
    if (name == "choiceInteraction" || name == "extendedTextInteraction") {
      (name == "choiceInteraction" ? choices_ : extended_).push_back(c);
      if (pugi::xml_node prompt = FirstChild(c, "prompt")) {
        sink.EndBlock();
        Walk(prompt, sink, depth + 1);
        sink.EndBlock();
      }
      continue;
    }
    if (name == "textEntryInteraction") {
      text_entries_.push_back(c);
      sink.Text(MarkerFor(c));
      continue;
    }
    if (name == "modalFeedback" || name == "feedbackBlock" || name == "feedbackInline" ||
        name == "templateBlock" || name == "templateInline" || name == "printedVariable" ||
        name == "stylesheet") {
      continue;
    }
    if (name.size() > 11 && name.compare(name.size() - 11, 11, "Interaction") == 0) {
      unsupported_.insert(name);
      continue;
    }
    if (name == "br") {
      sink.LineBreak();
      continue;
    }
    if (name == "img" || name == "object" || name == "audio" || name == "video" || name == "math" ||
        name == "svg") {
      if (!media_warned_) {
        media_warned_ = true;
        Warn(name, "interop.qti_media_dropped",
             "题目中的图片、公式或多媒体（" + name + "）无法导入，已" +
                 (name == "math" ? "保留其文字" : "用「[图片]」代替"),
             "images, formulas and media (" + name + ") cannot be imported; " +
                 (name == "math" ? "their text was kept" : "replaced by \"[图片]\""));
      }
      if (name == "math") {
        Walk(c, sink, depth + 1);
      } else {
        const std::string alt = c.attribute("alt").value();
        sink.Text(alt.empty() ? "[图片]" : "[图片：" + alt + "]");
      }
      continue;
    }
    if (name == "script" || name == "style") continue;  // Never carried into text.
    const bool block = IsBlockElement(name);
    if (block) sink.EndBlock();
    Walk(c, sink, depth + 1);
    if (block) sink.EndBlock();
    if (name == "td" || name == "th") sink.Text(" ");
  }
}

void ItemReader::ReadDeclarations(const pugi::xml_node& root) {
  for (pugi::xml_node c = root.first_child(); c; c = c.next_sibling()) {
    if (Is(c, "responseDeclaration")) {
      Decl d;
      d.cardinality = Attr(c, "cardinality");
      d.base_type = Attr(c, "baseType");
      if (pugi::xml_node cr = FirstChild(c, "correctResponse")) {
        for (const pugi::xml_node& v : Children(cr, "value")) d.correct.push_back(TrimmedText(v));
      }
      if (pugi::xml_node m = FirstChild(c, "mapping")) {
        QtiMapping map;
        map.default_value = ParseNumber(Attr(m, "defaultValue")).value_or(0);
        map.lower_bound = ParseNumber(Attr(m, "lowerBound"));
        map.upper_bound = ParseNumber(Attr(m, "upperBound"));
        for (const pugi::xml_node& e : Children(m, "mapEntry")) {
          QtiMapEntry entry;
          entry.key = std::string(TrimText(Attr(e, "mapKey")));
          entry.value = ParseNumber(Attr(e, "mappedValue")).value_or(0);
          const std::string cs = Attr(e, "caseSensitive");
          entry.case_sensitive = !(cs == "false" || cs == "0");
          map.entries.push_back(std::move(entry));
        }
        d.mapping = std::move(map);
      }
      const std::string id = Attr(c, "identifier");
      if (decls_.count(id)) {
        Error("responseDeclaration", "interop.qti_invalid", "responseDeclaration「" + id + "」重复",
              "responseDeclaration \"" + id + "\" is declared twice");
      }
      decls_[id] = std::move(d);
    } else if (Is(c, "outcomeDeclaration") && Attr(c, "identifier") == "MAXSCORE") {
      if (pugi::xml_node dv = FirstChild(c, "defaultValue")) {
        if (pugi::xml_node v = FirstChild(dv, "value")) max_score_ = ParseNumber(v.text().get());
      }
    } else if (Is(c, "responseProcessing")) {
      if (HasAttr(c, "template")) {
        template_ = NormaliseTemplateUri(Attr(c, "template"));
      } else if (HasAttr(c, "templateLocation")) {
        template_ = NormaliseTemplateUri(Attr(c, "templateLocation"));
      }
      bool has_rules = false;
      for (pugi::xml_node k = c.first_child(); k && !has_rules; k = k.next_sibling()) {
        has_rules = k.type() == pugi::node_element;
      }
      custom_processing_ = template_ == RpTemplate::kNone && has_rules && !IsSumOfMapResponses(c);
    }
  }
}

std::optional<bool> TrueFalseOf(std::string_view text) {
  std::string s(TrimText(text));
  for (char& ch : s) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  if (s == "true" || s == "正确" || s == "对" || s == "是" || s == "√" || s == "t") return true;
  if (s == "false" || s == "错误" || s == "错" || s == "否" || s == "×" || s == "f") return false;
  return std::nullopt;
}

void ItemReader::ReadChoice(Item& item, const pugi::xml_node& ci) {
  const std::string rid = Attr(ci, "responseIdentifier");
  auto it = decls_.find(rid);
  if (it == decls_.end()) {
    Error("responseDeclaration", "interop.qti_invalid",
          "选择交互引用的 responseDeclaration「" + rid + "」不存在",
          "the choice interaction refers to a missing responseDeclaration \"" + rid + "\"");
    return;
  }
  const Decl& decl = it->second;
  std::vector<pugi::xml_node> choices = Children(ci, "simpleChoice");
  if (choices.size() < 2 || choices.size() > 8) {
    Error("choiceInteraction", "interop.qti_options",
          "选择题需要 2 到 8 个选项（当前 " + std::to_string(choices.size()) + " 个）",
          "a choice item needs 2 to 8 options (has " + std::to_string(choices.size()) + ")");
    return;
  }
  std::vector<std::string> correct = decl.correct;
  if (correct.empty() && decl.mapping) {
    for (const QtiMapEntry& e : decl.mapping->entries) {
      if (e.value > 0) correct.push_back(e.key);
    }
  }
  if (correct.empty()) {
    Error("correctResponse", "interop.qti_no_key",
          "选择题没有正确答案（correctResponse 或正分值的 mapEntry）",
          "the choice item has no key (correctResponse, or mapEntry with a positive mappedValue)");
    return;
  }
  std::vector<std::string> ids;
  std::vector<std::string> texts;
  for (const pugi::xml_node& c : choices) {
    ids.push_back(Attr(c, "identifier"));
    texts.push_back(OptionText(c));
  }
  auto index_of = [&](const std::string& id) -> int {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] == id) return static_cast<int>(i);
    }
    return -1;
  };
  std::vector<int> keys;
  for (const std::string& k : correct) {
    const int i = index_of(k);
    if (i < 0) {
      Error("correctResponse", "interop.qti_no_key", "正确答案「" + k + "」不是任何一个选项的 identifier",
            "key \"" + k + "\" is not the identifier of any choice");
      return;
    }
    if (std::find(keys.begin(), keys.end(), i) == keys.end()) keys.push_back(i);
  }
  std::sort(keys.begin(), keys.end());

  if (meta_) {
    // kaoping's own items: identifiers and texts as written.
    for (std::size_t i = 0; i < ids.size(); ++i) item.options.push_back({ids[i], texts[i]});
    for (int k : keys) item.answer.push_back(ids[static_cast<std::size_t>(k)]);
    return;
  }
  // True/false: two choices identified or labelled true/false.
  if (choices.size() == 2 && keys.size() == 1) {
    std::optional<bool> a = TrueFalseOf(ids[0]), b = TrueFalseOf(ids[1]);
    if (!a || !b || *a == *b) {
      a = TrueFalseOf(texts[0]);
      b = TrueFalseOf(texts[1]);
    }
    if (a && b && *a != *b) {
      item.type = ItemType::kTrueFalse;
      item.options = {{"true", "正确"}, {"false", "错误"}};
      const bool key = keys[0] == 0 ? *a : *b;
      item.answer = {key ? "true" : "false"};
      return;
    }
  }
  const std::string max_choices = Attr(ci, "maxChoices");
  const bool multiple = decl.cardinality == "multiple" || decl.cardinality == "ordered" ||
                        (!max_choices.empty() && max_choices != "1");
  item.type = multiple ? ItemType::kMultipleChoice : ItemType::kSingleChoice;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    item.options.push_back({std::string(1, static_cast<char>('A' + i)), texts[i]});
  }
  for (int k : keys) item.answer.push_back(std::string(1, static_cast<char>('A' + k)));
  if (multiple && keys.size() == 1) {
    item.type = ItemType::kSingleChoice;
    Warn("choiceInteraction", "interop.qti_single_key", "多选题只有一个正确答案，已按单选题导入",
         "a multiple-response item with a single key was imported as single choice");
  }
  if (!multiple && keys.size() > 1) {
    Error("correctResponse", "interop.qti_no_key", "单选题（maxChoices=1）给出了多个正确答案",
          "a single-response item (maxChoices=1) lists several keys");
    return;
  }
  if (decl.mapping && item.type == ItemType::kMultipleChoice &&
      (template_ == RpTemplate::kMapResponse || template_ == RpTemplate::kCc2MapResponse)) {
    // The mapping's best score must be what the key earns; partial credit goes to the exam's policy.
    std::vector<std::string> positives;
    for (const QtiMapEntry& e : decl.mapping->entries) {
      if (e.value > 0) positives.push_back(e.key);
    }
    const double best = MapResponse(*decl.mapping, positives);
    const double key_score = MapResponse(*decl.mapping, correct);
    if (key_score + 1e-9 < best) {
      Warn("mapping", "interop.qti_key_not_best",
           "正确答案的得分低于映射（mapping）能给出的最高分，请核对答案",
           "the key scores less than the mapping's best response; check the key");
    }
    Warn("mapping", "interop.qti_partial_credit",
         "该多选题用 map_response 给部分分，导入后按考试设定的多选计分规则计分",
         "the item gives partial credit through map_response; after import the exam's multiple-choice "
         "scoring policy applies");
    if (!max_score_) max_score_ = best > 0 ? best : 1;
  }
}

void ItemReader::ReadFillIn(Item& item) {
  item.type = ItemType::kFillIn;
  double max_sum = 0;
  std::vector<double> maxima;
  for (std::size_t i = 0; i < text_entries_.size(); ++i) {
    const std::string rid = Attr(text_entries_[i], "responseIdentifier");
    auto it = decls_.find(rid);
    if (it == decls_.end()) {
      Error("responseDeclaration", "interop.qti_invalid",
            "填空交互引用的 responseDeclaration「" + rid + "」不存在",
            "a text entry refers to a missing responseDeclaration \"" + rid + "\"");
      continue;
    }
    const Decl& d = it->second;
    bank::Blank b;
    b.id = std::to_string(i + 1);
    auto add = [&](const std::string& v) {
      if (!v.empty() && std::find(b.accepted.begin(), b.accepted.end(), v) == b.accepted.end())
        b.accepted.push_back(v);
    };
    double top = 0;
    if (d.mapping) {
      for (const QtiMapEntry& e : d.mapping->entries) top = std::max(top, e.value);
    }
    for (const std::string& v : d.correct) add(v);
    bool partial = false;
    if (d.mapping) {
      for (const QtiMapEntry& e : d.mapping->entries) {
        if (e.value > 0 && e.value + 1e-9 >= top) {
          add(e.key);
        } else if (e.value > 0) {
          partial = true;
        }
      }
    }
    if (partial) {
      Warn("mapping", "interop.qti_partial_credit",
           "第 " + std::to_string(i + 1) + " 个空中只得部分分的答案没有导入（kaoping 的填空只区分对错）",
           "answers of blank " + std::to_string(i + 1) +
               " that earn partial credit were not imported (kaoping "
               "blanks are right or wrong)");
    }
    if (b.accepted.empty()) {
      Error("responseDeclaration", "interop.qti_no_key", "第 " + std::to_string(i + 1) + " 个空没有答案",
            "blank " + std::to_string(i + 1) + " has no accepted answer");
    }
    maxima.push_back(top > 0 ? top : 1);
    max_sum += maxima.back();
    if (meta_) {
      for (const KpBlank& kb : meta_->blanks) {
        if (kb.response == rid) {
          b.id = kb.id;
          b.points = kb.points;
        }
      }
    }
    item.blanks.push_back(std::move(b));
  }
  if (meta_) {
    // Restore the item's blank order (the body has them in stem order).
    std::vector<bank::Blank> ordered;
    for (const KpBlank& kb : meta_->blanks) {
      for (const bank::Blank& b : item.blanks) {
        if (b.id == kb.id) ordered.push_back(b);
      }
    }
    if (ordered.size() == item.blanks.size()) item.blanks = std::move(ordered);
    return;
  }
  if (!max_score_) max_score_ = max_sum;
  const bool all_equal = std::all_of(maxima.begin(), maxima.end(),
                                     [&](double m) { return std::fabs(m - maxima.front()) < 1e-9; });
  if (!all_equal && max_sum > 0) {
    for (std::size_t i = 0; i < item.blanks.size() && i < maxima.size(); ++i) {
      item.blanks[i].points = maxima[i] / max_sum * *max_score_;
    }
  }
}

void ItemReader::ReadRubricBlocks(Item& item) {
  std::vector<std::string> reference, explanation;
  for (const pugi::xml_node& rb : rubric_blocks_) {
    const pugi::xml_node content = ContentOf(rb);
    if (HasClass(rb, internal::kRubricClass)) {
      std::vector<pugi::xml_node> rows;
      if (pugi::xml_node table = FirstChild(content, "table")) {
        for (const pugi::xml_node& tb : Children(table, "tbody")) {
          for (const pugi::xml_node& tr : Children(tb, "tr")) rows.push_back(tr);
        }
      }
      for (const pugi::xml_node& tr : rows) {
        std::vector<pugi::xml_node> tds = Children(tr, "td");
        if (tds.size() < 3) {
          Error("rubricBlock", "interop.qti_invalid", "评分要点表格的一行少于 3 列",
                "a rubric table row has fewer than 3 cells");
          continue;
        }
        bank::RubricCriterion c;
        c.id = ExactInline(tds[0]);
        c.description = ExactInline(tds[1]);
        auto p = ParseNumber(ExactInline(tds[2]));
        if (!p) {
          Error("rubricBlock", "interop.qti_invalid", "评分要点「" + c.description + "」的分值不是数字",
                "rubric criterion \"" + c.description + "\" has no numeric points");
          continue;
        }
        c.points = *p;
        if (tds.size() > 3) c.evidence = ExactInline(tds[3]);
        item.rubric.push_back(std::move(c));
      }
    } else if (HasClass(rb, internal::kReferenceClass)) {
      reference.push_back(ExactText(content));
    } else if (HasClass(rb, internal::kExplanationClass)) {
      explanation.push_back(ExactText(content));
    } else if (HasView(rb, "scorer")) {
      reference.push_back(FlowText(content));
    } else if (HasView(rb, "tutor")) {
      explanation.push_back(FlowText(content));
    }
  }
  auto join = [](const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) {
      if (p.empty()) continue;
      out += (out.empty() ? "" : "\n") + p;
    }
    return out;
  };
  item.reference_answer = join(reference);
  item.explanation = join(explanation);
}

void ItemReader::ReadOpen(Item& item) {
  item.type = ItemType::kShortAnswer;
  if (meta_ && meta_->item.type == ItemType::kPractical) item.type = ItemType::kPractical;
  if (task_) {
    bank::PracticalTask task;
    for (pugi::xml_node c = task_.first_child(); c; c = c.next_sibling()) {
      if (HasClass(c, internal::kInstructionsClass)) task.instructions = ExactText(c);
      if (HasClass(c, internal::kMaterialsClass)) {
        for (const pugi::xml_node& li : Children(c, "li")) task.materials.push_back(ExactInline(li));
      }
    }
    if (meta_) task.time_minutes = meta_->task_minutes;
    item.task = std::move(task);
    if (!meta_) item.type = ItemType::kPractical;
  } else if (meta_ && meta_->has_task) {
    bank::PracticalTask task;
    task.time_minutes = meta_->task_minutes;
    item.task = std::move(task);
  }
}

void ItemReader::ApplyMetadata(Item& item) {
  const Item& m = meta_->item;
  if (m.type != item.type) {
    Error("kp:item", "interop.qti_type_mismatch",
          std::string("元数据中的题型（") + bank::ItemTypeLabelZh(m.type) + "）与题目内容（" +
              bank::ItemTypeLabelZh(item.type) + "）不一致",
          std::string("the metadata says ") + bank::ItemTypeName(m.type) + " but the item body is " +
              bank::ItemTypeName(item.type));
  }
  item.id = m.id;
  item.version = m.version;
  item.status = m.status;
  item.points = m.points;
  item.difficulty = m.difficulty;
  item.alignment = m.alignment;
  item.enemies = m.enemies;
  item.author = m.author;
  item.reviewer = m.reviewer;
  item.source = m.source;
  item.licence = m.licence;
  item.synthetic = m.synthetic;
  item.updated_ms = m.updated_ms;
}

void ItemReader::ApplyDefaults(Item& item, const pugi::xml_node& root) {
  std::string ident = Attr(root, "identifier");
  if (ident.empty()) {
    ident = file_;
    if (const std::size_t slash = ident.rfind('/'); slash != std::string::npos)
      ident = ident.substr(slash + 1);
    if (const std::size_t dot = ident.rfind('.'); dot != std::string::npos) ident.resize(dot);
  }
  std::string id = options_.id_prefix;
  for (char c : ident) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    id.push_back(ok ? c : '-');
  }
  while (!id.empty() && !((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= 'A' && id[0] <= 'Z') ||
                          (id[0] >= '0' && id[0] <= '9'))) {
    id.erase(id.begin());
  }
  if (id.size() > 64) id.resize(64);
  item.id = id;
  item_id_ = id;
  item.version = 1;
  item.status = options_.default_status;
  double points = max_score_.value_or(1);
  if (!(points > 0)) points = 1;
  item.points = points;
  item.alignment = options_.default_alignment;
  item.source = options_.default_source.empty() ? default_source_ : options_.default_source;
  if ((item.type == ItemType::kShortAnswer || item.type == ItemType::kPractical) && item.rubric.empty()) {
    item.rubric.push_back({"c1", "综合评分", item.points, ""});
    Warn("rubricBlock", "interop.qti_default_rubric",
         "题目没有评分要点，已生成一条「综合评分」（" + FormatNumber(item.points) + " 分），请在题库中补充",
         "the item has no rubric; a single criterion \"综合评分\" worth " + FormatNumber(item.points) +
             " was created; refine it in the bank");
  }
  Warn("", "interop.qti_no_metadata",
       "没有 kaoping 元数据：编号取自 identifier（" + item.id + "），状态为" + StatusLabelZh(item.status) +
           "，分值 " + FormatNumber(item.points) + "，对齐信息取导入时指定的默认值",
       "no kaoping metadata: id from the identifier (" + item.id + "), status " +
           bank::ItemStatusName(item.status) + ", points " + FormatNumber(item.points) +
           ", alignment from the import defaults");
}

std::optional<Item> ItemReader::Read(std::string_view xml, std::string* format) {
  if (meta_) item_id_ = meta_->item.id;
  pugi::xml_document doc;
  // Line ends are not normalised: kaoping's own text (which may hold "\r") must come back exactly,
  // and flowing foreign text treats "\r" as whitespace anyway.
  const pugi::xml_parse_result parsed = doc.load_buffer(
      xml.data(), xml.size(), (pugi::parse_default | pugi::parse_ws_pcdata) & ~pugi::parse_eol);
  if (!parsed) {
    Error("", "interop.qti_bad_xml",
          std::string("不是格式正确的 XML：") + parsed.description() + "（第 " +
              std::to_string(parsed.offset) + " 字节）",
          std::string("not well-formed XML: ") + parsed.description() + " at byte " +
              std::to_string(parsed.offset));
    return std::nullopt;
  }
  const pugi::xml_node root = doc.document_element();
  if (QName(root) != "assessmentItem") {
    Error(root.name(), "interop.qti_not_item",
          std::string("根元素是 ") + root.name() + "，不是 assessmentItem",
          std::string("the root element is ") + root.name() + ", not assessmentItem");
    return std::nullopt;
  }
  *format = VersionOfNamespace(NamespaceOf(root), root);
  ReadDeclarations(root);
  const pugi::xml_node body = FirstChild(root, "itemBody");
  if (!body) {
    Error("itemBody", "interop.qti_invalid", "缺少 itemBody", "itemBody is missing");
    return std::nullopt;
  }
  TextSink sink;
  Walk(body, sink, 0);
  Item item;
  item.stem = sink.Finish();
  if (!unsupported_.empty()) {
    std::string names;
    for (const std::string& n : unsupported_) names += (names.empty() ? "" : ", ") + n;
    Error(names, "interop.qti_unsupported_interaction",
          "不支持的交互类型：" + names +
              "（支持 choiceInteraction、textEntryInteraction、extendedTextInteraction）",
          "unsupported interaction(s): " + names +
              " (supported: choiceInteraction, textEntryInteraction, extendedTextInteraction)");
    return std::nullopt;
  }
  const int kinds =
      (choices_.empty() ? 0 : 1) + (text_entries_.empty() ? 0 : 1) + (extended_.empty() ? 0 : 1);
  if (kinds == 0) {
    Error("itemBody", "interop.qti_no_interaction", "题目中没有交互（choice、textEntry 或 extendedText）",
          "the item has no interaction (choice, textEntry or extendedText)");
    return std::nullopt;
  }
  if (kinds > 1 || choices_.size() > 1 || extended_.size() > 1) {
    Error("itemBody", "interop.qti_composite",
          "一道题中有多个不同的交互，kaoping 的题型无法表示（请拆分为多道题）",
          "the item combines several interactions, which no kaoping item type can hold (split it)");
    return std::nullopt;
  }
  if (!choices_.empty()) {
    const bool meta_choice =
        meta_ && (meta_->item.type == ItemType::kSingleChoice ||
                  meta_->item.type == ItemType::kMultipleChoice || meta_->item.type == ItemType::kTrueFalse);
    item.type = meta_choice ? meta_->item.type : ItemType::kSingleChoice;
    ReadChoice(item, choices_.front());
  } else if (!text_entries_.empty()) {
    ReadFillIn(item);
  } else {
    ReadOpen(item);
  }
  ReadRubricBlocks(item);
  if (template_ == RpTemplate::kUnknown && !meta_) {
    Warn("responseProcessing", "interop.qti_unknown_template", "未知的评分模板，已按正确答案评分",
         "unknown response-processing template; the key is used for scoring");
  }
  if (custom_processing_ && !meta_) {
    Warn("responseProcessing", "interop.qti_custom_processing", "自定义评分规则没有导入，按正确答案评分",
         "custom response processing was not imported; the key is used for scoring");
  }
  if (errors_ > 0) return std::nullopt;

  if (meta_) {
    ApplyMetadata(item);
  } else {
    ApplyDefaults(item, root);
  }
  const bank::Alignment& a = item.alignment;
  std::vector<std::string> missing_zh, missing_en;
  auto missing = [&](bool absent, const char* zh, const char* en) {
    if (!absent) return;
    missing_zh.push_back(zh);
    missing_en.push_back(en);
  };
  missing(a.standard.empty(), "标准", "standard");
  missing(a.levels.empty(), "等级", "levels");
  missing(a.exam_kind.empty(), "考试类型", "exam kind");
  missing(a.function.empty(), "职业功能", "function");
  if (!missing_zh.empty()) {
    std::string zh, en;
    for (std::size_t i = 0; i < missing_zh.size(); ++i) {
      zh += (i ? "、" : "") + missing_zh[i];
      en += (i ? ", " : "") + missing_en[i];
    }
    Error("alignment", "interop.no_alignment",
          "缺少对齐信息（" + zh +
              "）：其他工具导出的题目不带对齐信息，请在导入时指定默认的标准、等级、考试类型和职业功能",
          "the alignment is incomplete (" + en +
              "): items from other tools carry none; give a default standard, "
              "level, exam kind and function when importing");
    return std::nullopt;
  }
  for (const bank::ItemProblem& p : bank::CheckItemShape(item)) {
    Error(p.field, "item.invalid", p.message_zh, p.field + ": " + p.message);
  }
  if (errors_ > 0) return std::nullopt;
  return item;
}

std::string DefaultSource(std::string_view package_name) {
  return package_name.empty() ? "QTI 导入" : "QTI 导入：" + std::string(package_name);
}

// Reads the item files the manifest lists.
ImportBatch ReadPackageItems(const internal::ZipReader& zip, const std::string& manifest_path,
                             const pugi::xml_node& manifest, const ImportOptions& options,
                             std::string_view package_name) {
  ImportBatch batch;
  batch.format = "qti";
  const std::string base = internal::ArchiveDirOf(manifest_path);
  std::map<std::string, std::string> file_of_id;
  int item_resources = 0;
  for (pugi::xml_node resources = manifest.first_child(); resources; resources = resources.next_sibling()) {
    if (resources.type() != pugi::node_element || LocalName(resources) != "resources") continue;
    const std::string res_base = base + resources.attribute("xml:base").value();
    for (pugi::xml_node res = resources.first_child(); res; res = res.next_sibling()) {
      if (res.type() != pugi::node_element || LocalName(res) != "resource") continue;
      const std::string type = res.attribute("type").value();
      if (type.rfind("imsqti_item_xmlv", 0) != 0) continue;  // tests, stimuli, media, templates
      if (++item_resources > static_cast<int>(kMaxItemsPerPackage)) {
        RowError e;
        e.file = manifest_path;
        e.reason = "interop.too_large";
        e.reason_zh = "一个包中的题目超过 " + std::to_string(kMaxItemsPerPackage) + " 道";
        e.reason_en = "the package holds more than " + std::to_string(kMaxItemsPerPackage) + " items";
        batch.errors.push_back(std::move(e));
        break;
      }
      std::string href = res.attribute("href").value();
      if (href.empty()) {
        for (pugi::xml_node f = res.first_child(); f && href.empty(); f = f.next_sibling()) {
          if (f.type() == pugi::node_element && LocalName(f) == "file") href = f.attribute("href").value();
        }
      }
      std::string res_dir = res_base + res.attribute("xml:base").value();
      if (!res_dir.empty() && res_dir.back() != '/') res_dir.push_back('/');
      const std::string path = internal::ResolveArchivePath(res_dir, href, /*percent_decode=*/true);
      const std::string shown = path.empty() ? std::string(res.attribute("identifier").value()) : path;

      std::optional<KpMeta> meta;
      if (pugi::xml_node kp = FindKpItem(res)) {
        std::vector<std::pair<std::string, std::string>> problems;
        meta = ParseKpMeta(kp, &problems);
        for (const auto& [en, zh] : problems) {
          RowError e;
          e.file = shown;
          e.header = "kp:item";
          e.reason = "interop.qti_bad_metadata";
          e.reason_zh = zh;
          e.reason_en = en;
          batch.errors.push_back(std::move(e));
        }
        if (!meta) continue;
      }
      Result<std::string> xml =
          path.empty() ? Result<std::string>(NotFound("interop.zip_missing_entry", "no href", "没有 href"))
                       : zip.Read(path);
      if (!xml.ok()) {
        RowError e;
        e.file = shown;
        e.header = "resource";
        e.reason = xml.status().reason();
        e.reason_zh = "清单中列出的题目文件无法读取：" + xml.status().message_zh();
        e.reason_en = "the item file the manifest lists cannot be read: " + xml.status().message();
        batch.errors.push_back(std::move(e));
        continue;
      }
      ItemReader reader(path, options, meta ? &*meta : nullptr, DefaultSource(package_name), &batch);
      std::string format;
      std::optional<Item> item = reader.Read(*xml, &format);
      if (batch.format == "qti" && !format.empty()) batch.format = format;
      if (!item) continue;
      auto [it, inserted] = file_of_id.emplace(item->id + "@" + std::to_string(item->version), path);
      if (!inserted) {
        RowError e;
        e.file = path;
        e.item_id = item->id;
        e.reason = "interop.duplicate_id";
        e.reason_zh = "题目编号「" + item->id + "」（版本 " + std::to_string(item->version) + "）与 " +
                      it->second + " 重复";
        e.reason_en = "item id \"" + item->id + "\" (version " + std::to_string(item->version) +
                      ") repeats " + it->second;
        batch.errors.push_back(std::move(e));
        continue;
      }
      batch.items.push_back(std::move(*item));
    }
  }
  if (item_resources == 0) {
    RowError e;
    e.file = manifest_path;
    e.reason = "interop.qti_no_items";
    e.reason_zh =
        "清单中没有题目资源（type 为 imsqti_item_xmlv2p1、imsqti_item_xmlv2p2 或 imsqti_item_xmlv3p0）";
    e.reason_en =
        "the manifest lists no item resources (type imsqti_item_xmlv2p1, imsqti_item_xmlv2p2 or "
        "imsqti_item_xmlv3p0)";
    batch.errors.push_back(std::move(e));
  }
  if (!batch.errors.empty()) batch.items.clear();
  return batch;
}

}  // namespace

Result<ImportBatch> ReadQtiPackage(std::string_view zip_bytes, const ImportOptions& options,
                                   std::string_view package_name) {
  KP_ASSIGN_OR_RETURN(internal::ZipReader zip, internal::ZipReader::Open(zip_bytes));
  std::string manifest_path = zip.Find("imsmanifest.xml");
  if (manifest_path.empty()) {
    // Packages zipped with their folder: the shallowest */imsmanifest.xml.
    std::size_t best_depth = std::string::npos;
    for (const std::string& n : zip.names()) {
      std::string lower = n;
      for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      static constexpr std::string_view kSuffix = "/imsmanifest.xml";
      if (lower.size() > kSuffix.size() &&
          lower.compare(lower.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0) {
        const std::size_t depth = static_cast<std::size_t>(std::count(n.begin(), n.end(), '/'));
        if (depth < best_depth) {
          best_depth = depth;
          manifest_path = n;
        }
      }
    }
  }
  if (manifest_path.empty()) {
    return InvalidArgument("interop.qti_no_manifest",
                           "the zip has no imsmanifest.xml: it is not an IMS content package (QTI)",
                           "压缩包中没有 imsmanifest.xml，不是 IMS 内容包（QTI）");
  }
  KP_ASSIGN_OR_RETURN(std::string manifest_xml, zip.Read(manifest_path));
  pugi::xml_document manifest;
  const pugi::xml_parse_result parsed = manifest.load_buffer(manifest_xml.data(), manifest_xml.size());
  if (!parsed || LocalName(manifest.document_element()) != "manifest") {
    const std::string detail =
        parsed ? std::string("the root element is not manifest") : parsed.description();
    return InvalidArgument("interop.qti_bad_manifest", manifest_path + " is not a valid manifest: " + detail,
                           manifest_path + " 不是有效的清单：" + detail);
  }
  return ReadPackageItems(zip, manifest_path, manifest.document_element(), options, package_name);
}

Result<ImportBatch> ReadQtiItem(std::string_view xml, const ImportOptions& options,
                                std::string_view file_name) {
  ImportBatch batch;
  batch.format = "qti";
  ItemReader reader(std::string(file_name), options, nullptr, DefaultSource(file_name), &batch);
  std::string format;
  std::optional<Item> item = reader.Read(xml, &format);
  if (!format.empty()) batch.format = format;
  if (item && batch.errors.empty()) batch.items.push_back(std::move(*item));
  if (!batch.errors.empty()) batch.items.clear();
  return batch;
}

}  // namespace kaoping::interop
