// The web client's files, served from the web root: headers for cross-origin isolation,
// pre-compressed twins chosen by Accept-Encoding (q-values honoured), caching (hashed names
// immutable, the page revalidated by ETag), and paths confined to the root. Requests go over a raw socket so
// that neither a client library nor anything else normalises the path or adds Accept-Encoding.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "http/static_files.hpp"
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
const std::string kHashedJs = "console.log('hashed');\n";
const std::string kHashedJsBr = "br js twin";

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
        // As the build names them (cmake/assemble_site.cmake): a hashed script with its twin.
        write_file(root + "/bridges/boot.0123abcd.js", kHashedJs);
        write_file(root + "/bridges/boot.0123abcd.js.br", kHashedJsBr);
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

TEST_CASE("a content-hashed file is cached for a year, the page and other files revalidate with an ETag") {
    const int port = server().port();
    for (const char* accept : {"", "Accept-Encoding: br\r\n"}) {
        const std::string accept_text = accept;
        CAPTURE(accept_text);
        const RawResponse hashed = raw_get(port, "/bridges/boot.0123abcd.js", accept_text);
        CHECK(hashed.status == 200);
        CHECK(hashed.header("Cache-Control") == "public, max-age=31536000, immutable");
        CHECK(hashed.header("Content-Type") == "text/javascript; charset=utf-8");
        CHECK(hashed.header("Vary") == "Accept-Encoding");  // a twin exists: both variants say so
        CHECK(hashed.body == (accept_text.empty() ? kHashedJs : kHashedJsBr));
    }

    // The page: no-cache, a strong ETag, and 304 while the browser's copy still matches.
    const RawResponse page = raw_get(port, "/");
    REQUIRE(page.status == 200);
    const std::string etag = page.header("ETag");
    CHECK(page.header("Cache-Control") == "no-cache");
    REQUIRE(etag.size() > 2);
    CHECK(etag.front() == '"');  // strong: no W/
    CHECK(etag.back() == '"');
    CHECK(raw_get(port, "/index.html").header("ETag") == etag);
    for (const std::string& inm : {etag, "\"other\", " + etag, "W/" + etag, std::string("*")}) {
        CAPTURE(inm);
        const RawResponse again = raw_get(port, "/", "If-None-Match: " + inm + "\r\n");
        CHECK(again.status == 304);
        CHECK(again.body.empty());
        CHECK(again.header("ETag") == etag);
        CHECK(again.header("Cache-Control") == "no-cache");
        CHECK(again.header("Content-Length") == std::to_string(kIndex.size()));  // the 200's, RFC 9110 §8.6
        CHECK(again.header("Cross-Origin-Embedder-Policy") == "require-corp");
    }
    for (const char* inm : {"\"other\"", "\"\"", "garbage"}) {
        const std::string inm_text = inm;
        CAPTURE(inm_text);
        const RawResponse changed = raw_get(port, "/", "If-None-Match: " + inm_text + "\r\n");
        CHECK(changed.status == 200);
        CHECK(changed.body == kIndex);
    }

    // A file without a hashed name is revalidated the same way; each coding has its own tag.
    const RawResponse plain = raw_get(port, "/app.wasm");
    const RawResponse br = raw_get(port, "/app.wasm", "Accept-Encoding: br\r\n");
    CHECK(plain.header("Cache-Control") == "no-cache");
    CHECK(br.header("Cache-Control") == "no-cache");
    REQUIRE(!plain.header("ETag").empty());
    REQUIRE(!br.header("ETag").empty());
    CHECK(plain.header("ETag") != br.header("ETag"));
    CHECK(raw_get(port, "/app.wasm", "Accept-Encoding: br\r\nIf-None-Match: " + br.header("ETag") + "\r\n").status == 304);
    CHECK(raw_get(port, "/app.wasm", "If-None-Match: " + br.header("ETag") + "\r\n").status == 200);
    // A name that only looks hashed in part is not.
    for (const char* target : {"/app.js", "/sub/inner.txt"}) {
        const std::string target_text = target;
        CAPTURE(target_text);
        CHECK(raw_get(port, target).header("Cache-Control") == "no-cache");
    }
}

