#include "accord/json_reader.hpp"

#include <limits>

namespace accord {

JsonReader::JsonReader(const nlohmann::json& object, FieldErrors& errors,
                       std::initializer_list<const char*> known)
    : object_(object), errors_(errors) {
    if (!object_.is_object()) {
        errors_.push_back({"", ErrorCode::wrong_type, 0});
        return;
    }
    for (auto it = object_.begin(); it != object_.end(); ++it) {
        bool is_known = false;
        for (const char* k : known)
            if (it.key() == k) is_known = true;
        if (!is_known) errors_.push_back({it.key(), ErrorCode::unknown_field, 0});
    }
}

bool JsonReader::has(const char* key) const {
    return object_.is_object() && object_.find(key) != object_.end();
}

const nlohmann::json* JsonReader::find(const char* key, bool required) {
    if (!object_.is_object()) return nullptr;
    const auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) {
        if (required) errors_.push_back({key, ErrorCode::required, 0});
        return nullptr;
    }
    return &*it;
}

bool JsonReader::string(const char* key, std::string& out, bool required) {
    const nlohmann::json* v = find(key, required);
    if (v == nullptr) return false;
    if (!v->is_string()) {
        errors_.push_back({key, ErrorCode::wrong_type, 0});
        return false;
    }
    out = v->get_ref<const std::string&>();
    return true;
}

bool JsonReader::integer(const char* key, std::int64_t& out, bool required) {
    const nlohmann::json* v = find(key, required);
    if (v == nullptr) return false;
    if (v->is_number_unsigned()) {
        const auto u = v->get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            errors_.push_back({key, ErrorCode::invalid_format, 0});
            return false;
        }
        out = static_cast<std::int64_t>(u);
        return true;
    }
    if (!v->is_number_integer()) {
        errors_.push_back({key, ErrorCode::wrong_type, 0});
        return false;
    }
    out = v->get<std::int64_t>();
    return true;
}

bool JsonReader::boolean(const char* key, bool& out, bool required) {
    const nlohmann::json* v = find(key, required);
    if (v == nullptr) return false;
    if (!v->is_boolean()) {
        errors_.push_back({key, ErrorCode::wrong_type, 0});
        return false;
    }
    out = v->get<bool>();
    return true;
}

bool JsonReader::string_list(const char* key, std::vector<std::string>& out, bool required) {
    const nlohmann::json* v = find(key, required);
    if (v == nullptr) return false;
    if (!v->is_array()) {
        errors_.push_back({key, ErrorCode::wrong_type, 0});
        return false;
    }
    out.clear();
    for (std::size_t i = 0; i < v->size(); ++i) {
        const nlohmann::json& item = (*v)[i];
        if (!item.is_string()) {
            errors_.push_back({std::string(key) + "[" + std::to_string(i) + "]", ErrorCode::wrong_type, 0});
            return false;
        }
        out.push_back(item.get_ref<const std::string&>());
    }
    return true;
}

bool JsonReader::integer_list(const char* key, std::vector<std::int64_t>& out, bool required) {
    const nlohmann::json* v = find(key, required);
    if (v == nullptr) return false;
    if (!v->is_array()) {
        errors_.push_back({key, ErrorCode::wrong_type, 0});
        return false;
    }
    out.clear();
    for (std::size_t i = 0; i < v->size(); ++i) {
        const nlohmann::json& item = (*v)[i];
        const std::string at = std::string(key) + "[" + std::to_string(i) + "]";
        if (item.is_number_unsigned() &&
            item.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            errors_.push_back({at, ErrorCode::invalid_format, 0});
            return false;
        }
        if (!item.is_number_integer()) {
            errors_.push_back({at, ErrorCode::wrong_type, 0});
            return false;
        }
        out.push_back(item.get<std::int64_t>());
    }
    return true;
}

const nlohmann::json* JsonReader::object(const char* key, bool required) {
    const nlohmann::json* v = find(key, required);
    if (v == nullptr) return nullptr;
    if (!v->is_object()) {
        errors_.push_back({key, ErrorCode::wrong_type, 0});
        return nullptr;
    }
    return v;
}

nlohmann::json parse_json(const std::string& text) {
    return nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
}

}  // namespace accord
