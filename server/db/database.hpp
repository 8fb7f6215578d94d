// One SQLite connection: WAL mode, prepared statements cached and reused, RAII transactions.
// A connection is used by one thread at a time; the server shares its connections through
// db::Pool (db/pool.hpp), one writer and a few readers.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

namespace accord::db {

struct DbError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Statement {
public:
    Statement(sqlite3* db, const std::string& sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, const std::string& value);
    Statement& bind_blob(int index, const void* data, int size);
    bool step();  // true while a row is available
    void run();   // steps to completion, for statements without rows
    void reset();

    std::int64_t integer(int column) const;
    std::string text(int column) const;
    bool is_null(int column) const;

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

// A cached statement in use. It is reset when this handle goes: a lookup that stopped on its
// row would otherwise keep a read transaction open, pinning an old WAL snapshot (later rows by
// other connections stay invisible) and making every later write fail with "database is locked".
class Query {
public:
    explicit Query(Statement& s) : s_(&s) {}
    ~Query() {
        if (s_ != nullptr) s_->reset();
    }
    Query(Query&& other) noexcept : s_(other.s_) { other.s_ = nullptr; }
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;
    Query& operator=(Query&&) = delete;

    operator Statement&() { return *s_; }
    Statement& bind(int index, std::int64_t value) { return s_->bind(index, value); }
    Statement& bind(int index, const std::string& value) { return s_->bind(index, value); }
    bool step() { return s_->step(); }
    void run() { s_->run(); }
    std::int64_t integer(int column) const { return s_->integer(column); }
    std::string text(int column) const { return s_->text(column); }

private:
    Statement* s_;
};

class Database {
public:
    enum class Access {
        read_write,  // creates the file if needed and puts it in WAL mode
        read_only,   // an existing file; SQLite refuses any write on it
    };
    // Opens the file and applies the connection settings.
    explicit Database(const std::string& path, Access access = Access::read_write);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(const std::string& sql);
    // A cached prepared statement, ready to bind, reset again when the returned handle goes.
    Query statement(const std::string& sql);
    std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
    int changes() const { return sqlite3_changes(db_); }
    sqlite3* handle() { return db_; }
    // How long a statement waits for another connection's lock before failing "database is locked".
    int busy_timeout_ms() const { return busy_ms_; }
    void set_busy_timeout_ms(int ms);

private:
    sqlite3* db_ = nullptr;
    int busy_ms_ = 0;
    std::map<std::string, std::unique_ptr<Statement>> cache_;
};

// Rolls back unless commit() was called: an error half-way writes nothing.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    void commit();

private:
    Database& db_;
    bool done_ = false;
};

// A shorter (or longer) busy timeout for one scope, e.g. a probe that must answer quickly or
// a best-effort write that must not wait; the connection's own timeout comes back after.
class BusyTimeout {
public:
    BusyTimeout(Database& db, int ms) : db_(db), saved_ms_(db.busy_timeout_ms()) { db_.set_busy_timeout_ms(ms); }
    ~BusyTimeout() { db_.set_busy_timeout_ms(saved_ms_); }
    BusyTimeout(const BusyTimeout&) = delete;
    BusyTimeout& operator=(const BusyTimeout&) = delete;

private:
    Database& db_;
    int saved_ms_;
};

}  // namespace accord::db
