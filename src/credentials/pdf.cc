#include "credentials/pdf.h"

#include <algorithm>
#include <memory>
#include <mutex>
#include <set>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "credentials/dates.h"

namespace kaoping::credentials {

namespace {

constexpr double kPageWidth = 841.89;  // A4 landscape, points
constexpr double kPageHeight = 595.28;

struct Rgb {
  double r, g, b;
};
constexpr Rgb kInk{0.13, 0.13, 0.16};
constexpr Rgb kMuted{0.38, 0.38, 0.42};
constexpr Rgb kAccent{0.56, 0.12, 0.12};  // seal red
constexpr Rgb kGold{0.70, 0.55, 0.25};

void SetColor(cairo_t* cr, Rgb c) {
  cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// True when fontconfig knows `family`. Positive answers are cached (fonts are not uninstalled
// under a running server; a missing one is looked up again next time).
bool HasFamily(const std::string& family) {
  static std::mutex mu;
  static std::set<std::string>* known = new std::set<std::string>();
  {
    std::lock_guard lock(mu);
    if (known->count(family)) return true;
  }
  PangoFontMap* map = pango_cairo_font_map_get_default();  // not owned
  PangoFontFamily** families = nullptr;
  int n = 0;
  pango_font_map_list_families(map, &families, &n);
  bool found = false;
  for (int i = 0; i < n && !found; ++i) found = family == pango_font_family_get_name(families[i]);
  g_free(families);
  if (found) {
    std::lock_guard lock(mu);
    known->insert(family);
  }
  return found;
}

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

enum class Align { kLeft, kCenter, kRight };

LayoutPtr MakeLayout(cairo_t* cr, const std::string& text, const std::string& font, double width, Align align,
                     double letter_spacing_pt) {
  LayoutPtr layout(pango_cairo_create_layout(cr));
  PangoFontDescription* desc = pango_font_description_from_string(font.c_str());
  pango_layout_set_font_description(layout.get(), desc);
  pango_font_description_free(desc);
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout.get(), align == Align::kCenter  ? PANGO_ALIGN_CENTER
                                           : align == Align::kRight ? PANGO_ALIGN_RIGHT
                                                                    : PANGO_ALIGN_LEFT);
  if (letter_spacing_pt > 0) {
    PangoAttrList* attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs,
                           pango_attr_letter_spacing_new(static_cast<int>(letter_spacing_pt * PANGO_SCALE)));
    pango_layout_set_attributes(layout.get(), attrs);
    pango_attr_list_unref(attrs);
  }
  pango_layout_set_text(layout.get(), text.c_str(), -1);
  return layout;
}

double LayoutHeight(PangoLayout* layout) {
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

// The height `text` would take in a box `width` wide.
double MeasureText(cairo_t* cr, const std::string& text, const std::string& font, double width) {
  return LayoutHeight(MakeLayout(cr, text, font, width, Align::kLeft, 0).get());
}

// Draws `text` in a box `width` wide whose top-left is (x, y); returns the height used.
double DrawText(cairo_t* cr, const std::string& text, const std::string& font, double x, double y,
                double width, Align align, Rgb color, double letter_spacing_pt = 0) {
  LayoutPtr layout = MakeLayout(cr, text, font, width, align, letter_spacing_pt);
  SetColor(cr, color);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout.get());
  return LayoutHeight(layout.get());
}

void DrawFrame(cairo_t* cr) {
  SetColor(cr, {1, 1, 1});
  cairo_paint(cr);
  // Outer band and inner hairline.
  SetColor(cr, kGold);
  cairo_set_line_width(cr, 6);
  cairo_rectangle(cr, 22, 22, kPageWidth - 44, kPageHeight - 44);
  cairo_stroke(cr);
  cairo_set_line_width(cr, 1);
  cairo_rectangle(cr, 32, 32, kPageWidth - 64, kPageHeight - 64);
  cairo_stroke(cr);
  // Corner ornaments.
  SetColor(cr, kAccent);
  for (double cx : {32.0, kPageWidth - 32}) {
    for (double cy : {32.0, kPageHeight - 32}) {
      cairo_rectangle(cr, cx - 5, cy - 5, 10, 10);
      cairo_fill(cr);
    }
  }
}

Status DrawQr(cairo_t* cr, const std::string& url, double x, double y, double size) {
  QRcode* qr = QRcode_encodeString(url.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (qr == nullptr) {
    return InvalidArgument("credentials.qr", "the verification URL cannot be QR-encoded: " + url,
                           "验证地址无法生成二维码：" + url);
  }
  const int quiet = 4;
  const double module = size / (qr->width + 2 * quiet);
  SetColor(cr, {1, 1, 1});
  cairo_rectangle(cr, x, y, size, size);
  cairo_fill(cr);
  SetColor(cr, {0, 0, 0});
  for (int row = 0; row < qr->width; ++row) {
    for (int col = 0; col < qr->width; ++col) {
      if (qr->data[row * qr->width + col] & 1) {
        cairo_rectangle(cr, x + (col + quiet) * module, y + (row + quiet) * module, module, module);
      }
    }
  }
  cairo_fill(cr);
  QRcode_free(qr);
  return Status();
}

}  // namespace

Result<std::string> RenderCertificatePdf(const CertificateRecord& record, std::string_view verify_url,
                                         const PdfOptions& options) {
  for (const std::string* family : {&options.heading_family, &options.body_family}) {
    if (!HasFamily(*family)) {
      return FailedPrecondition(
          "credentials.font_missing",
          "font family \"" + *family + "\" is not installed (Debian package fonts-noto-cjk)",
          "未安装字体“" + *family + "”（Debian 软件包 fonts-noto-cjk）");
    }
  }
  std::string pdf;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(AppendToString, &pdf, kPageWidth, kPageHeight);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                 ("职业能力等级证书 " + record.number).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, record.issuer_name.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "kaoping");
  cairo_t* cr = cairo_create(surface);

