import EntityExtraction
import Foundation
import XCTest
@testable import ArticleStore

/// Migration 12 on a database in the layout of version 10 (an index entry per figure by
/// article, totals kept per article): every figure listing, filter and summary answers the
/// same after it, and writes after it keep each article's range right.
final class FigureRangesMigrationTests: XCTestCase {
    private static let texts = [
        "Brussels — The European Union pledged €1.5 billion to Ukraine on Monday. Officials in Kyiv said $276 million more would follow.",
        "Germany will spend €2 million on schools in Berlin. France added €2 million and £300,000 on 3 March 2024.",
        "Rheinmetall won a $5 billion order from Poland. The deal, worth about €4.6 billion, was confirmed in Warsaw.",
        "No money is named in this article about Ukraine.",
    ]

    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("figure-ranges-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private let extractor = EntityExtractor(nameTagger: nil)

    /// The extractor's money and dates, with the places of `places` where the text names them
    /// (no name model here), so figures have entities in their sentences and articles.
    private func extraction(_ text: String, _ published: CivilDate) -> Extraction {
        var found = extractor.extract(text, options: ExtractionOptions(publishedAt: published))
        let scalars = Array(text.unicodeScalars)
        for place in ["Ukraine", "Kyiv", "Berlin", "Poland", "Warsaw"] {
            let name = Array(place.unicodeScalars)
            guard let start = (0...(scalars.count - name.count)).first(where: { Array(scalars[$0..<$0 + name.count]) == name }),
                  !found.entities.contains(where: { $0.type == .place && $0.name == place }) else { continue }
            found.entities.append(Fixtures.named(.place, place, at: start))
        }
        return found
    }

    /// Articles with figures, one without, one re-extracted (its figures get new ids at
    /// the end) and one deleted (its ids are taken again by the next article).
    private func fill(_ store: SQLiteArticleStore) throws -> [String] {
        var ids: [String] = []
        for i in 0..<20 {
            let published = day("2024-01-01").adding(days: (i * 7) % 30)
            let text = Self.texts[i % Self.texts.count] + " Item \(i)."
            ids.append(try store.insert(NewArticle(text: text, title: "T\(i)", publishedAt: published),
                                        extraction: extraction(text, published)).article.id)
        }
        let replaced = try XCTUnwrap(try store.article(id: ids[2]))
        XCTAssertTrue(try store.replaceExtraction(articleID: ids[2], with: extraction(replaced.text, replaced.publishedAt)))
        XCTAssertTrue(try store.deleteArticle(id: ids[19]))
        let last = NewArticle(text: Self.texts[0] + " Last.", title: "Last", publishedAt: day("2024-01-09"))
        ids[19] = try store.insert(last, extraction: extraction(last.text, last.publishedAt)).article.id
        return ids
    }

    func testVersionTenDatabaseMigratesWithTheSameAnswers() throws {
        let path = folder.appendingPathComponent("v10.sqlite").path
        var store = try SQLiteArticleStore(path: path)
        let ids = try fill(store)
        let before = try answers(store, ids: ids)
        XCTAssertGreaterThan(before.count, 100)
        XCTAssertTrue(before.contains { $0.hasPrefix("summary article") })
        XCTAssertTrue(before.contains { $0.hasPrefix("scope=article") })
        XCTAssertTrue(before.contains { $0.hasPrefix("dates") && $0.contains("2024-03-03") }, "a figure dated by its sentence")
        try revertToVersionTen(store)
        store.close()

        store = try SQLiteArticleStore(path: path)
        defer { store.close() }
        try store.read { db in
            XCTAssertEqual(try db.query("SELECT version FROM schema_migrations WHERE version = 12") { $0.int(0) }, [12])
            XCTAssertEqual(try db.query("SELECT name FROM sqlite_master WHERE name = 'figures_article'") { $0.text(0) }, [])
            XCTAssertEqual(try db.query("SELECT COUNT(*) FROM figure_totals WHERE grouping = 3") { $0.int(0) }, [0])
            XCTAssertEqual(try db.query("SELECT sql FROM sqlite_master WHERE name = 'figures_date'") { $0.text(0) },
                           ["CREATE INDEX figures_date ON figures (date_start) WHERE date_position IS NOT NULL"])
            XCTAssertEqual(try db.query("""
                SELECT COUNT(*) FROM figures f LEFT JOIN article_figures r ON r.article_seq = f.article_seq
                WHERE f.id NOT BETWEEN r.first_figure AND r.first_figure + r.figure_count - 1 OR r.article_seq IS NULL
                """) { $0.int(0) }, [0], "every figure inside its article's range")
        }
        let after = try answers(store, ids: ids)
        XCTAssertEqual(after.count, before.count)
        XCTAssertNil(zip(after, before).first { $0.0 != $0.1 }, "first answer that differs")

        // Writes after the migration keep the ranges: a re-extraction, a delete, a new article.
        let again = try XCTUnwrap(try store.article(id: ids[5]))
        XCTAssertTrue(try store.replaceExtraction(articleID: ids[5], with: extraction(again.text, again.publishedAt)))
        XCTAssertTrue(try store.deleteArticle(id: ids[6]))
        let more = NewArticle(text: Self.texts[1] + " More.", title: "More", publishedAt: day("2024-02-01"))
        let added = try store.insert(more, extraction: extraction(more.text, more.publishedAt)).article.id
        try store.read { db in
            XCTAssertEqual(try db.query("""
                SELECT COUNT(*) FROM figures f LEFT JOIN article_figures r ON r.article_seq = f.article_seq
                WHERE f.id NOT BETWEEN r.first_figure AND r.first_figure + r.figure_count - 1 OR r.article_seq IS NULL
                """) { $0.int(0) }, [0])
            XCTAssertEqual(try db.query("SELECT SUM(figure_count) = (SELECT COUNT(*) FROM figures) FROM article_figures") { $0.int(0) }, [1])
        }
        for (id, figures) in [(ids[5], 3), (ids[6], 0), (added, 3)] {
            var query = FigureQuery()
            query.articleID = id
            XCTAssertEqual(try store.figures(query).items.count, figures, id)
        }
        let listed = try store.figureSummary(groupBy: .article, filter: FigureQuery()).items.map(\.group)
        XCTAssertTrue(listed.contains(added))
        XCTAssertFalse(listed.contains(ids[6]))
        XCTAssertEqual(listed.first, added, "the newest article first")
    }

    /// The summary by article, walked over the articles' ranges (with a currency too, when
    /// the window says so), answers as adding up every matching figure does (the path of
    /// any other filter: here bounds that every amount is within).
    func testArticleSummaryWalkAnswersAsAddingUpTheMatches() throws {
        let store = try SQLiteArticleStore(path: folder.appendingPathComponent("walk.sqlite").path)
        defer { store.close() }
        _ = try fill(store)
        defer { FigurePlan.windowOverride = nil }
        for window in [nil, 0] {
            FigurePlan.windowOverride = window
            for currency in [nil, "EUR", "GBP", "XYZ"] {
                for limit in [1, 2, 5, 500] {
                    var walked = FigureQuery(), added = FigureQuery()
                    walked.currency = currency
                    added.currency = currency
                    added.minAmount = -1e30
                    added.maxAmount = 1e30
                    let expected = try pages(store, added, limit: limit)
                    XCTAssertEqual(try pages(store, walked, limit: limit), expected, "\(currency ?? "-") by \(limit)")
                    XCTAssertEqual(expected.isEmpty, currency == "XYZ")
                }
            }
        }
    }

    private func pages(_ store: SQLiteArticleStore, _ filter: FigureQuery, limit: Int) throws -> [[FigureSummaryRow]] {
        var out: [[FigureSummaryRow]] = [], cursor: String?
        repeat {
            let page = try store.figureSummary(groupBy: .article, filter: filter, limit: limit, cursor: cursor)
            if !page.items.isEmpty { out.append(page.items) }
            cursor = page.nextCursor
        } while cursor != nil
        return out
    }

    func testScatteredFiguresStopTheMigration() throws {
        let path = folder.appendingPathComponent("scattered.sqlite").path
        let store = try SQLiteArticleStore(path: path)
        _ = try fill(store)
        try revertToVersionTen(store)
        // The first figure of the first article moved past all the others: no longer a range.
        try store.write { db in
            try db.execute("""
                UPDATE figures SET id = (SELECT MAX(id) FROM figures) + 10 WHERE id = (SELECT MIN(id) FROM figures WHERE article_seq = 1)
                """)
        }
        store.close()
        XCTAssertThrowsError(try SQLiteArticleStore(path: path)) { error in
            XCTAssertTrue("\(error)".contains("not numbered consecutively"), "\(error)")
        }
    }

    func testAFigureDatedByItsArticleOnAnotherDayStopsTheMigration() throws {
        let path = folder.appendingPathComponent("misdated.sqlite").path
        let store = try SQLiteArticleStore(path: path)
        _ = try fill(store)
        try revertToVersionTen(store)
        // figures_date would no longer find it: since/until look for it on its article's day.
        try store.write { db in
            try db.execute("UPDATE figures SET date_start = date_start + 1 WHERE id = (SELECT MIN(id) FROM figures WHERE date_position IS NULL)")
        }
        store.close()
        XCTAssertThrowsError(try SQLiteArticleStore(path: path)) { error in
            XCTAssertTrue("\(error)".contains("dated by their article but not on its day"), "\(error)")
        }
    }

    /// What version 10 had: `figures_article`, a kept total per article and currency, no ranges.
    private func revertToVersionTen(_ store: SQLiteArticleStore) throws {
        var kept: [[SQLiteValue]] = []
        var cursor: String?
        repeat {
            let page = try store.figureSummary(groupBy: .article, filter: FigureQuery(), limit: 7, cursor: cursor)
            for row in page.items {
                let published = try XCTUnwrap(try store.article(id: row.group)).publishedAt.description
                let key = FigureTotals.Group(grouping: .article, key: published + " " + row.group).storedKey
                kept.append([key, .text(row.currency), .int(row.count), .text(row.total.description),
                             row.min == row.total ? .null : .text(row.min.description),
                             row.max == row.total ? .null : .text(row.max.description)])
            }
            cursor = page.nextCursor
        } while cursor != nil
        XCTAssertGreaterThan(kept.count, 19)
        try store.write { db in
            try db.execute("""
                DROP TABLE article_figures;
                CREATE INDEX figures_article ON figures (article_seq, start);
                DROP INDEX figures_date;
                CREATE INDEX figures_date ON figures (date_start);
                DELETE FROM schema_migrations WHERE version = 12;
                """)
            for row in kept { try db.run("INSERT INTO figure_totals VALUES (3, ?, ?, ?, ?, ?, ?)", row) }
        }
    }

    /// Figure pages by article, by entity in both scopes and unfiltered, summaries by
    /// article in pages (with and without a currency) and the money entities' values, as text.
    private func answers(_ store: SQLiteArticleStore, ids: [String]) throws -> [String] {
        var out: [String] = []
        let places = try store.entitySummaries(type: .place, query: nil, limit: 10, cursor: nil).items.map(\.id)
        XCTAssertGreaterThan(places.count, 2)
        var queries: [(String, FigureQuery)] = [("all", FigureQuery())]
        for id in [ids[1], ids[2], ids[3], ids[19], "art_missing"] {
            var q = FigureQuery()
            q.articleID = id
            queries.append(("article", q))
        }
        // Dated by the article (its day) or by the sentence (3 March 2024).
        for (since, until) in [("2024-01-10", nil), (nil, "2024-01-20"), ("2024-01-08", "2024-01-22"), ("2024-03-01", "2024-03-31")] {
            var q = FigureQuery()
            q.since = since.map(day)
            q.until = until.map(day)
            queries.append(("dates", q))
        }
        for place in places {
            for scope in [EntityScope.sentence, .article] {
                var q = FigureQuery()
                q.entity = place
                q.entityScope = scope
                queries.append(("scope=\(scope)", q))
            }
        }
        for (label, base) in queries {
            for sort in FigureSort.allCases {
                var query = base
                query.sort = sort
                query.limit = 4
                repeat {
                    let page = try store.figures(query)
                    out += page.items.map { "\(label) \(sort) \($0)" }
                    query.cursor = page.nextCursor
                } while query.cursor != nil
            }
            for grouping in FigureGrouping.allCases where label != "all" {
                out += try store.figureSummary(groupBy: grouping, filter: base).items.map { "summary \(label) \(grouping) \($0)" }
            }
        }
        for currency in [nil, "EUR", "GBP"] {
            var filter = FigureQuery(), cursor: String?
            filter.currency = currency
            repeat {
                let page = try store.figureSummary(groupBy: .article, filter: filter, limit: 3, cursor: cursor)
                out += page.items.map { "summary article \(currency ?? "-") \($0)" }
                out.append("cursor \(page.nextCursor ?? "-")")
                cursor = page.nextCursor
            } while cursor != nil
        }
        for id in ids {
            out += try XCTUnwrap(try store.entities(articleID: id, type: .money)).map { "entities \(id) \($0)" }
        }
        return out
    }
}
