// libFuzzer target for the HTTP request path: bytes → Beast request parser (with the server's
// header/body limits) → target decoding → router (path params, 404/405, HEAD, static-file
// fallback with its traversal checks) → handler → problem+json / response serialisation.
// It calls http::Pipeline::ProcessBytes, the socket-free path every server connection uses.
//
// Build: clang with -DKAOPING_BUILD_FUZZ=ON (fuzz/http/CMakeLists.txt), then
//   ./http_request_parser_fuzz fuzz/http/corpus
// The corpus is also replayed under g++ by http_fuzz_replay_test (src/http/CMakeLists.txt).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include "http/metrics.h"
#include "http/pipeline.h"
#include "http/router.h"
#include "http/static_files.h"

namespace {

namespace http = kaoping::http;

// Everything the pipeline references, built once and kept for the process lifetime.
struct FuzzState {
  FuzzState() {
    Check(router.Add(
        http::Method::kGet, "/api/v1/standards/{id}/levels/{level}",
        [](const http::Request& r) {
          return http::Response::Json({{"id", r.PathParam("id").value_or("")},
                                       {"level", r.PathParam("level").value_or("")},
                                       {"q", r.Query("q").value_or("")}});
        },
        http::RouteOptions::Named("get_level")));
    Check(router.Add(http::Method::kGet, "/api/v1/standards/search", [](const http::Request& r) {
      return http::Response::Json({{"all", r.QueryAll("q")}});
    }));
    Check(router.Add(http::Method::kPost, "/api/v1/echo", [](const http::Request& r) {
      return http::Response::Text(r.body, 201, std::string(r.Header("Content-Type").value_or("text/plain")));
    }));
    Check(router.Add(http::Method::kGet, "/api/v1/boom",
                     [](const http::Request&) -> http::Response { throw std::runtime_error("boom"); }));
    Check(router.Add(http::Method::kGet, "/api/v1/problem", [](const http::Request&) {
      return http::Response::Problem(kaoping::NotFound("standard.unknown", "no such standard", "没有该标准"));
    }));
    Check(http::AddMetricsRoute(router, registry));
    http::StaticFiles("/nonexistent/kaoping-fuzz-web-root").Mount(router);
    pipeline = std::make_unique<http::Pipeline>(router, Limits(), &metrics, /*access_log=*/nullptr, logger);
  }

  static void Check(const kaoping::Status& s) {
    if (!s.ok()) __builtin_trap();
  }

  static http::PipelineOptions Limits() {
    http::PipelineOptions o;
    o.header_limit_bytes = 4 * 1024;  // Small limits so the fuzzer reaches 413/431 quickly.
    o.body_limit_bytes = 4 * 1024;
    return o;
  }

  std::shared_ptr<spdlog::logger> logger =
      std::make_shared<spdlog::logger>("http-fuzz", std::make_shared<spdlog::sinks::null_sink_mt>());
  std::shared_ptr<http::MetricsRegistry> registry = std::make_shared<http::MetricsRegistry>();
  http::HttpMetrics metrics{*registry};
  http::Router router;
  std::unique_ptr<http::Pipeline> pipeline;
};

const FuzzState& State() {
  static const FuzzState* const state = new FuzzState();
  return *state;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string out = State().pipeline->ProcessBytes(input, "203.0.113.7:40000");
  // Every answer is a well-formed HTTP/1.x status line; an empty answer only for input that
  // never completed a request.
  if (!out.empty() && out.rfind("HTTP/1.", 0) != 0) __builtin_trap();
  return 0;
}
