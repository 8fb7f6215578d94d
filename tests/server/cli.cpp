#include "cli.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "probes.hpp"

namespace accord::test {

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

CliRun run_cli(const std::vector<std::string>& args, const std::string& input) {
    TempDir dir;
    const std::string in_path = dir.path() + "/in", out_path = dir.path() + "/out", err_path = dir.path() + "/err";
    std::ofstream(in_path, std::ios::binary) << input;
    std::vector<std::string> argv_text = {ACCORD_SERVER_BIN};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        const int in = open(in_path.c_str(), O_RDONLY);
        const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in < 0 || out < 0 || err < 0) _exit(126);
        dup2(in, STDIN_FILENO);
        dup2(out, STDOUT_FILENO);
        dup2(err, STDERR_FILENO);
        execv(ACCORD_SERVER_BIN, argv.data());
        _exit(127);
    }
    int raw = 0;
    for (int waited_ms = 0; waitpid(pid, &raw, WNOHANG) == 0; waited_ms += 5) {
        if (waited_ms > 60000) {
            kill(pid, SIGKILL);
            waitpid(pid, &raw, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    CliRun r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = slurp(out_path);
    r.err = slurp(err_path);
    return r;
}

}  // namespace accord::test
