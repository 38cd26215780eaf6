// -----------------------------------------------------------------------------
// File: core/scoring/normalize.h
// -----------------------------------------------------------------------------
//
// Normalisation of fill-in (填空) answers before they are compared with the accepted
// alternatives of a blank. Candidates type Chinese text with an IME that switches between
// full-width and half-width forms, so "ＶＬＬＭ" and "vllm", or "张量并行，流水线并行" and
// "张量并行,流水线并行", must compare equal. The rules, applied in this order:
//
//   1. Full-width ASCII (U+FF01–U+FF5E) → its ASCII form (Ａ→A, ０→0, ，→, ；→; （→( …), the
//      half-width ideographic forms ｡ ､ → . ,  (an NFKC subset: only what matters for answers).
//   2. Chinese punctuation → ASCII: 。→.  、→,  (、 is a list separator, like ，)  “ ” „ → "
//      ‘ ’ ‚ → '  【 】 → [ ].  Book-title marks 《》 are kept: they are part of the answer.
//   3. Case folding for Latin letters (ASCII and Latin-1: A–Z, À–Þ except ×).
//   4. Whitespace (ASCII whitespace, U+00A0, U+2000–U+200A, U+202F, U+205F, U+3000) collapses to
//      one space, which is kept only between two Latin letters or digits ("tensor parallel") and
//      removed everywhere else ("张量 并行" → "张量并行", "a , b" → "a,b"). Zero-width characters
//      (U+200B–U+200D, U+2060, U+FEFF) are removed.
//   5. Trailing punctuation (. , ; : ! ? after step 1–2) and trailing whitespace are ignored
//      ("张量并行。" → "张量并行").
//
// Invalid UTF-8 bytes are replaced by U+FFFD, so they never match a valid accepted answer by
// accident. Pure functions; thread-safe.

#ifndef KAOPING_CORE_SCORING_NORMALIZE_H_
#define KAOPING_CORE_SCORING_NORMALIZE_H_

#include <string>
#include <string_view>
#include <vector>

namespace kaoping::scoring {

// The normalised form of a fill-in answer (UTF-8).
std::string NormalizeFillIn(std::string_view answer);

// True when `response` matches one of `accepted` after normalisation. An answer that
// normalises to the empty string never matches (a blank left empty, or only punctuation).
bool FillInMatches(std::string_view response, const std::vector<std::string>& accepted);

}  // namespace kaoping::scoring

#endif  // KAOPING_CORE_SCORING_NORMALIZE_H_