TEST_CASE("Accept-Encoding is honoured with its q-values") {
    const int port = server().port();
    struct Case {
        const char* accept;
        int status;
        bool brotli;
    };
    for (const Case& c : {Case{"br;q=0", 200, false}, Case{"br; q=0.000", 200, false}, Case{"BR;Q=0", 200, false},
                          Case{"gzip;q=0, br", 200, true}, Case{"gzip, br;q=0", 200, false},
                          Case{"*", 200, true}, Case{"*;q=0, identity", 200, false},
                          Case{"identity;q=0, br", 200, true}, Case{"br;q=0.5, identity", 200, false},
                          Case{"br;q=0.5", 200, true}, Case{"", 200, false},
                          // Nothing acceptable: the twin is excluded and identity too (RFC 9110 §12.5.3).
                          Case{"*;q=0", 406, false}, Case{"br;q=0, identity;q=0", 406, false},
                          Case{"identity;q=0", 406, false}}) {  // br is not named either
        const std::string accept_text = c.accept;
        CAPTURE(accept_text);
        for (const char* target : {"/app.wasm", "/bridges/boot.0123abcd.js"}) {
            const std::string target_text = target;
            CAPTURE(target_text);
            const RawResponse r = raw_get(port, target, "Accept-Encoding: " + accept_text + "\r\n");
            CHECK(r.status == c.status);
            CHECK(r.header("Vary") == "Accept-Encoding");
            if (c.status == 406) {
                // The refusal itself is not compressed either (the client took no coding).
                CHECK(!r.has_header("Content-Encoding"));
                CHECK(json::parse(r.body, nullptr, false)["error"]["code"] == "not_acceptable");
                continue;
            }
            CHECK(r.has_header("Content-Encoding") == c.brotli);
            if (c.brotli) CHECK(r.header("Content-Encoding") == "br");
            CHECK(r.body == (c.brotli ? (target_text == "/app.wasm" ? kWasmBr : kHashedJsBr)
                                      : (target_text == "/app.wasm" ? kWasm : kHashedJs)));
        }
    }
    // A text file without a twin is never compressed on the fly with a coding the client refused.
    for (const char* accept : {"br;q=0", "br;q=0, gzip;q=0"}) {
        const std::string accept_text = accept;
        CAPTURE(accept_text);
        const RawResponse js = raw_get(port, "/app.js", "Accept-Encoding: " + accept_text + "\r\n");
        CHECK(js.status == 200);
        CHECK(!js.has_header("Content-Encoding"));
        CHECK(js.body == "console.log('accord');\n");
    }
    // The header sent as two lines is one list.
    CHECK(!raw_get(port, "/app.wasm", "Accept-Encoding: gzip\r\nAccept-Encoding: br;q=0\r\n").has_header("Content-Encoding"));
    CHECK(raw_get(port, "/app.wasm", "Accept-Encoding: gzip;q=0\r\nAccept-Encoding: br\r\n").header("Content-Encoding") == "br");
    // Without a twin, identity is the only representation: refusing it is 406 too.
    CHECK(raw_get(port, "/plain.wasm", "Accept-Encoding: identity;q=0\r\n").status == 406);
    CHECK(raw_get(port, "/plain.wasm", "Accept-Encoding: br\r\n").status == 200);
}

TEST_CASE("choose_content_coding follows RFC 9110's rules for Accept-Encoding") {
    using accord::http::choose_content_coding;
    const std::vector<std::string> identity_only = {"identity"};
    auto pick = [&](std::optional<std::string_view> header, const std::vector<std::string>& available = {"br", "identity"}) {
        return choose_content_coding(header, available).value_or("(none)");
    };
    CHECK(pick(std::nullopt) == "identity");  // no header: identity, which everyone decodes
    CHECK(pick("") == "identity");            // an empty header asks for no coding
    CHECK(pick("br") == "br");
    CHECK(pick("gzip, deflate, br, zstd") == "br");
    CHECK(pick("gzip") == "identity");
    CHECK(pick("br;q=0") == "identity");
    CHECK(pick(" br ;  q=0 ") == "identity");
    CHECK(pick("br;q=0.0") == "identity");
    CHECK(pick("br;q=0.001") == "br");  // the least positive weight still beats an unnamed identity
    CHECK(pick("br;q=1.000") == "br");
    CHECK(pick("gzip;q=0, br") == "br");
    CHECK(pick("br;q=0.5, identity") == "identity");
    CHECK(pick("br;q=0.5, identity;q=0.5") == "br");  // a tie goes to the server's preference
    CHECK(pick("identity, br") == "br");
    CHECK(pick("*") == "br");
    CHECK(pick("*;q=0.2, identity;q=0.1") == "br");
    CHECK(pick("*;q=0, br") == "br");
    CHECK(pick("*;q=0, identity") == "identity");
    CHECK(pick("*;q=0") == "(none)");
    CHECK(pick("identity;q=0") == "(none)");  // a coding the header does not name is not acceptable
    CHECK(pick("identity;q=0, br") == "br");
    CHECK(pick("identity;q=0", identity_only) == "(none)");
    CHECK(pick("br;q=0, identity;q=0") == "(none)");
    CHECK(pick("br;q=0, br") == "br");  // named twice: the kinder weight
    // Malformed weights make the element say nothing.
    CHECK(pick("br;q=1.5") == "identity");
    CHECK(pick("br;q=0.0001") == "identity");
    CHECK(pick("br;q=abc") == "identity");
    CHECK(pick("br;q=") == "identity");
    CHECK(pick("br;q=0;level=1") == "identity");
    CHECK(pick(",, br ,") == "br");
    CHECK(pick("br", identity_only) == "identity");
    CHECK(pick(std::nullopt, {"br"}) == "br");
}

TEST_CASE("is_content_hashed knows the build's hashed names") {
    using accord::http::is_content_hashed;
    CHECK(is_content_hashed("app.3f9a1c2b.wasm"));
    CHECK(is_content_hashed("bridges/test_hook.0123abcd.js"));
    CHECK(is_content_hashed("fonts/accord-cjk.deadbeef.otf"));
    CHECK(!is_content_hashed("app.wasm"));
    CHECK(!is_content_hashed("index.html"));
    CHECK(!is_content_hashed("app.3F9A1C2B.wasm"));    // the build writes lowercase
    CHECK(!is_content_hashed("app.3f9a1c2.wasm"));     // 7 hex
    CHECK(!is_content_hashed("app.3f9a1c2bb.wasm"));   // 9 hex
    CHECK(!is_content_hashed(".3f9a1c2b.wasm"));       // no stem
    CHECK(!is_content_hashed("app.3f9a1c2g.wasm"));
    CHECK(!is_content_hashed("app.3f9a1c2b."));
    CHECK(!is_content_hashed("app3f9a1c2b.wasm"));
    CHECK(!is_content_hashed("3f9a1c2b.3f9a1c2b/app.js"));
}
