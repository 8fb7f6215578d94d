#include "app.hpp"

#include <sys/resource.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <regex>
#include <set>

#include "accord/api.hpp"
#include "http/params.hpp"
#include "http/reply.hpp"
#include "http/request_log.hpp"
#include "http/route_table.hpp"
#include "http/static_files.hpp"
#include "http/worker_pool.hpp"
#include "ops/metrics.hpp"
#include "routes/routes.hpp"

namespace accord {

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

// Connection threads: a few kept warm, up to 1024 while slow or idle keep-alive peers hold theirs
// (see http/worker_pool.hpp for why the pool grows instead of bounding connections).
constexpr std::size_t kMinWorkerThreads = 8;
constexpr std::size_t kMaxWorkerThreads = 1024;
constexpr std::chrono::seconds kWorkerIdleExit{30};

// Room for the multipart boundaries and part headers around one evidence file.
constexpr std::int64_t kMultipartEnvelopeBytes = 64 * 1024;

namespace {
std::atomic<int> g_listen_fd{-1};
std::atomic<http::WorkerPool*> g_pool{nullptr};  // made and deleted by cpp-httplib's listen loop
}  // namespace

http::WorkerPool::Counts connection_pool_counts() {
    const http::WorkerPool* pool = g_pool.load();
    return pool != nullptr ? pool->counts() : http::WorkerPool::Counts{};
}

// Debian's cpp-httplib listens with a backlog of 5: a burst of new connections overflowed it and
// the kernel reset them (or fell back to SYN cookies). listen() again on the bound socket raises
// it to the system's maximum.
void widen_listen_backlog() {
    if (g_listen_fd >= 0) ::listen(g_listen_fd, SOMAXCONN);
}

// Each connection is a descriptor: a burst of 1,000 connections, plus slow peers, plus the
// database and evidence files, outgrows the common soft limit of 1,024. The hard limit is the
// operator's to set; the soft one is ours to raise up to it.
void raise_open_file_limit() {
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0 || lim.rlim_cur >= lim.rlim_max) return;
    lim.rlim_cur = lim.rlim_max;
    setrlimit(RLIMIT_NOFILE, &lim);
}

