import EntityExtraction
import Foundation
import XCTest
@testable import ArticleStore

/// A new article's links from its archive entities to it and its figures wait in
/// `IndexBacklog` and are moved in bulk; no read and no removal may ever miss them.
final class IndexBacklogTests: StoreTestCase {
    /// "Today Ann Bo: €5 million, now." with the amount given: the figure's sentence names Ann Bo.
    private static func article(_ millions: Int, title: String) -> (NewArticle, Extraction) {
        let text = "Today Ann Bo: €\(millions) million, now."
        let money = "€\(millions) million"
        let extraction = Fixtures.extraction([
            Fixtures.person("Ann Bo", at: [6]),
            Fixtures.money(money, MoneyValue(amount: Decimal(millions * 1_000_000), currency: "EUR"), at: [14]),
        ])
        return (NewArticle(text: text, title: title, publishedAt: day("2024-03-14")), extraction)
    }

    @discardableResult
    private func store(_ millions: Int, title: String, in store: SQLiteArticleStore) throws -> StoredArticle {
        let (article, extraction) = Self.article(millions, title: title)
        return try store.insert(article, extraction: extraction).article
    }

    /// Rows of `table` as they are on disk now, without moving anything.
    private func raw(_ table: String, in store: SQLiteArticleStore) throws -> Int {
        try store.read { db in Int(try db.int64("SELECT COUNT(*) FROM \(table)") ?? -1) }
    }

    private func annBo(in store: SQLiteArticleStore) throws -> String {
        try XCTUnwrap(store.read { db in try db.query("SELECT id FROM archive_entities WHERE key = 'ann bo'") { $0.text(0) }.first })
    }

    func testANewArticlesLinksWaitYetEveryReadOfThemSeesIt() throws {
        let store = try sqlite()
        let first = try self.store(5, title: "one", in: store)
        XCTAssertEqual(try raw("ledger_pending", in: store), 3, "its two entities and the person its figure's sentence names")
        XCTAssertEqual(try raw("article_entities", in: store), 0)
        XCTAssertEqual(try raw("figure_entities", in: store), 0)

        let entity = try annBo(in: store)
        XCTAssertEqual(try store.entityArticles(id: entity, limit: 10, cursor: nil)?.items.map(\.id), [first.id])
        XCTAssertEqual(try raw("ledger_pending", in: store), 0, "the read moved them")
        XCTAssertEqual(try raw("article_entities", in: store), 2)
        XCTAssertEqual(try raw("figure_entities", in: store), 1)

        let second = try self.store(7, title: "two", in: store)
        XCTAssertEqual(try raw("ledger_pending", in: store), 3)
        var query = FigureQuery()
        query.entity = entity
        XCTAssertEqual(try store.figures(query).items.map(\.articleID), [second.id, first.id], "largest first")
        var listing = ArticleListQuery()
        listing.entity = entity
        XCTAssertEqual(Set(try store.articles(listing).items.map(\.id)), [first.id, second.id])
        XCTAssertEqual(try store.entityDetail(id: entity, recent: 5)?.recentArticles.count, 2)
        XCTAssertEqual(try raw("ledger_pending", in: store), 0)
    }

    func testLinksLeftWaitingByAClosedStoreAreSeenByTheNext() throws {
        let store = try sqlite()
        let article = try self.store(5, title: "one", in: store)
        store.close()
        let reopened = try SQLiteArticleStore(path: databasePath)
        defer { reopened.close() }
        XCTAssertEqual(try raw("ledger_pending", in: reopened), 3, "opening writes nothing")
        let entity = try annBo(in: reopened)
        XCTAssertEqual(try reopened.entityArticles(id: entity, limit: 10, cursor: nil)?.items.map(\.id), [article.id])
        XCTAssertEqual(try raw("ledger_pending", in: reopened), 0)
        XCTAssertEqual(try raw("article_entities", in: reopened), 2)
        XCTAssertEqual(try raw("figure_entities", in: reopened), 1)
    }

