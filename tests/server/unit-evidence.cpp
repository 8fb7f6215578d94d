// Evidence files on a case: stored with their SHA-256 under the data dir, listed, downloaded as
// attachments; and every bad upload refused with a JSON error naming the field, leaving no row,
// no event and no file behind.
#include <doctest/doctest.h>

#include <filesystem>

#include "auth/crypto.hpp"
#include "fixtures.hpp"

using namespace accord::test;

namespace {

SharedServer shared;

// A buyer's case awaiting the merchant (evidence may be added).
std::int64_t open_case(std::int64_t amount_minor = 5000) {
    Session buyer = shared.as("buyer"), support = shared.as("support");
    const std::int64_t id =
        file_case(buyer, filing_body(add_order(shared.server(), "buyer", kDigitalShop), "full_refund", amount_minor));
    act(support, id, accept_case());
    return id;
}

// The stored name of an upload of `name` (which must be accepted).
std::string stored_name(Session& s, std::int64_t id, const std::string& name) {
    auto r = upload(s, id, name, jpeg_bytes());
    REQUIRE(r);
    REQUIRE(r->status == 201);
    return body_of(r)["evidence"]["file_name"].get<std::string>();
}

}  // namespace

TEST_CASE("an upload is kept with its SHA-256, listed, and downloaded as an attachment") {
    accord::auth::init_crypto();
    Session buyer = shared.as("buyer"), merchant = shared.as("merchant");
    const std::int64_t id = open_case();
    const std::string bytes = jpeg_bytes(5000);
    const Footprint before = footprint(shared.server());
    auto r = upload(buyer, id, "左耳无声.jpg", bytes);
    REQUIRE(r);
    REQUIRE(r->status == 201);
    const json e = body_of(r)["evidence"];
    const std::int64_t eid = e["id"].get<std::int64_t>();
    CHECK(r->get_header_value("Location") == case_path(id, "/evidence/" + std::to_string(eid)));
    CHECK(e["file_name"] == "左耳无声.jpg");
    CHECK(e["media_type"] == "image/jpeg");
    CHECK(e["size_bytes"] == 5000);
    CHECK(e["sha256"] == accord::auth::sha256_hex(bytes));
    CHECK(e["uploader_id"] == user_id(shared.server(), "buyer"));
    // One row, one event, one file, a new version of the case that lists it.
    Footprint after = before;
    ++after.evidence;
    ++after.events;
    ++after.files;
    CHECK(footprint(shared.server()) == after);
    CHECK(std::filesystem::exists(shared.server().data_dir() + "/evidence/" + std::to_string(id) + "/" +
                                  std::to_string(eid)));
    CHECK(view(buyer, id)["progress"]["evidence_ids"] == json({eid}));
    const json added = events_of(events(merchant, id), "add_evidence").at(0);
    CHECK(added["relation"] == "case_buyer");

    const json list = get_ok(merchant, case_path(id, "/evidence"));
    REQUIRE(list["evidence"].size() == 1);
    CHECK(list["evidence"][0]["sha256"] == e["sha256"]);
    CHECK(list["evidence"][0]["uploader_id"] == 0);  // merchants do not learn the buyer's account
    CHECK(list["limits"]["max_file_bytes"] == 10 * 1024 * 1024);
    CHECK(list["limits"]["max_case_bytes"] == 50 * 1024 * 1024);
    CHECK(list["limits"]["remaining_case_bytes"] == 50 * 1024 * 1024 - 5000);

    auto file = merchant.get(case_path(id, "/evidence/" + std::to_string(eid)));
    REQUIRE(file);
    CHECK(file->status == 200);
    CHECK(file->body == bytes);
    CHECK(file->get_header_value("Content-Type") == "image/jpeg");
    CHECK(file->get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(file->get_header_value("X-Evidence-SHA256") == e["sha256"]);
    // Read raw: cpp-httplib's client percent-decodes header values.
    const std::string disposition =
        raw_get(shared.server().port(), case_path(id, "/evidence/" + std::to_string(eid)),
                "Cookie: " + merchant.cookie + "\r\n")
            .header("Content-Disposition");
    INFO("Content-Disposition: ", disposition);
    CHECK(disposition.rfind("attachment;", 0) == 0);
    CHECK(disposition.find("filename*=UTF-8''%E5%B7%A6%E8%80%B3%E6%97%A0%E5%A3%B0.jpg") != std::string::npos);
}

TEST_CASE("every accepted type is recognised by its first bytes, whatever the name says") {
    Session buyer = shared.as("buyer");
    const std::int64_t id = open_case();
    const std::string webp = std::string("RIFF\x10\x00\x00\x00WEBPVP8 ", 16) + std::string(500, 'w');
    const std::string mp4 = std::string("\x00\x00\x00\x18" "ftypisom\x00\x00\x02\x00", 16) + std::string(500, 'm');
    for (const auto& [name, bytes, type] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"a.jpg", jpeg_bytes(), "image/jpeg"},
             {"b.png", png_bytes(), "image/png"},
             {"c.webp", webp, "image/webp"},
             {"d.pdf", pdf_bytes(), "application/pdf"},
             {"e.mp4", mp4, "video/mp4"},
             {"really-a-png.pdf", png_bytes(), "image/png"}}) {
        CAPTURE(name);
        auto r = upload(buyer, id, name, bytes);
        REQUIRE(r);
        CHECK(r->status == 201);
        CHECK(body_of(r)["evidence"]["media_type"] == type);
    }
}

