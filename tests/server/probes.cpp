#include "probes.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <stdexcept>

namespace accord::test {

static std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string RawResponse::header(const std::string& name) const {
    const std::string want = lower(name);
    for (const auto& [k, v] : headers)
        if (lower(k) == want) return v;
    return "";
}

bool RawResponse::has_header(const std::string& name) const {
    const std::string want = lower(name);
    return std::any_of(headers.begin(), headers.end(), [&](const auto& h) { return lower(h.first) == want; });
}

RawResponse raw_http(int port, const std::string& request) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("socket failed");
    timeval tv{5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        close(fd);
        throw std::runtime_error("connect failed");
    }
    std::size_t sent = 0;
    while (sent < request.size()) {
        const ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;  // the server may reply and close before reading everything
        sent += static_cast<std::size_t>(n);
    }
    std::string text;
    char buf[8192];
    for (;;) {
        const ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        text.append(buf, static_cast<std::size_t>(n));
    }
    close(fd);

    RawResponse out;
    const auto head_end = text.find("\r\n\r\n");
    if (head_end == std::string::npos || text.rfind("HTTP/1.", 0) != 0) return out;
    const std::string head = text.substr(0, head_end);
    const auto first_eol = head.find("\r\n");
    const std::string status_line = head.substr(0, first_eol);
    out.status = std::atoi(status_line.substr(status_line.find(' ') + 1).c_str());
    std::size_t pos = first_eol == std::string::npos ? head.size() : first_eol + 2;
    while (pos < head.size()) {
        const auto eol = std::min(head.find("\r\n", pos), head.size());
        const std::string line = head.substr(pos, eol - pos);
        const auto colon = line.find(':');
        if (colon != std::string::npos) {
            std::string value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') value.erase(0, 1);
            out.headers.emplace_back(line.substr(0, colon), value);
        }
        pos = eol + 2;
    }
    out.body = text.substr(head_end + 4);
    if (out.has_header("Content-Length")) {
        const auto len = static_cast<std::size_t>(std::stoull(out.header("Content-Length")));
        if (out.body.size() > len) out.body.resize(len);
    }
    return out;
}

RawResponse raw_get(int port, const std::string& target, const std::string& extra_headers) {
    return raw_http(port,
                    "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers + "Connection: close\r\n\r\n");
}

namespace {
struct Db {
    sqlite3* db = nullptr;
    explicit Db(const std::string& path) {
        if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
            const std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
            sqlite3_close(db);
            throw std::runtime_error("cannot open " + path + ": " + msg);
        }
        sqlite3_busy_timeout(db, 5000);
    }
    ~Db() { sqlite3_close(db); }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;
};
}  // namespace

std::int64_t sql_int(const std::string& db_path, const std::string& sql) {
    Db d(db_path);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(d.db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
        throw std::runtime_error(sql + ": " + sqlite3_errmsg(d.db));
    if (sqlite3_step(stmt) != SQLITE_ROW) {
        const std::string msg = sqlite3_errmsg(d.db);
        sqlite3_finalize(stmt);
        throw std::runtime_error(sql + ": no row (" + msg + ")");
    }
    const std::int64_t value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return value;
}

std::vector<std::string> query_plan(const std::string& db_path, const std::string& sql) {
    Db d(db_path);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(d.db, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &stmt, nullptr) != SQLITE_OK)
        throw std::runtime_error(sql + ": " + sqlite3_errmsg(d.db));
    std::vector<std::string> plan;
    while (sqlite3_step(stmt) == SQLITE_ROW)
        plan.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 3)));
    sqlite3_finalize(stmt);
    return plan;
}

std::string joined(const std::vector<std::string>& plan) {
    std::string out;
    for (const std::string& s : plan) out += s + " | ";
    return out;
}

std::string sql_text(const std::string& db_path, const std::string& sql) {
    Db d(db_path);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(d.db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
        throw std::runtime_error(sql + ": " + sqlite3_errmsg(d.db));
    if (sqlite3_step(stmt) != SQLITE_ROW) {
        const std::string msg = sqlite3_errmsg(d.db);
        sqlite3_finalize(stmt);
        throw std::runtime_error(sql + ": no row (" + msg + ")");
    }
    const unsigned char* text = sqlite3_column_text(stmt, 0);
    std::string value = text ? reinterpret_cast<const char*>(text) : "";
    sqlite3_finalize(stmt);
    return value;
}

std::string sql_exec(const std::string& db_path, const std::string& sql) {
    Db d(db_path);
    char* err = nullptr;
    if (sqlite3_exec(d.db, sql.c_str(), nullptr, nullptr, &err) == SQLITE_OK) return "";
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return msg;
}

WriteLockHolder::WriteLockHolder(const std::string& db_path) {
    if (sqlite3_open(db_path.c_str(), &db_) != SQLITE_OK) throw std::runtime_error("cannot open " + db_path);
    sqlite3_busy_timeout(db_, 5000);
    if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
        const std::string error = sqlite3_errmsg(db_);
        release();
        throw std::runtime_error("cannot take the write lock of " + db_path + ": " + error);
    }
}

void WriteLockHolder::release() {
    if (db_ == nullptr) return;
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
    db_ = nullptr;
}

