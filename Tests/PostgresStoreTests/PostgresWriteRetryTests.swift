import ArticleStore
import PostgresClient
import PostgresTestSupport
import XCTest
@testable import PostgresStore

/// A write PostgreSQL rolled back as a deadlock victim (40P01) or a serialization failure
/// (40001) runs again, up to three times; any other error is not retried.
final class PostgresWriteRetryTests: XCTestCase {
    func testADeadlockVictimRunsAgainAndItsFirstAttemptLeavesNothing() throws {
        let store = try PostgresArticleStore(url: try TestDatabase.freshSchema(for: self), connections: 1)
        defer { store.close() }
        try store.write { c in _ = try c.execute("CREATE TABLE tries (n int)") }
        var attempts = 0
        let answer = try store.write { c -> Int in
            attempts += 1
            _ = try c.query("INSERT INTO tries VALUES ($1)", [attempts])
            if attempts == 1 { throw PostgresError(.server, "deadlock detected", sqlState: "40P01") }
            return attempts
        }
        XCTAssertEqual(answer, 2)
        let rows = try store.read { c in try c.query("SELECT n FROM tries").map { try $0.int(0) } }
        XCTAssertEqual(rows, [2], "the rolled-back attempt wrote nothing")
    }

    func testGivesUpAfterThreeAttemptsAndOtherErrorsAreNotRetried() throws {
        let store = try PostgresArticleStore(url: try TestDatabase.freshSchema(for: self), connections: 1)
        defer { store.close() }
        var attempts = 0
        XCTAssertThrowsError(try store.write { _ in
            attempts += 1
            throw PostgresError(.server, "could not serialize access", sqlState: "40001")
        }) { XCTAssertEqual($0 as? StoreError, .postgres(sqlState: "40001", message: "could not serialize access")) }
        XCTAssertEqual(attempts, 3)
        attempts = 0
        XCTAssertThrowsError(try store.write { _ in
            attempts += 1
            throw PostgresError(.server, "duplicate key", sqlState: "23505")
        })
        XCTAssertEqual(attempts, 1)
    }
}
