#include <functional>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "core/standards/loader.h"
#include "support/files.h"
#include "wire/case_json.h"
#include "wire/standards_json.h"

namespace kaoping::wire {
namespace {

using testing_support::PackFiles;
using testing_support::ReadFile;

std::vector<standards::Pack> AllPacks() {
  std::vector<standards::Pack> out;
  for (const auto& f : PackFiles()) {
    auto r = standards::LoadPack(ReadFile(f), f.filename().string());
    EXPECT_TRUE(r.ok()) << r.status();
    if (r.ok()) out.push_back(std::move(r).value());
  }
  return out;
}

const standards::Pack& Find(const std::vector<standards::Pack>& packs, const std::string& id) {
  for (const auto& p : packs) {
    if (p.id == id) return p;
  }
  static standards::Pack empty;
  ADD_FAILURE() << id;
  return empty;
}

TEST(CaseExportTest, EveryPackExportsOneItemPerRequirementAndATreeThatRebuildsTheHierarchy) {
  auto packs = AllPacks();
  ASSERT_EQ(packs.size(), 5u);
  for (const auto& p : packs) {
    Json pkg = ExportCase(p, "http://127.0.0.1:8080/ims/case/v1p0", "2026-11-23T00:00:00+00:00");
    // Valid JSON that survives a text round trip.
    Json reparsed = Json::parse(pkg.dump());
    ASSERT_EQ(reparsed, pkg);
    ASSERT_TRUE(pkg.contains("CFDocument"));
    for (const char* k : {"identifier", "uri", "creator", "title", "lastChangeDateTime"}) {
      EXPECT_TRUE(pkg["CFDocument"].contains(k)) << p.id << " CFDocument." << k;
    }
    std::map<std::string, Json> items;
    std::set<std::string> requirement_codes;
    for (const auto& it : pkg["CFItems"]) {
      for (const char* k : {"identifier", "fullStatement", "uri", "lastChangeDateTime"}) {
        EXPECT_TRUE(it.contains(k)) << p.id << " CFItem." << k;
      }
      EXPECT_TRUE(items.emplace(it["identifier"].get<std::string>(), it).second) << "duplicate identifier";
      std::string type = it["CFItemType"];
      if (standards::ParseRequirementKind(type))
        requirement_codes.insert(it["humanCodingScheme"].get<std::string>());
    }
    // One CFItem per requirement line, with its text.
    auto reqs = p.AllRequirements();
    EXPECT_EQ(requirement_codes.size(), reqs.size()) << p.id;
    for (const auto* q : reqs) EXPECT_TRUE(requirement_codes.count(q->path)) << p.id << " " << q->path;
    // Every item has exactly one isChildOf parent, which is an item or the document, and the
    // parent chain of every requirement reaches the document.
    std::string doc_id = pkg["CFDocument"]["identifier"];
    std::map<std::string, std::string> parent;
    for (const auto& a : pkg["CFAssociations"]) {
      ASSERT_EQ(a["associationType"], "isChildOf");
      std::string child = a["originNodeURI"]["identifier"], par = a["destinationNodeURI"]["identifier"];
      EXPECT_TRUE(parent.emplace(child, par).second) << "two parents for " << child;
      EXPECT_TRUE(par == doc_id || items.count(par)) << "dangling parent " << par;
    }
    EXPECT_EQ(parent.size(), items.size()) << p.id;
    for (const auto& [id, item] : items) {
      std::string cur = id;
      int hops = 0;
      while (cur != doc_id && hops++ < 10) cur = parent[cur];
      EXPECT_EQ(cur, doc_id) << p.id << " item " << id << " does not reach the document";
    }
    // Deterministic identifiers: a second export is identical.
    EXPECT_EQ(ExportCase(p, "http://127.0.0.1:8080/ims/case/v1p0", "2026-11-23T00:00:00+00:00"), pkg);
  }
}

TEST(CaseExportTest, RequirementSitsUnderItsWorkContentFunctionAndLevel) {
  auto packs = AllPacks();
  const auto& p = Find(packs, "llm-deploy-engineer");
  Json pkg = ExportCase(p, "http://x/ims/case/v1p0", "2026-11-23T00:00:00+00:00");
  std::map<std::string, Json> items;
  for (const auto& it : pkg["CFItems"]) items[it["identifier"]] = it;
  std::map<std::string, std::string> parent;
  for (const auto& a : pkg["CFAssociations"])
    parent[a["originNodeURI"]["identifier"]] = a["destinationNodeURI"]["identifier"];
  std::string req_id;
  for (const auto& [id, it] : items) {
    if (it["humanCodingScheme"] == "mid/skill/2.2.2") req_id = id;
  }
  ASSERT_FALSE(req_id.empty());
  const Json& content = items.at(parent.at(req_id));
  EXPECT_EQ(content["fullStatement"], "本地部署优化");
  const Json& function = items.at(parent.at(content["identifier"]));
  EXPECT_EQ(function["fullStatement"], "环境搭建与部署");
  const Json& level = items.at(parent.at(function["identifier"]));
  EXPECT_EQ(level["CFItemType"], "Level");
  EXPECT_EQ(level["humanCodingScheme"], "mid");
}

TEST(CaseImportTest, RoundTripsAnExportAsAReferenceFramework) {
  auto packs = AllPacks();
  const auto& p = Find(packs, "llm-talent-capability");
  Json pkg = ExportCase(p, "http://x/ims/case/v1p0", "2026-11-23T00:00:00+00:00");
  auto imported = ImportCase(pkg);
  ASSERT_TRUE(imported.ok()) << imported.status();
  EXPECT_EQ(imported->kind, "reference_catalogue");
  EXPECT_EQ(imported->title.zh, p.title.zh);
  ASSERT_EQ(imported->catalogue.size(), 1u);
  // The imported framework validates as a pack.
  imported->origin = "case";
  EXPECT_TRUE(standards::ValidatePack(*imported).empty());
  size_t total = 0;
  std::function<void(const standards::CatalogueEntry&)> count = [&](const standards::CatalogueEntry& e) {
    ++total;
    for (const auto& c : e.entries) count(c);
  };
  for (const auto& e : imported->catalogue[0].entries) count(e);
  EXPECT_EQ(total, pkg["CFItems"].size());
}

TEST(CaseImportTest, ToleratesRealWorldDeviationsAndReportsMissingFields) {
  Json pkg = Json::parse(R"({
    "CFDocument": {"identifier": "d0000000-0000-0000-0000-000000000000", "title": "Sequence Number Test",
                   "creator": "Test", "uri": "http://s/d", "lastChangeDateTime": "2017-11-03T23:00:33",
                   "CFPackageURI": "http://s/p"},
    "CFItems": [{"identifier": "e1", "fullStatement": "First", "humanCodingScheme": "SNT.1", "uri": "u", "lastChangeDateTime": "x",
                 "educationalLevel": ["09"]},
                {"identifier": "e2", "fullStatement": "Second", "humanCodingScheme": "SNT.2", "uri": "u", "lastChangeDateTime": "x"}],
    "CFAssociations": [
      {"identifier": "a1", "associationType": "isChildOf", "originNodeURI": "http://s/CFItems/e1",
       "destinationNodeURI": {"identifier": "d0000000-0000-0000-0000-000000000000", "uri": "http://s/d", "title": "t"}, "sequenceNumber": 2},
      {"identifier": "a2", "associationType": "isChildOf", "originNodeURI": {"identifier": "e2", "uri": "u", "title": "t"},
       "destinationNodeURI": {"identifier": "d0000000-0000-0000-0000-000000000000", "uri": "u", "title": "t"}, "sequenceNumber": 1},
      {"identifier": "a3", "associationType": "isRelatedTo", "originNodeURI": "x", "destinationNodeURI": "y"}]
  })");
  auto r = ImportCase(pkg);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->catalogue[0].entries.size(), 2u);
  EXPECT_EQ(r->catalogue[0].entries[0].text, "Second");  // sequenceNumber order
  Json bad = pkg;
  bad["CFItems"][1].erase("fullStatement");
  auto err = ImportCase(bad);
  ASSERT_FALSE(err.ok());
  EXPECT_EQ(err.status().reason(), "case.invalid");
  EXPECT_NE(err.status().message().find("CFItems[1].fullStatement"), std::string::npos);
  EXPECT_FALSE(ImportCase(Json::parse("{}")).ok());
}

