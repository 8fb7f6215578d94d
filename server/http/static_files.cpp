#include "http/static_files.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "auth/crypto.hpp"
#include "http/reply.hpp"

namespace accord::http {

namespace {

// A year: the longest max-age caches are asked to honour (RFC 9111 §5.2.2.1 allows more, but
// some caches cap there). Hashed names never change content, so it could be forever.
constexpr const char* kImmutable = "public, max-age=31536000, immutable";

std::string mime_type(const std::string& path) {
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

bool is_file(const std::string& path) {
    std::error_code ec;  // a directory opens as a stream too, and reads as an empty "file"
    return std::filesystem::is_regular_file(path, ec);
}

bool read_file(const std::string& path, std::string& out) {
    if (!is_file(path)) return false;
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

bool safe_relative_path(const std::string& p) {
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

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ) (RFC 9110 §12.4.2), in
// thousandths; -1 when malformed.
int parse_qvalue(std::string_view v) {
    if (v.empty() || (v[0] != '0' && v[0] != '1')) return -1;
    int thousandths = v[0] == '1' ? 1000 : 0;
    if (v.size() == 1) return thousandths;
    if (v[1] != '.' || v.size() > 5) return -1;
    int scale = 100;
    for (std::size_t i = 2; i < v.size(); ++i, scale /= 10) {
        if (v[i] < '0' || v[i] > '9') return -1;
        thousandths += (v[i] - '0') * scale;
    }
    return thousandths > 1000 ? -1 : thousandths;
}

// If-None-Match: "*" or a list of entity-tags, compared weakly (RFC 9110 §13.1.2: W/ ignored).
bool none_match_hits(std::string_view header, std::string_view etag) {
    std::size_t i = 0;
    while (i < header.size()) {
        while (i < header.size() && (header[i] == ' ' || header[i] == '\t' || header[i] == ',')) ++i;
        if (i >= header.size()) break;
        if (header[i] == '*') return true;
        if (header.substr(i, 2) == "W/") i += 2;
        if (i >= header.size() || header[i] != '"') return false;  // malformed: no match
        const std::size_t close = header.find('"', i + 1);
        if (close == std::string_view::npos) return false;
        if (header.substr(i, close - i + 1) == etag) return true;
        i = close + 1;
    }
    return false;
}

// A list-valued header sent as several lines is one list (RFC 9110 §5.3).
std::string field_value(const httplib::Request& req, const std::string& name) {
    std::string value;
    for (std::size_t i = 0; i < req.get_header_value_count(name); ++i)
        value += (i ? ", " : "") + req.get_header_value(name, i);
    return value;
}

// cpp-httplib compresses a body it holds on the fly, picking the coding by substring ("br" in
// "br;q=0" counts). A provider of known length is sent as it is: the coding chosen here stands.
void send_bytes(httplib::Response& res, std::string bytes, const std::string& type) {
    if (bytes.empty()) return res.set_content("", type);  // an empty body is never compressed
    auto data = std::make_shared<const std::string>(std::move(bytes));
    res.set_content_provider(data->size(), type,
                             [data](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                 return sink.write(data->data() + offset, length);
                             });
}

}  // namespace

std::optional<std::string> choose_content_coding(std::optional<std::string_view> accept_encoding,
                                                 const std::vector<std::string>& available) {
    if (available.empty()) return std::nullopt;
    const bool has_identity = std::find(available.begin(), available.end(), "identity") != available.end();
    if (!accept_encoding) return has_identity ? std::string("identity") : available.front();

    std::map<std::string, int> named;  // coding -> qvalue in thousandths
    std::optional<int> star;
    std::string_view rest = *accept_encoding;
    while (!rest.empty()) {
        const std::size_t comma = std::min(rest.find(','), rest.size());
        std::string_view element = rest.substr(0, comma);
        rest.remove_prefix(std::min(comma + 1, rest.size()));
        const std::size_t semi = std::min(element.find(';'), element.size());
        const std::string coding = lower(trim(element.substr(0, semi)));
        if (coding.empty()) continue;
        int q = 1000;
        std::string_view params = element.substr(semi);
        while (!params.empty() && q >= 0) {
            params.remove_prefix(1);  // the ';'
            const std::size_t next = std::min(params.find(';'), params.size());
            const std::string_view param = params.substr(0, next);
            params.remove_prefix(next);
            const std::size_t eq = param.find('=');
            if (eq != std::string_view::npos && lower(trim(param.substr(0, eq))) == "q")
                q = parse_qvalue(trim(param.substr(eq + 1)));
        }
        if (q < 0) continue;  // a malformed element says nothing
        int& slot = coding == "*" ? (star ? *star : star.emplace(q)) : named.try_emplace(coding, q).first->second;
        slot = std::max(slot, q);  // named twice: the kinder one
    }

    // Rank: the qvalue ×2, so an unnamed identity (1) sits between q=0 (0) and q=0.001 (2).
    auto rank = [&](const std::string& coding) -> int {
        if (auto it = named.find(coding); it != named.end()) return it->second * 2;
        if (star) return *star * 2;
        return coding == "identity" ? 1 : 0;
    };
    std::optional<std::string> best;
    int best_rank = 0;
    for (const std::string& coding : available) {
        const int r = rank(coding);
        if (r > best_rank) best = coding, best_rank = r;
    }
    return best;
}

bool is_content_hashed(std::string_view path) {
    const std::string_view name = path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
    const std::size_t ext = name.rfind('.');
    // At least "<one-char stem>.<8 hex>" before the extension's dot, and an extension after it.
    if (ext == std::string_view::npos || ext < 10 || ext + 1 == name.size() || name[ext - 9] != '.') return false;
    for (char ch : name.substr(ext - 8, 8))
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return false;
    return true;
}

void register_static_files(httplib::Server& server, const std::string& web_root) {
    server.Get(R"(/(?!api/)(.*))", [web_root](const httplib::Request& req, httplib::Response& res) {
        std::string rel = req.matches[1];
        if (rel.empty()) rel = "index.html";
        const std::string path = web_root + "/" + rel;
        if (!safe_relative_path(rel) || !is_file(path)) {
            res.status = 404;
            return;
        }
        const std::string type = mime_type(rel);
        const bool has_twin = is_file(path + ".br");
        const std::string accept_header = field_value(req, "Accept-Encoding");
        std::optional<std::string_view> accept;
        if (req.has_header("Accept-Encoding")) accept = accept_header;
        const std::optional<std::string> coding =
            choose_content_coding(accept, has_twin ? std::vector<std::string>{"br", "identity"}
                                                   : std::vector<std::string>{"identity"});
        // With a twin the reply depends on Accept-Encoding, whichever variant this one is.
        if (has_twin) res.set_header("Vary", "Accept-Encoding");
        if (!coding) {
            // RFC 9110 §12.5.3 says send identity when nothing listed fits, "unless the identity
            // coding is indicated as unacceptable": here it is, so 406 (§15.5.7) rather than
            // bytes the client said it cannot take. The charset parameter keeps cpp-httplib from
            // compressing the error body itself (it compresses "application/json" exactly).
            send_error(res, 406, ErrorCode::not_acceptable, request_lang(req));
            std::string body = std::move(res.body);
            res.set_content(std::move(body), "application/json; charset=utf-8");
            return;
        }
        std::string body;
        if (!read_file(*coding == "br" ? path + ".br" : path, body)) {
            res.status = 404;  // removed between the checks and the read
            return;
        }
        if (*coding == "br") res.set_header("Content-Encoding", "br");
        if (is_content_hashed(rel)) {
            res.set_header("Cache-Control", kImmutable);
        } else {
            // The page (and any file without a hashed name) is checked on every use, cheaply: a
            // strong ETag of the bytes sent (each coding its own), 304 while it still matches.
            res.set_header("Cache-Control", "no-cache");
            const std::string etag = "\"" + auth::sha256_hex(body).substr(0, 32) + "\"";
            res.set_header("ETag", etag);
            if (none_match_hits(field_value(req, "If-None-Match"), etag)) {
                res.status = 304;
                // RFC 9110 §8.6: a 304 may carry Content-Length only as the 200's would be;
                // without it cpp-httplib writes "Content-Length: 0".
                res.set_header("Content-Length", std::to_string(body.size()));
                return;
            }
        }
        send_bytes(res, std::move(body), type);
    });
}

}  // namespace accord::http
