import Foundation
import XCTest
@testable import ArticleStore

/// The connection's statement cache, found by where a literal's bytes are (`SQLAddress`):
/// every statement run is the one its SQL names, for literals and for built strings alike.
final class StatementCacheTests: XCTestCase {
    private var folder: URL!
    private var db: SQLiteConnection!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("statements-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        db = try SQLiteConnection(path: folder.appendingPathComponent("db.sqlite").path)
    }

    override func tearDown() {
        db.close()
        try? FileManager.default.removeItem(at: folder)
        super.tearDown()
    }

    func testBuiltStringsPastWhatIsRememberedEachRunTheirOwnStatement() throws {
        // More distinct built strings than the address map keeps, each run twice, with a
        // literal between them: a stale address must never answer for another SQL.
        for n in 0..<(SQLAddress.remembered + 100) {
            for _ in 0..<2 {
                XCTAssertEqual(try db.query("SELECT \(n) + 0") { $0.int(0) }, [n])
                XCTAssertEqual(try db.query("SELECT 'literal'") { $0.text(0) }, ["literal"])
            }
        }
        XCTAssertEqual(try db.query(String(repeating: "SELECT 7 ", count: 1) + "+ 1") { $0.int(0) }, [8])
    }

    func testAHitIsConfirmedAgainstTheStatementsOwnSQL() throws {
        try db.execute("CREATE TABLE t (n INTEGER)")
        XCTAssertEqual(try db.query("SELECT COUNT(*) FROM t") { $0.int(0) }, [0])
        let statement = try XCTUnwrap(sqlStatement(db, "SELECT COUNT(*) FROM t"))
        XCTAssertTrue(SQLAddress.isSQL(of: statement, "SELECT COUNT(*) FROM t"))
        XCTAssertFalse(SQLAddress.isSQL(of: statement, "SELECT COUNT(*) FROM u"))
        XCTAssertFalse(SQLAddress.isSQL(of: statement, "SELECT COUNT(*) FROM t "))
        XCTAssertFalse(SQLAddress.isSQL(of: statement, "SELECT COUNT(*) FROM"))
        XCTAssertFalse(SQLAddress.isSQL(of: statement, ""))
    }

    /// The statement the connection caches for `sql`, as the cache holds it.
    private func sqlStatement(_ db: SQLiteConnection, _ sql: String) throws -> OpaquePointer? {
        try db.cachedStatement(sql)
    }
}
