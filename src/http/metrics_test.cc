#include "http/metrics.h"

#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http/router.h"

namespace kaoping::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(MetricsTest, RendersCountersAndGaugesWithHelpAndType) {
  MetricsRegistry registry;
  registry.counter("kaoping_things_total", "Things done.").Inc(3);
  registry.gauge("kaoping_store_open_attempts", "Attempts in progress.").Set(12.5);
  std::string text = registry.Render();
  EXPECT_THAT(text,
              HasSubstr("# HELP kaoping_things_total Things done.\n# TYPE kaoping_things_total counter\n"
                        "kaoping_things_total 3\n"));
  EXPECT_THAT(text,
              HasSubstr("# TYPE kaoping_store_open_attempts gauge\nkaoping_store_open_attempts 12.5\n"));
}

TEST(MetricsTest, RegistrationIsIdempotent) {
  MetricsRegistry registry;
  Gauge& a = registry.gauge("g", "help");
  Gauge& b = registry.gauge("g", "other help");
  EXPECT_EQ(&a, &b);
  CounterFamily& f1 = registry.counter_family("c_total", "h", {"kind"});
  CounterFamily& f2 = registry.counter_family("c_total", "h", {"kind"});
  EXPECT_EQ(&f1, &f2);
}

TEST(MetricsTest, MisuseReturnsDetachedMetric) {
  MetricsRegistry registry;
  registry.gauge("taken", "a gauge").Set(1);
  Counter& wrong_type = registry.counter("taken", "now a counter?");
  wrong_type.Inc(5);  // Works, but is not exported.
  Gauge& bad_name = registry.gauge("bad name", "x");
  bad_name.Set(2);
  std::string text = registry.Render();
  EXPECT_THAT(text, HasSubstr("taken 1\n"));
  EXPECT_THAT(text, Not(HasSubstr("taken 5")));
  EXPECT_THAT(text, Not(HasSubstr("bad name")));
  CounterFamily& fam = registry.counter_family("fam_total", "h", {"a", "b"});
  fam.WithLabels({"only-one"}).Inc();  // Wrong arity: detached.
  EXPECT_THAT(registry.Render(), Not(HasSubstr("only-one")));
}

TEST(MetricsTest, LabelsAreEscapedAndSorted) {
  MetricsRegistry registry;
  CounterFamily& fam = registry.counter_family("req_total", "Requests.", {"route", "method"});
  fam.WithLabels({"/b", "GET"}).Inc();
  fam.WithLabels({"/a \"quoted\" \\ \n", "POST"}).Inc(2);
  std::string text = registry.Render();
  std::size_t a = text.find("req_total{route=\"/a \\\"quoted\\\" \\\\ \\n\",method=\"POST\"} 2\n");
  std::size_t b = text.find("req_total{route=\"/b\",method=\"GET\"} 1\n");
  ASSERT_NE(a, std::string::npos) << text;
  ASSERT_NE(b, std::string::npos) << text;
  EXPECT_LT(a, b);
}

TEST(MetricsTest, HistogramBucketsAreCumulative) {
  MetricsRegistry registry;
  HistogramFamily& fam = registry.histogram_family("lat_seconds", "Latency.", {"route"}, {0.1, 1, 0.5});
  Histogram& h = fam.WithLabels({"/x"});
  h.Observe(0.05);
  h.Observe(0.1);  // Upper bounds are inclusive.
  h.Observe(0.7);
  h.Observe(30);
  std::string text = registry.Render();
  EXPECT_THAT(text, HasSubstr("# TYPE lat_seconds histogram\n"));
  EXPECT_THAT(text, HasSubstr("lat_seconds_bucket{route=\"/x\",le=\"0.1\"} 2\n"
                              "lat_seconds_bucket{route=\"/x\",le=\"0.5\"} 2\n"
                              "lat_seconds_bucket{route=\"/x\",le=\"1\"} 3\n"
                              "lat_seconds_bucket{route=\"/x\",le=\"+Inf\"} 4\n"
                              "lat_seconds_sum{route=\"/x\"} 30.85\n"
                              "lat_seconds_count{route=\"/x\"} 4\n"));
}

TEST(MetricsTest, CounterIgnoresNegativeIncrements) {
  Counter c;
  c.Inc(2);
  c.Inc(-1);
  EXPECT_EQ(c.Value(), 2);
}

TEST(MetricsTest, ConcurrentUpdatesAreNotLost) {
  MetricsRegistry registry;
  HttpMetrics http(registry);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&http, t] {
      for (int i = 0; i < 1000; ++i) http.Observe(t % 2 ? "/a" : "/b", "GET", 200, 0.001);
    });
  }
  for (auto& t : threads) t.join();
  std::string text = registry.Render();
  EXPECT_THAT(text,
              HasSubstr("kaoping_http_requests_total{route=\"/a\",method=\"GET\",status=\"200\"} 2000\n"));
  EXPECT_THAT(text,
              HasSubstr("kaoping_http_requests_total{route=\"/b\",method=\"GET\",status=\"200\"} 2000\n"));
  EXPECT_THAT(text,
              HasSubstr("kaoping_http_request_duration_seconds_count{route=\"/a\",method=\"GET\"} 2000\n"));
}

TEST(MetricsTest, ProcessMetricsComeFromProc) {
  MetricsRegistry registry;
  RegisterProcessMetrics(registry);
  std::string text = registry.Render();
  for (const char* name : {"process_resident_memory_bytes", "process_cpu_seconds_total", "process_open_fds",
                           "process_start_time_seconds", "process_virtual_memory_bytes", "process_max_fds"}) {
    EXPECT_THAT(text, HasSubstr(std::string("\n") + name + " ")) << name;
  }
  EXPECT_THAT(text, HasSubstr("# TYPE process_cpu_seconds_total counter"));
  EXPECT_THAT(text, Not(HasSubstr("process_resident_memory_bytes 0\n")));
  EXPECT_THAT(text, Not(HasSubstr("process_open_fds 0\n")));
  EXPECT_THAT(text, Not(HasSubstr("process_start_time_seconds 0\n")));
}

TEST(MetricsTest, MetricsRouteServesTextFormat) {
  auto registry = std::make_shared<MetricsRegistry>();
  registry->gauge("kaoping_up", "Up.").Set(1);
  Router router;
  ASSERT_TRUE(AddMetricsRoute(router, registry).ok());
  Request req;
  req.method = Method::kGet;
  req.method_name = "GET";
  req.path = "/metrics";
  Response r = router.Dispatch(req);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_THAT(r.body, HasSubstr("kaoping_up 1\n"));
  EXPECT_FALSE(AddMetricsRoute(router, nullptr).ok());
}

}  // namespace
}  // namespace kaoping::http
