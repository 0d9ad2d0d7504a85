import EntityExtraction
import Foundation
import XCTest
@testable import ArticleStore

/// The write-ahead log is copied back on the checkpoint thread, and stays bounded.
final class WALCheckpointerTests: XCTestCase {
    func testTheLogIsCheckpointedOffTheWriterAndStaysBounded() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("db.sqlite").path
        let writer = try SQLiteConnection(path: path)
        defer { writer.close() }
        // Small thresholds: a checkpoint asked for past 20 pages, the writer's own past 400.
        let checkpointer = WALCheckpointer(path: path, pages: 20, inlinePages: 400)
        checkpointer.attach(to: try writer.rawHandle())
        defer { checkpointer.stop() }
        try writer.execute("CREATE TABLE t (n INTEGER, filler BLOB)")

        var largest = 0
        for n in 0..<200 {
            try writer.transaction { try writer.run("INSERT INTO t VALUES (?, zeroblob(40000))", [.int(n)]) }
            largest = max(largest, Self.logPages(path))
            checkpointer.waitUntilIdle()  // as the time between commits would let it
        }
        XCTAssertGreaterThan(checkpointer.checkpoints, 0)
        // 200 rows of 40 KB are 500 pages of 16 KB: without checkpoints the log would hold
        // them all; with them it restarts, and the writer's own bound is never reached.
        XCTAssertLessThan(largest, 400)
        XCTAssertEqual(try writer.int64("SELECT COUNT(*) FROM t"), 200)
    }

    /// Frames in the log file, from its size (32-byte header, then 24 + 16,384 bytes a frame).
    private static func logPages(_ path: String) -> Int {
        let size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        return max(0, size - 32) / (24 + SQLiteConnection.pageSize)
    }
}