TEST(NameUuidTest, IsVersion5AndStable) {
  std::string a = NameUuid("kaoping:x"), b = NameUuid("kaoping:x"), c = NameUuid("kaoping:y");
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  ASSERT_EQ(a.size(), 36u);
  EXPECT_EQ(a[14], '5');
  EXPECT_TRUE(a[19] == '8' || a[19] == '9' || a[19] == 'a' || a[19] == 'b');
}

TEST(ProfileJsonTest, ParsesAndRejectsWithFieldNames) {
  auto ok =
      ProfileFromJson(Json::parse(R"({"education":"bachelor","field_related":true,"occupation_years":2.5,
      "titles":[{"title":"engineer","years_after":3}],
      "certificates":[{"standard":"llm-deploy-engineer","level":"junior","years_after":2}],
      "training":[{"standard":"ai-engineering-technician","level":"junior","certificate":true}]})"));
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->education, "bachelor");
  EXPECT_DOUBLE_EQ(ok->occupation_years, 2.5);
  EXPECT_EQ(ok->titles.at(0).title, "engineer");
  EXPECT_EQ(ok->certificates.at(0).level, "junior");
  auto bad_edu = ProfileFromJson(Json::parse(R"({"education":"phd"})"));
  EXPECT_NE(bad_edu.status().message().find("field 'education'"), std::string::npos);
  auto bad_years = ProfileFromJson(Json::parse(R"({"occupation_years":"three"})"));
  EXPECT_NE(bad_years.status().message().find("occupation_years"), std::string::npos);
  auto unknown = ProfileFromJson(Json::parse(R"({"salary":1})"));
  EXPECT_EQ(unknown.status().reason(), "profile.invalid");
  auto bad_title = ProfileFromJson(Json::parse(R"({"titles":[{"title":"boss"}]})"));
  EXPECT_NE(bad_title.status().message().find("titles[0].title"), std::string::npos);
}

