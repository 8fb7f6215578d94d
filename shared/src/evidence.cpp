#include "accord/evidence.hpp"

#include <cstring>

#include "accord/filing.hpp"

namespace accord {

namespace {

bool starts(const unsigned char* head, std::size_t size, const char* magic, std::size_t n, std::size_t at = 0) {
    return size >= at + n && std::memcmp(head + at, magic, n) == 0;
}

// ISO base media brands that are MP4 (not QuickTime "qt  ", not HEIF images "heic"/"mif1").
bool is_mp4_brand(const unsigned char* brand) {
    static const char* const kBrands[] = {"isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41",
                                          "mp42", "avc1", "dash", "M4V ", "mmp4", "MSNV"};
    for (const char* b : kBrands)
        if (std::memcmp(brand, b, 4) == 0) return true;
    return false;
}

// U+200E/U+200F, U+202A..U+202E, U+2066..U+2069: marks that reorder how a name is displayed.
bool is_direction_mark(const std::string& s, std::size_t i) {
    if (i + 2 >= s.size() || static_cast<unsigned char>(s[i]) != 0xE2) return false;
    const auto b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
    return (b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (b2 >= 0xAA && b2 <= 0xAE))) ||
           (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9);
}

}  // namespace

std::optional<EvidenceType> sniff_evidence_type(const unsigned char* head, std::size_t size) {
    if (starts(head, size, "\xFF\xD8\xFF", 3)) return EvidenceType::jpeg;
    if (starts(head, size, "\x89PNG\r\n\x1A\n", 8)) return EvidenceType::png;
    if (starts(head, size, "RIFF", 4) && starts(head, size, "WEBP", 4, 8)) return EvidenceType::webp;
    if (starts(head, size, "%PDF-", 5)) return EvidenceType::pdf;
    if (starts(head, size, "ftyp", 4, 4) && size >= 12 && is_mp4_brand(head + 8)) return EvidenceType::mp4;
    return std::nullopt;
}

const char* media_type(EvidenceType t) {
    switch (t) {
        case EvidenceType::jpeg: return "image/jpeg";
        case EvidenceType::png: return "image/png";
        case EvidenceType::webp: return "image/webp";
        case EvidenceType::pdf: return "application/pdf";
        case EvidenceType::mp4: return "video/mp4";
    }
    return "application/octet-stream";
}

bool is_image(EvidenceType t) {
    switch (t) {
        case EvidenceType::jpeg:
        case EvidenceType::png:
        case EvidenceType::webp: return true;
        case EvidenceType::pdf:
        case EvidenceType::mp4: return false;
    }
    return false;
}

std::string sanitize_file_name(const std::string& name) {
    // The last segment of whatever path the browser sent (Windows or POSIX separators).
    const std::size_t cut = name.find_last_of("/\\");
    std::string base = cut == std::string::npos ? name : name.substr(cut + 1);
    if (!is_valid_utf8(base)) base.clear();
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < base.size() && chars < 120;) {
        const unsigned char ch = static_cast<unsigned char>(base[i]);
        const std::size_t len = ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
        if (ch < 0x80) {
            if (ch < 0x20 || ch == 0x7F) {
                // control characters vanish
            } else if (std::strchr("<>:\"|?*;", static_cast<char>(ch)) != nullptr) {
                out += '_';
                ++chars;
            } else if (!(out.empty() && (ch == '.' || ch == ' '))) {
                out += static_cast<char>(ch);  // no leading dots (hidden files, "..") or spaces
                ++chars;
            }
        } else if (ch == 0xC2 && static_cast<unsigned char>(base[i + 1]) <= 0x9F) {
            // the C1 control characters U+0080..U+009F (C2 80..C2 9F) vanish too
        } else if (is_direction_mark(base, i)) {
            // so do direction overrides: "photo\u202Egpj.exe" would read as "photoexe.jpg"
        } else {
            out.append(base, i, len);
            ++chars;
        }
        i += len;
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
    return out.empty() ? "evidence" : out;
}

}  // namespace accord
