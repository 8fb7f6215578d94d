// Asynchronous HTTP for the client: a request returns at once; the callback runs on a later
// frame with the reply. Status 0 means the server could not be reached.
#pragma once
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace accord::client {

struct HttpReply {
    int status = 0;
    std::string body;
    std::string etag;  // the reply's ETag header, if any (a case's version, for If-Match / If-None-Match)
};

using HttpCallback = std::function<void(const HttpReply&)>;
using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// Same-origin request; the session cookie travels by itself. `body` is sent as JSON unless empty.
void http_request(const std::string& method, const std::string& path, const std::string& body,
                  const std::string& accept_language, HttpCallback done, const HttpHeaders& headers = {});

// Requests still waiting for a reply (for the loading indicator and the test hook).
int http_pending();

}  // namespace accord::client
