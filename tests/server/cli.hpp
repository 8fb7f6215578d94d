// Runs the accord-server binary as an operator would from a shell: a command line, optional
// standard input, its exit status and what it wrote to stdout and stderr, kept apart (a JSON
// document on stdout stays parsable while notes go to stderr).
#pragma once
#include <string>
#include <vector>

namespace accord::test {

struct CliRun {
    int status = -1;  // the exit status; -1 when killed by a signal
    std::string out, err;
    std::string both() const { return out + err; }
};

// ACCORD_SERVER_BIN with `args` (no shell: spaces and quotes pass as they are), `input` on its
// standard input. Bounded: killed after 60 s.
CliRun run_cli(const std::vector<std::string>& args, const std::string& input = "");

}  // namespace accord::test
