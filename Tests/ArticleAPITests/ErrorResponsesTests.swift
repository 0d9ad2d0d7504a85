import XCTest
import ArticleAPI

/// Bad input answers with the right 4xx and a problem+json body that says what is
/// wrong, and the service keeps serving afterwards.
final class ErrorResponsesTests: XCTestCase {
    var fixture: ServiceFixture!

    override func setUpWithError() throws { fixture = try ServiceFixture() }
    override func tearDown() { fixture.tearDown() }

    func assertProblem(_ r: TestResponse, _ status: Int, mentions word: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, status, r.text, file: file, line: line)
        XCTAssertEqual(r.headers["content-type"], "application/problem+json", file: file, line: line)
        XCTAssertEqual(r.json["status"] as? Int, status, file: file, line: line)
        XCTAssertTrue((r.json["detail"] as? String ?? "").contains(word), "detail \(r.json["detail"] ?? "none") lacks \(word)", file: file, line: line)
    }

    func testBadBodies() throws {
        for (n, client) in [fixture.inProcess as any APITestClient, try fixture.live()].enumerated() {
            let json = [("Content-Type", "application/json")]
            assertProblem(try client.send("POST", "/v1/articles", headers: json, body: Array("{\"text\": ".utf8)), 400, mentions: "JSON")
            assertProblem(try client.send("POST", "/v1/articles", headers: json, body: Array("[1]".utf8)), 400, mentions: "object")
            assertProblem(try client.postJSON("/v1/articles", ["title": "no text"]), 422, mentions: "text")
            assertProblem(try client.postJSON("/v1/articles", ["text": "  \n "]), 422, mentions: "empty")
            assertProblem(try client.postJSON("/v1/articles", ["text": 42]), 422, mentions: "string")
            assertProblem(try client.postJSON("/v1/articles", ["text": "x", "publishedAt": "2024-03-14"]), 400, mentions: "publishedAt")
            assertProblem(try client.postJSON("/v1/articles", ["text": "x", "published_at": "14/03/2024"]), 422, mentions: "YYYY-MM-DD")
            assertProblem(try client.send("POST", "/v1/articles", headers: [("Content-Type", "text/plain")], body: [0x66, 0xFF, 0xFE]), 400, mentions: "UTF-8")
            assertProblem(try client.send("POST", "/v1/articles", headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Array("text=x".utf8)), 415, mentions: "Content-Type")
            assertProblem(try client.send("POST", "/v1/articles", headers: [], body: Array("x".utf8)), 415, mentions: "Content-Type")
            assertProblem(try client.send("POST", "/v1/articles", headers: [("Content-Type", "text/plain; charset=latin1")], body: Array("x".utf8)), 415, mentions: "UTF-8")
            assertProblem(try client.postText("/v1/articles?published_at=yesterday", "x"), 400, mentions: "published_at")
            assertProblem(try client.postText("/v1/articles?author=me", "x"), 400, mentions: "author")
            // The service still works.
            XCTAssertEqual(try client.postJSON("/v1/articles", ["text": "Still here, client \(n)."]).status, 201)
        }
    }

    func testRoutingErrors() throws {
        for client in [fixture.inProcess as any APITestClient, try fixture.live()] {
            assertProblem(try client.get("/v2/articles"), 404, mentions: "/v2/articles")
            let put = try client.send("PUT", "/v1/articles", headers: [], body: [])
            assertProblem(put, 405, mentions: "PUT")
            XCTAssertEqual(put.headers["allow"], "POST, GET, HEAD")
            let del = try client.send("POST", "/v1/articles/abc", headers: [], body: [])
            XCTAssertEqual(del.headers["allow"], "GET, DELETE, HEAD")
            // A literal segment beats a parameter: /v1/articles/batch is the batch resource,
            // not an article named batch, so only its own method is allowed.
            for method in ["GET", "DELETE", "OPTIONS"] {
                let batch = try client.send(method, "/v1/articles/batch", headers: [], body: [])
                assertProblem(batch, 405, mentions: method)
                XCTAssertEqual(batch.headers["allow"], "POST")
            }
            assertProblem(try client.get("/healthz?verbose=1"), 400, mentions: "verbose")
        }
    }

    func testOversizedBodyOverTheWire() throws {
        let client = try fixture.live { $0.maxBodyBytes = 1000 }
        let big = String(repeating: "a", count: 2000)
        let r = try client.postText("/v1/articles", big)
        XCTAssertEqual(r.status, 413)
        XCTAssertEqual(r.headers["content-type"], "application/problem+json")
        // A new connection is served normally.
        XCTAssertEqual(try LiveClient(port: fixture.port).get("/healthz").status, 200)
    }

    func testHealthMetricsAndSpec() throws {
        let client = try fixture.live()
        let health = try client.get("/healthz")
        XCTAssertEqual(health.status, 200)
        XCTAssertEqual(health.json["status"] as? String, "ok")
        let spec = try client.get("/openapi.yaml")
        XCTAssertEqual(spec.status, 200)
        XCTAssertTrue(spec.text.hasPrefix("openapi: 3.1"))
        let head = try client.send("HEAD", "/healthz", headers: [], body: [])
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.body.count, 0)
    }

    func testMetricsCountRequestsByStatus() throws {
        let metrics = ServiceMetrics()
        fixture.tearDown()
        fixture = try ServiceFixture(metrics: metrics)
        let client = try fixture.live()
        _ = try client.get("/healthz")
        _ = try client.get("/nowhere")
        let text = try client.get("/metrics").text
        XCTAssertTrue(text.contains("article_entities_http_requests_total{status=\"200\"} 1"), text)
        XCTAssertTrue(text.contains("article_entities_http_requests_total{status=\"404\"} 1"), text)
        XCTAssertTrue(text.contains("article_entities_articles_stored 0"), text)
        XCTAssertTrue(text.contains("article_entities_http_request_duration_seconds_count 2"), text)
    }
}
