#include "wire/case_json.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

#include "base/utf8.h"

namespace kaoping::wire {

using Json = nlohmann::json;
using standards::Pack;

namespace {

class CaseBuilder {
 public:
  CaseBuilder(const Pack& p, std::string base, std::string now)
      : p_(p), base_(std::move(base)), now_(std::move(now)) {
    doc_id_ = NameUuid("kaoping:" + p.id);
    doc_link_ =
        Json{{"title", p.title.zh}, {"identifier", doc_id_}, {"uri", base_ + "/CFDocuments/" + doc_id_}};
  }

  Json Build() {
    Json doc{
        {"identifier", doc_id_},
        {"uri", doc_link_["uri"]},
        {"creator", p_.source.issuer.empty() ? std::string("kaoping") : p_.source.issuer},
        {"title", p_.title.zh},
        {"lastChangeDateTime", now_},
        {"language", "zh"},
        {"adoptionStatus", p_.status == "published" ? "Adopted"
                           : p_.status == "trial"   ? "Private Draft"
                                                    : "Draft"},
        {"description", p_.definition ? p_.definition->text : p_.source.title},
        {"notes",
         "Exported by kaoping from standard pack '" + p_.id + "' (source file " + p_.source.file + ")."},
        {"CFPackageURI",
         Json{{"title", p_.title.zh}, {"identifier", doc_id_}, {"uri", base_ + "/CFPackages/" + doc_id_}}}};
    if (!p_.code.empty()) doc["subject"] = Json::array({p_.code});
    // Structure: levels (with directions beneath where the standard has them), then functions and
    // work contents with their requirement lines; basic requirements; positions by direction.
    for (const auto* l : p_.LevelsByRank()) {
      std::string lid = Node("level:" + l->id, l->name + (l->description ? "：" + l->description->text : ""),
                             l->id, "Level", doc_link_, seq_++);
      std::map<std::string, Json> dir_links;
      for (const auto& w : p_.work_requirements) {
        if (w.level != l->id) continue;
        Json parent = Link(lid, l->name);
        if (!w.direction.empty()) {
          const auto* d = p_.FindDirection(w.direction);
          std::string did = Node("level:" + l->id + ":direction:" + w.direction, d ? d->name : w.direction,
                                 l->id + "." + w.direction, "Direction", parent, seq_++);
          parent = Link(did, d ? d->name : w.direction);
        }
        int fseq = 1;
        for (const auto& f : w.functions) {
          std::string prefix = (w.direction.empty() ? "" : w.direction + "/") + l->id + "/function/" + f.id;
          std::string fid = Node(prefix, f.name, f.id, "Function", parent, fseq++);
          Json flink = Link(fid, f.name);
          int cseq = 1;
          for (const auto& c : f.work_contents) {
            std::string cid = Node(prefix + "/content/" + c.id, c.name, c.id, "WorkContent", flink, cseq++);
            Json clink = Link(cid, c.name);
            int qseq = 1;
            for (const auto& q : c.skills) Requirement(q, clink, qseq++);
            for (const auto& q : c.knowledge) Requirement(q, clink, qseq++);
          }
        }
      }
    }
    int bseq = 1;
    for (const auto& b : p_.basic_requirements) {
      std::string bid = Node("basic:" + b.id, b.name, b.id, "BasicRequirement", doc_link_, seq_++);
      Json blink = Link(bid, b.name);
      for (const auto& g : b.groups) {
        std::string gid = Node("basic:" + g.id, g.name, g.id, "BasicRequirementGroup", blink, bseq++);
        Json glink = Link(gid, g.name);
        int qseq = 1;
        for (const auto& q : g.items) Requirement(q, glink, qseq++);
      }
    }
    for (const auto& pos : p_.positions) {
      Json parent = doc_link_;
      if (!pos.direction.empty()) {
        const auto* d = p_.FindDirection(pos.direction);
        std::string key = "direction:" + pos.direction;
        if (!made_.count(key))
          Node(key, d ? d->name : pos.direction, pos.direction, "Direction", doc_link_, seq_++);
        parent = Link(made_[key], d ? d->name : pos.direction);
      }
      std::string pid = Node("position:" + pos.id, pos.name + (pos.duties ? "：" + pos.duties->text : ""),
                             pos.id, "Position", parent, seq_++);
      Json plink = Link(pid, pos.name);
      int qseq = 1;
      for (const auto& q : pos.requirements) Requirement(q, plink, qseq++);
    }
    return Json{{"CFDocument", doc},
                {"CFItems", items_},
                {"CFAssociations", assocs_},
                {"CFDefinitions",
                 {{"CFConcepts", Json::array()},
                  {"CFSubjects", Json::array()},
                  {"CFLicenses", Json::array()},
                  {"CFItemTypes", ItemTypes()},
                  {"CFAssociationGroupings", Json::array()}}}};
  }

