#include "http/worker_pool.hpp"

#include <algorithm>
#include <system_error>

namespace accord::http {

WorkerPool::WorkerPool(std::size_t min_threads, std::size_t max_threads, std::chrono::seconds idle_exit)
    : min_threads_(std::min(min_threads, max_threads)), max_threads_(std::max<std::size_t>(max_threads, 1)),
      idle_exit_(idle_exit) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (std::size_t i = 0; i < min_threads_; ++i) {
        ++alive_;
        threads_.emplace_back([this] { work(); });
    }
    peak_ = alive_;
}

WorkerPool::~WorkerPool() { shutdown(); }

void WorkerPool::enqueue(std::function<void()> fn) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        reap_exited();
        jobs_.push_back(std::move(fn));
        // Every idle thread may already be promised to an earlier job still in the queue.
        if (jobs_.size() > idle_ && alive_ < max_threads_) {
            try {
                threads_.emplace_back([this] { work(); });
                ++alive_;
                peak_ = std::max(peak_, alive_);
            } catch (const std::system_error&) {
                // Out of threads or memory: the job waits for a running thread instead.
            }
        }
    }
    wake_.notify_one();
}

void WorkerPool::shutdown() {
    std::list<std::thread> threads;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (stopping_ && threads_.empty()) return;
        stopping_ = true;
        threads.swap(threads_);
        exited_.clear();
    }
    wake_.notify_all();
    for (std::thread& t : threads)
        if (t.joinable()) t.join();
}

WorkerPool::Counts WorkerPool::counts() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return {alive_, alive_ - idle_, jobs_.size(), peak_};
}

void WorkerPool::work() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        ++idle_;
        const bool woke = wake_.wait_for(lock, idle_exit_, [this] { return !jobs_.empty() || stopping_; });
        --idle_;
        if (jobs_.empty()) {
            if (stopping_) break;
            // Idle for a while: leave, unless the pool is at its floor.
            if (!woke && alive_ > min_threads_) {
                exited_.push_back(std::this_thread::get_id());
                break;
            }
            continue;
        }
        std::function<void()> job = std::move(jobs_.front());
        jobs_.pop_front();
        lock.unlock();
        job();
        lock.lock();
    }
    --alive_;
}

void WorkerPool::reap_exited() {
    for (const std::thread::id id : exited_) {
        const auto it = std::find_if(threads_.begin(), threads_.end(), [id](const std::thread& t) { return t.get_id() == id; });
        if (it == threads_.end()) continue;
        it->join();  // it has left work() or is about to; it needs no lock to finish
        threads_.erase(it);
    }
    exited_.clear();
}

}  // namespace accord::http
