// -----------------------------------------------------------------------------
// File: interop/qti.h
// -----------------------------------------------------------------------------
//
// 1EdTech QTI content packages (a zip with imsmanifest.xml and one item file per item), read and
// written in QTI 2.1 and 3.0; QTI 2.2 and 2.0 items are read too. One parser serves every
// version: QTI 3.0 names are QTI 2.2 names in kebab case with a "qti-" prefix, so element and
// attribute names are normalised ("qti-choice-interaction" → "choiceInteraction") before anything
// looks at them. The version is keyed off the namespace, never the schemaLocation.
//
// Mapping (docs/interop-items.md has the full table):
//   单选 single_choice     choiceInteraction maxChoices=1, cardinality single, match_correct
//   多选 multiple_choice   choiceInteraction maxChoices=0, cardinality multiple, match_correct
//                          (read: map_response too; the key is correctResponse, else the entries
//                          with positive mappedValue; partial credit is left to the exam's policy)
//   判断 true_false        choiceInteraction with the two choices "true" / "false"
//   填空 fill_in           one textEntryInteraction per blank; one blank: RESPONSE with
//                          map_response; several: RESPONSE_1… and a responseProcessing that sums
//                          mapResponse; accepted alternatives are mapEntry caseSensitive="false"
//   简答 short_answer      extendedTextInteraction; rubric and reference answer in
//   实操 practical         rubricBlock view="scorer" (never shown to candidates); the practical
//                          task in <div class="kp-task">
// Response-processing template URIs are matched on their last path segment without ".xml", so
// every spelling in circulation (qti_v2p1/…/match_correct, purl …/match_correct.xml, "") works;
// templates are never fetched.
//
// kaoping metadata (id, version, type, status, points, difficulty, alignment, enemies, author,
// reviewer, source, licence, blank details, task time, synthetic, updated_ms) travels in the
// manifest, as a <kp:item xmlns:kp="urn:kaoping:item-metadata:1"> element inside the resource's
// <metadata>, so a package written by ExportQti reads back to identical items. Items without it
// (packages from other tools) get defaults — ids from the assessmentItem identifier, status
// draft, points from the MAXSCORE outcome or 1, the alignment of ImportOptions — and a warning
// each; an item whose alignment is still incomplete is an error for its file.
//
// Thread-safe: no shared state.

#ifndef KAOPING_INTEROP_QTI_H_
#define KAOPING_INTEROP_QTI_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "core/bank/item.h"
#include "interop/import_batch.h"

namespace kaoping::interop {

enum class QtiVersion { kV2p1, kV3p0 };
const char* QtiVersionName(QtiVersion v);  // "2.1" | "3.0"
// "2.1", "21", "qti21", "3.0", "3", "qti30" (case-insensitive); nullopt otherwise.
std::optional<QtiVersion> ParseQtiVersion(std::string_view text);

// The namespace of kaoping's metadata element in manifests.
inline constexpr const char* kKaopingMetadataNs = "urn:kaoping:item-metadata:1";

// Items → content package (zip bytes): imsmanifest.xml plus items/<id>.xml per item (ids that
// occur with several versions get "-v<version>"). The same items give the same bytes.
// INVALID_ARGUMENT "interop.not_representable" naming the item when an item cannot be written
// (a fill-in stem whose blank markers do not match its blanks, a choice item without options,
// an (id, version) given twice).
Result<std::string> ExportQti(const std::vector<bank::Item>& items, QtiVersion version);

// One item as a QTI assessmentItem document (what ExportQti puts in items/<id>.xml).
Result<std::string> QtiItemXml(const bank::Item& item, QtiVersion version);

// Content package (zip) → items, all-or-nothing (import_batch.h); problems name the item file.
// `package_name` (the upload's file name) only feeds the default `source` of foreign items.
// Errors of the Result itself: interop.not_zip, interop.qti_no_manifest, interop.qti_bad_manifest.
Result<ImportBatch> ReadQtiPackage(std::string_view zip_bytes, const ImportOptions& options = {},
                                   std::string_view package_name = "");

// A single assessmentItem document (no package, hence no kaoping metadata).
Result<ImportBatch> ReadQtiItem(std::string_view xml, const ImportOptions& options = {},
                                std::string_view file_name = "item.xml");

// ---- Response processing, natively ------------------------------------------------------------

// "qti-choice-interaction" → "choiceInteraction", "response-identifier" → "responseIdentifier",
// "imsqti:assessmentItem" → "assessmentItem"; names without "qti-" or '-' are returned unchanged.
std::string NormaliseQtiName(std::string_view name);

enum class RpTemplate {
  kNone,  // no template attribute, or template=""
  kMatchCorrect,
  kMapResponse,
  kMapResponsePoint,
  kCc2Match,
  kCc2MatchBasic,
  kCc2MapResponse,
  kUnknown,
};
// Matches on the last path segment, without ".xml" and any query or fragment.
RpTemplate NormaliseTemplateUri(std::string_view uri);

struct QtiMapEntry {
  std::string key;
  double value = 0;
  bool case_sensitive = true;
};
struct QtiMapping {
  double default_value = 0;
  std::optional<double> lower_bound;
  std::optional<double> upper_bound;
  std::vector<QtiMapEntry> entries;
};

// mapResponse: the sum over the *distinct* response values of their mappedValue (the first entry
// that matches, honouring caseSensitive), or default_value for unmapped values; then clamped to
// the bounds that are present. An empty response scores 0 (map_response's isNull branch).
double MapResponse(const QtiMapping& mapping, const std::vector<std::string>& response);

enum class QtiCardinality { kSingle, kMultiple, kOrdered };
// match_correct: single — equal values; multiple — equal as multisets; ordered — equal sequences.
// An empty response never matches.
bool MatchCorrect(QtiCardinality cardinality, const std::vector<std::string>& correct,
                  const std::vector<std::string>& response);

}  // namespace kaoping::interop

#endif  // KAOPING_INTEROP_QTI_H_
