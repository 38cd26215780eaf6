// CRASH TEST. Clients stream answer saves to the real `kaoping serve` binary (a child process
// on a temporary data directory) while the process is killed with SIGKILL at a random moment
// — after a random number of acknowledged saves. After a restart, every save that had been
// acknowledged must be present with (at least) its sequence number and the matching answer.
// Five kill/restart rounds run in a row on the same data directory; at the end the audit chain
// must still verify (`kaoping audit verify`).
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include <gtest/gtest.h>

#include "core/bank/synthetic.h"
#include "http/test_client.h"
#include "integration/server_process.h"
#include "service/audit.h"
#include "service/auth.h"
#include "service/crypto.h"
#include "service/delivery.h"
#include "service/delivery_pii.h"
#include "service/standards_catalog.h"
#include "store/sqlite/bank_store_sqlite.h"
#include "store/sqlite/database.h"
#include "store/sqlite/delivery_store_sqlite.h"
#include "store/sqlite/sqlite_store.h"

namespace kaoping::integration {
namespace {

namespace fs = std::filesystem;
namespace bhttp = boost::beast::http;
using Json = nlohmann::json;

constexpr int kCandidates = 4;
constexpr int kThreadsPerAttempt = 2;

struct Lane {  // one client thread: one attempt, a few items of it
  std::int64_t attempt_id = 0;
  std::string token;
  std::vector<std::string> items;
};

std::string IdNumber(const std::string& first17) {
  static constexpr int kW[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kMap[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[static_cast<size_t>(i)] - '0') * kW[i];
  return first17 + kMap[sum % 11];
}

template <typename T>
T Must(Result<T> r) {
  EXPECT_TRUE(r.ok()) << r.status();
  return std::move(r).value();
}

// Prepares the data directory with the real stores and services: staff, a paper, a plan whose
// room is open now, candidates with started attempts and bearer tokens.
std::vector<Lane> Seed(const fs::path& dir) {
  EXPECT_TRUE(service::InitCrypto().ok());
  const Clock& clock = SystemClock::Get();
  auto db = Must(store::sqlite::Database::Open((dir / "kaoping.db").string(), 2));
  auto users = Must(store::OpenSqliteStore(db));
  auto store = Must(store::OpenSqliteDeliveryStore(db));
  auto bank = Must(store::OpenSqliteBankStore(db));
  auto pii = Must(service::PiiVault::OpenOrCreate(dir.string()));
  auto catalog = Must(service::StandardsCatalog::Load(std::string(KAOPING_SOURCE_DIR) + "/standards"));
  // The server must neither create a first admin nor seed the demo on this directory.
  EXPECT_TRUE(users->PutSetting("bootstrap.admin_created", "crash-test").ok());
  EXPECT_TRUE(users->PutSetting("demo.seeded", "crash-test").ok());
  service::AuditLog audit(*store, clock);
  service::Authenticator auth(*users, *store, audit, clock);
  service::DeliveryDeps deps;
  deps.users = users.get();
  deps.store = store.get();
  deps.bank = bank.get();
  deps.catalog = catalog;
  deps.pii = pii;
  deps.audit = &audit;
  deps.auth = &auth;
  deps.clock = &clock;
  service::DeliveryOptions opts;
  opts.run_sweeper = false;
  service::DeliveryService svc(deps, opts);

  auto make = [&](const std::string& login, std::vector<std::string> roles) {
    store::NewUser u{login, login, service::HashPassword("crash-test-password").value(), roles, 0, false};
    auto rec = Must(users->CreateUser(u));
    return service::Actor{rec.id.value(), login, login, roles};
  };
  service::Actor admin = make("admin", {"admin"});
  service::Actor p1 = make("proctor1", {"proctor"});
  service::Actor p2 = make("proctor2", {"proctor"});

  bank::SyntheticBankOptions so;
  so.level = "mid";
  so.size = 16;
  auto items = Must(bank::GenerateSyntheticBank(*catalog->Find("llm-deploy-engineer"), so));
  EXPECT_TRUE(bank->InsertItems(items, "crash-test").ok());
  bank::Paper paper;
  paper.id = "crash-paper";
  paper.standard = "llm-deploy-engineer";
  paper.level = "mid";
  paper.exam_kind = "theory";
  paper.sections = {bank::PaperSection{"all", "全部", true, true}};
  for (const auto& it : items)
    paper.items.push_back(bank::PaperItem{it.id, it.version, "all", 1, it.alignment.function});
  EXPECT_TRUE(bank->SavePaper(paper).ok());

  service::PlanInput plan;
  plan.spec.title = "崩溃测试";
  plan.spec.standard = "llm-deploy-engineer";
  plan.spec.level = "mid";
  plan.spec.kind = "theory";
  plan.spec.duration_minutes = 600;
  plan.spec.rooms.push_back(delivery::RoomSpec{
      "A01", "第一考场", 30, ToUnixMillis(clock.Now()) - 60'000, {p1.user_id, p2.user_id}, {}});
  plan.entry_window_minutes = 24 * 60;
  auto created = Must(svc.CreatePlan(admin, plan, "crash-test"));
  EXPECT_TRUE(created.plan.has_value());
  EXPECT_TRUE(svc.AttachPaper(admin, created.plan->id, paper.id, "crash-test").ok());

  std::vector<Lane> lanes;
  for (int c = 0; c < kCandidates; ++c) {
    service::Actor cand = make("cand" + std::to_string(c), {"candidate"});
    service::ProfileInput profile;
    profile.full_name = "考生" + std::to_string(c);
    profile.id_number = IdNumber("1101051980010110" + std::to_string(c));
    profile.facts.education = "associate";
    profile.facts.work_history = {{"某公司", "工程师", "2015-01", "", true}};
    EXPECT_TRUE(svc.PutProfile(cand, profile, "crash-test").ok());
    auto reg = Must(svc.Register(cand, created.plan->id, "crash-test"));
    EXPECT_EQ(reg.status, store::RegistrationStatus::kApproved);
    store::AttemptFilter f;
    f.user_id = cand.user_id;
    auto attempts = Must(svc.ListAttempts(cand, f));
    EXPECT_EQ(attempts.size(), 1u);
    std::int64_t attempt_id = attempts.at(0).attempt.id;
    EXPECT_TRUE(svc.Start(cand, attempt_id).ok());
    auto record = Must(store->GetAttempt(attempt_id));
    std::string token = Must(auth.IssueBearer(cand.user_id));
    for (int t = 0; t < kThreadsPerAttempt; ++t) {
      Lane lane;
      lane.attempt_id = attempt_id;
      lane.token = token;
      for (size_t i = static_cast<size_t>(t); i < record.items.size(); i += kThreadsPerAttempt)
        lane.items.push_back(record.items[i].item_id);
      lanes.push_back(lane);
    }
  }
  svc.Stop();
  db->Close();
  return lanes;
}

Json ResponseFor(const std::string& item, std::int64_t seq) {
  return Json{{"item", item}, {"seq", seq}, {"text", "答案 " + std::to_string(seq)}};
}

using Key = std::pair<std::int64_t, std::string>;  // (attempt, item)

TEST(CrashTest, AcknowledgedSavesSurviveSigkill) {
  fs::path dir = fs::temp_directory_path() / ("kaoping-crash-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::vector<Lane> lanes = Seed(dir);
  ASSERT_EQ(lanes.size(), static_cast<size_t>(kCandidates * kThreadsPerAttempt));
  const std::string binary = std::string(KAOPING_BINARY_DIR) + "/kaoping";
  const std::vector<std::string> env = {
      "KAOPING_SEED_DEMO=false", "KAOPING_LOG_LEVEL=warn", "KAOPING_THREADS=16",
      "KAOPING_STANDARDS_DIR=" + std::string(KAOPING_SOURCE_DIR) + "/standards",
      "KAOPING_WEB_DIR=/nonexistent"};
  std::random_device rd;
  std::uint32_t seed = rd();
  std::mt19937 rng(seed);
  SCOPED_TRACE("random seed " + std::to_string(seed));

  std::map<Key, std::int64_t> next_seq;  // the next sequence number each item's client will use
  for (const auto& lane : lanes) {
    for (const auto& item : lane.items) next_seq[{lane.attempt_id, item}] = 1;
  }

  for (int round = 1; round <= 5; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    ServerProcess server(binary, dir.string(), env);
    std::uint16_t port = server.WaitForPort();
    ASSERT_NE(port, 0) << server.output();

    std::mutex mu;
    std::condition_variable cv;
    std::map<Key, std::int64_t> acked;  // highest sequence acknowledged with 200
    std::int64_t total_acks = 0;
    std::atomic<bool> bad_reply{false};
    std::vector<std::thread> clients;
    for (const auto& lane : lanes) {
      std::map<Key, std::int64_t> start;
      for (const auto& item : lane.items) start[{lane.attempt_id, item}] = next_seq[{lane.attempt_id, item}];
      clients.emplace_back([&, lane, start]() mutable {
        try {
          http::testing::TestClient client(port);
          for (size_t k = 0;; ++k) {
            const std::string& item = lane.items[k % lane.items.size()];
            Key key{lane.attempt_id, item};
            std::int64_t seq = start[key]++;
            Json body{{"sequence", seq}, {"response", ResponseFor(item, seq)}};
            auto r = client.Send(
                bhttp::verb::put, "/api/v1/attempts/" + std::to_string(lane.attempt_id) + "/answers/" + item,
                body.dump(),
                {{"Authorization", "Bearer " + lane.token}, {"Content-Type", "application/json"}});
            if (r.result_int() != 200) {
              bad_reply = true;
              ADD_FAILURE() << "save answered " << r.result_int() << ": " << r.body();
              return;
            }
            std::lock_guard<std::mutex> lock(mu);
            acked[key] = std::max(acked[key], seq);
            ++total_acks;
            cv.notify_all();
          }
        } catch (const std::exception&) {
          // The server was killed: the connection broke. Unacknowledged saves may or may not be there.
        }
      });
    }
    // Kill at a random moment: after a random number of acknowledged saves.
    std::int64_t target = std::uniform_int_distribution<std::int64_t>(20, 600)(rng);
    {
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] { return total_acks >= target || bad_reply.load(); });
    }
    int status = server.Kill(SIGKILL);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    for (auto& t : clients) t.join();
    ASSERT_FALSE(bad_reply.load());

    // Restart and check every acknowledged save.
    ServerProcess again(binary, dir.string(), env);
    std::uint16_t port2 = again.WaitForPort();
    ASSERT_NE(port2, 0) << again.output();
    http::testing::TestClient client(port2);
    std::map<std::int64_t, std::string> tokens;
    for (const auto& lane : lanes) tokens[lane.attempt_id] = lane.token;
    std::map<Key, Json> stored;
    for (const auto& [attempt, token] : tokens) {
      auto r = client.Send(bhttp::verb::get, "/api/v1/attempts/" + std::to_string(attempt), {},
                           {{"Authorization", "Bearer " + token}});
      ASSERT_EQ(r.result_int(), 200u) << r.body();
      Json j = Json::parse(r.body());
      EXPECT_EQ(j.value("status", ""), "in_progress");
      for (const auto& a : j["answers"]) stored[{attempt, a.value("item_id", "")}] = a;
    }
    std::int64_t checked = 0;
    for (const auto& [key, seq] : acked) {
      ASSERT_TRUE(stored.count(key)) << "acknowledged save lost: attempt " << key.first << " item "
                                     << key.second << " seq " << seq;
      std::int64_t got = stored[key].value("sequence", std::int64_t{0});
      EXPECT_GE(got, seq) << "acknowledged sequence " << seq << " lost (found " << got << ") for "
                          << key.second;
      EXPECT_EQ(stored[key]["response"], ResponseFor(key.second, got))
          << "answer does not match its sequence";
      ++checked;
    }
    EXPECT_GT(checked, 0);
    // The next round continues above whatever is stored (saved-but-unacknowledged included).
    for (auto& [key, seq] : next_seq) {
      if (stored.count(key))
        seq = std::max<std::int64_t>(seq, stored[key].value("sequence", std::int64_t{0}) + 1);
    }
    std::cout << "[ crash round " << round << " ] killed after " << total_acks
              << " acknowledged saves (target " << target << "); " << checked << " items verified\n";
    int term = again.Kill(SIGTERM);
    EXPECT_TRUE(WIFEXITED(term) && WEXITSTATUS(term) == 0) << again.output();
  }

  // The audit chain survived five crashes.
  std::string cmd = binary + " audit verify --data " + dir.string() + " > /dev/null 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace kaoping::integration
