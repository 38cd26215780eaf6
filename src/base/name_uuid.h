// -----------------------------------------------------------------------------
// File: base/name_uuid.h
// -----------------------------------------------------------------------------
//
// Name-based identifiers: the RFC 4122 version-5 UUID of a name in kaoping's own namespace
// (6f1b2c52-7a4e-4e55-9a3c-0e3b6a9d5a10, random, fixed forever). The CASE export
// (wire/case_json.h) names its CFDocuments and CFItems with them ("kaoping:<pack>",
// "kaoping:<pack>:level:<level>", …), and certificates (credentials/certificate.h) align to
// the same identifiers, so a credential's alignment resolves on the platform's CASE API.
//
// Thread safety: pure function.

#ifndef KAOPING_BASE_NAME_UUID_H_
#define KAOPING_BASE_NAME_UUID_H_

#include <string>
#include <string_view>

namespace kaoping {

// Lower-case "xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx".
std::string NameUuid(std::string_view name);

}  // namespace kaoping

#endif  // KAOPING_BASE_NAME_UUID_H_
