import EntityExtraction
import Foundation
import XCTest
@testable import ArticleStore

/// Migration 9 on a database in the layout of version 7 (mention text and currency
/// resolution as text, descending amount indexes, a full-text index with column sizes,
/// totals keyed by text):
/// every figure listing, search and summary answers the same after it.
final class FiguresCompactMigrationTests: XCTestCase {
    private static let texts = [
        "Brussels — The European Union pledged €1.5 billion to Ukraine on Monday. Officials said $276 million more would follow in March.",
        "Germany will spend €2 million on schools, Olaf Scholz said. France added €2 million and £300,000 on 3 March 2024.",
        "Rheinmetall won a $5 billion order. The Pentagon confirmed the $5 billion deal, worth about €4.6 billion.",
    ]

    func testVersionSevenDatabaseMigratesWithTheSameAnswers() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("figures-compact-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("v7.sqlite").path

        var store = try SQLiteArticleStore(path: path)
        let extractor = EntityExtractor(nameTagger: nil)
        for i in 0..<24 {
            let published = day("2024-01-01").adding(days: (i * 11) % 70)
            let text = Self.texts[i % Self.texts.count] + " Item \(i)."
            let article = NewArticle(text: text, title: "T\(i)", publishedAt: published)
            _ = try store.insert(article, extraction: extractor.extract(text, options: ExtractionOptions(publishedAt: published)))
        }
        let before = try answers(store)
        XCTAssertGreaterThan(before.count, 20)
        // Version 7 kept a total per article and currency, keyed by `published_at id`.
        var articleTotals: [[SQLiteValue]] = []
        for row in try store.figureSummary(groupBy: .article, filter: FigureQuery()).items {
            let published = try XCTUnwrap(try store.article(id: row.group)).publishedAt.description
            articleTotals.append([.text(published + " " + row.group), .text(row.currency), .int(row.count),
                                  .text(row.total.description), .text(row.min.description), .text(row.max.description)])
        }
        try store.write { db in try Self.revertToVersionSeven(db, articleTotals: articleTotals) }
        // A mention text that differs from the article's text there is kept as it was.
        try store.write { db in try db.run("UPDATE figures SET text = 'two million euros' WHERE id = 4") }
        store.close()

        store = try SQLiteArticleStore(path: path)
        defer { store.close() }
        try store.read { db in
            XCTAssertEqual(try db.query("SELECT version FROM schema_migrations WHERE version = 9") { $0.int(0) }, [9])
            XCTAssertEqual(try db.query("""
                SELECT name FROM sqlite_master WHERE name IN ('figures_amount_desc', 'figures_currency_amount_desc', 'figures_fts_docsize')
                """) { $0.text(0) }, [])
            XCTAssertEqual(try db.query("SELECT COUNT(*) FROM figures WHERE text IS NOT NULL") { $0.int(0) }, [1],
                           "only the text that is not the article's slice is stored")
            XCTAssertEqual(try db.query("SELECT DISTINCT typeof(currency_resolution) FROM figures") { $0.text(0) }, ["integer"])
            XCTAssertEqual(try db.query("SELECT DISTINCT typeof(group_key) FROM figure_totals ORDER BY 1") { $0.text(0) },
                           ["integer", "text"], "months as numbers, currencies as text; per-article totals gone (migration 12)")
            XCTAssertEqual(try db.query("SELECT COUNT(*) FROM article_figures") { $0.int(0) }, [24])
        }
        let kept = try answers(store)
        XCTAssertTrue(kept.contains { $0.contains("text: \"two million euros\"") })
        let after = kept.map { $0.replacingOccurrences(of: "two million euros", with: "€2 million") }
        XCTAssertEqual(after.count, before.count)
        let differing = zip(after, before).enumerated().first { $0.element.0 != $0.element.1 }
        XCTAssertNil(differing, "first answer that differs")
    }

    /// Figure pages in every sort and page size, searches, filters and summaries, as text.
    private func answers(_ store: SQLiteArticleStore) throws -> [String] {
        var out: [String] = []
        for sort in FigureSort.allCases {
            for (limit, configure) in [(3, { (_: inout FigureQuery) in }), (100, { $0.text = "million" }),
                                       (2, { $0.currency = "EUR" }), (4, { $0.minAmount = 2_000_000; $0.maxAmount = 5_000_000_000 })] {
                var query = FigureQuery()
                query.sort = sort
                query.limit = limit
                configure(&query)
                repeat {
                    let page = try store.figures(query)
                    out += page.items.map { "\(sort) \($0)" }
                    query.cursor = page.nextCursor
                } while query.cursor != nil
            }
        }
        for grouping in FigureGrouping.allCases {
            out += try store.figureSummary(groupBy: grouping, filter: FigureQuery()).items.map { "\(grouping) \($0)" }
            for currency in [nil, "EUR"] {
                var filter = FigureQuery(), cursor: String?
                filter.currency = currency
                repeat {
                    let page = try store.figureSummary(groupBy: grouping, filter: filter, limit: 3, cursor: cursor)
                    out += page.items.map { "\(grouping) \(currency ?? "-") by 3 \($0)" }
                    cursor = page.nextCursor
                } while cursor != nil
            }
            var filter = FigureQuery()
            filter.text = "billion"
            out += try store.figureSummary(groupBy: grouping, filter: filter).items.map { "\(grouping) billion \($0)" }
        }
        return out
    }

