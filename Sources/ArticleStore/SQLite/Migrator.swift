import Foundation

/// One numbered step of the schema. Steps are append-only: a released step is never
/// edited, a change is a new step.
struct Migration: Sendable {
    let version: Int
    let name: String
    let sql: String
    /// Swift run after `sql` in the same transaction, for backfills SQL alone cannot do.
    var backfill: (@Sendable (SQLiteConnection) throws -> Void)? = nil
}

/// Applies the migrations a database has not seen yet, each in its own transaction, and
/// records them in `schema_migrations` so reopening a database applies nothing twice.
struct Migrator {
    let migrations: [Migration]

    init(migrations: [Migration]) {
        precondition(zip(migrations, migrations.dropFirst()).allSatisfy { $0.version < $1.version },
                     "migrations must be in increasing version order")
        self.migrations = migrations
    }

    /// Returns the versions applied by this call.
    @discardableResult
    func migrate(_ connection: SQLiteConnection, now: Date = Date()) throws -> [Int] {
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at TEXT NOT NULL
            )
            """)
        var applied: [Int] = []
        for migration in migrations {
            // Checked inside the write transaction, so two processes opening the same new
            // database cannot both apply a step.
            let didApply = try connection.transaction {
                let seen = try connection.query("SELECT 1 FROM schema_migrations WHERE version = ?",
                                                [.int(migration.version)]) { _ in true }
                if !seen.isEmpty { return false }
                try connection.execute(migration.sql)
                try migration.backfill?(connection)
                try connection.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                                   [.int(migration.version), .text(migration.name), .text(Timestamp.format(now))])
                return true
            }
            if didApply { applied.append(migration.version) }
        }
        let newest = try connection.query("SELECT MAX(version) FROM schema_migrations") { $0.int(0) }.first ?? 0
        if let known = migrations.last?.version, newest > known {
            throw StoreError.corrupt("database schema version \(newest) is newer than this program's \(known)")
        }
        return applied
    }
}
