#include "app.hpp"

#include <cstdio>

#include "accord/api.hpp"
#include "http/reply.hpp"
#include "http/static_files.hpp"
#include "routes/routes.hpp"

namespace accord {

void configure_server(httplib::Server& server, AppContext& app) {
    // Without TCP_NODELAY every keep-alive reply waits ~40 ms for a delayed ACK (TOOLCHAIN.md).
    server.set_tcp_nodelay(true);
    // cpp-httplib's default adds SO_REUSEPORT, which lets a second server bind the same port
    // silently and share its traffic. Keep SO_REUSEADDR only: a busy port is an error.
    server.set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const char*>(&yes), sizeof yes);
    });
    server.set_payload_max_length(api::kMaxBodyBytes);
    server.set_read_timeout(10, 0);
    server.set_write_timeout(10, 0);

    // Anything that left an error status without a body gets our JSON error shape.
    server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return;
        http::send_error(res, res.status, http::code_for_status(res.status), http::request_lang(req));
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
    server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
        const bool expects_body = req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
        const std::string coding = req.get_header_value("Content-Encoding");
        if ((!coding.empty() && coding != "identity") || (expects_body && req.is_multipart_form_data())) {
            http::send_error(res, 415, ErrorCode::unsupported_media_type, http::request_lang(req));
        } else if (req.has_header("Transfer-Encoding") || (expects_body && !req.has_header("Content-Length"))) {
            // Only a declared length can be checked before reading (browsers always declare one).
            http::send_error(res, 411, ErrorCode::length_required, http::request_lang(req));
        } else {
            return httplib::Server::HandlerResponse::Unhandled;
        }
        // The body stays unread: tell the client not to reuse the connection (cpp-httplib 0.11
        // itself keeps it open and takes what follows for requests, up to its keep-alive limit).
        res.set_header("Connection", "close");
        return httplib::Server::HandlerResponse::Handled;
    });
    // The client runs cross-origin isolated so performance.now() has full precision.
    server.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cross-Origin-Opener-Policy", "same-origin");
        res.set_header("Cross-Origin-Embedder-Policy", "require-corp");
        res.set_header("X-Content-Type-Options", "nosniff");
    });

    routes::register_health_routes(server, app);
    routes::register_session_routes(server, app);
    routes::register_order_routes(server, app);
    routes::register_dispute_routes(server, app);
    http::register_static_files(server, app.config.web_root);
}

}  // namespace accord
