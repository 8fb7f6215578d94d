// GET /metrics: Prometheus text format. Counts only, no personal data; an operator who does not
// want the figures public sets --metrics-token and gives the scraper the bearer token.
#include "db/case_figures.hpp"
#include "http/reply.hpp"
#include "ops/metrics.hpp"
#include "routes/routes.hpp"

namespace accord::routes {

namespace {

// A scrape reads the store at most this often; Prometheus' usual interval is 15 s, and several
// scrapers (or a refresh-happy person) must not each cost an index scan.
constexpr Timestamp kStoreFiguresMaxAge = 5;

struct StoreFigures {
    std::vector<std::pair<std::string, std::int64_t>> cases_by_state;
    db::PassedDeadlines passed;
    Timestamp read_at = -1;
};

}  // namespace

void register_metrics_routes(httplib::Server& server, AppContext& app) {
    server.Get("/metrics", [&app](const httplib::Request& req, httplib::Response& res) {
        const std::string& token = app.config.metrics_token;
        if (!token.empty() && req.get_header_value("Authorization") != "Bearer " + token) {
            res.set_header("WWW-Authenticate", "Bearer");
            return http::send_error(res, 401, ErrorCode::not_authenticated, http::request_lang(req));
        }
        static std::mutex cache_mutex;
        static StoreFigures cache;
        const Timestamp now = app.now();
        ops::LiveFigures live;
        {
            std::lock_guard<std::mutex> lock(cache_mutex);
            if (cache.read_at < 0 || now - cache.read_at >= kStoreFiguresMaxAge || now < cache.read_at) {
                auto reader = app.db.read();
                cache.cases_by_state = db::count_cases_by_state(*reader);
                cache.passed = db::passed_deadlines(*reader, now);
                cache.read_at = now;
            }
            live.cases_by_state = cache.cases_by_state;
            live.cases_overdue = cache.passed.cases;
            live.scheduler_lag_seconds = cache.passed.oldest > 0 ? static_cast<double>(now - cache.passed.oldest) : 0;
        }
        const http::WorkerPool::Counts threads = connection_pool_counts();
        live.connection_threads = static_cast<std::int64_t>(threads.threads);
        live.connection_threads_busy = static_cast<std::int64_t>(threads.busy);
        live.connections_queued = static_cast<std::int64_t>(threads.queued);
        res.set_content(ops::metrics().render(live), "text/plain; version=0.0.4; charset=utf-8");
    });
}

}  // namespace accord::routes
