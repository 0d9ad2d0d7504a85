import EntityExtraction
import Foundation
import XCTest
@testable import ArticleStore

/// Three articles, eight figures:
/// X 2024-01-15: €276m @150 and @700 (one entity), $0.5 @250
/// Y 2024-02-20: €1.5bn @100, £0.1 @200, and the place Ukraine
/// Z 2024-02-25: €0.5 @100, $276m @200, £0.2 @300
final class FigureQueryTests: StoreTestCase {
    private var ids: [String: String] = [:]  // title → article id

    override func setUpWithError() throws {
        try super.setUpWithError()
        let eur276m = Fixtures.money("€276 million", MoneyValue(amount: 276_000_000, currency: "EUR"), at: [150, 700])
        ids["X"] = try insert("x", title: "X", published: "2024-01-15", extraction: Fixtures.extraction([
            eur276m, Fixtures.money("$0.5", MoneyValue(amount: decimal("0.5"), currency: "USD"), at: [250]),
        ])).id
        ids["Y"] = try insert("y", title: "Y", published: "2024-02-20", extraction: Fixtures.extraction([
            Fixtures.named(.place, "Ukraine", at: 50),
            Fixtures.money("€1.5 billion", MoneyValue(amount: 1_500_000_000, currency: "EUR"), at: [100]),
            Fixtures.money("£0.1", MoneyValue(amount: decimal("0.1"), currency: "GBP"), at: [200]),
        ])).id
        ids["Z"] = try insert("z", title: "Z", published: "2024-02-25", extraction: Fixtures.extraction([
            Fixtures.money("€0.5", MoneyValue(amount: decimal("0.5"), currency: "EUR"), at: [100]),
            Fixtures.money("$276m", MoneyValue(amount: 276_000_000, currency: "USD", qualifier: "about"), at: [200]),
            Fixtures.money("£0.2", MoneyValue(amount: decimal("0.2"), currency: "GBP"), at: [300]),
        ])).id
    }

    /// Figures as `title@start`, all pages of `limit`.
    private func labels(limit: Int = 100, _ configure: (inout FigureQuery) -> Void = { _ in }) throws -> [String] {
        var query = FigureQuery()
        configure(&query)
        query.limit = limit
        var labels: [String] = []
        repeat {
            let page = try store.figures(query)
            labels += page.items.map { "\($0.articleTitle ?? "?")@\($0.mention.start)" }
            query.cursor = page.nextCursor
        } while query.cursor != nil && labels.count < 100
        return labels
    }

    func testEachSortAndItsPagination() throws {
        let expected: [FigureSort: [String]] = [
            .amount: ["Y@200", "Z@300", "X@250", "Z@100", "X@150", "X@700", "Z@200", "Y@100"],
            // Each descending sort is the exact reverse of its ascending one, ties included.
            .amountDescending: ["Y@100", "Z@200", "X@700", "X@150", "Z@100", "X@250", "Z@300", "Y@200"],
            .publishedAt: ["X@150", "X@250", "X@700", "Y@100", "Y@200", "Z@100", "Z@200", "Z@300"],
            .publishedAtDescending: ["Z@300", "Z@200", "Z@100", "Y@200", "Y@100", "X@700", "X@250", "X@150"],
        ]
        for sort in FigureSort.allCases {
            XCTAssertEqual(try labels { $0.sort = sort }, expected[sort], sort.rawValue)
            for limit in [1, 3] {
                XCTAssertEqual(try labels(limit: limit) { $0.sort = sort }, expected[sort], "\(sort.rawValue) by \(limit)")
            }
        }
        XCTAssertEqual(try labels(), expected[.amountDescending], "default sort")
    }

    func testFilters() throws {
        XCTAssertEqual(try labels { $0.currency = "EUR" }, ["Y@100", "X@700", "X@150", "Z@100"])
        XCTAssertEqual(try labels { $0.minAmount = 276_000_000 }, ["Y@100", "Z@200", "X@700", "X@150"])
        XCTAssertEqual(try labels { $0.minAmount = decimal("276000000.01") }, ["Y@100"])
        XCTAssertEqual(try labels { $0.maxAmount = decimal("0.5") }, ["Z@100", "X@250", "Z@300", "Y@200"])
        XCTAssertEqual(try labels { $0.minAmount = decimal("0.5"); $0.maxAmount = decimal("0.5") }, ["Z@100", "X@250"])
        XCTAssertEqual(try labels { $0.currency = "EUR"; $0.minAmount = 1_000_000_000 }, ["Y@100"])
        XCTAssertEqual(try labels { $0.since = day("2024-02-01") }, ["Y@100", "Z@200", "Z@100", "Z@300", "Y@200"])
        XCTAssertEqual(try labels { $0.until = day("2024-01-31") }, ["X@700", "X@150", "X@250"])
        XCTAssertEqual(try labels { $0.since = day("2024-02-20"); $0.until = day("2024-02-20") }, ["Y@100", "Y@200"])
        XCTAssertEqual(try labels { $0.articleID = ids["Y"] }, ["Y@100", "Y@200"])
        XCTAssertEqual(try labels { $0.articleID = "art_missing" }, [])
        XCTAssertEqual(try labels { $0.entity = "ukraine"; $0.entityScope = .article }, ["Y@100", "Y@200"])
        XCTAssertEqual(try labels { $0.entity = "ukraine" }, [], "no sentence of Y names Ukraine")
        XCTAssertEqual(try labels { $0.entity = ArchiveIdentity.id(type: .money, key: "276000000 EUR"); $0.entityScope = .article },
                       ["X@700", "X@150", "X@250"])
        XCTAssertEqual(try labels(limit: 1) { $0.currency = "GBP"; $0.sort = .amount }, ["Y@200", "Z@300"])
    }

