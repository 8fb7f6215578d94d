// Reads a JSON object field by field, recording a FieldError for each missing, mistyped,
// out-of-range or unknown key instead of throwing (the WASM client runs without exceptions).
#pragma once
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "accord/enum_table.hpp"
#include "accord/error_code.hpp"

namespace accord {

class JsonReader {
public:
    // `known` lists every key the object may carry; any other key is an unknown_field error.
    JsonReader(const nlohmann::json& object, FieldErrors& errors, std::initializer_list<const char*> known);

    bool is_object() const { return object_.is_object(); }
    bool has(const char* key) const;

    // Each returns true when the key was present with the right type and `out` was set.
    bool string(const char* key, std::string& out, bool required = true);
    bool integer(const char* key, std::int64_t& out, bool required = true);
    bool boolean(const char* key, bool& out, bool required = true);
    bool string_list(const char* key, std::vector<std::string>& out, bool required = true);
    // An array of integers; a bad element is reported as "key[i]".
    bool integer_list(const char* key, std::vector<std::int64_t>& out, bool required = true);
    // The nested object under `key` (nullptr after recording an error when missing or not an object).
    const nlohmann::json* object(const char* key, bool required = true);

    template <typename E>
    bool enumeration(const char* key, E& out, bool required = true) {
        std::string text;
        if (!string(key, text, required)) return false;
        if (from_key(text, out)) return true;
        errors_.push_back({key, ErrorCode::invalid_choice, 0});
        return false;
    }

private:
    const nlohmann::json* find(const char* key, bool required);
    const nlohmann::json& object_;
    FieldErrors& errors_;
};

// Parses text without throwing; returns a discarded value (is_discarded()) on malformed input.
nlohmann::json parse_json(const std::string& text);

}  // namespace accord