 private:
  Json Link(const std::string& id, const std::string& title) const {
    return Json{{"title", title}, {"identifier", id}, {"uri", base_ + "/CFItems/" + id}};
  }

  std::string Node(const std::string& key, const std::string& statement, const std::string& code,
                   const std::string& type, const Json& parent, int seq) {
    std::string id = NameUuid("kaoping:" + p_.id + ":" + key);
    made_[key] = id;
    types_.insert(type);
    items_.push_back(
        Json{{"identifier", id},
             {"uri", base_ + "/CFItems/" + id},
             {"fullStatement", statement},
             {"humanCodingScheme", code},
             {"CFItemType", type},
             {"CFItemTypeURI", Json{{"title", type},
                                    {"identifier", NameUuid("kaoping:itemtype:" + type)},
                                    {"uri", base_ + "/CFItemTypes/" + NameUuid("kaoping:itemtype:" + type)}}},
             {"language", "zh"},
             {"lastChangeDateTime", now_},
             {"CFDocumentURI", doc_link_}});
    std::string aid = NameUuid("kaoping:" + p_.id + ":assoc:" + key);
    assocs_.push_back(Json{{"identifier", aid},
                           {"uri", base_ + "/CFAssociations/" + aid},
                           {"associationType", "isChildOf"},
                           {"originNodeURI", Link(id, TruncateUtf8(statement, 80))},
                           {"destinationNodeURI", parent},
                           {"sequenceNumber", seq},
                           {"lastChangeDateTime", now_},
                           {"CFDocumentURI", doc_link_}});
    return id;
  }

  void Requirement(const standards::Requirement& q, const Json& parent, int seq) {
    std::string id = Node("req:" + q.path, q.text, q.path,
                          std::string(standards::RequirementKindName(q.kind)), parent, seq);
    Json& item = items_.back();
    item["notes"] = "source: " + p_.source.file + " " + q.ref.raw;
    if (!q.level.empty()) item["educationLevel"] = Json::array({q.level});
    (void)id;
  }

  Json ItemTypes() const {
    Json arr = Json::array();
    for (const auto& t : types_) {
      std::string id = NameUuid("kaoping:itemtype:" + t);
      arr.push_back(Json{{"identifier", id},
                         {"uri", base_ + "/CFItemTypes/" + id},
                         {"title", t},
                         {"description", "kaoping node type " + t},
                         {"hierarchyCode", t},
                         {"lastChangeDateTime", now_}});
    }
    return arr;
  }

