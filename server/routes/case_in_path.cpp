#include "routes/case_in_path.hpp"

#include "accord/access.hpp"
#include "http/params.hpp"
#include "http/reply.hpp"

namespace accord::routes {

std::optional<db::StoredCase> case_in_path(db::Database& db, const httplib::Request& req, httplib::Response& res,
                                           const Viewer& viewer) {
    std::int64_t id = 0;
    std::optional<db::StoredCase> stored;
    if (http::parse_id(req.matches[1], id)) stored = db::load_case(db, id);
    if (!stored || !can_view(stored->c.dispute, viewer)) {
        http::send_error(res, 404, ErrorCode::not_found, http::request_lang(req));
        return std::nullopt;
    }
    return stored;
}

}  // namespace accord::routes