    /// The figures table, its indexes and its full-text index as version 7 made them.
    private static func revertToVersionSeven(_ db: SQLiteConnection, articleTotals: [[SQLiteValue]]) throws {
        let names = CurrencyResolution.stored.enumerated().map { "WHEN \($0.offset) THEN '\($0.element.rawValue)'" }
        try db.execute("""
            CREATE TABLE figures_v7 (
                id INTEGER PRIMARY KEY, article_seq INTEGER NOT NULL, position INTEGER NOT NULL,
                published_day INTEGER NOT NULL, amount TEXT NOT NULL, amount_real REAL NOT NULL, currency TEXT NOT NULL,
                currency_resolution TEXT NOT NULL, currency_evidence TEXT, qualifier TEXT, min_amount TEXT, max_amount TEXT,
                text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, sentence_start INTEGER NOT NULL,
                sentence_end INTEGER NOT NULL, date_start INTEGER NOT NULL, date_position INTEGER, date_mention INTEGER
            );
            INSERT INTO figures_v7 SELECT f.id, f.article_seq, f.position, f.published_day, f.amount, f.amount_real, f.currency,
                CASE f.currency_resolution \(names.joined(separator: " ")) END, f.currency_evidence, f.qualifier,
                f.min_amount, f.max_amount, IFNULL(f.text, substr(a.text, f.start + 1, f."end" - f.start)), f.start, f."end",
                f.sentence_start, f.sentence_end, f.date_start, f.date_position, f.date_mention
            FROM figures f JOIN articles a ON a.seq = f.article_seq;
            DROP TABLE figures;
            ALTER TABLE figures_v7 RENAME TO figures;
            CREATE INDEX figures_article ON figures (article_seq, start);
            CREATE INDEX figures_currency_amount ON figures (currency, amount_real);
            CREATE INDEX figures_currency_amount_desc ON figures (currency, amount_real DESC);
            CREATE INDEX figures_amount ON figures (amount_real);
            CREATE INDEX figures_amount_desc ON figures (amount_real DESC);
            CREATE INDEX figures_published ON figures (published_day);
            CREATE INDEX figures_date ON figures (date_start);
            DROP TABLE figures_fts;
            CREATE VIRTUAL TABLE figures_fts USING fts5 (sentence, content = '', tokenize = 'unicode61 remove_diacritics 2');
            INSERT INTO figures_fts (rowid, sentence) SELECT f.id, substr(a.text, f.sentence_start + 1, f.sentence_end - f.sentence_start)
            FROM figures f JOIN articles a ON a.seq = f.article_seq;
            DROP TABLE article_figures;
            DELETE FROM schema_migrations WHERE version IN (9, 12);
            """)
        let totals = try db.query("""
            SELECT grouping, typeof(group_key), group_key, currency, count, total, IFNULL(min_amount, total), IFNULL(max_amount, total)
            FROM figure_totals
            """) { row -> [SQLiteValue] in
            let grouping = FigureTotals.Group.codes[row.int(0)]
            let key = try FigureTotals.Group.key(grouping, row: row, column: 2, type: row.text(1))
            return [.text(grouping.rawValue), .text(key)] + (3...7).map { .text(row.text($0)) }
        }
        try db.execute("""
            DROP TABLE figure_totals;
            CREATE TABLE figure_totals (
                grouping TEXT NOT NULL, group_key TEXT NOT NULL, currency TEXT NOT NULL, count INTEGER NOT NULL,
                total TEXT NOT NULL, min_amount TEXT NOT NULL, max_amount TEXT NOT NULL,
                PRIMARY KEY (grouping, group_key, currency)
            ) WITHOUT ROWID;
            """)
        for row in totals { try db.run("INSERT INTO figure_totals VALUES (?, ?, ?, CAST(? AS INTEGER), ?, ?, ?)", row) }
        for row in articleTotals { try db.run("INSERT INTO figure_totals VALUES ('article', ?, ?, ?, ?, ?, ?)", row) }
        XCTAssertGreaterThan(totals.count + articleTotals.count, 50)
        XCTAssertEqual(try db.query("SELECT COUNT(*) FROM figures WHERE currency_resolution NOT IN ('explicit', 'inferred', 'ambiguous')") {
            $0.int(0) }, [0])
    }
}
