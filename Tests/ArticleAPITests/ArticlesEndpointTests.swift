import XCTest
import ArticleAPI
import EntityExtraction

/// Every articles endpoint, run both in process and over a live socket.
final class ArticlesEndpointTests: XCTestCase {
    var fixture: ServiceFixture!

    override func setUpWithError() throws { fixture = try ServiceFixture() }
    override func tearDown() { fixture.tearDown() }

    /// Each test body runs against both clients, on a fresh database each time.
    func bothWays(_ body: (any APITestClient, String) throws -> Void) throws {
        try body(fixture.inProcess, "in-process")
        fixture.tearDown()
        fixture = try ServiceFixture()
        try body(try fixture.live(), "live")
    }

    static let text = "Acme Corp said on Thursday it would invest €2 million in Berlin."

    func testCreateIsIdempotentAndNewMetadataMakesANewArticle() throws {
        try bothWays { client, how in
            let first = try client.postJSON("/v1/articles", ["text": Self.text, "title": "Acme", "published_at": "2024-03-14"])
            XCTAssertEqual(first.status, 201, how)
            let id = try XCTUnwrap(first.json["id"] as? String, how)
            XCTAssertEqual(first.headers["location"], "/v1/articles/\(id)", how)
            XCTAssertEqual(first.json["published_at"] as? String, "2024-03-14", how)
            XCTAssertEqual(first.json["title"] as? String, "Acme", how)
            XCTAssertNotNil(first.json["entities"] as? [Any], how)

            let again = try client.postJSON("/v1/articles", ["text": Self.text, "title": "Acme", "published_at": "2024-03-14"])
            XCTAssertEqual(again.status, 200, how)
            XCTAssertEqual(again.json["id"] as? String, id, how)

            let other = try client.postJSON("/v1/articles", ["text": Self.text, "title": "Acme again", "published_at": "2024-03-14"])
            XCTAssertEqual(other.status, 201, how)
            XCTAssertNotEqual(other.json["id"] as? String, id, how)
        }
    }

    func testPlainTextBodyTakesMetadataFromTheQuery() throws {
        try bothWays { client, how in
            let r = try client.postText("/v1/articles?published_at=2024-03-14&title=Running%20out&source=Euronews", Self.text)
            XCTAssertEqual(r.status, 201, how)
            XCTAssertEqual(r.json["title"] as? String, "Running out", how)
            XCTAssertEqual(r.json["source"] as? String, "Euronews", how)
            XCTAssertEqual(r.json["published_at"] as? String, "2024-03-14", how)
            XCTAssertEqual(r.json["characters"] as? Int, Self.text.unicodeScalars.count, how)
        }
    }

    func testPublicationDateDefaultsToTheDayOfReceipt() throws {
        let r = try fixture.inProcess.postJSON("/v1/articles", ["text": Self.text])
        XCTAssertEqual(r.status, 201)
        XCTAssertEqual(r.json["published_at"] as? String, "2024-03-14")
    }

    func testGetDeleteAndNotFound() throws {
        try bothWays { client, how in
            let id = try XCTUnwrap(try client.postJSON("/v1/articles", ["text": Self.text]).json["id"] as? String)
            let got = try client.get("/v1/articles/\(id)")
            XCTAssertEqual(got.status, 200, how)
            XCTAssertEqual(got.json["text"] as? String, Self.text, how)
            XCTAssertEqual(got.headers["content-type"], "application/json", how)

            let entities = try client.get("/v1/articles/\(id)/entities")
            XCTAssertEqual(entities.status, 200, how)
            XCTAssertNotNil(entities.json["entities"] as? [Any], how)

            XCTAssertEqual(try client.delete("/v1/articles/\(id)").status, 204, how)
            let gone = try client.get("/v1/articles/\(id)")
            XCTAssertEqual(gone.status, 404, how)
            XCTAssertEqual(gone.headers["content-type"], "application/problem+json", how)
            XCTAssertEqual(gone.json["status"] as? Int, 404, how)
            XCTAssertEqual(try client.get("/v1/articles/\(id)/entities").status, 404, how)
            XCTAssertEqual(try client.delete("/v1/articles/\(id)").status, 404, how)
        }
    }

    func testListIsNewestFirstWithCursorPagination() throws {
        try bothWays { client, how in
            for (i, day) in ["2024-03-01", "2024-03-03", "2024-03-02"].enumerated() {
                XCTAssertEqual(try client.postJSON("/v1/articles", ["text": "Article \(i) about Berlin.", "published_at": day]).status, 201, how)
            }
            var seen: [String] = []
            var target = "/v1/articles?limit=2"
            while true {
                let page = try client.get(target)
                XCTAssertEqual(page.status, 200, how)
                let articles = try XCTUnwrap(page.json["articles"] as? [[String: Any]], how)
                seen += articles.compactMap { $0["published_at"] as? String }
                XCTAssertNil(articles.first?["text"], "lists carry no full text")
                guard let cursor = page.json["next_cursor"] as? String else { break }
                target = "/v1/articles?limit=2&cursor=\(cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
            }
            XCTAssertEqual(seen, ["2024-03-03", "2024-03-02", "2024-03-01"], how)

            let ranged = try client.get("/v1/articles?since=2024-03-02&until=2024-03-02")
            XCTAssertEqual((ranged.json["articles"] as? [[String: Any]])?.compactMap { $0["published_at"] as? String }, ["2024-03-02"], how)
        }
    }

    func testEntitiesOfAnArticleFilterByTypeAndConvertOffsets() throws {
        let client = fixture.inProcess
        let r = try client.postJSON("/v1/articles", ["text": "👍 Prices rose by €5 million.", "published_at": "2024-03-14"])
        let id = try XCTUnwrap(r.json["id"] as? String)
        let money = try client.get("/v1/articles/\(id)/entities?type=money")
        XCTAssertEqual(money.status, 200)
        let entities = try XCTUnwrap(money.json["entities"] as? [[String: Any]])
        XCTAssertTrue(entities.allSatisfy { $0["type"] as? String == "money" })
        XCTAssertEqual(entities.count, 1)
        let mention = try XCTUnwrap((entities.first?["mentions"] as? [[String: Any]])?.first)
        XCTAssertEqual(mention["start"] as? Int, 17)
        XCTAssertEqual(mention["text"] as? String, "€5 million")
        let utf16 = try client.get("/v1/articles/\(id)/entities?type=money&offsets=utf16")
        let m16 = ((utf16.json["entities"] as? [[String: Any]])?.first?["mentions"] as? [[String: Any]])?.first
        XCTAssertEqual(m16?["start"] as? Int, 18, "the emoji is two UTF-16 units")
        XCTAssertEqual(m16?["end"] as? Int, 28)
        XCTAssertEqual(try client.get("/v1/articles/\(id)/entities?type=people").status, 400)
        XCTAssertEqual(try client.get("/v1/articles/\(id)/entities?offsets=bytes").status, 400)
    }

    func testExtractStoresNothing() throws {
        try bothWays { client, how in
            let r = try client.postJSON("/v1/extract", ["text": Self.text, "published_at": "2024-03-14"])
            XCTAssertEqual(r.status, 200, how)
            XCTAssertNotNil(r.json["entities"] as? [Any], how)
            XCTAssertEqual(try client.postJSON("/v1/extract", ["text": Self.text, "title": "x"]).status, 400, how)
            let list = try client.get("/v1/articles")
            XCTAssertEqual((list.json["articles"] as? [Any])?.count, 0, how)
        }
    }
}
