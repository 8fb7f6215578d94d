#include <emscripten.h>

#include "platform/uploads.hpp"

namespace accord::client::browser {

namespace {
std::vector<UploadEvent> g_events;
}  // namespace

// clang-format off
EM_JS(void, accord_upload_set_case, (double id, const char* lang, const char* accept), {
    if (window.accordUpload) window.accordUpload.setCase(id, UTF8ToString(lang), UTF8ToString(accept));
});
EM_JS(void, accord_upload_pick, (), { if (window.accordUpload) window.accordUpload.pick(); });
EM_JS(void, accord_upload_cancel, (int id), { if (window.accordUpload) window.accordUpload.cancel(id); });
EM_JS(void, accord_download, (const char* url), { if (window.accordUpload) window.accordUpload.download(UTF8ToString(url)); });
// clang-format on

void set_upload_case(std::int64_t case_id, const std::string& lang, const std::string& accept) {
    accord_upload_set_case(static_cast<double>(case_id), lang.c_str(), accept.c_str());
}
void pick_files() {
    accord_upload_pick();
}
void cancel_upload(int id) {
    accord_upload_cancel(id);
}
void download(const std::string& url) {
    accord_download(url.c_str());
}

std::vector<UploadEvent> take_upload_events() {
    std::vector<UploadEvent> out;
    out.swap(g_events);
    return out;
}

}  // namespace accord::client::browser

using accord::client::browser::UploadEvent;

extern "C" EMSCRIPTEN_KEEPALIVE void accord_upload_started(int id, double case_id, const char* name, double size) {
    UploadEvent e;
    e.kind = UploadEvent::Kind::started;
    e.id = id;
    e.case_id = static_cast<std::int64_t>(case_id);
    e.file_name = name ? name : "";
    e.total = size;
    accord::client::browser::g_events.push_back(std::move(e));
}

extern "C" EMSCRIPTEN_KEEPALIVE void accord_upload_progress(int id, double loaded, double total) {
    UploadEvent e;
    e.kind = UploadEvent::Kind::progress;
    e.id = id;
    e.loaded = loaded;
    e.total = total;
    accord::client::browser::g_events.push_back(std::move(e));
}

extern "C" EMSCRIPTEN_KEEPALIVE void accord_upload_done(int id, int status, const char* body) {
    UploadEvent e;
    e.kind = UploadEvent::Kind::done;
    e.id = id;
    e.status = status;
    e.body = body ? body : "";
    accord::client::browser::g_events.push_back(std::move(e));
}
