import EntityExtraction
import Foundation
import Synchronization

/// Articles, their entities and figures in one SQLite file. One writer connection behind
/// a lock (SQLite allows one writer at a time anyway) and a small pool of readers, so
/// the store may be shared by all request threads.
public final class SQLiteArticleStore: ArticleStorage, @unchecked Sendable {
    let path: String
    private let writer: SQLiteConnection
    private let writeLock = NSLock()
    private let readers: ReadConnectionPool
    let entityRenderer: EntityRenderer?
    /// Articles stored, counted once at open and kept by insert and delete, so a health
    /// check costs no query. Another process adding or deleting articles is not seen.
    private let count = Atomic<Int>(0)
    let groupCommit = GroupCommit()
    /// The archive counts of the `writeArticles` transaction under way (used under the write lock).
    let ledgerBatch = LedgerBatch(archiveRows: ArchiveRowCache())
    let watcher: DataVersionWatcher
    /// Copies the write-ahead log into the file off the writer's thread.
    let checkpointer: WALCheckpointer

    /// Opens (creating if missing) the database file and migrates it. Does NOT create
    /// parent folders (the CLI does). A write that waits longer than
    /// `busyTimeoutMilliseconds` for another process's lock fails with a busy `StoreError`.
    /// With an `entityRenderer`, every article's entity JSON is rendered once when it is
    /// stored or re-extracted and kept (see `renderedEntities`).
    public init(path: String, readConnections: Int = 4, busyTimeoutMilliseconds: Int = 5000,
                entityRenderer: EntityRenderer? = nil) throws {
        self.path = path
        self.entityRenderer = entityRenderer
        watcher = DataVersionWatcher(path: path)
        writer = try SQLiteConnection(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        checkpointer = WALCheckpointer(path: path)
        checkpointer.attach(to: try writer.rawHandle())
        try Migrator(migrations: Schema.migrations).migrate(writer)
        try Self.discardPlannerStatistics(on: writer)
        readers = ReadConnectionPool(path: path, capacity: max(1, readConnections))
        let stored = try writer.query("SELECT COUNT(*) FROM articles") { $0.int(0) }.first ?? 0
        count.store(stored, ordering: .relaxed)
    }

    /// Articles stored, from memory (no query): what `/healthz` reports.
    public var storedArticleCount: Int { count.load(ordering: .relaxed) }

    /// Called after a commit that added (+1) or removed (-1) an article.
    func countChanged(by delta: Int) {
        count.add(delta, ordering: .relaxed)
    }

    /// Closes every connection; later calls throw `StoreError.closed`.
    public func close() {
        watcher.close()
        readers.close()
        checkpointer.stop()
        writeLock.lock()
        writer.close()
        writeLock.unlock()
    }

    /// Removes what `ANALYZE` or `PRAGMA optimize` (run on close by earlier versions) left in
    /// `sqlite_stat1`, and reloads the writer's planner without it. Every statement's plan
    /// is chosen by how the statement is written (CROSS JOIN, `+column`, `FigurePlan`) and
    /// checked without statistics (`QueryPlanTests`); statistics are gathered once and never
    /// follow the file as it grows, so those taken on a small archive made the planner scan
    /// `articles` for each row it joined: after a restart on one stored article, POST fell
    /// from about 400 to 100 articles/s, and every POST read all article texts.
    static func discardPlannerStatistics(on db: SQLiteConnection) throws {
        let tables = try db.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'sqlite\\_stat%' ESCAPE '\\'") {
            $0.text(0)
        }
        guard !tables.isEmpty else { return }
        try db.transaction {
            for table in tables { try db.execute("DELETE FROM \(table)") }
        }
        try db.execute("ANALYZE sqlite_schema")
    }

    /// A SQLite file answers as long as it can be read: one trivial query on a reader.
    public func checkDatabase() throws {
        _ = try read { db in try db.query("SELECT 1") { $0.int(0) } }
    }

    public func articleCount() throws -> Int {
        try read { db in try db.query("SELECT COUNT(*) FROM articles") { $0.int(0) }.first ?? 0 }
    }

    /// Runs `body` in one write transaction on the writer connection. Only a transaction
    /// that adds articles (`writeArticles`) keeps the archive rows the writer knows: any other
    /// may rename or delete them, and one that fails may have rolled back rows it created.
    func write<T>(keepingArchiveRows: Bool = false, _ body: (SQLiteConnection) throws -> T) throws -> T {
        writeLock.lock()
        defer { writeLock.unlock() }
        do {
            let result = try writer.transaction { try body(writer) }
            if !keepingArchiveRows { ledgerBatch.archiveRows?.forget() }
            return result
        } catch {
            ledgerBatch.archiveRows?.forget()
            throw error
        }
    }

    /// Runs `body` on a reader inside one read transaction, so multi-query reads see one
    /// consistent snapshot.
    func read<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try readers.withConnection { db in try db.transaction(immediate: false) { try body(db) } }
    }

    /// `read`, for a read of `article_entities`, `figure_entities` or a search index: in a
    /// snapshot where nothing waits in `IndexBacklog`, so it sees every article the snapshot
    /// has. When something waits, the writer moves it and the read starts again; should new
    /// articles keep coming faster, the read runs in the writer's transaction, just after a move.
    func readIndexed<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        for _ in 0..<Self.indexedReadAttempts {
            var answer: T?
            try read { db in
                if try !IndexBacklog.waiting(in: db) { answer = try body(db) }
            }
            if let answer { return answer }
            try write(keepingArchiveRows: true) { db in try IndexBacklog.move(in: db) }
        }
        return try write(keepingArchiveRows: true) { db in
            try IndexBacklog.move(in: db)
            return try body(db)
        }
    }

    static let indexedReadAttempts = 3

    /// `readIndexed` when `indexed` (say, the read has an entity filter), else `read`.
    func read<T>(indexed: Bool, _ body: (SQLiteConnection) throws -> T) throws -> T {
        indexed ? try readIndexed(body) : try read(body)
    }
}

extension Decimal {
    /// Parses what `Decimal.description` wrote, which is how amounts are stored.
    static func stored(_ text: String) throws -> Decimal {
        if let whole = storedInteger(text) { return Decimal(whole) }
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), !value.isNaN else {
            throw StoreError.corrupt("bad decimal \(text)")
        }
        return value
    }

    /// An amount stored as a whole number of up to 18 digits (most are), read without
    /// Foundation's parser, which cost ~12,000 instructions an amount: the same value.
    static func storedInteger(_ text: String) -> Int64? {
        let utf8 = text.utf8
        guard let first = utf8.first, utf8.count <= 19 else { return nil }
        let digits = first == UInt8(ascii: "-") ? utf8.dropFirst() : utf8[...]
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        return Int64(text)
    }

    /// The nearest Double, for the REAL column used by range filters and sorting.
    /// (A whole number converts directly: `Double(Int64)` and `Double(String)` both round to nearest.)
    var approximateDouble: Double {
        if let whole = exactInt64 { return Double(whole) }
        return Double(description) ?? NSDecimalNumber(decimal: self).doubleValue
    }
}

extension CivilDate {
    static func stored(_ text: String) throws -> CivilDate {
        guard let date = CivilDate(iso: text) else { throw StoreError.corrupt("bad date \(text)") }
        return date
    }
}
