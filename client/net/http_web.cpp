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

// clang-format off
EM_JS(void, accord_fetch, (int id, const char* method, const char* path, const char* body, const char* lang), {
    const init = { method: UTF8ToString(method), credentials: 'same-origin',
                   headers: { 'Accept-Language': UTF8ToString(lang) } };
    const text = UTF8ToString(body);
    if (text.length > 0) { init.body = text; init.headers['Content-Type'] = 'application/json'; }
    fetch(UTF8ToString(path), init)
        .then((r) => r.text().then((t) => [r.status, t]))
        .catch((e) => [0, String(e)])
        .then(([status, reply]) => {
            const len = lengthBytesUTF8(reply) + 1;
            const ptr = _malloc(len);
            stringToUTF8(reply, ptr, len);
            _accord_fetch_done(id, status, ptr);
            _free(ptr);
        });
});
// clang-format on

void http_request(const std::string& method, const std::string& path, const std::string& body,
                  const std::string& accept_language, HttpCallback done) {
    const int id = g_next_id++;
    g_pending[id] = std::move(done);
    accord_fetch(id, method.c_str(), path.c_str(), body.c_str(), accept_language.c_str());
}

int http_pending() { return static_cast<int>(g_pending.size()); }

}  // namespace accord::client

extern "C" EMSCRIPTEN_KEEPALIVE void accord_fetch_done(int id, int status, const char* body) {
    using namespace accord::client;
    auto it = g_pending.find(id);
    if (it == g_pending.end()) return;
    HttpCallback cb = std::move(it->second);
    g_pending.erase(it);
    cb(HttpReply{status, body ? body : ""});
}
