// Concurrent clients and crashes: If-Match lets exactly one of two writers of the same version
// through; a server killed with SIGKILL in the middle of actions and uploads comes back with
// every acknowledged action in its history, an intact database, and evidence files matching
// their rows one to one.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "auth/crypto.hpp"
#include "fixtures.hpp"

using namespace accord::test;

namespace {

// Releases every waiting thread at once.
class StartLine {
public:
    void wait() {
        std::unique_lock<std::mutex> lock(mutex_);
        cv_.wait(lock, [this] { return go_; });
    }
    void release() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            go_ = true;
        }
        cv_.notify_all();
    }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    bool go_ = false;
};

// A case in negotiation (the merchant made an offer): both parties may make offers at will.
std::int64_t negotiating_case(SharedServer& w) {
    Session buyer = w.as("buyer"), merchant = w.as("merchant"), support = w.as("support");
    const std::int64_t id =
        file_case(buyer, filing_body(add_order(w.server(), "buyer", kDigitalShop), "partial_refund", 30000));
    act(support, id, accept_case());
    act(merchant, id, {{"action", "merchant_offer"}, {"terms", terms("partial_refund", 10000)}});
    return id;
}

json offer(std::int64_t amount) { return {{"action", "make_offer"}, {"terms", terms("partial_refund", amount)}}; }

// A connection that sends the head of an evidence upload and part of its body, then stalls:
// the server has started a temp file for it. Closed when this goes.
class StalledUpload {
public:
    StalledUpload(int port, const std::string& cookie, std::int64_t id) {
        fd_ = socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0);
        const std::string body = multipart_body({{"file", "big.jpg", "image/jpeg", jpeg_bytes(2 * 1024 * 1024)}});
        const std::string head = "POST " + case_path(id, "/evidence") + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " +
                                 cookie + "\r\nContent-Type: " + kMultipartType +
                                 "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
        const std::string sent = head + body.substr(0, 256 * 1024);
        REQUIRE(send(fd_, sent.data(), sent.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(sent.size()));
    }
    ~StalledUpload() {
        if (fd_ >= 0) close(fd_);
    }
    StalledUpload(const StalledUpload&) = delete;
    StalledUpload& operator=(const StalledUpload&) = delete;

private:
    int fd_ = -1;
};

}  // namespace

TEST_CASE("two clients act on the same version with If-Match: exactly one succeeds, the other gets the case") {
    SharedServer w;
    const std::int64_t id = negotiating_case(w);
    Session buyer = w.as("buyer"), merchant = w.as("merchant");
    int successes = 0;
    for (int round = 0; round < 12; ++round) {
        CAPTURE(round);
        const std::int64_t version = view(buyer, id)["version"].get<std::int64_t>();
        StartLine start;
        std::optional<httplib::Result> replies[2];
        std::thread racers[2];
        Session* sessions[2] = {&buyer, &merchant};
        for (int i = 0; i < 2; ++i)
            racers[i] = std::thread([&, i] {
                start.wait();
                replies[i].emplace(post_action(*sessions[i], id, offer(11000 + round * 100 + i), version));
            });
        start.release();
        for (std::thread& t : racers) t.join();
        const httplib::Result* results[2] = {&*replies[0], &*replies[1]};
        REQUIRE(*results[0]);
        REQUIRE(*results[1]);
        const int won = (*results[0])->status == 200 ? 0 : 1;
        const httplib::Result& loser = *results[1 - won];
        CHECK((*results[won])->status == 200);
        expect_error(loser, 409, "version_conflict");
        const json conflict = body_of(loser);
        // The loser sees where the case stands now: the winner's version, with the winner's offer.
        CHECK(conflict["case"]["version"] == version + 1);
        CHECK(etag_version(loser->get_header_value("ETag")) == version + 1);
        CHECK(conflict["case"]["progress"]["offers"].back()["terms"]["amount_minor"] == 11000 + round * 100 + won);
        CHECK(conflict["case"]["dispute"]["state"] == "negotiation");
        successes += (*results[won])->status == 200;
    }
    CHECK(successes == 12);
    // 1 merchant_offer + one make_offer per round: the losers left nothing.
    CHECK(view(buyer, id)["progress"]["offers"].size() == 13);
    CHECK(events_of(events(buyer, id), "make_offer").size() == 12);

    SUBCASE("a stale If-Match alone, a current one, and one that is not a version") {
        const std::int64_t version = view(buyer, id)["version"].get<std::int64_t>();
        expect_error(post_action(buyer, id, offer(20000), version - 1), 409, "version_conflict");
        CHECK(post_action(buyer, id, offer(20000), version)->status == 200);
        httplib::Headers h = buyer.headers();
        h.emplace("If-Match", "\"abc\"");
        expect_error(buyer.http.Post(case_path(id, "/actions"), h, offer(20000).dump(), "application/json"), 400,
                     "invalid_format", "If-Match");
        // The ETag of a GET (version and digest) is taken as the version in front of the digest.
        const std::string tag = buyer.get(case_path(id))->get_header_value("ETag");
        httplib::Headers h2 = merchant.headers();
        h2.emplace("If-Match", tag);
        CHECK(merchant.http.Post(case_path(id, "/actions"), h2, offer(19000).dump(), "application/json")->status ==
              200);
        CHECK(view(buyer, id)["version"] == version + 2);
    }
}

