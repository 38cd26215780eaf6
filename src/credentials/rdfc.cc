#include "credentials/rdfc.h"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "base/sha256.h"
#include "credentials/jcs.h"

namespace kaoping::credentials {

namespace {

void AppendUchar(std::string& out, unsigned char c) {
  static const char* kHex = "0123456789ABCDEF";
  out += "\\u00";
  out += kHex[c >> 4];
  out += kHex[c & 15];
}

std::string EscapeLiteral(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  AppendEscaped(s, out, /*upper_hex=*/true, /*escape_del=*/true);
  return out;
}

std::string EscapeIri(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || ch == '<' || ch == '>' || ch == '"' || ch == '{' || ch == '}' || ch == '|' ||
        ch == '^' || ch == '`' || ch == '\\') {
      AppendUchar(out, c);
    } else {
      out += ch;
    }
  }
  return out;
}

void AppendTerm(std::string& out, const RdfTerm& t) {
  switch (t.kind) {
    case RdfTerm::Kind::kIri:
      out += '<';
      out += EscapeIri(t.value);
      out += '>';
      break;
    case RdfTerm::Kind::kBlank:
      out += "_:";
      out += t.value;
      break;
    case RdfTerm::Kind::kLiteral:
      out += '"';
      out += EscapeLiteral(t.value);
      out += '"';
      if (t.datatype == kRdfLangString) {
        if (!t.language.empty()) out += "@" + t.language;
      } else if (t.datatype != kXsdString) {
        out += "^^<" + EscapeIri(t.datatype) + ">";
      }
      break;
    case RdfTerm::Kind::kDefaultGraph:
      break;
  }
}

std::string HexSha256(std::string_view data) {
  return Sha256Hex(data);
}

// Orders UTF-8 strings as JavaScript sorts strings (by UTF-16 code units), as rdf-canonize does.
// Byte order equals code point order; the two differ only where a character above U+FFFF
// (UTF-8 lead byte F0–F4, a surrogate pair in UTF-16) meets one in U+E000–U+FFFF (lead EE, EF).
// With equal prefixes the first differing bytes start code points of the same position.
bool JsStringLess(const std::string& a, const std::string& b) {
  const auto [ia, ib] = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
  if (ia == a.end() || ib == b.end()) return ia == a.end() && ib != b.end();
  const auto ca = static_cast<unsigned char>(*ia);
  const auto cb = static_cast<unsigned char>(*ib);
  if (ca >= 0xf0 && (cb == 0xee || cb == 0xef)) return true;
  if (cb >= 0xf0 && (ca == 0xee || ca == 0xef)) return false;
  return ca < cb;
}

// The identifier issuer of RDFC-1.0 §4.3: keeps the order in which identifiers were issued.
class IdentifierIssuer {
 public:
  explicit IdentifierIssuer(std::string prefix) : prefix_(std::move(prefix)) {}
  const std::string& Issue(const std::string& existing) {
    auto it = issued_.find(existing);
    if (it != issued_.end()) return it->second;
    order_.push_back(existing);
    return issued_.emplace(existing, prefix_ + std::to_string(counter_++)).first->second;
  }
  [[nodiscard]] bool Has(const std::string& existing) const { return issued_.count(existing) > 0; }
  [[nodiscard]] const std::string* Find(const std::string& existing) const {
    auto it = issued_.find(existing);
    return it == issued_.end() ? nullptr : &it->second;
  }
  [[nodiscard]] const std::vector<std::string>& order() const { return order_; }

 private:
  std::string prefix_;
  std::uint64_t counter_ = 0;
  std::map<std::string, std::string> issued_;
  std::vector<std::string> order_;
};

class Canonicalizer {
 public:
  Canonicalizer(const std::vector<Quad>& quads, const RdfcOptions& options)
      : quads_(quads), options_(options), canonical_("c14n") {}

