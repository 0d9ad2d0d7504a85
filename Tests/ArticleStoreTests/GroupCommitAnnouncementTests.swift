import Foundation
import XCTest
@testable import ArticleStore

/// Announced writes: a writer holding a write runs it, then waits for one announced before
/// it began to wait (not after) to share its commit, goes at once when the announcement is withdrawn
/// or there is none, waits no longer than its gather delay, and counts each announcement
/// out exactly once.
final class GroupCommitAnnouncementTests: XCTestCase {
    private var folder: URL!
    private var db: SQLiteConnection!
    private let transactions = Counter()

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("announce-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        db = try SQLiteConnection(path: folder.appendingPathComponent("db.sqlite").path)
        try db.execute("CREATE TABLE t (n INTEGER NOT NULL)")
    }

    override func tearDown() {
        db.close()
        try? FileManager.default.removeItem(at: folder)
        super.tearDown()
    }

    private func transaction(_ batch: (SQLiteConnection) throws -> Void) throws {
        transactions.add()
        try db.transaction { try batch(db) }
    }

    private func insert(_ n: Int, into commits: GroupCommit, announcement: WriteAnnouncement? = nil) -> AwaitedResult<Int> {
        let result = AwaitedResult<Int>()
        commits.enqueue({ db in try db.run("INSERT INTO t (n) VALUES (?)", [.int(n)]); return n },
                        transaction: { try self.transaction($0) }, announcement: announcement) { result.set($0) }
        return result
    }

    /// The rows committed, as another connection sees them.
    private func committedRows() throws -> Int {
        let other = try SQLiteConnection(path: folder.appendingPathComponent("db.sqlite").path)
        defer { other.close() }
        return try other.query("SELECT COUNT(*) FROM t") { $0.int(0) }.first ?? -1
    }

    /// Waits for `result`, failing (not hanging) after `seconds`.
    private func value(_ result: AwaitedResult<Int>, within seconds: Double) -> Int? {
        let got = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var value: Int?
        Thread { value = try? result.wait().get(); got.signal() }.start()
        return got.wait(timeout: .now() + seconds) == .success ? value : nil
    }

    /// Drops `announcement`, still open with `open - 1` others, and checks it was counted out.
    private func drop(_ announcement: inout WriteAnnouncement?, from commits: GroupCommit, open: Int) {
        XCTAssertNotNil(announcement)
        XCTAssertEqual(commits.announcedWrites, open)
        announcement = nil
        XCTAssertEqual(commits.announcedWrites, open - 1)
    }

    func testAnAnnouncedWriteSharesTheCommitOfTheOneWaiting() throws {
        let commits = GroupCommit(gatherDelay: 60)
        let announcement = commits.announce()
        let first = insert(1, into: commits)
        usleep(100_000)  // the writer has run the first write and waits for the announced one
        XCTAssertEqual(try committedRows(), 0, "the writer committed without the announced write")
        let second = insert(2, into: commits, announcement: announcement)
        XCTAssertEqual(value(first, within: 10), 1)
        XCTAssertEqual(value(second, within: 10), 2)
        XCTAssertEqual(transactions.value, 1)
        XCTAssertEqual(commits.announcedWrites, 0)
        XCTAssertEqual(try db.query("SELECT n FROM t ORDER BY n") { $0.int(0) }, [1, 2])
    }

    func testTheWriterRunsTheWriteItHoldsWhileItWaitsForAnAnnouncedOne() throws {
        let commits = GroupCommit(gatherDelay: 60)
        let announcement = commits.announce()
        let ran = DispatchSemaphore(value: 0)
        let first = AwaitedResult<Int>()
        commits.enqueue({ db in try db.run("INSERT INTO t (n) VALUES (1)"); ran.signal(); return 1 },
                        transaction: { try self.transaction($0) }) { first.set($0) }
        XCTAssertEqual(ran.wait(timeout: .now() + 10), .success, "the writer waited before running the write it held")
        usleep(50_000)
        XCTAssertEqual(try committedRows(), 0, "the writer committed without the announced write")
        XCTAssertNil(value(first, within: 0.05), "the first write was answered before its commit")
        let second = insert(2, into: commits, announcement: announcement)
        XCTAssertEqual(value(first, within: 10), 1)
        XCTAssertEqual(value(second, within: 10), 2)
        XCTAssertEqual(transactions.value, 1)
        XCTAssertEqual(try committedRows(), 2)
    }

