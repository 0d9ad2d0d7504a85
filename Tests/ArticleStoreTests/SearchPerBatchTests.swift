import EntityExtraction
import XCTest
@testable import ArticleStore

/// New articles are indexed for search once per write transaction, after all of them
/// (`Schema.searchPerBatch`): a batch's articles are all found, and one whose write failed
/// is in neither index.
final class SearchPerBatchTests: StoreTestCase {
    private static func text(_ word: String) -> String {
        // Long enough for the fixture's offsets; every figure's sentence, a slice of at least
        // 19 characters, holds the word whole.
        "The \(word) report. " + String(repeating: "\(word) port ", count: 80)
    }

    func testABatchIsSearchableAndAFailedArticleIsInNoIndex() throws {
        let sqlite = try sqlite()
        let person = Fixtures.person("Ada Lovelace", at: [0])
        let broken = Extraction(entities: [person, person], figures: [], extractorVersion: "t")  // duplicate entity ids
        let items = ["walrus", "narwhal", "beluga"].enumerated().map { n, word in
            let article = NewArticle(text: Self.text(word), title: "t\(n)", publishedAt: day("2024-03-14"))
            return BatchArticle(article: article, extraction: n == 1 ? broken : Fixtures.extraction(),
                                textHash: StoredDigest.textHash(of: article.text))
        }
        let results = try sqlite.insertMany(items)
        let walrus = try results[0].get().article, beluga = try results[2].get().article
        XCTAssertThrowsError(try results[1].get())

        for (word, found) in [("walrus", [walrus.id]), ("narwhal", []), ("beluga", [beluga.id]), ("port", [beluga.id, walrus.id])] {
            let hits = try sqlite.search(ArticleSearchQuery(terms: try XCTUnwrap(SearchTerms(word))))
            XCTAssertEqual(hits.items.map(\.article.id).sorted(), found.sorted(), word)
        }
        for (word, found) in [("walrus", walrus.id), ("narwhal", nil), ("beluga", beluga.id)] {
            var query = FigureQuery()
            query.text = word
            let figures = try sqlite.figures(query).items
            XCTAssertEqual(figures.map(\.articleID), Array(repeating: found, count: found == nil ? 0 : 5).compactMap { $0 }, word)
        }
        try sqlite.write { db in
            try db.run("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
            XCTAssertEqual(try db.int64("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'narwhal'"), 0)
        }
    }

    func testConcurrentStoresAreAllSearchable() throws {
        let sqlite = try sqlite()
        let words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
        let ids = IDBox(words.count)
        DispatchQueue.concurrentPerform(iterations: words.count) { n in
            let article = NewArticle(text: Self.text(words[n]), title: nil, publishedAt: day("2024-03-14"))
            ids.set(n, try? sqlite.insert(article, extraction: Fixtures.extraction()).article.id)
        }
        for (n, word) in words.enumerated() {
            let hits = try sqlite.search(ArticleSearchQuery(terms: try XCTUnwrap(SearchTerms(word))))
            XCTAssertEqual(hits.items.map(\.article.id), [try XCTUnwrap(ids.value(n))], word)
        }
        try sqlite.write { db in try db.run("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')") }
    }
}

/// Ids written from many threads.
private final class IDBox: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [String?]
    init(_ count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ id: String?) { lock.lock(); slots[index] = id; lock.unlock() }
    func value(_ index: Int) -> String? { lock.lock(); defer { lock.unlock() }; return slots[index] }
}