TEST_CASE("SIGKILL during concurrent actions and uploads: every acknowledged write survives, files match rows") {
    accord::auth::init_crypto();
    SharedServer w;
    ServerProcess& server = w.server();
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 3; ++i) ids.push_back(negotiating_case(w));
    Session probe = w.as("support");

    struct Acked {
        std::mutex mutex;
        std::set<std::pair<std::int64_t, std::string>> offers;  // (case, "offer N")
        std::set<std::pair<std::int64_t, std::int64_t>> messages;
        std::map<std::int64_t, std::pair<std::int64_t, std::string>> evidence;  // id -> (case, sha256)
    } acked;
    // Cookies taken here: SharedServer::as() is for one thread.
    const std::string buyer_cookie = w.as("buyer").cookie, merchant_cookie = w.as("merchant").cookie,
                      support_cookie = w.as("support").cookie;
    auto session = [&server](const std::string& cookie) {
        Session s{server.client(), cookie, "en"};
        s.http.set_read_timeout(5);
        return s;
    };
    std::atomic<bool> stop{false};
    std::atomic<int> writes{0};
    std::vector<std::thread> clients;
    for (std::int64_t id : ids) {
        clients.emplace_back([&, id] {  // the buyer keeps offering
            Session s = session(buyer_cookie);
            for (int n = 0; !stop; ++n) {
                auto r = post_action(s, id, offer(12000 + n));
                if (!r) break;
                if (r->status != 200) continue;
                std::lock_guard<std::mutex> lock(acked.mutex);
                acked.offers.emplace(id, body_of(r)["event"]["detail"].get<std::string>());
                ++writes;
            }
        });
        clients.emplace_back([&, id] {  // the merchant keeps uploading
            Session s = session(merchant_cookie);
            for (int n = 0; !stop; ++n) {
                const std::string bytes = jpeg_bytes(64 * 1024 + static_cast<std::size_t>(n));
                auto r = upload(s, id, "proof-" + std::to_string(n) + ".jpg", bytes);
                if (!r) break;
                if (r->status != 201) continue;
                std::lock_guard<std::mutex> lock(acked.mutex);
                acked.evidence[body_of(r)["evidence"]["id"].get<std::int64_t>()] = {id,
                                                                                   accord::auth::sha256_hex(bytes)};
                ++writes;
            }
        });
        clients.emplace_back([&, id] {  // support keeps writing
            Session s = session(support_cookie);
            for (int n = 0; !stop; ++n) {
                auto r = s.post(case_path(id, "/messages"), json{{"body", "进度 " + std::to_string(n)}}.dump());
                if (!r) break;
                if (r->status != 201) continue;
                std::lock_guard<std::mutex> lock(acked.mutex);
                acked.messages.emplace(id, body_of(r)["message"]["id"].get<std::int64_t>());
                ++writes;
            }
        });
    }
    // An upload caught half-way: its temp file exists when the server dies.
    StalledUpload stalled(server.port(), buyer_cookie, ids[0]);
    bool temp_seen = false;
    for (int waited_ms = 0; waited_ms < 5000 && !temp_seen; waited_ms += 5) {
        for (const std::string& f : evidence_files(server)) temp_seen = temp_seen || f.rfind("tmp/", 0) == 0;
        if (!temp_seen) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    CHECK(temp_seen);
    for (int waited_ms = 0; waited_ms < 10000 && writes < 60; waited_ms += 5)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    CHECK(writes >= 60);

    server.kill_hard();
    stop = true;
    for (std::thread& t : clients) t.join();
    INFO("acknowledged: ", acked.offers.size(), " offers, ", acked.evidence.size(), " files, ", acked.messages.size(),
         " messages");

    CHECK(sql_text(server.db_path(), "PRAGMA integrity_check") == "ok");
    server.restart();
    CHECK(sql_text(server.db_path(), "PRAGMA integrity_check") == "ok");
    CHECK(sql_int(server.db_path(), "SELECT COUNT(*) FROM pragma_foreign_key_check") == 0);

    for (std::int64_t id : ids) {
        CAPTURE(id);
        const json ev = events(probe, id);  // checks chain_valid
        std::set<std::string> offers_seen;
        for (const json& e : events_of(ev, "make_offer")) offers_seen.insert(e["detail"].get<std::string>());
        for (const auto& [case_id, detail] : acked.offers)
            if (case_id == id) CHECK(offers_seen.count(detail) == 1);

        std::set<std::int64_t> messages_seen;
        const json messages = get_ok(probe, case_path(id, "/messages"))["messages"];
        for (const json& m : messages)
            messages_seen.insert(m["id"].get<std::int64_t>());
        for (const auto& [case_id, message] : acked.messages)
            if (case_id == id) CHECK(messages_seen.count(message) == 1);

        std::map<std::int64_t, std::string> listed;
        const json evidence = get_ok(probe, case_path(id, "/evidence"))["evidence"];
        for (const json& e : evidence)
            listed[e["id"].get<std::int64_t>()] = e["sha256"].get<std::string>();
        for (const auto& [eid, where] : acked.evidence) {
            if (where.first != id) continue;
            CAPTURE(eid);
            REQUIRE(listed.count(eid) == 1);
            CHECK(listed[eid] == where.second);
            auto file = probe.get(case_path(id, "/evidence/" + std::to_string(eid)));
            REQUIRE(file);
            CHECK(file->status == 200);
            CHECK(accord::auth::sha256_hex(file->body) == where.second);
        }
        // The case document lists exactly the evidence rows.
        const json v = view(probe, id);
        CHECK(v["progress"]["evidence_ids"].size() == listed.size());
    }

    // Files and rows, one to one: no file without a row (temp files of the uploads cut short
    // included), no row without its file.
    std::set<std::string> row_set;
    const std::int64_t n = sql_int(server.db_path(), "SELECT COUNT(*) FROM evidence");
    for (std::int64_t i = 0; i < n; ++i)
        row_set.insert(sql_text(server.db_path(),
                                "SELECT dispute_id || '/' || id FROM evidence ORDER BY id LIMIT 1 OFFSET " +
                                    std::to_string(i)));
    const std::vector<std::string> rows(row_set.begin(), row_set.end());  // sorted, like the files
    CHECK(evidence_files(server) == rows);

    // And the server works on.
    Session buyer = w.as("buyer");
    CHECK(post_action(buyer, ids[0], offer(15000))->status == 200);
    upload_ok(buyer, ids[1]);
}

