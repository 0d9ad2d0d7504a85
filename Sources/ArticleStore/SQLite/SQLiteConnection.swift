import CSQLite
import Foundation
import Synchronization

/// A value bound to a statement parameter.
enum SQLiteValue: Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

extension SQLiteValue {
    static func optionalText(_ s: String?) -> SQLiteValue { s.map { .text($0) } ?? .null }
    static func int(_ n: Int) -> SQLiteValue { .integer(Int64(n)) }
}

/// Tells SQLite to copy bound text before `bind` returns, so Swift may free it.
private var sqliteTransient: sqlite3_destructor_type {
    unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// One SQLite connection. Not thread-safe: used by one thread at a time (the store hands
/// each to a single caller under a lock), hence `@unchecked Sendable` for moving it
/// between threads. Prepared statements are cached per SQL string because the same few
/// statements run for every insert.
final class SQLiteConnection: @unchecked Sendable {
    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    /// The same statements by where their SQL's bytes are: a string literal's never move,
    /// so the lookup of an insert's statements hashes no SQL (hashing the text was a tenth
    /// of an article's write). A hit is confirmed against the statement's own SQL.
    private var statementsByAddress: [SQLAddress: OpaquePointer] = [:]
    /// The search's FTS5 functions on this connection and its query tokenizer.
    private(set) var fullText: FullTextFunctions?

    /// Opens (creating if missing) the file and applies the PRAGMAs every connection needs.
    /// `cacheKilobytes` overrides the page cache size (default 8 MB for readers, 32 MB for the writer);
    /// `pageSize` is what a new file gets.
    init(path: String, queryOnly: Bool = false, busyTimeoutMilliseconds: Int = 5000, cacheKilobytes: Int? = nil,
         pageSize: Int = SQLiteConnection.pageSize) throws {
        var db: OpaquePointer?
        // NOMUTEX: each connection is confined to one thread at a time by the store.
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open database"
            sqlite3_close_v2(db)
            throw StoreError.sqlite(code: rc, message: "\(message) (\(path))")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, Int32(busyTimeoutMilliseconds))
        fullText = FullTextFunctions(db: db)
        do {
            guard RowSetFunctions.register(db) else {
                throw StoreError.sqlite(code: SQLITE_ERROR, message: "cannot register the row-set functions")
            }
            try execute("PRAGMA foreign_keys = ON")
            // A larger page cache than SQLite's 2 MB default: article texts make the tables
            // large, and without it every insert re-reads index pages through pread.
            try execute("PRAGMA cache_size = -\(cacheKilobytes ?? (queryOnly ? 8192 : 32768))")
            if queryOnly {
                try execute("PRAGMA query_only = ON")
            } else {
                // Only a new, empty file takes it: 16 KB pages hold several ~2 KB article rows
                // each, where 4 KB pages left a third empty (see `Schema.compaction`).
                try execute("PRAGMA page_size = \(pageSize)")
                // journal_mode answers with a row; WAL is what lets readers run during writes.
                let mode = try query("PRAGMA journal_mode = WAL") { $0.text(0) }.first ?? ""
                guard mode.lowercased() == "wal" else {
                    throw StoreError.sqlite(code: SQLITE_ERROR, message: "cannot enable WAL mode (got \(mode))")
                }
                try execute("PRAGMA synchronous = NORMAL")
                // Savepoints keep the original of every page they change in a sub-journal;
                // with 16 KB pages a write's (~40 pages) outgrew the 64 KB kept in memory, so
                // SQLite created, wrote and deleted a temporary file for every article.
                try execute("PRAGMA temp_store = MEMORY")
            }
        } catch {
            close()
            throw error
        }
    }

    /// Page size of databases this program creates.
    static let pageSize = 16_384

    deinit { close() }

    var isOpen: Bool { handle != nil }

    func close() {
        for (_, statement) in statements { sqlite3_finalize(statement) }
        statements.removeAll()
        statementsByAddress.removeAll()
        fullText?.close()
        fullText = nil
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    /// Runs one or more statements without parameters (schema, PRAGMAs).
    func execute(_ sql: String) throws {
        let db = try open()
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(db))
            sqlite3_free(errorMessage)
            throw StoreError.sqlite(code: rc, message: message)
        }
    }

    /// Runs one statement that returns no rows.
    func run(_ sql: String, _ values: [SQLiteValue] = []) throws {
        try withStatement(sql, values) { statement in
            while try step(statement) {}
        }
    }

    /// Runs one statement and maps every row.
    func query<T>(_ sql: String, _ values: [SQLiteValue] = [], _ map: (SQLiteRow) throws -> T) throws -> [T] {
        try withStatement(sql, values) { statement in
            var rows: [T] = []
            while try step(statement) { rows.append(try map(SQLiteRow(statement: statement))) }
            return rows
        }
    }

    var lastInsertRowID: Int64 { handle.map { sqlite3_last_insert_rowid($0) } ?? 0 }
    var changes: Int { handle.map { Int(sqlite3_changes($0)) } ?? 0 }

    /// Runs `body` in a transaction: committed if it returns, rolled back if it throws.
    /// `immediate` takes the write lock at BEGIN, so checks made inside cannot race.
    /// BEGIN, COMMIT and ROLLBACK run as cached prepared statements: `sqlite3_exec` parsed
    /// them again for every request.
    func transaction<T>(immediate: Bool = true, _ body: () throws -> T) throws -> T {
        try run(immediate ? "BEGIN IMMEDIATE" : "BEGIN")
        do {
            let result = try body()
            try run("COMMIT")
            return result
        } catch {
            // The original error matters more than a failed rollback.
            try? run("ROLLBACK")
            throw error
        }
    }

    // MARK: statements

    /// The SQLite handle, for what this type does not wrap (the WAL hook, checkpoints).
    func rawHandle() throws -> OpaquePointer { try open() }

    private func open() throws -> OpaquePointer {
        guard let handle else { throw StoreError.closed }
        return handle
    }

    /// For the query-plan test: while set, every statement run by any connection is kept
    /// here with its values.
    static let recorded = StatementLog()

    /// The first column of the first row of a statement without parameters, as an integer,
    /// with no array built (`PRAGMA data_version` on every cached GET).
    func int64(_ sql: String) throws -> Int64? {
        try withStatement(sql, []) { statement in try step(statement) ? sqlite3_column_int64(statement, 0) : nil }
    }

    private func withStatement<T>(_ sql: String, _ values: [SQLiteValue], _ body: (OpaquePointer) throws -> T) throws -> T {
        if Self.recorded.isOn {
            Self.recorded.withLock { log in if log != nil { log!.append((sql, values)) } }
        }
        let statement = try prepare(sql)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        try bind(values, to: statement)
        return try body(statement)
    }

    /// The cached statement of `sql` (prepared if new), for the statement-cache tests.
    func cachedStatement(_ sql: String) throws -> OpaquePointer { try prepare(sql) }

    private func prepare(_ sql: String) throws -> OpaquePointer {
        let address = SQLAddress(sql)
        if let address, let cached = statementsByAddress[address], SQLAddress.isSQL(of: cached, sql) { return cached }
        if let cached = statements[sql] {
            if let address { remember(cached, at: address) }
            return cached
        }
        let db = try open()
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw StoreError.sqlite(code: rc, message: "\(String(cString: sqlite3_errmsg(db))) in: \(sql)")
        }
        statements[sql] = statement
        if let address { remember(statement, at: address) }
        return statement
    }

    /// Built strings come and go at new addresses: past a few hundred, the map starts
    /// again, and the literals that run all the time are back in it at their next run.
    private func remember(_ statement: OpaquePointer, at address: SQLAddress) {
        if statementsByAddress.count >= SQLAddress.remembered { statementsByAddress.removeAll(keepingCapacity: true) }
        statementsByAddress[address] = statement
    }

    private func bind(_ values: [SQLiteValue], to statement: OpaquePointer) throws {
        let expected = Int(sqlite3_bind_parameter_count(statement))
        guard expected == values.count else {
            throw StoreError.sqlite(code: SQLITE_RANGE, message: "statement takes \(expected) parameters, got \(values.count)")
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(statement, index)
            case .integer(let n): rc = sqlite3_bind_int64(statement, index, n)
            case .real(let x): rc = sqlite3_bind_double(statement, index, x)
            // Explicit byte length so text with embedded NULs is kept whole.
            case .text(let s): rc = sqlite3_bind_text(statement, index, s, Int32(s.utf8.count), sqliteTransient)
            case .blob(let b): rc = b.withUnsafeBytes { sqlite3_bind_blob(statement, index, $0.baseAddress, Int32(b.count), sqliteTransient) }
            }
            guard rc == SQLITE_OK else { throw error(rc) }
        }
    }

    private func step(_ statement: OpaquePointer) throws -> Bool {
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let rc: throw error(rc)
        }
    }

    private func error(_ rc: Int32) -> StoreError {
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
        return .sqlite(code: rc, message: message)
    }
}

