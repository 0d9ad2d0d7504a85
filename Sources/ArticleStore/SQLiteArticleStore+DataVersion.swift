import CSQLite
import Foundation

/// Tells whether anything in the database file changed, whoever changed it: this process's
/// writer, or another process (`reextract`, `import`) writing the same file. A cache of
/// what was read may be reused exactly while the version it was read under is current.
final class DataVersionWatcher: @unchecked Sendable {
    private let path: String
    private let lock = NSLock()
    // Guarded by `lock`. Opened on first use; never reopened, since a new connection's
    // counter would start again and could repeat a value an old reading was filed under.
    private var connection: SQLiteConnection?
    private var failed = false

    init(path: String) { self.path = path }

    /// `PRAGMA data_version` on a connection that never writes, so every commit by any
    /// other connection (ours included) changes it; nil when it cannot be read now
    /// (locked, closed), which callers treat as "changed".
    func current() -> Int64? {
        lock.lock()
        defer { lock.unlock() }
        guard !failed else { return nil }
        if connection == nil {
            // No busy wait: a check that would block answers nil, and the caller reads afresh.
            guard let opened = try? SQLiteConnection(path: path, queryOnly: true, busyTimeoutMilliseconds: 0,
                                                     cacheKilobytes: 64) else {
                return nil
            }
            connection = opened
        }
        return try? connection?.query("PRAGMA data_version") { $0.int64(0) }.first
    }

    func close() {
        lock.lock()
        failed = true
        connection?.close()
        connection = nil
        lock.unlock()
    }
}

extension SQLiteArticleStore {
    /// A token that differs after any commit to the database, by this process or another:
    /// something read after taking a token may be reused while `dataVersion()` still
    /// returns the same token. Nil when the version cannot be read at once (never equal).
    public func dataVersion() -> Int64? {
        watcher.current()
    }
}

extension SQLiteArticleStore {
    /// Caps the heap all SQLite connections of the process use together (page caches,
    /// statements), as `sqlite3_soft_heap_limit64`: past it, each connection reuses its
    /// own least recently used pages instead of growing. Without a cap the caches
    /// (32 MB for the writer, 8 MB per reader) fill as the database grows, and resident
    /// memory rose by that much under a steady load. Pages dropped are read again from the
    /// operating system's file cache.
    public static func limitSQLiteMemory(toBytes bytes: Int) {
        _ = sqlite3_soft_heap_limit64(Int64(bytes))
    }

    /// Bytes SQLite has allocated in this process now (for `/metrics` and tests).
    public static var sqliteMemoryUsed: Int { Int(sqlite3_memory_used()) }
}
