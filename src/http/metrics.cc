#include "http/metrics.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include "http/router.h"

namespace kaoping::http {

namespace metrics_internal {

void LogMisuse(std::string_view what) {
  spdlog::default_logger()->error("metrics registry misuse: {} (the metric will not be exported)", what);
}

std::string JoinKey(std::initializer_list<std::string_view> values) {
  std::string key;
  for (std::string_view v : values) {
    key.append(v);
    key.push_back('\x1f');
  }
  return key;
}

}  // namespace metrics_internal

namespace {

enum Kind : int {
  kCounter,
  kGauge,
  kCounterFamily,
  kGaugeFamily,
  kHistogramFamily,
  kGaugeCallback,
  kCounterCallback,
};

std::string_view TypeName(int kind) {
  switch (kind) {
    case kCounter:
    case kCounterFamily:
    case kCounterCallback:
      return "counter";
    case kGauge:
    case kGaugeFamily:
    case kGaugeCallback:
      return "gauge";
    case kHistogramFamily:
      return "histogram";
    default:
      return "untyped";
  }
}

bool IsMetricName(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
              (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

bool IsLabelName(std::string_view name) {
  if (name.empty() || name.substr(0, 2) == "__" || name == "le") return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

std::string FormatValue(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", v);
}

void AppendEscaped(std::string& out, std::string_view s, bool escape_quote) {
  for (char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && escape_quote) {
      out += "\\\"";
    } else {
      out.push_back(c);
    }
  }
}

// Appends `{a="1",b="2"` (without the closing brace) or nothing when there are no labels.
void AppendLabels(std::string& out, const std::vector<std::string>& names,
                  const std::vector<std::string>& values) {
  for (std::size_t i = 0; i < names.size() && i < values.size(); ++i) {
    out += i == 0 ? "{" : ",";
    out += names[i];
    out += "=\"";
    AppendEscaped(out, values[i], /*escape_quote=*/true);
    out += '"';
  }
}

void AppendSample(std::string& out, std::string_view name, const std::vector<std::string>& names,
                  const std::vector<std::string>& values, double v) {
  out += name;
  AppendLabels(out, names, values);
  if (!names.empty()) out += '}';
  out += ' ';
  out += FormatValue(v);
  out += '\n';
}

}  // namespace

void Counter::Inc(double v) {
  if (!(v >= 0)) return;  // Also rejects NaN.
  value_.fetch_add(v, std::memory_order_relaxed);
}

Histogram::Histogram(std::vector<double> bounds) : bounds_(std::move(bounds)) {
  bounds_.erase(std::remove_if(bounds_.begin(), bounds_.end(), [](double b) { return !std::isfinite(b); }),
                bounds_.end());
  std::sort(bounds_.begin(), bounds_.end());
  bounds_.erase(std::unique(bounds_.begin(), bounds_.end()), bounds_.end());
  counts_ = std::make_unique<std::atomic<std::uint64_t>[]>(bounds_.size() + 1);
}

void Histogram::Observe(double v) {
  if (std::isnan(v)) return;
  std::size_t i =
      static_cast<std::size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), v) - bounds_.begin());
  counts_[i].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(v, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::Read() const {
  Snapshot s;
  s.bounds = bounds_;
  s.cumulative.resize(bounds_.size() + 1);
  std::uint64_t total = 0;
  for (std::size_t i = 0; i <= bounds_.size(); ++i) {
    total += counts_[i].load(std::memory_order_relaxed);
    s.cumulative[i] = total;
  }
  s.sum = sum_.load(std::memory_order_relaxed);
  return s;
}

std::vector<double> DefaultLatencyBuckets() {
  return {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

struct MetricsRegistry::Entry {
  std::string name;
  std::string help;
  int kind = kGauge;
  std::vector<std::string> label_names;
  std::unique_ptr<Counter> counter;
  std::unique_ptr<Gauge> gauge;
  std::unique_ptr<CounterFamily> counter_family;
  std::unique_ptr<GaugeFamily> gauge_family;
  std::unique_ptr<HistogramFamily> histogram_family;
  std::function<double()> callback;
  std::vector<double> bounds;
};

MetricsRegistry::MetricsRegistry() = default;
MetricsRegistry::~MetricsRegistry() = default;

// REQUIRES: mu_ held. Returns an entry whose members the caller fills when they are null.
MetricsRegistry::Entry* MetricsRegistry::FindOrAdd(std::string_view name, std::string_view help, int kind,
                                                   const std::vector<std::string>& label_names) {
  bool valid = IsMetricName(name);
  for (const std::string& l : label_names) valid = valid && IsLabelName(l);
  if (!valid) {
    metrics_internal::LogMisuse("invalid metric or label name '" + std::string(name) + "'");
  } else if (auto it = by_name_.find(std::string(name)); it != by_name_.end()) {
    if (it->second->kind == kind && it->second->label_names == label_names) return it->second;
    metrics_internal::LogMisuse("'" + std::string(name) +
                                "' is already registered with another type or labels");
  } else {
    auto entry = std::make_unique<Entry>();
    entry->name = std::string(name);
    entry->help = std::string(help);
    entry->kind = kind;
    entry->label_names = label_names;
    Entry* raw = entry.get();
    entries_.push_back(std::move(entry));
    by_name_.emplace(raw->name, raw);
    return raw;
  }
  auto entry = std::make_unique<Entry>();
  entry->kind = kind;
  entry->label_names = label_names;
  rejected_.push_back(std::move(entry));
  return rejected_.back().get();
}

Counter& MetricsRegistry::counter(std::string_view name, std::string_view help) {
  std::lock_guard lock(mu_);
  Entry* e = FindOrAdd(name, help, kCounter, {});
  if (!e->counter) e->counter = std::make_unique<Counter>();
  return *e->counter;
}

Gauge& MetricsRegistry::gauge(std::string_view name, std::string_view help) {
  std::lock_guard lock(mu_);
  Entry* e = FindOrAdd(name, help, kGauge, {});
  if (!e->gauge) e->gauge = std::make_unique<Gauge>();
  return *e->gauge;
}

CounterFamily& MetricsRegistry::counter_family(std::string_view name, std::string_view help,
                                               std::vector<std::string> label_names) {
  std::lock_guard lock(mu_);
  Entry* e = FindOrAdd(name, help, kCounterFamily, label_names);
  if (!e->counter_family) {
    e->counter_family =
        std::make_unique<CounterFamily>(std::move(label_names), [] { return std::make_unique<Counter>(); });
  }
  return *e->counter_family;
}

GaugeFamily& MetricsRegistry::gauge_family(std::string_view name, std::string_view help,
                                           std::vector<std::string> label_names) {
  std::lock_guard lock(mu_);
  Entry* e = FindOrAdd(name, help, kGaugeFamily, label_names);
  if (!e->gauge_family) {
    e->gauge_family =
        std::make_unique<GaugeFamily>(std::move(label_names), [] { return std::make_unique<Gauge>(); });
  }
  return *e->gauge_family;
}

HistogramFamily& MetricsRegistry::histogram_family(std::string_view name, std::string_view help,
                                                   std::vector<std::string> label_names,
                                                   std::vector<double> bounds) {
  std::lock_guard lock(mu_);
  Entry* e = FindOrAdd(name, help, kHistogramFamily, label_names);
  if (!e->histogram_family) {
    e->histogram_family = std::make_unique<HistogramFamily>(
        std::move(label_names), [b = std::move(bounds)] { return std::make_unique<Histogram>(b); });
  }
  return *e->histogram_family;
}

void MetricsRegistry::gauge_callback(std::string_view name, std::string_view help,
                                     std::function<double()> fn) {
  std::lock_guard lock(mu_);
  Entry* e = FindOrAdd(name, help, kGaugeCallback, {});
  if (!e->callback) e->callback = std::move(fn);
}

void MetricsRegistry::counter_callback(std::string_view name, std::string_view help,
                                       std::function<double()> fn) {
  std::lock_guard lock(mu_);
  Entry* e = FindOrAdd(name, help, kCounterCallback, {});
  if (!e->callback) e->callback = std::move(fn);
}

std::string MetricsRegistry::Render() const {
  std::lock_guard lock(mu_);
  std::string out;
  out.reserve(4096);
  static const std::vector<std::string> kNoLabels;
  for (const auto& e : entries_) {
    out += "# HELP ";
    out += e->name;
    out += ' ';
    AppendEscaped(out, e->help, /*escape_quote=*/false);
    out += "\n# TYPE ";
    out += e->name;
    out += ' ';
    out += TypeName(e->kind);
    out += '\n';
    switch (e->kind) {
      case kCounter:
        AppendSample(out, e->name, kNoLabels, kNoLabels, e->counter ? e->counter->Value() : 0);
        break;
      case kGauge:
        AppendSample(out, e->name, kNoLabels, kNoLabels, e->gauge ? e->gauge->Value() : 0);
        break;
      case kGaugeCallback:
      case kCounterCallback: {
        double v = 0;
        if (e->callback) {
          try {
            v = e->callback();
          } catch (...) {
            v = std::nan("");
          }
        }
        AppendSample(out, e->name, kNoLabels, kNoLabels, v);
        break;
      }
      case kCounterFamily:
        e->counter_family->ForEach([&](const std::vector<std::string>& values, const Counter& c) {
          AppendSample(out, e->name, e->label_names, values, c.Value());
        });
        break;
      case kGaugeFamily:
        e->gauge_family->ForEach([&](const std::vector<std::string>& values, const Gauge& g) {
          AppendSample(out, e->name, e->label_names, values, g.Value());
        });
        break;
      case kHistogramFamily:
        e->histogram_family->ForEach([&](const std::vector<std::string>& values, const Histogram& h) {
          Histogram::Snapshot s = h.Read();
          std::string bucket = e->name + "_bucket";
          for (std::size_t i = 0; i < s.cumulative.size(); ++i) {
            out += bucket;
            AppendLabels(out, e->label_names, values);
            out += e->label_names.empty() ? "{le=\"" : ",le=\"";
            out += i < s.bounds.size() ? FormatValue(s.bounds[i]) : "+Inf";
            out += "\"} ";
            out += std::to_string(s.cumulative[i]);
            out += '\n';
          }
          AppendSample(out, e->name + "_sum", e->label_names, values, s.sum);
          AppendSample(out, e->name + "_count", e->label_names, values,
                       static_cast<double>(s.cumulative.empty() ? 0 : s.cumulative.back()));
        });
        break;
      default:
        break;
    }
  }
  return out;
}

namespace {

// Fields of /proc/self/stat after the parenthesised command name; fields[0] is field 3 (state).
std::vector<std::string> ReadProcSelfStat() {
  std::ifstream in("/proc/self/stat");
  std::string line;
  std::getline(in, line);
  std::size_t close = line.rfind(')');
  std::vector<std::string> fields;
  if (close == std::string::npos) return fields;
  std::istringstream rest(line.substr(close + 1));
  std::string f;
  while (rest >> f) fields.push_back(f);
  return fields;
}

double StatField(const std::vector<std::string>& fields, std::size_t field_number) {
  // field_number is 1-based as in proc(5); fields[0] is field 3.
  if (field_number < 3 || field_number - 3 >= fields.size()) return 0;
  try {
    return std::stod(fields[field_number - 3]);
  } catch (...) {
    return 0;
  }
}

double ClockTicks() {
  long t = sysconf(_SC_CLK_TCK);
  return t > 0 ? static_cast<double>(t) : 100.0;
}

double PageSize() {
  long p = sysconf(_SC_PAGESIZE);
  return p > 0 ? static_cast<double>(p) : 4096.0;
}

double ReadStatm(int index) {
  std::ifstream in("/proc/self/statm");
  double v = 0;
  for (int i = 0; i <= index; ++i) {
    if (!(in >> v)) return 0;
  }
  return v * PageSize();
}

double ProcessStartTime() {
  std::ifstream in("/proc/stat");
  std::string key;
  double boot_time = 0;
  while (in >> key) {
    if (key == "btime") {
      in >> boot_time;
      break;
    }
    std::string skip;
    std::getline(in, skip);
  }
  if (boot_time == 0) return 0;
  return boot_time + StatField(ReadProcSelfStat(), 22) / ClockTicks();
}

double OpenFds() {
  std::error_code ec;
  double n = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end; it.increment(ec))
    ++n;
  return n;
}

double MaxFds() {
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY) return 0;
  return static_cast<double>(rl.rlim_cur);
}

}  // namespace

void RegisterProcessMetrics(MetricsRegistry& registry) {
  registry.gauge_callback("process_resident_memory_bytes", "Resident memory size in bytes.",
                          [] { return ReadStatm(1); });
  registry.gauge_callback("process_virtual_memory_bytes", "Virtual memory size in bytes.",
                          [] { return ReadStatm(0); });
  registry.counter_callback("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.",
                            [] {
                              std::vector<std::string> f = ReadProcSelfStat();
                              return (StatField(f, 14) + StatField(f, 15)) / ClockTicks();
                            });
  registry.gauge_callback("process_open_fds", "Number of open file descriptors.", OpenFds);
  registry.gauge_callback("process_max_fds", "Maximum number of open file descriptors.", MaxFds);
  const double start = ProcessStartTime();
  registry.gauge_callback("process_start_time_seconds",
                          "Start time of the process since unix epoch in seconds.",
                          [start] { return start; });
}

Status AddMetricsRoute(Router& router, std::shared_ptr<const MetricsRegistry> registry,
                       std::string_view path) {
  if (!registry)
    return InvalidArgument("http.bad_route_pattern", "metrics registry is null", "指标注册表为空");
  return router.Add(
      Method::kGet, path,
      [registry = std::move(registry)](const Request&) {
        return Response::Text(registry->Render(), 200, "text/plain; version=0.0.4; charset=utf-8");
      },
      RouteOptions::Named("metrics", /*log_access=*/false));
}

HttpMetrics::HttpMetrics(MetricsRegistry& registry)
    : requests_(registry.counter_family("kaoping_http_requests_total", "HTTP requests served.",
                                        {"route", "method", "status"})),
      duration_(registry.histogram_family("kaoping_http_request_duration_seconds",
                                          "Time from a request being read to its response being written.",
                                          {"route", "method"}, DefaultLatencyBuckets())),
      in_flight_(
          registry.gauge("kaoping_http_requests_in_flight", "HTTP requests being handled or written.")),
      connections_(registry.gauge("kaoping_http_connections_open", "Open HTTP connections.")) {}

void HttpMetrics::Observe(std::string_view route, std::string_view method, int status, double seconds) {
  std::string status_text = std::to_string(status);
  requests_.WithLabels({route, method, status_text}).Inc();
  duration_.WithLabels({route, method}).Observe(seconds);
}

}  // namespace kaoping::http
