// `accord-server export-case ID`: one self-contained archive of a case for a court or an
// arbitration institution: the case as stored, its full timeline with the hash chain, its
// messages, every evidence file with its SHA-256, a verification report, SHA256SUMS, and a
// short script that re-checks the hash chain and the files without Accord (Python 3 only).
#pragma once
#include <string>

#include "auth/crypto.hpp"
#include "db/database.hpp"

namespace accord::audit {

// Writes the archive to `out_path` (a .tar). Returns the verification report's text; throws when
// the case does not exist or the archive cannot be written.
std::string export_case(db::Database& db, const auth::ChainKey& key, const std::string& data_dir, std::int64_t id,
                        const std::string& out_path);

}  // namespace accord::audit
