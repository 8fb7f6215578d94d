#include "db/pool.hpp"

#include <algorithm>
#include <stdexcept>
#include <thread>

namespace accord::db {

namespace {

// Leases this thread holds (0 or 1): see the header on why never two.
thread_local int t_leases = 0;

void take_lease() {
    if (t_leases > 0)
        throw std::logic_error("a thread asked for a second database lease while holding one (deadlock risk)");
    ++t_leases;
}

// Ends a transaction the work left open: the next holder starts clean, and a reader lets go of
// its snapshot.
void end_transaction(Database& db, const char* how) {
    if (sqlite3_get_autocommit(db.handle()) != 0) return;
    try {
        db.exec(how);
    } catch (...) {
        // Nothing to do: SQLite itself rolls back what it could not end.
    }
}

}  // namespace

WriteLease::WriteLease(Database& db, std::unique_lock<std::mutex> lock) : db_(&db), lock_(std::move(lock)) {}

WriteLease::WriteLease(WriteLease&& other) noexcept : db_(other.db_), lock_(std::move(other.lock_)) {
    other.db_ = nullptr;
}

WriteLease::~WriteLease() {
    if (db_ == nullptr) return;
    end_transaction(*db_, "ROLLBACK");
    --t_leases;
}

ReadLease::ReadLease(Pool& pool, Database& db) : pool_(&pool), db_(&db) {
    // Deferred: the snapshot is taken at the first read, and never blocks on a writer.
    db_->exec("BEGIN");
}

ReadLease::ReadLease(ReadLease&& other) noexcept : pool_(other.pool_), db_(other.db_) { other.db_ = nullptr; }

ReadLease::~ReadLease() {
    if (db_ == nullptr) return;
    end_transaction(*db_, "COMMIT");
    end_transaction(*db_, "ROLLBACK");  // should a COMMIT ever fail
    pool_->give_back(*db_);
    --t_leases;
}

Pool::Pool(const std::string& path, int readers) : writer_(path) {
    for (int i = 0; i < std::max(readers, 1); ++i) {
        readers_.push_back(std::make_unique<Database>(path, Database::Access::read_only));
        free_.push_back(readers_.back().get());
    }
}

int Pool::default_readers() {
    const int cores = static_cast<int>(std::thread::hardware_concurrency());
    return std::clamp(2 * cores, 4, 8);
}

WriteLease Pool::write() {
    take_lease();
    try {
        return WriteLease(writer_, std::unique_lock<std::mutex>(writer_mutex_));
    } catch (...) {
        --t_leases;
        throw;
    }
}

std::optional<WriteLease> Pool::try_write() {
    take_lease();
    std::unique_lock<std::mutex> lock(writer_mutex_, std::try_to_lock);
    if (!lock.owns_lock()) {
        --t_leases;
        return std::nullopt;
    }
    return WriteLease(writer_, std::move(lock));
}

ReadLease Pool::read() {
    take_lease();
    Database* reader = nullptr;
    {
        std::unique_lock<std::mutex> lock(free_mutex_);
        reader_returned_.wait(lock, [this] { return !free_.empty(); });
        reader = free_.back();
        free_.pop_back();
    }
    try {
        return ReadLease(*this, *reader);
    } catch (...) {
        give_back(*reader);
        --t_leases;
        throw;
    }
}

void Pool::give_back(Database& reader) {
    {
        std::lock_guard<std::mutex> lock(free_mutex_);
        free_.push_back(&reader);
    }
    reader_returned_.notify_one();
}

}  // namespace accord::db
