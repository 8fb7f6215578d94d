// The server's connections to its SQLite file: one writer and a few readers. SQLite lets one
// connection write at a time anyway; in WAL mode readers read the last commit and never wait for
// a write in progress (even another process's). So a write or a slow query holds up only the
// work that needs the same connection: writes queue for the writer, reads take any free reader.
//
// A lease is one unit of work on one connection, returned when the lease goes. A thread holds at
// most one lease at a time (two would deadlock: a thread holding a reader while waiting for the
// writer, against one holding the writer while waiting for a reader); taking a second throws.
#pragma once
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace accord::db {

class Pool;

// The writer, held exclusively. Whatever reads a write depends on runs here too, so it reads
// what it then changes (inside its db::Transaction). A transaction the work left open is rolled back.
class WriteLease {
public:
    WriteLease(WriteLease&& other) noexcept;
    WriteLease& operator=(WriteLease&&) = delete;
    WriteLease(const WriteLease&) = delete;
    WriteLease& operator=(const WriteLease&) = delete;
    ~WriteLease();

    Database& operator*() const { return *db_; }
    Database* operator->() const { return db_; }

private:
    friend class Pool;
    WriteLease(Database& db, std::unique_lock<std::mutex> lock);
    Database* db_;
    std::unique_lock<std::mutex> lock_;
};

// A read-only connection for reads that write nothing after them. The lease is one read
// transaction: every statement in it sees the same commit, and it ends with the lease, so no
// old WAL snapshot outlives the request (later commits stay visible, checkpoints can proceed).
class ReadLease {
public:
    ReadLease(ReadLease&& other) noexcept;
    ReadLease& operator=(ReadLease&&) = delete;
    ReadLease(const ReadLease&) = delete;
    ReadLease& operator=(const ReadLease&) = delete;
    ~ReadLease();

    Database& operator*() const { return *db_; }
    Database* operator->() const { return db_; }

private:
    friend class Pool;
    ReadLease(Pool& pool, Database& db);
    Pool* pool_;
    Database* db_;
};

class Pool {
public:
    // Opens the writer (creating the file, WAL mode), then `readers` read-only connections.
    explicit Pool(const std::string& path, int readers = default_readers());
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    // Waits for the writer.
    WriteLease write();
    // The writer if no one holds it right now, else nothing (for work that may be skipped).
    std::optional<WriteLease> try_write();
    // Waits for a free reader.
    ReadLease read();

    int reader_count() const { return static_cast<int>(readers_.size()); }
    // Reads are short and CPU-bound once their pages are cached: readers beyond the cores only
    // add memory (each has its own page and statement cache). Twice the cores lets reads waiting
    // on the disk overlap with others; at least 4 so one slow list cannot take every reader,
    // at most 8 (the worker threads wait briefly for a reader rather than thrash the cores).
    static int default_readers();

private:
    friend class ReadLease;
    void give_back(Database& reader);

    // Declared first so it is closed last: the last connection to close checkpoints the WAL and
    // removes it, which a read-only one cannot do.
    Database writer_;
    std::mutex writer_mutex_;
    std::vector<std::unique_ptr<Database>> readers_;
    std::mutex free_mutex_;  // guards free_
    std::condition_variable reader_returned_;
    std::vector<Database*> free_;
};

}  // namespace accord::db
