import CSQLite
import Foundation
import Synchronization

/// Tells whether anything in the database file changed, whoever changed it: this process's
/// writer, or another process (`reextract`, `import`) writing the same file. A cache of
/// what was read may be reused exactly while the version it was read under is current.
///
/// The version is one process-wide counter, `generation`, that only grows. It is moved by
/// the watch connections: a few query-only connections that never write, each behind its
/// own lock, so a check takes whichever one is free rather than queueing on one lock (a
/// single shared connection was most of the futex waits of cached GETs under load). A
/// check reads `PRAGMA data_version` on its connection, which moves after every commit of
/// any other connection to the file (ours included); when it moved since that connection
/// last looked, the check adds one to `generation` before loading it.
///
/// Why a token taken before a read never matches data committed after the read: such a
/// commit ends after the token was loaded. A later check reads `data_version` after the
/// commit ended, on some watch connection; that connection either last looked before the
/// commit, and so sees it move now and bumps, or looked after it, and then some look of
/// its since the commit saw it move (or opened it: opening bumps too) and bumped. Either
/// bump came after the commit, so after the token was loaded, and the counter only grows.
/// Several connections may each bump once for the same commit: that costs a refill of the
/// cache, never a stale answer.
final class DataVersionWatcher: @unchecked Sendable {
    private struct Watch {
        /// Opened on first use; never reopened, since a new connection's counter starts
        /// again (opening bumps `generation` instead).
        var connection: SQLiteConnection?
        /// `data_version` at this connection's last look.
        var seen: Int64?
    }

    /// One watch connection behind its own lock.
    private final class Slot: Sendable {
        let state = Mutex(Watch())
    }

    private let path: String
    private let generation = Atomic<Int64>(1)
    private let closed = Atomic<Bool>(false)
    private let watches: [Slot]
    /// Prepared once per connection (the connection keeps its statements).
    private static let pragma = "PRAGMA data_version"

    /// `connections` watch connections at most, opened as checks overlap.
    init(path: String, connections: Int = max(2, min(8, ProcessInfo.processInfo.activeProcessorCount))) {
        self.path = path
        watches = (0..<max(1, connections)).map { _ in Slot() }
    }

    /// The current version; nil when it cannot be read now (closed, or the file is being
    /// recovered), which callers treat as "changed".
    func current() -> Int64? {
        guard !closed.load(ordering: .acquiring) else { return nil }
        // The first free connection, so a lone thread keeps using the first one; when all
        // are taken, wait for the first (each is held for one PRAGMA only).
        for watch in watches {
            if let result = watch.state.withLockIfAvailable({ look(&$0) }) { return result }
        }
        return watches[0].state.withLock { look(&$0) }
    }

    /// One look on a locked watch connection.
    private func look(_ watch: inout Watch) -> Int64? {
        guard !closed.load(ordering: .acquiring) else { return nil }
        if watch.connection == nil {
            // No busy wait: a check that would block answers nil, and the caller reads afresh.
            guard let opened = try? SQLiteConnection(path: path, queryOnly: true, busyTimeoutMilliseconds: 0,
                                                     cacheKilobytes: 64) else {
                return nil
            }
            watch.connection = opened
        }
        guard let now = try? watch.connection?.int64(Self.pragma) else { return nil }
        if now != watch.seen {
            // Moved (or first look: commits before it were never seen by this connection).
            generation.add(1, ordering: .sequentiallyConsistent)
            watch.seen = now
        }
        return generation.load(ordering: .sequentiallyConsistent)
    }

    func close() {
        closed.store(true, ordering: .sequentiallyConsistent)
        for watch in watches {
            watch.state.withLock { w in
                w.connection?.close()
                w.connection = nil
            }
        }
    }
}

extension SQLiteArticleStore {
    /// A token that differs after any commit to the database, by this process or another,
    /// and never repeats (it only grows): something read after taking a token may be reused
    /// while `dataVersion()` still returns the same token. Nil when the version cannot be
    /// read at once (never equal).
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
