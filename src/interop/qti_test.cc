// QTI 2.1 / 3.0: exact round trips of kaoping's own packages, hand-written fixture packages in the
// shapes other tools export, response processing, and the errors of foreign items.

#include "interop/qti.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "interop/interop_test_util.h"
#include "interop/zip_archive.h"
#include "support/files.h"

namespace kaoping::interop {
namespace {

using testing::ExpectSameItem;
using ::testing::HasSubstr;
using testing::InteropData;
using testing::SampleItems;
using testing::ZipDirectory;

std::string Describe(const ImportBatch& b) {
  std::string s;
  for (const RowError& e : b.errors) s += e.WhereEn() + " [" + e.reason + "] " + e.reason_en + "\n";
  return s;
}

bool HasWarning(const ImportBatch& b, const std::string& file_suffix, const std::string& reason) {
  for (const RowError& w : b.warnings) {
    if (w.reason == reason && w.file.size() >= file_suffix.size() &&
        w.file.compare(w.file.size() - file_suffix.size(), file_suffix.size(), file_suffix) == 0) {
      return true;
    }
  }
  return false;
}

ImportOptions WithAlignment() {
  ImportOptions o;
  o.default_alignment = testing::DeployAlignment();
  return o;
}

class QtiRoundTripTest : public ::testing::TestWithParam<QtiVersion> {};

TEST_P(QtiRoundTripTest, ExportThenImportGivesIdenticalItems) {
  const std::vector<bank::Item> items = SampleItems();
  Result<std::string> zip = ExportQti(items, GetParam());
  ASSERT_TRUE(zip.ok()) << zip.status();
  // No import defaults may leak in: the package alone must carry everything.
  Result<ImportBatch> batch = ReadQtiPackage(*zip);
  ASSERT_TRUE(batch.ok()) << batch.status();
  ASSERT_TRUE(batch->ok()) << Describe(*batch);
  EXPECT_EQ(batch->format, GetParam() == QtiVersion::kV3p0 ? "qti3.0" : "qti2.1");
  EXPECT_TRUE(batch->warnings.empty());
  ASSERT_EQ(batch->items.size(), items.size());
  for (std::size_t i = 0; i < items.size(); ++i)
    ExpectSameItem(items[i], batch->items[i], /*bookkeeping=*/true);
}

TEST_P(QtiRoundTripTest, ExportIsReproducibleAndShapedAsDocumented) {
  const std::vector<bank::Item> items = SampleItems();
  Result<std::string> a = ExportQti(items, GetParam());
  Result<std::string> b = ExportQti(items, GetParam());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
  Result<internal::ZipReader> zip = internal::ZipReader::Open(*a);
  ASSERT_TRUE(zip.ok());
  EXPECT_EQ(zip->names().front(), "imsmanifest.xml");
  Result<std::string> manifest = zip->Read("imsmanifest.xml");
  ASSERT_TRUE(manifest.ok());
  const bool v3 = GetParam() == QtiVersion::kV3p0;
  EXPECT_THAT(*manifest, HasSubstr(v3 ? "imsqti_item_xmlv3p0" : "imsqti_item_xmlv2p1"));
  EXPECT_THAT(*manifest, HasSubstr("urn:kaoping:item-metadata:1"));
  Result<std::string> single = zip->Read("items/dep-jr-1.2-001.xml");
  ASSERT_TRUE(single.ok());
  EXPECT_THAT(*single, HasSubstr(v3 ? "<qti-choice-interaction response-identifier=\"RESPONSE\""
                                    : "<choiceInteraction responseIdentifier=\"RESPONSE\""));
  EXPECT_THAT(*single, HasSubstr(v3 ? "max-choices=\"1\"" : "maxChoices=\"1\""));
  EXPECT_THAT(*single,
              HasSubstr(v3 ? "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"
                           : "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"));
  Result<std::string> multi = zip->Read("items/dep-jr-1.2-002.xml");
  ASSERT_TRUE(multi.ok());
  EXPECT_THAT(*multi, HasSubstr(v3 ? "max-choices=\"0\"" : "maxChoices=\"0\""));
  EXPECT_THAT(*multi, HasSubstr("cardinality=\"multiple\""));
  Result<std::string> fill = zip->Read("items/dep-mid-2.1-004.xml");
  ASSERT_TRUE(fill.ok());
  EXPECT_THAT(*fill, HasSubstr("RESPONSE_1"));
  EXPECT_THAT(*fill, HasSubstr("RESPONSE_2"));
  EXPECT_THAT(*fill, HasSubstr(v3 ? "case-sensitive=\"false\"" : "caseSensitive=\"false\""));
  EXPECT_THAT(*fill, HasSubstr(v3 ? "<qti-map-response identifier=\"RESPONSE_2\""
                                  : "<mapResponse identifier=\"RESPONSE_2\""));
  Result<std::string> essay = zip->Read("items/dep-mid-2.1-006.xml");
  ASSERT_TRUE(essay.ok());
  EXPECT_THAT(*essay, HasSubstr(v3 ? "<qti-rubric-block view=\"scorer\" class=\"kp-rubric\">"
                                   : "<rubricBlock view=\"scorer\" class=\"kp-rubric\">"));
  if (v3) {
    EXPECT_THAT(*essay, HasSubstr("<qti-content-body>"));
  }
  EXPECT_THAT(*essay, ::testing::Not(HasSubstr("view=\"candidate\"")));
}

TEST_P(QtiRoundTripTest, SeveralVersionsOfOneItemGetTheirOwnFiles) {
  bank::Item v1 = SampleItems()[0];
  bank::Item v2 = v1;
  v2.version = v1.version + 1;
  v2.stem += "（修订）";
  Result<std::string> zip = ExportQti({v1, v2}, GetParam());
  ASSERT_TRUE(zip.ok()) << zip.status();
  Result<ImportBatch> batch = ReadQtiPackage(*zip);
  ASSERT_TRUE(batch.ok());
  ASSERT_TRUE(batch->ok()) << Describe(*batch);
  ASSERT_EQ(batch->items.size(), 2u);
  ExpectSameItem(v2, batch->items[1]);
  Result<std::string> dup = ExportQti({v1, v1}, GetParam());
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().reason(), "interop.not_representable");
}

TEST_P(QtiRoundTripTest, MarkupCharactersWhitespaceAndControlCharactersSurvive) {
  bank::Item item = SampleItems()[0];
  item.stem = "  <b>不是标签</b> & \"引号\" 'x' ]]> a\r\nb\tc  \n\n末行 ";
  item.options[0].text = "x < y && y > z\n  第二行";
  item.options[1].text = "&amp; 原样";
  item.explanation = "\n前后空行\n";
  item.author = "作者 <a@b>";
  item.difficulty.provenance = "line1\nline2 \"q\"";
  Result<std::string> zip = ExportQti({item}, GetParam());
  ASSERT_TRUE(zip.ok()) << zip.status();
  Result<ImportBatch> batch = ReadQtiPackage(*zip);
  ASSERT_TRUE(batch.ok());
  ASSERT_TRUE(batch->ok()) << Describe(*batch);
  ASSERT_EQ(batch->items.size(), 1u);
  ExpectSameItem(item, batch->items[0]);
}

INSTANTIATE_TEST_SUITE_P(Versions, QtiRoundTripTest, ::testing::Values(QtiVersion::kV2p1, QtiVersion::kV3p0),
                         [](const ::testing::TestParamInfo<QtiVersion>& param_info) {
                           return param_info.param == QtiVersion::kV3p0 ? std::string("Qti30")
                                                                        : std::string("Qti21");
                         });

const bank::Item* ById(const ImportBatch& b, const std::string& id) {
  for (const bank::Item& it : b.items) {
    if (it.id == id) return &it;
  }
  return nullptr;
}

TEST(QtiFixtureTest, Qti21EntryLevelPackageImports) {
  Result<ImportBatch> batch =
      ReadQtiPackage(ZipDirectory(InteropData() / "qti21"), WithAlignment(), "qti21.zip");
  ASSERT_TRUE(batch.ok()) << batch.status();
  ASSERT_TRUE(batch->ok()) << Describe(*batch);
  EXPECT_EQ(batch->format, "qti2.1");
  ASSERT_EQ(batch->items.size(), 5u);  // The assessmentTest resource is not an item.

  const bank::Item* tf = ById(*batch, "KP-TF-01");
  ASSERT_NE(tf, nullptr);
  EXPECT_EQ(tf->type, bank::ItemType::kTrueFalse);
  EXPECT_EQ(tf->stem,
            "Storing the weights of a model in 4 bits instead of 16 reduces the memory needed to serve it.");
  ASSERT_EQ(tf->options.size(), 2u);
  EXPECT_EQ(tf->options[0].id, "true");
  EXPECT_EQ(tf->options[0].text, "正确");
  EXPECT_EQ(tf->answer, std::vector<std::string>{"true"});
  EXPECT_EQ(tf->points, 1);
  EXPECT_EQ(tf->status, bank::ItemStatus::kDraft);
  EXPECT_EQ(tf->source, "QTI 导入：qti21.zip");
  EXPECT_EQ(tf->alignment.standard, "llm-deploy-engineer");

  const bank::Item* sc = ById(*batch, "KP-SC-02");  // href with %20, shuffle, MAXSCORE, feedback.
  ASSERT_NE(sc, nullptr);
  EXPECT_EQ(sc->type, bank::ItemType::kSingleChoice);
  EXPECT_EQ(sc->stem, "llama.cpp 直接加载的模型文件是哪种格式？");
  ASSERT_EQ(sc->options.size(), 4u);
  EXPECT_EQ(sc->options[1].id, "B");
  EXPECT_EQ(sc->options[1].text, "SavedModel（TensorFlow）");
  EXPECT_EQ(sc->options[3].text, "TorchScript (.pt)");
  EXPECT_EQ(sc->answer, std::vector<std::string>{"C"});
  EXPECT_EQ(sc->points, 2);

  const bank::Item* mc = ById(*batch, "KP-MC-03");
  ASSERT_NE(mc, nullptr);
  EXPECT_EQ(mc->type, bank::ItemType::kMultipleChoice);
  EXPECT_EQ(mc->stem, "Which of the following are frameworks for serving large language models?");
  ASSERT_EQ(mc->options.size(), 5u);
  EXPECT_EQ(mc->options[2].text, "Text Generation Inference");
  EXPECT_EQ(mc->answer, std::vector<std::string>({"A", "C", "E"}));
  EXPECT_EQ(mc->points, 3);  // The mapping's best score (upper bound 3).
  EXPECT_TRUE(HasWarning(*batch, "mc_frameworks.xml", "interop.qti_partial_credit"));

  const bank::Item* te = ById(*batch, "KP-TE-04");
  ASSERT_NE(te, nullptr);
  EXPECT_EQ(te->type, bank::ItemType::kFillIn);
  EXPECT_EQ(te->stem, "The open-source engine that introduced PagedAttention is {{1}}.");
  ASSERT_EQ(te->blanks.size(), 1u);
  EXPECT_EQ(te->blanks[0].id, "1");
  EXPECT_EQ(te->blanks[0].accepted, std::vector<std::string>({"vLLM", "vLLM engine"}));
  EXPECT_TRUE(HasWarning(*batch, "te_server.xml", "interop.qti_partial_credit"));

  const bank::Item* et = ById(*batch, "KP-ET-05");
  ASSERT_NE(et, nullptr);
  EXPECT_EQ(et->type, bank::ItemType::kShortAnswer);
  EXPECT_EQ(et->stem,
            "Explain what you gain and what you risk when serving a model quantized to 4 bits.\n"
            "Answer in at most 200 words.");
  EXPECT_EQ(et->reference_answer, "Full marks: names memory savings and accuracy loss, and one mitigation.");
  EXPECT_EQ(et->points, 5);
  ASSERT_EQ(et->rubric.size(), 1u);
  EXPECT_EQ(et->rubric[0].points, 5);
  EXPECT_TRUE(HasWarning(*batch, "et_tradeoffs.xml", "interop.qti_default_rubric"));

  // Every foreign item says so.
  int no_metadata = 0;
  for (const RowError& w : batch->warnings) no_metadata += w.reason == "interop.qti_no_metadata";
  EXPECT_EQ(no_metadata, 5);
}

TEST(QtiFixtureTest, Qti30PackageWithPlainCpNamespaceImports) {
  Result<ImportBatch> batch = ReadQtiPackage(ZipDirectory(InteropData() / "qti30"), WithAlignment());
  ASSERT_TRUE(batch.ok()) << batch.status();
  ASSERT_TRUE(batch->ok()) << Describe(*batch);
  EXPECT_EQ(batch->format, "qti3.0");
  ASSERT_EQ(batch->items.size(), 4u);

  const bank::Item* ports = ById(*batch, "choice-ports");
  ASSERT_NE(ports, nullptr);
  EXPECT_EQ(ports->type, bank::ItemType::kSingleChoice);
  EXPECT_EQ(ports->stem, "vLLM 的 OpenAI 兼容服务默认监听哪个端口？");
  ASSERT_EQ(ports->options.size(), 3u);
  EXPECT_EQ(ports->options[1].text, "8000");
  EXPECT_EQ(ports->answer, std::vector<std::string>{"B"});

  const bank::Item* multi = ById(*batch, "choice-multi");
  ASSERT_NE(multi, nullptr);
  EXPECT_EQ(multi->type, bank::ItemType::kMultipleChoice);
  EXPECT_EQ(multi->stem, "下列哪些是训练后量化方法？");
  EXPECT_EQ(multi->answer, std::vector<std::string>({"A", "C"}));

  const bank::Item* te = ById(*batch, "text-entry-two");
  ASSERT_NE(te, nullptr);
  EXPECT_EQ(te->type, bank::ItemType::kFillIn);
  EXPECT_EQ(te->stem, "量化后的模型常保存为 {{1}} 格式， 并用 {{2}} 在 CPU 上运行。");
  ASSERT_EQ(te->blanks.size(), 2u);
  EXPECT_EQ(te->blanks[1].accepted, std::vector<std::string>({"llama.cpp", "llamacpp"}));
  EXPECT_EQ(te->points, 2);
  EXPECT_FALSE(HasWarning(*batch, "text-entry-two.xml", "interop.qti_custom_processing"));

  const bank::Item* essay = ById(*batch, "essay");
  ASSERT_NE(essay, nullptr);
  EXPECT_EQ(essay->type, bank::ItemType::kShortAnswer);
  EXPECT_EQ(essay->stem, "为一台 24G 显存的服务器设计 7B 模型的部署方案，\n说明量化方式与并发设置。");
  EXPECT_EQ(essay->reference_answer, "给出量化方式并估算显存。\n说明并发参数。");
}

TEST(QtiFixtureTest, ForeignItemsWithoutAlignmentAreErrorsPerFile) {
  Result<ImportBatch> batch = ReadQtiPackage(ZipDirectory(InteropData() / "qti21"));
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_TRUE(batch->items.empty());
  ASSERT_EQ(batch->errors.size(), 5u) << Describe(*batch);
  for (const RowError& e : batch->errors) {
    EXPECT_EQ(e.reason, "interop.no_alignment");
    EXPECT_THAT(e.file, ::testing::StartsWith("items/"));
    EXPECT_FALSE(e.item_id.empty());
  }
  EXPECT_EQ(batch->errors[1].file, "items/Item_SC_02/single choice.xml");
  EXPECT_THAT(batch->errors[0].reason_zh, HasSubstr("标准、等级、考试类型、职业功能"));
}

TEST(QtiFixtureTest, PackageZippedWithItsFolderAndSingleItemsAreRead) {
  // Zip the parent so the manifest sits at qti30/imsmanifest.xml.
  const std::string nested = ZipDirectory(InteropData());
  Result<ImportBatch> batch = ReadQtiPackage(nested, WithAlignment());
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_TRUE(batch->ok()) << Describe(*batch);
  EXPECT_FALSE(batch->items.empty());

  Result<ImportBatch> one =
      ReadQtiItem(testing_support::ReadFile(InteropData() / "qti30" / "items" / "choice-ports.xml"),
                  WithAlignment(), "choice-ports.xml");
  ASSERT_TRUE(one.ok());
  ASSERT_TRUE(one->ok()) << Describe(*one);
  ASSERT_EQ(one->items.size(), 1u);
  EXPECT_EQ(one->items[0].answer, std::vector<std::string>{"B"});
}

TEST(QtiErrorTest, BrokenPackagesAreReportedByFile) {
  Result<ImportBatch> not_zip = ReadQtiPackage("not a zip");
  ASSERT_FALSE(not_zip.ok());
  EXPECT_EQ(not_zip.status().reason(), "interop.not_zip");

  internal::ZipWriter w;
  w.Add("readme.txt", "hello");
  Result<std::string> no_manifest = w.Finish();
  ASSERT_TRUE(no_manifest.ok());
  Result<ImportBatch> b1 = ReadQtiPackage(*no_manifest);
  ASSERT_FALSE(b1.ok());
  EXPECT_EQ(b1.status().reason(), "interop.qti_no_manifest");

  internal::ZipWriter w2;
  w2.Add("imsmanifest.xml",
         "<manifest xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"><resources>"
         "<resource identifier=\"a\" type=\"imsqti_item_xmlv2p1\" href=\"missing.xml\"/>"
         "<resource identifier=\"b\" type=\"imsqti_item_xmlv2p1\" href=\"bad.xml\"/>"
         "<resource identifier=\"c\" type=\"imsqti_item_xmlv2p1\" href=\"order.xml\"/>"
         "<resource identifier=\"d\" type=\"imsqti_item_xmlv2p1\" href=\"test.xml\"/>"
         "</resources></manifest>");
  w2.Add("bad.xml", "<assessmentItem><itemBody>");
  w2.Add("order.xml",
         "<assessmentItem xmlns=\"http://www.imsglobal.org/xsd/imsqti_v2p1\" identifier=\"o\">"
         "<responseDeclaration identifier=\"RESPONSE\" cardinality=\"ordered\" baseType=\"identifier\"/>"
         "<itemBody><orderInteraction responseIdentifier=\"RESPONSE\"><simpleChoice "
         "identifier=\"a\">a</simpleChoice>"
         "</orderInteraction></itemBody></assessmentItem>");
  w2.Add("test.xml", "<assessmentTest identifier=\"t\"/>");
  Result<std::string> broken = w2.Finish();
  ASSERT_TRUE(broken.ok());
  Result<ImportBatch> b2 = ReadQtiPackage(*broken, WithAlignment());
  ASSERT_TRUE(b2.ok()) << b2.status();
  ASSERT_EQ(b2->errors.size(), 4u) << Describe(*b2);
  EXPECT_EQ(b2->errors[0].file, "missing.xml");
  EXPECT_EQ(b2->errors[0].reason, "interop.zip_missing_entry");
  EXPECT_EQ(b2->errors[1].file, "bad.xml");
  EXPECT_EQ(b2->errors[1].reason, "interop.qti_bad_xml");
  EXPECT_EQ(b2->errors[2].reason, "interop.qti_unsupported_interaction");
  EXPECT_THAT(b2->errors[2].reason_zh, HasSubstr("orderInteraction"));
  EXPECT_EQ(b2->errors[3].reason, "interop.qti_not_item");
}

TEST(QtiErrorTest, MetadataThatContradictsTheBodyIsAnError) {
  bank::Item item = SampleItems()[0];
  Result<std::string> zip = ExportQti({item}, QtiVersion::kV2p1);
  ASSERT_TRUE(zip.ok());
  Result<internal::ZipReader> reader = internal::ZipReader::Open(*zip);
  ASSERT_TRUE(reader.ok());
  std::string manifest = *reader->Read("imsmanifest.xml");
  const std::string from = "type=\"single_choice\"";
  manifest.replace(manifest.find(from), from.size(), "type=\"fill_in\"");
  internal::ZipWriter w;
  w.Add("imsmanifest.xml", manifest);
  w.Add("items/dep-jr-1.2-001.xml", *reader->Read("items/dep-jr-1.2-001.xml"));
  Result<ImportBatch> batch = ReadQtiPackage(*w.Finish());
  ASSERT_TRUE(batch.ok());
  ASSERT_FALSE(batch->errors.empty());
  EXPECT_EQ(batch->errors[0].reason, "interop.qti_type_mismatch");
  EXPECT_EQ(batch->errors[0].item_id, "dep-jr-1.2-001");
}

TEST(QtiScoringTest, TemplateUrisAreNormalised) {
  EXPECT_EQ(NormaliseTemplateUri("http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"),
            RpTemplate::kMatchCorrect);
  EXPECT_EQ(NormaliseTemplateUri("http://www.imsglobal.org/question/qti_v2p2/rptemplates/match_correct"),
            RpTemplate::kMatchCorrect);
  EXPECT_EQ(NormaliseTemplateUri("https://www.imsglobal.org/question/qti_v3p0/rptemplates/match_correct.xml"),
            RpTemplate::kMatchCorrect);
  EXPECT_EQ(NormaliseTemplateUri("https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/map_response.xml"),
            RpTemplate::kMapResponse);
  EXPECT_EQ(NormaliseTemplateUri("https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/map_response"),
            RpTemplate::kMapResponse);
  EXPECT_EQ(NormaliseTemplateUri("rptemplates/map_response_point.xml"), RpTemplate::kMapResponsePoint);
  EXPECT_EQ(NormaliseTemplateUri("http://x/CC2_match_basic"), RpTemplate::kCc2MatchBasic);
  EXPECT_EQ(NormaliseTemplateUri(""), RpTemplate::kNone);
  EXPECT_EQ(NormaliseTemplateUri("  "), RpTemplate::kNone);
  EXPECT_EQ(NormaliseTemplateUri("http://example.com/custom_rules.xml"), RpTemplate::kUnknown);
}

TEST(QtiScoringTest, NamesAreNormalised) {
  EXPECT_EQ(NormaliseQtiName("qti-choice-interaction"), "choiceInteraction");
  EXPECT_EQ(NormaliseQtiName("choiceInteraction"), "choiceInteraction");
  EXPECT_EQ(NormaliseQtiName("response-identifier"), "responseIdentifier");
  EXPECT_EQ(NormaliseQtiName("qti-assessment-item"), "assessmentItem");
  EXPECT_EQ(NormaliseQtiName("imsqti:assessmentItem"), "assessmentItem");
  EXPECT_EQ(NormaliseQtiName("xml:lang"), "xml:lang");
  EXPECT_EQ(NormaliseQtiName("p"), "p");
}

TEST(QtiScoringTest, MapResponseFollowsTheTemplate) {
  QtiMapping m;  // H=+1, O=+1, Cl=−1, default −2, bounds [0, 2].
  m.default_value = -2;
  m.lower_bound = 0;
  m.upper_bound = 2;
  m.entries = {{"H", 1, true}, {"O", 1, true}, {"Cl", -1, true}};
  EXPECT_EQ(MapResponse(m, {"H", "O"}), 2);
  EXPECT_EQ(MapResponse(m, {"H", "H", "O"}), 2);  // Distinct values only.
  EXPECT_EQ(MapResponse(m, {"H", "Cl"}), 0);
  EXPECT_EQ(MapResponse(m, {"H", "N"}), 0);  // −1 clamped to the lower bound.
  EXPECT_EQ(MapResponse(m, {}), 0);          // NULL response.
  QtiMapping s;
  s.entries = {{"vLLM", 1, false}, {"LLM", 0.5, true}};
  EXPECT_EQ(MapResponse(s, {"VLLM"}), 1);
  EXPECT_EQ(MapResponse(s, {"llm"}), 0);  // Case-sensitive entry does not match.
  EXPECT_EQ(MapResponse(s, {"LLM"}), 0.5);
}

TEST(QtiScoringTest, MatchCorrectFollowsCardinality) {
  EXPECT_TRUE(MatchCorrect(QtiCardinality::kSingle, {"A"}, {"A"}));
  EXPECT_FALSE(MatchCorrect(QtiCardinality::kSingle, {"A"}, {"B"}));
  EXPECT_TRUE(MatchCorrect(QtiCardinality::kMultiple, {"A", "C"}, {"C", "A"}));
  EXPECT_FALSE(MatchCorrect(QtiCardinality::kMultiple, {"A", "C"}, {"A"}));
  EXPECT_FALSE(MatchCorrect(QtiCardinality::kOrdered, {"A", "C"}, {"C", "A"}));
  EXPECT_TRUE(MatchCorrect(QtiCardinality::kOrdered, {"A", "C"}, {"A", "C"}));
  EXPECT_FALSE(MatchCorrect(QtiCardinality::kSingle, {"A"}, {}));
}

TEST(QtiScoringTest, ParseVersion) {
  EXPECT_EQ(ParseQtiVersion("2.1"), QtiVersion::kV2p1);
  EXPECT_EQ(ParseQtiVersion("QTI30"), QtiVersion::kV3p0);
  EXPECT_EQ(ParseQtiVersion("3"), QtiVersion::kV3p0);
  EXPECT_FALSE(ParseQtiVersion("1.2").has_value());
}

}  // namespace
}  // namespace kaoping::interop