void configure_server(httplib::Server& server, AppContext& app) {
    // Without TCP_NODELAY every keep-alive reply waits ~40 ms for a delayed ACK (TOOLCHAIN.md).
    server.set_tcp_nodelay(true);
    // cpp-httplib's default adds SO_REUSEPORT, which lets a second server bind the same port
    // silently and share its traffic. Keep SO_REUSEADDR only: a busy port is an error.
    // The listening socket is remembered so widen_listen_backlog() can raise its backlog.
    server.set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const char*>(&yes), sizeof yes);
        g_listen_fd = sock;
    });
    // cpp-httplib serves each connection on one pool thread for its whole life (keep-alive
    // included); its default of 8 threads let 8 idle or slow clients stall everyone. A pool
    // that grows, and shorter waits on a silent peer, keep the server answering.
    server.new_task_queue = [] {
        auto* pool = new http::WorkerPool(kMinWorkerThreads, kMaxWorkerThreads, kWorkerIdleExit);
        g_pool = pool;
        return pool;
    };
    server.set_read_timeout(5, 0);
    server.set_write_timeout(10, 0);
    server.set_keep_alive_timeout(3);

    // Anything that left an error status without a body gets our JSON error shape.
    auto fill_error_body = [&app](const httplib::Request& req, httplib::Response& res) {
        // No handler took the request. cpp-httplib says 404 for a method it dispatches but found
        // no handler of, and 400 for one it never dispatches (TRACE, CONNECT): either way, a
        // path that exists with other methods is 405 with Allow, and one that does not is 404.
        static const std::set<std::string> kDispatched = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"};
        if (res.status == 404 || (res.status == 400 && !req.method.empty() && !kDispatched.count(req.method))) {
            const std::string allow = http::allowed_methods(req.path, app.config.test_clock);
            if (allow.empty()) {
                res.status = 404;
            } else if ((", " + allow + ", ").find(", " + req.method + ", ") == std::string::npos) {
                res.set_header("Allow", allow);
                res.status = 405;
            }  // else the handler itself answered 404 (a file that is not there)
        }
        static const std::regex kUpload(R"(^/api/v1/disputes/[^/]+/evidence$)");
        if (res.status == 413 && std::regex_match(req.path, kUpload)) {
            const Lang lang = http::request_lang(req);
            nlohmann::json e = api::error_body(ErrorCode::file_too_large, lang, "file");
            e["error"]["message"] = error_text(ErrorCode::file_too_large, lang, app.config.evidence.max_file_bytes);
            e["error"]["limit"] = app.config.evidence.max_file_bytes;
            return http::send_json(res, 413, e);
        }
        http::send_error(res, res.status, http::code_for_status(res.status), http::request_lang(req));
    };
    // cpp-httplib calls this for every reply of status 400 or more, before compressing it: the
    // one place where every error body, however it was made, gets the request's id.
    server.set_error_handler([fill_error_body](const httplib::Request& req, httplib::Response& res) {
        http::request_id(res);  // a request refused before routing has none yet
        if (res.body.empty()) fill_error_body(req, res);
        http::add_request_id(res);
    });
    server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        try {
            std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "accord-server: %s %s failed: %s\n", req.method.c_str(), req.path.c_str(), e.what());
        } catch (...) {
            std::fprintf(stderr, "accord-server: %s %s failed\n", req.method.c_str(), req.path.c_str());
        }
        http::send_error(res, 500, ErrorCode::internal, http::request_lang(req));
    });
    // cpp-httplib enforces the payload limit only on a body announced by Content-Length: a
    // chunked body, or a POST without any length, is read whole however large, and a gzip or
    // brotli body is inflated without limit. Refuse those before any of the body is read, and
    // multipart forms too (cpp-httplib would parse them and answer a bad one with a bare 400).
    // The body limit cpp-httplib enforces is one number for every route: it is set for the largest
    // body (an evidence file plus its multipart envelope), and read_json_body() holds JSON bodies
    // to their own limit. Above it cpp-httplib reads and drops the body before replying 413, so
    // the client, still sending, gets the reply instead of a reset connection.
    const std::int64_t upload_max = app.config.evidence.max_file_bytes + kMultipartEnvelopeBytes;
    server.set_payload_max_length(static_cast<std::size_t>(upload_max));
    server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
        http::begin_request(req, res);
        static const std::regex kUpload(R"(^/api/v1/disputes/[^/]+/evidence$)");
        const Lang lang = http::request_lang(req);
        const bool expects_body = req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
        const bool upload = req.method == "POST" && std::regex_match(req.path, kUpload);
        const std::string coding = req.get_header_value("Content-Encoding");
        std::int64_t length = 0;
        const bool has_length = http::parse_count(req.get_header_value("Content-Length"), length);
        if ((!coding.empty() && coding != "identity") || (expects_body && !upload && req.is_multipart_form_data())) {
            http::send_error(res, 415, ErrorCode::unsupported_media_type, lang);
        } else if (req.has_header("Transfer-Encoding") || (expects_body && !has_length)) {
            // Only a declared length can be checked before reading (browsers always declare one).
            http::send_error(res, 411, ErrorCode::length_required, lang);
        } else {
            return httplib::Server::HandlerResponse::Unhandled;
        }
        // The body stays unread: tell the client not to reuse the connection (cpp-httplib 0.11
        // itself keeps it open and takes what follows for requests, up to its keep-alive limit).
        res.set_header("Connection", "close");
        return httplib::Server::HandlerResponse::Handled;
    });
    // The client runs cross-origin isolated so performance.now() has full precision.
    const bool behind_tls = app.config.secure_cookies();
    server.set_post_routing_handler([behind_tls](const httplib::Request& req, httplib::Response& res) {
        // API replies carry personal data and differ by who asks: a browser must not keep them,
        // or revalidate one user's copy for the next user of the same browser.
        if (req.path.rfind("/api/", 0) == 0 && !res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
        // Exactly what the WASM client needs: its own scripts, WebAssembly compilation, fetches to
        // this origin; no inline code, no framing (clickjacking), no referrer leaking case URLs.
        res.set_header("Content-Security-Policy", kContentSecurityPolicy);
        res.set_header("X-Frame-Options", "DENY");
        res.set_header("Referrer-Policy", "no-referrer");
        res.set_header("Cross-Origin-Opener-Policy", "same-origin");
        res.set_header("Cross-Origin-Embedder-Policy", "require-corp");
        res.set_header("X-Content-Type-Options", "nosniff");
        // Reached over TLS (--public-url https://…): the browser keeps to HTTPS for a year.
        if (behind_tls) res.set_header("Strict-Transport-Security", "max-age=31536000");
    });

    // After each reply is sent: counted for /metrics under its route, and one JSON line on stderr.
    server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        ops::metrics().observe_request(req.method, http::route_label(req.method, req.path), res.status,
                                       http::request_seconds());
        http::log_request(req, res);
    });

    routes::register_health_routes(server, app);
    routes::register_metrics_routes(server, app);
    routes::register_session_routes(server, app);
    routes::register_session_admin_routes(server, app);
    routes::register_order_routes(server, app);
    routes::register_dispute_routes(server, app);
    routes::register_action_routes(server, app);
    routes::register_rules_routes(server, app);
    routes::register_message_routes(server, app);
    routes::register_evidence_routes(server, app);
    routes::register_staff_routes(server, app);
    http::register_static_files(server, app.config.web_root);
}

}  // namespace accord
