#include "db/message_repository.hpp"

namespace accord::db {

std::int64_t insert_message(Database& db, const MessageRecord& m) {
    Query s = db.statement("INSERT INTO messages (dispute_id, author_id, visibility, body, at) VALUES (?,?,?,?,?)");
    s.bind(1, m.dispute_id).bind(2, m.author_id).bind(3, std::string(to_key(m.visibility))).bind(4, m.body).bind(5, m.at);
    s.run();
    return db.last_insert_id();
}

std::vector<MessageRecord> list_messages(Database& db, std::int64_t dispute_id) {
    Query s = db.statement(
        "SELECT m.id, m.dispute_id, m.author_id, u.display_name, u.role, m.visibility, m.body, m.at "
        "FROM messages m JOIN users u ON u.id = m.author_id WHERE m.dispute_id = ? ORDER BY m.id");
    s.bind(1, dispute_id);
    std::vector<MessageRecord> out;
    while (s.step()) {
        MessageRecord m{s.integer(0), s.integer(1), s.integer(2), s.text(3), s.text(4), MessageVisibility::all,
                        s.text(6), s.integer(7)};
        if (!from_key(s.text(5), m.visibility)) throw DbError("unknown visibility in messages row");
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace accord::db
