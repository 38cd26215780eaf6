// -----------------------------------------------------------------------------
// File: credentials/jsonld_contexts.h  (internal to the credentials module)
// -----------------------------------------------------------------------------
//
// The JSON-LD context documents the offline loader serves: tests/credentials/contexts/*.json,
// embedded at build time by cmake/EmbedContexts.cmake (one copy in the repository, shared with
// the npm verifier). Any other context URL is refused ("credentials.unknown_context").

#ifndef KAOPING_CREDENTIALS_JSONLD_CONTEXTS_H_
#define KAOPING_CREDENTIALS_JSONLD_CONTEXTS_H_

#include <string_view>
#include <vector>

namespace kaoping::credentials::internal {

struct EmbeddedContext {
  std::string_view url;
  std::string_view json;  // the file's bytes
};

const std::vector<EmbeddedContext>& EmbeddedContexts();

}  // namespace kaoping::credentials::internal

#endif  // KAOPING_CREDENTIALS_JSONLD_CONTEXTS_H_
