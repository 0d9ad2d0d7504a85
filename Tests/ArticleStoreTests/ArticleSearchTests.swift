import EntityExtraction
import XCTest
@testable import ArticleStore

/// Full-text search over titles and texts (FTS5), kept in step with inserts and deletes.
final class ArticleSearchTests: StoreTestCase {
    private func search(_ text: String, limit: Int = 20, cursor: String? = nil) throws -> Page<ArticleHit> {
        var query = ArticleSearchQuery(terms: try XCTUnwrap(SearchTerms(text), text))
        query.limit = limit
        query.cursor = cursor
        return try store.search(query)
    }

    /// Both stores rank a title word first; how repeated words count differs (below, and
    /// PostgresArticleSearchTests).
    func testRanksTitleWordsFirst() throws {
        let once = try insert("Grain ships left the port. Talks went on elsewhere.", published: "2024-03-01")
        let often = try insert("Grain, grain and more grain: the grain deal held.", published: "2024-03-02", received: 1)
        let title = try insert("The harbour was quiet all week.", title: "Grain deal", published: "2024-03-03", received: 2)
        _ = try insert("Nothing about cereals here.", published: "2024-03-04", received: 3)
        let found = try search("grain").items.map(\.article.id)
        XCTAssertEqual(found.first, title.id)
        XCTAssertEqual(Set(found), [title.id, often.id, once.id])
    }

    /// The SQLite store's index keeps which columns hold a word, not how often
    /// (`SearchRanking`): a title word first, then shorter texts before longer ones; the
    /// same word four times in a text of the same length ties with it once (stored order).
    func testSQLiteRanksByColumnAndLengthNotRepetition() throws {
        _ = try sqlite()
        let long = try insert("Grain " + Array(repeating: "was shipped from the port again", count: 8).joined(separator: " and "),
                              published: "2024-02-01")
        let once = try insert("Grain ships left the port. Talks went on elsewhere.", published: "2024-03-01", received: 1)
        let often = try insert("Grain, grain and more grain: the grain deal held.", published: "2024-03-02", received: 2)
        let title = try insert("The harbour was quiet all week, and the ships waited for the storm to pass.", title: "Grain",
                               published: "2024-03-03", received: 3)
        XCTAssertEqual(try search("grain").items.map(\.article.id), [title.id, once.id, often.id, long.id])
        // Rarer words weigh more: with both words, the article holding the rare one in its
        // title ranks above one holding the common one there.
        let rare = try insert("Grain prices rose.", title: "Sorghum", published: "2024-03-04", received: 4)
        let common = try insert("Sorghum prices rose.", title: "Grain", published: "2024-03-05", received: 5)
        XCTAssertEqual(try search("grain sorghum").items.map(\.article.id), [rare.id, common.id])
    }

    func testSnippetMarksEveryMatchedWord() throws {
        _ = try insert("The minister said ammunition shortages in Ukraine were severe.", published: "2024-03-01")
        let hit = try XCTUnwrap(try search("ammunition ukraine").items.first)
        XCTAssertEqual(hit.snippet.map(\.text), ["The minister said ", "ammunition", " shortages in ", "Ukraine", " were severe."])
        XCTAssertEqual(hit.snippet.map(\.match), [false, true, false, true, false])
    }

    func testDiacriticsAndCaseAreIgnored() throws {
        let article = try insert("A café in Zürich reopened.", published: "2024-03-01")
        XCTAssertEqual(try search("ZURICH cafe").items.map(\.article.id), [article.id])
    }

    func testAllWordsMustOccurAndPhrasesStayTogether() throws {
        let together = try insert("The trade agreement was signed.", published: "2024-03-01")
        let apart = try insert("Trade fell; no agreement was reached.", published: "2024-03-02", received: 1)
        XCTAssertEqual(Set(try search("trade agreement").items.map(\.article.id)), [together.id, apart.id])
        XCTAssertEqual(try search("\"trade agreement\"").items.map(\.article.id), [together.id])
        XCTAssertEqual(try search("trade agreement signed").items.map(\.article.id), [together.id])
    }

    func testPrefixWithTrailingStar() throws {
        let article = try insert("A ceasefire was agreed.", published: "2024-03-01")
        XCTAssertEqual(try search("ceasef*").items.map(\.article.id), [article.id])
        XCTAssertEqual(try search("ceasef").items.map(\.article.id), [])
    }

    /// FTS5 operators and punctuation in the user's words are searched as words, never obeyed,
    /// so no input is a syntax error.
    func testOperatorsAndQuotesAreWordsNotSyntax() throws {
        let article = try insert("Prices near the border rose, and NOT only there.", published: "2024-03-01")
        for text in ["NEAR(", "prices AND", "not", "\"unclosed phrase", "border)", "title:prices", "^prices", "-rose", "a\"b"] {
            XCTAssertNoThrow(try search(text), text)
        }
        XCTAssertEqual(try search("NEAR(").items.map(\.article.id), [article.id])
        XCTAssertEqual(try search("title:prices").items.map(\.article.id), [], "title:prices is the two words title and prices")
        XCTAssertEqual(SearchTerms("say \"it's\" *")?.expression, "\"say\" \"it's\"")
        XCTAssertEqual(SearchTerms("a\"b c\"")?.expression, "\"a\" \"b c\"")
        XCTAssertEqual(SearchTerms("x\"\"y")?.expression, "\"x\" \"y\"")
        XCTAssertNil(SearchTerms("  !!  ** \"\" "))
    }

