// Messages and internal notes on a case (append-only).
#pragma once
#include <string>
#include <vector>

#include "accord/messages.hpp"
#include "accord/time.hpp"
#include "db/database.hpp"

namespace accord::db {

struct MessageRecord {
    std::int64_t id = 0;
    std::int64_t dispute_id = 0;
    std::int64_t author_id = 0;
    std::string author_name;
    std::string author_role;
    MessageVisibility visibility = MessageVisibility::all;
    std::string body;
    Timestamp at = 0;
};

std::int64_t insert_message(Database& db, const MessageRecord& m);
std::vector<MessageRecord> list_messages(Database& db, std::int64_t dispute_id);

}  // namespace accord::db