  Result<std::string> Run() {
    // §4.4.3 step 2: blank node to quads.
    for (std::size_t i = 0; i < quads_.size(); ++i) {
      for (const RdfTerm* t : {&quads_[i].subject, &quads_[i].object, &quads_[i].graph}) {
        if (t->kind == RdfTerm::Kind::kBlank) {
          auto& list = bnode_quads_[t->value];
          if (list.empty() || list.back() != i) list.push_back(i);
        }
      }
    }
    // Steps 3–5: first-degree hashes; unique ones get canonical labels in hash order.
    std::map<std::string, std::vector<std::string>> hash_to_bnodes;
    for (const auto& [bnode, unused] : bnode_quads_) hash_to_bnodes[FirstDegreeHash(bnode)].push_back(bnode);
    std::vector<std::vector<std::string>> non_unique;
    for (const auto& [hash, bnodes] : hash_to_bnodes) {
      if (bnodes.size() == 1) {
        canonical_.Issue(bnodes[0]);
      } else {
        non_unique.push_back(bnodes);
      }
    }
    // Step 6: N-degree hashes for ties.
    for (const auto& bnodes : non_unique) {
      std::vector<std::pair<std::string, IdentifierIssuer>> paths;
      for (const auto& bnode : bnodes) {
        if (canonical_.Has(bnode)) continue;
        IdentifierIssuer temporary("b");
        temporary.Issue(bnode);
        KP_ASSIGN_OR_RETURN(auto result, HashNDegree(bnode, std::move(temporary)));
        paths.push_back(std::move(result));
      }
      std::stable_sort(paths.begin(), paths.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      for (const auto& [hash, issuer] : paths) {
        for (const auto& existing : issuer.order()) canonical_.Issue(existing);
      }
    }
    // Step 7: relabel, serialise, sort.
    std::vector<std::string> lines;
    for (const Quad& q : quads_) {
      Quad c = q;
      for (RdfTerm* t : {&c.subject, &c.object, &c.graph}) {
        if (t->kind == RdfTerm::Kind::kBlank)
          t->value = std::string(canonical_.Issue(t->value));  // every blank node has its label by now
      }
      lines.push_back(SerializeNQuad(c));
    }
    std::sort(lines.begin(), lines.end(), JsStringLess);
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    std::string out;
    for (const auto& line : lines) out += line;
    return out;
  }

 private:
  std::string FirstDegreeHash(const std::string& bnode) {
    if (auto it = first_degree_.find(bnode); it != first_degree_.end()) return it->second;
    std::vector<std::string> nquads;
    for (std::size_t i : bnode_quads_[bnode]) {
      Quad c = quads_[i];
      for (RdfTerm* t : {&c.subject, &c.object, &c.graph}) {
        if (t->kind == RdfTerm::Kind::kBlank) t->value = t->value == bnode ? "a" : "z";
      }
      nquads.push_back(SerializeNQuad(c));
    }
    std::sort(nquads.begin(), nquads.end(), JsStringLess);
    std::string joined;
    for (const auto& l : nquads) joined += l;
    return first_degree_[bnode] = HexSha256(joined);
  }

  std::string HashRelated(const std::string& related, const Quad& quad, const IdentifierIssuer& issuer,
                          char position) {
    std::string input(1, position);
    if (position != 'g') input += "<" + quad.predicate.value + ">";
    if (const std::string* id = canonical_.Find(related)) {
      input += "_:" + *id;
    } else if (const std::string* tid = issuer.Find(related)) {
      input += "_:" + *tid;
    } else {
      input += FirstDegreeHash(related);
    }
    return HexSha256(input);
  }

  // §4.8: returns the hash and the issuer it was computed with.
  Result<std::pair<std::string, IdentifierIssuer>> HashNDegree(const std::string& identifier,
                                                               IdentifierIssuer issuer) {
    std::map<std::string, std::vector<std::string>> hn;
    for (std::size_t i : bnode_quads_[identifier]) {
      const Quad& q = quads_[i];
      const std::pair<const RdfTerm*, char> components[] = {
          {&q.subject, 's'}, {&q.object, 'o'}, {&q.graph, 'g'}};
      for (const auto& [t, position] : components) {
        if (t->kind == RdfTerm::Kind::kBlank && t->value != identifier) {
          hn[HashRelated(t->value, q, issuer, position)].push_back(t->value);
        }
      }
    }
    std::string data_to_hash;
    for (auto& [related_hash, list] : hn) {
      data_to_hash += related_hash;
      std::string chosen_path;
      std::optional<IdentifierIssuer> chosen_issuer;
      std::sort(list.begin(), list.end());
      do {
        if (++permutations_ > options_.max_permutations) {
          return ResourceExhausted("credentials.rdfc_limit",
                                   "RDF canonicalization gave up: too many equivalent blank nodes",
                                   "RDF 规范化中止：等价的空白节点过多");
        }
        IdentifierIssuer issuer_copy = issuer;
        std::string path;
        std::vector<std::string> recursion;
        bool skip = false;
        for (const auto& related : list) {
          if (const std::string* id = canonical_.Find(related)) {
            path += "_:" + *id;
          } else {
            if (!issuer_copy.Has(related)) recursion.push_back(related);
            path += "_:" + issuer_copy.Issue(related);
          }
          if (!chosen_path.empty() && path.size() >= chosen_path.size() && path > chosen_path) {
            skip = true;
            break;
          }
        }
        if (!skip) {
          for (const auto& related : recursion) {
            KP_ASSIGN_OR_RETURN(auto result, HashNDegree(related, issuer_copy));
            path += "_:" + issuer_copy.Issue(related);
            path += "<" + result.first + ">";
            issuer_copy = std::move(result.second);
            if (!chosen_path.empty() && path.size() >= chosen_path.size() && path > chosen_path) {
              skip = true;
              break;
            }
          }
        }
        if (!skip && (chosen_path.empty() || path < chosen_path)) {
          chosen_path = path;
          chosen_issuer = std::move(issuer_copy);
        }
      } while (std::next_permutation(list.begin(), list.end()));
      data_to_hash += chosen_path;
      issuer = std::move(*chosen_issuer);
    }
    return std::make_pair(HexSha256(data_to_hash), std::move(issuer));
  }

  const std::vector<Quad>& quads_;
  const RdfcOptions& options_;
  IdentifierIssuer canonical_;
  std::map<std::string, std::vector<std::size_t>> bnode_quads_;
  std::map<std::string, std::string> first_degree_;
  std::uint64_t permutations_ = 0;
};

}  // namespace

std::string SerializeNQuad(const Quad& quad) {
  std::string out;
  AppendTerm(out, quad.subject);
  out += ' ';
  AppendTerm(out, quad.predicate);
  out += ' ';
  AppendTerm(out, quad.object);
  if (quad.graph.kind != RdfTerm::Kind::kDefaultGraph) {
    out += ' ';
    AppendTerm(out, quad.graph);
  }
  out += " .\n";
  return out;
}

Result<std::string> CanonicalizeRdfc(const std::vector<Quad>& quads, const RdfcOptions& options) {
  return Canonicalizer(quads, options).Run();
}

}  // namespace kaoping::credentials