    /// A NUL or other control character separates words (schemathesis sent `+\u{0}K`,
    /// which ended FTS5's expression inside a quoted word: a 500).
    func testControlCharactersSeparateWords() throws {
        let article = try insert("Prices near the border rose.", published: "2024-03-01")
        XCTAssertEqual(SearchTerms("+\u{0}K\u{BC}")?.expression, "\"K\u{BC}\"")
        XCTAssertEqual(SearchTerms("\"border\u{0}rose\"")?.expression, "\"border rose\"")
        XCTAssertEqual(SearchTerms("prices\u{7}border")?.expression, "\"prices\" \"border\"")
        XCTAssertNil(SearchTerms("\u{0}\u{1B}"))
        XCTAssertEqual(try search("\"border\u{0}rose\"").items.map(\.article.id), [article.id])
        XCTAssertEqual(try search("prices\u{0}").items.map(\.article.id), [article.id])
    }

    func testDeleteRemovesTheArticleFromSearch() throws {
        let gone = try insert("Drought relief reached the villages.", published: "2024-03-01")
        let kept = try insert("Drought relief was late.", published: "2024-03-02", received: 1)
        XCTAssertTrue(try store.deleteArticle(id: gone.id))
        XCTAssertEqual(try search("drought").items.map(\.article.id), [kept.id])
        if let sqlite = try? sqlite() {
            try sqlite.write { db in try db.run("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')") }
        }
    }

    func testPagesFollowTheRankingWithoutGapsOrRepeats() throws {
        var ids: [String] = []
        for i in 0..<7 {
            // i + 1 mentions of the word in ever shorter texts: the last inserted ranks first
            // on both stores (PostgreSQL counts repetitions, SQLite prefers shorter texts).
            let padding = Array(repeating: "pad", count: 2 * (7 - i)).joined(separator: " ")
            let text = Array(repeating: "budget", count: i + 1).joined(separator: " ") + " and other words " + padding + "."
            ids.append(try insert(text, published: "2024-03-01", received: TimeInterval(i)).id)
        }
        var seen: [String] = []
        var cursor: String?
        repeat {
            let page = try search("budget", limit: 3, cursor: cursor)
            seen += page.items.map(\.article.id)
            cursor = page.nextCursor
        } while cursor != nil
        XCTAssertEqual(seen, ids.reversed())
        XCTAssertThrowsError(try search("budget", cursor: "bm90LWEtY3Vyc29y")) { XCTAssertEqual($0 as? StoreError, .invalidCursor) }
    }

    /// Ranking costs microseconds a match, so beyond `rankedWindow` matches only the most
    /// recently stored are ranked: the best-matching but oldest article falls outside.
    func testOnlyTheNewestMatchesAreRankedWhenThereAreVeryMany() throws {
        _ = try sqlite()  // the SQLite store's own ranking window
        let oldest = try insert("Grain grain grain.", title: "Grain", published: "2024-01-01")
        let many = (0..<SQLiteArticleStore.rankedWindow).map { i in
            BatchArticle(article: NewArticle(text: "Some grain was sold, story \(i).", publishedAt: day("2024-02-01")),
                         extraction: Fixtures.extraction([]), textHash: StoredDigest.textHash(of: "Some grain was sold, story \(i)."))
        }
        XCTAssertEqual(try store.insertMany(many).filter { (try? $0.get().created) == true }.count, SQLiteArticleStore.rankedWindow)
        let newest = try insert("Grain, grain, grain and grain.", published: "2024-03-01")
        let first = try search("grain", limit: 2).items.map(\.article.id)
        XCTAssertEqual(first.first, newest.id)
        XCTAssertFalse(first.contains(oldest.id))
        // Filters apply before the window: asking for January finds the oldest again.
        var january = ArticleSearchQuery(terms: try XCTUnwrap(SearchTerms("grain")))
        january.until = day("2024-01-31")
        XCTAssertEqual(try store.search(january).items.map(\.article.id), [oldest.id])
    }

    func testFiltersCombineWithTheSearch() throws {
        _ = try insert("Energy prices rose.", published: "2023-12-01")
        let recent = try insert("Energy prices fell.", published: "2024-03-01", received: 1)
        var query = ArticleSearchQuery(terms: try XCTUnwrap(SearchTerms("energy")))
        query.since = day("2024-01-01")
        XCTAssertEqual(try store.search(query).items.map(\.article.id), [recent.id])
    }

    func testQueryPlanUsesTheFullTextIndex() throws {
        let plan = try sqlite().readIndexed { db in
            try db.query("""
                EXPLAIN QUERY PLAN SELECT rank, rowid FROM (
                    SELECT article_rank(articles_fts) AS rank, articles_fts.rowid AS rowid
                    FROM articles_fts JOIN articles a INDEXED BY articles_search ON a.seq = articles_fts.rowid
                    WHERE articles_fts MATCH ? AND a.published_at >= ?
                    ORDER BY articles_fts.rowid DESC LIMIT 1000
                ) ORDER BY rank, rowid LIMIT 21
                """, [.text("\"x\""), .text("2024-01-01")]) { $0.text(3) }
        }
        XCTAssertTrue(plan.contains { $0.contains("VIRTUAL TABLE INDEX") }, "\(plan)")
        XCTAssertTrue(plan.contains { $0.contains("SEARCH a USING COVERING INDEX articles_search") }, "\(plan)")
        XCTAssertFalse(plan.contains { $0.hasPrefix("SCAN a ") }, "\(plan)")
        // The window comes in rowid order from the index; only the window itself is sorted.
        XCTAssertEqual(plan.filter { $0.contains("TEMP B-TREE") }.count, 1, "\(plan)")
    }
}
