// -----------------------------------------------------------------------------
// File: service/delivery_writer.h
// -----------------------------------------------------------------------------
//
// Group commit for attempt writes. Every answer save, flag, start and submit is queued here; ONE
// writer thread drains everything queued so far into a single store::DeliveryStore::
// ApplyAttemptOps call (one BEGIN IMMEDIATE … COMMIT with synchronous=FULL), then fulfils each
// op's future. While a batch commits, new ops accumulate for the next one, so under load many
// saves share one fsync and the batch size adapts to the load with no timer.
//
// A future becomes ready only after the transaction holding its op has committed — an answer is
// acknowledged only once it is durable.
//
// Thread safety: Enqueue may be called from any thread. Stop() drains the queue and joins.

#ifndef KAOPING_SERVICE_DELIVERY_WRITER_H_
#define KAOPING_SERVICE_DELIVERY_WRITER_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <utility>

#include "store/delivery_store.h"

namespace kaoping::service {

class AttemptWriter {
 public:
  AttemptWriter(store::DeliveryStore& store, std::size_t max_batch);
  ~AttemptWriter();
  AttemptWriter(const AttemptWriter&) = delete;
  AttemptWriter& operator=(const AttemptWriter&) = delete;

  // After Stop(), the future holds UNAVAILABLE "delivery.stopped".
  std::future<store::AttemptOpResult> Enqueue(store::AttemptOp op);
  void Stop();

  struct Stats {
    std::uint64_t batches = 0;
    std::uint64_t ops = 0;
    std::uint64_t largest_batch = 0;
  };
  Stats stats() const;

 private:
  void Run();

  store::DeliveryStore& store_;
  const std::size_t max_batch_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::pair<store::AttemptOp, std::promise<store::AttemptOpResult>>> queue_;
  bool stopping_ = false;
  Stats stats_;
  std::thread thread_;
};

}  // namespace kaoping::service

#endif  // KAOPING_SERVICE_DELIVERY_WRITER_H_
