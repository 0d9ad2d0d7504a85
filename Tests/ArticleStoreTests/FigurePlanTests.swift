import EntityExtraction
import Foundation
import XCTest
@testable import ArticleStore

/// Both ways of finding a page of figures (`FigurePlan`): driven by one filter's index, or
/// walking the sort's index. Forced each way, every filter and sort gives the same pages,
/// and neither plan reads a whole big table.
final class FigurePlanTests: StoreTestCase {
    override func tearDownWithError() throws {
        FigurePlan.windowOverride = nil
        try super.tearDownWithError()
    }

    private func fill() throws -> [String] {
        var ids: [String] = []
        for i in 0..<40 {
            var entities = InsertThroughputTests.realisticExtraction().entities
            entities.append(Fixtures.person(i % 2 == 0 ? "Donald Trump" : "Trump", at: [5_000 + i]))
            // In the sentence of the first sum, in two articles of three.
            let money = entities.first { $0.type == .money }!.mentions[0].start
            if i % 3 != 0 { entities.append(Fixtures.person("Kallas", at: [money - 7])) }
            let article = NewArticle(text: "article \(i) " + String(repeating: "It costs a lot. ", count: 400), title: "T\(i)", publishedAt: day("2024-01-01").adding(days: i * 3))
            ids.append(try store.insert(article, extraction: Fixtures.extraction(i % 5 == 0 ? Array(entities.prefix(20)) : entities)).article.id)
        }
        return ids
    }

    static func filters(article: String) -> [(name: String, set: (inout FigureQuery) -> Void)] {
        [("none", { _ in }), ("currency", { $0.currency = "EUR" }), ("min", { $0.minAmount = 1_000_000 }),
         ("max", { $0.maxAmount = 1000 }), ("since", { $0.since = day("2024-03-01") }),
         ("since+until", { $0.since = day("2024-02-01"); $0.until = day("2024-03-15") }), ("article", { $0.articleID = article }),
         ("entity", { $0.entity = "Kallas" }),
         ("entity article", { $0.entity = "Ukraine"; $0.entityScope = .article }), ("text", { $0.text = "costs" }),
         ("mixed", { $0.currency = "USD"; $0.minAmount = 100; $0.since = day("2024-02-01"); $0.entity = "Ukraine"; $0.entityScope = .article })]
    }

    /// Every page of a listing, as ids.
    private func allPages(_ query: FigureQuery) throws -> [Int64] {
        var query = query, ids: [Int64] = []
        repeat {
            let page = try store.figures(query)
            ids += page.items.map(\.id)
            query.cursor = page.nextCursor
        } while query.cursor != nil
        return ids
    }

    func testDrivenAndWalkedPlansGiveTheSamePages() throws {
        let ids = try fill()
        for (name, set) in Self.filters(article: ids[7]) {
            for sort in FigureSort.allCases {
                var query = FigureQuery()
                set(&query)
                query.sort = sort
                query.limit = 7
                FigurePlan.windowOverride = 1_000_000
                let driven = try allPages(query)
                FigurePlan.windowOverride = 0
                let walked = try allPages(query)
                XCTAssertEqual(driven, walked, "\(name) \(sort)")
                XCTAssertFalse(driven.isEmpty, "\(name) \(sort)")
                FigurePlan.windowOverride = nil
                XCTAssertEqual(try allPages(query), driven, "\(name) \(sort) as chosen")
            }
        }
    }

    func testThePlanIsTheFilterWithFewestMatchesUnderTheWindow() throws {
        let ids = try fill()
        try sqlite().readIndexed { db in
            func plan(_ set: (inout FigureQuery) -> Void) throws -> FigurePlan {
                var query = FigureQuery()
                set(&query)
                return try FigurePlan.choose(try FigureFilterSet(query, walkingAmount: true, in: db), limit: 5, in: db)
            }
            FigurePlan.windowOverride = 1_000_000
            XCTAssertEqual(try plan { _ in }, .walk, "no filter: the sort's index")
            XCTAssertEqual(try plan { $0.articleID = ids[3] }, .drive(.article))
            XCTAssertEqual(try plan { $0.since = day("2024-03-20"); $0.text = "costs" }, .drive(.date), "fewer since than with the word")
            XCTAssertEqual(try plan { $0.since = day("2024-01-01"); $0.text = "article" }, .drive(.text))
            FigurePlan.windowOverride = 12
            XCTAssertEqual(try plan { $0.since = day("2024-01-01") }, .walk, "more matches than the window")
            XCTAssertEqual(try plan { $0.since = day("2024-04-27") }, .drive(.date), "one article's 12 figures")
        }
    }

    func testWalkedPlansScanNoBigTable() throws {
        let ids = try fill()
        FigurePlan.windowOverride = 0
        SQLiteConnection.recorded.withLock { $0 = [] }
        defer { SQLiteConnection.recorded.withLock { $0 = nil } }
        for (_, set) in Self.filters(article: ids[7]) {
            for sort in FigureSort.allCases {
                var query = FigureQuery()
                set(&query)
                query.sort = sort
                query.limit = 3
                let page = try store.figures(query)
                query.cursor = page.nextCursor
                if query.cursor != nil { _ = try store.figures(query) }
            }
        }
        let statements = SQLiteConnection.recorded.withLock { $0 ?? [] }
        var failures: [String] = []
        var seen = Set<String>()
        try sqlite().readIndexed { db in
            for (sql, values) in statements where seen.insert(sql).inserted && sql.hasPrefix("SELECT") {
                let plan = try db.query("EXPLAIN QUERY PLAN " + sql, values) { $0.text(3) }
                if let problem = QueryPlanTests.fullScan(plan, sql: sql) { failures.append("\(problem)\n  \(sql)\n  \(plan)") }
            }
        }
        XCTAssertGreaterThan(seen.count, 20)
        XCTAssertEqual(failures, [], failures.joined(separator: "\n\n"))
    }
}
