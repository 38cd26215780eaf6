// -----------------------------------------------------------------------------
// File: http/metrics.h
// -----------------------------------------------------------------------------
//
// A tiny Prometheus registry (text exposition format 0.0.4), no external library.
//
//   auto registry = std::make_shared<http::MetricsRegistry>();
//   http::RegisterProcessMetrics(*registry);                  // process_* from /proc/self
//   http::Gauge& open = registry->gauge("kaoping_store_open_attempts", "Attempts in progress.");
//   open.Set(12);
//   auto& by_kind = registry->counter_family("kaoping_store_writes_total", "Writes.", {"kind"});
//   by_kind.WithLabels({"attempt"}).Inc();
//   std::string text = registry->Render();
//
// Registration is idempotent: asking again for the same name and type (and label names) returns
// the same metric. Asking with an invalid name, or a name already used with another type or
// other label names, logs an error (spdlog default logger) and returns a working metric that is
// never rendered, so a wiring mistake cannot take the server down.
//
// Thread safety: everything is thread-safe. Updating a metric is a relaxed atomic operation;
// WithLabels takes a shared lock to find an existing child (an exclusive one only the first
// time a label combination is seen). References returned stay valid for the registry's
// lifetime. Keep label values bounded (route patterns, not raw paths).

#ifndef KAOPING_HTTP_METRICS_H_
#define KAOPING_HTTP_METRICS_H_

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"

namespace kaoping::http {

class Router;

class Counter {
 public:
  // Adds `v`; negative or NaN values are ignored (counters only go up).
  void Inc(double v = 1);
  [[nodiscard]] double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

class Gauge {
 public:
  void Set(double v) { value_.store(v, std::memory_order_relaxed); }
  void Inc(double v = 1) { value_.fetch_add(v, std::memory_order_relaxed); }
  void Dec(double v = 1) { value_.fetch_sub(v, std::memory_order_relaxed); }
  [[nodiscard]] double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

class Histogram {
 public:
  // `bounds` are the buckets' upper bounds; they are sorted and de-duplicated, +Inf is implicit.
  explicit Histogram(std::vector<double> bounds);
  void Observe(double v);

  struct Snapshot {
    std::vector<double> bounds;
    std::vector<std::uint64_t> cumulative;  // One per bound, then +Inf.
    double sum = 0;
  };
  [[nodiscard]] Snapshot Read() const;

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> counts_;  // bounds_.size() + 1 slots.
  std::atomic<double> sum_{0};
};

// Prometheus' default buckets, in seconds: 5 ms … 10 s.
std::vector<double> DefaultLatencyBuckets();

// A metric with labels; one child per combination of label values.
template <typename T>
class Family {
 public:
  Family(std::vector<std::string> label_names, std::function<std::unique_ptr<T>()> make)
      : label_names_(std::move(label_names)), make_(std::move(make)) {}

  // The child for these label values (in label-name order). A wrong number of values logs an
  // error and returns a detached child that is never rendered.
  T& WithLabels(std::initializer_list<std::string_view> values);
  [[nodiscard]] const std::vector<std::string>& label_names() const { return label_names_; }

  // Calls fn(label_values, metric) for every child, sorted by label values.
  template <typename Fn>
  void ForEach(Fn&& fn) const;

 private:
  struct Child {
    std::vector<std::string> values;
    std::unique_ptr<T> metric;
  };
  std::vector<std::string> label_names_;
  std::function<std::unique_ptr<T>()> make_;
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, Child> children_;
  std::unique_ptr<T> detached_;
};

using CounterFamily = Family<Counter>;
using GaugeFamily = Family<Gauge>;
using HistogramFamily = Family<Histogram>;

class MetricsRegistry {
 public:
  MetricsRegistry();
  ~MetricsRegistry();
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;

  Counter& counter(std::string_view name, std::string_view help);
  Gauge& gauge(std::string_view name, std::string_view help);
  CounterFamily& counter_family(std::string_view name, std::string_view help,
                                std::vector<std::string> label_names);
  GaugeFamily& gauge_family(std::string_view name, std::string_view help,
                            std::vector<std::string> label_names);
  HistogramFamily& histogram_family(std::string_view name, std::string_view help,
                                    std::vector<std::string> label_names, std::vector<double> bounds);

