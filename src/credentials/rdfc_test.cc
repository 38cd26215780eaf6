// JSON-LD expansion / toRDF and RDFC-1.0 (jsonld.h, rdfc.h): hand-checked datasets, and
// byte-for-byte comparison with jsonld.js + rdf-canonize (tests/credentials/canonize.mjs) for
// issued credentials, the status list credential and the proof configuration.
#include "credentials/rdfc.h"

#include <set>

#include <gtest/gtest.h>

#include "base/random.h"
#include "credentials/credentials_test_support.h"
#include "credentials/data_integrity.h"
#include "credentials/dates.h"
#include "credentials/jsonld.h"

namespace kaoping::credentials {
namespace {

using Json = nlohmann::json;
using testing::IssuerFixture;

RdfTerm B(const std::string& label) {
  return RdfTerm::Blank(label);
}
RdfTerm I(const std::string& iri) {
  return RdfTerm::Iri(iri);
}
Quad Q(RdfTerm s, const std::string& p, RdfTerm o) {
  return Quad{std::move(s), I(p), std::move(o), RdfTerm{}};
}

TEST(RdfcTest, NoBlankNodesSortsAndEscapes) {
  const std::vector<Quad> quads = {
      Q(I("http://e/s"), "http://e/p", RdfTerm::Literal("a \"q\"\\\n\t\x01 张", std::string(kXsdString))),
      Q(I("http://e/a"), "http://e/p", RdfTerm::Literal("1", "http://www.w3.org/2001/XMLSchema#integer")),
      Q(I("http://e/a"), "http://e/p", RdfTerm::Literal("1", "http://www.w3.org/2001/XMLSchema#integer")),
  };
  EXPECT_EQ(CanonicalizeRdfc(quads).value(),
            "<http://e/a> <http://e/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
            "<http://e/s> <http://e/p> \"a \\\"q\\\"\\\\\\n\\t\\u0001 张\" .\n");
}

TEST(RdfcTest, UniqueFirstDegreeHashes) {
  // _:x has a literal, _:y points at it: distinct first-degree hashes. The canonical labels follow
  // the hashes' order (hand-computed: hash(_:y's quads) < hash(_:x's quads) or not — the output is
  // the same either way only up to relabelling, so pin it).
  const std::vector<Quad> quads = {Q(B("x"), "http://e/name", RdfTerm::Literal("x", std::string(kXsdString))),
                                   Q(B("y"), "http://e/knows", B("x"))};
  const std::string out = CanonicalizeRdfc(quads).value();
  // Relabelling the input does not change the output.
  const std::vector<Quad> renamed = {
      Q(B("q"), "http://e/knows", B("p")),
      Q(B("p"), "http://e/name", RdfTerm::Literal("x", std::string(kXsdString)))};
  EXPECT_EQ(CanonicalizeRdfc(renamed).value(), out);
  EXPECT_NE(out.find("_:c14n0"), std::string::npos);
  EXPECT_NE(out.find("_:c14n1"), std::string::npos);
}

TEST(RdfcTest, TiedBlankNodesInACycle) {
  // _:x and _:y are indistinguishable (same first-degree hash); the N-degree hash breaks the tie
  // and either choice gives the same dataset.
  const std::vector<Quad> quads = {Q(B("x"), "http://e/p", B("y")), Q(B("y"), "http://e/p", B("x"))};
  EXPECT_EQ(CanonicalizeRdfc(quads).value(),
            "_:c14n0 <http://e/p> _:c14n1 .\n"
            "_:c14n1 <http://e/p> _:c14n0 .\n");
}

TEST(RdfcTest, PermutationLimit) {
  // A clique of tied blank nodes: many permutations; a tiny limit must stop it with an error.
  std::vector<Quad> quads;
  for (int i = 0; i < 5; ++i) {
    for (int j = 0; j < 5; ++j) {
      if (i != j) quads.push_back(Q(B("n" + std::to_string(i)), "http://e/p", B("n" + std::to_string(j))));
    }
  }
  auto limited = CanonicalizeRdfc(quads, RdfcOptions{.max_permutations = 10});
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.status().reason(), "credentials.rdfc_limit");
  EXPECT_TRUE(CanonicalizeRdfc(quads).ok());
}

TEST(JsonLdTest, ExpandsAnIssuedCredential) {
  IssuerFixture fx;
  IssueRequest r;
  r.holder.name = "张三明";
  r.holder.subject_id = "did:example:holder";
  r.pack = &testing::PackFromRepo("002-llm-deploy-engineer.yaml");
  r.level_id = "mid";
  Json vc = fx.issuer->Issue(r).value().credential;
  vc.erase("proof");
  const Json expanded = ExpandJsonLd(vc).value();
  ASSERT_EQ(expanded.size(), 1u);
  const Json& node = expanded[0];
  EXPECT_EQ(node["@type"],
            Json::array({"https://www.w3.org/2018/credentials#VerifiableCredential",
                         "https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential"}));
  EXPECT_EQ(node["https://www.w3.org/2018/credentials#validFrom"][0]["@type"],
            "http://www.w3.org/2001/XMLSchema#dateTime");
  const Json& subject = node["https://www.w3.org/2018/credentials#credentialSubject"][0];
  EXPECT_EQ(subject["@id"], "did:example:holder");
  const Json& achievement = subject["https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievement"][0];
  EXPECT_EQ(achievement["@type"],
            Json::array({"https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement"}));
  EXPECT_TRUE(achievement.contains("https://purl.imsglobal.org/spec/vc/ob/vocab.html#alignment"));
}

TEST(JsonLdTest, RefusesWhatItCannotExpand) {
  auto unknown = ExpandJsonLd(Json{{"@context", "https://example.org/ctx"}, {"a", 1}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().reason(), "credentials.unknown_context");
  auto undefined = JsonLdToRdf(Json{{"@context", {{"a", "http://e/a"}}}, {"a", 1}, {"b", 2}});
  ASSERT_FALSE(undefined.ok());
  EXPECT_EQ(undefined.status().reason(), "credentials.jsonld_undefined_term");
  auto language = ExpandJsonLd(Json{{"@context", {{"@language", "zh"}, {"a", "http://e/a"}}}, {"a", "x"}});
  ASSERT_FALSE(language.ok());
  EXPECT_EQ(language.status().reason(), "credentials.jsonld_unsupported");
  auto base = ExpandJsonLd(Json{{"@context", {{"@base", "http://e/"}}}, {"@id", "x"}});
  ASSERT_FALSE(base.ok());
  EXPECT_EQ(base.status().reason(), "credentials.jsonld_unsupported");
  auto relative = JsonLdToRdf(Json{{"@context", {{"a", "http://e/a"}}}, {"@id", "x"}, {"a", 1}});
  ASSERT_FALSE(relative.ok());
  EXPECT_EQ(relative.status().reason(), "credentials.jsonld_unsupported");
  // A protected term cannot be redefined.
  auto redefined = ExpandJsonLd(
      Json{{"@context", Json::array({"https://www.w3.org/ns/credentials/v2", {{"name", "http://e/other"}}})},
           {"name", "x"}});
  ASSERT_FALSE(redefined.ok());
  EXPECT_EQ(redefined.status().reason(), "credentials.jsonld_invalid");
}

TEST(JsonLdTest, HostileDocumentsFailCleanly) {
  IssuerFixture fx;
  IssueRequest r;
  r.holder.name = "张三明";
  r.pack = &testing::PackFromRepo("002-llm-deploy-engineer.yaml");
  r.level_id = "mid";
  const Json vc = fx.issuer->Issue(r).value().credential;
  // Many values: expanded and de-duplicated without quadratic work, then the proof fails.
  Json big = vc;
  Json many = Json::array();
  for (int i = 0; i < 20000; ++i) many.push_back("x" + std::to_string(i % 10000));
  big["credentialSubject"]["achievement"]["description"] = many;
  auto big_result = VerifyProof(big);
  ASSERT_FALSE(big_result.ok());
  EXPECT_EQ(big_result.status().reason(), "credentials.proof_invalid");
  // Deep nesting: refused with an error, no stack exhaustion.
  Json deep = vc;
  Json* at = &deep["credentialSubject"];
  for (int i = 0; i < 500; ++i) at = &((*at)["achievement"] = Json{{"type", "Achievement"}});
  auto deep_result = VerifyProof(deep);
  ASSERT_FALSE(deep_result.ok());
  EXPECT_EQ(deep_result.status().reason(), "credentials.proof_invalid");
}

TEST(JsonLdTest, NumbersBooleansAndLists) {
  const Json doc{
      {"@context",
       {{"n", "http://e/n"}, {"b", "http://e/b"}, {"l", {{"@id", "http://e/l"}, {"@container", "@list"}}}}},
      {"@id", "http://e/s"},
      {"n", Json::array({1, 2.5, 1e21})},
      {"b", false},
      {"l", Json::array({"x", "y"})}};
  const std::string out = CanonicalNQuads(doc).value();
  EXPECT_NE(out.find("\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>"), std::string::npos) << out;
  EXPECT_NE(out.find("\"2.5E0\"^^<http://www.w3.org/2001/XMLSchema#double>"), std::string::npos) << out;
  EXPECT_NE(out.find("\"1.0E21\"^^<http://www.w3.org/2001/XMLSchema#double>"), std::string::npos) << out;
  EXPECT_NE(out.find("\"false\"^^<http://www.w3.org/2001/XMLSchema#boolean>"), std::string::npos) << out;
  EXPECT_NE(out.find("<http://www.w3.org/1999/02/22-rdf-syntax-ns#first> \"x\""), std::string::npos) << out;
}

// --- byte-for-byte against jsonld.js / rdf-canonize -------------------------------------------

class RdfcOracleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(testing::NodeExecutable().empty()) << "node not found at configure time";
    ASSERT_TRUE(std::filesystem::exists(testing::VerifierDir() / "node_modules" / "jsonld"))
        << "the npm harness is not installed: run scripts/setup.sh (npm ci in tests/credentials)";
  }

