// The two languages every message and label is written in.
#pragma once
#include <string_view>

namespace accord {

enum class Lang { zh_CN, en };

// Picks the language from an Accept-Language header or a `lang` value ("zh-CN", "en-US,en;q=0.8").
// Chinese is the default: the platform's users are mainland-China marketplaces.
inline Lang parse_lang(std::string_view header) {
    for (std::size_t i = 0; i + 1 < header.size(); ++i) {
        char a = header[i], b = header[i + 1];
        bool at_start = i == 0 || header[i - 1] == ',' || header[i - 1] == ' ';
        if (!at_start) continue;
        if ((a == 'e' || a == 'E') && (b == 'n' || b == 'N')) return Lang::en;
        if ((a == 'z' || a == 'Z') && (b == 'h' || b == 'H')) return Lang::zh_CN;
    }
    return Lang::zh_CN;
}

inline const char* lang_key(Lang lang) { return lang == Lang::zh_CN ? "zh-CN" : "en"; }

}  // namespace accord
