// The server's own clock enforces every deadline: a thread fires each passed deadline's
// consequence (the lifecycle action `timeout`, as the actor `system`) through the same path as
// a user's action. Exactly once: the firing re-reads the stored case inside its transaction and
// the model refuses a timeout that is no longer due, so a restart, a crash half-way (the
// transaction rolls back) or a second look never fires the same deadline twice.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

#include "app.hpp"

namespace accord::jobs {

class DeadlineScheduler {
public:
    explicit DeadlineScheduler(AppContext& app) : app_(app) {}
    ~DeadlineScheduler() { stop(); }
    DeadlineScheduler(const DeadlineScheduler&) = delete;
    DeadlineScheduler& operator=(const DeadlineScheduler&) = delete;

    void start();
    void stop();
    void wake();
    // Fires every deadline due at the server's current time; returns how many fired. The thread
    // calls it about once a second; the test clock calls it right after moving time.
    int run_due();
    // Runs `first` (e.g. moving the clock), then run_due(), with no other run in between.
    int run_due_after(const std::function<void()>& first);
    bool running() const { return thread_.joinable(); }
    // How late the oldest due deadline is right now (0 when none is due): the scheduler's lag.
    std::int64_t lag_seconds();

private:
    int fire_case(std::int64_t id);

    AppContext& app_;
    std::thread thread_;
    std::mutex mutex_;        // guards stop_ and woken_
    std::mutex run_mutex_;    // one run_due() at a time (thread and test clock)
    std::condition_variable cv_;
    bool stop_ = false;
    bool woken_ = false;
};

}  // namespace accord::jobs
