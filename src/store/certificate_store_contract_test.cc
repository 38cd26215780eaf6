#include "store/certificate_store_contract_test.h"

#include <set>
#include <thread>
#include <vector>

namespace kaoping::store {
namespace {

constexpr std::int64_t kT0 = 1'772'352'000'000;  // 2026-03-01T08:00Z
constexpr char kList[] = "https://exam.example.org/credentials/status/1";

AuditEntry Audit(std::string action, std::string object = {}) {
  AuditEntry a;
  a.at_ms = kT0;
  a.actor_id = 1;
  a.actor_login = "admin";
  a.action = std::move(action);
  a.object = std::move(object);
  return a;
}

std::int64_t MakeUser(Store& s, const std::string& login) {
  NewUser u;
  u.login = login;
  u.display_name = "用户 " + login;
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.roles = {"candidate"};
  u.created_ms = kT0;
  auto r = s.CreateUser(u);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? r->id.value() : 0;
}

CertificateRow Row(std::string number, std::int64_t user, std::int64_t result, std::int64_t index) {
  CertificateRow r;
  r.number = std::move(number);
  r.user_id = user;
  r.result_id = result;
  r.credential_id = "urn:uuid:" + r.number;
  r.holder_name = "张三明";
  r.national_id_sealed = "sealed-bytes";
  r.pack_id = "llm-deploy-engineer";
  r.standard_title = "大模型部署工程师";
  r.standard_title_en = "LLM Deployment Engineer";
  r.level_id = "mid";
  r.level_name = "中级";
  r.level_name_en = "Intermediate";
  r.issuer_id = "did:key:z6MkTest";
  r.issuer_name = "考评中心";
  r.valid_from_ms = kT0;
  r.valid_until_ms = kT0 + 1000;
  r.status_list_url = kList;
  r.status_index = index;
  r.credential = "{\"id\":\"" + r.credential_id + "\"}";
  r.issued_ms = kT0;
  r.issued_by = 1;
  return r;
}

StatusListState List(std::string revoked, std::string allocated) {
  StatusListState s;
  s.url = kList;
  s.revoked = std::move(revoked);
  s.allocated = std::move(allocated);
  s.credential = "{\"type\":\"BitstringStatusListCredential\"}";
  return s;
}

std::int64_t AuditRows(DeliveryStore& d) {
  auto head = d.GetAuditHead();
  EXPECT_TRUE(head.ok());
  return head.ok() ? head->seq : -1;
}

TEST_P(CertificateStoreContractTest, SerialsAreNeverReusedAndPersist) {
  EXPECT_FALSE(certs().LastSerial("DEP|M|2026")->has_value());
  EXPECT_EQ(*certs().AllocateSerial("DEP|M|2026", 3), 1);
  EXPECT_EQ(*certs().AllocateSerial("DEP|M|2026", 3), 2);
  EXPECT_EQ(*certs().AllocateSerial("DEP|S|2026", 3), 1);  // scopes are independent
  EXPECT_EQ(*certs().AllocateSerial("DEP|M|2026", 3), 3);
  auto exhausted = certs().AllocateSerial("DEP|M|2026", 3);
  EXPECT_EQ(exhausted.status().reason(), "credentials.serial_exhausted");
  EXPECT_EQ(**certs().LastSerial("DEP|M|2026"), 3);  // the failure consumed nothing
}

TEST_P(CertificateStoreContractTest, ConcurrentSerialAllocationHasNoDuplicates) {
  std::vector<std::vector<std::int64_t>> got(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        auto s = certs().AllocateSerial("X", 1000000);
        if (s.ok()) got[static_cast<size_t>(t)].push_back(*s);
      }
    });
  }
  for (auto& th : threads) th.join();
  std::set<std::int64_t> all;
  for (const auto& v : got) all.insert(v.begin(), v.end());
  EXPECT_EQ(all.size(), 200u);
  EXPECT_EQ(*all.rbegin(), 200);
}

TEST_P(CertificateStoreContractTest, InsertReadListAndAudit) {
  std::int64_t u1 = MakeUser(sys(), "c1"), u2 = MakeUser(sys(), "c2");
  std::int64_t audit0 = AuditRows(del());
  ASSERT_TRUE(
      certs()
          .InsertCertificate(Row("N-1", u1, 10, 5), List("r0", "a1"), 0, Audit("certificate.issue", "N-1"))
          .ok());
  auto list = certs().GetStatusList(kList);
  ASSERT_TRUE(list.ok() && list->has_value());
  EXPECT_EQ((*list)->version, 1);
  EXPECT_EQ((*list)->allocated, "a1");
  EXPECT_EQ((*list)->updated_ms, kT0);
  CertificateRow r2 = Row("N-2", u2, 11, 6);
  r2.direction_id = "chip";
  r2.direction_name = "芯片";
  ASSERT_TRUE(certs().InsertCertificate(r2, List("r0", "a2"), 1, Audit("certificate.issue", "N-2")).ok());
  EXPECT_EQ(AuditRows(del()), audit0 + 2);

  auto got = certs().GetCertificate("N-2");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->user_id, u2);
  EXPECT_EQ(got->result_id, 11);
  EXPECT_EQ(got->holder_name, "张三明");
  EXPECT_EQ(got->national_id_sealed, "sealed-bytes");
  EXPECT_EQ(got->direction_name, "芯片");
  EXPECT_EQ(got->status_index, 6);
  EXPECT_EQ(got->credential, r2.credential);
  EXPECT_EQ(got->issued_by, 1);
  EXPECT_TRUE(got->revocation_reason.empty());
  EXPECT_EQ(certs().GetCertificate("N-9").status().reason(), "certificate.not_found");

  auto by_result = certs().FindByResult(10);
  ASSERT_TRUE(by_result.ok() && by_result->has_value());
  EXPECT_EQ((*by_result)->number, "N-1");
  EXPECT_FALSE(certs().FindByResult(99)->has_value());

  CertificateFilter f;
  f.user_id = u1;
  auto mine = certs().ListCertificates(f);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].number, "N-1");
  EXPECT_EQ(certs().ListCertificates({})->size(), 2u);
}

