// A minimal POSIX ustar archive writer: regular files only, enough for a case file that any
// `tar` (or a court's archive tool) opens.
#pragma once
#include <fstream>
#include <string>

namespace accord::audit {

class TarWriter {
public:
    explicit TarWriter(const std::string& path);
    // name: a relative path of at most 100 bytes (ASCII recommended).
    void add(const std::string& name, const std::string& content, long long mtime);
    void finish();  // writes the two end blocks; the archive is complete after this
    bool ok() const { return static_cast<bool>(out_); }

private:
    std::ofstream out_;
};

}  // namespace accord::audit
