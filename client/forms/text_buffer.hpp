// The forms edit fixed char buffers (what ImGui's InputText takes): text put into one from
// elsewhere (storage, an address) is cut at a character boundary if it does not fit.
#pragma once
#include <cstring>
#include <string_view>

namespace accord::client {

template <std::size_t N>
void copy_text(char (&dest)[N], std::string_view text) {
    std::size_t len = text.size() < N - 1 ? text.size() : N - 1;
    while (len > 0 && len < text.size() && (static_cast<unsigned char>(text[len]) & 0xC0) == 0x80) --len;
    std::memcpy(dest, text.data(), len);
    dest[len] = '\0';
}

}  // namespace accord::client
