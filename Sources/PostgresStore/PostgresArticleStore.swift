import ArticleStore
import EntityExtraction
import Foundation
import PostgresClient
import Synchronization

/// Articles, their entities and the figures ledger in one PostgreSQL database shared by
/// any number of stateless nodes. Same contract as `SQLiteArticleStore` (see
/// `ArticleStorage`); the schema is `PostgresSchema`, migrated once under an advisory lock
/// so nodes starting together do not race.
public final class PostgresArticleStore: ArticleStorage, @unchecked Sendable {
    let pool: PostgresPool
    let versions: PostgresDataVersion
    let entityRenderer: EntityRenderer?
    /// Articles stored, as this node last counted or changed them (see `storedArticleCount`).
    let count = Atomic<Int>(0)
    /// When (uptime, ms) `count` was last read from the database.
    let lastCounted = Atomic<Int64>(0)

    /// Connects (a pool of `connections`, one per worker), migrates, and counts the articles.
    /// Throws `StoreError.unavailable` when the server does not answer.
    public init(url: PostgresURL, connections: Int, entityRenderer: EntityRenderer? = nil) throws {
        pool = PostgresPool(url: url, size: max(1, connections))
        self.entityRenderer = entityRenderer
        versions = PostgresDataVersion(url: url)
        do {
            try Self.mapped {
                _ = try pool.withConnection { c in try PostgresMigrator(migrations: PostgresSchema.migrations).migrate(c) }
            }
            count.store(try articleCount(), ordering: .relaxed)
            versions.waitUntilListening(timeout: 2)
        } catch {
            close()
            throw error
        }
        lastCounted.store(Int64(ProcessInfo.processInfo.systemUptime * 1000), ordering: .relaxed)
    }

    public var storedArticleCount: Int { count.load(ordering: .relaxed) }

    /// Answers a trivial query; every `recountSeconds` a count of the articles instead, so
    /// `storedArticleCount` (what `/healthz` shows) follows what other nodes stored.
    public func checkDatabase() throws {
        let now = Int64(ProcessInfo.processInfo.systemUptime * 1000)
        guard now - lastCounted.load(ordering: .relaxed) >= Int64(Self.recountSeconds * 1000) else {
            return try single { c in _ = try c.query(Self.ping) }
        }
        count.store(try articleCount(), ordering: .relaxed)
        lastCounted.store(now, ordering: .relaxed)
    }

    static let recountSeconds = 10.0
    static let ping = PostgresStatement("ping", "SELECT 1")

    public func articleCount() throws -> Int {
        try single { c in try c.query("SELECT COUNT(*) FROM articles").first?.int(0) ?? 0 }
    }

    /// Moves on every commit of any node (see `PostgresDataVersion`); nil while this node
    /// cannot hear other nodes' commits, and then nothing is cached.
    public func dataVersion() -> Int64? { versions.current }

    public func close() {
        versions.stop()
        pool.close()
    }

    /// Runs `body` in one transaction on a pooled connection; the commit notifies every node.
    func write<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        defer { versions.bump() }  // also after a failed commit: a version too many costs one cache miss
        return try Self.mapped {
            var attempt = 1
            while true {
                do {
                    return try pool.transaction { c in
                        let result = try body(c)
                        _ = try c.query(PostgresDataVersion.notify, [versions.node])
                        return result
                    }
                } catch let error as PostgresError where Self.retriable(error) && attempt < Self.writeAttempts {
                    // Rolled back whole: two nodes' transactions locked the same rows in
                    // opposite orders (or serialization failed). Running it again is safe.
                    attempt += 1
                    usleep(useconds_t(Int.random(in: 1_000...10_000) * attempt))
                }
            }
        }
    }

    static let writeAttempts = 3

    /// Deadlock detected (40P01) or serialization failure (40001): PostgreSQL rolled the
    /// transaction back and says the same transaction may succeed when retried.
    static func retriable(_ error: PostgresError) -> Bool {
        error.sqlState == "40P01" || error.sqlState == "40001"
    }

    /// Runs `body` in one read-only transaction, so multi-query reads see one snapshot.
    func read<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try Self.mapped {
            try pool.withConnection { c in
                try c.transaction {
                    _ = try c.execute("SET TRANSACTION READ ONLY")
                    return try body(c)
                }
            }
        }
    }

    /// `read` when `body` runs several statements that must see one snapshot, else `single`.
    func read<T>(statements: Int, _ body: (PostgresConnection) throws -> T) throws -> T {
        statements > 1 ? try read(body) : try single(body)
    }

    /// One statement on a pooled connection, no transaction around it: a statement is a
    /// snapshot of its own, so the read costs one round trip.
    func single<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try Self.mapped { try pool.withConnection(body) }
    }

    /// PostgreSQL's errors as the store's: a server that does not answer is `unavailable`
    /// (the API's 503); anything else keeps SQLSTATE and message for the log.
    static func mapped<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as PostgresError { throw storeError(error) }
    }

    /// `mapped` for one error; a `StoreError` (or any other error) is returned as it is.
    static func storeError(_ error: any Error) -> any Error {
        guard let error = error as? PostgresError else { return error }
        if error.kind == .poolClosed { return StoreError.closed }
        if error.kind == .usage, error.message.contains("NUL character") {
            return StoreError.unstorable("the article holds a NUL character (U+0000), which PostgreSQL text cannot hold")
        }
        if error.isUnavailable { return StoreError.unavailable(error.message) }
        return StoreError.postgres(sqlState: error.sqlState ?? "", message: error.message)
    }
}