static std::string sql_quote(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

std::vector<std::string> insert_orders(const std::string& db_path, std::size_t count, const std::string& buyer_username,
                                       const std::string& shop_name, std::int64_t total_minor, int delivered_days_ago,
                                       std::int64_t now) {
    static int counter = 0;
    constexpr std::int64_t kDay = 24 * 60 * 60;
    if (now == 0) now = static_cast<std::int64_t>(std::time(nullptr));
    const std::int64_t delivered_at = delivered_days_ago < 0 ? 0 : now - delivered_days_ago * kDay;
    const std::int64_t placed_at = (delivered_days_ago < 0 ? now : delivered_at) - 2 * kDay;
    std::vector<std::string> refs;
    std::string values;
    for (std::size_t i = 0; i < count; ++i) {
        refs.push_back("T-" + std::to_string(getpid()) + "-" + std::to_string(++counter));
        // An unknown buyer or shop makes a subselect NULL, which the NOT NULL columns refuse.
        values += std::string(values.empty() ? "" : ", ") + "(" + sql_quote(refs.back()) +
                  ", (SELECT id FROM users WHERE role = 'buyer' AND username = " + sql_quote(buyer_username) +
                  "), (SELECT id FROM merchants WHERE name = " + sql_quote(shop_name) + "), " +
                  sql_quote("测试订单 " + refs.back()) + ", " + std::to_string(total_minor) + ", 'CNY', " +
                  std::to_string(placed_at) + ", " + std::to_string(delivered_at) + ")";
    }
    if (refs.empty()) return refs;
    const std::string error = sql_exec(db_path,
                                       "INSERT INTO orders (order_ref, buyer_id, merchant_id, item_title, total_minor, "
                                       "currency, placed_at, delivered_at) VALUES " +
                                           values);
    if (!error.empty())
        throw std::runtime_error("adding orders of " + buyer_username + " at " + shop_name + " failed: " + error);
    return refs;
}

std::int64_t server_now(const ServerProcess& server) {
    if (server.pid() > 0) {
        httplib::Client c = server.client();
        auto r = c.Get("/api/v1/health");
        if (r && r->status == 200) {
            const nlohmann::json body = nlohmann::json::parse(r->body, nullptr, false);
            if (body.is_object() && body.contains("now") && body["now"].is_number_integer())
                return body["now"].get<std::int64_t>();
        }
    }
    return static_cast<std::int64_t>(std::time(nullptr));
}

std::vector<std::string> add_orders(ServerProcess& server, std::size_t count, const std::string& buyer_username,
                                    const std::string& shop_name, std::int64_t total_minor, int delivered_days_ago) {
    return insert_orders(server.db_path(), count, buyer_username, shop_name, total_minor, delivered_days_ago,
                         server_now(server));
}

std::string add_order(ServerProcess& server, const std::string& buyer_username, const std::string& shop_name,
                      std::int64_t total_minor, int delivered_days_ago) {
    return add_orders(server, 1, buyer_username, shop_name, total_minor, delivered_days_ago).front();
}

nlohmann::json filing_body(const std::string& order_ref, const std::string& remedy, std::int64_t amount_minor) {
    return {{"order_ref", order_ref},
            {"category", "quality_defect"},
            {"requested_remedy", remedy},
            {"amount_minor", amount_minor},
            {"currency", "CNY"},
            {"description", "耳机左耳没有声音，换了设备也一样。"},
            {"channel", "web"}};
}

ServerProcess& SharedServer::server() {
    if (!server_) server_ = std::make_unique<ServerProcess>("", extra_args_);
    return *server_;
}

Session SharedServer::as(const std::string& username, const std::string& lang) {
    // Sessions end 7 days after sign-in and 24 hours after their last use, on the server's clock;
    // sign in again well before either.
    constexpr std::int64_t kFresh = 6 * 24 * 60 * 60;
    constexpr std::int64_t kRecentlyUsed = 20 * 60 * 60;
    auto it = cookies_.find(username);
    if (it != cookies_.end() && (advanced_ - it->second.signed_in_after > kFresh ||
                                 advanced_ - it->second.handed_out_after > kRecentlyUsed)) {
        cookies_.erase(it);
        it = cookies_.end();
    }
    if (it == cookies_.end())
        it = cookies_.emplace(username, Cookie{sign_in(server(), username).cookie, advanced_, advanced_}).first;
    it->second.handed_out_after = advanced_;
    return Session{server().client(), it->second.value, lang};
}

nlohmann::json SharedServer::advance_clock(std::int64_t seconds) {
    httplib::Client c = server().client();
    c.set_read_timeout(60);  // it fires everything that fell due before it answers
    auto r = c.Post("/api/v1/test/clock", nlohmann::json{{"advance_seconds", seconds}}.dump(), "application/json");
    if (!r || r->status != 200)
        throw std::runtime_error("POST /api/v1/test/clock failed (is --test-clock on?): " +
                                 (r ? std::to_string(r->status) + " " + r->body : std::string("no reply")));
    advanced_ += seconds;
    return nlohmann::json::parse(r->body);
}

TempDir::TempDir() {
    char tmpl[] = "/tmp/accord-test-XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

}  // namespace accord::test
