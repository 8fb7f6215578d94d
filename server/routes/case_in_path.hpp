// The case a route's path names (/api/v1/disputes/{id}/...), if the caller may see it.
#pragma once
#include <optional>

#include <httplib.h>

#include "accord/role.hpp"
#include "db/case_store.hpp"

namespace accord::routes {

// The stored case of req.matches[1] when it exists and `viewer` may see it; otherwise replies
// 404 (never 403, so case numbers of other people's disputes cannot be probed) and returns
// nothing. Read on `db`, the caller's connection (a reader, or the writer when it then writes).
std::optional<db::StoredCase> case_in_path(db::Database& db, const httplib::Request& req, httplib::Response& res,
                                           const Viewer& viewer);

}  // namespace accord::routes
