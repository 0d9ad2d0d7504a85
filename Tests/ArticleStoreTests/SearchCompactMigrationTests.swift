import EntityExtraction
import Foundation
import XCTest
@testable import ArticleStore

/// Migration 11 (`articles_fts` with `detail=column`) against the positional index it
/// replaces: every search finds exactly the articles FTS5 finds on a `detail=full` index of
/// the same texts (phrases, words the tokenizer splits, prefixes, diacritics, words apart
/// or in different columns), with the same snippets, on a database migrated from the old
/// layout and on one that never had it.
final class SearchCompactMigrationTests: XCTestCase {
    /// (title, text): phrases adjacent, apart, across title and text, split words.
    static let fixed: [(String?, String)] = [
        ("Trade talks", "The trade agreement was signed. Officials said trade would grow."),
        (nil, "Trade fell; no agreement was reached."),
        ("Talks on trade", "Agreement reached in the end."),
        (nil, "Trump's team met U.S. officials in Zürich and Genève."),
        (nil, "Trump met Biden's aides: the US and the U.S.A. differ."),
        ("Co-operation", "Cooperation, co-operative and co operation."),
        (nil, "bla x bla and then bla bla."),
        (nil, "bla x bla only."),
        (nil, "Zurich and Geneve agreed on a trade agreement: ceasefire talks follow."),
        ("Agreement", "trade"),
        (nil, "AGREEMENT TRADE, then trade-agreement and trade... agreement."),
    ]

    static let queries = [
        "\"trade agreement\"", "trade agreement", "\"agreement trade\"", "\"talks on trade agreement\"", "Trump's",
        "trump's u.s.", "U.S.", "u.s*", "US", "co-operation", "co-op*", "cooperation", "\"zurich and geneve\"",
        "\"zürich and genève\"", "\"bla bla\"", "\"x bla\"", "trump*", "ceasef*", "\"trade agreement\" signed",
        "\"the trade\"", "\"said trade would\"", "trade-agreement", "\"officials said\"", "talks",
    ]

    /// Fixed rows and longer generated ones (over 24 tokens, several sentences), so the
    /// snippets choose windows and sentence starts.
    static var corpus: [(title: String?, text: String)] {
        let words = ["trade", "agreement", "the", "U.S.", "Trump's", "talks", "ceasefire", "Zürich", "and", "Genève",
                     "co-operation", "signed", "officials", "said", "bla", "market", "grain", "prices"]
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var rows = fixed.map { (title: $0.0, text: $0.1) }
        for i in 0..<40 {
            var text = ""
            for w in 0..<(30 + next(90)) {
                text += (w == 0 ? "" : next(9) == 0 ? ". " : next(13) == 0 ? ": " : " ") + words[next(words.count)]
            }
            let title = i % 3 == 0 ? nil : (0..<(1 + next(5))).map { _ in words[next(words.count)] }.joined(separator: " ")
            rows.append((title, text + "."))
        }
        return rows
    }

    private func temporaryPath() throws -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("search-compact-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (folder, folder.appendingPathComponent("articles.sqlite").path)
    }

