// Evidence files (evidence.hpp): the type is read from the first bytes, so a file that lies about what it is
// gets no type; the stored name is the last path segment, cleaned, at most 120 characters.
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "accord/evidence.hpp"
#include "accord/filing.hpp"
#include "fixtures.hpp"

using namespace accord;
using namespace accord::fixtures;

namespace {

std::optional<EvidenceType> sniff(const std::string& bytes) {
    return sniff_evidence_type(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

std::string show(std::optional<EvidenceType> t) {
    return t ? to_key(*t) : "none";
}

// An ISO base media file's first box: size, "ftyp", the major brand, a minor version.
std::string ftyp(const std::string& brand) {
    return std::string("\x00\x00\x00\x18", 4) + "ftyp" + brand + std::string("\x00\x00\x02\x00", 4) + "isommp42";
}

}  // namespace

// ---------------------------------------------------------------------------
// Types by their magic bytes.

TEST_CASE("sniff_evidence_type: each accepted type by its magic bytes") {
    struct Row {
        const char* what;
        std::string head;
        EvidenceType type;
        const char* media;
        bool image;
    };
    const Row rows[] = {
        {"JPEG (JFIF)", std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01", 12), EvidenceType::jpeg, "image/jpeg",
         true},
        {"JPEG (Exif, a phone camera)",
         std::string("\xFF\xD8\xFF\xE1\x2F\xFE"
                     "Exif\x00\x00",
                     12),
         EvidenceType::jpeg, "image/jpeg", true},
        {"PNG", std::string("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR", 16), EvidenceType::png, "image/png", true},
        {"WebP", std::string("RIFF\x24\x08\x00\x00WEBPVP8 ", 16), EvidenceType::webp, "image/webp", true},
        {"PDF", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", EvidenceType::pdf, "application/pdf", false},
        {"MP4 isom (Android)", ftyp("isom"), EvidenceType::mp4, "video/mp4", false},
        {"MP4 mp42 (iPhone export)", ftyp("mp42"), EvidenceType::mp4, "video/mp4", false},
        {"MP4 mp41", ftyp("mp41"), EvidenceType::mp4, "video/mp4", false},
        {"MP4 avc1", ftyp("avc1"), EvidenceType::mp4, "video/mp4", false},
        {"M4V", ftyp("M4V "), EvidenceType::mp4, "video/mp4", false},
        {"MP4 dash", ftyp("dash"), EvidenceType::mp4, "video/mp4", false},
    };
    for (const Row& row : rows) {
        CAPTURE(std::string(row.what));
        CHECK(show(sniff(row.head)) == to_key(row.type));
        // The first kEvidenceSniffBytes decide; what follows does not matter.
        CHECK(show(sniff(row.head.substr(0, kEvidenceSniffBytes))) == to_key(row.type));
        CHECK(show(sniff(row.head + std::string(4096, '\0'))) == to_key(row.type));
        CHECK(std::string(media_type(row.type)) == row.media);
        CHECK(is_image(row.type) == row.image);
    }
    // A file shorter than kEvidenceSniffBytes is sniffed whole: three bytes of JPEG marker are a JPEG.
    CHECK(show(sniff("\xFF\xD8\xFF")) == "jpeg");
    CHECK(show(sniff("%PDF-")) == "pdf");
}

TEST_CASE("sniff_evidence_type: files that are not what they claim get no type") {
    struct Row {
        const char* what;
        std::string head;
    };
    const Row rows[] = {
        {"a Windows program (MZ)", std::string("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF", 14)},
        {"an ELF program", std::string("\x7F"
                                       "ELF\x02\x01\x01\x00\x00\x00\x00\x00",
                                       12)},
        {"a ZIP archive (and so a .docx or .apk)", std::string("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00", 12)},
        {"an HTML page", "<!DOCTYPE html><html><script>alert(1)</script>"},
        {"an HTML page in lower case", "<html><body>"},
        {"an SVG image (script inside)", "<svg xmlns=\"http://www.w3.org/2000/svg\">"},
        {"a GIF image", "GIF89a\x01\x00\x01\x00\x80\x00"},
        {"a QuickTime movie (ftypqt  )", ftyp("qt  ")},
        {"a HEIF photo (ftypheic)", ftyp("heic")},
        {"a HEIF image (ftypmif1)", ftyp("mif1")},
        {"an AVIF image (ftypavif)", ftyp("avif")},
        {"a WAVE sound (RIFF....WAVE)", std::string("RIFF\x24\x08\x00\x00WAVEfmt ", 16)},
        {"an AVI video (RIFF....AVI )", std::string("RIFF\x24\x08\x00\x00"
                                                    "AVI LIST",
                                                    16)},
        {"a PDF marker not at the start", " %PDF-1.7"},
        {"a JPEG marker not at the start", std::string("\x00\xFF\xD8\xFF\xE0", 5)},
        {"plain text", "耳机左声道没有声音"},
    };
    for (const Row& row : rows) {
        CAPTURE(std::string(row.what));
        CHECK(show(sniff(row.head)) == "none");
    }
}

TEST_CASE("sniff_evidence_type: short and empty input") {
    CHECK(show(sniff("")) == "none");
    CHECK_FALSE(sniff_evidence_type(nullptr, 0).has_value());
    // Too short to hold the whole marker.
    CHECK(show(sniff("\xFF\xD8")) == "none");
    CHECK(show(sniff("\x89PNG\r\n\x1A")) == "none");
    CHECK(show(sniff("%PDF")) == "none");
    // RIFF needs its WEBP at bytes 8 to 11, the ftyp box its brand at bytes 8 to 11.
    CHECK(show(sniff("RIFF")) == "none");
    CHECK(show(sniff(std::string("RIFF\x24\x08\x00\x00WEB", 11))) == "none");
    CHECK(show(sniff(ftyp("isom").substr(0, 11))) == "none");
    CHECK(show(sniff(ftyp("isom").substr(0, 8))) == "none");
}

// ---------------------------------------------------------------------------
// The stored name.

TEST_CASE("sanitize_file_name: only the last path segment, POSIX or Windows") {
    CHECK(sanitize_file_name("../../etc/passwd") == "passwd");
    CHECK(sanitize_file_name("/var/lib/accord/evidence/42.jpg") == "42.jpg");
    CHECK(sanitize_file_name("C:\\Users\\张伟\\Desktop\\发票.pdf") == "发票.pdf");
    CHECK(sanitize_file_name("..\\..\\Windows\\System32\\drivers\\etc\\hosts") == "hosts");
    CHECK(sanitize_file_name("\\\\server\\share\\photo.png") == "photo.png");
    CHECK(sanitize_file_name("photos/raw\\IMG_0001.JPG") == "IMG_0001.JPG");
    // A path that ends in a separator names no file.
    CHECK(sanitize_file_name("photos/") == "evidence");
    CHECK(sanitize_file_name("C:\\") == "evidence");
}

TEST_CASE("sanitize_file_name: control characters vanish") {
    CHECK(sanitize_file_name("pho\x01to\n.jpg") == "photo.jpg");
    CHECK(sanitize_file_name("\tname\r.png") == "name.png");
    CHECK(sanitize_file_name("del\x7F.pdf") == "del.pdf");
    CHECK(sanitize_file_name(std::string("a\0b.jpg", 7)) == "ab.jpg");
    // No header can be smuggled into a Content-Disposition.
    CHECK(sanitize_file_name("evil.jpg\r\nContent-Type: text-html") == "evil.jpgContent-Type_ text-html");
    // The C1 controls (U+0080 to U+009F) are control characters too.
    CHECK(sanitize_file_name("a\xC2\x85"
                             "b\xC2\x9B.jpg") == "ab.jpg");
    CHECK(sanitize_file_name("\xC2\x80\xC2\x9F") == "evidence");
    // Their neighbours are ordinary characters: U+00A0 (no-break space), U+00E9 (é).
    CHECK(sanitize_file_name("caf\xC3\xA9\xC2\xA0menu.pdf") == "caf\xC3\xA9\xC2\xA0menu.pdf");
    CHECK(sanitize_file_name("\x01\x02\x03") == "evidence");
}

TEST_CASE("sanitize_file_name: characters file systems reserve become underscores") {
    CHECK(sanitize_file_name("a<b>c:d\"e|f?g*h;i.jpg") == "a_b_c_d_e_f_g_h_i.jpg");
    CHECK(sanitize_file_name("C:photo.jpg") == "C_photo.jpg");
    CHECK(sanitize_file_name("report;filename=x.exe") == "report_filename=x.exe");
    CHECK(sanitize_file_name("***") == "___");
    // Other punctuation is kept.
    CHECK(sanitize_file_name("订单 #123 (1) [副本] & 100%.png") == "订单 #123 (1) [副本] & 100%.png");
}

TEST_CASE("sanitize_file_name: no leading dots or spaces, nor trailing ones") {
    CHECK(sanitize_file_name(".htaccess") == "htaccess");
    CHECK(sanitize_file_name("...hidden") == "hidden");
    CHECK(sanitize_file_name(" . .x") == "x");
    CHECK(sanitize_file_name("  report.pdf") == "report.pdf");
    CHECK(sanitize_file_name("report.pdf. . ") == "report.pdf");
    CHECK(sanitize_file_name("..") == "evidence");
    CHECK(sanitize_file_name(".") == "evidence");
    CHECK(sanitize_file_name("   ") == "evidence");
    // A control character in front does not let a dot through.
    CHECK(sanitize_file_name("\x01.bashrc") == "bashrc");
    // Dots inside stay.
    CHECK(sanitize_file_name("a..b.tar.gz") == "a..b.tar.gz");
}

TEST_CASE("sanitize_file_name: Chinese and other Unicode names are kept as they are") {
    CHECK(sanitize_file_name("收货照片_破损.jpg") == "收货照片_破损.jpg");
    CHECK(sanitize_file_name("聊天记录截图（商家承诺退款）.png") == "聊天记录截图（商家承诺退款）.png");
    CHECK(sanitize_file_name("快递单号 SF1234567890.pdf") == "快递单号 SF1234567890.pdf");
    CHECK(sanitize_file_name("开箱视频📦.mp4") == "开箱视频📦.mp4");
    // The ideographic space is not an ASCII space: kept, even in front.
    CHECK(sanitize_file_name("\xE3\x80\x80发票.pdf") == "\xE3\x80\x80发票.pdf");
}

TEST_CASE("sanitize_file_name: invalid UTF-8 leaves nothing of the name") {
    CHECK(sanitize_file_name("\xFF\xFE.jpg") == "evidence");
    CHECK(sanitize_file_name("发票\xE7\xA5.pdf") == "evidence");      // a character cut short
    CHECK(sanitize_file_name("\xC0\xAF.jpg") == "evidence");          // an overlong '/'
    CHECK(sanitize_file_name("\xED\xA0\x80.jpg") == "evidence");      // a surrogate
    CHECK(sanitize_file_name("\xF4\x90\x80\x80.jpg") == "evidence");  // beyond U+10FFFF
    // Only the last segment counts: a bad directory name does not matter.
    CHECK(sanitize_file_name("\xFF\xFE/ok.jpg") == "ok.jpg");
}

TEST_CASE("sanitize_file_name: at most 120 characters, counted as characters") {
    CHECK(sanitize_file_name(std::string(300, 'a')) == std::string(120, 'a'));
    CHECK(sanitize_file_name(std::string(120, 'a')) == std::string(120, 'a'));
    CHECK(sanitize_file_name(std::string(121, 'a') + ".jpg") == std::string(120, 'a'));
    // 300 Chinese characters (900 bytes) keep 120 characters (360 bytes), never half of one.
    const std::string cut = sanitize_file_name(repeat("证", 300));
    CHECK(cut == repeat("证", 120));
    CHECK(utf8_length(cut) == 120);
    CHECK(is_valid_utf8(cut));
    CHECK(utf8_length(sanitize_file_name(repeat("📦", 300))) == 120);
    CHECK(sanitize_file_name("a" + repeat("文", 300)) == "a" + repeat("文", 119));
    // Replacements count; removed characters do not.
    CHECK(sanitize_file_name(std::string(300, '?')) == std::string(120, '_'));
    CHECK(sanitize_file_name(std::string(10, '\x01') + std::string(300, 'b')) == std::string(120, 'b'));
    CHECK(sanitize_file_name(std::string(50, '.') + std::string(300, 'c')) == std::string(120, 'c'));
    // A cut that ends on a dot or a space drops it.
    CHECK(sanitize_file_name(std::string(119, 'a') + ". tail") == std::string(119, 'a'));
}

TEST_CASE("sanitize_file_name: a name with nothing left becomes evidence") {
    CHECK(sanitize_file_name("") == "evidence");
    CHECK(sanitize_file_name("/") == "evidence");
    CHECK(sanitize_file_name("////") == "evidence");
    CHECK(sanitize_file_name("\\") == "evidence");
    CHECK(sanitize_file_name("\n") == "evidence");
    CHECK(sanitize_file_name(". . .") == "evidence");
}

TEST_CASE("direction overrides vanish from evidence names, so a name shows what it is") {
    CHECK(sanitize_file_name("photo\xE2\x80\xAEgpj.exe") == "photogpj.exe");
    CHECK(sanitize_file_name("\xE2\x81\xA6\xE5\x8F\x91\xE7\xA5\xA8.pdf\xE2\x80\x8F") == "\xE5\x8F\x91\xE7\xA5\xA8.pdf");
    CHECK(sanitize_file_name("\xE2\x80\x94" "dash.png") == "\xE2\x80\x94" "dash.png");  // an em dash stays
}
