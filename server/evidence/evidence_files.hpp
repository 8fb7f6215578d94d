// Evidence bytes on disk, under <data-dir>/evidence/: an upload streams into a temp file, is
// checked (type by content, size) and hashed as it arrives, and is moved into place as
// <dispute_id>/<evidence_id> only inside the transaction that records it. A refused or failed
// upload leaves no file; files a crash left without a row are removed at start.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "accord/evidence.hpp"
#include "auth/crypto.hpp"
#include "db/database.hpp"

namespace accord::evidence {

enum class UploadProblem { none, unsupported_type, too_large, io_error };

// One upload in progress. The temp file is removed when this goes unless commit() moved it.
class Upload {
public:
    Upload(const std::string& data_dir, std::int64_t max_bytes);
    ~Upload();
    Upload(const Upload&) = delete;
    Upload& operator=(const Upload&) = delete;

    // Appends bytes; false (and problem() says why) as soon as the file is refused.
    bool write(const char* data, std::size_t size);
    // Call when all bytes arrived: sniffs a file shorter than the sniff window, flushes to disk.
    bool finish();
    UploadProblem problem() const { return problem_; }
    std::int64_t size() const { return size_; }
    std::optional<EvidenceType> type() const { return type_; }
    std::string sha256() { return sha_hex_; }
    // Moves the file to its final place; false on failure (nothing is left behind then).
    bool commit(std::int64_t dispute_id, std::int64_t evidence_id);

private:
    std::string data_dir_;
    std::string temp_path_;
    int fd_ = -1;
    std::int64_t max_bytes_;
    std::int64_t size_ = 0;
    std::string head_;  // the first bytes, until the type is known
    std::optional<EvidenceType> type_;
    auth::Sha256Stream sha_;
    std::string sha_hex_;
    UploadProblem problem_ = UploadProblem::none;
    bool committed_ = false;
};

std::string file_path(const std::string& data_dir, std::int64_t dispute_id, std::int64_t evidence_id);
// Removes temp files and files without an evidence row (a crash between move and commit).
int remove_orphans(db::Database& db, const std::string& data_dir);

}  // namespace accord::evidence
