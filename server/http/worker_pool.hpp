// The threads that serve connections: cpp-httplib hands each accepted connection to this queue
// and the connection keeps its thread for its whole life (keep-alive included).
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <list>
#include <mutex>
#include <thread>
#include <vector>

#include <httplib.h>

namespace accord::http {

// Why a pool that grows: cpp-httplib 0.11 reads a request's headers on the connection's thread
// with only a per-read timeout, and offers no hook before the headers are complete (no header
// deadline, no peer address), so a client sending one header line every few seconds holds a
// thread for as long as it likes. A fixed pool of 8, then 64, let that many slow clients stop
// everyone else. This pool starts small and adds a thread whenever a connection arrives and
// none is idle, up to `max_threads`; threads idle for `idle_exit` leave again. A waiting
// connection costs a thread's touched stack (tens of KB), so the bound can be in the
// thousands, and only past it do connections queue (accepted, never reset).
class WorkerPool : public httplib::TaskQueue {
public:
    WorkerPool(std::size_t min_threads, std::size_t max_threads, std::chrono::seconds idle_exit);
    ~WorkerPool() override;
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    void enqueue(std::function<void()> fn) override;
    void shutdown() override;  // runs what is queued, then joins every thread

    struct Counts {
        std::size_t threads = 0;  // alive now
        std::size_t busy = 0;     // serving a connection
        std::size_t queued = 0;   // accepted, waiting for a thread
        std::size_t peak = 0;     // most threads alive at once
    };
    Counts counts() const;

private:
    void work();

    const std::size_t min_threads_;
    const std::size_t max_threads_;
    const std::chrono::seconds idle_exit_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> jobs_;
    void reap_exited();  // joins threads that left when idle (under mutex_)

    std::list<std::thread> threads_;       // every thread started and not yet joined
    std::vector<std::thread::id> exited_;  // left when idle; joined by the next enqueue or shutdown
    std::size_t alive_ = 0;
    std::size_t idle_ = 0;
    std::size_t peak_ = 0;
    bool stopping_ = false;
};

}  // namespace accord::http