  // Values computed when rendering (e.g. read from /proc). `fn` is called from Render() on the
  // scraping thread, must be thread-safe, and must not call back into this registry.
  // Registering a name twice keeps the first callback.
  void gauge_callback(std::string_view name, std::string_view help, std::function<double()> fn);
  void counter_callback(std::string_view name, std::string_view help, std::function<double()> fn);

  // The text exposition format, families in registration order, with # HELP / # TYPE lines.
  [[nodiscard]] std::string Render() const;

 private:
  struct Entry;
  Entry* FindOrAdd(std::string_view name, std::string_view help, int kind,
                   const std::vector<std::string>& label_names);

  mutable std::mutex mu_;
  std::vector<std::unique_ptr<Entry>> entries_;
  std::unordered_map<std::string, Entry*> by_name_;
  std::vector<std::unique_ptr<Entry>> rejected_;  // Returned after a misuse; never rendered.
};

// Registers process_resident_memory_bytes, process_virtual_memory_bytes,
// process_cpu_seconds_total, process_open_fds, process_max_fds and process_start_time_seconds,
// read from /proc/self on every scrape (each reads as 0 when /proc is unavailable).
void RegisterProcessMetrics(MetricsRegistry& registry);

// Serves registry.Render() as text/plain; version=0.0.4 on GET `path` (kept out of the access
// log). Fails like Router::Add.
Status AddMetricsRoute(Router& router, std::shared_ptr<const MetricsRegistry> registry,
                       std::string_view path = "/metrics");

// The HTTP server's own instruments:
//   kaoping_http_requests_total{route,method,status}          counter
//   kaoping_http_request_duration_seconds{route,method}       histogram (DefaultLatencyBuckets)
//   kaoping_http_requests_in_flight                           gauge
//   kaoping_http_connections_open                             gauge
// `route` is the matched pattern, the fallback name, or "unmatched"; `method` is one of the
// standard methods or "OTHER", so label cardinality stays bounded.
class HttpMetrics {
 public:
  explicit HttpMetrics(MetricsRegistry& registry);
  void Observe(std::string_view route, std::string_view method, int status, double seconds);
  Gauge& in_flight() { return in_flight_; }
  Gauge& connections() { return connections_; }

 private:
  CounterFamily& requests_;
  HistogramFamily& duration_;
  Gauge& in_flight_;
  Gauge& connections_;
};

// ---------------------------------------------------------------------------------------------
// Implementation details below.

namespace metrics_internal {
void LogMisuse(std::string_view what);
std::string JoinKey(std::initializer_list<std::string_view> values);
}  // namespace metrics_internal

template <typename T>
T& Family<T>::WithLabels(std::initializer_list<std::string_view> values) {
  if (values.size() != label_names_.size()) {
    metrics_internal::LogMisuse("wrong number of label values");
    std::unique_lock lock(mu_);
    if (!detached_) detached_ = make_();
    return *detached_;
  }
  std::string key = metrics_internal::JoinKey(values);
  {
    std::shared_lock lock(mu_);
    auto it = children_.find(key);
    if (it != children_.end()) return *it->second.metric;
  }
  std::unique_lock lock(mu_);
  auto [it, inserted] = children_.try_emplace(std::move(key));
  if (inserted) {
    it->second.values.assign(values.begin(), values.end());
    it->second.metric = make_();
  }
  return *it->second.metric;
}

template <typename T>
template <typename Fn>
void Family<T>::ForEach(Fn&& fn) const {
  std::shared_lock lock(mu_);
  std::vector<const Child*> sorted;
  sorted.reserve(children_.size());
  for (const auto& [key, child] : children_) sorted.push_back(&child);
  std::sort(sorted.begin(), sorted.end(),
            [](const Child* a, const Child* b) { return a->values < b->values; });
  for (const Child* c : sorted) fn(c->values, *c->metric);
}

}  // namespace kaoping::http

#endif  // KAOPING_HTTP_METRICS_H_
