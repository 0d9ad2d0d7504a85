import EntityExtraction
import Foundation
import XCTest
@testable import ArticleStore

/// The writer keeps the archive rows it has looked up from one transaction to the next
/// (`ArchiveRowCache`); whatever deletes or renames them must leave the next article
/// counted on a row that exists, whether it ran in this store or in another process.
final class ArchiveRowCacheTests: StoreTestCase {
    private static let text = String(repeating: "Zorba Quennell spoke in Vilnius about the budget. ", count: 4)

    private static let extraction = Fixtures.extraction([
        Fixtures.person("Zorba Quennell", at: [0, 51]), Fixtures.named(.place, "Vilnius", at: 24),
    ])

    private func storeArticle(_ title: String, in store: SQLiteArticleStore) throws -> String {
        try store.insert(NewArticle(text: Self.text, title: title, publishedAt: day("2024-03-14")), extraction: Self.extraction).article.id
    }

    /// Each archive entity's type, key and article count; and the lookup rows that name a
    /// row no longer there (must be none).
    private func archive(_ store: SQLiteArticleStore) throws -> (entities: [String], dangling: Int) {
        try store.readIndexed { db in
            (try db.query("SELECT type || ' ' || key || ' ' || article_count FROM archive_entities ORDER BY type, key") { $0.text(0) },
             try db.int64("""
                SELECT COUNT(*) FROM article_entities e LEFT JOIN archive_entities x ON x.ref = e.ref WHERE x.ref IS NULL
                """).map(Int.init) ?? -1)
        }
    }

    /// Stores one more article: its entities must be archive rows that exist, counted once.
    private func assertNextArticleCountedOnLiveRows(in store: SQLiteArticleStore, line: UInt = #line) throws {
        _ = try storeArticle("next", in: store)
        let after = try archive(store)
        XCTAssertEqual(after.entities, ["person zorba quennell 1", "place vilnius 1"], line: line)
        XCTAssertEqual(after.dangling, 0, line: line)
    }

    func testAnEntityDeletedByThisStoreIsCreatedAgainForTheNextArticle() throws {
        let store = try sqlite()
        let first = try storeArticle("one", in: store)
        XCTAssertEqual(store.ledgerBatch.archiveRows?.count, 2, "both archive rows are known after the first article")
        XCTAssertTrue(try store.deleteArticle(id: first))
        XCTAssertEqual(try archive(store).entities, [])
        XCTAssertEqual(store.ledgerBatch.archiveRows?.count, 0, "a removal forgets them")

        try assertNextArticleCountedOnLiveRows(in: store)
    }

    func testAnEntityDeletedByAnotherConnectionIsCreatedAgainForTheNextArticle() throws {
        let store = try sqlite()
        let first = try storeArticle("one", in: store)
        _ = try storeArticle("two", in: store)
        let other = try SQLiteArticleStore(path: databasePath)
        XCTAssertTrue(try other.deleteArticle(id: first))
        let secondID = try XCTUnwrap(try store.read { db in try db.query("SELECT id FROM articles") { $0.text(0) }.first })
        XCTAssertTrue(try other.deleteArticle(id: secondID))
        other.close()
        XCTAssertEqual(try archive(store).entities, [])
        XCTAssertEqual(store.ledgerBatch.archiveRows?.count, 2, "this store has not seen the other's commits yet")

        try assertNextArticleCountedOnLiveRows(in: store)
    }

    func testAFullCacheStartsAgain() {
        let cache = ArchiveRowCache(capacity: 2)
        cache.remember("ent_a", ref: 1, storedName: "A")
        cache.remember("ent_b", ref: 2, storedName: "B")
        cache.remember("ent_b", ref: 2, storedName: "Bee")
        XCTAssertEqual(cache.count, 2, "renaming a known row does not count as a new one")
        XCTAssertEqual(cache.row("ent_b")?.storedName, "Bee")
        cache.remember("ent_c", ref: 3, storedName: "C")
        XCTAssertEqual(cache.count, 1)
        XCTAssertNil(cache.row("ent_a"))
        XCTAssertEqual(cache.row("ent_c")?.ref, 3)
    }
}