    /// The ids of `corpus`, in order.
    @discardableResult
    private func fill(_ store: SQLiteArticleStore) throws -> [String] {
        try Self.corpus.enumerated().map { i, row in
            let article = NewArticle(text: row.text, title: row.title, publishedAt: day("2024-03-01"),
                                     receivedAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(i)))
            return try store.insert(article, extraction: Fixtures.extraction()).article.id
        }
    }

    /// What a positional FTS5 table named `table` answers: per query, the article ids it
    /// finds with the snippet of each, as `snippet()` marks them.
    private func positional(_ table: String, _ db: SQLiteConnection) throws -> [String: [String: String]] {
        var answers: [String: [String: String]] = [:]
        for q in Self.queries {
            let terms = try XCTUnwrap(SearchTerms(q))
            let rows = try db.query("""
                SELECT a.id, snippet(\(table), -1, char(57344), char(57345), '…', 24)
                FROM \(table) JOIN articles a ON a.seq = \(table).rowid WHERE \(table) MATCH ?
                """, [.text(terms.expression)]) { ($0.text(0), $0.text(1)) }
            answers[q] = Dictionary(uniqueKeysWithValues: rows)
        }
        return answers
    }

    /// The store's answers in the same shape: every page of each search.
    private func searched(_ store: SQLiteArticleStore) throws -> [String: [String: String]] {
        var answers: [String: [String: String]] = [:]
        for q in Self.queries {
            var query = ArticleSearchQuery(terms: try XCTUnwrap(SearchTerms(q)))
            query.limit = 7
            var found: [String: String] = [:]
            repeat {
                let page = try store.search(query)
                for hit in page.items {
                    XCTAssertNil(found[hit.article.id], "\(q): \(hit.article.id) on two pages")
                    found[hit.article.id] = hit.snippet.map { $0.match ? "\u{E000}\($0.text)\u{E001}" : $0.text }.joined()
                }
                query.cursor = page.nextCursor
            } while query.cursor != nil
            answers[q] = found
        }
        return answers
    }

    private func assertSame(_ actual: [String: [String: String]], _ expected: [String: [String: String]],
                            file: StaticString = #filePath, line: UInt = #line) {
        for q in Self.queries {
            let want = expected[q] ?? [:], got = actual[q] ?? [:]
            XCTAssertEqual(Set(got.keys), Set(want.keys), "articles found for \(q)", file: file, line: line)
            for (id, snippet) in want where got[id] != nil {
                XCTAssertEqual(got[id], snippet, "snippet of \(id) for \(q)", file: file, line: line)
            }
        }
    }

    func testSearchesAnswerAsAPositionalIndexOfTheSameTexts() throws {
        let (folder, path) = try temporaryPath()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteArticleStore(path: path)
        defer { store.close() }
        let ids = try fill(store)
        let expected = try store.write { db in
            try db.execute("""
                CREATE VIRTUAL TABLE reference_fts USING fts5(title, text, content = 'articles', content_rowid = 'seq',
                                                              tokenize = '\(FullTextFunctions.tokenize)');
                INSERT INTO reference_fts (reference_fts) VALUES ('rebuild');
                """)
            return try positional("reference_fts", db)
        }
        // What the positional index decides, on the fixed rows.
        let phrase = try XCTUnwrap(expected["\"trade agreement\""])
        XCTAssertEqual([0, 1, 2, 9, 10].map { phrase[ids[$0]] != nil }, [true, false, false, false, true],
                       "adjacent; apart; title then text; reversed across columns; `trade-agreement`")
        XCTAssertEqual([3, 4].map { expected["Trump's"]?[ids[$0]] != nil }, [true, false], "Trump … Biden's holds both tokens apart")
        XCTAssertEqual([3, 4].map { expected["U.S."]?[ids[$0]] != nil }, [true, true], "U.S.A. begins with the tokens of U.S.")
        XCTAssertEqual([6, 7].map { expected["\"bla bla\""]?[ids[$0]] != nil }, [true, false])
        XCTAssertEqual(expected["\"zürich and genève\""].map { Set($0.keys) }, expected["\"zurich and geneve\""].map { Set($0.keys) })
        XCTAssertEqual(expected["\"zurich and geneve\""]?[ids[8]].map { _ in true }, true)
        assertSame(try searched(store), expected)
        try store.write { db in try db.run("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')") }
    }

    /// A database whose index is still migration 4's (`detail=full`, a stored `bm25` rank):
    /// after migration 11 every search finds the same articles with the same snippets.
    func testMigrationFromThePositionalIndexKeepsEveryAnswer() throws {
        let (folder, path) = try temporaryPath()
        defer { try? FileManager.default.removeItem(at: folder) }
        var store = try SQLiteArticleStore(path: path)
        try fill(store)
        let before = try store.write { db in
            try db.execute("""
                DROP TABLE articles_fts;
                CREATE VIRTUAL TABLE articles_fts USING fts5(
                    title, text, content = 'articles', content_rowid = 'seq',
                    tokenize = 'unicode61 remove_diacritics 2'
                );
                INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
                INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
                DELETE FROM schema_migrations WHERE version = 11;
                """)
            return try positional("articles_fts", db)
        }
        store.close()

        store = try SQLiteArticleStore(path: path)
        defer { store.close() }
        try store.read { db in
            XCTAssertEqual(try db.query("SELECT 1 FROM schema_migrations WHERE version = 11") { $0.int(0) }, [1])
            let sql = try db.query("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'") { $0.text(0) }.first ?? ""
            XCTAssertTrue(sql.contains("detail = column"), sql)
            XCTAssertEqual(try db.query("SELECT COUNT(*) FROM articles_fts_config WHERE k = 'rank'") { $0.int(0) }, [0],
                           "no rank setting another SQLite client could not evaluate")
            // What the sqlite3 shell would run: FTS5's own rank, with no function of ours.
            XCTAssertEqual(try db.query("SELECT COUNT(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'agreement' ORDER BY rank)") {
                $0.int(0)
            }, try db.query("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'agreement'") { $0.int(0) })
        }
        XCTAssertGreaterThan(before.values.filter { !$0.isEmpty }.count, 15, "most queries find something")
        assertSame(try searched(store), before)
        // The triggers still keep the rebuilt index in step.
        let added = try store.insert(NewArticle(text: "A new trade agreement.", publishedAt: day("2024-03-02")), extraction: Fixtures.extraction())
        let found = try store.search(ArticleSearchQuery(terms: XCTUnwrap(SearchTerms("\"trade agreement\"")))).items.map(\.article.id)
        XCTAssertEqual(found.count, (before["\"trade agreement\""]?.count ?? 0) + 1)
        XCTAssertTrue(found.contains(added.article.id))
        XCTAssertTrue(try store.deleteArticle(id: added.article.id))
        try store.write { db in try db.run("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')") }
    }
}
