-- Settings an operator changes without a rebuild, one JSON document per key. 'rules': the rule
-- set in force (shared/ rule_set_codec.hpp), written by `accord-server rules set` and read by
-- the server at start. In the database rather than a file beside it, so a backup carries it.
CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  INTEGER NOT NULL
);
