import ArticleStore
import EntityExtraction
import Foundation
import PostgresClient
import PostgresTestSupport
import XCTest
@testable import PostgresStore

/// The articles half of the PostgreSQL store on a fresh schema: storing, deduplicating
/// (also between two nodes), reading back, listing with cursors any node understands,
/// batches and the re-extraction queue. Extractions here have no entity and no figure,
/// so nothing reaches the ledger; `PostgresArticleLedgerTests` covers what needs it.
class PostgresArticleTestCase: XCTestCase {
    var url: PostgresURL!
    var store: PostgresArticleStore!

    override func setUpWithError() throws {
        url = try TestDatabase.freshSchema(for: self)
        store = try PostgresArticleStore(url: url, connections: 4)
    }

    override func tearDown() {
        store?.close()
        store = nil
    }

    /// Another node over the same database.
    func node() throws -> PostgresArticleStore {
        let other = try PostgresArticleStore(url: url, connections: 4)
        addTeardownBlock { other.close() }
        return other
    }

    func empty(_ version: String = "test-1") -> Extraction { Extraction(entities: [], figures: [], extractorVersion: version) }

    func article(_ text: String, title: String? = nil, published: String = "2024-03-14", received: TimeInterval = 0) -> NewArticle {
        NewArticle(text: text, title: title, publishedAt: CivilDate(iso: published)!,
                   receivedAt: Date(timeIntervalSince1970: 1_700_000_000.250 + received))
    }

    @discardableResult
    func insert(_ text: String, title: String? = nil, published: String = "2024-03-14", received: TimeInterval = 0,
                into target: PostgresArticleStore? = nil) throws -> StoredArticle {
        try (target ?? store).insert(article(text, title: title, published: published, received: received), extraction: empty()).article
    }

    func sql(_ query: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> PostgresRows {
        let c = try PostgresConnection(url: url)
        defer { c.close() }
        return try c.query(query, parameters)
    }
}

final class PostgresArticleStoreTests: PostgresArticleTestCase {
    func testStoresAnArticleAndReadsItBackExactly() throws {
        let new = NewArticle(text: "Some text € with NATO\u{00A0}and émigrés", title: "Ammunition", url: "https://example.org/a",
                             source: "Wire", publishedAt: CivilDate(iso: "2024-03-14")!,
                             receivedAt: Date(timeIntervalSince1970: 1_710_403_200.123_9))
        let stored = try store.store(new, extraction: empty())
        XCTAssertTrue(stored.created)
        XCTAssertEqual(stored.archiveIDs, [:])
        XCTAssertTrue(stored.article.id.hasPrefix("art_") && stored.article.id.count == 20, stored.article.id)
        XCTAssertEqual(stored.article.receivedAt, Date(timeIntervalSince1970: 1_710_403_200.123), "kept to the millisecond")
        XCTAssertEqual(stored.article.textHash, StoredDigest.textHash(of: new.text))
        XCTAssertEqual(try store.article(id: stored.article.id), stored.article)
        XCTAssertEqual(try node().article(id: stored.article.id), stored.article, "another node reads the same")
        XCTAssertEqual(try store.existing(new), stored.article)
        XCTAssertNil(try store.article(id: "art_0000000000000000"))
        XCTAssertEqual(store.storedArticleCount, 1)
        XCTAssertEqual(try store.articleCount(), 1)
        XCTAssertEqual(try sql("SELECT received_at = '2024-03-14T08:00:00.123Z'::timestamptz FROM articles")[0].decode(0, as: Bool.self), true)
    }

    func testTheSameArticleAgainIsTheStoredOneAndOtherMetadataIsANewOne() throws {
        let first = try store.insert(article("Same text.", title: "A"), extraction: empty())
        let again = try store.insert(article("Same text.", title: "A", received: 60), extraction: empty())
        XCTAssertFalse(again.created)
        XCTAssertEqual(again.article, first.article)
        XCTAssertTrue(try store.insert(article("Same text.", title: "B"), extraction: empty()).created)
        var noTitle = article("Same text.")
        XCTAssertTrue(try store.insert(noTitle, extraction: empty()).created)
        noTitle.url = ""  // NULL and '' are the same for deduplication
        XCTAssertFalse(try store.insert(noTitle, extraction: empty()).created)
        XCTAssertEqual(try store.articleCount(), 3)
        XCTAssertEqual(store.storedArticleCount, 3)
    }

    /// Two nodes given the same article at once: the unique index decides, one is created,
    /// every other caller gets that article.
    func testTwoNodesStoringTheSameArticleAtOnceMakeOneArticle() throws {
        let nodes = [store!, try node()]
        let results = Locked<[(article: StoredArticle, created: Bool)]>([])
        let raced = article("Raced text.", title: "Race"), extraction = empty()
        DispatchQueue.concurrentPerform(iterations: 16) { i in
            let result = try? nodes[i % 2].insert(raced, extraction: extraction)
            if let result { results.withLock { $0.append(result) } }
        }
        let all = results.current
        XCTAssertEqual(all.count, 16)
        XCTAssertEqual(all.filter(\.created).count, 1)
        XCTAssertEqual(Set(all.map(\.article.id)).count, 1)
        XCTAssertEqual(try store.articleCount(), 1)
    }

