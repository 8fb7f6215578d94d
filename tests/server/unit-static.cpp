// The web client's files, served from the web root: headers for cross-origin isolation,
// pre-compressed .wasm twins, and paths confined to the root. Requests go over a raw socket so
// that neither a client library nor anything else normalises the path or adds Accept-Encoding.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "probes.hpp"
#include "server_process.hpp"

using namespace accord::test;
using nlohmann::json;

namespace {

const std::string kIndex = "<!doctype html><title>test</title>";  // what ServerProcess writes
const std::string kSecret = "TOP-SECRET-OUTSIDE-THE-WEB-ROOT";
// A wasm header plus bytes that text handling would mangle (NUL, CR LF, 0xFF).
const std::string kWasm = std::string("\0asm\x01\0\0\0", 8) + std::string("\r\n\xff\xfe\0\x80 tail", 12);
const std::string kWasmBr = std::string("\x1b\x13\0\xf8 brotli twin \xff", 19);

void write_file(const std::string& path, const std::string& bytes) {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// One server for the file, its web root furnished once.
const ServerProcess& server() {
    static ServerProcess s;
    static const bool furnished = [] {
        const std::string root = s.web_root();
        write_file(root + "/app.wasm", kWasm);
        write_file(root + "/app.wasm.br", kWasmBr);
        write_file(root + "/plain.wasm", kWasm);  // no twin
        write_file(root + "/app.js", "console.log('accord');\n");
        write_file(root + "/fonts/ui.otf", "OTTO font bytes");
        write_file(root + "/fonts/ui.otf.br", "br font bytes");
        write_file(root + "/sub/inner.txt", "inner");
        write_file(root + "/api/v1/leak.json", R"({"leak":true})");  // must never be served
        // Outside the root: next to accord.db in the data dir, and one more level up.
        write_file(s.data_dir() + "/secret.txt", kSecret);
        return true;
    }();
    (void)furnished;
    return s;
}

void check_not_served(const RawResponse& r) {
    CHECK(r.status != 200);
    CHECK(r.status >= 400);
    CHECK(r.body.find(kSecret) == std::string::npos);
    CHECK(r.body.find("SQLite format 3") == std::string::npos);
    CHECK(r.body.find("root:") == std::string::npos);
}

}  // namespace

TEST_CASE("GET / serves index.html with the cross-origin isolation headers") {
    const int port = server().port();
    for (const char* target : {"/", "/index.html"}) {
        const std::string target_text = target;
        CAPTURE(target_text);
        const RawResponse r = raw_get(port, target);
        CHECK(r.status == 200);
        CHECK(r.body == kIndex);
        CHECK(r.header("Content-Type") == "text/html; charset=utf-8");
        CHECK(r.header("Cross-Origin-Opener-Policy") == "same-origin");
        CHECK(r.header("Cross-Origin-Embedder-Policy") == "require-corp");
        CHECK(r.header("X-Content-Type-Options") == "nosniff");
        CHECK(r.header("Cache-Control") == "no-cache");
        CHECK(!r.has_header("Content-Encoding"));
    }
    // The other file types carry the same headers and their own types.
    const RawResponse js = raw_get(port, "/app.js");
    CHECK(js.status == 200);
    CHECK(js.header("Content-Type") == "text/javascript; charset=utf-8");
    CHECK(js.header("Cross-Origin-Embedder-Policy") == "require-corp");
    const RawResponse inner = raw_get(port, "/sub/inner.txt");
    CHECK(inner.status == 200);
    CHECK(inner.body == "inner");
    CHECK(inner.header("Content-Type") == "application/octet-stream");
    // So do API replies (the page fetches them from the same origin).
    const RawResponse api = raw_get(port, "/api/v1/health");
    CHECK(api.status == 200);
    CHECK(api.header("Cross-Origin-Opener-Policy") == "same-origin");
    CHECK(api.header("Cross-Origin-Embedder-Policy") == "require-corp");
}

TEST_CASE("a .wasm file is application/wasm, from its .br twin when the browser takes brotli") {
    const int port = server().port();

    const RawResponse plain = raw_get(port, "/app.wasm");
    CHECK(plain.status == 200);
    CHECK(plain.header("Content-Type") == "application/wasm");
    CHECK(!plain.has_header("Content-Encoding"));
    CHECK(plain.body == kWasm);
    CHECK(plain.header("Content-Length") == std::to_string(kWasm.size()));
    CHECK(plain.header("Cross-Origin-Embedder-Policy") == "require-corp");

    for (const char* accept : {"br", "gzip, deflate, br", "br;q=1.0, gzip;q=0.8", "gzip, deflate, br, zstd"}) {
        const std::string accept_text = accept;
        CAPTURE(accept_text);
        const RawResponse br = raw_get(port, "/app.wasm", "Accept-Encoding: " + accept_text + "\r\n");
        CHECK(br.status == 200);
        CHECK(br.header("Content-Type") == "application/wasm");
        CHECK(br.header("Content-Encoding") == "br");
        CHECK(br.header("Vary") == "Accept-Encoding");
        CHECK(br.body == kWasmBr);
        CHECK(br.header("Content-Length") == std::to_string(kWasmBr.size()));
    }

    // A browser that takes only gzip gets the file itself, not compressed on the fly either.
    const RawResponse gz = raw_get(port, "/app.wasm", "Accept-Encoding: gzip, deflate\r\n");
    CHECK(gz.status == 200);
    CHECK(!gz.has_header("Content-Encoding"));
    CHECK(gz.body == kWasm);

    // Without a twin, brotli or not, the file itself.
    const RawResponse no_twin = raw_get(port, "/plain.wasm", "Accept-Encoding: br\r\n");
    CHECK(no_twin.status == 200);
    CHECK(no_twin.header("Content-Type") == "application/wasm");
    CHECK(!no_twin.has_header("Content-Encoding"));
    CHECK(no_twin.body == kWasm);

    // Fonts have twins too.
    const RawResponse font = raw_get(port, "/fonts/ui.otf", "Accept-Encoding: br\r\n");
    CHECK(font.status == 200);
    CHECK(font.header("Content-Type") == "font/otf");
    CHECK(font.header("Content-Encoding") == "br");
    CHECK(font.body == "br font bytes");
}

TEST_CASE("files that are not there get the JSON 404") {
    const int port = server().port();
    for (const char* target : {"/missing.js", "/sub/missing.txt", "/app.wasm.gz", "/sub/inner.txt/x"}) {
        const std::string target_text = target;
        CAPTURE(target_text);
        const RawResponse r = raw_get(port, target);
        CHECK(r.status == 404);
        CHECK(r.header("Content-Type").rfind("application/json", 0) == 0);
        CHECK(json::parse(r.body, nullptr, false)["error"]["code"] == "not_found");
    }
}

TEST_CASE("a directory is not a file") {
    const int port = server().port();
    for (const char* target : {"/sub", "/sub/", "/fonts", "/api"}) {
        const std::string target_text = target;
        CAPTURE(target_text);
        const RawResponse r = raw_get(port, target);
        CHECK(r.status == 404);
        CHECK(json::parse(r.body, nullptr, false)["error"]["code"] == "not_found");
    }
}

TEST_CASE("hidden files in the web root are never served") {
    write_file(server().web_root() + "/.env", "SECRET=1");
    std::filesystem::create_directories(server().web_root() + "/.git");
    write_file(server().web_root() + "/.git/config", "[core]");
    for (const char* target : {"/.env", "/.git/config", "/./index.html"}) {
        const std::string target_text = target;
        CAPTURE(target_text);
        const RawResponse r = raw_get(server().port(), target);
        CHECK(r.status == 404);
        CHECK(r.body.find("SECRET") == std::string::npos);
    }
}

TEST_CASE("the API namespace is never served from the web root") {
    const RawResponse r = raw_get(server().port(), "/api/v1/leak.json");
    CHECK(r.status == 404);
    CHECK(r.body.find("leak") == std::string::npos);
    CHECK(json::parse(r.body, nullptr, false)["error"]["code"] == "not_found");
}

TEST_CASE("path traversal never serves a file outside the web root") {
    const int port = server().port();
    // The targets exist: secret.txt and accord.db sit one level above the web root.
    REQUIRE(std::filesystem::exists(server().data_dir() + "/secret.txt"));
    REQUIRE(std::filesystem::exists(server().db_path()));
    for (const char* target : {
             "/../secret.txt",
             "/%2e%2e/secret.txt",
             "/%2E%2E/secret.txt",
             "/.%2e/secret.txt",
             "/..%2fsecret.txt",
             "/%2e%2e%2fsecret.txt",
             "/sub/../../secret.txt",
             "/sub/%2e%2e/%2e%2e/secret.txt",
             "/./../secret.txt",
             "/../accord.db",
             "/%2e%2e/accord.db",
             "/../../../../../../../../etc/passwd",
             "//etc/passwd",
             "/%2fetc/passwd",
             "/%2Fetc%2Fpasswd",
             "///etc/passwd",
             "/..\\secret.txt",
             "/%5c..%5csecret.txt",
             "/..%5csecret.txt",
             "/%252e%252e/secret.txt",
             "/index.html%00/../../secret.txt",
             "/..",
             "/.",
             "/sub/..",
             "/../web/index.html",
         }) {
        const std::string target_text = target;
        CAPTURE(target_text);
        check_not_served(raw_get(port, target));
    }
    // The root still serves its own files after all that.
    CHECK(raw_get(port, "/sub/inner.txt").body == "inner");
}
