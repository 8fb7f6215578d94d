#include "ops/rules_store.hpp"

#include "accord/json_reader.hpp"
#include "accord/rule_set_codec.hpp"

namespace accord::ops {

std::string describe(const FieldErrors& errors) {
    std::string out;
    for (const FieldError& e : errors)
        out += (e.field.empty() ? std::string("the document") : e.field) + ": " + error_text(e.code, Lang::en, e.limit) +
               "\n";
    return out;
}

std::optional<RuleSet> stored_rules(db::Database& db) {
    db::Query s = db.statement("SELECT value FROM settings WHERE key = 'rules'");
    if (!s.step()) return std::nullopt;
    const nlohmann::json doc = parse_json(s.text(0));
    if (doc.is_discarded()) throw db::DbError("the stored rules (settings 'rules') are not valid JSON");
    RuleSet rules;
    if (FieldErrors errors = decode_rule_set(doc, rules); !errors.empty())
        throw db::DbError("the stored rules (settings 'rules') are invalid:\n" + describe(errors));
    return rules;
}

RuleSet rules_in_force(db::Database& db) { return stored_rules(db).value_or(RuleSet{}); }

void store_rules(db::Database& db, const RuleSet& rules, Timestamp now) {
    db::Query s = db.statement(
        "INSERT INTO settings (key, value, updated_at) VALUES ('rules', ?1, ?2) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at");
    s.bind(1, encode_rule_set(rules).dump()).bind(2, now);
    s.run();
}

}  // namespace accord::ops