  std::string Oracle(const std::string& text, const std::string& ext) {
    const auto file = dir_.path() / ("doc-" + std::to_string(++files_) + ext);
    testing::WriteFile(file, text);
    auto r = testing::RunCommand(testing::ShellQuote(testing::NodeExecutable()) + " " +
                                     testing::ShellQuote((testing::VerifierDir() / "canonize.mjs").string()) +
                                     " " + testing::ShellQuote(file.string()),
                                 /*with_stderr=*/false);
    EXPECT_EQ(r.exit_code, 0) << text;
    return r.output;
  }

  void ExpectSameAsOracle(const Json& doc) {
    auto ours = CanonicalNQuads(doc);
    ASSERT_TRUE(ours.ok()) << ours.status().message() << "\n" << doc.dump(2);
    const std::string theirs = Oracle(doc.dump(2), ".json");
    EXPECT_NE(theirs.find(" .\n"), std::string::npos) << "the oracle produced no N-Quads";
    EXPECT_EQ(*ours, theirs) << doc.dump(2);
  }

  testing::TempDir dir_;
  int files_ = 0;
};

TEST_F(RdfcOracleTest, Datasets) {
  const std::vector<std::vector<Quad>> datasets = {
      {Q(B("x"), "http://e/p", B("y")), Q(B("y"), "http://e/p", B("x"))},
      // Two disjoint 3-cycles and a 4-cycle with a tail: ties that need recursion.
      {Q(B("a"), "http://e/p", B("b")), Q(B("b"), "http://e/p", B("c")), Q(B("c"), "http://e/p", B("a")),
       Q(B("d"), "http://e/p", B("e")), Q(B("e"), "http://e/p", B("f")), Q(B("f"), "http://e/p", B("d"))},
      {Q(B("a"), "http://e/p", B("b")), Q(B("b"), "http://e/p", B("c")), Q(B("c"), "http://e/p", B("d")),
       Q(B("d"), "http://e/p", B("a")), Q(B("t"), "http://e/q", B("a")),
       Q(B("a"), "http://e/r", RdfTerm::Literal("x", std::string(kXsdString)))},
      // JavaScript's sort order: U+1F600 (a surrogate pair) before U+E000, unlike byte order.
      {Q(I("http://e/s"), "http://e/p", RdfTerm::Literal("\xee\x80\x80", std::string(kXsdString))),
       Q(I("http://e/s"), "http://e/p", RdfTerm::Literal("\xf0\x9f\x98\x80", std::string(kXsdString))),
       Q(I("http://e/s"), "http://e/p", RdfTerm::Literal("z", std::string(kXsdString)))},
      // Blank nodes in the graph position.
      {Quad{B("s"), I("http://e/p"), B("o"), B("g")}, Quad{B("o"), I("http://e/p"), B("s"), B("g")},
       Quad{I("http://e/x"), I("http://e/in"), B("g"), RdfTerm{}}},
  };
  for (const auto& quads : datasets) {
    std::string nq;
    for (const auto& q : quads) nq += SerializeNQuad(q);
    EXPECT_EQ(CanonicalizeRdfc(quads).value(), Oracle(nq, ".nq")) << nq;
  }
}

