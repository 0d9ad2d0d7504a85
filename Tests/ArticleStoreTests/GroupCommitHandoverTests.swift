import Foundation
import XCTest
@testable import ArticleStore

/// The leader of a group commit answers as soon as its own write is committed: a write
/// that arrived while it committed is committed by its own caller, who leads next.
final class GroupCommitHandoverTests: XCTestCase {
    func testTheLeaderDoesNotWaitForWritesThatArrivedWhileItCommitted() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("group-commit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = Writer(try SQLiteConnection(path: folder.appendingPathComponent("db.sqlite").path))
        defer { writer.db.close() }
        let commits = GroupCommit()

        let leading = DispatchSemaphore(value: 0)
        let finishLeader = DispatchSemaphore(value: 0)
        let leaderAnswered = DispatchSemaphore(value: 0)
        let leader = Thread {
            _ = try? commits.submit({ _ in
                leading.signal()
                finishLeader.wait()
                return 1
            }, transaction: writer.transaction)
            leaderAnswered.signal()
        }
        leader.start()
        leading.wait()

        // Queued while the leader's batch runs: it may run only after the leader has answered.
        let follower = Result<Bool, any Error> { () -> Bool in
            let queued = DispatchSemaphore(value: 0)
            let result = Box()
            Thread {
                result.value = try? commits.submit({ _ in leaderAnswered.wait(timeout: .now() + 5) == .success },
                                                   transaction: writer.transaction)
                queued.signal()
            }.start()
            usleep(100_000)  // the follower is waiting in the queue by now
            finishLeader.signal()
            queued.wait()
            return result.value ?? false
        }
        XCTAssertTrue(try follower.get(), "the leader answered before the write queued behind it was run")
    }
}

private final class Box: @unchecked Sendable {
    var value: Bool?
}

/// The one connection the leader of the moment writes on (as the store's writer is).
private final class Writer: @unchecked Sendable {
    let db: SQLiteConnection
    init(_ db: SQLiteConnection) { self.db = db }
    func transaction(_ batch: (SQLiteConnection) throws -> Void) throws {
        try db.transaction { try batch(db) }
    }
}
