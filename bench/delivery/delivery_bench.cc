// delivery_bench — drives a running `kaoping serve` over HTTP for the delivery benchmarks
// (bench/delivery/run.sh runs the whole thing):
//
//   delivery_bench seed   --port P --admin-password PW --candidates N --out lanes.txt
//       everything through the public API: a synthetic item bank is imported and a paper
//       assembled, proctors and N candidates bulk-created (bearer tokens), an exam plan with
//       rooms of up to 999 seats created and the paper attached, and every candidate fills a
//       profile (unique valid ID number) and registers (eligible → approved → attempt prepared).
//       Writes "attempt_id token" lines.
//   delivery_bench starts --port P --in lanes.txt
//       opens one keep-alive connection per attempt and loads the attempt on it (the candidate
//       waiting in the lobby; --cold skips this), waits until ALL are ready, then sends every
//       POST /attempts/{id}/start at the same instant (a synchronized start) and reports the time
//       until all were acknowledged and the p50/p95/p99 latency, plus errors.
//   delivery_bench items  --port P --in lanes.txt --out items.txt
//       the paper's item ids (one per line), for the save benchmark's wrk script.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "core/bank/synthetic.h"
#include "core/delivery/id_number.h"
#include "core/standards/loader.h"
#include "wire/item_json.h"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

std::map<std::string, std::string> Flags(int argc, char** argv) {
  std::map<std::string, std::string> out;
  for (int i = 2; i + 1 < argc; i += 2) out[argv[i]] = argv[i + 1];
  return out;
}

// A blocking keep-alive client.
class Client {
 public:
  explicit Client(std::uint16_t port) : stream_(ioc_) {
    stream_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }
  std::pair<int, Json> Call(bhttp::verb verb, const std::string& target, const std::string& token,
                            const Json& body = Json()) {
    bhttp::request<bhttp::string_body> req(verb, target, 11);
    req.set(bhttp::field::host, "127.0.0.1");
    if (!token.empty()) req.set(bhttp::field::authorization, "Bearer " + token);
    if (!body.is_null()) {
      req.set(bhttp::field::content_type, "application/json");
      req.body() = body.dump();
    }
    req.prepare_payload();
    bhttp::write(stream_, req);
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(256 * 1024 * 1024);
    bhttp::read(stream_, buffer_, parser);
    auto res = parser.release();
    return {static_cast<int>(res.result_int()), Json::parse(res.body(), nullptr, false)};
  }

 private:
  asio::io_context ioc_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
};

Json Expect(std::pair<int, Json> r, int status, const std::string& what) {
  if (r.first != status) {
    throw std::runtime_error(what + " answered " + std::to_string(r.first) + ": " +
                             r.second.dump().substr(0, 400));
  }
  return r.second;
}

std::string IdNumberFor(int i) {
  // Address 110105, birth dates spread over 1970–1999, sequence from the index.
  char first17[18];
  int year = 1970 + i % 30, month = 1 + (i / 30) % 12, day = 1 + (i / 360) % 28, seq = (i / 10080) % 1000;
  std::snprintf(first17, sizeof(first17), "110105%04d%02d%02d%03d", year, month, day, seq);
  return std::string(first17) + kaoping::delivery::IdNumberCheckChar(first17);
}

template <typename Fn>
void Parallel(int n, int threads, Fn fn) {
  std::atomic<int> next{0};
  std::vector<std::thread> pool;
  std::mutex err_mu;
  std::string error;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      try {
        fn(t, next);
      } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(err_mu);
        error = e.what();
      }
    });
  }
  for (auto& th : pool) th.join();
  if (!error.empty()) throw std::runtime_error(error);
  (void)n;
}

