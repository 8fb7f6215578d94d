// Request ids and the access log: every reply carries X-Request-Id (the caller's own when it is
// sane, so a request can be followed through a proxy, else a new one), every JSON error body names
// it, and each request is one JSON line on stderr.
#pragma once
#include <string>

#include <httplib.h>

namespace accord::http {

// First thing for every request that was parsed (pre-routing): sets the id, starts the clock.
void begin_request(const httplib::Request& req, httplib::Response& res);
// This reply's id; made now for a request refused before routing (unparsable, URI too long).
std::string request_id(httplib::Response& res);
// Adds "request_id" to a JSON error body {"error": {...}}. Call before the body is compressed.
void add_request_id(httplib::Response& res);
// One line: {"time","request_id","method","path","status","duration_ms","bytes"}. Query values
// are left out (they may carry personal data); their names stay.
std::string log_line(const httplib::Request& req, const httplib::Response& res);
void log_request(const httplib::Request& req, const httplib::Response& res);
// Seconds since this thread's request began (0 for one refused before it began); before log_request.
double request_seconds();

}  // namespace accord::http
