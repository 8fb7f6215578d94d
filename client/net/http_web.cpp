// http.hpp in the browser: window.fetch through a small EM_JS bridge (no emscripten_fetch:
// we need the body of error replies, and no IndexedDB look-up before each request).
#include <emscripten.h>

#include <map>

#include "net/http.hpp"

namespace accord::client {

namespace {
std::map<int, HttpCallback> g_pending;
int g_next_id = 1;
}  // namespace

// `headers` is a JSON object of extra request headers (If-Match, If-None-Match).
// clang-format off
EM_JS(void, accord_fetch, (int id, const char* method, const char* path, const char* body, const char* lang,
                           const char* headers), {
    const init = { method: UTF8ToString(method), credentials: 'same-origin', cache: 'no-store',
                   headers: Object.assign({ 'Accept-Language': UTF8ToString(lang) }, JSON.parse(UTF8ToString(headers))) };
    const text = UTF8ToString(body);
    if (text.length > 0) { init.body = text; init.headers['Content-Type'] = 'application/json'; }
    const send = (status, reply, etag) => {
        const len = lengthBytesUTF8(reply) + 1;
        const ptr = _malloc(len);
        stringToUTF8(reply, ptr, len);
        const tlen = lengthBytesUTF8(etag) + 1;
        const tptr = _malloc(tlen);
        stringToUTF8(etag, tptr, tlen);
        _accord_fetch_done(id, status, ptr, tptr);
        _free(ptr);
        _free(tptr);
    };
    fetch(UTF8ToString(path), init)
        .then((r) => r.text().then((t) => send(r.status, t, r.headers.get("ETag") || "")))
        .catch((e) => send(0, String(e), ""));
});
// clang-format on

namespace {
std::string headers_json(const HttpHeaders& headers) {
    std::string out = "{";
    for (const auto& [name, value] : headers) {
        if (out.size() > 1) out += ",";
        out += "\"" + name + "\":\"";
        for (char c : value) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += "\"";
    }
    return out + "}";
}
}  // namespace

void http_request(const std::string& method, const std::string& path, const std::string& body,
                  const std::string& accept_language, HttpCallback done, const HttpHeaders& headers) {
    const int id = g_next_id++;
    g_pending[id] = std::move(done);
    accord_fetch(id, method.c_str(), path.c_str(), body.c_str(), accept_language.c_str(),
                 headers_json(headers).c_str());
}

int http_pending() {
    return static_cast<int>(g_pending.size());
}

}  // namespace accord::client

extern "C" EMSCRIPTEN_KEEPALIVE void accord_fetch_done(int id, int status, const char* body, const char* etag) {
    using namespace accord::client;
    auto it = g_pending.find(id);
    if (it == g_pending.end()) return;
    HttpCallback cb = std::move(it->second);
    g_pending.erase(it);
    cb(HttpReply{status, body ? body : "", etag ? etag : ""});
}
