// -----------------------------------------------------------------------------
// File: interop/qti_internal.h
// -----------------------------------------------------------------------------
//
// Module-internal: names shared by the QTI writer and reader — namespaces, template URIs, the
// classes that mark kaoping's parts of an item body, and how fill-in blanks map to response
// identifiers and stem markers.

#ifndef KAOPING_INTEROP_QTI_INTERNAL_H_
#define KAOPING_INTEROP_QTI_INTERNAL_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bank/item.h"
#include "interop/vocabulary.h"

namespace kaoping::interop::internal {

inline constexpr const char* kQtiNs21 = "http://www.imsglobal.org/xsd/imsqti_v2p1";
inline constexpr const char* kQtiXsd21 = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd";
inline constexpr const char* kQtiNs30 = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0";
inline constexpr const char* kQtiXsd30 =
    "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd";
inline constexpr const char* kCpNs21 = "http://www.imsglobal.org/xsd/imscp_v1p1";
inline constexpr const char* kCpXsd21 = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd";
inline constexpr const char* kCpNs30 = "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1";
inline constexpr const char* kCpXsd30 =
    "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd";
inline constexpr const char* kXsiNs = "http://www.w3.org/2001/XMLSchema-instance";

inline constexpr const char* kTemplateBase21 = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/";
inline constexpr const char* kTemplateBase30 = "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/";

// Classes on the parts of an item body kaoping writes (and reads back exactly).
inline constexpr const char* kStemClass = "kp-stem";
inline constexpr const char* kTaskClass = "kp-task";
inline constexpr const char* kInstructionsClass = "kp-instructions";
inline constexpr const char* kMaterialsClass = "kp-materials";
inline constexpr const char* kRubricClass = "kp-rubric";
inline constexpr const char* kReferenceClass = "kp-reference-answer";
inline constexpr const char* kExplanationClass = "kp-explanation";

// Where the blanks of a fill-in item sit in its stem.
struct BlankPlacement {
  BlankMarker marker;       // in the stem
  std::size_t blank = 0;    // index into item.blanks
  std::string response_id;  // "RESPONSE" (one blank) or "RESPONSE_<id>"
};

// The blanks of `item` in stem order: the "{{id}}" marker of every blank when all are present,
// otherwise the first blanks.size() runs of "____" in order. nullopt when the stem does not mark
// every blank.
std::optional<std::vector<BlankPlacement>> PlaceBlanks(const bank::Item& item);

// True for QTI identifiers (an NCName subset: a letter or '_', then letters, digits, '_', '-', '.').
bool IsQtiIdentifier(std::string_view s);
// An identifier for an item id: the id itself when valid, else "I" + id with invalid
// characters replaced by '_'.
std::string QtiIdentifierFor(std::string_view item_id);

}  // namespace kaoping::interop::internal

#endif  // KAOPING_INTEROP_QTI_INTERNAL_H_
