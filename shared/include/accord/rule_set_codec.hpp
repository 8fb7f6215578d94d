// The whole rule set as JSON: what `accord-server rules show` prints, `rules set` reads and the
// server stores. Pure: no I/O. Errors name the field by its dotted path in the document
// ("deadlines.consent.amount", "penalties.points.counterfeit"), the way an admin finds it.
#pragma once
#include <nlohmann/json.hpp>

#include "accord/error_code.hpp"
#include "accord/rule_set.hpp"

namespace accord {

// {"deadlines": {"<name>": {"amount", "unit"}...}, "filing": {...}, "auto_grant": {"enabled",
// "max_minor"}, "high_value_min_minor", "penalties": {"points": {"<violation>": n...}},
// "sanctions": {"window_days", "restrict_recommendations", ...}, "approvals": {...}}
nlohmann::json encode_rule_set(const RuleSet& rules);

// Reads a document as encode_rule_set() writes it. A key left out keeps the built-in default
// (a file written before a rule existed still loads); an unknown key, a wrong type or a value
// validate_rule_set() refuses is an error. On any error `out` is left untouched.
FieldErrors decode_rule_set(const nlohmann::json& j, RuleSet& out);

}  // namespace accord
