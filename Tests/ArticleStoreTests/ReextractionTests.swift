import EntityExtraction
import XCTest
@testable import ArticleStore

/// Replacing an article's extraction after the extractor improved.
final class ReextractionTests: StoreTestCase {
    func testReplaceSwapsEverythingExtractedAndTheVersion() throws {
        let article = try insert("Some text about money.", published: "2024-03-14")
        XCTAssertEqual(try store.articleIDs(notExtractedBy: "test-2"), [article.id])
        XCTAssertEqual(try store.articleIDs(notExtractedBy: "test-1"), [])

        var newer = Fixtures.extraction([
            Fixtures.money("€5 billion", MoneyValue(amount: 5_000_000_000, currency: "EUR"), at: [40]),
            Fixtures.named(.place, "Ukraine", at: 70),
        ])
        newer.extractorVersion = "test-2"
        XCTAssertTrue(try store.replaceExtraction(articleID: article.id, with: newer))

        let entities = try XCTUnwrap(try store.entities(articleID: article.id, type: nil))
        XCTAssertEqual(entities.map(\.name), ["€5 billion", "Ukraine"])
        XCTAssertEqual(try rowCount("figures"), 1)
        XCTAssertEqual(try rowCount("article_entities"), 2)
        XCTAssertEqual(try rowCount("archive_entities"), 2, "the first extraction's entities left the archive")
        XCTAssertEqual(try store.entitySummaries(type: nil, query: nil, limit: 10, cursor: nil).items.map { "\($0.name) \($0.articleCount)" },
                       ["€5 billion 1", "Ukraine 1"])
        XCTAssertEqual(try store.figureSummary(groupBy: .currency, filter: FigureQuery()).items.map { "\($0.group) \($0.count) \($0.total)" },
                       ["EUR 1 5000000000"])
        XCTAssertEqual(try store.article(id: article.id)?.extractorVersion, "test-2")
        XCTAssertEqual(try store.articleIDs(notExtractedBy: "test-2"), [])
        var figures = FigureQuery()
        figures.currency = "EUR"
        XCTAssertEqual(try store.figures(figures).items.map(\.value.amount), [5_000_000_000])
    }

    func testReplacingAnUnknownArticleWritesNothing() throws {
        XCTAssertFalse(try store.replaceExtraction(articleID: "art_missing", with: Fixtures.extraction()))
        XCTAssertEqual(try rowCount("article_entities"), 0)
        XCTAssertEqual(try rowCount("figures"), 0)
    }
}