TEST_P(CertificateStoreContractTest, FailedInsertChangesNothing) {
  std::int64_t u1 = MakeUser(sys(), "c1");
  ASSERT_TRUE(
      certs().InsertCertificate(Row("N-1", u1, 10, 5), List("r0", "a1"), 0, Audit("certificate.issue")).ok());
  std::int64_t audit1 = AuditRows(del());
  // Number taken.
  EXPECT_EQ(certs().InsertCertificate(Row("N-1", u1, 12, 7), List("r0", "a2"), 1, Audit("x")).reason(),
            "certificate.exists");
  // One original certificate per result.
  EXPECT_EQ(certs().InsertCertificate(Row("N-2", u1, 10, 7), List("r0", "a2"), 1, Audit("x")).reason(),
            "certificate.result_taken");
  // Unknown holder.
  EXPECT_EQ(certs().InsertCertificate(Row("N-3", 424242, 13, 7), List("r0", "a2"), 1, Audit("x")).reason(),
            "user.not_found");
  // Stale list version.
  EXPECT_EQ(certs().InsertCertificate(Row("N-4", u1, 14, 7), List("r0", "a2"), 0, Audit("x")).reason(),
            "certificate.status_list_conflict");
  EXPECT_EQ(AuditRows(del()), audit1);
  EXPECT_EQ((*certs().GetStatusList(kList))->allocated, "a1");
  EXPECT_EQ((*certs().GetStatusList(kList))->version, 1);
  EXPECT_EQ(certs().ListCertificates({})->size(), 1u);
  // A renewal of the same result is allowed and is linked.
  CertificateRow renewal = Row("N-5", u1, 10, 8);
  renewal.renews = "N-1";
  ASSERT_TRUE(certs().InsertCertificate(renewal, List("r0", "a3"), 1, Audit("certificate.renew")).ok());
  EXPECT_EQ(*certs().RenewalsOf("N-1"), std::vector<std::string>{"N-5"});
  EXPECT_EQ((*certs().FindByResult(10))->number, "N-1");
}

TEST_P(CertificateStoreContractTest, RevocationIsRecordedOnceWithTheList) {
  std::int64_t u1 = MakeUser(sys(), "c1");
  ASSERT_TRUE(
      certs().InsertCertificate(Row("N-1", u1, 10, 5), List("r0", "a1"), 0, Audit("certificate.issue")).ok());
  std::int64_t audit1 = AuditRows(del());
  EXPECT_EQ(certs()
                .RevokeCertificate("N-1", "misconduct", "note", kT0 + 5, 1, List("r1", "a1"), 0, Audit("r"))
                .reason(),
            "certificate.status_list_conflict");
  EXPECT_EQ(certs()
                .RevokeCertificate("N-9", "misconduct", "note", kT0 + 5, 1, List("r1", "a1"), 1, Audit("r"))
                .reason(),
            "certificate.not_found");
  EXPECT_EQ(
      certs().RevokeCertificate("N-1", "", "note", kT0 + 5, 1, List("r1", "a1"), 1, Audit("r")).reason(),
      "certificate.bad_reason");
  EXPECT_EQ(AuditRows(del()), audit1);
  EXPECT_TRUE(certs().GetCertificate("N-1")->revocation_reason.empty());

  ASSERT_TRUE(certs()
                  .RevokeCertificate("N-1", "misconduct", "作弊", kT0 + 5, 7, List("r1", "a1"), 1,
                                     Audit("certificate.revoke"))
                  .ok());
  auto got = certs().GetCertificate("N-1");
  EXPECT_EQ(got->revocation_reason, "misconduct");
  EXPECT_EQ(got->revocation_note, "作弊");
  EXPECT_EQ(got->revoked_ms, kT0 + 5);
  EXPECT_EQ(got->revoked_by, 7);
  EXPECT_EQ((*certs().GetStatusList(kList))->revoked, "r1");
  EXPECT_EQ((*certs().GetStatusList(kList))->version, 2);
  EXPECT_EQ(AuditRows(del()), audit1 + 1);
  EXPECT_EQ(
      certs().RevokeCertificate("N-1", "other", "", kT0 + 6, 1, List("r1", "a1"), 2, Audit("r")).reason(),
      "credentials.already_revoked");
  EXPECT_EQ((*certs().GetStatusList(kList))->version, 2);
}

TEST_P(CertificateStoreContractTest, PutStatusListIsOptimistic) {
  EXPECT_FALSE(certs().GetStatusList(kList)->has_value());
  ASSERT_TRUE(certs().PutStatusList(List("r0", "a0"), 0, Audit("certificate.status_list")).ok());
  EXPECT_EQ(certs().PutStatusList(List("r0", "a0"), 0, Audit("x")).reason(),
            "certificate.status_list_conflict");
  ASSERT_TRUE(certs().PutStatusList(List("r0", "a0b"), 1, Audit("certificate.status_list")).ok());
  EXPECT_EQ((*certs().GetStatusList(kList))->allocated, "a0b");
}

}  // namespace
}  // namespace kaoping::store
