// Numbers from paths, query strings and headers, strictly: digits only, no sign, no spaces.
#pragma once
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>

namespace accord::http {

inline bool parse_count(const std::string& text, std::int64_t& out) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && out >= 0;
}

inline bool parse_id(const std::string& text, std::int64_t& out) { return parse_count(text, out) && out > 0; }

// The case version an If-Match names: our entity tags are "<version>" or "<version>-<digest>"
// (quoted, maybe weak); a bare number is taken too. Nothing when it is none of these.
inline std::optional<std::int64_t> parse_version_tag(std::string tag) {
    if (tag.rfind("W/", 0) == 0) tag = tag.substr(2);
    if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') tag = tag.substr(1, tag.size() - 2);
    tag = tag.substr(0, tag.find('-'));
    std::int64_t v = 0;
    if (!parse_id(tag, v)) return std::nullopt;
    return v;
}

inline std::string version_tag(std::int64_t version) { return "\"" + std::to_string(version) + "\""; }

}  // namespace accord::http
