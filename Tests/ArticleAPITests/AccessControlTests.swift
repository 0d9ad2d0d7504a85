import XCTest
@testable import ArticleAPI
import HTTPServer

/// Tokens, Origin and Host checks: writes need a bearer token when tokens are set, a page
/// from another origin cannot write, and a Host that is neither loopback nor configured
/// (DNS rebinding) is refused.
final class AccessControlTests: XCTestCase {
    static let token = "test-token-0123456789abcdef"
    var fixture: ServiceFixture!

    override func tearDown() { fixture?.tearDown() }

    func make(_ configure: (inout ServiceConfiguration) -> Void) throws -> InProcessClient {
        var c = ServiceConfiguration()
        configure(&c)
        fixture = try ServiceFixture(configuration: c)
        return fixture.inProcess
    }

    func assertProblem(_ r: TestResponse, _ status: Int, _ detail: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, status, r.text, file: file, line: line)
        XCTAssertEqual(r.headers["content-type"], "application/problem+json", file: file, line: line)
        XCTAssertEqual(r.json["detail"] as? String, detail, file: file, line: line)
    }

    static let text = [("Content-Type", "text/plain")]
    static let bearer = ("Authorization", "Bearer \(token)")
    static let missing = "this request needs a token: send Authorization: Bearer <token>"

    func testWritesNeedTheToken() throws {
        let client = try make { $0.apiTokens = [Self.token, "second-token-abcdefghijkl"] }
        let none = try client.send("POST", "/v1/articles", headers: Self.text, body: Array("NATO met in Brussels.".utf8))
        assertProblem(none, 401, Self.missing)
        XCTAssertEqual(none.headers["www-authenticate"], "Bearer")
        let basic = try client.send("DELETE", "/v1/articles/art_x", headers: [("Authorization", "Basic dXNlcjpwYXNz")], body: [])
        assertProblem(basic, 401, "the Authorization header must be Bearer <token>")
        XCTAssertEqual(basic.headers["www-authenticate"], "Bearer")
        let wrong = try client.send("POST", "/v1/extract", headers: Self.text + [("Authorization", "Bearer \(Self.token)x")], body: Array("x".utf8))
        assertProblem(wrong, 403, "the bearer token is not one this service accepts")
        XCTAssertNil(wrong.headers["www-authenticate"])
        XCTAssertEqual(try fixture.store.articleCount(), 0)

        let created = try client.send("POST", "/v1/articles", headers: Self.text + [Self.bearer], body: Array("NATO met in Brussels.".utf8))
        XCTAssertEqual(created.status, 201, created.text)
        let second = try client.send("POST", "/v1/extract", headers: Self.text + [("authorization", "bearer   second-token-abcdefghijkl")], body: Array("x".utf8))
        XCTAssertEqual(second.status, 200, second.text)
        // Reads stay open unless auth_reads is set.
        XCTAssertEqual(try client.get("/v1/articles").status, 200)
        let id = try XCTUnwrap(created.json["id"] as? String)
        assertProblem(try client.delete("/v1/articles/\(id)"), 401, Self.missing)
        XCTAssertEqual(try client.send("DELETE", "/v1/articles/\(id)", headers: [Self.bearer], body: []).status, 204)
    }

    func testAuthReadsCoversReadsButNotHealth() throws {
        let client = try make { $0.apiTokens = [Self.token]; $0.authReads = true }
        assertProblem(try client.get("/v1/figures"), 401, Self.missing)
        assertProblem(try client.get("/openapi.yaml"), 401, Self.missing)
        XCTAssertEqual(try client.send("GET", "/v1/figures", headers: [Self.bearer], body: []).status, 200)
        XCTAssertEqual(try client.get("/healthz").status, 200)
    }

    func testWithoutTokensWritesAreOpen() throws {
        let client = try make { _ in }
        XCTAssertEqual(try client.postText("/v1/articles", "NATO met in Brussels.").status, 201)
    }

    func testWritesFromAnotherOriginAreRefused() throws {
        let client = try make { $0.corsOrigins = ["https://app.example"] }
        let evil = try client.send("POST", "/v1/articles", headers: Self.text + [("Origin", "http://evil.example")], body: Array("NATO".utf8))
        assertProblem(evil, 403, "writes from pages at origin \"http://evil.example\" are not allowed: add it to cors_origins (ARTICLE_ENTITIES_CORS_ORIGINS) to allow them")
        let null = try client.send("DELETE", "/v1/articles/art_x", headers: [("Origin", "null")], body: [])
        XCTAssertEqual(null.status, 403)
        XCTAssertEqual(try fixture.store.articleCount(), 0)
        // Reads from any origin, writes from the allowed one, and writes with no Origin (curl) pass.
        XCTAssertEqual(try client.send("GET", "/v1/articles", headers: [("Origin", "http://evil.example")], body: []).status, 200)
        XCTAssertEqual(try client.send("POST", "/v1/articles", headers: Self.text + [("Origin", "https://APP.example")], body: Array("NATO".utf8)).status, 201)
        XCTAssertEqual(try client.postText("/v1/articles", "Berlin").status, 201)
    }

    func testOnlyLoopbackAndConfiguredHostsAreServed() throws {
        let client = try make { $0.serverNames = ["news.example.org"] }
        for host in ["localhost", "localhost:8080", "127.0.0.1", "127.0.0.1:18080", "127.1.2.3:80", "[::1]", "[::1]:8080",
                     "news.example.org", "NEWS.example.org:8443"] {
            XCTAssertEqual(try client.send("GET", "/v1/articles", headers: [("Host", host)], body: []).status, 200, host)
        }
        let rebound = try client.send("GET", "/v1/articles", headers: [("Host", "attacker.example:8080")], body: [])
        assertProblem(rebound, 421, "this service does not answer to the host \"attacker.example:8080\": use localhost or 127.0.0.1, or add the name to server_names (ARTICLE_ENTITIES_SERVER_NAMES)")
        for host in ["127.0.0.1.attacker.example", "localhost.attacker.example", "128.0.0.1", "[::2]:80", "10.0.0.1"] {
            XCTAssertEqual(try client.send("POST", "/v1/extract", headers: Self.text + [("Host", host)], body: Array("x".utf8)).status, 421, host)
        }
        // Health answers whatever the Host, for probes that use the container's address.
        XCTAssertEqual(try client.send("GET", "/healthz", headers: [("Host", "10.0.0.1:8080")], body: []).status, 200)
    }

    func testTheDefaultsServeTheREADMEsCurlOverTheWire() throws {
        fixture = try ServiceFixture()
        let live = try fixture.live()  // sends Host: 127.0.0.1, as curl does for http://127.0.0.1:8080
        XCTAssertEqual(try live.postText("/v1/articles?published_at=2024-03-14", "NATO met in Brussels.").status, 201)
        XCTAssertEqual(try live.get("/v1/figures").status, 200)
    }

    /// The same refusals through the real server, so the challenge header reaches the wire.
    func testTokensOverTheWire() throws {
        var c = ServiceConfiguration()
        c.apiTokens = [Self.token]
        fixture = try ServiceFixture(configuration: c)
        let live = try fixture.live()
        let none = try live.postText("/v1/articles", "NATO met in Brussels.")
        XCTAssertEqual(none.status, 401)
        XCTAssertEqual(none.headers["www-authenticate"], "Bearer")
        XCTAssertEqual(none.text, #"{"type":"about:blank","title":"Unauthorized","status":401,"detail":"this request needs a token: send Authorization: Bearer <token>"}"#)
        let wrong = try live.send("POST", "/v1/articles", headers: Self.text + [("Authorization", "Bearer nope-nope-nope-nope")], body: Array("NATO".utf8))
        XCTAssertEqual(wrong.status, 403)
        XCTAssertEqual(try live.send("POST", "/v1/articles", headers: Self.text + [Self.bearer], body: Array("NATO".utf8)).status, 201)
        XCTAssertEqual(try live.get("/healthz").status, 200)
    }

    func testConstantTimeComparisonIsEquality() {
        XCTAssertTrue(AccessPolicy.constantTimeEqual(Array("abc".utf8), Array("abc".utf8)))
        XCTAssertFalse(AccessPolicy.constantTimeEqual(Array("abc".utf8), Array("abd".utf8)))
        XCTAssertFalse(AccessPolicy.constantTimeEqual(Array("abc".utf8), Array("abcabc".utf8)))
        XCTAssertFalse(AccessPolicy.constantTimeEqual(Array("".utf8), Array("a".utf8)))
        XCTAssertTrue(AccessPolicy.constantTimeEqual(Array("".utf8), Array("".utf8)))
    }
}
