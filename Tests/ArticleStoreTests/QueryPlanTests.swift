import EntityExtraction
import Foundation
import XCTest
@testable import ArticleStore

/// Every statement the ledger runs, read and write, through `EXPLAIN QUERY PLAN`: none may
/// scan a big table. An index walked in the order asked for is allowed only when the
/// statement has a LIMIT and sorts nothing itself (it stops after the page).
final class QueryPlanTests: StoreTestCase {
    static let bigTables: Set<String> = ["articles", "article_entities", "article_entity_sets", "archive_entities", "archive_names",
                                         "figures", "figure_entities", "figure_totals"]

    func testNoStatementScansABigTable() throws {
        let store = try sqlite()
        try checkPlans(store, ids: try fill(store))
    }

    /// The same after a restart on a file that holds planner statistics (`ANALYZE`, or the
    /// `PRAGMA optimize` earlier versions ran at close): the store discards them at open.
    /// Statistics never follow the file as it grows; those of a ledger of one day's
    /// articles made the batch's search indexing scan every article and build an automatic
    /// index on figures (POST fell from about 400 to 130 articles/s after a restart), and
    /// those of one stored article made every join scan `articles` (100/s).
    func testNoStatementScansABigTableAfterARestartOnStatistics() throws {
        let oneDay: [(String, String, String)] = [
            ("articles", "articles_search", "2082 1 1"), ("articles", "articles_newest", "2082 2082 2 1"),
            ("articles", "articles_identity", "2082 1"), ("articles", "sqlite_autoindex_articles_1", "2082 1")]
        let oneArticle: [(String, String, String)] = [
            ("articles", "articles_search", "1 1 1"), ("articles", "articles_newest", "1 1 1 1"),
            ("articles", "articles_identity", "1 1"), ("articles", "sqlite_autoindex_articles_1", "1 1"),
            ("figure_totals", "figure_totals", "6 2 1 1"), ("archive_entities", "archive_entities_type_name", "32 7 1 1"),
            ("archive_entities", "archive_entities_id", "32 1")]
        _ = try sqlite()  // SQLite only
        for (n, statistics) in [oneDay, oneArticle].enumerated() {
            let path = folder.appendingPathComponent("statistics-\(n).sqlite").path
            let first = try SQLiteArticleStore(path: path)
            let ids = try fill(first)
            try first.write { db in
                try db.execute("ANALYZE")
                try db.execute("DELETE FROM sqlite_stat1")
                for (table, index, stat) in statistics {
                    try db.run("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", [.text(table), .text(index), .text(stat)])
                }
            }
            first.close()
            let store = try SQLiteArticleStore(path: path)
            defer { store.close() }
            XCTAssertEqual(try store.read { db in try db.query("SELECT COUNT(*) FROM sqlite_stat1") { $0.int(0) }.first }, 0)
            try checkPlans(store, ids: ids)
        }
    }

    /// Closing gathers no statistics for the next open to plan by.
    func testCloseLeavesNoPlannerStatistics() throws {
        let store = try sqlite()
        _ = try fill(store)
        store.close()
        let db = try SQLiteConnection(path: databasePath)
        defer { db.close() }
        XCTAssertEqual(try db.query("SELECT COUNT(*) FROM sqlite_schema WHERE name LIKE 'sqlite_stat%'") { $0.int(0) }.first, 0)
    }

    private func fill(_ store: SQLiteArticleStore) throws -> [String] {
        var ids: [String] = []
        for i in 0..<60 {
            var entities = InsertThroughputTests.realisticExtraction().entities
            entities.append(Fixtures.person(i % 2 == 0 ? "Donald Trump" : "Trump", at: [5_000 + i]))
            let article = NewArticle(text: "article \(i)", title: "T\(i)", publishedAt: day("2024-01-01").adding(days: i * 3))
            ids.append(try store.insert(article, extraction: Fixtures.extraction(entities)).article.id)
        }
        return ids
    }

