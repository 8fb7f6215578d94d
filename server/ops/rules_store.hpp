// The rule set in force, kept in the database (table settings, key 'rules') so it travels with
// a backup and changes in one transaction. The server reads it at start; `accord-server rules
// set` writes it. Absent: the built-in defaults (shared/ rule_set.hpp).
#pragma once
#include <optional>
#include <string>

#include "accord/rule_set.hpp"
#include "accord/time.hpp"
#include "db/database.hpp"

namespace accord::ops {

// The stored rule set, or nothing when none was ever stored. Throws DbError naming the field
// when the stored document no longer decodes (edited by hand), rather than serve other rules.
std::optional<RuleSet> stored_rules(db::Database& db);
// The rules in force: the stored ones, else the defaults.
RuleSet rules_in_force(db::Database& db);
void store_rules(db::Database& db, const RuleSet& rules, Timestamp now);
// Every error of a decoded document as "field: message" lines (English), for the CLI.
std::string describe(const FieldErrors& errors);

}  // namespace accord::ops