/// Where a string's UTF-8 bytes are and how many: a key for a statement cache that a
/// string literal (the same bytes at the same place on every call) finds without hashing
/// its text. Only compared, never read through: a string that has gone may have left its
/// address to another, so a hit is confirmed with `isSQL(of:_:)`.
struct SQLAddress: Hashable {
    static let remembered = 512
    let start: UInt
    let count: Int

    /// Nil for a string whose bytes are not contiguous UTF-8 (a bridged one).
    init?(_ sql: String) {
        guard let found = sql.utf8.withContiguousStorageIfAvailable({ bytes in
            (UInt(bitPattern: bytes.baseAddress), bytes.count)
        }) else { return nil }
        (start, count) = found
    }

    /// Whether the statement's SQL is exactly `sql`'s bytes.
    static func isSQL(of statement: OpaquePointer, _ sql: String) -> Bool {
        guard let text = sqlite3_sql(statement) else { return false }
        return sql.utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return text.pointee == 0 }
            return strnlen(text, bytes.count + 1) == bytes.count && memcmp(text, base, bytes.count) == 0
        } ?? false
    }
}

/// The current row of a statement being stepped; valid only inside the mapping closure.
struct SQLiteRow {
    let statement: OpaquePointer

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }
    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(statement, column)) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(statement, column) }

    /// Text of the column; "" for NULL (use `optionalText` where NULL means something).
    func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(statement, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

    /// The column's bytes as stored (a blob, or text's UTF-8); empty for NULL.
    func bytes(_ column: Int32) -> [UInt8] {
        guard let start = sqlite3_column_blob(statement, column) else { return [] }
        let count = Int(sqlite3_column_bytes(statement, column))
        return Array(UnsafeRawBufferPointer(start: start, count: count))
    }

    /// Appends the column's bytes to `buffer` without an intermediate array.
    func appendBytes(_ column: Int32, to buffer: inout [UInt8]) {
        guard let start = sqlite3_column_blob(statement, column) else { return }
        let count = Int(sqlite3_column_bytes(statement, column))
        buffer.append(contentsOf: UnsafeRawBufferPointer(start: start, count: count))
    }
}

/// The statements kept for the query-plan tests, behind a lock that is taken only while
/// recording: a process-wide lock taken by every statement of every thread was contended
/// on the cached GET path. Used as a `Mutex` of the optional log.
final class StatementLog: Sendable {
    private let log = Mutex<[(sql: String, values: [SQLiteValue])]?>(nil)
    private let on = Atomic<Bool>(false)

    /// Whether a log is set, without the lock.
    var isOn: Bool { on.load(ordering: .relaxed) }

    func withLock<T>(_ body: (inout [(sql: String, values: [SQLiteValue])]?) throws -> T) rethrows -> T {
        try log.withLock { log in
            defer { on.store(log != nil, ordering: .relaxed) }
            return try body(&log)
        }
    }
}
