// -----------------------------------------------------------------------------
// File: credentials/rdfc.h
// -----------------------------------------------------------------------------
//
// RDF quads, their canonical N-Quads form, and RDFC-1.0 (W3C RDF Dataset Canonicalization,
// https://www.w3.org/TR/rdf-canon/) with SHA-256, as used by the eddsa-rdfc-2022 cryptosuite.
//
//   std::vector<Quad> quads = …;                       // e.g. from JsonLdToRdf (jsonld.h)
//   KP_ASSIGN_OR_RETURN(std::string nquads, CanonicalizeRdfc(quads));
//
// The output is the sorted, de-duplicated canonical N-Quads, blank nodes labelled _:c14n0,
// _:c14n1, …, each line ending in " .\n"; escaping as in the N-Quads canonical form (ECHAR for
// \b \t \n \f \r \" \\, \uXXXX for the other control characters; IRIs escape the characters
// N-Quads forbids). Lines are sorted as JavaScript sorts strings (UTF-16 code units), as
// rdf-canonize does; this differs from byte order only for characters beyond U+FFFF next to
// U+E000–U+FFFF.
//
// Blow-up guard: the N-degree hash explores permutations of tied blank nodes; more than
// `max_permutations` in total fails with RESOURCE_EXHAUSTED "credentials.rdfc_limit".
//
// Thread safety: pure functions.

#ifndef KAOPING_CREDENTIALS_RDFC_H_
#define KAOPING_CREDENTIALS_RDFC_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"

namespace kaoping::credentials {

struct RdfTerm {
  enum class Kind { kIri, kBlank, kLiteral, kDefaultGraph };
  Kind kind = Kind::kDefaultGraph;
  std::string value;     // IRI, blank node label without "_:", or the literal's lexical form
  std::string datatype;  // literals: datatype IRI (xsd:string when plain)
  std::string language;  // literals: language tag (datatype rdf:langString)

  static RdfTerm Iri(std::string iri) { return {Kind::kIri, std::move(iri), {}, {}}; }
  static RdfTerm Blank(std::string label) { return {Kind::kBlank, std::move(label), {}, {}}; }
  static RdfTerm Literal(std::string lexical, std::string datatype) {
    return {Kind::kLiteral, std::move(lexical), std::move(datatype), {}};
  }
  bool operator==(const RdfTerm&) const = default;
};

struct Quad {
  RdfTerm subject;
  RdfTerm predicate;
  RdfTerm object;
  RdfTerm graph;  // kDefaultGraph for the default graph
  bool operator==(const Quad&) const = default;
};

inline constexpr std::string_view kXsdString = "http://www.w3.org/2001/XMLSchema#string";
inline constexpr std::string_view kRdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

// One N-Quads line (with " .\n") in canonical form; blank nodes as "_:" + label.
std::string SerializeNQuad(const Quad& quad);

struct RdfcOptions {
  std::uint64_t max_permutations = 100000;
};

// RDFC-1.0 with SHA-256. RESOURCE_EXHAUSTED "credentials.rdfc_limit" past the permutation limit.
Result<std::string> CanonicalizeRdfc(const std::vector<Quad>& quads, const RdfcOptions& options = {});

}  // namespace kaoping::credentials

#endif  // KAOPING_CREDENTIALS_RDFC_H_
