#include "nav/route.hpp"

#include <vector>

namespace accord::client {

namespace {

bool unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

// Everything but RFC 3986's unreserved characters: the browser then keeps the text as it is.
std::string encode(std::string_view text) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (unreserved(c)) {
            out += ch;
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// A malformed escape stays as typed: an address someone edited by hand still opens something.
std::string decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            const int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

std::vector<std::string_view> split(std::string_view text, char sep) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(sep, start), text.size());
        parts.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

bool parse_id(std::string_view text, std::int64_t& out) {
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string_view::npos)
        return false;
    out = std::stoll(std::string(text));
    return out > 0;
}

std::string list_query(const ListQuery& q) {
    std::string out;
    auto add = [&](const char* key, const std::string& value) {
        out += (out.empty() ? "?" : "&") + std::string(key) + "=" + encode(value);
    };
    if (q.state) add("state", to_key(*q.state));
    if (q.overdue) add("overdue", "1");
    if (!q.search.empty()) add("q", q.search);
    return out;
}

}  // namespace

std::optional<Route> parse_route(std::string_view hash) {
    if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
    if (!hash.empty() && hash.front() == '/') hash.remove_prefix(1);
    const std::size_t q = hash.find('?');
    const std::string_view path = hash.substr(0, q);
    const std::string_view query = q == std::string_view::npos ? std::string_view() : hash.substr(q + 1);

    Route r;
    const std::vector<std::string_view> segments = split(path, '/');
    if (path.empty() || (segments.size() == 1 && segments[0] == "cases"))
        r.page = Page::cases;
    else if (segments.size() == 2 && segments[0] == "cases" && parse_id(segments[1], r.case_id))
        r.page = Page::case_view;
    else if (segments.size() == 1 && segments[0] == "file")
        r.page = Page::filing;
    else if (segments.size() == 1 && segments[0] == "sign-in")
        r.page = Page::sign_in;
    else
        return std::nullopt;

    // Unknown or malformed parameters are left out, as a web page ignores what it does not know.
    for (std::string_view pair : split(query, '&')) {
        const std::size_t eq = pair.find('=');
        if (eq == std::string_view::npos) continue;
        const std::string_view key = pair.substr(0, eq);
        const std::string value = decode(pair.substr(eq + 1));
        const bool listed = r.page == Page::cases || r.page == Page::case_view;
        DisputeState state{};
        if (listed && key == "state" && from_key(value, state))
            r.list.state = state;
        else if (listed && key == "overdue")
            r.list.overdue = value == "1";
        else if (listed && key == "q")
            r.list.search = value;
        else if (r.page == Page::filing && key == "order")
            r.order_ref = value;
        else if (r.page == Page::sign_in && key == "next" && parse_route(value) &&
                 parse_route(value)->page != Page::sign_in)
            r.next = value;
    }
    return r;
}

std::string format_route(const Route& r) {
    switch (r.page) {
        case Page::sign_in:
            return r.next.empty() ? "#/sign-in" : "#/sign-in?next=" + encode(r.next);
        case Page::cases:
            return "#/cases" + list_query(r.list);
        case Page::case_view:
            return "#/cases/" + std::to_string(r.case_id) + list_query(r.list);
        case Page::filing:
            return r.order_ref.empty() ? "#/file" : "#/file?order=" + encode(r.order_ref);
    }
    return "#/cases";
}

bool is_new_page(const Route& from, const Route& to) {
    // Signing in or out replaces the entry: Back never returns to a sign-in form already used.
    if (from.page == Page::sign_in || to.page == Page::sign_in) return false;
    return from.page != to.page || from.case_id != to.case_id;
}

}  // namespace accord::client
