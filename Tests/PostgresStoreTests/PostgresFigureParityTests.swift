import ArticleStore
import EntityExtraction
import Foundation
import PostgresClient
@testable import PostgresStore
import PostgresTestSupport
import XCTest

/// The same articles in both stores give the same ledger: every figure filter and sort,
/// every summary grouping, every entity listing, page by page (each store following its
/// own cursors), item for item.
final class PostgresFigureParityTests: XCTestCase {
    var sqlite: SQLiteArticleStore!
    var postgres: PostgresArticleStore!
    var directory: URL!

    override func setUpWithError() throws {
        postgres = try LedgerFixture.newStore(for: self)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-parity-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        sqlite = try SQLiteArticleStore(path: directory.appendingPathComponent("a.sqlite").path)
        let articles: [(String, String, String, Extraction)] = [
            (LedgerFixture.first, "First", "2024-03-12", LedgerFixture.firstExtraction()),
            (LedgerFixture.second, "Second", "2024-03-14", LedgerFixture.secondExtraction()),
            ("Only €0.2 went to Ukraine.", "Third", "2024-04-02", LedgerFixture.extraction("Only €0.2 went to Ukraine.", [
                LedgerFixture.money("€0.2", in: "Only €0.2 went to Ukraine.", amount: "0.2", currency: "EUR"),
                LedgerFixture.entity(.place, "Ukraine", key: "ukraine", [LedgerFixture.mention("Ukraine", in: "Only €0.2 went to Ukraine.")]),
            ])),
        ]
        for (n, (text, title, day, extraction)) in articles.enumerated() {
            let received = Date(timeIntervalSince1970: 1_700_000_000 + Double(n))
            let stored = try sqlite.insert(NewArticle(text: text, title: title, publishedAt: CivilDate(iso: day)!, receivedAt: received),
                                           extraction: extraction).article
            try LedgerFixture.insert(postgres, id: stored.id, text: text, title: title, published: stored.publishedAt,
                                     receivedMilliseconds: Int64(received.timeIntervalSince1970 * 1000), extraction: extraction)
        }
    }

    override func tearDownWithError() throws {
        sqlite?.close()
        postgres?.close()
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    /// Every page of a listing, following the store's own cursors.
    private func all<T>(_ page: (String?) throws -> Page<T>) throws -> [[T]] {
        var pages: [[T]] = [], cursor: String?
        repeat {
            let next = try page(cursor)
            pages.append(next.items)
            cursor = next.nextCursor
        } while cursor != nil && pages.count < 50
        return pages
    }

    func testFiguresMatchForEveryFilterSortAndPage() throws {
        let trump = ArchiveIdentity.id(type: .person, key: "donald trump")
        let filters: [(inout FigureQuery) -> Void] = [
            { _ in }, { $0.currency = "EUR" }, { $0.minAmount = Decimal(string: "0.2") }, { $0.maxAmount = Decimal(string: "0.25") },
            { $0.since = CivilDate(iso: "2024-03-12") }, { $0.until = CivilDate(iso: "2024-03-11") }, { $0.entity = "Trump" },
            { $0.entity = trump; $0.entityScope = .article }, { $0.entity = "Ukraine" }, { $0.text = "aides" },
            { $0.text = "European union" }, { $0.text = "1.5" }, { $0.text = "TRUMP's" }, { $0.text = "Ukräine" },
            { $0.articleID = "art_none" },
        ]
        var compared = 0
        for (n, setFilter) in filters.enumerated() {
            for sort in FigureSort.allCases {
                for limit in [1, 2, 50] {
                    var query = FigureQuery()
                    setFilter(&query)
                    query.sort = sort
                    query.limit = limit
                    let expected = try all { cursor in var q = query; q.cursor = cursor; return try sqlite.figures(q) }
                    let actual = try all { cursor in var q = query; q.cursor = cursor; return try postgres.figures(q) }
                    XCTAssertEqual(actual, expected, "filter \(n), sort \(sort), limit \(limit)")
                    compared += expected.joined().count
                }
            }
        }
        XCTAssertGreaterThan(compared, 100)
    }

    func testSummariesMatchForEveryGroupingFilterAndPage() throws {
        let filters: [(inout FigureQuery) -> Void] = [{ _ in }, { $0.currency = "EUR" }, { $0.entity = "Ukraine" },
                                                      { $0.minAmount = Decimal(string: "0.2") }]
        for grouping in FigureGrouping.allCases {
            for (n, setFilter) in filters.enumerated() {
                var filter = FigureQuery()
                setFilter(&filter)
                for limit in [1, 3, 500] {
                    let expected = try all { try sqlite.figureSummary(groupBy: grouping, filter: filter, limit: limit, cursor: $0) }
                    let actual = try all { try postgres.figureSummary(groupBy: grouping, filter: filter, limit: limit, cursor: $0) }
                    XCTAssertEqual(actual, expected, "\(grouping), filter \(n), limit \(limit)")
                }
            }
        }
    }

    func testEntityListingsDetailAndArticlesMatch() throws {
        for sort in EntitySort.allCases {
            for type in [nil, EntityType.person, .place, .money] {
                for q in [nil, "tr", "EU", "u"] {
                    for limit in [1, 2, 50] {
                        let expected = try all { try sqlite.entitySummaries(type: type, query: q, sort: sort, limit: limit, cursor: $0) }
                        let actual = try all { try postgres.entitySummaries(type: type, query: q, sort: sort, limit: limit, cursor: $0) }
                        XCTAssertEqual(actual, expected, "\(sort) \(String(describing: type)) \(q ?? "-") \(limit)")
                    }
                }
            }
        }
        for entity in try sqlite.entitySummaries(type: nil, query: nil, limit: 50, cursor: nil).items {
            let expected = try XCTUnwrap(sqlite.entityDetail(id: entity.id, recent: 2))
            let actual = try XCTUnwrap(postgres.entityDetail(id: entity.id, recent: 2))
            XCTAssertEqual([actual.summary], [expected.summary])
            XCTAssertEqual([actual.firstSeen, actual.lastSeen], [expected.firstSeen, expected.lastSeen])
            XCTAssertEqual(actual.recentArticles, expected.recentArticles)
            XCTAssertEqual(try all { try XCTUnwrap(postgres.entityArticles(id: entity.id, limit: 1, cursor: $0)) },
                           try all { try XCTUnwrap(sqlite.entityArticles(id: entity.id, limit: 1, cursor: $0)) })
        }
        XCTAssertNil(try postgres.entityDetail(id: "ent_0000000000000000", recent: 2))
        XCTAssertNil(try postgres.entityArticles(id: "ent_0000000000000000", limit: 2, cursor: nil))
        for article in try sqlite.articles(ArticleListQuery()).items {
            for type in [nil] + EntityType.allCases.map(Optional.some) {
                let expected = try XCTUnwrap(sqlite.entitiesWithArchiveIDs(articleID: article.id, type: type))
                let actual = try XCTUnwrap(postgres.entitiesWithArchiveIDs(articleID: article.id, type: type))
                XCTAssertEqual(actual.map(\.entity), expected.map(\.entity))
                XCTAssertEqual(actual.map(\.archiveID), expected.map(\.archiveID))
            }
        }
    }
}