    func testRecordsCarryValueSentenceAndArticle() throws {
        var query = FigureQuery()
        query.currency = "USD"
        query.sort = .amountDescending
        let top = try XCTUnwrap(try store.figures(query).items.first)
        XCTAssertEqual(top.value, MoneyValue(amount: 276_000_000, currency: "USD", qualifier: "about"))
        XCTAssertEqual(top.mention, Mention(start: 200, end: 205, text: "$276m"))
        XCTAssertEqual(top.articleID, ids["Z"])
        XCTAssertEqual(top.articleTitle, "Z")
        XCTAssertEqual(top.articlePublishedAt, day("2024-02-25"))
    }

    func testSummaryByCurrencyIsExact() throws {
        let rows = try store.figureSummary(groupBy: .currency, filter: FigureQuery()).items
        XCTAssertEqual(rows, [
            FigureSummaryRow(group: "EUR", currency: "EUR", count: 4, total: decimal("2052000000.5"), min: decimal("0.5"),
                             max: 1_500_000_000, articleTitle: nil, entityName: nil),
            FigureSummaryRow(group: "GBP", currency: "GBP", count: 2, total: decimal("0.3"), min: decimal("0.1"),
                             max: decimal("0.2"), articleTitle: nil, entityName: nil),
            FigureSummaryRow(group: "USD", currency: "USD", count: 2, total: decimal("276000000.5"), min: decimal("0.5"),
                             max: 276_000_000, articleTitle: nil, entityName: nil),
        ])
        var since = FigureQuery()
        since.since = day("2024-02-01")
        since.sort = .amount
        since.limit = 1  // ignored by summaries
        XCTAssertEqual(try store.figureSummary(groupBy: .currency, filter: since).items.map { "\($0.group) \($0.count) \($0.total)" },
                       ["EUR 2 1500000000.5", "GBP 2 0.3", "USD 1 276000000"])
    }

    func testSummaryByMonthSplitsCurrencies() throws {
        let rows = try store.figureSummary(groupBy: .month, filter: FigureQuery()).items
        XCTAssertEqual(rows.map { "\($0.group) \($0.currency) \($0.count) \($0.total) \($0.min) \($0.max)" }, [
            "2024-01 EUR 2 552000000 276000000 276000000",
            "2024-01 USD 1 0.5 0.5 0.5",
            "2024-02 EUR 2 1500000000.5 0.5 1500000000",
            "2024-02 GBP 2 0.3 0.1 0.2",
            "2024-02 USD 1 276000000 276000000 276000000",
        ])
    }

    func testSummaryByArticle() throws {
        let rows = try store.figureSummary(groupBy: .article, filter: FigureQuery()).items
        XCTAssertEqual(rows.map { "\($0.articleTitle ?? "-") \($0.currency) \($0.count) \($0.total)" }, [
            "Z EUR 1 0.5", "Z GBP 1 0.2", "Z USD 1 276000000",
            "Y EUR 1 1500000000", "Y GBP 1 0.1",
            "X EUR 2 552000000", "X USD 1 0.5",
        ])
        XCTAssertEqual(rows.map(\.group), ["Z", "Z", "Z", "Y", "Y", "X", "X"].map { ids[$0]! })

        var eur = FigureQuery()
        eur.currency = "EUR"
        eur.entity = "Ukraine"
        eur.entityScope = .article
        XCTAssertEqual(try store.figureSummary(groupBy: .article, filter: eur).items.map { "\($0.articleTitle ?? "-") \($0.total)" },
                       ["Y 1500000000"])
    }

    func testCursorOfOneSortIsRejectedByAnother() throws {
        var query = FigureQuery()
        query.limit = 2
        query.sort = .amount
        let cursor = try XCTUnwrap(try store.figures(query).nextCursor)
        query.sort = .publishedAt
        query.cursor = cursor
        XCTAssertThrowsError(try store.figures(query)) { XCTAssertEqual($0 as? StoreError, .invalidCursor) }
    }
}
