#include "store/psychometrics_store_contract_test.h"

#include <string>
#include <vector>

namespace kaoping::store {
namespace {

bank::Item MakeItem(const std::string& id) {
  bank::Item it;
  it.id = id;
  it.type = bank::ItemType::kSingleChoice;
  it.stem = "题干 " + id;
  it.options = {{"A", "甲"}, {"B", "乙"}};
  it.answer = {"A"};
  it.alignment.standard = "std";
  it.alignment.levels = {"mid"};
  it.alignment.exam_kind = "theory";
  it.author = "author1";
  it.updated_ms = 1000;
  return it;
}

ItemStatisticsRecord Record(const std::string& id, int version, const std::string& kind, std::int64_t at) {
  ItemStatisticsRecord r;
  r.item_id = id;
  r.item_version = version;
  r.kind = kind;
  r.source = "plan:7";
  r.num_persons = 250;
  r.model = kind == "irt" ? "2PL" : "";
  r.converged = true;
  r.iterations = kind == "irt" ? 41 : 0;
  r.log_likelihood = kind == "irt" ? -2466.938 : 0;
  if (kind == "classical") r.flags = {"too_easy", "distractor_not_chosen"};
  r.statistics = R"({"facility":0.93})";
  r.computed_ms = at;
  r.computed_by = "admin";
  return r;
}

AuditEntry Audit(const std::string& object) {
  AuditEntry a;
  a.at_ms = 5000;
  a.actor_id = 1;
  a.actor_login = "admin";
  a.action = "psychometrics.write_back";
  a.object = object;
  a.detail = "items=2";
  return a;
}

TEST_P(PsychometricsStoreContractTest, WritesBackWithProvenanceAndAuditsInOneTransaction) {
  ASSERT_TRUE(bank().InsertItems({MakeItem("q-1"), MakeItem("q-2")}, "author1").ok());
  auto head = del().GetAuditHead();
  ASSERT_TRUE(head.ok());
  ASSERT_TRUE(psy()
                  .PutItemStatistics({Record("q-1", 1, "classical", 2000), Record("q-1", 1, "irt", 2000),
                                      Record("q-2", 1, "irt", 2000)},
                                     Audit("plan:7"))
                  .ok());
  auto after = del().GetAuditHead();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->seq, head->seq + 1);
  auto audit = del().ReadAudit(head->seq, 10);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].action, "psychometrics.write_back");
  EXPECT_EQ((*audit)[0].object, "plan:7");

  auto rows = psy().ItemStatistics("q-1", 0);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  // Same time: newest id first (irt was written after classical).
  EXPECT_EQ((*rows)[0].kind, "irt");
  EXPECT_EQ((*rows)[0].model, "2PL");
  EXPECT_EQ((*rows)[0].iterations, 41);
  EXPECT_DOUBLE_EQ((*rows)[0].log_likelihood, -2466.938);
  EXPECT_TRUE((*rows)[0].converged);
  EXPECT_EQ((*rows)[1].kind, "classical");
  EXPECT_EQ((*rows)[1].flags, (std::vector<std::string>{"too_easy", "distractor_not_chosen"}));
  EXPECT_EQ((*rows)[1].source, "plan:7");
  EXPECT_EQ((*rows)[1].num_persons, 250);
  EXPECT_EQ((*rows)[1].statistics, R"({"facility":0.93})");
  EXPECT_EQ((*rows)[1].computed_by, "admin");
  EXPECT_EQ((*rows)[1].computed_ms, 2000);
  EXPECT_GT((*rows)[0].id, (*rows)[1].id);

  // A later run comes first; history is kept.
  ASSERT_TRUE(psy().PutItemStatistics({Record("q-1", 1, "classical", 9000)}, Audit("plan:8")).ok());
  rows = psy().ItemStatistics("q-1", 1);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].computed_ms, 9000);
  rows = psy().ItemStatistics("q-1", 0);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->size(), 3u);
}

TEST_P(PsychometricsStoreContractTest, UnknownItemVersionWritesNothing) {
  ASSERT_TRUE(bank().InsertItems({MakeItem("q-1")}, "author1").ok());
  auto head = del().GetAuditHead();
  ASSERT_TRUE(head.ok());
  Status s = psy().PutItemStatistics({Record("q-1", 1, "irt", 2000), Record("q-1", 2, "irt", 2000)},
                                     Audit("plan:7"));
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.reason(), "item.not_found");
  s = psy().PutItemStatistics({Record("nope", 1, "irt", 2000)}, Audit("plan:7"));
  EXPECT_EQ(s.reason(), "item.not_found");
  auto rows = psy().ItemStatistics("q-1", 0);
  ASSERT_TRUE(rows.ok());
  EXPECT_TRUE(rows->empty());
  auto after = del().GetAuditHead();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->seq, head->seq);
}

TEST_P(PsychometricsStoreContractTest, RejectsRecordsWithoutKindOrItem) {
  ASSERT_TRUE(bank().InsertItems({MakeItem("q-1")}, "author1").ok());
  auto bad = Record("q-1", 1, "", 2000);
  Status s = psy().PutItemStatistics({bad}, Audit("matrix"));
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.reason(), "psychometrics.bad_record");
  auto none = psy().ItemStatistics("never-analysed", 0);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

}  // namespace
}  // namespace kaoping::store