    /// Removing the article with an entity's greatest figure asks `figure_entities` for the
    /// greatest left: the other article's links must be there by then.
    func testRemovingAnArticleFindsTheExtremesAmongFiguresWhoseLinksWait() throws {
        let store = try sqlite()
        try self.store(5, title: "small", in: store)
        let large = try self.store(9, title: "large", in: store)
        XCTAssertEqual(try raw("article_entities", in: store), 0, "both articles' links wait")
        XCTAssertTrue(try store.deleteArticle(id: large.id))

        let entity = try annBo(in: store)
        let rows = try store.figureSummary(groupBy: .entity, filter: FigureQuery()).items
        XCTAssertEqual(rows.map(\.group), [entity])
        XCTAssertEqual(rows.first?.count, 1)
        XCTAssertEqual(rows.first?.min, 5_000_000)
        XCTAssertEqual(rows.first?.max, 5_000_000)
        XCTAssertEqual(try raw("figure_entities", in: store), 1)
        XCTAssertEqual(try raw("ledger_pending", in: store), 0)
    }

    func testTheWriterMovesTheBacklogOnceEnoughArticlesWait() throws {
        let store = try sqlite()
        let articles = IndexBacklog.articlesPerMove
        for n in 0..<articles - 1 { try self.store(n + 1, title: "t\(n)", in: store) }
        XCTAssertEqual(try raw("search_pending", in: store), articles - 1)
        XCTAssertEqual(try raw("ledger_pending", in: store), (articles - 1) * 3)
        try self.store(articles, title: "last", in: store)
        XCTAssertEqual(try raw("search_pending", in: store), 0)
        XCTAssertEqual(try raw("ledger_pending", in: store), 0)
        XCTAssertEqual(try raw("article_entities", in: store), 2 * articles)
        XCTAssertEqual(try raw("figure_entities", in: store), articles)
        XCTAssertEqual(try raw("articles_fts_docsize", in: store), articles, "every article indexed for search")
    }

    /// A writer waiting for an announced write moves a backlog half full, in the open
    /// transaction: the article it has just written moves with it, and nothing is lost
    /// when the announced write never comes and the batch commits.
    func testAWriterWaitingForAnAnnouncedWriteMovesTheBacklogHalfFull() throws {
        let store = try sqlite()
        let half = IndexBacklog.articlesPerMove / 2
        for n in 0..<half { try self.store(n + 1, title: "t\(n)", in: store) }
        XCTAssertEqual(try raw("search_pending", in: store), half, "no move yet after a write nobody waits for")
        var announcement = store.announceWrite()
        XCTAssertNotNil(announcement)
        let (article, extraction) = Self.article(99, title: "while waiting")
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var stored: StoredArticle?
        store.store(article, extraction: extraction, textHash: nil, rendering: nil, announcement: nil) { result in
            stored = try? result.get().article
            done.signal()
        }
        // The writer runs the write, moves the backlog, waits its gather delay (4 ms) and commits.
        XCTAssertEqual(done.wait(timeout: .now() + 10), .success)
        announcement = nil
        XCTAssertNotNil(stored)
        XCTAssertEqual(try raw("ledger_pending", in: store), 0, "the waiting article's links moved with the others")
        XCTAssertEqual(try raw("search_pending", in: store), 1, "only the waiting article is left to index for search")
        XCTAssertEqual(try raw("article_entities", in: store), 2 * (half + 1))
        XCTAssertEqual(try raw("figure_entities", in: store), half + 1)
        XCTAssertEqual(try raw("articles_fts_docsize", in: store), half)
        var query = FigureQuery()
        query.entity = try annBo(in: store)
        XCTAssertEqual(try store.figures(query).items.first?.articleID, stored?.id, "largest first")
        XCTAssertEqual(try search("99", in: store), [try XCTUnwrap(stored?.id)], "search finds the article written while waiting")
        XCTAssertEqual(try raw("articles_fts_docsize", in: store), half + 1, "the search moved it")
        try assertSearchIndexesIntact(in: store)
    }

