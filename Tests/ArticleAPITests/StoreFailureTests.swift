import XCTest
import CSQLite
import ArticleAPI

/// Store failures reach the client in words, never as SQLite's message or SQL (the log
/// keeps those); a database locked by another writer is a 503 with Retry-After.
final class StoreFailureTests: XCTestCase {
    var fixture: ServiceFixture!
    var logged: LogLines!
    /// A second connection to the test database, as `reextract` would hold one.
    var other: OpaquePointer?

    override func setUpWithError() throws {
        logged = LogLines()
        let lines = logged!
        fixture = try ServiceFixture(log: { lines.append($0) }, busyTimeoutMilliseconds: 20)
        _ = try fixture.sqlite()  // a second SQLite connection holds the lock
        XCTAssertEqual(sqlite3_open(fixture.databasePath, &other), SQLITE_OK)
        sqlite3_busy_timeout(other, 20)
    }

    override func tearDown() {
        sqlite3_close(other)
        fixture.tearDown()
    }

    func exec(_ sql: String) {
        XCTAssertEqual(sqlite3_exec(other, sql, nil, nil, nil), SQLITE_OK, String(cString: sqlite3_errmsg(other)))
    }

    func testABusyDatabaseIs503WithRetryAfter() throws {
        let client = fixture.inProcess
        exec("BEGIN IMMEDIATE")  // holds the write lock, as a running reextract does
        let r = try client.postText("/v1/articles", "NATO met in Brussels.")
        XCTAssertEqual(r.status, 503, r.text)
        XCTAssertEqual(r.headers["retry-after"], "1")
        XCTAssertEqual(r.headers["content-type"], "application/problem+json")
        XCTAssertEqual(r.json["detail"] as? String,
                       "the database is busy with another writer (such as a running reextract), so nothing was changed: retry in a moment")
        exec("COMMIT")
        XCTAssertEqual(try client.postText("/v1/articles", "NATO met in Brussels.").status, 201)
    }

    func testA500SaysWhatFailedWithoutSQL() throws {
        let client = fixture.inProcess
        exec("DROP TABLE figures")
        let r = try client.get("/v1/figures")
        XCTAssertEqual(r.status, 500, r.text)
        XCTAssertEqual(r.headers["content-type"], "application/problem+json")
        XCTAssertEqual(r.text, #"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"reading from the article store failed in the service's database; the service log has the details"}"#)
        let post = try client.postText("/v1/articles", "The €276 million package.")
        XCTAssertEqual(post.status, 500, post.text)
        XCTAssertEqual(post.json["detail"] as? String, "storing the article failed in the service's database; the service log has the details")
        for body in [r.text, post.text] {
            XCTAssertFalse(body.contains("SQL"), body)
            XCTAssertFalse(body.contains("figures"), body)
        }
        // The log has SQLite's own words.
        XCTAssertTrue(logged.lines.contains { $0.hasPrefix("GET /v1/figures 500: SQLite error") && $0.contains("no such table") }, "\(logged.lines)")
    }
}

final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.lock(); stored.append(line); lock.unlock() }
    var lines: [String] { lock.lock(); defer { lock.unlock() }; return stored }
}
