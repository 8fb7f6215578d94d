#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace accord::http {

static std::string mime_type(const std::string& path) {
    auto ends = [&](const char* ext) {
        const std::string e(ext);
        return path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0;
    };
    if (ends(".html")) return "text/html; charset=utf-8";
    if (ends(".js")) return "text/javascript; charset=utf-8";
    if (ends(".wasm")) return "application/wasm";
    if (ends(".css")) return "text/css; charset=utf-8";
    if (ends(".otf")) return "font/otf";
    if (ends(".ttf")) return "font/ttf";
    if (ends(".png")) return "image/png";
    if (ends(".svg")) return "image/svg+xml";
    if (ends(".ico")) return "image/x-icon";
    if (ends(".json")) return "application/json";
    return "application/octet-stream";
}

static bool read_file(const std::string& path, std::string& out) {
    // A directory opens as a stream too, and reads as an empty "file".
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return false;
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

static bool safe_relative_path(const std::string& p) {
    if (p.empty() || p[0] == '/' || p.find('\\') != std::string::npos || p.find('\0') != std::string::npos) return false;
    std::size_t start = 0;
    while (start <= p.size()) {
        const std::size_t end = std::min(p.find('/', start), p.size());
        const std::string part = p.substr(start, end - start);
        // Hidden files (".env", ".git/…") are never part of the client, and ".." never leaves the root.
        if (part.empty() || part[0] == '.') return false;
        start = end + 1;
    }
    return true;
}

void register_static_files(httplib::Server& server, const std::string& web_root) {
    server.Get(R"(/(?!api/)(.*))", [web_root](const httplib::Request& req, httplib::Response& res) {
        std::string rel = req.matches[1];
        if (rel.empty()) rel = "index.html";
        if (!safe_relative_path(rel)) {
            res.status = 404;
            return;
        }
        const std::string path = web_root + "/" + rel;
        const std::string type = mime_type(rel);
        const bool precompressed = type == "application/wasm" || type.rfind("font/", 0) == 0;
        std::string body;
        if (precompressed && req.get_header_value("Accept-Encoding").find("br") != std::string::npos &&
            read_file(path + ".br", body)) {
            res.set_header("Content-Encoding", "br");
            res.set_header("Vary", "Accept-Encoding");
        } else if (!read_file(path, body)) {
            res.status = 404;
            return;
        }
        // Revalidate every time: a rebuilt client must never mix with a cached old one.
        res.set_header("Cache-Control", "no-cache");
        res.set_content(std::move(body), type);
    });
}

}  // namespace accord::http
