import XCTest
import ArticleAPI

/// One request's cost is bounded: an article with more mentions than
/// `max_mentions_per_article` is refused (nothing stored), and an extraction that outlives
/// `extraction_timeout_seconds` stops with 422 (on an injected clock, whatever the machine).
final class BoundedCostTests: XCTestCase {
    var fixture: ServiceFixture!
    override func tearDown() { fixture?.tearDown() }

    func testTooManyMentionsAreRefusedAndNothingStored() throws {
        var c = ServiceConfiguration()
        c.maxMentionsPerArticle = 10
        fixture = try ServiceFixture(configuration: c)
        let client = fixture.inProcess
        let eleven = String(repeating: "$1 ", count: 11)
        for path in ["/v1/articles", "/v1/extract"] {
            let r = try client.postText(path, eleven)
            XCTAssertEqual(r.status, 422, r.text)
            XCTAssertEqual(r.headers["content-type"], "application/problem+json")
            XCTAssertEqual(r.json["detail"] as? String,
                           "the text has 11 entity mentions, more than the 10 one article may hold (max_mentions_per_article), so nothing was stored: split it into smaller articles")
        }
        XCTAssertEqual(try fixture.store.articleCount(), 0)
        XCTAssertEqual((try client.get("/v1/figures").json["figures"] as? [Any])?.count, 0)
        XCTAssertEqual(try client.postText("/v1/articles", String(repeating: "$1 ", count: 10)).status, 201)
    }

    /// The reproduction in small: the default cap refuses what used to add a figure row per `$1`.
    func testTheDefaultCapRefusesAFloodOfFigures() throws {
        // A still clock: a slow debug build on a loaded machine must not meet the time budget first.
        fixture = try ServiceFixture(clock: TestClock().clock)
        let r = try fixture.inProcess.postText("/v1/articles", String(repeating: "$1 ", count: 5_001))
        XCTAssertEqual(r.status, 422, r.text)
        XCTAssertEqual(r.json["detail"] as? String,
                       "the text has 5001 entity mentions, more than the 5000 one article may hold (max_mentions_per_article), so nothing was stored: split it into smaller articles")
        XCTAssertEqual(try fixture.store.articleCount(), 0)
    }

    func testAnExtractionPastItsBudgetStopsWithNothingStored() throws {
        // Every read of the clock moves it 100 s, past the 10 s default at the first check.
        fixture = try ServiceFixture(clock: TestClock(stepPerRead: 100).clock)
        let client = fixture.inProcess
        let expected = "reading this text took longer than the extraction budget of 10 s (it stopped while reading the text), so nothing was stored: send a shorter text or split it"
        for r in [try client.postText("/v1/articles", "NATO met in Brussels on Monday."),
                  try client.postJSON("/v1/extract", ["text": "NATO met in Brussels on Monday."])] {
            XCTAssertEqual(r.status, 422, r.text)
            XCTAssertEqual(r.headers["content-type"], "application/problem+json")
            XCTAssertEqual(r.json["detail"] as? String, expected)
        }
        XCTAssertEqual(try fixture.store.articleCount(), 0)
        // Reads need no extraction and are served.
        XCTAssertEqual(try client.get("/v1/articles").status, 200)
    }

    func testAStillClockNeverExpires() throws {
        fixture = try ServiceFixture(clock: TestClock().clock)
        XCTAssertEqual(try fixture.inProcess.postText("/v1/articles", "NATO met in Brussels on Monday.").status, 201)
    }
}