    /// Articles with very many entities move sooner: after as many links, not articles.
    func testTheWriterMovesTheBacklogOnceEnoughLinksWait() throws {
        let store = try sqlite()
        let words = (0..<(IndexBacklog.rowsPerMove / 2 + 1)).map { "Place\($0)" }
        let text = words.joined(separator: " ")
        var start = 0
        let extraction = Fixtures.extraction(words.map { word in
            defer { start += word.unicodeScalars.count + 1 }
            return Fixtures.named(.place, word, at: start)
        })
        _ = try store.insert(NewArticle(text: text, title: "one", publishedAt: day("2024-03-14")), extraction: extraction)
        XCTAssertEqual(try raw("ledger_pending", in: store), words.count)
        _ = try store.insert(NewArticle(text: text, title: "two", publishedAt: day("2024-03-14")), extraction: extraction)
        XCTAssertEqual(try raw("ledger_pending", in: store), 0, "\(2 * words.count) links reach \(IndexBacklog.rowsPerMove)")
        XCTAssertEqual(try raw("search_pending", in: store), 0)
        XCTAssertEqual(try raw("article_entities", in: store), 2 * words.count)
    }

    private func search(_ text: String, in store: SQLiteArticleStore) throws -> [String] {
        try store.search(ArticleSearchQuery(terms: try XCTUnwrap(SearchTerms(text)))).items.map(\.article.id)
    }

    /// FTS5 checks its index against the articles (`articles_fts`) or its own structure
    /// (`figures_fts`, contentless); it fails on any word counted for a row it never had.
    private func assertSearchIndexesIntact(in store: SQLiteArticleStore, line: UInt = #line) throws {
        try store.write { db in
            try db.run("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
            try db.run("INSERT INTO figures_fts (figures_fts) VALUES ('integrity-check')")
        }
    }

    func testANewArticleIsFoundBySearchAtOnce() throws {
        let store = try sqlite()
        let article = try self.store(5, title: "one", in: store)
        XCTAssertEqual(try raw("search_pending", in: store), 1)
        XCTAssertEqual(try search("today", in: store), [article.id])
        XCTAssertEqual(try raw("search_pending", in: store), 0)
        var query = FigureQuery()
        query.text = "now"
        XCTAssertEqual(try store.figures(query).items.map(\.articleID), [article.id], "its figure's sentence too")
        try assertSearchIndexesIntact(in: store)
    }

    /// FTS5 is told the words it indexed when an article goes: the article's words must be
    /// in the index by then, or the index would count words it never had.
    func testDeletingAnArticleWhoseTextWaitsLeavesTheSearchIndexesIntact() throws {
        let store = try sqlite()
        let kept = try self.store(5, title: "kept", in: store)
        let gone = try self.store(7, title: "gone", in: store)
        XCTAssertEqual(try raw("search_pending", in: store), 2)
        XCTAssertTrue(try store.deleteArticle(id: gone.id))
        XCTAssertEqual(try raw("search_pending", in: store), 0)
        try assertSearchIndexesIntact(in: store)
        XCTAssertEqual(try search("today", in: store), [kept.id])
        var query = FigureQuery()
        query.text = "now"
        XCTAssertEqual(try store.figures(query).items.map(\.articleID), [kept.id])
    }

    /// The search triggers leave an article that waits to be indexed as it is when moved.
    func testATitleChangedWhileTheArticleWaitsIsSearchedAsChanged() throws {
        let store = try sqlite()
        let article = try self.store(5, title: "one", in: store)
        try store.write { db in try db.run("UPDATE articles SET title = 'Zanzibar' WHERE id = ?", [.text(article.id)]) }
        XCTAssertEqual(try raw("search_pending", in: store), 1)
        XCTAssertEqual(try search("zanzibar", in: store), [article.id])
        XCTAssertEqual(try search("one", in: store), [])
        try assertSearchIndexesIntact(in: store)
    }
}
