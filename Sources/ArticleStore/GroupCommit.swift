import Foundation

/// Writes submitted at the same time share one transaction and one commit. One writer
/// thread (started by the first write, gone after a second without any) takes every
/// write waiting, up to `maxBatch`, runs them together (`WriteBatch`), commits once, then
/// hands each its result. A write that throws never loses the others: they run again
/// without it.
///
/// Writes wait for the writer, not for each other: a caller that is told its result later
/// (`enqueue`) does not hold a thread meanwhile, so the writes of more clients than there
/// are worker threads can wait together, and batches grow exactly when commits are what
/// the service waits for. Each result is given only after the commit that made it durable.
///
/// A write can be announced before it is ready (`announce`, while its article is being
/// extracted): a writer that takes writes waits for the writes announced by then (not for
/// those announced while it waits), up to `gatherDelay` from when it took them, so writes
/// that arrive a moment apart still share a commit. It waits inside the open transaction,
/// having run the writes it holds, and runs each awaited one as it comes: the wait
/// overlaps the writer's work with the extraction of the articles it waits for, instead
/// of leaving a core idle before the batch starts. A write never waits for one that is
/// not announced: a single client's commits start at once.
final class GroupCommit: @unchecked Sendable {
    typealias Transaction = (_ batch: (SQLiteConnection) throws -> Void) throws -> Void
    /// Work the transaction's owner would do anyway, done in its transaction while the
    /// writer would otherwise only wait (see `enqueue`).
    typealias WaitingWork = (SQLiteConnection) throws -> Void

    /// One submitted write: runs on the writer inside the shared transaction.
    private final class Job {
        let body: (SQLiteConnection) throws -> Any
        let transaction: Transaction
        let whileWaiting: WaitingWork?
        let done: (Result<Any, any Error>) -> Void
        init(body: @escaping (SQLiteConnection) throws -> Any, transaction: @escaping Transaction,
             whileWaiting: WaitingWork?, done: @escaping (Result<Any, any Error>) -> Void) {
            (self.body, self.transaction, self.whileWaiting, self.done) = (body, transaction, whileWaiting, done)
        }
    }

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var waiting: [Job] = []
    private var writerRunning = false
    /// Writes announced and not yet queued or withdrawn.
    private var announced = 0
    /// The number the next announcement gets.
    private var nextAnnouncement = 0
    /// While the writer gathers: announcements numbered below this are awaited, and how
    /// many of them have not yet ended.
    private var awaitedBelow = 0
    private var awaitedLeft = 0
    /// Whether the running batch still takes awaited writes (see `more`): a gathering writer
    /// sets `awaitedBelow` to the next announcement's number, above 0 once any was made.
    private var gathering: Bool { awaitedBelow > 0 }
    /// Most writes in one transaction, so one commit never holds the lock for long.
    private let maxBatch: Int
    /// How long the writer thread waits for more work before it ends.
    private let linger: TimeInterval

    /// Longest a writer holding writes waits for announced ones before it commits.
    private let gatherDelay: TimeInterval

    init(maxBatch: Int = 64, linger: TimeInterval = 1, gatherDelay: TimeInterval = 0.004) {
        self.maxBatch = maxBatch
        self.linger = linger
        self.gatherDelay = gatherDelay
    }

    /// Announces a write that will be enqueued soon; pass it to `enqueue` with the write.
    func announce() -> WriteAnnouncement {
        condition.lock()
        announced += 1
        let number = nextAnnouncement
        nextAnnouncement += 1
        condition.unlock()
        return WriteAnnouncement(number: number) { [weak self] in self?.withdraw(number) }
    }

    private func withdraw(_ number: Int) {
        condition.lock()
        ended(number)
        condition.unlock()
    }

    /// An announcement ended (under the lock): its write came or never will.
    private func ended(_ number: Int) {
        announced -= 1
        if number < awaitedBelow {
            awaitedLeft -= 1
            condition.signal()
        }
    }

    /// Writes announced and not yet queued or withdrawn (for tests).
    var announcedWrites: Int {
        condition.lock()
        defer { condition.unlock() }
        return announced
    }

    /// Queues `body` for the writer and returns at once; `done` is called exactly once, on
    /// the writer thread, after the commit (or with the error that stopped the write).
    /// `transaction` runs a batch: it must begin, call its argument, then commit (it is
    /// `SQLiteArticleStore.write`); every write of one `GroupCommit` passes the same.
    /// `whileWaiting`, likewise the same for every write, runs at most once a batch, in its
    /// transaction, when the writer has run every write it holds and is about to wait for
    /// an announced one: work its transactions must do now and then (indexing what waits
    /// in `IndexBacklog`) is better done there than in a batch that its clients wait for.
    func enqueue<T>(_ body: @escaping (SQLiteConnection) throws -> T, transaction: @escaping Transaction,
                    whileWaiting: WaitingWork? = nil,
                    announcement: WriteAnnouncement? = nil, done: @escaping (Result<T, any Error>) -> Void) {
        // swiftlint:disable:next force_cast
        let job = Job(body: { try body($0) }, transaction: transaction, whileWaiting: whileWaiting,
                      done: { done($0.map { $0 as! T }) })
        condition.lock()
        waiting.append(job)
        // Taken over in the same step as the job is queued: a writer never sees the write
        // as neither announced nor waiting.
        if let announcement, announcement.end() { ended(announcement.number) }
        if writerRunning {
            condition.signal()
        } else {
            writerRunning = true
            let thread = Thread { [self] in runWriter() }
            thread.name = "article-store-writer"
            thread.start()
        }
        condition.unlock()
    }

