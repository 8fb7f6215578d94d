// The whole Case as JSON, every field: what the server stores (one document per case, its hash in
// the event chain) and what an exported case file carries. Not redacted: the wire view a user
// gets is encode(redacted dispute) + encode_progress() (api_lifecycle.hpp).
#pragma once
#include <nlohmann/json.hpp>

#include "accord/case.hpp"
#include "accord/error_code.hpp"

namespace accord::api {

nlohmann::json encode_case(const Case& c);
// Strict like every decoder here: missing, mistyped and unknown keys are errors. Never throws.
FieldErrors decode_case(const nlohmann::json& j, Case& out);

}  // namespace accord::api
