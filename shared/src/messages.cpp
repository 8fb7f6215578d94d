#include "accord/messages.hpp"

#include "accord/filing.hpp"
#include "accord/json_reader.hpp"

namespace accord {

FieldErrors validate_message(const MessageForm& form, Role author) {
    FieldErrors errors;
    if (!is_valid_utf8(form.body)) {
        errors.push_back({"body", ErrorCode::invalid_format, 0});
    } else {
        // Counted after trimming, like a filing's description: the ideographic space a Chinese IME types is
        // white space too, and the spaces around the text do not count against the limit.
        const std::size_t length = utf8_length(trim_spaces(form.body));
        if (length == 0) errors.push_back({"body", ErrorCode::required, 0});
        else if (length > kMessageMaxChars)
            errors.push_back({"body", ErrorCode::too_long, static_cast<std::int64_t>(kMessageMaxChars)});
    }
    if (form.visibility == MessageVisibility::staff && !is_staff(author))
        errors.push_back({"visibility", ErrorCode::invalid_choice, 0});
    return errors;
}

bool takes_part(const Case& c, const Actor& actor) {
    switch (relation_to(c, actor)) {
        case Relation::case_buyer:
        case Relation::case_merchant:
        case Relation::support:
        case Relation::assigned_mediator:
        case Relation::assigned_arbitrator:
        case Relation::approver:
        case Relation::admin: return true;
        case Relation::mediator:
        case Relation::arbitrator:
        case Relation::system:
        case Relation::outsider: return false;
    }
    return false;
}

bool may_read(MessageVisibility visibility, Role reader) {
    switch (visibility) {
        case MessageVisibility::all: return true;
        case MessageVisibility::staff: return is_staff(reader);
    }
    return false;
}

namespace api {

FieldErrors decode(const nlohmann::json& j, MessageForm& out) {
    FieldErrors errors;
    JsonReader r(j, errors, {"body", "visibility"});
    if (!r.is_object()) {
        if (errors.empty()) errors.push_back({"", ErrorCode::wrong_type, 0});
        return errors;
    }
    r.string("body", out.body);
    r.enumeration("visibility", out.visibility, /*required=*/false);
    return errors;
}

nlohmann::json encode(const MessageForm& m) { return {{"body", m.body}, {"visibility", to_key(m.visibility)}}; }

}  // namespace api

}  // namespace accord
