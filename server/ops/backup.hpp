// `accord-server backup --to FILE`: a consistent copy of the database while the server serves.
#pragma once
#include <cstdint>
#include <string>

namespace accord::ops {

// Copies the database at `db_path` into `to` with SQLite's online backup API, in one step under
// one read transaction (WAL: the server keeps writing meanwhile; the copy is the state of one
// instant). Written to a temporary file beside `to`, checked, then renamed over it, so `to` is
// never a half-written database. Returns the copy's size in bytes; throws with the reason.
std::int64_t backup_database(const std::string& db_path, const std::string& to);

}  // namespace accord::ops
