#include "db/migrate.hpp"

namespace accord::db {

int schema_version(Database& db) {
    Query s = db.statement("PRAGMA user_version");
    s.step();
    return static_cast<int>(s.integer(0));
}

int migrate(Database& db) {
    const int before = schema_version(db);
    const int latest = kMigrations[kMigrationCount - 1].version;
    if (before > latest)
        throw DbError("database schema version " + std::to_string(before) +
                      " is newer than this server knows (" + std::to_string(latest) + "): upgrade the server");
    // Foreign keys are off while migrating (SQLite's way to rebuild a table: the pragma has no
    // effect inside a transaction), and each migration must leave none broken before it commits.
    db.exec("PRAGMA foreign_keys=OFF");
    try {
        for (int i = 0; i < kMigrationCount; ++i) {
            const Migration& m = kMigrations[i];
            if (m.version <= before) continue;
            Transaction tx(db);
            db.exec(m.sql);
            {
                Query check = db.statement("PRAGMA foreign_key_check");
                if (check.step())
                    throw DbError("migration " + std::string(m.name) + " leaves a broken reference in table " +
                                  check.text(0));
            }
            db.exec("PRAGMA user_version = " + std::to_string(m.version));
            tx.commit();
        }
    } catch (...) {
        db.exec("PRAGMA foreign_keys=ON");
        throw;
    }
    db.exec("PRAGMA foreign_keys=ON");
    return before;
}

}  // namespace accord::db
