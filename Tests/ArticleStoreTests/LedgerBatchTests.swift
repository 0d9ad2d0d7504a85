import EntityExtraction
import Foundation
import XCTest
@testable import ArticleStore

/// Articles written in one transaction add up the archive counts in memory and write them
/// once (`LedgerBatch`): the archive must end exactly as if each had been written alone,
/// including surname joins that rank by counts of earlier articles of the same batch and
/// an article that fails after such a lookup wrote counts out.
final class LedgerBatchTests: StoreTestCase {
    private static let text = String(repeating: "Officials met in the capital to discuss funding. ", count: 25)

    private static func person(_ name: String, key: String, at starts: [Int]) -> Entity {
        Entity(id: EntityKeys.id(type: .person, key: key), type: .person, name: name, key: key,
               mentions: starts.map { Mention(start: $0, end: $0 + name.unicodeScalars.count, text: name) })
    }

    /// Overlapping people, places, currencies and months; a surname alone; a longer name
    /// for a known person; and (third) an article that fails after its surname lookup.
    private static let extractions: [Extraction] = {
        let eur = MoneyValue(amount: 276_000_000, currency: "EUR"), usd = MoneyValue(amount: 5_000_000, currency: "USD")
        let good = [
            Fixtures.extraction([person("Jens Stoltenberg", key: "jens stoltenberg", at: [10, 400]),
                                 Fixtures.named(.place, "Ukraine", at: 100), Fixtures.money("€276 million", eur, at: [150])]),
            Fixtures.extraction([person("Stoltenberg", key: "stoltenberg", at: [20]),
                                 Fixtures.named(.place, "Ukraine", at: 120), Fixtures.money("$5 million", usd, at: [200, 600])]),
            Fixtures.extraction([person("Secretary Jens Stoltenberg", key: "jens stoltenberg", at: [30]),
                                 Fixtures.named(.organisation, "European Union", at: 90), Fixtures.money("€276 million", eur, at: [300])]),
            Fixtures.extraction([person("Mark Rutte", key: "mark rutte", at: [40]), person("Rutte", key: "rutte", at: [500]),
                                 Fixtures.named(.place, "Ukraine", at: 140), Fixtures.money("$5 million", usd, at: [250])]),
        ]
        // Its surname lookup writes out the counts above it; then its figure names no entity.
        var failing = Fixtures.extraction([person("Stoltenberg", key: "stoltenberg", at: [15]), Fixtures.named(.place, "Ukraine", at: 60)])
        failing.figures = [Figure(entityID: "money_nowhere", mention: Mention(start: 70, end: 80, text: "$1 million"),
                                  value: usd, sentence: "", sentenceStart: 60, sentenceEnd: 90)]
        return [good[0], good[1], failing, good[2], good[3]]
    }()

    private static func items() -> [BatchArticle] {
        extractions.enumerated().map { n, extraction in
            let article = NewArticle(text: text, title: "t\(n)", publishedAt: day(n < 3 ? "2024-03-14" : "2024-04-02"))
            return BatchArticle(article: article, extraction: extraction, textHash: StoredDigest.textHash(of: text))
        }
    }

    /// Everything archive-wide, as rows of text.
    private func archive(_ store: SQLiteArticleStore) throws -> [String] {
        try store.readIndexed { db in
            try db.query("""
                SELECT id || ' ' || type || ' ' || key || ' ' || name || ' ' || folded || ' ' || IFNULL(surname, '-')
                    || ' ' || article_count || ' ' || mention_count FROM archive_entities ORDER BY ref
                """) { $0.text(0) }
                + db.query("SELECT ref || ' ' || name || ' ' || mentions || ' ' || canonical FROM archive_names ORDER BY ref, name") { $0.text(0) }
                + db.query("""
                    SELECT grouping || ' ' || group_key || ' ' || currency || ' ' || count || ' ' || total || ' '
                        || IFNULL(min_amount, '-') || ' ' || IFNULL(max_amount, '-') FROM figure_totals ORDER BY 1
                    """) { $0.text(0) }
                + db.query("SELECT ref || ' ' || day || ' ' || article_seq FROM article_entities ORDER BY 1") { $0.text(0) }
                + db.query("SELECT ref || ' ' || figure_id FROM figure_entities ORDER BY 1") { $0.text(0) }
        }
    }

    func testOneBatchLeavesTheArchiveAsWritingEachAloneDoes() throws {
        let batched = try sqlite()
        let results = try batched.insertMany(Self.items())
        XCTAssertEqual(results.map { (try? $0.get()) != nil }, [true, true, false, true, true])

        let alone = try SQLiteArticleStore(path: folder.appendingPathComponent("alone.sqlite").path)
        defer { alone.close() }
        for item in Self.items() { _ = try? alone.insertMany([item]) }

        let expected = try archive(alone)
        XCTAssertEqual(try archive(batched), expected)
        // What that is, spelled out for the person the surname joins and the longer name.
        let stoltenberg = try XCTUnwrap(expected.first { $0.contains(" person jens stoltenberg ") })
        XCTAssertTrue(stoltenberg.hasSuffix(" Secretary Jens Stoltenberg secretary jens stoltenberg stoltenberg 3 4"), stoltenberg)
        XCTAssertFalse(expected.contains { $0.contains(" person stoltenberg ") }, "the surname joined the full name")
        let ukraine = try XCTUnwrap(expected.first { $0.contains(" place ukraine ") })
        XCTAssertTrue(ukraine.hasSuffix(" 3 3"), ukraine)
    }

    func testConcurrentStoresCountEveryArticleOnce() throws {
        let store = try sqlite()
        let items = Self.items()
        DispatchQueue.concurrentPerform(iterations: 12) { n in
            let item = items[n % items.count]
            let article = NewArticle(text: item.article.text, title: "c\(n)", publishedAt: item.article.publishedAt)
            _ = try? store.insert(article, extraction: item.extraction)
        }
        let alone = try SQLiteArticleStore(path: folder.appendingPathComponent("alone.sqlite").path)
        defer { alone.close() }
        let counts = { (s: SQLiteArticleStore) in
            try s.read { db in try db.query("SELECT SUM(article_count), SUM(mention_count) FROM archive_entities") { "\($0.int(0)) \($0.int(1))" } }
        }
        for n in 0..<12 {
            let item = items[n % items.count]
            _ = try? alone.insert(NewArticle(text: item.article.text, title: "c\(n)", publishedAt: item.article.publishedAt),
                                  extraction: item.extraction)
        }
        XCTAssertEqual(try counts(store), try counts(alone))
        XCTAssertEqual(try store.read { db in try db.int64("SELECT COUNT(*) FROM articles") }, 10)
    }
}
