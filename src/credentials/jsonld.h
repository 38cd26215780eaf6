// -----------------------------------------------------------------------------
// File: credentials/jsonld.h
// -----------------------------------------------------------------------------
//
// The JSON-LD 1.1 subset kaoping's credentials need: expansion (W3C JSON-LD 1.1 Processing
// Algorithms §5) and "deserialize JSON-LD to RDF" (§8), driven by the context documents
// themselves, served offline from the embedded copies (jsonld_contexts.h).
//
//   KP_ASSIGN_OR_RETURN(std::vector<Quad> quads, JsonLdToRdf(credential));
//   KP_ASSIGN_OR_RETURN(std::string nquads, CanonicalizeRdfc(quads));   // rdfc.h
//
// Supported: @context as URL / object / array (and null), @protected (with override by
// property-scoped contexts), @vocab, @version 1.1, @propagate, compact IRIs and the prefix
// flag, term @id/@type coercion (@id, @vocab, @json, datatypes), type-scoped contexts (not
// propagated), property-scoped contexts, @container @set / @list / @graph, @id, @type, @value,
// @list, @set, @graph in documents, JSON numbers and booleans as xsd:integer / xsd:double /
// xsd:boolean literals, @json literals (canonicalised with JCS).
//
// Refused with INVALID_ARGUMENT "credentials.jsonld_unsupported" rather than mis-expanded:
// @base, @import, @language / @direction (default or term), @reverse, @nest, @index, @included,
// @container @language / @index / @id / @type maps, relative IRIs. Like jsonld.js in safe mode,
// a property or type that does not expand to an absolute IRI is an error
// ("credentials.jsonld_undefined_term"); malformed JSON-LD is "credentials.jsonld_invalid";
// a context URL that is not embedded is "credentials.unknown_context".
//
// Thread safety: pure functions.

#ifndef KAOPING_CREDENTIALS_JSONLD_H_
#define KAOPING_CREDENTIALS_JSONLD_H_

#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "credentials/rdfc.h"

namespace kaoping::credentials {

// The expanded form (always an array of node objects).
Result<nlohmann::json> ExpandJsonLd(const nlohmann::json& document);

// The document's RDF dataset (expansion, then deserialisation to RDF; blank nodes _:b0, _:b1 …).
Result<std::vector<Quad>> JsonLdToRdf(const nlohmann::json& document);

// JsonLdToRdf then CanonicalizeRdfc: the RDFC-1.0 canonical N-Quads of a JSON-LD document.
Result<std::string> CanonicalNQuads(const nlohmann::json& document);

}  // namespace kaoping::credentials

#endif  // KAOPING_CREDENTIALS_JSONLD_H_
