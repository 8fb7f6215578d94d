// Evidence files: what a file is (decided by its first bytes, never by its name or the type a
// browser claims) and the name it is kept under. The server enforces both on every upload; the
// client checks a picked file with the same functions before sending it.
#pragma once
#include <cstddef>
#include <optional>
#include <string>

#include "accord/enum_table.hpp"

namespace accord {

enum class EvidenceType { jpeg, png, webp, pdf, mp4 };

template <>
struct EnumTable<EvidenceType> {
    static constexpr EnumEntry<EvidenceType> entries[] = {
        {EvidenceType::jpeg, "jpeg", "JPEG 图片", "JPEG image"},
        {EvidenceType::png, "png", "PNG 图片", "PNG image"},
        {EvidenceType::webp, "webp", "WebP 图片", "WebP image"},
        {EvidenceType::pdf, "pdf", "PDF 文档", "PDF document"},
        {EvidenceType::mp4, "mp4", "MP4 视频", "MP4 video"},
    };
};

// Bytes needed to tell every accepted type apart.
constexpr std::size_t kEvidenceSniffBytes = 12;

// The type of a file from its first bytes (at least kEvidenceSniffBytes of them, or the whole
// file if shorter); nothing when it is none of the accepted types.
std::optional<EvidenceType> sniff_evidence_type(const unsigned char* head, std::size_t size);
const char* media_type(EvidenceType t);  // "image/jpeg", ...
bool is_image(EvidenceType t);

// A name safe to store and to offer in a download: the last path segment only, no control
// characters or characters file systems reserve, no leading dots, valid UTF-8, at most 120
// characters; "evidence" when nothing is left. Chinese names stay as they are.
std::string sanitize_file_name(const std::string& name);

}  // namespace accord