TEST_CASE("a client polling with If-None-Match gets 304 until the case moves, and each viewer has their own tag") {
    SharedServer w;
    const std::int64_t id = negotiating_case(w);
    Session buyer = w.as("buyer"), merchant = w.as("merchant");
    auto get = [&](Session& s, const std::string& tag) {
        httplib::Headers h = s.headers();
        if (!tag.empty()) h.emplace("If-None-Match", tag);
        return s.http.Get(case_path(id), h);
    };
    auto first = get(buyer, "");
    REQUIRE(first);
    REQUIRE(first->status == 200);
    const std::string tag = first->get_header_value("ETag");
    CHECK(etag_version(tag) == body_of(first)["version"]);
    auto again = get(buyer, tag);
    REQUIRE(again);
    CHECK(again->status == 304);
    CHECK(again->body.empty());
    // The merchant's view (the buyer masked) is another representation: its own tag.
    const std::string merchant_tag = get(merchant, "")->get_header_value("ETag");
    CHECK(merchant_tag != tag);
    CHECK(etag_version(merchant_tag) == etag_version(tag));
    CHECK(get(merchant, tag)->status == 200);
    // The case moves: the old tag no longer matches.
    act(buyer, id, offer(15000));
    auto moved = get(buyer, tag);
    REQUIRE(moved);
    CHECK(moved->status == 200);
    CHECK(etag_version(moved->get_header_value("ETag")) == etag_version(tag) + 1);
}