TEST_CASE("path tricks in file names: only the last segment is kept, the file stays inside the evidence dir") {
    Session buyer = shared.as("buyer");
    const std::int64_t id = open_case();
    CHECK(stored_name(buyer, id, "../../../../tmp/evil.jpg") == "evil.jpg");
    CHECK(stored_name(buyer, id, "..\\..\\windows\\boot.jpg") == "boot.jpg");
    CHECK(stored_name(buyer, id, "..") == "evidence");
    CHECK(stored_name(buyer, id, ".hidden.jpg") == "hidden.jpg");
    CHECK(stored_name(buyer, id, "a<b>c:d|e?.jpg") == "a_b_c_d_e_.jpg");
    CHECK(!std::filesystem::exists("/tmp/evil.jpg"));
    namespace fs = std::filesystem;
    const fs::path root = fs::canonical(fs::path(shared.server().data_dir()) / "evidence");
    for (const std::string& f : evidence_files(shared.server())) {
        CAPTURE(f);
        const fs::path p = fs::canonical(root / f);
        CHECK(p.string().rfind(root.string() + "/", 0) == 0);
        CHECK(p.filename().string().find_first_not_of("0123456789") == std::string::npos);  // stored by id
    }
}

TEST_CASE("bad uploads are refused with the field named and leave nothing behind") {
    ServerProcess& server = shared.server();
    Session buyer = shared.as("buyer");
    const std::int64_t id = open_case();
    const std::string path = case_path(id, "/evidence");
    const Footprint before = footprint(server);

    SUBCASE("an executable renamed to .jpg: 415 unsupported_file_type") {
        expect_error(upload(buyer, id, "photo.jpg", exe_bytes()), 415, "unsupported_file_type", "file");
    }
    SUBCASE("a text file, an empty file, a file shorter than any signature") {
        expect_error(upload(buyer, id, "note.jpg", "just some text, not an image at all"), 415, "unsupported_file_type",
                     "file");
        expect_error(upload(buyer, id, "empty.jpg", ""), 415, "unsupported_file_type", "file");
        expect_error(upload(buyer, id, "tiny.jpg", "\xFF\xD8"), 415, "unsupported_file_type", "file");
    }
    SUBCASE("a file over 10 MB: 413 file_too_large, whether the request is just over or far over the cap") {
        const std::string just_over = jpeg_bytes(10 * 1024 * 1024 + 1);
        auto r = upload(buyer, id, "big.jpg", just_over);
        expect_error(r, 413, "file_too_large", "file");
        CHECK(body_of(r)["error"]["limit"] == 10 * 1024 * 1024);
        auto huge = upload(buyer, id, "huge.jpg", jpeg_bytes(60 * 1024 * 1024));
        expect_error(huge, 413, "file_too_large", "file");
        CHECK(body_of(huge)["error"]["limit"] == 10 * 1024 * 1024);
    }
    SUBCASE("a part not named file, a field beside it, two files, no file") {
        const std::string img = jpeg_bytes();
        expect_error(buyer.post(path, multipart_body({{"attachment", "a.jpg", "image/jpeg", img}}), kMultipartType), 400,
                     "unknown_field", "attachment");
        expect_error(buyer.post(path, multipart_body({{"note", "", "text/plain", "看这张"}, {"file", "a.jpg", "image/jpeg", img}}),
                                kMultipartType),
                     400, "unknown_field", "note");
        expect_error(buyer.post(path,
                                multipart_body({{"file", "a.jpg", "image/jpeg", img}, {"file", "b.jpg", "image/jpeg", img}}),
                                kMultipartType),
                     400, "too_many", "file");
        // A form without any part is malformed (RFC 2046 needs one part at least).
        expect_error(buyer.post(path, "--" + kBoundary + "--\r\n", kMultipartType), 400, "invalid_format", "file");
        // A part named file that is not a file (no filename).
        expect_error(buyer.post(path, multipart_body({{"file", "", "text/plain", img}}), kMultipartType), 400,
                     "unknown_field", "file");
    }
    SUBCASE("not multipart, or broken multipart") {
        expect_error(buyer.post(path, jpeg_bytes(), "image/jpeg"), 415, "unsupported_media_type", "Content-Type");
        expect_error(buyer.post(path, "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\n" +
                                          jpeg_bytes(),  // never closed
                                kMultipartType),
                     400, "invalid_format", "file");
    }
    SUBCASE("no session, a case not yours, no such case") {
        Session nobody{server.client(), "", "en"};
        expect_error(upload(nobody, id, "a.jpg", jpeg_bytes()), 401, "not_authenticated");
        Session buyer2 = shared.as("buyer2"), merchant2 = shared.as("merchant2");
        expect_error(upload(buyer2, id, "a.jpg", jpeg_bytes()), 404, "not_found");
        expect_error(upload(merchant2, id, "a.jpg", jpeg_bytes()), 404, "not_found");
        expect_error(upload(buyer, 999999, "a.jpg", jpeg_bytes()), 404, "not_found");
        expect_error(upload(buyer, -1, "a.jpg", jpeg_bytes()), 404, "not_found");
    }
    SUBCASE("a finished case takes no evidence: 409 case_finished") {
        const std::int64_t done = open_case();
        act(buyer, done, {{"action", "withdraw"}, {"reason", "问题已解决"}});
        const Footprint closed = footprint(server);
        expect_error(upload(buyer, done, "late.jpg", jpeg_bytes()), 409, "case_finished");
        CHECK(footprint(server) == closed);
        return;
    }
    CHECK(footprint(server) == before);
    CHECK(get_ok(buyer, path)["evidence"].empty());
}

