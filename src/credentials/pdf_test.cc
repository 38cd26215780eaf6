// The PDF certificate, read back with poppler (pdftotext, pdftoppm) and zbar (zbarimg).
#include "credentials/pdf.h"

#include <regex>

#include <gtest/gtest.h>

#include "credentials/credentials_test_support.h"
#include "credentials/dates.h"

namespace kaoping::credentials {
namespace {

using testing::RunCommand;
using testing::ShellQuote;

class PdfTest : public ::testing::Test {
 protected:
  CertificateRecord Record() {
    IssuerFixture fx;
    IssueRequest r;
    r.holder.name = "张三明";
    r.pack = &testing::PackFromRepo("003-ai-engineering-technician.yaml");
    r.level_id = "senior";
    r.direction_id = "chip";
    return fx.issuer->Issue(r).value().record;
  }
  using IssuerFixture = testing::IssuerFixture;
  testing::TempDir dir_;
};

TEST_F(PdfTest, TextAndQrCodeReadBack) {
  const CertificateRecord rec = Record();
  const std::string url = VerificationUrl("https://exam.example.org", rec.number);
  auto pdf = RenderCertificatePdf(rec, url);
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  ASSERT_GT(pdf->size(), 1000u);
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  const auto pdf_path = dir_.path() / "certificate.pdf";
  testing::WriteFile(pdf_path, *pdf);

  // One A4 landscape page.
  auto info = RunCommand("pdfinfo " + ShellQuote(pdf_path.string()));
  ASSERT_EQ(info.exit_code, 0) << info.output;
  EXPECT_TRUE(std::regex_search(info.output, std::regex("Pages: +1\n"))) << info.output;
  EXPECT_NE(info.output.find("841.89 x 595.28 pts (A4)"), std::string::npos) << info.output;

  // The Chinese text is real text (embedded CJK fonts with a ToUnicode map), not outlines.
  auto text = RunCommand("pdftotext -layout " + ShellQuote(pdf_path.string()) + " -");
  ASSERT_EQ(text.exit_code, 0) << text.output;
  for (const std::string& want : {std::string("职业能力等级证书"), std::string("张三明"), rec.number,
                                  std::string("高级"), std::string("人工智能芯片产品实现"), rec.issuer_name,
                                  FormatDateZh(rec.valid_from), FormatDateZh(rec.valid_until)}) {
    EXPECT_NE(text.output.find(want), std::string::npos) << "missing " << want << " in:\n" << text.output;
  }
  auto fonts = RunCommand("pdffonts " + ShellQuote(pdf_path.string()));
  EXPECT_NE(fonts.output.find("NotoSerifCJKsc-Bold"), std::string::npos) << fonts.output;
  EXPECT_NE(fonts.output.find("NotoSerifCJKsc-Regular"), std::string::npos) << fonts.output;
  // Subsets, not whole fonts (one Noto Serif CJK face is 26 MB; see pdf.h on size).
  EXPECT_LT(pdf->size(), 1536u * 1024) << "PDF grew to " << pdf->size() << " bytes";

  // The QR code decodes to the verification URL.
  const auto png_base = dir_.path() / "page";
  auto ppm = RunCommand("pdftoppm -r 150 -png -singlefile " + ShellQuote(pdf_path.string()) + " " +
                        ShellQuote(png_base.string()));
  ASSERT_EQ(ppm.exit_code, 0) << ppm.output;
  // zbarimg complains on stderr when there is no D-Bus; only stdout carries the decoded text.
  auto qr =
      RunCommand("zbarimg --quiet --raw -Sdisable -Sqrcode.enable " + ShellQuote(png_base.string() + ".png"),
                 /*with_stderr=*/false);
  ASSERT_EQ(qr.exit_code, 0) << qr.output;
  std::string decoded = qr.output;
  while (!decoded.empty() && (decoded.back() == '\n' || decoded.back() == '\r')) decoded.pop_back();
  EXPECT_EQ(decoded, url);
  EXPECT_EQ(decoded, "https://exam.example.org/verify/" + rec.number);

  // Keep a copy for people to look at (build/…/test-artifacts).
  const auto keep = std::filesystem::path(KAOPING_BINARY_DIR) / "test-artifacts" / "credentials";
  std::filesystem::create_directories(keep);
  std::filesystem::copy_file(png_base.string() + ".png", keep / "certificate.png",
                             std::filesystem::copy_options::overwrite_existing);
  std::filesystem::copy_file(pdf_path, keep / "certificate.pdf",
                             std::filesystem::copy_options::overwrite_existing);
}

TEST_F(PdfTest, LongTitlesWrapAndMissingFontsAreReported) {
  CertificateRecord rec = Record();
  rec.holder_name = "阿卜杜热合曼·买买提明";
  rec.standard_title = rec.standard_title + rec.standard_title;  // very long: must wrap, not overflow
  auto pdf = RenderCertificatePdf(rec, VerificationUrl("https://exam.example.org", rec.number));
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  const auto path = dir_.path() / "long.pdf";
  testing::WriteFile(path, *pdf);
  auto info = RunCommand("pdfinfo " + ShellQuote(path.string()));
  EXPECT_TRUE(std::regex_search(info.output, std::regex("Pages: +1\n"))) << info.output;
  auto text = RunCommand("pdftotext " + ShellQuote(path.string()) + " -");
  EXPECT_NE(text.output.find("阿卜杜热合曼·买买提明"), std::string::npos) << text.output;
  const auto keep = std::filesystem::path(KAOPING_BINARY_DIR) / "test-artifacts" / "credentials";
  std::filesystem::create_directories(keep);
  RunCommand("pdftoppm -r 100 -png -singlefile " + ShellQuote(path.string()) + " " +
             ShellQuote((keep / "certificate-long").string()));

  PdfOptions missing;
  missing.heading_family = "No Such Font Family 42";
  auto r = RenderCertificatePdf(rec, "https://x/verify/1", missing);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "credentials.font_missing");
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace kaoping::credentials
