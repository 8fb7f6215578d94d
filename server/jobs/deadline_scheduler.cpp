#include "jobs/deadline_scheduler.hpp"

#include <chrono>
#include <cstdio>

#include "accord/deadlines.hpp"
#include "cases/case_service.hpp"
#include "db/case_store.hpp"
#include "ops/calendar.hpp"

namespace accord::jobs {

// More consequences than this on one case in one run means the model keeps finding the same
// deadline due: stop rather than spin, and say so.
constexpr int kMaxFiresPerCase = 32;
constexpr int kBatch = 200;

void DeadlineScheduler::start() {
    if (thread_.joinable()) return;
    stop_ = false;
    thread_ = std::thread([this] {
        std::unique_lock<std::mutex> lock(mutex_);
        while (!stop_) {
            lock.unlock();
            try {
                run_due();
            } catch (const std::exception& e) {
                std::fprintf(stderr, "accord-server: scheduler: %s\n", e.what());
            }
            lock.lock();
            // Due times are whole seconds: a look each second keeps the lag under one.
            cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_ || woken_; });
            woken_ = false;
        }
    });
}

void DeadlineScheduler::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void DeadlineScheduler::wake() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        woken_ = true;
    }
    cv_.notify_all();
}

int DeadlineScheduler::fire_case(std::int64_t id) {
    int fired = 0;
    for (; fired < kMaxFiresPerCase; ++fired) {
        ActionRequest timeout;
        timeout.action = Action::timeout;
        timeout.actor.system = true;
        const cases::ActOutcome out = cases::act(app_, id, timeout, std::nullopt);
        if (out.status == cases::ActStatus::done) continue;
        // Nothing (more) is due: the stored next_due_at was ahead of the model (rules changed,
        // or the case moved). Store the time the model gives now.
        auto writer = app_.db.write();
        if (auto stored = db::load_case(*writer, id)) {
            auto next = next_due_at(stored->c, app_.config.rules, ops::calendar_in_force());
            // The model says something is due yet refused to fire it: look again later, not in a loop.
            if (next && *next <= app_.now()) {
                std::fprintf(stderr, "accord-server: scheduler: case %lld is due but its timeout was refused\n",
                             static_cast<long long>(id));
                next = app_.now() + 60;
            }
            db::set_next_due(*writer, id, next);
        }
        return fired;
    }
    std::fprintf(stderr, "accord-server: scheduler: case %lld still due after %d consequences\n",
                 static_cast<long long>(id), fired);
    db::set_next_due(*app_.db.write(), id, app_.now() + 60);  // look again in a minute, not in a loop
    return fired;
}

int DeadlineScheduler::run_due() {
    return run_due_after([] {});
}

int DeadlineScheduler::run_due_after(const std::function<void()>& first) {
    std::lock_guard<std::mutex> run(run_mutex_);
    first();
    int fired = 0;
    for (;;) {
        // Read only: each firing reads its case again on the writer, in its transaction.
        const std::vector<std::int64_t> ids = db::due_case_ids(*app_.db.read(), app_.now(), kBatch);
        if (ids.empty()) return fired;
        for (std::int64_t id : ids) fired += fire_case(id);
    }
}

std::int64_t DeadlineScheduler::lag_seconds() {
    const auto due = db::earliest_due(*app_.db.read());
    const Timestamp now = app_.now();
    return due && *due < now ? now - *due : 0;
}

}  // namespace accord::jobs