    /// `enqueue`, waiting for the result.
    func submit<T>(_ body: @escaping (SQLiteConnection) throws -> T, transaction: @escaping Transaction) throws -> T {
        let outcome = AwaitedResult<T>()
        enqueue(body, transaction: transaction) { outcome.set($0) }
        return try outcome.wait().get()
    }

    /// Whether a writer thread is running (it ends `linger` after its last write).
    var hasWriterThread: Bool {
        condition.lock()
        defer { condition.unlock() }
        return writerRunning
    }

    private func runWriter() {
        condition.lock()
        while true {
            if waiting.isEmpty {
                // A timeout with nothing queued ends the thread; the next write starts another.
                if !condition.wait(until: Date(timeIntervalSinceNow: linger)) && waiting.isEmpty { break }
                continue
            }
            if announced > 0 {
                awaitedBelow = nextAnnouncement
                awaitedLeft = announced
            }
            let deadline = Date(timeIntervalSinceNow: gatherDelay)
            let batch = take(maxBatch)
            condition.unlock()
            for (job, outcome) in run(batch, deadline: deadline) { job.done(outcome) }
            condition.lock()
            awaitedBelow = 0  // also when BEGIN failed before the batch asked for more
        }
        writerRunning = false
        condition.unlock()
    }

    /// Up to `limit` of the writes waiting, taken off the queue (under the lock).
    private func take(_ limit: Int) -> [Job] {
        let jobs = Array(waiting.prefix(limit))
        waiting.removeFirst(jobs.count)
        return jobs
    }

    /// The writes for a batch of `taken` that has run all it holds: while awaited
    /// announcements are open, the writes queued by then, waiting for one until `deadline`;
    /// none once the last awaited one came, the deadline passed or the batch is full.
    private func more(taken: Int, deadline: Date, work: inout WaitingWork?, db: SQLiteConnection) throws -> [Job] {
        condition.lock()
        defer { condition.unlock() }
        guard gathering else { return [] }
        if let pending = work, awaitedLeft > 0, waiting.isEmpty, taken < maxBatch {
            work = nil
            condition.unlock()
            defer { condition.lock() }
            try pending(db)
        }
        while awaitedLeft > 0 && waiting.isEmpty && taken < maxBatch && condition.wait(until: deadline) {}
        let jobs = take(maxBatch - taken)
        if jobs.isEmpty || awaitedLeft == 0 { awaitedBelow = 0 }
        return jobs
    }

    /// Runs `batch` and the writes it gathers (`more`) in one transaction: each write with
    /// its outcome.
    private func run(_ batch: [Job], deadline: Date) -> [(job: Job, outcome: Result<Any, any Error>)] {
        var jobs = batch
        var work = batch[0].whileWaiting
        let outcomes: [Result<Any, any Error>]
        do {
            outcomes = try WriteBatch.run(jobs.count, transaction: batch[0].transaction, more: { db in
                let added = try more(taken: jobs.count, deadline: deadline, work: &work, db: db)
                jobs += added
                return added.count
            }, write: { index, db in try jobs[index].body(db) })
        } catch {
            // BEGIN or COMMIT failed: nothing of the batch is stored.
            outcomes = jobs.map { _ in .failure(error) }
        }
        return zip(jobs, outcomes).map { (job: $0, outcome: $1) }
    }
}

/// Runs several writes in one transaction with no savepoints, since a savepoint first
/// copies every page it changes (~40 pages of 16 KB an article) and writes almost never
/// fail: when one does, the transaction is rolled back, that write gets its error, and
/// the others run again in a new transaction, until one commits with every write left in it.
enum WriteBatch {
    /// The result of each write, in order; throws only when BEGIN or COMMIT fails, and then
    /// nothing is stored. Once the writes it knows have run, the transaction asks `more`
    /// how many writes follow them (numbered on from the last), until it answers 0.
    static func run<T>(_ count: Int, transaction: GroupCommit.Transaction, more: (SQLiteConnection) throws -> Int = { _ in 0 },
                       write: (Int, SQLiteConnection) throws -> T) throws -> [Result<T, any Error>] {
        try withoutActuallyEscaping(write) { write in
            try withoutActuallyEscaping(more) { more in try run(count, transaction: transaction, more: more, escaping: write) }
        }
    }

    private static func run<T>(_ count: Int, transaction: GroupCommit.Transaction, more: @escaping (SQLiteConnection) throws -> Int,
                               escaping write: @escaping (Int, SQLiteConnection) throws -> T) throws -> [Result<T, any Error>] {
        var outcomes = [Result<T, any Error>?](repeating: nil, count: count)
        var pending = Array(0..<count)
        while !pending.isEmpty {
            var results: [T] = []
            var failed: (index: Int, error: any Error)?
            do {
                try transaction { db in
                    var next = 0
                    while next < pending.count {
                        let index = pending[next]
                        do {
                            results.append(try write(index, db))
                        } catch {
                            failed = (index, error)
                            throw error  // rolls back the transaction
                        }
                        next += 1
                        if next == pending.count {
                            let added = try more(db)
                            pending += outcomes.count..<outcomes.count + added
                            outcomes += Array(repeating: nil, count: added)
                        }
                    }
                }
            } catch {
                guard let failed else { throw error }
                outcomes[failed.index] = .failure(failed.error)
                pending.removeAll { $0 == failed.index }
                continue
            }
            for (index, result) in zip(pending, results) { outcomes[index] = .success(result) }
            pending = []
        }
        return outcomes.map { $0! }
    }
}

/// A result handed from the writer thread to a caller waiting for it.
final class AwaitedResult<T>: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<T, any Error>?

    func set(_ value: Result<T, any Error>) {
        condition.lock()
        result = value
        condition.broadcast()  // every thread waiting, not one
        condition.unlock()
    }

    func wait() -> Result<T, any Error> {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result!
    }
}
