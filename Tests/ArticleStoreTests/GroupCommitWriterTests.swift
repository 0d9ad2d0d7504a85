import Foundation
import XCTest
@testable import ArticleStore

/// The writer thread of a group commit: a caller is answered as soon as its own batch is
/// committed, writes queued while a batch runs share the next one (a failing one leaves
/// nothing of itself and loses no other), and the thread ends when idle and comes back
/// with the next write.
final class GroupCommitWriterTests: XCTestCase {
    private var folder: URL!
    private var writer: Writer!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("group-commit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        writer = Writer(try SQLiteConnection(path: folder.appendingPathComponent("db.sqlite").path))
        try writer.db.execute("CREATE TABLE t (n INTEGER NOT NULL)")
    }

    override func tearDown() {
        writer.db.close()
        try? FileManager.default.removeItem(at: folder)
        super.tearDown()
    }

    func testACallerIsAnsweredBeforeTheWritesQueuedBehindItRun() throws {
        let commits = GroupCommit()
        let running = DispatchSemaphore(value: 0)
        let finishFirst = DispatchSemaphore(value: 0)
        let firstAnswered = DispatchSemaphore(value: 0)
        let writer = self.writer!
        Thread {
            _ = try? commits.submit({ _ in
                running.signal()
                finishFirst.wait()
                return 1
            }, transaction: writer.transaction)
            firstAnswered.signal()
        }.start()
        running.wait()

        // Queued while the first batch runs: it may run only after the first caller has its answer.
        let second = AwaitedResult<Bool>()
        commits.enqueue({ _ in firstAnswered.wait(timeout: .now() + 5) == .success },
                        transaction: writer.transaction) { second.set($0) }
        finishFirst.signal()
        XCTAssertTrue(try second.wait().get(), "the first caller was answered only after the write queued behind it ran")
    }

    func testWritesQueuedWhileABatchRunsShareTheNextTransaction() throws {
        let commits = GroupCommit()
        let running = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let first = AwaitedResult<Int>()
        commits.enqueue({ db in
            running.signal()
            release.wait()
            try db.run("INSERT INTO t (n) VALUES (0)")
            return 0
        }, transaction: writer.transaction) { first.set($0) }
        running.wait()
        let later = (1...5).map { _ in AwaitedResult<Int>() }
        for (n, result) in zip(1..., later) {
            commits.enqueue({ db in
                try db.run("INSERT INTO t (n) VALUES (?)", [.int(n)])
                if n == 3 { throw StoreError.corrupt("write 3 fails") }  // after a write of its own
                return n
            }, transaction: writer.transaction) { result.set($0) }
        }
        release.signal()

        XCTAssertEqual(try first.wait().get(), 0)
        XCTAssertEqual(try later.map { try? $0.wait().get() }, [1, 2, nil, 4, 5])
        XCTAssertThrowsError(try later[2].wait().get()) { XCTAssertEqual("\($0)", "\(StoreError.corrupt("write 3 fails"))") }
        // The first write alone; the five queued behind it together, rolled back when the
        // third failed; the four others together again.
        XCTAssertEqual(writer.batches, 3)
        XCTAssertEqual(try writer.db.query("SELECT n FROM t ORDER BY n") { $0.int(0) }, [0, 1, 2, 4, 5])
    }

    func testTheWriterThreadEndsWhenIdleAndAnotherServesTheNextWrite() throws {
        let commits = GroupCommit(linger: 0.05)
        XCTAssertEqual(try commits.submit({ db in try db.run("INSERT INTO t (n) VALUES (1)"); return 1 },
                                          transaction: writer.transaction), 1)
        let deadline = Date(timeIntervalSinceNow: 5)
        while commits.hasWriterThread && Date() < deadline { usleep(10_000) }
        XCTAssertFalse(commits.hasWriterThread)
        XCTAssertEqual(try commits.submit({ db in try db.run("INSERT INTO t (n) VALUES (2)"); return 2 },
                                          transaction: writer.transaction), 2)
        XCTAssertEqual(try writer.db.query("SELECT n FROM t ORDER BY n") { $0.int(0) }, [1, 2])
    }
}

/// The one connection the writer thread writes on (as the store's writer is), counting
/// the transactions it runs.
private final class Writer: @unchecked Sendable {
    let db: SQLiteConnection
    private(set) var batches = 0
    init(_ db: SQLiteConnection) { self.db = db }
    func transaction(_ batch: (SQLiteConnection) throws -> Void) throws {
        batches += 1
        try db.transaction { try batch(db) }
    }
}
