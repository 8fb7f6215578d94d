-- GET /readyz proves the database takes writes by inserting a row here in a transaction it then
-- rolls back: nothing is ever kept in this table.
CREATE TABLE health_probe (
    at  INTEGER NOT NULL
);
