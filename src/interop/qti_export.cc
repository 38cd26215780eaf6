// QTI 2.1 / 3.0 writing: one assessmentItem per item, an IMS content package around them, and
// kaoping's metadata in the manifest (qti.h).

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
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

namespace internal {

bool IsQtiIdentifier(std::string_view s) {
  if (s.empty() || s.size() > 256) return false;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!alpha(s.front())) return false;
  for (char c : s) {
    if (!alpha(c) && !(c >= '0' && c <= '9') && c != '-' && c != '.') return false;
  }
  return true;
}

std::string QtiIdentifierFor(std::string_view item_id) {
  if (IsQtiIdentifier(item_id)) return std::string(item_id);
  std::string out = "I";
  for (char c : item_id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '-' || c == '.';
    out.push_back(ok ? c : '_');
  }
  return out;
}

std::optional<std::vector<BlankPlacement>> PlaceBlanks(const Item& item) {
  std::vector<BlankPlacement> out;
  const std::vector<BlankMarker> markers = FindBlankMarkers(item.stem);
  auto response_id = [&](std::size_t i) {
    if (item.blanks.size() == 1) return std::string("RESPONSE");
    const std::string& id = item.blanks[i].id;
    const std::string candidate = "RESPONSE_" + id;
    return IsQtiIdentifier(candidate) ? candidate : "RESPONSE_" + std::to_string(i + 1);
  };
  // All blanks marked by "{{id}}"?
  bool all_braced = !item.blanks.empty();
  for (std::size_t b = 0; b < item.blanks.size() && all_braced; ++b) {
    bool found = false;
    for (const BlankMarker& m : markers) found = found || m.text == "{{" + item.blanks[b].id + "}}";
    all_braced = found;
  }
  std::set<std::string> used_ids;
  if (all_braced) {
    for (const BlankMarker& m : markers) {
      for (std::size_t b = 0; b < item.blanks.size(); ++b) {
        if (m.text == "{{" + item.blanks[b].id + "}}" && used_ids.insert(item.blanks[b].id).second) {
          out.push_back({m, b, response_id(b)});
        }
      }
    }
    return out;
  }
  std::size_t next = 0;
  for (const BlankMarker& m : markers) {
    if (next == item.blanks.size()) break;
    if (m.text.front() != '_') continue;
    out.push_back({m, next, response_id(next)});
    ++next;
  }
  if (next != item.blanks.size()) return std::nullopt;
  return out;
}

}  // namespace internal