int Seed(std::map<std::string, std::string> f) {
  const auto port = static_cast<std::uint16_t>(std::stoi(f["--port"]));
  const int n = std::stoi(f["--candidates"]);
  const int capacity = f.count("--room-capacity") ? std::stoi(f["--room-capacity"]) : 999;
  const int threads = f.count("--threads") ? std::stoi(f["--threads"]) : 16;
  const std::string standards_dir =
      f.count("--standards") ? f["--standards"] : std::string(KAOPING_SOURCE_DIR) + "/standards";
  auto t0 = Clock::now();
  Client admin_client(port);
  Json login = Expect(
      admin_client.Call(bhttp::verb::post, "/api/v1/auth/login", "",
                        Json{{"login", "admin"}, {"password", f["--admin-password"]}, {"mode", "bearer"}}),
      200, "admin login");
  const std::string admin = login["token"];

  // 1. A synthetic bank, imported through the API, and a paper assembled from it.
  std::ifstream pack_file(standards_dir + "/002-llm-deploy-engineer.yaml");
  std::string yaml((std::istreambuf_iterator<char>(pack_file)), std::istreambuf_iterator<char>());
  auto pack = kaoping::standards::LoadPack(yaml, "002");
  if (!pack.ok()) throw std::runtime_error(pack.status().ToString());
  kaoping::bank::SyntheticBankOptions so;
  so.level = "mid";
  so.size = 600;
  so.seed = 20260302;
  auto items = kaoping::bank::GenerateSyntheticBank(*pack, so);
  if (!items.ok()) throw std::runtime_error(items.status().ToString());
  Expect(
      admin_client.Call(bhttp::verb::post, "/api/v1/bank/import", admin, kaoping::wire::ItemsToJson(*items)),
      200, "bank import");
  Json assembled = Expect(admin_client.Call(bhttp::verb::post, "/api/v1/assemble", admin,
                                            Json{{"standard", "llm-deploy-engineer"},
                                                 {"level", "mid"},
                                                 {"kind", "theory"},
                                                 {"save", true},
                                                 {"synthetic", true},
                                                 {"seed", 7},
                                                 {"title", "bench paper"}}),
                          200, "assemble");
  const std::string paper_id = assembled["papers"][0]["id"];
  std::cerr << "paper " << paper_id << " with " << assembled["papers"][0]["items"].size() << " items\n";

  // 2. Staff and candidates.
  const int rooms = (n + capacity - 1) / capacity;
  const int per_room = std::max(2, (capacity + 14) / 15);
  Json proctors = Json::array();
  for (int i = 0; i < rooms * per_room; ++i) {
    proctors.push_back(Json{
        {"login", "bench-proctor-" + std::to_string(i)}, {"display_name", "监考员"}, {"roles", {"proctor"}}});
  }
  Json made = Expect(admin_client.Call(bhttp::verb::post, "/api/v1/users/bulk", admin,
                                       Json{{"password", "bench-password-1"}, {"accounts", proctors}}),
                     201, "bulk proctors");
  std::vector<std::int64_t> proctor_ids;
  for (const auto& u : made["users"]) proctor_ids.push_back(u["id"]);
  std::vector<std::string> tokens;
  for (int start = 0; start < n; start += 5000) {
    Json accounts = Json::array();
    for (int i = start; i < std::min(n, start + 5000); ++i) {
      accounts.push_back(Json{
          {"login", "bench-cand-" + std::to_string(i)}, {"display_name", "考生"}, {"roles", {"candidate"}}});
    }
    Json c =
        Expect(admin_client.Call(
                   bhttp::verb::post, "/api/v1/users/bulk", admin,
                   Json{{"password", "bench-password-1"}, {"accounts", accounts}, {"issue_tokens", true}}),
               201, "bulk candidates");
    for (const auto& u : c["users"]) tokens.push_back(u["token"]);
  }

  // 3. The plan: rooms open since a minute ago, staffed by the pack's ratio.
  const std::int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count();
  Json room_list = Json::array();
  for (int r = 0; r < rooms; ++r) {
    std::vector<std::int64_t> staff(proctor_ids.begin() + r * per_room,
                                    proctor_ids.begin() + (r + 1) * per_room);
    char code[16];
    std::snprintf(code, sizeof(code), "R%03d", r + 1);
    room_list.push_back(Json{{"code", code},
                             {"name", std::string("考场") + code},
                             {"capacity", capacity},
                             {"starts_ms", now_ms - 60'000},
                             {"proctors", staff}});
  }
  Json plan = Expect(admin_client.Call(bhttp::verb::post, "/api/v1/plans", admin,
                                       Json{{"title", "bench"},
                                            {"standard", "llm-deploy-engineer"},
                                            {"level", "mid"},
                                            {"kind", "theory"},
                                            {"duration_minutes", 600},
                                            {"entry_window_minutes", 1440},
                                            {"rooms", room_list}}),
                     201, "create plan");
  const std::int64_t plan_id = plan["id"];
  Expect(admin_client.Call(bhttp::verb::put, "/api/v1/plans/" + std::to_string(plan_id) + "/paper", admin,
                           Json{{"paper_id", paper_id}}),
         200, "attach paper");

  // 4. Every candidate: profile, registration (approved by the rules; attempt prepared), attempt id.
  std::vector<std::int64_t> attempts(static_cast<size_t>(n), 0);
  Parallel(n, threads, [&](int, std::atomic<int>& next) {
    Client c(port);
    for (int i = next++; i < n; i = next++) {
      const std::string& token = tokens[static_cast<size_t>(i)];
      Expect(c.Call(bhttp::verb::put, "/api/v1/me/profile", token,
                    Json{{"full_name", "考生" + std::to_string(i)},
                         {"id_number", IdNumberFor(i)},
                         {"education", "associate"},
                         {"field_related", true},
                         {"work_history",
                          Json::array(
                              {Json{{"organisation", "某公司"}, {"from", "2015-01"}, {"related", true}}})}}),
             200, "profile");
      Json reg = Expect(
          c.Call(bhttp::verb::post, "/api/v1/plans/" + std::to_string(plan_id) + "/registrations", token),
          201, "register");
      if (reg["status"] != "approved") throw std::runtime_error("registration not approved: " + reg.dump());
      Json list = Expect(c.Call(bhttp::verb::get, "/api/v1/attempts", token), 200, "list attempts");
      attempts[static_cast<size_t>(i)] = list["attempts"][0]["id"];
    }
  });
  std::ofstream out(f["--out"]);
  for (int i = 0; i < n; ++i)
    out << attempts[static_cast<size_t>(i)] << " " << tokens[static_cast<size_t>(i)] << "\n";
  std::cerr << "seeded " << n << " attempts in " << rooms << " rooms ("
            << std::chrono::duration<double>(Clock::now() - t0).count() << " s)\n";
  return 0;
}

std::vector<std::pair<std::int64_t, std::string>> ReadLanes(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::pair<std::int64_t, std::string>> lanes;
  std::int64_t id;
  std::string token;
  while (in >> id >> token) lanes.emplace_back(id, token);
  return lanes;
}

// One synchronized start per lane, all at once.
int Starts(std::map<std::string, std::string> f) {
  const auto port = static_cast<std::uint16_t>(std::stoi(f["--port"]));
  auto lanes = ReadLanes(f["--in"]);
  const size_t n = lanes.size();
  asio::io_context ioc;
  struct Session {
    std::unique_ptr<beast::tcp_stream> stream;
    bhttp::request<bhttp::string_body> lobby;  // the waiting page: GET /attempts/{id}
    bhttp::request<bhttp::string_body> req;    // the start
    beast::flat_buffer buf;
    bhttp::response<bhttp::string_body> lobby_res;
    bhttp::response<bhttp::string_body> res;
    double latency_ms = -1;
    int status = 0;
  };
  const bool warm = !f.count("--cold");
  std::vector<Session> sessions(n);
  std::atomic<size_t> ready{0};
  tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port);
  for (size_t i = 0; i < n; ++i) {
    auto& s = sessions[i];
    s.stream = std::make_unique<beast::tcp_stream>(ioc);
    const std::string base = "/api/v1/attempts/" + std::to_string(lanes[i].first);
    for (auto* r : {&s.lobby, &s.req}) {
      *r = bhttp::request<bhttp::string_body>(r == &s.lobby ? bhttp::verb::get : bhttp::verb::post,
                                              r == &s.lobby ? base : base + "/start", 11);
      r->set(bhttp::field::host, "127.0.0.1");
      r->set(bhttp::field::authorization, "Bearer " + lanes[i].second);
      r->prepare_payload();
    }
    s.stream->async_connect(ep, [&](beast::error_code ec) {
      if (ec) throw std::runtime_error("connect: " + ec.message());
      if (!warm) {
        ++ready;
        return;
      }
      // Candidates wait in the lobby with their attempt loaded (session and attempt already known).
      bhttp::async_write(*s.stream, s.lobby, [&](beast::error_code ec2, std::size_t) {
        if (ec2) throw std::runtime_error("lobby write: " + ec2.message());
        bhttp::async_read(*s.stream, s.buf, s.lobby_res, [&](beast::error_code ec3, std::size_t) {
          if (ec3 || s.lobby_res.result_int() != 200) throw std::runtime_error("lobby read failed");
          ++ready;
        });
      });
    });
  }
  while (ready.load() < n) ioc.run_one();  // every candidate is connected (and waiting) before anyone starts
  ioc.restart();
  const auto t0 = Clock::now();
  std::atomic<size_t> done{0};
  for (auto& s : sessions) {
    bhttp::async_write(*s.stream, s.req, [&](beast::error_code ec, std::size_t) {
      if (ec) {
        s.status = -1;
        ++done;
        return;
      }
      bhttp::async_read(*s.stream, s.buf, s.res, [&](beast::error_code ec2, std::size_t) {
        s.latency_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        s.status = ec2 ? -1 : static_cast<int>(s.res.result_int());
        ++done;
      });
    });
  }
  ioc.run();
  std::vector<double> lat;
  int errors = 0;
  for (const auto& s : sessions) {
    if (s.status != 200) {
      ++errors;
      if (errors <= 3)
        std::cerr << "start failed: " << s.status << " " << s.res.body().substr(0, 200) << "\n";
    } else {
      lat.push_back(s.latency_ms);
    }
  }
  std::sort(lat.begin(), lat.end());
  auto pct = [&](double p) {
    return lat.empty() ? 0.0 : lat[std::min(lat.size() - 1, static_cast<size_t>(p / 100.0 * lat.size()))];
  };
  double all = lat.empty() ? 0.0 : lat.back();
  std::printf(
      "{\"starts\": %zu, \"ok\": %zu, \"errors\": %d, \"all_started_ms\": %.1f, \"p50_ms\": %.1f, "
      "\"p95_ms\": %.1f, "
      "\"p99_ms\": %.1f, \"starts_per_s\": %.0f}\n",
      n, lat.size(), errors, all, pct(50), pct(95), pct(99),
      all > 0 ? 1000.0 * static_cast<double>(lat.size()) / all : 0.0);
  return errors == 0 ? 0 : 1;
}

int Items(std::map<std::string, std::string> f) {
  const auto port = static_cast<std::uint16_t>(std::stoi(f["--port"]));
  auto lanes = ReadLanes(f["--in"]);
  if (lanes.empty()) throw std::runtime_error("no lanes");
  Client c(port);
  Json items =
      Expect(c.Call(bhttp::verb::get, "/api/v1/attempts/" + std::to_string(lanes[0].first) + "/items",
                    lanes[0].second),
             200, "items");
  std::ofstream out(f["--out"]);
  for (const auto& it : items["items"]) out << it["item_id"].get<std::string>() << "\n";
  std::cerr << items["items"].size() << " items\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: delivery_bench seed|starts|items --flag value …\n";
    return 2;
  }
  std::string cmd = argv[1];
  try {
    auto f = Flags(argc, argv);
    if (cmd == "seed") return Seed(f);
    if (cmd == "starts") return Starts(f);
    if (cmd == "items") return Items(f);
  } catch (const std::exception& e) {
    std::cerr << "delivery_bench " << cmd << ": " << e.what() << "\n";
    return 1;
  }
  std::cerr << "unknown command " << cmd << "\n";
  return 2;
}
