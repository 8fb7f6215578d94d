// Serves the built web client from the web root.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>

namespace accord::http {

// GET / and GET /<file>. Paths are confined to the root. A file with a `.br` twin next to it is
// sent from the twin when the request's Accept-Encoding allows brotli (the build makes the twins;
// cpp-httplib's own compression is bypassed: it ignores q-values). Caching:
//  - names carrying a content hash ("app.3f9a1c2b.wasm", see cmake/assemble_site.cmake) are
//    `public, max-age=31536000, immutable`: a new build gives them new names;
//  - everything else (index.html above all) is `no-cache` with a strong ETag of the bytes sent,
//    and If-None-Match answers 304.
void register_static_files(httplib::Server& server, const std::string& web_root);

// The content coding to send, from `available` (the server's preference first; "identity" means
// none), for a request whose Accept-Encoding is `accept_encoding` (nullopt: no such header).
// RFC 9110 §12.5.3: q=0 excludes a coding; "*" stands for every coding the header does not
// name; identity is acceptable unless "identity;q=0", or "*;q=0" without an identity entry,
// excludes it, and an unnamed identity ranks below every named coding. The highest qvalue wins,
// ties go to the server's preference. Without the header, identity (any coding is acceptable
// then; identity is the one every client decodes). nullopt: none is acceptable.
std::optional<std::string> choose_content_coding(std::optional<std::string_view> accept_encoding,
                                                 const std::vector<std::string>& available);

// Whether a web-root path names a content-hashed file: "<stem>.<8 lowercase hex>.<ext>".
bool is_content_hashed(std::string_view path);

}  // namespace accord::http