// A random dataset for differential testing: 2–6 blank nodes, shaped so that many of them tie on
// their first-degree hash (cycles, stars, blank graph names) and the N-degree algorithm has to
// break the ties, or plain random edges with IRIs and literals mixed in. Labels are random so the
// input labelling cannot matter.
std::vector<Quad> RandomDataset(SeededRandom& rng) {
  const int nb = 2 + static_cast<int>(rng.Uniform(5));
  std::vector<RdfTerm> blanks;
  for (int i = 0; i < nb; ++i)
    blanks.push_back(B("r" + std::to_string(rng.Uniform(1000000)) + "x" + std::to_string(i)));
  const std::vector<std::string> preds = {"http://e/p", "http://e/q"};
  auto pick = [&](const std::vector<RdfTerm>& v) { return v[rng.Uniform(v.size())]; };
  std::vector<Quad> quads;
  auto add = [&](RdfTerm s, const std::string& p, RdfTerm o, RdfTerm g = RdfTerm{}) {
    quads.push_back(Quad{std::move(s), I(p), std::move(o), std::move(g)});
  };
  switch (rng.Uniform(4)) {
    case 0:  // One or two cycles over the same predicate: every node looks alike at first.
      for (int i = 0; i < nb; ++i) add(blanks[i], preds[0], blanks[(i + 1) % nb]);
      if (rng.Uniform(2) == 0)
        for (int i = 0; i < nb; ++i) add(blanks[(i + 2) % nb], preds[1], blanks[i]);
      break;
    case 1:  // A star with identical leaves, hung off an IRI or not.
      for (int i = 1; i < nb; ++i) add(blanks[0], preds[0], blanks[i]);
      if (rng.Uniform(2) == 0) add(I("http://e/root"), preds[1], blanks[0]);
      break;
    case 2:  // Blank graph names: the same triples in several unnamed graphs.
      for (int i = 1; i < nb; ++i) {
        add(blanks[0], preds[0], blanks[i], blanks[i]);
        add(blanks[i], preds[1], RdfTerm::Literal("v", std::string(kXsdString)), blanks[i]);
      }
      break;
    default: {  // Random edges among blank nodes, IRIs and literals.
      const std::vector<RdfTerm> others = {I("http://e/a"), I("http://e/b"),
                                           RdfTerm::Literal("1", std::string(kXsdString)),
                                           RdfTerm::Literal("\xe4\xb8\xad", std::string(kXsdString))};
      const int edges = nb + static_cast<int>(rng.Uniform(2 * nb));
      for (int e = 0; e < edges; ++e) {
        const RdfTerm s = pick(blanks);
        const RdfTerm o = rng.Uniform(3) == 0 ? pick(others) : pick(blanks);
        add(s, preds[rng.Uniform(preds.size())], o);
      }
    }
  }
  // A dataset is a set: drop repeated quads (they print identically).
  std::set<std::string> seen;
  std::vector<Quad> unique;
  for (auto& q : quads)
    if (seen.insert(SerializeNQuad(q)).second) unique.push_back(std::move(q));
  rng.Shuffle(unique);
  return unique;
}