TEST(LevelJsonTest, ShowsOwnAndInheritedRequirementsAndWeights) {
  auto packs = AllPacks();
  const auto& p = Find(packs, "llm-deploy-engineer");
  auto j = LevelJson(p, "mid", "");
  ASSERT_TRUE(j.ok()) << j.status();
  EXPECT_EQ((*j)["functions"].size(), 4u);
  EXPECT_EQ((*j)["inherited_functions"].size(), 4u);
  EXPECT_EQ((*j)["inherited_functions"][0]["level"], "junior");
  bool found = false;
  for (const auto& w : (*j)["weights"]) {
    if (w["table"] != "theory") continue;
    for (const auto& r : w["rows"]) {
      if (r["label"] == "基础知识") {
        EXPECT_EQ(r["weight"], 15);
        found = true;
      }
    }
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(LevelJson(p, "expert", "").status().code(), StatusCode::kNotFound);
  const auto& t = Find(packs, "ai-engineering-technician");
  EXPECT_EQ(LevelJson(t, "mid", "").status().reason(), "standard.direction_required");
  auto cv = LevelJson(t, "mid", "cv");
  ASSERT_TRUE(cv.ok());
  EXPECT_EQ((*cv)["weights"].size(), 2u);
}

TEST(DiffTest, ComparesTwoPacks) {
  auto packs = AllPacks();
  const auto& a = Find(packs, "llm-deploy-engineer");
  standards::Pack b = a;
  b.id = "changed";
  b.work_requirements[0].functions[0].work_contents[0].skills[0].text = "改过的文本";
  b.weight_tables[0].rows[0].weights[0] = 6;
  Json d = DiffPacks(a, b);
  EXPECT_EQ(d["requirements"]["changed"].size(), 1u);
  EXPECT_EQ(d["weights"].size(), 1u);
  Json self = DiffPacks(a, a);
  EXPECT_TRUE(self["requirements"]["changed"].empty());
  EXPECT_TRUE(self["weights"].empty());
  EXPECT_NE(PackMarkdown(a).find("| 职业道德 | 5 | 5 | 5 |"), std::string::npos);
}

}  // namespace
}  // namespace kaoping::wire
