import XCTest
import ArticleAPI
import HTTPServer

/// Which requests the API answers on the server's I/O thread, and that admission still
/// applies to them.
final class InlineRoutesTests: XCTestCase {
    var fixture: ServiceFixture!

    override func setUpWithError() throws { fixture = try ServiceFixture() }
    override func tearDown() { fixture.tearDown() }

    func testCheapRequestsAreAnsweredInline() throws {
        let api = fixture.api
        func inline(_ method: String, _ target: String) -> Int? {
            api.respondInline(to: HTTPRequest(method: method, target: target))?.status
        }
        XCTAssertEqual(inline("GET", "/healthz"), 200)
        XCTAssertEqual(inline("HEAD", "/healthz"), 200)
        XCTAssertEqual(inline("GET", "/healthz?verbose=1"), 400)
        XCTAssertEqual(inline("GET", "/metrics"), 200)
        XCTAssertEqual(inline("GET", "/openapi.yaml"), 200)
        XCTAssertEqual(inline("GET", "/nowhere"), 404)
        XCTAssertEqual(inline("DELETE", "/healthz"), 405)
        XCTAssertEqual(inline("PUT", "/v1/articles"), 405)
        XCTAssertNil(inline("GET", "/v1/articles"))
        XCTAssertNil(inline("GET", "/v1/articles/art_1/entities"))
        XCTAssertNil(inline("POST", "/v1/articles"))
        XCTAssertNil(inline("DELETE", "/v1/articles/art_1"))
        XCTAssertNil(inline("POST", "/v1/extract"))
    }

    func testInlineHealthStillChecksTokens() throws {
        var configuration = ServiceConfiguration()
        configuration.apiTokens = ["secret"]
        configuration.authReads = true
        let guarded = try ServiceFixture(configuration: configuration)
        defer { guarded.tearDown() }
        let live = try guarded.live()
        XCTAssertEqual(try live.get("/nowhere").status, 401)
        XCTAssertEqual(try live.send("GET", "/metrics", headers: [("Authorization", "Bearer secret")], body: []).status, 200)
    }
}
