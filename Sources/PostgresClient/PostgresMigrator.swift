import Foundation

/// One numbered step of a PostgreSQL schema. Steps are append-only: a released step is
/// never edited, a change is a new step.
public struct PostgresMigration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}

/// Applies the steps a database has not seen, each in its own transaction, recording them
/// in `schema_migrations (version, name, applied_at)`.
/// (So a step cannot use what refuses a transaction, such as `CREATE INDEX CONCURRENTLY`.)
///
/// The whole run holds a session advisory lock, so nodes starting together take turns: the
/// first applies, the others wait, then find nothing left to do. The lock is released when
/// the run ends, or by the server if the node dies holding it.
public struct PostgresMigrator: Sendable {
    public let migrations: [PostgresMigration]
    /// Any 64-bit number the application owns; the default spells "artentmg".
    public let lockKey: Int64
    /// How long a run may wait for the lock and take per step; replaces `statement_timeout`
    /// for the run (a step may legitimately take longer than a request).
    public let timeoutSeconds: Double

    public init(migrations: [PostgresMigration], lockKey: Int64 = 0x6172_7465_6e74_6d67, timeoutSeconds: Double = 600) {
        precondition(zip(migrations, migrations.dropFirst()).allSatisfy { $0.version < $1.version },
                     "migrations must be in increasing version order")
        self.migrations = migrations
        self.lockKey = lockKey
        self.timeoutSeconds = timeoutSeconds
    }

    /// Returns the steps this call applied (none when another node got there first).
    @discardableResult
    public func migrate(_ connection: PostgresConnection) throws -> [PostgresMigration] {
        let previousTimeout = try connection.execute("SHOW statement_timeout")[0].string(0) ?? "0"
        try connection.query("SELECT set_config('statement_timeout', $1, false)", [String(Int(timeoutSeconds * 1000))])
        defer { _ = try? connection.query("SELECT set_config('statement_timeout', $1, false)", [previousTimeout]) }

        try connection.query("SELECT pg_advisory_lock($1)", [lockKey])
        defer { _ = try? connection.query("SELECT pg_advisory_unlock($1)", [lockKey]) }

        try connection.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """)
        let recorded = try connection.execute("SELECT version, name FROM schema_migrations ORDER BY version")
        var seen: [Int: String] = [:]
        for row in recorded { seen[try row.int(0) ?? 0] = try row.string(1) ?? "" }
        try check(seen)

        var applied: [PostgresMigration] = []
        for m in migrations where seen[m.version] == nil {
            do {
                try connection.transaction {
                    try connection.execute(m.sql)
                    try connection.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name])
                }
            } catch let e as PostgresError where !e.isUnavailable {
                throw PostgresError(.migration, "step \(m.version) (\(m.name)) failed: \(e.message)", sqlState: e.sqlState, detail: e.detail)
            }
            applied.append(m)
        }
        return applied
    }

    /// The database's record must be a prefix-compatible copy of ours: same names for the
    /// same numbers, and no step this build does not know (a newer build migrated it).
    private func check(_ seen: [Int: String]) throws {
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0.name) })
        for (version, name) in seen.sorted(by: { $0.key < $1.key }) {
            guard let ours = known[version] else {
                throw PostgresError(.migration, "the database has step \(version) (\(name)), which this build does not know: "
                                    + "it was migrated by a newer version of the program")
            }
            guard ours == name else {
                throw PostgresError(.migration, "step \(version) is \"\(name)\" in the database but \"\(ours)\" in this build")
            }
        }
    }
}
