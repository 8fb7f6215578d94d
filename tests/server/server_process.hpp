// Starts the real accord-server binary on a free port with a fresh temp data dir, and
// stops it when the test ends. Tests talk to it over HTTP like any client.
#pragma once
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace accord::test {

class ServerProcess {
public:
    // extra_args are appended to: --port 0 --data-dir <tmp> --demo-data --web-root <tmp>/web
    // (e.g. {"--test-clock"} or {"--clock-offset", "172800"}).
    explicit ServerProcess(const std::string& data_dir = "", std::vector<std::string> extra_args = {});
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    int port() const { return port_; }
    const std::string& data_dir() const { return data_dir_; }
    // The web root the server serves (<data_dir>/web); tests may drop files there.
    std::string web_root() const { return data_dir_ + "/web"; }
    // The SQLite database the server writes.
    std::string db_path() const { return data_dir_ + "/accord.db"; }
    // What the server printed on stdout up to its "listening on" line.
    const std::string& startup_output() const { return startup_output_; }
    httplib::Client client() const;
    // The server's process id while it runs, -1 once stopped.
    int pid() const { return pid_; }
    const std::vector<std::string>& extra_args() const { return extra_args_; }
    void stop();
    // SIGKILL, no chance to finish anything (a crash, a power cut for the process), then reaps it.
    void kill_hard();
    // Stops the server (if it still runs) and starts it again on the same port and data dir:
    // clients and session cookies keep working. Throws if it does not come back.
    void restart();
    // The same with other extra arguments (kept for later restarts), e.g. a larger --clock-offset.
    void restart(std::vector<std::string> extra_args);

private:
    void start(int port);

    std::string data_dir_;
    std::vector<std::string> extra_args_;
    bool own_dir_ = false;
    int pid_ = -1;
    int port_ = 0;
    std::string startup_output_;
};

// A client signed in as a demo user (cookie kept), in the given language.
struct Session {
    httplib::Client http;
    std::string cookie;
    std::string lang = "en";

    httplib::Headers headers() const;
    httplib::Result get(const std::string& path);
    httplib::Result post(const std::string& path, const std::string& body,
                         const std::string& type = "application/json");
};

Session sign_in(const ServerProcess& server, const std::string& username, const std::string& password = "accord-demo");
nlohmann::json body_of(const httplib::Result& r);
// The same without error.request_id, which differs from request to request: for checking that
// two refusals say exactly the same (and so reveal nothing).
nlohmann::json body_without_request_id(const httplib::Result& r);

}  // namespace accord::test
