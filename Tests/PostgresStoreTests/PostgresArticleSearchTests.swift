import ArticleStore
import EntityExtraction
import PostgresTestSupport
import XCTest
@testable import PostgresStore

/// Full-text search over the `search` tsvector: the SQLite store's ranking, phrases,
/// prefixes, accents, snippets and cursors (Tests/ArticleStoreTests/ArticleSearchTests.swift
/// runs the shared cases; these need no ledger).
final class PostgresArticleSearchTests: PostgresArticleTestCase {
    private func search(_ text: String, limit: Int = 20, cursor: String? = nil,
                        on target: PostgresArticleStore? = nil) throws -> Page<ArticleHit> {
        var query = ArticleSearchQuery(terms: try XCTUnwrap(SearchTerms(text), text))
        query.limit = limit
        query.cursor = cursor
        return try (target ?? store).search(query)
    }

    func testRanksTitleWordsThenRepeatedWords() throws {
        let once = try insert("Grain ships left the port. Talks went on elsewhere.", published: "2024-03-01")
        let often = try insert("Grain, grain and more grain: the grain deal held.", published: "2024-03-02", received: 1)
        let title = try insert("The harbour was quiet all week.", title: "Grain deal", published: "2024-03-03", received: 2)
        try insert("Nothing about cereals here.", published: "2024-03-04", received: 3)
        XCTAssertEqual(try search("grain").items.map(\.article.id), [title.id, often.id, once.id])
        XCTAssertEqual(try search("grain").items.first?.snippet.map(\.text), ["Grain", " deal"], "the title, where it matched")
    }

    func testPhrasesPrefixesAccentsAndOperatorsAsWords() throws {
        let together = try insert("The trade agreement was signed in a café in Zürich.", published: "2024-03-01")
        let apart = try insert("Trade fell; no agreement was reached, NOT (yet).", published: "2024-03-02", received: 1)
        XCTAssertEqual(Set(try search("trade agreement").items.map(\.article.id)), [together.id, apart.id])
        XCTAssertEqual(try search("\"trade agreement\"").items.map(\.article.id), [together.id])
        XCTAssertEqual(try search("ZURICH cafe").items.map(\.article.id), [together.id])
        XCTAssertEqual(try search("agree*").items.count, 2)
        XCTAssertEqual(try search("agree").items.count, 0)
        XCTAssertEqual(try search("NOT( yet)").items.map(\.article.id), [apart.id])
        for text in ["NEAR(", "a & b", "x | !y", "'quoted'", "\"unclosed", "x::*", "a\\b"] {
            XCTAssertNoThrow(try search(text), text)
        }
    }

    func testSnippetMarksEveryMatchedWordAndCutsLongTexts() throws {
        try insert("The minister said ammunition shortages in Ukraine were severe.")
        let hit = try XCTUnwrap(try search("ammunition ukraine").items.first)
        XCTAssertEqual(hit.snippet.map(\.text), ["The minister said ", "ammunition", " shortages in ", "Ukraine", " were severe."])
        XCTAssertEqual(hit.snippet.map(\.match), [false, true, false, true, false])

        let words = (1...60).map { "w\($0)" }
        try insert(words[..<30].joined(separator: " ") + " Trade agreement " + words[30...].joined(separator: " ") + ".")
        let long = try XCTUnwrap(try search("\"trade agreement\"").items.first)
        XCTAssertEqual(long.snippet.map(\.match), [false, true, false])
        XCTAssertEqual(long.snippet[1].text, "Trade agreement")
        XCTAssertEqual(long.snippet[0].text, "…" + words[19..<30].joined(separator: " ") + " ")
        XCTAssertEqual(long.snippet[2].text, " " + words[30..<41].joined(separator: " ") + "…")
    }

    /// Pages follow the ranking with no gap or repeat, whichever node serves each page.
    func testPagesFollowTheRankingAcrossNodes() throws {
        var ids: [String] = []
        for i in 0..<7 {
            let text = Array(repeating: "budget", count: i + 1).joined(separator: " ") + " and other words."
            ids.append(try insert(text, received: TimeInterval(i)).id)
        }
        // Equal ranks: the one stored first comes first.
        let tieA = try insert("budget tie one", received: 10)
        let tieB = try insert("budget tie two", received: 11)
        let other = try node()
        var seen: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let page = try search("budget", limit: 3, cursor: cursor, on: pages % 2 == 0 ? store : other)
            seen += page.items.map(\.article.id)
            cursor = page.nextCursor
            pages += 1
        } while cursor != nil
        XCTAssertEqual(seen.prefix(7), ids.reversed()[...])
        XCTAssertEqual(Set(seen.suffix(2)), [tieA.id, tieB.id])
        XCTAssertEqual(seen.count, 9)
        XCTAssertThrowsError(try search("budget", cursor: Cursor.encode(kind: "search", ["nan", "1"]))) {
            XCTAssertEqual($0 as? StoreError, .invalidCursor)
        }
        XCTAssertThrowsError(try search("budget", cursor: "bm90LWEtY3Vyc29y")) { XCTAssertEqual($0 as? StoreError, .invalidCursor) }
    }

    func testDateFiltersCombineWithTheSearchAndDeletedArticlesAreGone() throws {
        try insert("Energy prices rose.", published: "2023-12-01")
        let recent = try insert("Energy prices fell.", published: "2024-03-01", received: 1)
        var query = ArticleSearchQuery(terms: try XCTUnwrap(SearchTerms("energy")))
        query.since = CivilDate(iso: "2024-01-01")
        XCTAssertEqual(try store.search(query).items.map(\.article.id), [recent.id])
        _ = try sql("DELETE FROM articles WHERE id = $1", [recent.id])
        XCTAssertEqual(try store.search(query).items.map(\.article.id), [])
    }
}
