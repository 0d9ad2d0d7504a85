import Foundation
import XCTest
@testable import ArticleStore

/// `row_set` gathers rowids into a set once a statement and `in_row_set` tests rows
/// against it (`RowSetFunctions`): exact membership at byte edges, the empty set, and
/// errors (never a crash or a huge allocation) for rowids out of range and for a first
/// argument that is not a set.
final class RowSetFunctionsTests: XCTestCase {
    private var folder: URL!
    private var db: SQLiteConnection!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("row-set-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        db = try SQLiteConnection(path: folder.appendingPathComponent("db.sqlite").path)
        try db.execute("CREATE TABLE members (id INTEGER PRIMARY KEY); CREATE TABLE probes (id INTEGER PRIMARY KEY)")
        for id in [0, 1, 7, 8, 9, 63, 64, 1000] { try db.run("INSERT INTO members VALUES (?)", [.integer(Int64(id))]) }
        for id in 0...1100 { try db.run("INSERT INTO probes VALUES (?)", [.integer(Int64(id))]) }
    }

    override func tearDownWithError() throws {
        db.close()
        try? FileManager.default.removeItem(at: folder)
    }

    private func members(_ subquery: String, _ values: [SQLiteValue] = []) throws -> [Int] {
        try db.query("SELECT id FROM probes WHERE in_row_set((\(subquery)), id) ORDER BY id", values) { $0.int(0) }
    }

    func testEveryRowidOfTheSetAndNoOther() throws {
        XCTAssertEqual(try members("SELECT row_set(id) FROM members"), [0, 1, 7, 8, 9, 63, 64, 1000])
        XCTAssertEqual(try members("SELECT row_set(id) FROM members WHERE id BETWEEN 8 AND 64"), [8, 9, 63, 64])
        XCTAssertEqual(try db.query("SELECT in_row_set((SELECT row_set(id) FROM members), ?)", [.integer(-1)]) { $0.int(0) }, [0],
                       "a negative rowid is in no set")
    }

    func testNoRowsMakeTheEmptySet() throws {
        XCTAssertEqual(try members("SELECT row_set(id) FROM members WHERE id > 5000"), [])
    }

    func testARowidBeyondTheRangeIsAnErrorNotAnAllocation() throws {
        XCTAssertThrowsError(try members("SELECT row_set(?)", [.integer(RowSetFunctions.maximumRowID)])) { error in
            XCTAssertTrue("\(error)".contains("row_set: a rowid outside"), "\(error)")
        }
        XCTAssertThrowsError(try members("SELECT row_set(?)", [.integer(-5)]))
    }

    func testAnythingButASetIsRefused() throws {
        XCTAssertThrowsError(try db.query("SELECT in_row_set(x'ff', 1)") { $0.int(0) }) { error in
            XCTAssertTrue("\(error)".contains("in_row_set: the first argument is not a row_set"), "\(error)")
        }
    }
}
