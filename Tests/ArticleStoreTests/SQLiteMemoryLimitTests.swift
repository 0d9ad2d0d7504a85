import Foundation
import XCTest
@testable import ArticleStore

/// `limitSQLiteMemory` bounds what SQLite holds however large the database grows: without
/// it the writer's page cache keeps every page it wrote (this is what raised the service's
/// resident memory under steady load).
final class SQLiteMemoryLimitTests: StoreTestCase {
    override func tearDownWithError() throws {
        SQLiteArticleStore.limitSQLiteMemory(toBytes: 0)  // process-wide: later tests run unlimited
        try super.tearDownWithError()
    }

    private func fill(_ target: SQLiteArticleStore, articles: Int) throws {
        let paragraph = String(repeating: "Brussels pledged more ammunition for the front on Thursday. ", count: 80)
        for n in 0..<articles {
            let article = NewArticle(text: "Article \(n). " + paragraph, title: "t\(n)", publishedAt: day("2024-03-14"),
                                     receivedAt: Date(timeIntervalSince1970: 1_700_000_000))
            _ = try target.insert(article, extraction: Fixtures.extraction())
        }
    }

    func testTheCapHoldsWhileTheDatabaseGrowsPastIt() throws {
        let store = try sqlite()
        // Uncapped, the caches keep what was written: about 2 MB of text here.
        let baseline = SQLiteArticleStore.sqliteMemoryUsed
        let uncapped = try SQLiteArticleStore(path: folder.appendingPathComponent("uncapped.sqlite").path)
        try fill(uncapped, articles: 400)
        XCTAssertGreaterThan(SQLiteArticleStore.sqliteMemoryUsed - baseline, 2 << 20)
        uncapped.close()

        SQLiteArticleStore.limitSQLiteMemory(toBytes: 1 << 20)
        try fill(store, articles: 400)
        XCTAssertEqual(try store.articleCount(), 400)
        // Past the cap each connection still keeps a few pages: 16 KB pages since schema 7.
        XCTAssertLessThan(SQLiteArticleStore.sqliteMemoryUsed, (1 << 20) + (768 << 10))
    }
}