    func testListsNewestFirstAndACursorFromOneNodeWorksOnAnother() throws {
        // Same publication date and reception time for two: the id decides, descending.
        let a = try insert("A", published: "2024-03-01")
        let b = try insert("B", published: "2024-03-02", received: 1)
        let c = try insert("C", published: "2024-03-02", received: 2)
        let d = try insert("D", published: "2024-03-03", received: 3)
        let e = try insert("E", published: "2024-03-03", received: 3)
        let expected = [d, e].sorted { $0.id > $1.id }.map(\.id) + [c.id, b.id, a.id]
        var query = ArticleListQuery()
        query.limit = 2
        let other = try node()
        var seen: [String] = []
        var pages = 0
        repeat {
            let page = try (pages % 2 == 0 ? store! : other).articles(query)
            seen += page.items.map(\.id)
            query.cursor = page.nextCursor
            pages += 1
        } while query.cursor != nil
        XCTAssertEqual(seen, expected)
        XCTAssertEqual(pages, 3)
        let texts = Dictionary(uniqueKeysWithValues: [a, b, c, d, e].map { ($0.id, $0.text) })
        XCTAssertEqual(try store.articles(ArticleListQuery()).items.map(\.text), expected.map { texts[$0]! }, "with their texts")

        var filtered = ArticleListQuery()
        filtered.since = CivilDate(iso: "2024-03-02")
        filtered.until = CivilDate(iso: "2024-03-02")
        filtered.includeText = false
        let page = try store.articles(filtered)
        XCTAssertEqual(page.items.map(\.id), [c.id, b.id])
        XCTAssertEqual(page.items.map(\.text), ["", ""])
        XCTAssertNil(page.nextCursor)
    }

    func testRefusesCursorsItDidNotIssue() throws {
        try insert("A")
        for bad in ["", "x", "bm90LWEtY3Vyc29y", Cursor.encode(kind: "search", ["0.1", "1"]),
                    Cursor.encode(kind: "articles", ["2024-13-01", "0", "art_1"]), Cursor.encode(kind: "articles", ["2024-03-01", "soon", "art_1"])] {
            var query = ArticleListQuery()
            query.cursor = bad
            XCTAssertThrowsError(try store.articles(query), bad) { XCTAssertEqual($0 as? StoreError, .invalidCursor, bad) }
        }
    }

    /// Each article of a batch in its own savepoint: a failing one (text PostgreSQL cannot
    /// hold) leaves the others stored; an article twice in the batch answers the first.
    func testABatchStoresEachArticleOnItsOwn() throws {
        let items = ["One.", "Two \u{0000} NUL.", "One.", "Three."].map { text in
            BatchArticle(article: article(text), extraction: empty(), textHash: StoredDigest.textHash(of: text))
        }
        let results = try store.insertMany(items)
        XCTAssertEqual(results.count, 4)
        let first = try results[0].get()
        XCTAssertTrue(first.created)
        XCTAssertThrowsError(try results[1].get())
        XCTAssertEqual(try results[2].get().article.id, first.article.id)
        XCTAssertFalse(try results[2].get().created)
        XCTAssertTrue(try results[3].get().created)
        XCTAssertEqual(try store.articleCount(), 2)
        XCTAssertEqual(store.storedArticleCount, 2)
        XCTAssertEqual(try store.insertMany([]).count, 0)
    }

    /// The tag of the rendering kept in `entities_tag`, computed as the SQLite store does.
    func testStoringTagsTheEntitiesAsTheSQLiteStoreDoes() throws {
        let renderer: EntityRenderer = { entity, archiveID in Array("\(entity.id) \(archiveID ?? "-")".utf8) }
        let tagged = try PostgresArticleStore(url: url, connections: 1, entityRenderer: renderer)
        defer { tagged.close() }
        let stored = try insert("Tagged.", into: tagged)
        let expected = StoredDigest.entitiesTag(StoredDigest.entities([], renderer: renderer), entities: [], archiveIDs: [:])
        XCTAssertNotNil(expected)
        XCTAssertEqual(try sql("SELECT entities_tag FROM articles WHERE id = $1", [stored.id])[0].string(0), expected)
        let untagged = try insert("Untagged.")
        XCTAssertNil(try sql("SELECT entities_tag FROM articles WHERE id = $1", [untagged.id])[0].string(0))
    }

    func testTheReextractionQueueIsFilledOnceAndReadInIDOrder() throws {
        let ids = try (0..<4).map { i in try insert("Article \(i)", received: TimeInterval(i)).id }
        XCTAssertEqual(try store.articleIDs(notExtractedBy: "test-2"), ids, "oldest first")
        XCTAssertEqual(try store.articleIDs(notExtractedBy: "test-1"), [])
        let queued = try store.queueReextraction(notExtractedBy: "test-2")
        XCTAssertEqual(queued.queued, 4)
        XCTAssertFalse(queued.resumed)
        XCTAssertEqual(try node().queuedForReextraction(limit: 3), Array(ids.sorted().prefix(3)))
        let again = try node().queueReextraction(notExtractedBy: nil)
        XCTAssertEqual(again.queued, 4)
        XCTAssertTrue(again.resumed)
        _ = try sql("DELETE FROM reextract_pending")
        XCTAssertEqual(try store.queueReextraction(notExtractedBy: "test-1").queued, 0)
        XCTAssertEqual(try store.queueReextraction(notExtractedBy: nil).queued, 4)
    }
}
