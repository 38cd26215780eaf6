// Test helpers for the interop tests: a sample bank covering every item type and field, an
// every-field item comparison, and a directory → zip packer written directly against libzip (so
// fixture packages are built independently of the module's own zip code).

#ifndef KAOPING_INTEROP_INTEROP_TEST_UTIL_H_
#define KAOPING_INTEROP_INTEROP_TEST_UTIL_H_

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <zip.h>

#include <gtest/gtest.h>

#include "core/bank/item.h"
#include "support/files.h"

namespace kaoping::interop::testing {

inline bank::Alignment DeployAlignment(const std::string& level = "junior") {
  bank::Alignment a;
  a.standard = "llm-deploy-engineer";
  a.levels = {level};
  a.exam_kind = "theory";
  a.function = "function:1";
  a.work_content = "1.2";
  a.requirements = {level + "/knowledge/1.2.1"};
  a.knowledge_points = {"模型量化"};
  return a;
}

// Every item type, every field the formats carry, and text that exercises each escape:
// separators (| / ; : ，), backslashes, quotes, commas, line breaks, leading spaces.
inline std::vector<bank::Item> SampleItems() {
  std::vector<bank::Item> items;
  {
    bank::Item it;
    it.id = "dep-jr-1.2-001";
    it.version = 3;
    it.type = bank::ItemType::kSingleChoice;
    it.status = bank::ItemStatus::kApproved;
    it.stem = "使用 llama.cpp 对模型进行 4 bit 量化的主要目的是什么？\n（单选，\"引号\", 逗号）";
    it.options = {{"A", "减小模型体积并降低显存占用"},
                  {"B", "提高训练精度"},
                  {"C", "分隔符 a|b/c;d:e，全角；："},
                  {"D", "C:\\models\\q4"}};
    it.answer = {"A"};
    it.explanation = "量化以更少的比特表示权重。\n第二行解析";
    it.points = 2;
    it.difficulty.p = 0.8;
    it.alignment = DeployAlignment();
    it.alignment.requirements = {"junior/knowledge/1.2.1", "junior/skill/1.2.1"};
    it.enemies = {"dep-jr-1.2-002"};
    it.author = "张三";
    it.reviewer = "王五";
    it.updated_ms = 1763900000123;
    it.source = "kaoping sample bank, 2026";
    it.licence = "CC-BY-4.0";
    items.push_back(it);
  }
  {
    bank::Item it;
    it.id = "dep-jr-1.2-002";
    it.type = bank::ItemType::kMultipleChoice;
    it.status = bank::ItemStatus::kInReview;
    it.stem = "以下哪些是大模型推理服务框架？";
    it.options = {{"A", "vLLM"}, {"B", "TGI"}, {"C", "pandas"}, {"D", "SGLang"}, {"E", "NumPy"}};
    it.answer = {"A", "B", "D"};
    it.points = 3;
    it.difficulty.p = 0.55;
    it.difficulty.a = 1.25;
    it.difficulty.b = -0.3;
    it.difficulty.c = 0.2;
    it.difficulty.provenance = "calibration 2026-11; n=412";
    it.alignment = DeployAlignment();
    it.alignment.knowledge_points = {"推理框架", "服务化部署；高并发"};
    it.author = "kaoping";
    items.push_back(it);
  }
  {
    bank::Item it;
    it.id = "dep-jr-1.2-003";
    it.type = bank::ItemType::kTrueFalse;
    it.status = bank::ItemStatus::kDraft;
    it.stem = "INT4 量化后的模型一定比 FP16 模型推理更快。";
    it.options = {{"true", "正确"}, {"false", "错误"}};
    it.answer = {"false"};
    it.points = 1;
    it.alignment = DeployAlignment();
    it.alignment.direction = "";
    items.push_back(it);
  }
  {
    bank::Item it;
    it.id = "dep-mid-2.1-004";
    it.type = bank::ItemType::kFillIn;
    it.status = bank::ItemStatus::kApproved;
    it.stem = "vLLM 默认的 OpenAI 兼容服务端口是 {{1}}，\n启动命令是 {{2}} serve。";
    it.blanks = {{"1", {"8000"}, 1},
                 {"2", {"vllm", "python -m vllm.entrypoints.openai.api_server", "a/b|c\\d"}, 3}};
    it.points = 4;
    it.alignment = DeployAlignment("mid");
    it.alignment.function = "function:2";
    it.alignment.work_content = "2.1";
    it.alignment.requirements = {"mid/skill/2.1.1"};
    items.push_back(it);
  }
  {
    bank::Item it;
    it.id = "dep-mid-2.1-005";
    it.type = bank::ItemType::kFillIn;
    it.status = bank::ItemStatus::kDraft;
    it.stem =
        "Transformers 中以 4 bit 加载模型：\n    model = AutoModelForCausalLM.from_pretrained(name, ____)";
    it.blanks = {{"1", {"load_in_4bit", "load_in_4bit=True"}, 0}};
    it.points = 1;
    it.alignment = DeployAlignment("mid");
    items.push_back(it);
  }
  {
    bank::Item it;
    it.id = "dep-mid-2.1-006";
    it.type = bank::ItemType::kShortAnswer;
    it.status = bank::ItemStatus::kApproved;
    it.stem = "简述模型量化对推理精度和显存占用的影响。";
    it.rubric = {{"c1", "说明显存占用降低: 约为原来的 1/4", 3, "提到 INT4 与 FP16 的比特数之比"},
                 {"c2", "说明精度损失；给出缓解方法", 2, ""}};
    it.reference_answer =
        "量化以更少比特表示权重，显存占用显著降低；\n精度略有损失，可用 GPTQ/AWQ 等方法缓解。";
    it.explanation = "考查量化的利弊。";
    it.points = 5;
    it.alignment = DeployAlignment("mid");
    it.alignment.exam_kind = "theory";
    it.alignment.function = "basic:2.2";
    it.alignment.work_content = "";
    it.alignment.requirements = {};
    items.push_back(it);
  }
  {
    bank::Item it;
    it.id = "dep-sr-3.1-007";
    it.type = bank::ItemType::kPractical;
    it.status = bank::ItemStatus::kRetired;
    it.stem = "在给定服务器上部署 Qwen2-7B-Instruct 并提供 OpenAI 兼容接口。";
    it.task = bank::PracticalTask{"1. 拉取模型\n2. 使用 vLLM 启动服务\n3. 用 curl 验证",
                                  {"GPU 服务器一台（A10 24G）", "模型权重；离线镜像"},
                                  45};
    it.rubric = {{"deploy", "服务成功启动", 6, "curl 返回 200\n日志无报错"},
                 {"params", "参数选择合理", 4, "max-model-len 与显存匹配"}};
    it.reference_answer = "vllm serve Qwen/Qwen2-7B-Instruct --max-model-len 8192";
    it.points = 10;
    it.alignment = DeployAlignment("senior");
    it.alignment.exam_kind = "skill";
    it.alignment.function = "function:3";
    it.alignment.work_content = "3.1";
    it.alignment.requirements = {"senior/skill/3.1.1", "senior/skill/3.1.2"};
    it.enemies = {"dep-mid-2.1-006", "dep-jr-1.2-001"};
    it.author = "李四";
    it.source = "模拟实操题";
    it.synthetic = false;
    it.updated_ms = 42;
    items.push_back(it);
  }
  return items;
}

// Compares every field; `bookkeeping` also compares reviewer, synthetic and updated_ms (which
// the spreadsheet templates do not carry).
inline void ExpectSameItem(const bank::Item& want, const bank::Item& got, bool bookkeeping = true) {
  SCOPED_TRACE("item " + want.id);
  EXPECT_EQ(want.id, got.id);
  EXPECT_EQ(want.version, got.version);
  EXPECT_EQ(want.type, got.type);
  EXPECT_EQ(want.status, got.status);
  EXPECT_EQ(want.stem, got.stem);
  ASSERT_EQ(want.options.size(), got.options.size());
  for (std::size_t i = 0; i < want.options.size(); ++i) {
    EXPECT_EQ(want.options[i].id, got.options[i].id);
    EXPECT_EQ(want.options[i].text, got.options[i].text);
  }
  EXPECT_EQ(want.answer, got.answer);
  ASSERT_EQ(want.blanks.size(), got.blanks.size());
  for (std::size_t i = 0; i < want.blanks.size(); ++i) {
    EXPECT_EQ(want.blanks[i].id, got.blanks[i].id);
    EXPECT_EQ(want.blanks[i].accepted, got.blanks[i].accepted);
    EXPECT_DOUBLE_EQ(want.blanks[i].points, got.blanks[i].points);
  }
  ASSERT_EQ(want.rubric.size(), got.rubric.size());
  for (std::size_t i = 0; i < want.rubric.size(); ++i) {
    EXPECT_EQ(want.rubric[i].id, got.rubric[i].id);
    EXPECT_EQ(want.rubric[i].description, got.rubric[i].description);
    EXPECT_DOUBLE_EQ(want.rubric[i].points, got.rubric[i].points);
    EXPECT_EQ(want.rubric[i].evidence, got.rubric[i].evidence);
  }
  ASSERT_EQ(want.task.has_value(), got.task.has_value());
  if (want.task) {
    EXPECT_EQ(want.task->instructions, got.task->instructions);
    EXPECT_EQ(want.task->materials, got.task->materials);
    EXPECT_EQ(want.task->time_minutes, got.task->time_minutes);
  }
  EXPECT_EQ(want.reference_answer, got.reference_answer);
  EXPECT_EQ(want.explanation, got.explanation);
  EXPECT_DOUBLE_EQ(want.points, got.points);
  EXPECT_EQ(want.difficulty.p, got.difficulty.p);
  EXPECT_EQ(want.difficulty.a, got.difficulty.a);
  EXPECT_EQ(want.difficulty.b, got.difficulty.b);
  EXPECT_EQ(want.difficulty.c, got.difficulty.c);
  EXPECT_EQ(want.difficulty.provenance, got.difficulty.provenance);
  EXPECT_EQ(want.alignment.standard, got.alignment.standard);
  EXPECT_EQ(want.alignment.direction, got.alignment.direction);
  EXPECT_EQ(want.alignment.levels, got.alignment.levels);
  EXPECT_EQ(want.alignment.exam_kind, got.alignment.exam_kind);
  EXPECT_EQ(want.alignment.function, got.alignment.function);
  EXPECT_EQ(want.alignment.work_content, got.alignment.work_content);
  EXPECT_EQ(want.alignment.requirements, got.alignment.requirements);
  EXPECT_EQ(want.alignment.knowledge_points, got.alignment.knowledge_points);
  EXPECT_EQ(want.enemies, got.enemies);
  EXPECT_EQ(want.author, got.author);
  EXPECT_EQ(want.source, got.source);
  EXPECT_EQ(want.licence, got.licence);
  if (bookkeeping) {
    EXPECT_EQ(want.reviewer, got.reviewer);
    EXPECT_EQ(want.synthetic, got.synthetic);
    EXPECT_EQ(want.updated_ms, got.updated_ms);
  }
}

inline std::filesystem::path InteropData() {
  return testing_support::SourceDir() / "tests" / "data" / "interop";
}

// Zips every regular file under `dir` (names relative to it, '/'-separated, sorted) with libzip.
inline std::string ZipDirectory(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
  zip_source_keep(src);
  for (const auto& f : files) {
    const std::string content = testing_support::ReadFile(f);
    void* copy = std::malloc(content.size() + 1);
    std::memcpy(copy, content.data(), content.size());
    zip_source_t* fs = zip_source_buffer(za, copy, content.size(), 1);
    const std::string name = std::filesystem::relative(f, dir).generic_string();
    zip_file_add(za, name.c_str(), fs, ZIP_FL_ENC_UTF_8);
  }
  zip_close(za);
  zip_source_open(src);
  zip_source_seek(src, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(src);
  zip_source_seek(src, 0, SEEK_SET);
  std::string out(static_cast<std::size_t>(size), '\0');
  zip_source_read(src, out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(src);
  zip_source_free(src);
  zip_error_fini(&err);
  return out;
}

}  // namespace kaoping::interop::testing

#endif  // KAOPING_INTEROP_INTEROP_TEST_UTIL_H_
