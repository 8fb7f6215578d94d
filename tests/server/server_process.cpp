#include "server_process.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

namespace accord::test {

ServerProcess::ServerProcess(const std::string& data_dir, std::vector<std::string> extra_args)
    : data_dir_(data_dir), extra_args_(std::move(extra_args)) {
    if (data_dir_.empty()) {
        char tmpl[] = "/tmp/accord-test-XXXXXX";
        if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
        data_dir_ = tmpl;
        own_dir_ = true;
    }
    const std::string web_root = data_dir_ + "/web";
    std::filesystem::create_directories(web_root);
    std::FILE* f = std::fopen((web_root + "/index.html").c_str(), "w");
    if (f) {
        std::fputs("<!doctype html><title>test</title>", f);
        std::fclose(f);
    }
    start(0);
}

void ServerProcess::restart() {
    const int port = port_;
    stop();
    port_ = 0;
    start(port);
}

void ServerProcess::restart(std::vector<std::string> extra_args) {
    extra_args_ = std::move(extra_args);
    restart();
}

void ServerProcess::kill_hard() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
}

void ServerProcess::start(int port) {
    const std::string web_root = data_dir_ + "/web";
    const std::string port_text = std::to_string(port);
    std::vector<std::string> args = {ACCORD_SERVER_BIN, "--port",   port_text, "--data-dir", data_dir_,
                                     "--web-root",      web_root,   "--demo-data"};
    args.insert(args.end(), extra_args_.begin(), extra_args_.end());
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ == 0) {
        // A test that crashes or aborts takes its server with it: an orphaned server would keep
        // ctest's output pipe open and turn a quick failure into a five-minute timeout.
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        close(out[1]);
        execv(ACCORD_SERVER_BIN, argv.data());
        _exit(127);
    }
    close(out[1]);
    // Read stdout until the "listening on" line tells the port.
    std::string text;
    char buf[512];
    const std::string marker = "listening on http://127.0.0.1:";
    while (port_ == 0) {
        const ssize_t n = read(out[0], buf, sizeof buf);
        if (n <= 0) break;
        text.append(buf, static_cast<std::size_t>(n));
        const auto at = text.find(marker);
        if (at != std::string::npos && text.find('/', at + marker.size()) != std::string::npos)
            port_ = std::stoi(text.substr(at + marker.size()));
    }
    close(out[0]);
    startup_output_ = text;
    if (port_ == 0) {
        stop();
        throw std::runtime_error("accord-server did not start: " + text);
    }
}

ServerProcess::~ServerProcess() {
    stop();
    if (own_dir_) std::filesystem::remove_all(data_dir_);
}

void ServerProcess::stop() {
    if (pid_ <= 0) return;
    // A SIGTERM that lands between the "listening on" line and the server's accept loop is
    // lost (cpp-httplib's stop() does nothing before listen starts), so ask again until it
    // goes, and kill it after 5 s.
    int status = 0;
    for (int waited_ms = 0; waitpid(pid_, &status, WNOHANG) == 0; waited_ms += 2) {
        if (waited_ms % 200 == 0) kill(pid_, waited_ms < 5000 ? SIGTERM : SIGKILL);
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    pid_ = -1;
}

httplib::Client ServerProcess::client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_connection_timeout(5);
    c.set_read_timeout(10);
    return c;
}

httplib::Headers Session::headers() const {
    httplib::Headers h{{"Accept-Language", lang}};
    if (!cookie.empty()) h.emplace("Cookie", cookie);
    return h;
}

httplib::Result Session::get(const std::string& path) { return http.Get(path, headers()); }

httplib::Result Session::post(const std::string& path, const std::string& body, const std::string& type) {
    return http.Post(path, headers(), body, type);
}

Session sign_in(const ServerProcess& server, const std::string& username, const std::string& password) {
    Session s{server.client(), "", "en"};
    const nlohmann::json body = {{"username", username}, {"password", password}};
    auto r = s.post("/api/v1/session", body.dump());
    if (!r || r->status != 200) throw std::runtime_error("sign-in failed for " + username);
    const std::string set_cookie = r->get_header_value("Set-Cookie");
    s.cookie = set_cookie.substr(0, set_cookie.find(';'));
    return s;
}

nlohmann::json body_of(const httplib::Result& r) {
    if (!r) return nullptr;
    return nlohmann::json::parse(r->body, nullptr, false);
}

nlohmann::json body_without_request_id(const httplib::Result& r) {
    nlohmann::json b = body_of(r);
    if (b.is_object() && b.contains("error") && b["error"].is_object()) b["error"].erase("request_id");
    return b;
}

}  // namespace accord::test
