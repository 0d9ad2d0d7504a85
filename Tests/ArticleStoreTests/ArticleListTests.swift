import EntityExtraction
import Foundation
import XCTest
@testable import ArticleStore

final class ArticleListTests: StoreTestCase {
    private func allPages(_ query: ArticleListQuery) throws -> [[StoredArticle]] {
        var pages: [[StoredArticle]] = []
        var query = query
        repeat {
            let page = try store.articles(query)
            pages.append(page.items)
            query.cursor = page.nextCursor
        } while query.cursor != nil && pages.count < 50
        return pages
    }

    func testNewestFirstAcrossPages() throws {
        let a = try insert("a", published: "2024-03-10", received: 0)
        let b = try insert("b", published: "2024-03-12", received: 10)
        let c = try insert("c", published: "2024-03-12", received: 20)
        let d = try insert("d", published: "2024-03-12", received: 20)
        let e = try insert("e", published: "2024-03-14", received: 5)
        let f = try insert("f", published: "2024-03-01", received: 100)
        let g = try insert("g", published: "2024-03-12", received: 15)
        // Same day and same receipt time: the larger id first.
        let (first, second) = c.id > d.id ? (c, d) : (d, c)
        let expected = [e, first, second, g, b, a, f].map(\.text)

        var query = ArticleListQuery()
        query.limit = 3
        let pages = try allPages(query)
        XCTAssertEqual(pages.map(\.count), [3, 3, 1])
        XCTAssertEqual(pages.flatMap { $0 }.map(\.text), expected)

        query.limit = 7
        let exact = try store.articles(query)
        XCTAssertEqual(exact.items.map(\.text), expected)
        XCTAssertNil(exact.nextCursor, "no cursor when the last page is exactly full")

        query.limit = 0  // guarded: treated as 1
        XCTAssertEqual(try store.articles(query).items.map(\.text), ["e"])

        query.includeText = false
        let metadataOnly = try XCTUnwrap(try store.articles(query).items.first)
        XCTAssertEqual(metadataOnly.text, "")
        XCTAssertEqual(metadataOnly.id, e.id)
        XCTAssertEqual(metadataOnly.textHash, e.textHash)
    }

    /// Articles stored between two page requests neither repeat nor hide the rest.
    func testCursorIsStableUnderInserts() throws {
        for (i, published) in ["2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04", "2024-03-05"].enumerated() {
            try insert("old \(i)", published: published)
        }
        var query = ArticleListQuery()
        query.limit = 2
        let first = try store.articles(query)
        XCTAssertEqual(first.items.map(\.text), ["old 4", "old 3"])

        try insert("newest", published: "2024-03-30")
        try insert("middle", published: "2024-03-02", received: 50)
        query.cursor = first.nextCursor
        let rest = try allPages(query).flatMap { $0 }.map(\.text)
        XCTAssertEqual(rest, ["old 2", "middle", "old 1", "old 0"])
    }

    func testFilters() throws {
        let people = try insert("people", published: "2024-01-10", extraction: Fixtures.extraction([
            Fixtures.person("Jens Stoltenberg", at: [0, 50]), Fixtures.named(.organisation, "European Union", at: 20),
        ]))
        let places = try insert("places", published: "2024-02-10", extraction: Fixtures.extraction([
            Fixtures.named(.place, "Ukraine", at: 5),
        ]))
        let money = try insert("money", published: "2024-03-10", extraction: Fixtures.extraction([
            Fixtures.money("€5", MoneyValue(amount: 5, currency: "EUR"), at: [3]),
        ]))
        func texts(_ configure: (inout ArticleListQuery) -> Void) throws -> [String] {
            var query = ArticleListQuery()
            configure(&query)
            return try store.articles(query).items.map(\.text)
        }
        XCTAssertEqual(try texts { _ in }, ["money", "places", "people"])
        XCTAssertEqual(try texts { $0.entity = "Jens Stoltenberg" }, ["people"])
        XCTAssertEqual(try texts { $0.entity = "the EU" }, ["people"], "matched through the name key and its aliases")
        XCTAssertEqual(try texts { $0.entity = ArchiveIdentity.id(type: .place, key: "ukraine") }, ["places"])
        XCTAssertEqual(try texts { $0.entity = "5 EUR" }, ["money"], "money keys match as given")
        XCTAssertEqual(try texts { $0.entity = "Ukraine"; $0.type = .place }, ["places"])
        XCTAssertEqual(try texts { $0.entity = "Ukraine"; $0.type = .person }, [])
        XCTAssertEqual(try texts { $0.entity = "Nobody" }, [])
        XCTAssertEqual(try texts { $0.type = .organisation }, ["people"])
        XCTAssertEqual(try texts { $0.type = .money }, ["money"])
        XCTAssertEqual(try texts { $0.type = .date }, [])
        XCTAssertEqual(try texts { $0.since = day("2024-02-10") }, ["money", "places"])
        XCTAssertEqual(try texts { $0.until = day("2024-02-10") }, ["places", "people"])
        XCTAssertEqual(try texts { $0.since = day("2024-01-11"); $0.until = day("2024-03-09") }, ["places"])
        XCTAssertEqual(try texts { $0.since = day("2024-01-01"); $0.type = .place }, ["places"])
        _ = (people, places, money)
    }

    func testInvalidCursors() throws {
        try insert("a", published: "2024-03-10")
        try insert("b", published: "2024-03-11")
        var query = ArticleListQuery()
        query.limit = 1
        let valid = try XCTUnwrap(try store.articles(query).nextCursor)

        var figures = FigureQuery()
        figures.cursor = valid
        XCTAssertThrowsError(try store.figures(figures)) { XCTAssertEqual($0 as? StoreError, .invalidCursor) }
        XCTAssertThrowsError(try store.entitySummaries(type: nil, query: nil, limit: 5, cursor: valid)) {
            XCTAssertEqual($0 as? StoreError, .invalidCursor)
        }
        for bad in ["", "not a cursor!", "eyJhIjoxfQ", String(valid.dropLast(3)), valid + "A"] {
            query.cursor = bad
            XCTAssertThrowsError(try store.articles(query), bad) { XCTAssertEqual($0 as? StoreError, .invalidCursor, bad) }
        }
    }
}
