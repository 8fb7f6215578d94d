// Messages on a case: the parties and the staff write to each other; staff also keep internal
// notes that the parties never see.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "accord/enum_table.hpp"
#include "accord/error_code.hpp"
#include "accord/lifecycle.hpp"
#include "accord/role.hpp"

namespace accord {

enum class MessageVisibility { all, staff };

template <>
struct EnumTable<MessageVisibility> {
    static constexpr EnumEntry<MessageVisibility> entries[] = {
        {MessageVisibility::all, "all", "双方及平台可见", "Visible to both parties and staff"},
        {MessageVisibility::staff, "staff", "内部备注（仅平台可见）", "Internal note (staff only)"},
    };
};

struct MessageForm {
    std::string body;
    MessageVisibility visibility = MessageVisibility::all;
};

constexpr std::size_t kMessageMaxChars = 2000;

// 1..2000 characters after trimming, valid UTF-8; only staff write internal notes.
FieldErrors validate_message(const MessageForm& form, Role author);
// Who writes on a case: its buyer and merchant, and the staff working it (support, the assigned
// mediator or arbitrator, approvers, admins) — not a mediator or arbitrator from another case.
bool takes_part(const Case& c, const Actor& actor);
// Who sees a message: everyone on the case, or staff only.
bool may_read(MessageVisibility visibility, Role reader);

namespace api {
// {"body": "...", "visibility": "all"|"staff"}; visibility may be omitted (all). Strict.
FieldErrors decode(const nlohmann::json& j, MessageForm& out);
nlohmann::json encode(const MessageForm& m);
}  // namespace api

}  // namespace accord
