#include "ops/metrics.hpp"

#include <cstdio>

namespace accord::ops {

namespace {

// Label values are route patterns, methods and state keys, but escape as the format requires.
std::string label(const std::string& value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

std::string number(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

void header(std::string& out, const char* name, const char* type, const char* help) {
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

}  // namespace

void Metrics::observe_request(const std::string& method, const std::string& route, int status, double seconds) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++requests_[{route, method, status}];
    Latency& l = latency_[route];
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i]) {
            ++l.buckets[i];
            break;
        }
    ++l.count;
    l.sum += seconds;
}

std::string Metrics::render(const LiveFigures& live) const {
    std::string out;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        header(out, "accord_http_requests_total", "counter", "Requests answered, by route, method and status.");
        for (const auto& [key, n] : requests_) {
            const auto& [route, method, status] = key;
            out += "accord_http_requests_total{route=\"" + label(route) + "\",method=\"" + label(method) +
                   "\",status=\"" + std::to_string(status) + "\"} " + std::to_string(n) + "\n";
        }
        header(out, "accord_http_request_duration_seconds", "histogram",
               "Time from the request's headers to its reply, by route.");
        for (const auto& [route, l] : latency_) {
            const std::string r = "route=\"" + label(route) + "\"";
            std::uint64_t cumulative = 0;
            for (std::size_t i = 0; i < kBuckets.size(); ++i) {
                cumulative += l.buckets[i];
                out += "accord_http_request_duration_seconds_bucket{" + r + ",le=\"" + number(kBuckets[i]) + "\"} " +
                       std::to_string(cumulative) + "\n";
            }
            out += "accord_http_request_duration_seconds_bucket{" + r + ",le=\"+Inf\"} " + std::to_string(l.count) + "\n";
            out += "accord_http_request_duration_seconds_sum{" + r + "} " + number(l.sum) + "\n";
            out += "accord_http_request_duration_seconds_count{" + r + "} " + std::to_string(l.count) + "\n";
        }
    }
    header(out, "accord_evidence_upload_bytes_total", "counter", "Evidence bytes stored.");
    out += "accord_evidence_upload_bytes_total " + std::to_string(upload_bytes_.load()) + "\n";
    header(out, "accord_login_failures_total", "counter", "Sign-ins refused for a wrong user name or password.");
    out += "accord_login_failures_total " + std::to_string(login_failures_.load()) + "\n";
    header(out, "accord_login_limited_total", "counter", "Sign-ins turned away by the rate limit (429) before checking.");
    out += "accord_login_limited_total " + std::to_string(login_refusals_.load()) + "\n";

    header(out, "accord_cases", "gauge", "Cases by state.");
    for (const auto& [state, n] : live.cases_by_state)
        out += "accord_cases{state=\"" + label(state) + "\"} " + std::to_string(n) + "\n";
    header(out, "accord_cases_overdue", "gauge", "Cases with a passed deadline the scheduler has not yet acted on.");
    out += "accord_cases_overdue " + std::to_string(live.cases_overdue) + "\n";
    header(out, "accord_scheduler_lag_seconds", "gauge", "How long the oldest passed deadline has waited (0: none).");
    out += "accord_scheduler_lag_seconds " + number(live.scheduler_lag_seconds) + "\n";
    header(out, "accord_connection_threads", "gauge", "Connection threads alive, and how many serve a connection.");
    out += "accord_connection_threads{state=\"busy\"} " + std::to_string(live.connection_threads_busy) + "\n";
    out += "accord_connection_threads{state=\"idle\"} " +
           std::to_string(live.connection_threads - live.connection_threads_busy) + "\n";
    header(out, "accord_connections_queued", "gauge", "Connections accepted and waiting for a thread.");
    out += "accord_connections_queued " + std::to_string(live.connections_queued) + "\n";
    return out;
}

Metrics& metrics() {
    static Metrics m;
    return m;
}

}  // namespace accord::ops
