// What the server is doing, for Prometheus (GET /metrics, text format 0.0.4): requests by route
// and status with a latency histogram, counters that routes add to (upload bytes, failed
// sign-ins), and figures read when scraped (cases by state, overdue, scheduler lag, threads).
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace accord::ops {

// Read from the store and the process at scrape time.
struct LiveFigures {
    std::vector<std::pair<std::string, std::int64_t>> cases_by_state;  // state key, count
    std::int64_t cases_overdue = 0;         // a deadline has passed and not yet been acted on
    double scheduler_lag_seconds = 0;       // how long the oldest passed deadline has waited
    std::int64_t connection_threads = 0;    // alive in the connection pool
    std::int64_t connection_threads_busy = 0;
    std::int64_t connections_queued = 0;    // accepted, waiting for a thread
};

class Metrics {
public:
    // Upper bounds of the latency buckets, in seconds (+Inf is implied).
    static constexpr std::array<double, 11> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                        0.1,   0.25,   0.5,   1.0,  2.5};

    // `route` is the registered pattern ("/api/v1/disputes/{id}"), never the raw path: one
    // series per route, however many cases there are.
    void observe_request(const std::string& method, const std::string& route, int status, double seconds);
    void add_upload_bytes(std::int64_t bytes) { upload_bytes_ += bytes; }
    void count_login_failure() { ++login_failures_; }
    void count_login_refused() { ++login_refusals_; }  // turned away by the limiter (429)

    std::string render(const LiveFigures& live) const;

private:
    struct Latency {
        std::array<std::uint64_t, kBuckets.size()> buckets{};  // cumulative at render, not here
        std::uint64_t count = 0;
        double sum = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;  // route, method, status
    std::map<std::string, Latency> latency_;                                       // by route
    std::atomic<std::int64_t> upload_bytes_{0};
    std::atomic<std::int64_t> login_failures_{0};
    std::atomic<std::int64_t> login_refusals_{0};
};

// The process's one registry: the access logger, routes and the scrape all reach it.
Metrics& metrics();

}  // namespace accord::ops
