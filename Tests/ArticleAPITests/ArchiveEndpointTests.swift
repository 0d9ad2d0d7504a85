import Foundation
import XCTest
import ArticleAPI
import ArticleStore
import EntityExtraction

/// `POST /v1/articles/batch`, `GET /v1/articles?q=` and `POST /v1/articles/{id}/reextract`,
/// over a real socket.
final class ArchiveEndpointTests: XCTestCase {
    private var fixture: ServiceFixture!
    private var client: LiveClient!

    override func setUpWithError() throws {
        fixture = try ServiceFixture()
        client = try fixture.live()
    }

    override func tearDown() {
        fixture.tearDown()
    }

    private func batch(_ body: String, contentType: String = "application/x-ndjson") throws -> TestResponse {
        try client.send("POST", "/v1/articles/batch", headers: [("Content-Type", contentType)], body: Array(body.utf8))
    }

    private func resultLines(_ r: TestResponse) throws -> [[String: Any]] {
        try r.text.split(separator: "\n").map { line in
            try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    func testBatchAnswersOneResultLinePerArticleLine() throws {
        let body = """
            {"text": "NATO pledged €5 billion to Ukraine.", "title": "Pledge", "published_at": "2024-03-14"}
            {"text": ""}

            {"text": "NATO pledged €5 billion to Ukraine.", "title": "Pledge", "published_at": "2024-03-14"}
            {"text": "x", "author": "me"}
            [1, 2]\r
            {"text": "Germany sent $2 million to Poland."}
            """
        let r = try batch(body)
        XCTAssertEqual(r.status, 200, r.text)
        XCTAssertEqual(r.headers["content-type"], "application/x-ndjson")
        let lines = try resultLines(r)
        XCTAssertEqual(lines.map { $0["line"] as? Int }, [1, 2, 4, 5, 6, 7])
        XCTAssertEqual(lines.map { $0["status"] as? Int }, [201, 422, 200, 400, 400, 201])
        let id = try XCTUnwrap(lines[0]["id"] as? String)
        XCTAssertEqual(lines[2]["id"] as? String, id, "the same article twice in one batch is stored once")
        XCTAssertNotEqual(lines[5]["id"] as? String, id)
        let problem = try XCTUnwrap(lines[1]["problem"] as? [String: Any])
        XCTAssertEqual(problem["type"] as? String, "about:blank")
        XCTAssertEqual(problem["title"] as? String, "Unprocessable Content")
        XCTAssertEqual(problem["status"] as? Int, 422)
        XCTAssertEqual(problem["detail"] as? String, "text is empty: there is nothing to read")
        XCTAssertEqual((lines[3]["problem"] as? [String: Any])?["detail"] as? String,
                       "unknown field \"author\"; allowed: text, published_at, source, title, url")
        XCTAssertEqual((lines[4]["problem"] as? [String: Any])?["detail"] as? String,
                       "the line must be a JSON object such as {\"text\": \"…\"}")
        XCTAssertNil(lines[1]["id"])

        // Idempotent like POST: the same batch again stores nothing new.
        let again = try resultLines(try batch(body))
        XCTAssertEqual(again.map { $0["status"] as? Int }, [200, 422, 200, 400, 400, 200])
        XCTAssertEqual(try fixture.store.articleCount(), 2)
        XCTAssertEqual(try client.get("/v1/articles/\(id)").json["title"] as? String, "Pledge")
    }

    func testBatchRefusesABadRequestAsAWhole() throws {
        var r = try batch("{\"text\": \"a\"}", contentType: "application/json")
        XCTAssertEqual(r.status, 415)
        XCTAssertEqual(r.headers["content-type"], "application/problem+json")
        r = try batch("\n  \n")
        XCTAssertEqual(r.status, 422)
        XCTAssertEqual(r.json["detail"] as? String, "the body holds no line: send one JSON article object a line")
        r = try batch(String(repeating: "{\"text\": \"a\"}\n", count: 1001))
        XCTAssertEqual(r.status, 413)
        XCTAssertEqual(r.json["detail"] as? String,
                       "the body holds 1001 articles, more than the 1000 one batch may hold: split it into several requests")
        XCTAssertEqual(try fixture.store.articleCount(), 0)
    }

    func testSearchRanksAndGivesASnippetWithItsMatches() throws {
        let low = try client.postJSON("/v1/articles", ["text": "Shells & <ammunition> ran short near Bakhmut.", "published_at": "2024-03-01"])
        let high = try client.postJSON("/v1/articles", ["text": "Ammunition, ammunition: NATO needs ammunition.", "title": "Ammunition",
                                                        "published_at": "2024-03-02"])
        _ = try client.postJSON("/v1/articles", ["text": "Nothing relevant here.", "published_at": "2024-03-03"])
        let r = try client.get("/v1/articles?q=ammunition")
        XCTAssertEqual(r.status, 200, r.text)
        let items = try XCTUnwrap(r.json["articles"] as? [[String: Any]])
        XCTAssertEqual(items.map { $0["id"] as? String }, [high.json["id"] as? String, low.json["id"] as? String])
        XCTAssertEqual(items[1]["snippet"] as? String, "Shells & <ammunition> ran short near Bakhmut.")
        XCTAssertEqual(items[1]["snippet_matches"] as? [[String: Int]], [["start": 10, "end": 20]])
        // The passage with the most matches: the text's three rather than the title's one.
        XCTAssertEqual(items[0]["snippet"] as? String, "Ammunition, ammunition: NATO needs ammunition.")
        XCTAssertEqual(items[0]["snippet_matches"] as? [[String: Int]],
                       [["start": 0, "end": 10], ["start": 12, "end": 22], ["start": 35, "end": 45]])
        XCTAssertEqual(items[1]["characters"] as? Int, 45)
        XCTAssertTrue(r.json.keys.contains("next_cursor"))

        let page = try client.get("/v1/articles?q=ammunition&limit=1")
        let cursor = try XCTUnwrap(page.json["next_cursor"] as? String)
        let second = try client.get("/v1/articles?q=ammunition&limit=1&cursor=\(cursor)")
        XCTAssertEqual((second.json["articles"] as? [[String: Any]])?.map { $0["id"] as? String }, [low.json["id"] as? String])
        XCTAssertTrue(second.json["next_cursor"] is NSNull)
    }

    func testSearchInputIsNeverASyntaxError() throws {
        _ = try client.postJSON("/v1/articles", ["text": "Talks near the border.", "published_at": "2024-03-01"])
        for q in ["NEAR(talks", "%22unclosed", "talks%20AND", "a:b", "(((", "*"] {
            let r = try client.get("/v1/articles?q=\(q)")
            XCTAssertTrue([200, 400].contains(r.status), "\(q): \(r.status) \(r.text)")
        }
        XCTAssertEqual((try client.get("/v1/articles?q=NEAR(talks)").json["articles"] as? [Any])?.count, 0, "the phrase near talks")
        XCTAssertEqual((try client.get("/v1/articles?q=talks)%20NEAR").json["articles"] as? [Any])?.count, 1)
        let none = try client.get("/v1/articles?q=%22%22%20*%20!!")
        XCTAssertEqual(none.status, 400)
        XCTAssertEqual(none.headers["content-type"], "application/problem+json")
        XCTAssertEqual(none.json["detail"] as? String, "q has no word to search for: give one or more words, \"a phrase\" or a prefix*")
        XCTAssertEqual(try client.get("/v1/articles?q=").status, 400)
    }

    func testDeletedArticlesLeaveTheSearch() throws {
        let posted = try client.postJSON("/v1/articles", ["text": "Drought relief arrived.", "published_at": "2024-03-01"])
        let id = try XCTUnwrap(posted.json["id"] as? String)
        XCTAssertEqual((try client.get("/v1/articles?q=drought").json["articles"] as? [Any])?.count, 1)
        XCTAssertEqual(try client.delete("/v1/articles/\(id)").status, 204)
        XCTAssertEqual((try client.get("/v1/articles?q=drought").json["articles"] as? [Any])?.count, 0)
    }

    func testReextractOneArticleAnswersItsEntitiesAndTheChanges() throws {
        let posted = try client.postJSON("/v1/articles", ["text": "NATO pledged €5 billion to Ukraine.", "published_at": "2024-03-14"])
        let id = try XCTUnwrap(posted.json["id"] as? String)
        // Pretend an older extractor found only one place, which the current one does not find.
        let old = Extraction(entities: [Entity(id: "pla_old", type: .place, name: "Atlantis", key: "atlantis",
                                               mentions: [Mention(start: 0, end: 4, text: "NATO")])],
                             figures: [], extractorVersion: "old")
        XCTAssertTrue(try fixture.store.replaceExtraction(articleID: id, with: old))

        let r = try client.send("POST", "/v1/articles/\(id)/reextract", headers: [], body: [])
        XCTAssertEqual(r.status, 200, r.text)
        XCTAssertEqual(r.json["extractor_version"] as? String, EntityExtractor.version)
        let entities = try XCTUnwrap(r.json["entities"] as? [[String: Any]])
        XCTAssertEqual(entities.map { $0["name"] as? String }, posted.json["entities"].flatMap { $0 as? [[String: Any]] }?.map { $0["name"] as? String })
        let changes = try XCTUnwrap(r.json["changes"] as? [String: [String: Int]])
        let types = Dictionary(grouping: entities, by: { $0["type"] as? String ?? "" }).mapValues(\.count)
        XCTAssertEqual(changes["added"], ["person": types["person"] ?? 0, "organisation": types["organisation"] ?? 0,
                                          "place": types["place"] ?? 0, "money": types["money"] ?? 0, "date": types["date"] ?? 0])
        XCTAssertEqual(changes["removed"], ["person": 0, "organisation": 0, "place": 1, "money": 0, "date": 0])
        XCTAssertEqual(try client.get("/v1/articles/\(id)").json["extractor_version"] as? String, EntityExtractor.version)

        XCTAssertEqual(try client.send("POST", "/v1/articles/art_missing/reextract", headers: [], body: []).status, 404)
    }
}
