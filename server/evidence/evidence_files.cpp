#include "evidence/evidence_files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <system_error>
#include <vector>

namespace accord::evidence {

namespace fs = std::filesystem;

static void fsync_dir(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

std::string file_path(const std::string& data_dir, std::int64_t dispute_id, std::int64_t evidence_id) {
    return data_dir + "/evidence/" + std::to_string(dispute_id) + "/" + std::to_string(evidence_id);
}

Upload::Upload(const std::string& data_dir, std::int64_t max_bytes) : data_dir_(data_dir), max_bytes_(max_bytes) {
    std::error_code ec;
    fs::create_directories(data_dir_ + "/evidence/tmp", ec);
    std::string templ = data_dir_ + "/evidence/tmp/upload-XXXXXX";
    fd_ = ::mkstemp(templ.data());
    if (fd_ < 0) problem_ = UploadProblem::io_error;
    else temp_path_ = templ;
}

Upload::~Upload() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_ && !temp_path_.empty()) ::unlink(temp_path_.c_str());
}

bool Upload::write(const char* data, std::size_t size) {
    if (problem_ != UploadProblem::none) return false;
    size_ += static_cast<std::int64_t>(size);
    if (size_ > max_bytes_) {
        problem_ = UploadProblem::too_large;
        return false;
    }
    if (!type_ && head_.size() < kEvidenceSniffBytes) {
        head_.append(data, std::min(size, kEvidenceSniffBytes - head_.size()));
        if (head_.size() >= kEvidenceSniffBytes) {
            type_ = sniff_evidence_type(reinterpret_cast<const unsigned char*>(head_.data()), head_.size());
            if (!type_) {
                problem_ = UploadProblem::unsupported_type;
                return false;
            }
        }
    }
    sha_.update(data, size);
    for (std::size_t done = 0; done < size;) {
        const ssize_t n = ::write(fd_, data + done, size - done);
        if (n <= 0) {
            problem_ = UploadProblem::io_error;
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

bool Upload::finish() {
    if (problem_ != UploadProblem::none) return false;
    if (!type_) {
        type_ = sniff_evidence_type(reinterpret_cast<const unsigned char*>(head_.data()), head_.size());
        if (!type_ || size_ == 0) {
            problem_ = UploadProblem::unsupported_type;
            return false;
        }
    }
    // On disk before the row that points at it is committed.
    if (::fsync(fd_) != 0) {
        problem_ = UploadProblem::io_error;
        return false;
    }
    sha_hex_ = sha_.hex();
    return true;
}

bool Upload::commit(std::int64_t dispute_id, std::int64_t evidence_id) {
    const fs::path target = file_path(data_dir_, dispute_id, evidence_id);
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec || ::rename(temp_path_.c_str(), target.c_str()) != 0) return false;
    fsync_dir(target.parent_path());
    committed_ = true;
    return true;
}

int remove_orphans(db::Database& db, const std::string& data_dir) {
    const fs::path root = fs::path(data_dir) / "evidence";
    std::error_code ec;
    if (!fs::exists(root, ec)) return 0;
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(root, ec))
        if (entry.is_regular_file()) files.push_back(entry.path());
    int removed = 0;
    for (const fs::path& p : files) {
        bool keep = false;
        if (p.parent_path().filename() != "tmp") {
            db::Query q = db.statement("SELECT 1 FROM evidence WHERE id = ? AND dispute_id = ?");
            std::int64_t id = 0, dispute = 0;
            try {
                id = std::stoll(p.filename().string());
                dispute = std::stoll(p.parent_path().filename().string());
            } catch (...) {
                id = dispute = 0;
            }
            q.bind(1, id).bind(2, dispute);
            keep = q.step();
        }
        if (!keep && fs::remove(p, ec)) ++removed;
    }
    return removed;
}

}  // namespace accord::evidence
