// One table per enum maps each value to its wire key and its zh-CN / en labels,
// so JSON, SQL and UI all spell a value the same way.
#pragma once
#include <cstddef>
#include <string_view>

#include "accord/lang.hpp"

namespace accord {

template <typename E>
struct EnumEntry {
    E value;
    const char* key;  // snake_case, used in JSON, SQL and URLs
    const char* zh;
    const char* en;
};

// Specialised next to each enum: `static constexpr EnumEntry<E> entries[] = {...};`
template <typename E>
struct EnumTable;

template <typename E>
constexpr std::size_t enum_count() {
    return sizeof(EnumTable<E>::entries) / sizeof(EnumTable<E>::entries[0]);
}

template <typename E>
const char* to_key(E value) {
    for (const auto& e : EnumTable<E>::entries)
        if (e.value == value) return e.key;
    return "";
}

template <typename E>
bool from_key(std::string_view key, E& out) {
    for (const auto& e : EnumTable<E>::entries)
        if (key == e.key) {
            out = e.value;
            return true;
        }
    return false;
}

template <typename E>
const char* label(E value, Lang lang) {
    for (const auto& e : EnumTable<E>::entries)
        if (e.value == value) return lang == Lang::zh_CN ? e.zh : e.en;
    return "";
}

}  // namespace accord
