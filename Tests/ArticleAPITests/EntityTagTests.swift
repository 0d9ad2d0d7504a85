import XCTest
import ArticleAPI
import ArticleStore
import EntityExtraction
import HTTPServer

/// GET …/entities from bytes rendered when the article was stored, with a strong ETag
/// and 304 for a matching If-None-Match; and the in-memory article count of /healthz.
final class EntityTagTests: XCTestCase {
    var fixture: ServiceFixture!
    let text = "Olaf Scholz said on Monday that Germany would spend €5 billion on ammunition. "
        + "Scholz met Emmanuel Macron in Paris, where France pledged $2 million on 3 March 2024."

    override func setUpWithError() throws { fixture = try ServiceFixture() }
    override func tearDown() { fixture.tearDown() }

    private func post(_ client: any APITestClient, title: String = "t") throws -> String {
        let r = try client.postText("/v1/articles?published_at=2024-03-14&title=\(title)", text)
        XCTAssertEqual(r.status, 201, r.text)
        return try XCTUnwrap(r.json["id"] as? String)
    }

    func testStrongETagAndNotModified() throws {
        for client in [fixture.inProcess as any APITestClient, try fixture.live()] {
            let id = try post(client, title: client is LiveClient ? "live" : "in-process")
            let path = "/v1/articles/\(id)/entities"
            let first = try client.get(path)
            XCTAssertEqual(first.status, 200)
            let etag = try XCTUnwrap(first.headers["etag"])
            XCTAssertTrue(etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.count > 10, etag)
            XCTAssertEqual(try client.get(path).body, first.body)
            XCTAssertEqual(try client.get(path).headers["etag"], etag)

            for match in [etag, "W/\(etag)", "\"other\", \(etag)", "*"] {
                let r = try client.send("GET", path, headers: [("If-None-Match", match)], body: [])
                XCTAssertEqual(r.status, 304, match)
                XCTAssertEqual(r.body, [], match)
                XCTAssertEqual(r.headers["etag"], etag, match)
            }
            let stale = try client.send("GET", path, headers: [("If-None-Match", "\"other\"")], body: [])
            XCTAssertEqual(stale.status, 200)
            XCTAssertEqual(stale.body, first.body)

            // A filtered or converted document is another representation with its own tag.
            let money = try client.get(path + "?type=money")
            XCTAssertEqual(money.status, 200)
            XCTAssertNotEqual(money.headers["etag"], etag)
            let types = (money.json["entities"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
            XCTAssertFalse(types.isEmpty)
            XCTAssertEqual(Set(types), ["money"])
            XCTAssertEqual(try client.send("GET", path + "?type=money", headers: [("If-None-Match", money.headers["etag"]!)], body: []).status, 304)
            XCTAssertEqual(try client.send("GET", path + "?type=money", headers: [("If-None-Match", etag)], body: []).status, 200)

            let utf16 = try client.get(path + "?offsets=utf16")
            let utf16Tag = try XCTUnwrap(utf16.headers["etag"])
            XCTAssertNotEqual(utf16Tag, etag)
            XCTAssertEqual(try client.send("GET", path + "?offsets=utf16", headers: [("If-None-Match", utf16Tag)], body: []).status, 304)

            XCTAssertEqual(try client.send("GET", "/v1/articles/art_missing/entities", headers: [("If-None-Match", "*")], body: []).status, 404)
        }
    }

    /// The bytes kept at insert are exactly what rendering from the stored rows gives.
    func testRenderedBytesEqualRenderingOnDemand() throws {
        let plain = try ServiceFixture(renderEntities: false)
        defer { plain.tearDown() }
        let keptID = try post(fixture.inProcess)
        let plainID = try post(plain.inProcess)
        for query in ["", "?type=person", "?type=money", "?type=date", "?type=organisation"] {
            let kept = try fixture.inProcess.get("/v1/articles/\(keptID)/entities\(query)")
            let rendered = try plain.inProcess.get("/v1/articles/\(plainID)/entities\(query)")
            XCTAssertEqual(kept.status, 200)
            XCTAssertEqual(kept.text, rendered.text, query)
            XCTAssertNotNil(rendered.headers["etag"])
            XCTAssertEqual(try plain.inProcess.send("GET", "/v1/articles/\(plainID)/entities\(query)",
                                                    headers: [("If-None-Match", rendered.headers["etag"]!)], body: []).status, 304)
        }
    }

    func testReextractionChangesTheTag() throws {
        let id = try post(fixture.inProcess)
        let path = "/v1/articles/\(id)/entities"
        let before = try fixture.inProcess.get(path)
        let person = Entity(id: "per_x", type: .person, name: "Ada", key: "ada", value: nil,
                            mentions: [Mention(start: 0, end: 4, text: "Olaf")])
        XCTAssertTrue(try fixture.store.replaceExtraction(articleID: id, with: Extraction(entities: [person], figures: [], extractorVersion: "next")))
        let after = try fixture.inProcess.get(path)
        XCTAssertNotEqual(after.headers["etag"], before.headers["etag"])
        XCTAssertEqual((after.json["entities"] as? [[String: Any]])?.count, 1)
        XCTAssertEqual(try fixture.inProcess.send("GET", path, headers: [("If-None-Match", before.headers["etag"]!)], body: []).status, 200)
    }

    func testHealthCountsArticlesFromMemory() throws {
        func count() throws -> Int? { try fixture.inProcess.get("/healthz").json["articles"] as? Int }
        XCTAssertEqual(try count(), 0)
        let first = try post(fixture.inProcess, title: "one")
        _ = try post(fixture.inProcess, title: "two")
        XCTAssertEqual(try count(), 2)
        XCTAssertEqual(try fixture.inProcess.postText("/v1/articles?published_at=2024-03-14&title=one", text).status, 200)
        XCTAssertEqual(try count(), 2, "a re-post stores nothing")
        XCTAssertEqual(try fixture.inProcess.delete("/v1/articles/\(first)").status, 204)
        XCTAssertEqual(try fixture.inProcess.delete("/v1/articles/\(first)").status, 404)
        XCTAssertEqual(try count(), 1)
        XCTAssertEqual(fixture.store.storedArticleCount, try fixture.store.articleCount())
        XCTAssertTrue(fixture.metrics.render(articlesStored: fixture.store.storedArticleCount).contains("1"))

        // Counted again from the file when a store opens it.
        let reopened = try fixture.openStore()
        defer { reopened.close() }
        XCTAssertEqual(reopened.storedArticleCount, 1)
    }
}
