// Serves the built web client from the web root.
#pragma once
#include <string>

#include <httplib.h>

namespace accord::http {

// GET / and GET /<file>: .wasm and fonts come from their pre-built .br twins when the browser
// accepts brotli (cpp-httplib compresses only text types on the fly). Paths are confined to the root.
void register_static_files(httplib::Server& server, const std::string& web_root);

}  // namespace accord::http