  const std::string serif = options.heading_family;
  const std::string sans = options.body_family;
  DrawFrame(cr);

  // Title block.
  double y = 62;
  y += DrawText(cr, "职业能力等级证书", serif + " Bold 34", 60, y, kPageWidth - 120, Align::kCenter, kAccent,
                6);
  y += 2;
  y += DrawText(cr, "CERTIFICATE OF VOCATIONAL CAPABILITY LEVEL", serif + " 12", 60, y, kPageWidth - 120,
                Align::kCenter, kMuted, 2);
  // Divider.
  SetColor(cr, kGold);
  cairo_set_line_width(cr, 0.8);
  cairo_move_to(cr, kPageWidth / 2 - 140, y + 8);
  cairo_line_to(cr, kPageWidth / 2 + 140, y + 8);
  cairo_stroke(cr);

  // Statement with the holder's name.
  const double left = 78;
  const double text_width = 520;
  y = std::max(y + 22, 158.0);
  y += DrawText(cr, record.holder_name, serif + " Bold 26", left, y, text_width, Align::kLeft, kInk);
  const std::string level_text =
      record.level_name + (record.direction_name.empty() ? "" : "（" + record.direction_name + "方向）");
  const std::string statement =
      "依据《" + record.standard_title + "》，经评价达到" + level_text + "等级要求，特发此证。";
  const std::string statement_en =
      record.standard_title_en.empty()
          ? std::string()
          : "has attained the " + record.level_name_en + " level of \"" + record.standard_title_en + "\".";
  struct Row {
    std::string label, value;
  };
  const Row rows[] = {
      {"证书编号  No.", record.number},
      {"职业能力等级  Level", level_text + (record.level_name_en.empty() ? "" : "  " + record.level_name_en)},
      {"发证日期  Issued", FormatDateZh(record.valid_from) + "  (" + FormatDate(record.valid_from) + ")"},
      {"有效期至  Valid until",
       FormatDateZh(record.valid_until) + "  (" + FormatDate(record.valid_until) + ")"},
      {"发证机构  Issuer", record.issuer_name},
  };
  constexpr double kRowGap = 5;
  const std::string value_font = sans + " 13";
  double table_height = 0;
  for (const auto& row : rows) {
    table_height += std::max(MeasureText(cr, row.value, value_font, text_width - 150), 18.0) + kRowGap;
  }
  // Long standard titles: shrink the statement until statement and table fit above the footnote.
  const double bottom = kPageHeight - 64;
  double size = 14;
  for (; size > 9; size -= 1) {
    double h = 6 + MeasureText(cr, statement, serif + " " + std::to_string(size), text_width);
    if (!statement_en.empty())
      h += 4 + MeasureText(cr, statement_en, serif + " Italic " + std::to_string(size * 0.72), text_width);
    if (std::max(y + h + 14, 290.0) + table_height <= bottom) break;
  }
  y += 6;
  y += DrawText(cr, statement, serif + " " + std::to_string(size), left, y, text_width, Align::kLeft, kInk);
  if (!statement_en.empty()) {
    y += 4;
    y += DrawText(cr, statement_en, serif + " Italic " + std::to_string(size * 0.72), left, y, text_width,
                  Align::kLeft, kMuted);
  }

  // Details table.
  y = std::max(y + 14, 290.0);
  for (const auto& row : rows) {
    DrawText(cr, row.label, sans + " 10", left, y + 2, 150, Align::kLeft, kMuted);
    y += std::max(DrawText(cr, row.value, value_font, left + 150, y, text_width - 150, Align::kLeft, kInk),
                  18.0) +
         kRowGap;
  }

  // QR code with caption, right column.
  const double qr_size = 150;
  const double qr_x = kPageWidth - 78 - qr_size;
  const double qr_y = 170;
  const std::string url(verify_url);
  if (Status s = DrawQr(cr, url, qr_x, qr_y, qr_size); !s.ok()) {
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    return s;
  }
  double qy = qr_y + qr_size + 6;
  qy += DrawText(cr, "扫码验证证书真伪", sans + " 11", qr_x - 20, qy, qr_size + 40, Align::kCenter, kInk);
  qy += DrawText(cr, "Scan to verify", sans + " 9", qr_x - 20, qy, qr_size + 40, Align::kCenter, kMuted);
  // Centred under the code and kept inside the inner frame (x ≤ kPageWidth − 40).
  const double url_width = 2 * (kPageWidth - 40 - (qr_x + qr_size / 2));
  DrawText(cr, url, sans + " 6", qr_x + qr_size / 2 - url_width / 2, qy + 4, url_width, Align::kCenter,
           kMuted);

  // Issuer signature block, bottom right, and a footnote.
  DrawText(cr, record.issuer_name, serif + " Bold 13", kPageWidth - 78 - 300, kPageHeight - 118, 300,
           Align::kRight, kInk);
  DrawText(cr, FormatDateZh(record.valid_from), serif + " 11", kPageWidth - 78 - 300, kPageHeight - 96, 300,
           Align::kRight, kInk);
  DrawText(cr,
           "本证书另以 Open Badges 3.0 数字凭证（W3C 可验证凭证，Ed25519 签名）签发，可离线验证。"
           "  Also issued as a signed Open Badges 3.0 credential.",
           sans + " 7.5", 60, kPageHeight - 58, kPageWidth - 120, Align::kCenter, kMuted);

  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t st = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS) {
    return Internal("credentials.pdf", std::string("cairo: ") + cairo_status_to_string(st), "PDF 生成失败");
  }
  return pdf;
}

}  // namespace kaoping::credentials
