// -----------------------------------------------------------------------------
// File: credentials/pdf.h
// -----------------------------------------------------------------------------
//
// The printable certificate: one A4 landscape page (842 × 595 pt) drawn with cairo + pango, set
// in Noto Serif CJK SC (Debian fonts-noto-cjk). Contents: title 职业能力等级证书 / Certificate,
// holder name, standard title, level (and direction), certificate number, issue and expiry dates,
// issuer, and a QR code (libqrencode, error correction M) for `<public_url>/verify/<number>`, with
// the URL printed beneath it.
//
// Fonts are embedded as CFF subsets, so the text stays text (searchable, copyable, read back by
// pdftotext in the tests). Size: 0.1–0.6 MB per certificate. cairo 1.16 (Debian 12) stops
// subsetting a CFF font's subroutines as soon as one glyph's charstring defeats its parser and then
// embeds all of them; which glyphs do that is font-specific (measured: Noto Serif CJK subsets of
// 50–500 KB, Noto *Sans* CJK up to 0.9 MB for just "K", "L" and "高"), hence the Serif for both
// default families. A whole face would be 26 MB.
//
//   KP_ASSIGN_OR_RETURN(std::string pdf, RenderCertificatePdf(record,
//   issuer.VerificationUrlFor(record.number)));
//
// Thread safety: may be called from several threads (each call has its own surface; pango's
// cairo font map is per thread).

#ifndef KAOPING_CREDENTIALS_PDF_H_
#define KAOPING_CREDENTIALS_PDF_H_

#include <string>
#include <string_view>

#include "base/result.h"
#include "credentials/certificate.h"

namespace kaoping::credentials {

struct PdfOptions {
  std::string heading_family = "Noto Serif CJK SC";  // title, holder name, statement
  std::string body_family = "Noto Serif CJK SC";     // details, captions
};

// The PDF bytes. FAILED_PRECONDITION "credentials.font_missing" when a font family is not
// installed (rather than printing tofu); INVALID_ARGUMENT "credentials.qr" when the URL cannot
// be QR-encoded; INTERNAL "credentials.pdf" on a cairo error.
Result<std::string> RenderCertificatePdf(const CertificateRecord& record, std::string_view verify_url,
                                         const PdfOptions& options = {});

}  // namespace kaoping::credentials

#endif  // KAOPING_CREDENTIALS_PDF_H_