TEST_F(RdfcOracleTest, RandomDatasetsMatchTheOracle) {
  SeededRandom rng(20261207);
  std::string batch;
  std::vector<std::string> ours;
  for (int i = 0; i < 200; ++i) {
    const std::vector<Quad> quads = RandomDataset(rng);
    auto canonical = CanonicalizeRdfc(quads);
    ASSERT_TRUE(canonical.ok()) << canonical.status().message();
    for (const auto& q : quads) batch += SerializeNQuad(q);
    batch += "#next\n";
    ours.push_back(*canonical);
  }
  const std::string theirs = Oracle(batch, ".nqs");
  std::vector<std::string> oracle;
  for (size_t start = 0, end; (end = theirs.find("#next\n", start)) != std::string::npos; start = end + 6)
    oracle.push_back(theirs.substr(start, end - start));
  ASSERT_EQ(oracle.size(), ours.size());
  size_t labelled = 0;
  for (size_t i = 0; i < ours.size(); ++i) {
    EXPECT_EQ(ours[i], oracle[i]) << "dataset " << i;
    if (ours[i].find("_:c14n") != std::string::npos) ++labelled;
  }
  EXPECT_EQ(labelled, ours.size()) << "every dataset has blank nodes to label";
}

TEST_F(RdfcOracleTest, ContextFeaturesBeyondKaopingsCredentials) {
  // @json (JCS-canonical literal), @list (OB allowedValue), nested type-scoped contexts, numbers.
  const Json doc = Json::parse(R"({
    "@context": ["https://www.w3.org/ns/credentials/v2",
                 "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    "id": "urn:uuid:2f6c1c1e-0000-4000-8000-000000000001",
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "issuer": {"id": "did:example:issuer", "type": "Profile", "name": "Issuer"},
    "validFrom": "2026-03-01T08:00:00Z",
    "_sd": {"b": [1, 2.5, true, null], "a": "x\n\u00e9"},
    "credentialSubject": {
      "type": ["AchievementSubject"],
      "achievement": {
        "id": "https://e.example/a", "type": ["Achievement"], "name": "n",
        "description": "d", "criteria": {"narrative": "x"},
        "resultDescription": [{"id": "https://e.example/rd", "type": ["ResultDescription"],
                               "name": "r", "resultType": "LetterGrade",
                               "allowedValue": ["C", "A", "B"]}]
      }
    }
  })");
  ExpectSameAsOracle(doc);
}