    func testWorkForTheWaitRunsOnceInTheBatchAndOnlyWhenTheWriterWaits() throws {
        let commits = GroupCommit(gatherDelay: 60)
        let runs = Counter()
        let waitingWork: GroupCommit.WaitingWork = { db in
            runs.add()
            try db.run("INSERT INTO t (n) VALUES (100)")
        }
        func insert(_ n: Int, announcement: WriteAnnouncement? = nil) -> AwaitedResult<Int> {
            let result = AwaitedResult<Int>()
            commits.enqueue({ db in try db.run("INSERT INTO t (n) VALUES (?)", [.int(n)]); return n },
                            transaction: { try self.transaction($0) }, whileWaiting: waitingWork,
                            announcement: announcement) { result.set($0) }
            return result
        }
        // Nothing announced: the writer never waits, so the work does not run.
        XCTAssertEqual(value(insert(1), within: 10), 1)
        XCTAssertEqual(runs.value, 0)
        let announcements = [commits.announce(), commits.announce()]
        let second = insert(2)
        usleep(100_000)  // the writer ran the second write and the work, and waits
        XCTAssertEqual(runs.value, 1)
        XCTAssertEqual(try committedRows(), 1, "the work was committed before the batch")
        let third = insert(3, announcement: announcements[0])
        usleep(50_000)  // the writer ran the third write and waits again: the work is not run twice
        let fourth = insert(4, announcement: announcements[1])
        XCTAssertEqual(value(second, within: 10), 2)
        XCTAssertEqual(value(third, within: 10), 3)
        XCTAssertEqual(value(fourth, within: 10), 4)
        XCTAssertEqual(runs.value, 1)
        XCTAssertEqual(transactions.value, 2)
        XCTAssertEqual(try db.query("SELECT n FROM t ORDER BY n") { $0.int(0) }, [1, 2, 3, 4, 100])
    }

    func testAnAwaitedWriteThatFailsLeavesTheOneRunBeforeItCommitted() throws {
        let commits = GroupCommit(gatherDelay: 60)
        let announcement = commits.announce()
        let first = insert(1, into: commits)
        usleep(50_000)  // the writer has run the first write and waits for the announced one
        let second = AwaitedResult<Int>()
        commits.enqueue({ db -> Int in
            try db.run("INSERT INTO t (n) VALUES (2)")
            throw StoreError.corrupt("write 2 fails")
        }, transaction: { try self.transaction($0) }, announcement: announcement) { second.set($0) }
        XCTAssertEqual(value(first, within: 10), 1)
        XCTAssertThrowsError(try second.wait().get())
        XCTAssertEqual(transactions.value, 2, "rolled back, then the first write again on its own")
        XCTAssertEqual(try db.query("SELECT n FROM t ORDER BY n") { $0.int(0) }, [1])
        XCTAssertEqual(commits.announcedWrites, 0)
    }

    func testAWriterWaitsOnlyForTheWritesAnnouncedBeforeItBeganToWait() throws {
        let commits = GroupCommit(gatherDelay: 60)
        let early = commits.announce()
        let first = insert(1, into: commits)
        usleep(50_000)  // the writer waits for `early`
        var late: WriteAnnouncement? = commits.announce()
        let second = insert(2, into: commits, announcement: early)
        XCTAssertEqual(value(first, within: 10), 1, "the writer waited for a write announced after it began to wait")
        XCTAssertEqual(value(second, within: 10), 2)
        XCTAssertEqual(transactions.value, 1)
        drop(&late, from: commits, open: 1)
    }

    func testAWithdrawnAnnouncementLetsTheWaitingWriteCommit() throws {
        let commits = GroupCommit(gatherDelay: 60)
        var announcement: WriteAnnouncement? = commits.announce()
        XCTAssertEqual(commits.announcedWrites, 1)
        let first = insert(1, into: commits)
        usleep(50_000)
        XCTAssertNotNil(announcement)
        announcement = nil  // its article failed: the write will never come
        XCTAssertEqual(value(first, within: 10), 1, "the write waited for a withdrawn announcement")
        XCTAssertEqual(commits.announcedWrites, 0)
    }

    func testWithoutAnnouncementsAWriteCommitsAtOnce() throws {
        let commits = GroupCommit(gatherDelay: 60)
        XCTAssertEqual(value(insert(1, into: commits), within: 10), 1)
        XCTAssertEqual(value(insert(2, into: commits), within: 10), 2)
        XCTAssertEqual(transactions.value, 2)
    }

    func testAWriteWaitsForAnAnnouncementNoLongerThanTheGatherDelay() throws {
        let commits = GroupCommit(gatherDelay: 0.05)
        var announcement: WriteAnnouncement? = commits.announce()  // held, never handed over, during the write
        XCTAssertEqual(value(insert(1, into: commits), within: 10), 1)
        drop(&announcement, from: commits, open: 1)
    }

    func testAnAnnouncementHandedOverIsNotCountedOutAgainWhenDropped() throws {
        let commits = GroupCommit(gatherDelay: 60)
        var announcements: [WriteAnnouncement]? = [commits.announce(), commits.announce()]
        let first = insert(1, into: commits, announcement: announcements![0])
        let second = insert(2, into: commits, announcement: announcements![1])
        XCTAssertEqual(commits.announcedWrites, 0)
        XCTAssertEqual(value(first, within: 10), 1)
        XCTAssertEqual(value(second, within: 10), 2)
        announcements = nil
        XCTAssertEqual(commits.announcedWrites, 0)
        XCTAssertEqual(value(insert(3, into: commits), within: 10), 3)
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
