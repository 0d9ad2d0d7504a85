import Foundation

/// Writes submitted at the same time share one transaction and one commit: the first
/// caller to find no commit under way leads, running the waiting writes (its own
/// included) each in its own savepoint (a write alone in its batch needs none), then
/// commits once; the others wait, and one whose
/// write is still queued when the leader's own is committed leads next. Each caller
/// gets its result only after the commit that made its write durable, and a write that
/// throws is rolled back to its savepoint alone, so it never loses the others.
final class GroupCommit: @unchecked Sendable {
    /// One submitted write: runs on the writer inside the shared transaction.
    private final class Job {
        let body: (SQLiteConnection) throws -> Any
        var result: Result<Any, any Error>?
        init(_ body: @escaping (SQLiteConnection) throws -> Any) { self.body = body }
    }

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var waiting: [Job] = []
    private var leading = false
    /// Most writes in one transaction, so one commit never holds the lock for long.
    private let maxBatch: Int

    init(maxBatch: Int = 64) {
        self.maxBatch = maxBatch
    }

    /// Runs `body` in a transaction shared with concurrent submissions. `transaction`
    /// runs a batch: it must begin, call its argument, then commit (it is `SQLiteArticleStore.write`).
    func submit<T>(_ body: @escaping (SQLiteConnection) throws -> T,
                   transaction: (_ batch: (SQLiteConnection) throws -> Void) throws -> Void) throws -> T {
        let job = Job { try body($0) }
        condition.lock()
        waiting.append(job)
        while job.result == nil && leading { condition.wait() }
        if job.result == nil {
            // No commit under way: lead until this caller's own write is committed (the
            // queue is in order, so batches from its front reach it), then hand over: a
            // leader that emptied the queue kept its own answer waiting behind the
            // commits of everyone who arrived meanwhile.
            leading = true
            while job.result == nil {
                let batch = Array(waiting.prefix(maxBatch))
                waiting.removeFirst(batch.count)
                condition.unlock()
                run(batch, transaction: transaction)
                condition.lock()
                condition.broadcast()
            }
            // A waiter whose write is still queued wakes to find no leader and leads.
            leading = false
            condition.broadcast()
        }
        condition.unlock()
        // swiftlint:disable:next force_cast
        return try job.result!.get() as! T
    }

    private func run(_ batch: [Job], transaction: ((SQLiteConnection) throws -> Void) throws -> Void) {
        var outcomes: [Result<Any, any Error>] = []
        do {
            try transaction { db in
                if batch.count == 1 {
                    // Alone in its transaction, a write needs no savepoint: if it throws, the
                    // rollback of the transaction leaves nothing of it, as the savepoint's would.
                    // A savepoint journals the original of every page it changes first
                    // (~40 pages of 16 KB an article), and one write is the usual batch.
                    outcomes.append(.success(try batch[0].body(db)))
                    return
                }
                for job in batch {
                    try db.run("SAVEPOINT write")
                    do {
                        outcomes.append(.success(try job.body(db)))
                        try db.run("RELEASE write")
                    } catch {
                        outcomes.append(.failure(error))
                        try db.run("ROLLBACK TO write")
                        try db.run("RELEASE write")
                    }
                }
            }
        } catch {
            // BEGIN or COMMIT failed (or a rollback did), or a write alone in its batch
            // threw: nothing of the batch is stored.
            outcomes = batch.map { _ in .failure(error) }
        }
        condition.lock()
        for (job, outcome) in zip(batch, outcomes) { job.result = outcome }
        // Jobs left without an outcome (a savepoint statement failed): the batch failed.
        for job in batch where job.result == nil { job.result = .failure(StoreError.sqlite(code: 1, message: "group commit failed")) }
        condition.unlock()
    }
}
