import XCTest
import ArticleAPI
import HTTPServer

/// The per-client token bucket, on an injected clock: a burst of `rate_limit_per_minute`,
/// then 429 with Retry-After until the bucket refills.
final class RateLimitTests: XCTestCase {
    var fixture: ServiceFixture!
    override func tearDown() { fixture?.tearDown() }

    func request(_ from: String, _ path: String = "/v1/articles") -> HTTPRequest {
        var r = HTTPRequest(method: "GET", target: path)
        r.remoteAddress = from
        return r
    }

    func testBurstThenRetryAfterThenRefill() throws {
        let clock = TestClock()
        var c = ServiceConfiguration()
        c.rateLimitPerMinute = 3
        fixture = try ServiceFixture(configuration: c, clock: clock.clock)
        for _ in 0..<3 { XCTAssertEqual(fixture.api.respond(to: request("10.0.0.5:4000")).status, 200) }
        let refused = fixture.api.respond(to: request("10.0.0.5:4001"))  // another port, the same client
        XCTAssertEqual(refused.status, 429)
        XCTAssertEqual(refused.headers["Retry-After"], "20")  // one request per 20 s at 3 a minute
        XCTAssertEqual(refused.headers["Content-Type"], "application/problem+json")
        XCTAssertEqual(String(decoding: refused.body, as: UTF8.self),
                       #"{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"more than 3 requests a minute from this address: retry in 20 s"}"#)
        // Other clients and health are not held back.
        XCTAssertEqual(fixture.api.respond(to: request("[::1]:5000")).status, 200)
        XCTAssertEqual(fixture.api.respond(to: request("10.0.0.5:4002", "/healthz")).status, 200)
        clock.advance(15)
        XCTAssertEqual(fixture.api.respond(to: request("10.0.0.5:4000")).headers["Retry-After"], "5")
        clock.advance(5)
        XCTAssertEqual(fixture.api.respond(to: request("10.0.0.5:4000")).status, 200)
        XCTAssertEqual(fixture.api.respond(to: request("10.0.0.5:4000")).status, 429)
        clock.advance(3600)  // a full bucket holds no more than the burst
        for _ in 0..<3 { XCTAssertEqual(fixture.api.respond(to: request("10.0.0.5:4000")).status, 200) }
        XCTAssertEqual(fixture.api.respond(to: request("10.0.0.5:4000")).status, 429)
    }

    func testOffByDefault() throws {
        fixture = try ServiceFixture(clock: TestClock().clock)
        for _ in 0..<200 { XCTAssertEqual(fixture.api.respond(to: request("10.0.0.5:4000")).status, 200) }
    }
}
