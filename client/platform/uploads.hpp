// Evidence uploads through the page (bridges/upload.js): the browser's file picker and drag-and-drop send
// files straight to the server; what happens to each arrives here as events the app applies each frame.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace accord::client::browser {

struct UploadEvent {
    enum class Kind { started, progress, done } kind = Kind::started;
    int id = 0;
    std::int64_t case_id = 0;  // started
    std::string file_name;     // started
    double loaded = 0, total = 0;
    int status = 0;    // done: HTTP status, 0 network error, -1 cancelled
    std::string body;  // done: the server's reply
};

// Which case picked or dropped files go to (0: none), the language for the server's errors, and the file types
// the picker offers (e.g. ".jpg,.png,application/pdf"; empty for any).
void set_upload_case(std::int64_t case_id, const std::string& lang, const std::string& accept);
void pick_files();  // opens the browser's file picker (call on a click)
void cancel_upload(int id);
void download(const std::string& url);
std::vector<UploadEvent> take_upload_events();

}  // namespace accord::client::browser
