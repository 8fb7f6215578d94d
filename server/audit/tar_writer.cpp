#include "audit/tar_writer.hpp"

#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace accord::audit {

TarWriter::TarWriter(const std::string& path) : out_(path, std::ios::binary | std::ios::trunc) {
    if (!out_) throw std::runtime_error("cannot write " + path);
}

// A zero-padded octal number filling width - 1 characters and a NUL (ustar's numeric fields).
static void octal(char* field, std::size_t width, unsigned long long value) {
    char text[32];
    std::snprintf(text, sizeof text, "%0*llo", static_cast<int>(width - 1), value);
    std::memcpy(field, text, width - 1);
    field[width - 1] = '\0';
}

void TarWriter::add(const std::string& name, const std::string& content, long long mtime) {
    if (name.size() > 100) throw std::runtime_error("tar entry name too long: " + name);
    char header[512];
    std::memset(header, 0, sizeof header);
    std::memcpy(header, name.data(), name.size());
    octal(header + 100, 8, 0644);
    octal(header + 108, 8, 0);
    octal(header + 116, 8, 0);
    octal(header + 124, 12, content.size());
    octal(header + 136, 12, static_cast<unsigned long long>(mtime < 0 ? 0 : mtime));
    std::memset(header + 148, ' ', 8);  // the checksum is computed with its own field as spaces
    header[156] = '0';
    std::memcpy(header + 257, "ustar", 6);
    std::memcpy(header + 263, "00", 2);
    unsigned sum = 0;
    for (unsigned char ch : header) sum += ch;
    std::snprintf(header + 148, 8, "%06o", sum);
    header[155] = ' ';
    out_.write(header, sizeof header);
    out_.write(content.data(), static_cast<std::streamsize>(content.size()));
    const std::size_t pad = (512 - content.size() % 512) % 512;
    static const char zeros[512] = {};
    out_.write(zeros, static_cast<std::streamsize>(pad));
}

void TarWriter::finish() {
    static const char zeros[1024] = {};
    out_.write(zeros, sizeof zeros);
    out_.flush();
    if (!out_) throw std::runtime_error("writing the archive failed");
}

}  // namespace accord::audit
