#include "ops/backup.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <thread>

namespace accord::ops {

namespace fs = std::filesystem;

namespace {

struct Connection {
    sqlite3* db = nullptr;
    ~Connection() { sqlite3_close(db); }
};

void open(Connection& c, const std::string& path, int flags, const char* what) {
    if (sqlite3_open_v2(path.c_str(), &c.db, flags, nullptr) != SQLITE_OK)
        throw std::runtime_error(std::string("cannot open ") + what + " " + path + ": " +
                                 (c.db ? sqlite3_errmsg(c.db) : "out of memory"));
    sqlite3_busy_timeout(c.db, 5000);
}

void exec(Connection& c, const char* sql, const std::string& what) {
    char* err = nullptr;
    if (sqlite3_exec(c.db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        const std::string msg = err ? err : sqlite3_errmsg(c.db);
        sqlite3_free(err);
        throw std::runtime_error(what + ": " + msg);
    }
}

}  // namespace

std::int64_t backup_database(const std::string& db_path, const std::string& to) {
    if (!fs::exists(db_path)) throw std::runtime_error("no database at " + db_path);
    std::error_code ec;
    if (fs::equivalent(db_path, to, ec)) throw std::runtime_error("--to names the live database itself");
    if (fs::is_directory(to)) throw std::runtime_error("--to " + to + " is a directory; name a file");
    const fs::path target = fs::absolute(to);
    if (!fs::is_directory(target.parent_path()))
        throw std::runtime_error("no directory " + target.parent_path().string() + " for " + to);
    // Beside the target, so the final rename stays on one file system and is atomic.
    const std::string tmp = target.string() + ".tmp-" + std::to_string(::getpid());
    fs::remove(tmp, ec);
    try {
        {
            Connection src, dest;
            open(src, db_path, SQLITE_OPEN_READWRITE, "database");  // READWRITE: WAL readers map the -shm
            open(dest, tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "backup file");
            sqlite3_backup* b = sqlite3_backup_init(dest.db, "main", src.db, "main");
            if (b == nullptr) throw std::runtime_error(std::string("backup: ") + sqlite3_errmsg(dest.db));
            // -1: every page in one step, under one read transaction of the source, so the copy
            // is one instant of it. Copying in slices would restart on every write the server
            // commits meanwhile and might never finish on a busy server.
            int rc = SQLITE_OK;
            for (int attempt = 0; attempt < 100; ++attempt) {
                rc = sqlite3_backup_step(b, -1);
                if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
            sqlite3_backup_finish(b);
            if (rc != SQLITE_DONE) throw std::runtime_error(std::string("backup: ") + sqlite3_errstr(rc));
            // One self-contained file: no -wal beside it to copy along or lose.
            exec(dest, "PRAGMA journal_mode=DELETE", "backup file");
            sqlite3_stmt* check = nullptr;
            if (sqlite3_prepare_v2(dest.db, "PRAGMA quick_check", -1, &check, nullptr) != SQLITE_OK)
                throw std::runtime_error(std::string("backup check: ") + sqlite3_errmsg(dest.db));
            std::string verdict;
            if (sqlite3_step(check) == SQLITE_ROW)
                verdict = reinterpret_cast<const char*>(sqlite3_column_text(check, 0));
            sqlite3_finalize(check);
            if (verdict != "ok") throw std::runtime_error("backup check failed: " + verdict);
        }
        fs::rename(tmp, target);
    } catch (...) {
        fs::remove(tmp, ec);
        throw;
    }
    return static_cast<std::int64_t>(fs::file_size(target));
}

}  // namespace accord::ops
