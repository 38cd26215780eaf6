#include "service/delivery_writer.h"

#include <vector>

namespace kaoping::service {

AttemptWriter::AttemptWriter(store::DeliveryStore& store, std::size_t max_batch)
    : store_(store), max_batch_(max_batch == 0 ? 1 : max_batch) {
  thread_ = std::thread([this] { Run(); });
}

AttemptWriter::~AttemptWriter() {
  Stop();
}

std::future<store::AttemptOpResult> AttemptWriter::Enqueue(store::AttemptOp op) {
  std::promise<store::AttemptOpResult> p;
  auto f = p.get_future();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) {
      store::AttemptOpResult r;
      r.status = Unavailable("delivery.stopped", "the server is shutting down; retry shortly",
                             "服务器正在关闭，请稍后重试");
      p.set_value(std::move(r));
      return f;
    }
    queue_.emplace_back(std::move(op), std::move(p));
  }
  cv_.notify_one();
  return f;
}

void AttemptWriter::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

AttemptWriter::Stats AttemptWriter::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

void AttemptWriter::Run() {
  std::vector<store::AttemptOp> ops;
  std::vector<std::promise<store::AttemptOpResult>> promises;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      while (!queue_.empty() && ops.size() < max_batch_) {
        ops.push_back(std::move(queue_.front().first));
        promises.push_back(std::move(queue_.front().second));
        queue_.pop_front();
      }
    }
    std::vector<store::AttemptOpResult> results = store_.ApplyAttemptOps(ops);
    {
      std::lock_guard<std::mutex> lock(mu_);
      stats_.batches += 1;
      stats_.ops += ops.size();
      if (ops.size() > stats_.largest_batch) stats_.largest_batch = ops.size();
    }
    for (std::size_t i = 0; i < promises.size(); ++i) {
      if (i < results.size()) {
        promises[i].set_value(std::move(results[i]));
      } else {
        store::AttemptOpResult r;
        r.status = Internal("delivery.missing_result", "the store returned fewer results than operations");
        promises[i].set_value(std::move(r));
      }
    }
    ops.clear();
    promises.clear();
  }
}

}  // namespace kaoping::service
