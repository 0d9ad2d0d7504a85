import CSQLite
import Foundation

/// Copies the write-ahead log back into the database file on a thread of its own, so the
/// writer's commits never pay for it. SQLite's own automatic checkpoint runs inside the
/// commit that passes 1,000 pages in the log: a copy of every page changed since the last
/// one, and an fsync, on the thread every write waits for.
///
/// The writer connection's commit hook (`attach`) reports the log's length; past
/// `pages`, this thread runs a passive checkpoint on its own connection (readers and the
/// writer go on meanwhile; SQLite restarts the log at the next write once it is all
/// copied). Should the log still pass `inlinePages` (a checkpoint that cannot keep up, or
/// a reader holding old pages), the writer checkpoints itself, as SQLite would, so the
/// log stays bounded.
final class WALCheckpointer: @unchecked Sendable {
    /// Log length (pages) that asks for a checkpoint, and the one the writer stops at.
    let pages: Int32
    let inlinePages: Int32

    private let path: String
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var wanted = false
    private var stopping = false
    private var running = false
    private var done = 0
    private var checkpointing = false

    init(path: String, pages: Int32 = 1000, inlinePages: Int32 = 16_000) {
        self.path = path
        self.pages = pages
        self.inlinePages = inlinePages
    }

    /// Takes over the writer's automatic checkpoint.
    func attach(to db: OpaquePointer) {
        sqlite3_wal_hook(db, { context, db, _, pages in
            guard let context else { return SQLITE_OK }
            let checkpointer = Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue()
            if pages >= checkpointer.inlinePages {
                sqlite3_wal_checkpoint_v2(db, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            } else if pages >= checkpointer.pages {
                checkpointer.request()
            }
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Asks for a checkpoint soon; a thread starts when none is running.
    func request() {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else { return }
        wanted = true
        if running {
            condition.signal()
        } else {
            running = true
            let thread = Thread { [self] in run() }
            thread.name = "article-store-checkpoint"
            thread.start()
        }
    }

    /// Checkpoints run on the thread so far (for tests).
    var checkpoints: Int {
        condition.lock()
        defer { condition.unlock() }
        return done
    }

    /// Waits until no checkpoint is asked for or under way (for tests).
    func waitUntilIdle() {
        condition.lock()
        while wanted || checkpointing { condition.wait() }
        condition.unlock()
    }

    /// Ends the thread after any checkpoint under way; waits for it.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }

    private func run() {
        let connection = try? SQLiteConnection(path: path, cacheKilobytes: 1024)
        condition.lock()
        while !stopping {
            if !wanted {
                // Idle for a while: the thread ends, and the next request starts another.
                if !condition.wait(until: Date(timeIntervalSinceNow: 5)) && !wanted { break }
                continue
            }
            wanted = false
            checkpointing = true
            condition.unlock()
            connection?.checkpoint()
            condition.lock()
            checkpointing = false
            done += 1
            condition.broadcast()
        }
        running = false
        condition.broadcast()
        condition.unlock()
        connection?.close()
    }
}

extension SQLiteConnection {
    /// A passive checkpoint of the write-ahead log: copies what no reader still needs, and
    /// never waits for a lock. A failure leaves the log as it was, for the next one.
    func checkpoint() {
        guard let db = try? rawHandle() else { return }
        sqlite3_wal_checkpoint_v2(db, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
    }
}