namespace {

using internal::BlankPlacement;

std::string Kebab(std::string_view camel) {
  std::string out;
  for (char c : camel) {
    if (c >= 'A' && c <= 'Z') {
      out.push_back('-');
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t nl = text.find('\n', start);
    out.emplace_back(text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

Status NotRepresentable(const Item& item, const std::string& en, const std::string& zh) {
  return InvalidArgument("interop.not_representable", "item " + item.id + " cannot be written as QTI: " + en,
                         "题目 " + item.id + " 无法写成 QTI：" + zh);
}

// Writes QTI elements and attributes under the names of one version.
class QtiWriter {
 public:
  explicit QtiWriter(QtiVersion v) : v3_(v == QtiVersion::kV3p0) {}

  [[nodiscard]] std::string Q(std::string_view camel) const {
    return v3_ ? "qti-" + Kebab(camel) : std::string(camel);
  }
  [[nodiscard]] std::string A(std::string_view camel) const {
    return v3_ ? Kebab(camel) : std::string(camel);
  }
  pugi::xml_node El(pugi::xml_node parent, std::string_view camel) const {
    return parent.append_child(Q(camel).c_str());
  }
  void Set(pugi::xml_node n, std::string_view camel, std::string_view value) const {
    n.append_attribute(A(camel).c_str()).set_value(std::string(value).c_str());
  }
  [[nodiscard]] bool v3() const { return v3_; }
  [[nodiscard]] std::string Template(std::string_view name) const {
    return v3_ ? std::string(internal::kTemplateBase30) + std::string(name) + ".xml"
               : std::string(internal::kTemplateBase21) + std::string(name);
  }

 private:
  bool v3_;
};

void AppendText(pugi::xml_node parent, std::string_view text) {
  if (!text.empty()) parent.append_child(pugi::node_pcdata).set_value(std::string(text).c_str());
}

// Text with line breaks as <br/>.
void AppendInlineLines(pugi::xml_node parent, std::string_view text) {
  const std::vector<std::string> lines = Lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) parent.append_child("br");
    AppendText(parent, lines[i]);
  }
}

// One <p> per line.
void AppendParagraphs(pugi::xml_node parent, std::string_view text) {
  for (const std::string& line : Lines(text)) AppendText(parent.append_child("p"), line);
}

void AddDeclaration(const QtiWriter& w, pugi::xml_node root, const std::string& id, const char* cardinality,
                    const char* base_type) {
  pugi::xml_node rd = w.El(root, "responseDeclaration");
  w.Set(rd, "identifier", id);
  w.Set(rd, "cardinality", cardinality);
  w.Set(rd, "baseType", base_type);
}

// A rubric block for scorers or tutors; QTI 3.0 wraps the content in qti-content-body.
pugi::xml_node RubricBlock(const QtiWriter& w, pugi::xml_node body, const char* view, const char* cls) {
  pugi::xml_node rb = w.El(body, "rubricBlock");
  w.Set(rb, "view", view);
  rb.append_attribute("class").set_value(cls);
  return w.v3() ? w.El(rb, "contentBody") : rb;
}

Result<std::string> ItemXml(const Item& item, QtiVersion version) {
  const QtiWriter w(version);
  pugi::xml_document doc;
  pugi::xml_node root = w.El(doc, "assessmentItem");
  const char* ns = w.v3() ? internal::kQtiNs30 : internal::kQtiNs21;
  root.append_attribute("xmlns").set_value(ns);
  root.append_attribute("xmlns:xsi").set_value(internal::kXsiNs);
  root.append_attribute("xsi:schemaLocation")
      .set_value((std::string(ns) + " " + (w.v3() ? internal::kQtiXsd30 : internal::kQtiXsd21)).c_str());
  w.Set(root, "identifier", internal::QtiIdentifierFor(item.id));
  std::string title = Lines(item.stem).front();
  title = TruncateUtf8(title.empty() ? item.id : title, 60);
  w.Set(root, "title", title);
  w.Set(root, "adaptive", "false");
  w.Set(root, "timeDependent", "false");
  root.append_attribute("xml:lang").set_value("zh-CN");

  const bool choice = item.type == ItemType::kSingleChoice || item.type == ItemType::kMultipleChoice ||
                      item.type == ItemType::kTrueFalse;
  const bool open = item.type == ItemType::kShortAnswer || item.type == ItemType::kPractical;
  std::vector<BlankPlacement> placements;

  // Response declarations.
  if (choice) {
    if (item.options.size() < 2)
      return NotRepresentable(item, "a choice item needs options", "选择题没有选项");
    for (const bank::Option& o : item.options) {
      if (!internal::IsQtiIdentifier(o.id)) {
        return NotRepresentable(item, "option id \"" + o.id + "\" is not a QTI identifier",
                                "选项编号「" + o.id + "」不是合法的 QTI 标识符");
      }
    }
    AddDeclaration(w, root, "RESPONSE", item.type == ItemType::kMultipleChoice ? "multiple" : "single",
                   "identifier");
    pugi::xml_node cr = w.El(root.last_child(), "correctResponse");
    for (const std::string& a : item.answer) AppendText(w.El(cr, "value"), a);
  } else if (item.type == ItemType::kFillIn) {
    auto placed = internal::PlaceBlanks(item);
    if (!placed || item.blanks.empty()) {
      return NotRepresentable(item, "the stem does not mark every blank with ____ or {{id}}",
                              "题干没有用 ____ 或 {{编号}} 标出每个空");
    }
    placements = std::move(*placed);
    double total_share = 0;
    for (const bank::Blank& b : item.blanks) total_share += b.points;
    for (std::size_t i = 0; i < item.blanks.size(); ++i) {
      const bank::Blank& b = item.blanks[i];
      std::string rid;
      for (const BlankPlacement& p : placements) {
        if (p.blank == i) rid = p.response_id;
      }
      AddDeclaration(w, root, rid, "single", "string");
      pugi::xml_node rd = root.last_child();
      if (!b.accepted.empty()) AppendText(w.El(w.El(rd, "correctResponse"), "value"), b.accepted.front());
      // SCORE is the fraction of the item earned: each blank maps to its share.
      const double share =
          total_share > 0 ? b.points / item.points : 1.0 / static_cast<double>(item.blanks.size());
      pugi::xml_node mapping = w.El(rd, "mapping");
      w.Set(mapping, "defaultValue", "0");
      for (const std::string& alt : b.accepted) {
        pugi::xml_node e = w.El(mapping, "mapEntry");
        w.Set(e, "mapKey", alt);
        w.Set(e, "mappedValue", FormatNumber(share));
        w.Set(e, "caseSensitive", "false");
      }
    }
  } else {
    AddDeclaration(w, root, "RESPONSE", "single", "string");
  }
  // Outcomes: SCORE as a fraction of the item, MAXSCORE the item's points (as TAO writes it).
  {
    pugi::xml_node od = w.El(root, "outcomeDeclaration");
    w.Set(od, "identifier", "SCORE");
    w.Set(od, "cardinality", "single");
    w.Set(od, "baseType", "float");
    w.Set(od, "normalMaximum", "1");
    w.Set(od, "normalMinimum", "0");
    AppendText(w.El(w.El(od, "defaultValue"), "value"), "0");
    pugi::xml_node mx = w.El(root, "outcomeDeclaration");
    w.Set(mx, "identifier", "MAXSCORE");
    w.Set(mx, "cardinality", "single");
    w.Set(mx, "baseType", "float");
    AppendText(w.El(w.El(mx, "defaultValue"), "value"), FormatNumber(item.points));
  }

  // Body.
  pugi::xml_node body = w.El(root, "itemBody");
  if (item.type == ItemType::kPractical && item.task) {
    pugi::xml_node task = body.append_child("div");
    task.append_attribute("class").set_value(internal::kTaskClass);
    pugi::xml_node ins = task.append_child("div");
    ins.append_attribute("class").set_value(internal::kInstructionsClass);
    AppendParagraphs(ins, item.task->instructions);
    if (!item.task->materials.empty()) {
      pugi::xml_node ul = task.append_child("ul");
      ul.append_attribute("class").set_value(internal::kMaterialsClass);
      for (const std::string& m : item.task->materials) AppendInlineLines(ul.append_child("li"), m);
    }
  }
  pugi::xml_node stem = body.append_child("div");
  stem.append_attribute("class").set_value(internal::kStemClass);
  {
    std::size_t offset = 0;
    std::size_t next_placement = 0;
    for (const std::string& line : Lines(item.stem)) {
      pugi::xml_node p = stem.append_child("p");
      std::size_t pos = 0;
      while (next_placement < placements.size() && placements[next_placement].marker.pos >= offset &&
             placements[next_placement].marker.pos < offset + line.size()) {
        const BlankPlacement& bp = placements[next_placement];
        const std::size_t at = bp.marker.pos - offset;
        AppendText(p, std::string_view(line).substr(pos, at - pos));
        pugi::xml_node te = w.El(p, "textEntryInteraction");
        w.Set(te, "responseIdentifier", bp.response_id);
        w.Set(te, "expectedLength", "15");
        pos = at + bp.marker.size;
        ++next_placement;
      }
      AppendText(p, std::string_view(line).substr(pos));
      offset += line.size() + 1;
    }
  }
  if (choice) {
    pugi::xml_node ci = w.El(body, "choiceInteraction");
    w.Set(ci, "responseIdentifier", "RESPONSE");
    w.Set(ci, "shuffle", "false");
    w.Set(ci, "maxChoices", item.type == ItemType::kMultipleChoice ? "0" : "1");
    w.Set(ci, "minChoices", "0");
    for (const bank::Option& o : item.options) {
      pugi::xml_node sc = w.El(ci, "simpleChoice");
      w.Set(sc, "identifier", o.id);
      if (item.type == ItemType::kTrueFalse) w.Set(sc, "fixed", "true");
      AppendInlineLines(sc, o.text);
    }
  } else if (open) {
    pugi::xml_node et = w.El(body, "extendedTextInteraction");
    w.Set(et, "responseIdentifier", "RESPONSE");
    w.Set(et, "format", "plain");
    w.Set(et, "expectedLines", item.type == ItemType::kPractical ? "12" : "6");
  }
  if (!item.rubric.empty()) {
    pugi::xml_node content = RubricBlock(w, body, "scorer", internal::kRubricClass);
    pugi::xml_node table = content.append_child("table");
    pugi::xml_node head = table.append_child("thead").append_child("tr");
    for (const char* h : {"编号", "评分要点", "分值", "评分依据"}) AppendText(head.append_child("th"), h);
    pugi::xml_node tbody = table.append_child("tbody");
    for (const bank::RubricCriterion& c : item.rubric) {
      pugi::xml_node tr = tbody.append_child("tr");
      AppendText(tr.append_child("td"), c.id);
      AppendInlineLines(tr.append_child("td"), c.description);
      AppendText(tr.append_child("td"), FormatNumber(c.points));
      AppendInlineLines(tr.append_child("td"), c.evidence);
    }
  }
  if (!item.reference_answer.empty()) {
    AppendParagraphs(RubricBlock(w, body, "scorer", internal::kReferenceClass), item.reference_answer);
  }
  if (!item.explanation.empty()) {
    AppendParagraphs(RubricBlock(w, body, "tutor", internal::kExplanationClass), item.explanation);
  }

  // Response processing.
  if (choice) {
    w.Set(w.El(root, "responseProcessing"), "template", w.Template("match_correct"));
  } else if (item.type == ItemType::kFillIn) {
    if (item.blanks.size() == 1) {
      w.Set(w.El(root, "responseProcessing"), "template", w.Template("map_response"));
    } else {
      pugi::xml_node set = w.El(w.El(root, "responseProcessing"), "setOutcomeValue");
      w.Set(set, "identifier", "SCORE");
      pugi::xml_node sum = w.El(set, "sum");
      for (const BlankPlacement& p : placements) w.Set(w.El(sum, "mapResponse"), "identifier", p.response_id);
    }
  }

  std::ostringstream out;
  doc.save(out, "  ", pugi::format_indent | pugi::format_no_declaration, pugi::encoding_utf8);
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + out.str();
}

void AddTextElement(pugi::xml_node parent, const char* name, const std::string& text) {
  if (!text.empty()) AppendText(parent.append_child(name), text);
}

// <kp:item …> with everything the QTI body does not carry.
void AddKaopingMetadata(pugi::xml_node metadata, const Item& item) {
  pugi::xml_node kp = metadata.append_child("kp:item");
  kp.append_attribute("xmlns:kp").set_value(kKaopingMetadataNs);
  kp.append_attribute("id").set_value(item.id.c_str());
  kp.append_attribute("version").set_value(item.version);
  kp.append_attribute("type").set_value(bank::ItemTypeName(item.type));
  kp.append_attribute("status").set_value(bank::ItemStatusName(item.status));
  kp.append_attribute("points").set_value(FormatNumber(item.points).c_str());
  kp.append_attribute("synthetic").set_value(item.synthetic ? "true" : "false");
  kp.append_attribute("updated-ms").set_value(std::to_string(item.updated_ms).c_str());
  AddTextElement(kp, "kp:author", item.author);
  AddTextElement(kp, "kp:reviewer", item.reviewer);
  AddTextElement(kp, "kp:source", item.source);
  AddTextElement(kp, "kp:licence", item.licence);
  const bank::Difficulty& d = item.difficulty;
  if (d.p || d.a || d.b || d.c || !d.provenance.empty()) {
    pugi::xml_node dn = kp.append_child("kp:difficulty");
    if (d.p) dn.append_attribute("p").set_value(FormatNumber(*d.p).c_str());
    if (d.a) dn.append_attribute("a").set_value(FormatNumber(*d.a).c_str());
    if (d.b) dn.append_attribute("b").set_value(FormatNumber(*d.b).c_str());
    if (d.c) dn.append_attribute("c").set_value(FormatNumber(*d.c).c_str());
    AddTextElement(dn, "kp:provenance", d.provenance);
  }
  const bank::Alignment& a = item.alignment;
  pugi::xml_node al = kp.append_child("kp:alignment");
  al.append_attribute("standard").set_value(a.standard.c_str());
  al.append_attribute("direction").set_value(a.direction.c_str());
  al.append_attribute("exam-kind").set_value(a.exam_kind.c_str());
  al.append_attribute("function").set_value(a.function.c_str());
  al.append_attribute("work-content").set_value(a.work_content.c_str());
  for (const std::string& l : a.levels) AppendText(al.append_child("kp:level"), l);
  for (const std::string& r : a.requirements) AppendText(al.append_child("kp:requirement"), r);
  for (const std::string& k : a.knowledge_points) AppendText(al.append_child("kp:knowledge-point"), k);
  for (const std::string& e : item.enemies) AppendText(kp.append_child("kp:enemy"), e);
  if (item.type == ItemType::kFillIn) {
    if (auto placed = internal::PlaceBlanks(item)) {
      for (std::size_t i = 0; i < item.blanks.size(); ++i) {
        for (const BlankPlacement& p : *placed) {
          if (p.blank != i) continue;
          pugi::xml_node b = kp.append_child("kp:blank");
          b.append_attribute("id").set_value(item.blanks[i].id.c_str());
          b.append_attribute("response").set_value(p.response_id.c_str());
          b.append_attribute("marker").set_value(p.marker.text.c_str());
          b.append_attribute("points").set_value(FormatNumber(item.blanks[i].points).c_str());
        }
      }
    }
  }
  if (item.task) {
    pugi::xml_node t = kp.append_child("kp:task");
    t.append_attribute("time-minutes").set_value(item.task->time_minutes);
  }
}

}  // namespace

Result<std::string> QtiItemXml(const Item& item, QtiVersion version) {
  return ItemXml(item, version);
}

Result<std::string> ExportQti(const std::vector<Item>& items, QtiVersion version) {
  const bool v3 = version == QtiVersion::kV3p0;
  std::map<std::string, int> id_count;
  std::set<std::pair<std::string, int>> seen;
  for (const Item& item : items) {
    ++id_count[item.id];
    if (!seen.insert({item.id, item.version}).second) {
      return NotRepresentable(item, "version " + std::to_string(item.version) + " is given twice",
                              "版本 " + std::to_string(item.version) + " 出现了两次");
    }
    if (!IsValidItemId(item.id)) {
      return NotRepresentable(item, "the id is not a valid item id", "题目编号无效");
    }
  }

  pugi::xml_document manifest;
  pugi::xml_node root = manifest.append_child("manifest");
  const char* cp_ns = v3 ? internal::kCpNs30 : internal::kCpNs21;
  root.append_attribute("xmlns").set_value(cp_ns);
  root.append_attribute("xmlns:xsi").set_value(internal::kXsiNs);
  root.append_attribute("identifier").set_value("kaoping-items");
  root.append_attribute("xsi:schemaLocation")
      .set_value((std::string(cp_ns) + " " + (v3 ? internal::kCpXsd30 : internal::kCpXsd21)).c_str());
  pugi::xml_node md = root.append_child("metadata");
  AppendText(md.append_child("schema"), v3 ? "QTI Package" : "QTIv2.1 Package");
  AppendText(md.append_child("schemaversion"), v3 ? "3.0.0" : "1.0.0");
  root.append_child("organizations");
  pugi::xml_node resources = root.append_child("resources");

  std::vector<std::pair<std::string, std::string>> files;  // href → item XML
  std::set<std::string> resource_ids;
  for (const Item& item : items) {
    KP_ASSIGN_OR_RETURN(std::string xml, ItemXml(item, version));
    const std::string suffix = id_count[item.id] > 1 ? "-v" + std::to_string(item.version) : "";
    const std::string href = "items/" + item.id + suffix + ".xml";
    std::string rid = "RES-" + internal::QtiIdentifierFor(item.id + suffix);
    while (!resource_ids.insert(rid).second) rid += "_";
    pugi::xml_node res = resources.append_child("resource");
    res.append_attribute("identifier").set_value(rid.c_str());
    res.append_attribute("type").set_value(v3 ? "imsqti_item_xmlv3p0" : "imsqti_item_xmlv2p1");
    res.append_attribute("href").set_value(href.c_str());
    AddKaopingMetadata(res.append_child("metadata"), item);
    res.append_child("file").append_attribute("href").set_value(href.c_str());
    files.emplace_back(href, std::move(xml));
  }
  std::ostringstream out;
  manifest.save(out, "  ", pugi::format_indent | pugi::format_no_declaration, pugi::encoding_utf8);
  internal::ZipWriter zip;
  zip.Add("imsmanifest.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + out.str());
  for (const auto& [href, xml] : files) zip.Add(href, xml);
  return zip.Finish();
}

}  // namespace kaoping::interop