TEST_CASE("a case holds at most 50 MB: the upload that would pass it is refused as over the case's quota") {
    ServerProcess& server = shared.server();
    Session buyer = shared.as("buyer");
    const std::int64_t id = open_case();
    const std::string ten = jpeg_bytes(10 * 1024 * 1024);  // exactly the per-file limit: accepted
    for (int i = 0; i < 4; ++i) upload_ok(buyer, id, "part" + std::to_string(i) + ".jpg", ten);
    upload_ok(buyer, id, "nine.jpg", jpeg_bytes(9 * 1024 * 1024));
    CHECK(get_ok(buyer, case_path(id, "/evidence"))["limits"]["remaining_case_bytes"] == 1024 * 1024);
    const Footprint before = footprint(server);
    auto r = upload(buyer, id, "two.jpg", jpeg_bytes(2 * 1024 * 1024));
    expect_error(r, 413, "evidence_quota_exceeded", "file");
    CHECK(body_of(r)["error"]["limit"] == 50 * 1024 * 1024);
    CHECK(footprint(server) == before);
    upload_ok(buyer, id, "last.jpg", jpeg_bytes(1024 * 1024));  // exactly what is left
    expect_error(upload(buyer, id, "more.jpg", jpeg_bytes(100)), 413, "evidence_quota_exceeded", "file");
    CHECK(get_ok(buyer, case_path(id, "/evidence"))["limits"]["remaining_case_bytes"] == 0);
}