    private func checkPlans(_ store: SQLiteArticleStore, ids: [String]) throws {
        let trump = ArchiveIdentity.id(type: .person, key: "donald trump")
        SQLiteConnection.recorded.withLock { $0 = [] }
        defer { SQLiteConnection.recorded.withLock { $0 = nil } }

        // Writes: a new article, a re-extraction, a delete.
        let extra = try store.insert(NewArticle(text: "extra", publishedAt: day("2024-06-01")),
                                     extraction: InsertThroughputTests.realisticExtraction()).article
        XCTAssertTrue(try store.replaceExtraction(articleID: ids[3], with: InsertThroughputTests.realisticExtraction()))
        XCTAssertTrue(try store.deleteArticle(id: extra.id))
        XCTAssertTrue(try store.deleteArticle(id: ids[4]))

        // Reads: every listing with every filter and sort, first pages and next pages.
        for sort in EntitySort.allCases {
            for type in [nil, EntityType.person] {
                for q in [nil, "tr"] {
                    let page = try store.entitySummaries(type: type, query: q, sort: sort, limit: 2, cursor: nil)
                    if let next = page.nextCursor { _ = try store.entitySummaries(type: type, query: q, sort: sort, limit: 2, cursor: next) }
                }
            }
        }
        _ = try store.entityDetail(id: trump)
        if let next = try store.entityArticles(id: trump, limit: 2, cursor: nil)?.nextCursor {
            _ = try store.entityArticles(id: trump, limit: 2, cursor: next)
        }
        _ = try store.entities(articleID: ids[5], type: nil)
        _ = try store.renderedEntities(articleID: ids[5], type: .money)
        var list = ArticleListQuery()
        list.entity = "Trump"
        _ = try store.articles(list)
        let filters: [(inout FigureQuery) -> Void] = [
            { _ in }, { $0.currency = "EUR" }, { $0.minAmount = 1_000_000 }, { $0.maxAmount = 1000 },
            { $0.since = day("2024-03-01") }, { $0.until = day("2024-02-01") }, { $0.articleID = ids[7] },
            { $0.entity = trump }, { $0.entity = "Ukraine"; $0.entityScope = .article }, { $0.text = "costs" },
            { $0.currency = "USD"; $0.minAmount = 100; $0.since = day("2024-02-01") },
        ]
        for filter in filters {
            for sort in FigureSort.allCases {
                var query = FigureQuery()
                filter(&query)
                query.sort = sort
                query.limit = 3
                let page = try store.figures(query)
                query.cursor = page.nextCursor
                if query.cursor != nil { _ = try store.figures(query) }
            }
            for grouping in FigureGrouping.allCases {
                var query = FigureQuery()
                filter(&query)
                let page = try store.figureSummary(groupBy: grouping, filter: query, limit: 2, cursor: nil)
                if let next = page.nextCursor { _ = try store.figureSummary(groupBy: grouping, filter: query, limit: 2, cursor: next) }
            }
        }

        let statements = SQLiteConnection.recorded.withLock { $0 ?? [] }
        var seen = Set<String>()
        var failures: [String] = []
        try store.read { db in
            for (sql, values) in statements where seen.insert(sql).inserted {
                let word = sql.split(separator: " ").first.map { $0.uppercased() } ?? ""
                guard !["BEGIN", "COMMIT", "ROLLBACK", "PRAGMA"].contains(word) else { continue }
                let plan = try db.query("EXPLAIN QUERY PLAN " + sql, values) { $0.text(3) }
                if let problem = Self.fullScan(plan, sql: sql) { failures.append("\(problem)\n  \(sql)\n  \(plan)") }
            }
        }
        XCTAssertGreaterThan(seen.count, 60, "the statements were recorded")
        XCTAssertEqual(failures, [], failures.joined(separator: "\n\n"))
    }

    /// The offending plan line, if the plan reads a whole big table.
    static func fullScan(_ plan: [String], sql: String) -> String? {
        // A walk in either direction needs no sort at all: a descending listing is the exact
        // reverse of the ascending one, ties included, so the index's own order serves it.
        // A sort of the right part only orders the rows sharing one value of the index's
        // leading column (an article summary's day): the walk still stops after the page.
        let sorts = plan.contains { $0.hasPrefix("USE TEMP B-TREE") && !$0.contains("RIGHT PART OF ORDER BY") }
        let limited = sql.uppercased().contains("LIMIT")
        for line in plan where line.hasPrefix("SCAN ") {
            let name = line.dropFirst(5).split(separator: " ").first.map(String.init) ?? ""
            let table = tableOf(alias: name, in: sql)
            guard bigTables.contains(table) else { continue }
            if line.contains("USING") && line.contains("INDEX") && limited && !sorts { continue }
            return line
        }
        return nil
    }

    /// `figures f` → figures: plans name tables by their alias.
    static func tableOf(alias: String, in sql: String) -> String {
        if bigTables.contains(alias) { return alias }
        let words = sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "(" || $0 == "," })
        for (i, w) in words.enumerated() where i > 0 && w == alias && bigTables.contains(String(words[i - 1])) {
            return String(words[i - 1])
        }
        return alias
    }
}
