import EntityExtraction
import Foundation
import XCTest
@testable import ArticleStore

/// Migration 7 on a database written by version 6: the descending twin of
/// figures_published goes, the figures come back in the same order, and a file made with
/// 4 KB pages keeps them (only new files get 16 KB pages).
final class CompactionMigrationTests: XCTestCase {
    func testVersionSixDatabaseLosesTheDescendingIndexAndKeepsItsOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("compaction-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("v6.sqlite").path

        let old = try SQLiteConnection(path: path, pageSize: 4096)
        try Migrator(migrations: Schema.migrations.filter { $0.version <= 6 }).migrate(old)
        XCTAssertEqual(try old.query("PRAGMA page_size") { $0.int(0) }, [4096])
        old.close()

        // Articles written while the file is at version 6 (opening a store would migrate it,
        // so the store writes first and the version-6 index and record are put back).
        var store = try SQLiteArticleStore(path: path)
        for i in 0..<12 {
            let article = NewArticle(text: "article \(i)", title: "T\(i)", publishedAt: day("2024-01-01").adding(days: i % 4))
            _ = try store.insert(article, extraction: InsertThroughputTests.realisticExtraction())
        }
        var query = FigureQuery()
        query.sort = .publishedAtDescending
        query.limit = 5
        func pages() throws -> [Int64] {
            var q = query, ids: [Int64] = []
            repeat {
                let page = try store.figures(q)
                ids += page.items.map(\.id)
                q.cursor = page.nextCursor
            } while q.cursor != nil
            return ids
        }
        try store.write { db in
            try db.execute("""
                CREATE INDEX figures_published_desc ON figures (published_day DESC);
                DELETE FROM schema_migrations WHERE version = 7;
                """)
        }
        let before = try pages()
        XCTAssertEqual(before.count, 12 * 12)
        store.close()

        store = try SQLiteArticleStore(path: path)
        defer { store.close() }
        try store.read { db in
            XCTAssertEqual(try db.query("SELECT MAX(version) FROM schema_migrations") { $0.int(0) }, [Schema.migrations.last!.version])
            XCTAssertEqual(try db.query("SELECT name FROM sqlite_master WHERE name = 'figures_published_desc'") { $0.text(0) }, [])
            XCTAssertEqual(try db.query("PRAGMA page_size") { $0.int(0) }, [4096], "an existing file keeps its pages")
        }
        XCTAssertEqual(try pages(), before, "newest day first, in the same order as before")
    }

    func testNewDatabasesGetSixteenKilobytePages() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("compaction-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteArticleStore(path: folder.appendingPathComponent("new.sqlite").path)
        defer { store.close() }
        XCTAssertEqual(try store.read { db in try db.query("PRAGMA page_size") { $0.int(0) } }, [16_384])
    }
}
