import XCTest
@testable import ArticleAPI
import HTTPServer
import WebPages

/// The pages and their files as HTTP resources: types, the security policy, tags and 304,
/// and how they pass the access checks (open without a token, since they hold no data;
/// the service's own pages may write with their own Origin).
final class WebPagesTests: XCTestCase {
    var fixture: ServiceFixture!
    override func tearDown() { fixture?.tearDown() }

    func make(_ configure: (inout ServiceConfiguration) -> Void = { _ in }) throws -> InProcessClient {
        var c = ServiceConfiguration()
        configure(&c)
        fixture = try ServiceFixture(configuration: c)
        return fixture.inProcess
    }

    static let csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    func testEveryPageAndFileWithItsTypeAndPolicy() throws {
        let client = try make()
        let expected: [(String, String, String)] = [
            ("/", "text/html; charset=utf-8", "<h1>Submit an article</h1>"),
            ("/articles?q=anything&cursor=x", "text/html; charset=utf-8", "<h1>Articles</h1>"),
            ("/articles/art_0123456789abcdef", "text/html; charset=utf-8", "src=\"/ui/article.js\""),
            ("/figures?currency=EUR&unknown=1", "text/html; charset=utf-8", "<h1>Figures</h1>"),
            ("/entities/ent_0123456789abcdef", "text/html; charset=utf-8", "src=\"/ui/entity.js\""),
            ("/ui/app.css", "text/css; charset=utf-8", "mark.ent"),
            ("/ui/common.js", "text/javascript; charset=utf-8", "const AE"),
            ("/ui/highlight.js", "text/javascript; charset=utf-8", "Array.from(text)"),
        ]
        for (path, type, content) in expected {
            let r = try client.get(path)
            XCTAssertEqual(r.status, 200, path)
            XCTAssertEqual(r.headers["content-type"], type, path)
            XCTAssertEqual(r.headers["content-security-policy"], Self.csp, path)
            XCTAssertEqual(r.headers["x-content-type-options"], "nosniff", path)
            XCTAssertEqual(r.headers["cache-control"], "no-cache", path)
            XCTAssertTrue(r.text.contains(content), "\(path) lacks \(content)")
        }
    }

    func testNoPageHoldsInlineScriptOrStyleOrAnotherOrigin() throws {
        let client = try make()
        for path in ["/", "/articles", "/articles/x", "/figures", "/entities/x"] {
            let html = try client.get(path).text
            let scripts = html.components(separatedBy: "<script").dropFirst()
            XCTAssertFalse(scripts.isEmpty, path)
            for s in scripts { XCTAssertTrue(s.hasPrefix(" src=\"/ui/") && s.contains("></script>"), "\(path): inline script \(s.prefix(40))") }
            XCTAssertFalse(html.contains("style="), "\(path): an inline style")
            XCTAssertFalse(html.contains("<style"), "\(path): a style element")
            XCTAssertFalse(html.contains("http://") || html.contains("https://") || html.contains("//cdn"), "\(path): another origin")
            XCTAssertFalse(html.contains(" on") && html.range(of: #" on[a-z]+="#, options: .regularExpression) != nil, "\(path): an inline handler")
            // Every script the page names is served.
            for s in scripts {
                let src = String(s.dropFirst(" src=\"".count).prefix { $0 != "\"" })
                XCTAssertEqual(try client.get(src).status, 200, "\(path) names \(src)")
            }
        }
    }

    func testTagAnswers304AndUnknownFilesAre404() throws {
        let client = try make()
        let first = try client.get("/ui/common.js")
        let tag = try XCTUnwrap(first.headers["etag"])
        XCTAssertTrue(tag.hasPrefix("\"") && tag.hasSuffix("\""))
        let again = try client.send("GET", "/ui/common.js", headers: [("If-None-Match", tag)], body: [])
        XCTAssertEqual(again.status, 304)
        XCTAssertEqual(again.body, [])
        XCTAssertEqual(again.headers["etag"], tag)
        XCTAssertEqual(try client.send("GET", "/ui/common.js", headers: [("If-None-Match", "\"other\"")], body: []).status, 200)
        XCTAssertNotEqual(try client.get("/ui/app.css").headers["etag"], tag, "each file its own tag")
        let head = try client.send("HEAD", "/figures", headers: [], body: [])
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.headers["content-type"], "text/html; charset=utf-8")

        let missing = try client.get("/ui/missing.js")
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(missing.headers["content-type"], "application/problem+json")
        XCTAssertEqual(try client.get("/ui/../openapi.yaml").status, 404)
        XCTAssertEqual(try client.get("/articles/a/b").status, 404)
        XCTAssertEqual(try client.postText("/figures", "x").status, 405)
    }

    func testPagesNeedNoTokenWhenReadsDoButTheirDataDoes() throws {
        let client = try make { $0.apiTokens = [AccessControlTests.token]; $0.authReads = true }
        for path in ["/", "/articles", "/articles/art_x", "/figures", "/entities/ent_x", "/ui/common.js"] {
            XCTAssertEqual(try client.get(path).status, 200, path)
        }
        XCTAssertEqual(try client.get("/v1/articles").status, 401)
        XCTAssertEqual(try client.get("/v1/articles/art_x").status, 401)
        XCTAssertEqual(try client.send("GET", "/v1/articles", headers: [AccessControlTests.bearer], body: []).status, 200)
        // The Host check still applies to pages: a rebound name gets nothing.
        XCTAssertEqual(try client.send("GET", "/", headers: [("Host", "evil.example")], body: []).status, 421)
    }

    func testThePagesOwnOriginMayWriteAndOthersStillMayNot() throws {
        let client = try make()
        let same = try client.send("POST", "/v1/articles", headers: [("Content-Type", "text/plain"), ("Host", "127.0.0.1:8080"),
                                                                      ("Origin", "http://127.0.0.1:8080")], body: Array("NATO met in Brussels.".utf8))
        XCTAssertEqual(same.status, 201, same.text)
        let localhost = try client.send("POST", "/v1/extract", headers: [("Content-Type", "text/plain"), ("Host", "localhost"),
                                                                          ("Origin", "http://localhost")], body: Array("x".utf8))
        XCTAssertEqual(localhost.status, 200, localhost.text)
        // Another port on the same machine is another origin.
        let otherPort = try client.send("POST", "/v1/extract", headers: [("Content-Type", "text/plain"), ("Host", "127.0.0.1:8080"),
                                                                          ("Origin", "http://127.0.0.1:3000")], body: Array("x".utf8))
        XCTAssertEqual(otherPort.status, 403)
        let noHost = try client.send("POST", "/v1/extract", headers: [("Content-Type", "text/plain"), ("Origin", "http://127.0.0.1:8080")], body: Array("x".utf8))
        XCTAssertEqual(noHost.status, 403)
        XCTAssertTrue(AccessPolicy.isSameOrigin("https://news.example.org", host: "News.Example.org"))
        XCTAssertFalse(AccessPolicy.isSameOrigin("http://news.example.org.evil", host: "news.example.org"))
    }
}