  const Pack& p_;
  std::string base_, now_, doc_id_;
  Json doc_link_;
  Json items_ = Json::array();
  Json assocs_ = Json::array();
  std::map<std::string, std::string> made_;
  std::set<std::string> types_;
  int seq_ = 1;
};

Status CaseError(const std::string& where, const std::string& en, const std::string& zh) {
  return InvalidArgument("case.invalid", "CASE package: " + where + ": " + en,
                         "CASE 数据包：" + where + "：" + zh);
}

// LinkURI given as an object (per spec) or a plain string (seen in real files).
std::string LinkIdentifier(const Json& link) {
  if (link.is_object()) {
    if (link.contains("identifier") && link["identifier"].is_string())
      return link["identifier"].get<std::string>();
    if (link.contains("uri") && link["uri"].is_string()) {
      std::string uri = link["uri"].get<std::string>();
      return uri.substr(uri.find_last_of('/') + 1);
    }
  }
  if (link.is_string()) {
    std::string uri = link.get<std::string>();
    return uri.substr(uri.find_last_of('/') + 1);
  }
  return {};
}

std::string Slug(const std::string& id) {
  std::string out;
  for (char c : id)
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_') ? c : '_';
  return out.empty() ? "x" : out;
}

}  // namespace

Json ExportCase(const Pack& pack, const std::string& base_uri, const std::string& now_iso) {
  return CaseBuilder(pack, base_uri, now_iso).Build();
}

Result<Pack> ImportCase(const Json& pkg) {
  if (!pkg.is_object()) return CaseError("(root)", "expected a JSON object", "应为 JSON 对象");
  if (!pkg.contains("CFDocument") || !pkg["CFDocument"].is_object()) {
    return CaseError("CFDocument", "missing (a CFPackage needs a CFDocument)", "缺少 CFDocument");
  }
  const Json& doc = pkg["CFDocument"];
  for (const char* k : {"identifier", "title"}) {
    if (!doc.contains(k) || !doc[k].is_string()) {
      return CaseError(std::string("CFDocument.") + k, "missing or not a string", "缺失或不是字符串");
    }
  }
  Pack p;
  p.format = "kaoping.standard/1";
  std::string doc_id = doc["identifier"].get<std::string>();
  p.id = "case-" + Slug(doc_id);
  for (auto& c : p.id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto& c : p.id) {
    if (c == '_' || c == '.') c = '-';
  }
  p.title.zh = doc["title"].get<std::string>();
  p.title.en = p.title.zh;
  p.kind = "reference_catalogue";
  p.status = "published";
  p.source.file = "";
  p.source.title = p.title.zh;
  if (doc.contains("creator") && doc["creator"].is_string())
    p.source.issuer = doc["creator"].get<std::string>();
  p.note = "Imported from a CASE CFPackage; read-only reference framework.";

  struct Node {
    std::string id, statement, code, type;
  };
  std::map<std::string, Node> nodes;
  std::vector<std::string> order;
  if (pkg.contains("CFItems")) {
    if (!pkg["CFItems"].is_array()) return CaseError("CFItems", "expected a list", "应为列表");
    for (size_t i = 0; i < pkg["CFItems"].size(); ++i) {
      const Json& it = pkg["CFItems"][i];
      std::string where = "CFItems[" + std::to_string(i) + "]";
      if (!it.is_object()) return CaseError(where, "expected an object", "应为对象");
      if (!it.contains("identifier") || !it["identifier"].is_string()) {
        return CaseError(where + ".identifier", "missing or not a string", "缺失或不是字符串");
      }
      if (!it.contains("fullStatement") || !it["fullStatement"].is_string()) {
        return CaseError(where + ".fullStatement", "missing or not a string", "缺失或不是字符串");
      }
      Node n{it["identifier"].get<std::string>(), it["fullStatement"].get<std::string>(), "", ""};
      if (it.contains("humanCodingScheme") && it["humanCodingScheme"].is_string())
        n.code = it["humanCodingScheme"].get<std::string>();
      if (it.contains("CFItemType") && it["CFItemType"].is_string())
        n.type = it["CFItemType"].get<std::string>();
      if (nodes.count(n.id))
        return CaseError(where + ".identifier", "duplicate identifier " + n.id, "标识重复：" + n.id);
      order.push_back(n.id);
      nodes[n.id] = n;
    }
  }
  // parent → [(seq, child)]
  std::map<std::string, std::vector<std::pair<long long, std::string>>> children;
  std::set<std::string> has_parent;
  if (pkg.contains("CFAssociations")) {
    if (!pkg["CFAssociations"].is_array()) return CaseError("CFAssociations", "expected a list", "应为列表");
    for (size_t i = 0; i < pkg["CFAssociations"].size(); ++i) {
      const Json& a = pkg["CFAssociations"][i];
      std::string where = "CFAssociations[" + std::to_string(i) + "]";
      if (!a.is_object() || !a.contains("associationType")) {
        return CaseError(where + ".associationType", "missing", "缺失");
      }
      if (a["associationType"] != "isChildOf") continue;
      std::string child = LinkIdentifier(a.value("originNodeURI", Json()));
      std::string parent = LinkIdentifier(a.value("destinationNodeURI", Json()));
      if (child.empty() || parent.empty())
        return CaseError(where, "origin or destination node missing", "缺少起点或终点节点");
      if (!nodes.count(child)) continue;  // points outside this package: keep the item at top level
      long long seq = a.contains("sequenceNumber") && a["sequenceNumber"].is_number_integer()
                          ? a["sequenceNumber"].get<long long>()
                          : static_cast<long long>(i);
      children[parent].push_back({seq, child});
      has_parent.insert(child);
    }
  }
  for (auto& [parent, list] : children) std::stable_sort(list.begin(), list.end());
  std::set<std::string> visiting;
  std::function<standards::CatalogueEntry(const std::string&)> build = [&](const std::string& id) {
    standards::CatalogueEntry e;
    const Node& n = nodes[id];
    e.id = Slug(n.code.empty() ? n.id : n.code);
    e.name = n.code;
    e.text = n.statement;
    e.note = n.type;
    if (visiting.insert(id).second) {
      for (const auto& [seq, child] : children[id]) e.entries.push_back(build(child));
      visiting.erase(id);
    }
    return e;
  };
  standards::Catalogue cat;
  cat.id = "framework";
  cat.title = p.title.zh;
  std::vector<std::pair<long long, std::string>> roots = children[doc_id];
  for (const auto& id : order) {
    if (!has_parent.count(id)) roots.push_back({1LL << 40, id});
  }
  std::stable_sort(roots.begin(), roots.end());
  for (const auto& [seq, id] : roots) cat.entries.push_back(build(id));
  p.catalogue.push_back(std::move(cat));
  return p;
}

}  // namespace kaoping::wire