TEST_F(RdfcOracleTest, IssuedCredentialsAndProofConfig) {
  IssuerFixture fx;
  IssueRequest r;
  r.holder.name = "张三明";
  r.holder.email = "zhang@example.com";
  r.holder.national_id = "11010519491231002X";
  r.pack = &testing::PackFromRepo("003-ai-engineering-technician.yaml");
  r.level_id = "senior";
  r.direction_id = "chip";
  const IssuedCertificate with_direction = fx.issuer->Issue(r).value();

  IssueRequest plain;
  plain.holder.name = "李四";
  plain.holder.subject_id = "did:example:li-si";
  plain.pack = &testing::PackFromRepo("002-llm-deploy-engineer.yaml");
  plain.level_id = "junior";  // two alignments: the level and the framework
  const IssuedCertificate two_alignments = fx.issuer->Issue(plain).value();
  ASSERT_EQ(two_alignments.credential["credentialSubject"]["achievement"]["alignment"].size(), 2u);

  const IssuedCertificate renewed = fx.issuer->Renew(with_direction.record, r.holder, *r.pack).value();
  ASSERT_TRUE(renewed.credential.contains("evidence"));

  for (const IssuedCertificate* c : {&with_direction, &two_alignments, &renewed}) {
    Json doc = c->credential;
    Json proof = doc["proof"];
    doc.erase("proof");
    ExpectSameAsOracle(doc);
    // Every blank node of kaoping's credentials has a unique first-degree hash: no N-degree
    // hashing (no permutations) is needed to canonicalise them.
    EXPECT_TRUE(CanonicalizeRdfc(JsonLdToRdf(doc).value(), RdfcOptions{.max_permutations = 0}).ok());
    // The proof configuration as eddsa-rdfc-2022 hashes it.
    proof.erase("proofValue");
    proof["cryptosuite"] = kCryptosuiteRdfc;
    proof["@context"] = doc["@context"];
    ExpectSameAsOracle(proof);
  }
  Json list = fx.issuer->StatusListCredential().value();
  list.erase("proof");
  ExpectSameAsOracle(list);
}

}  // namespace
}  // namespace kaoping::credentials
