import XCTest
@testable import HTTPServer

final class HTTPRequestParserTests: XCTestCase {
    func testSimpleGetWithQuery() {
        let outcomes = parse("GET /v1/articles/a%20b?currency=EUR&q=a+b%26c&flag HTTP/1.1\r\nHost: x\r\nAccept:  */* \r\n\r\n")
        XCTAssertEqual(outcomes, [
            .request(method: "GET", path: "/v1/articles/a b", query: ["currency=EUR", "q=a b&c", "flag="],
                     headers: ["Host: x", "Accept: */*"], body: "", keepAlive: true),
            .needMore,
        ])
    }

    func testContentLengthBodyAndPipelining() {
        let raw = "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET /b HTTP/1.1\r\nHost: x\r\n\r\n"
            + "GET /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        let expected: [ParseOutcome] = [
            .request(method: "POST", path: "/a", query: [], headers: ["Host: x", "Content-Length: 5"], body: "hello", keepAlive: true),
            .request(method: "GET", path: "/b", query: [], headers: ["Host: x"], body: "", keepAlive: true),
            .request(method: "GET", path: "/c", query: [], headers: ["Host: x", "Connection: close"], body: "", keepAlive: false),
            .needMore,
        ]
        XCTAssertEqual(parse(raw), expected)
        // The same at every single split point, and one byte at a time.
        for cut in 1..<raw.utf8.count {
            XCTAssertEqual(parse(raw, cuts: [cut]), expected, "split at \(cut)")
        }
        XCTAssertEqual(parse(raw, cuts: Array(1..<raw.utf8.count)), expected)
    }

    func testChunkedBodyWithExtensionsAndTrailers() {
        let raw = "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n6 ; a=\"q\"\r\n world\r\n0\r\nX-Trailer: yes\r\n\r\n"
        let expected: [ParseOutcome] = [
            .request(method: "POST", path: "/c", query: [], headers: ["Host: x", "Transfer-Encoding: chunked"],
                     body: "hello world", keepAlive: true),
            .needMore,
        ]
        XCTAssertEqual(parse(raw), expected)
        for cut in 1..<raw.utf8.count {
            XCTAssertEqual(parse(raw, cuts: [cut]), expected, "split at \(cut)")
        }
        XCTAssertEqual(parse(raw, cuts: Array(1..<raw.utf8.count)), expected)
    }

    func testHTTP10KeepAliveOnlyWhenAsked() {
        XCTAssertEqual(parse("GET / HTTP/1.0\r\n\r\n").first,
                       .request(method: "GET", path: "/", query: [], headers: [], body: "", keepAlive: false))
        XCTAssertEqual(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").first,
                       .request(method: "GET", path: "/", query: [], headers: ["Connection: Keep-Alive"], body: "", keepAlive: true))
    }

    func testAbsoluteFormTarget() {
        XCTAssertEqual(parse("GET http://example.org/p?a=1 HTTP/1.1\r\nHost: example.org\r\n\r\n").first,
                       .request(method: "GET", path: "/p", query: ["a=1"], headers: ["Host: example.org"], body: "", keepAlive: true))
    }

    func testExpectContinueIsVisibleWhileBodyIsAwaited() {
        var parser = HTTPRequestParser(limits: smallLimits)
        parser.append(Array("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n".utf8))
        XCTAssertEqual(drain(&parser), [.needMore])
        XCTAssertEqual(parser.phase, .body)
        XCTAssertTrue(parser.awaitingContinuedBody)
        parser.append(Array("abc".utf8))
        XCTAssertEqual(drain(&parser).first, .request(method: "POST", path: "/", query: [],
            headers: ["Host: x", "Expect: 100-continue", "Content-Length: 3"], body: "abc", keepAlive: true))
        XCTAssertEqual(parser.phase, .idle)
        XCTAssertFalse(parser.awaitingContinuedBody)
    }

    func testPhases() {
        var parser = HTTPRequestParser(limits: smallLimits)
        XCTAssertEqual(parser.phase, .idle)
        parser.append(Array("\r\n".utf8))
        XCTAssertEqual(parser.phase, .idle)
        parser.append(Array("GE".utf8))
        XCTAssertEqual(parser.phase, .head)
    }

    // MARK: Errors, each with its status and detail

    private func assertFailure(_ raw: String, _ status: Int, _ detail: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(parse(raw).last, .failure(status: status, detail: detail), file: file, line: line)
    }

    func testMalformedRequests() {
        assertFailure("GET  / HTTP/1.1\r\nHost: x\r\n\r\n", 400, "malformed request line")
        assertFailure("GET /\r\nHost: x\r\n\r\n", 400, "malformed request line")
        assertFailure("G(T / HTTP/1.1\r\nHost: x\r\n\r\n", 400, "malformed request method")
        assertFailure("GET / HTTP/1.1 \r\nHost: x\r\n\r\n", 400, "malformed HTTP version")
        assertFailure("GET / http/1.1\r\nHost: x\r\n\r\n", 400, "malformed HTTP version")
        assertFailure("GET abc HTTP/1.1\r\nHost: x\r\n\r\n", 400, "unsupported request target form")
        assertFailure("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid percent-encoding in path")
        assertFailure("GET /a%00 HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid percent-encoding in path")
        assertFailure("GET /?q=%e9 HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid percent-encoding in query")
        assertFailure("GET / HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\n", 400, "malformed header field")
        assertFailure("GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400, "malformed header field")
        assertFailure("GET / HTTP/1.1\r\nHost: x\r\nX: a\r\n  folded\r\n\r\n", 400, "obsolete line folding is not accepted")
        assertFailure("GET / HTTP/1.1\r\nHost: x\r\nX: a\rb\r\n\r\n", 400, "bare CR in request head")
        assertFailure("GET / HTTP/1.1\r\nHost: x\r\nX: a\u{01}b\r\n\r\n", 400, "control character in header value")
        assertFailure("GET / HTTP/1.1\r\n\r\n", 400, "missing Host header")
        assertFailure("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, "more than one Host header")
    }

    func testVersions() {
        assertFailure("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505, "only HTTP/1.0 and HTTP/1.1 are supported")
        assertFailure("GET / HTTP/0.9\r\nHost: x\r\n\r\n", 505, "only HTTP/1.0 and HTTP/1.1 are supported")
        XCTAssertEqual(parse("GET / HTTP/1.2\r\nHost: x\r\n\r\n").first,
                       .request(method: "GET", path: "/", query: [], headers: ["Host: x"], body: "", keepAlive: true))
    }

    func testFramingAndSmuggling() {
        assertFailure("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400,
                      "both Content-Length and Transfer-Encoding present")
        assertFailure("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", 400,
                      "conflicting Content-Length values")
        assertFailure("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +3\r\n\r\n", 400, "invalid Content-Length")
        assertFailure("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3 3\r\n\r\n", 400, "invalid Content-Length")
        assertFailure("POST / HTTP/1.1\r\nHost: x\r\nContent-Length:\r\n\r\n", 400, "invalid Content-Length")
        assertFailure("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501,
                      "only the chunked transfer coding is supported")
        assertFailure("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501,
                      "only the chunked transfer coding is supported")
        assertFailure("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", 400,
                      "chunked must be the final transfer coding, once")
        assertFailure("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400, "Transfer-Encoding in an HTTP/1.0 request")
        assertFailure("POST / HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\n\r\n", 417, "only Expect: 100-continue is supported")
        // Identical repeated lengths are one length.
        XCTAssertEqual(parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2, 2\r\n\r\nok").first,
                       .request(method: "POST", path: "/", query: [], headers: ["Host: x", "Content-Length: 2, 2"], body: "ok", keepAlive: true))
    }

    func testMalformedChunks() {
        let head = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        assertFailure(head + "zz\r\n", 400, "malformed chunk size")
        assertFailure(head + "5x\r\n", 400, "malformed chunk size")
        assertFailure(head + "5\nhello\r\n", 400, "chunked framing line not terminated by CRLF")
        assertFailure(head + "5\r\nhelloXX", 400, "chunk data not followed by CRLF")
        assertFailure(head + "1;a=\u{01}\r\n", 400, "control character in chunk extension")
        assertFailure(head + "0\r\nBad Trailer\r\n\r\n", 400, "malformed header field")
        assertFailure(head + String(repeating: "0", count: 5000), 400, "chunk framing line too long")
    }

    func testLimits() {
        assertFailure("GET /" + String(repeating: "a", count: 100) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414,
                      "request target longer than 100 bytes")
        // A target that never ends is refused before the head limit is reached.
        assertFailure("GET /" + String(repeating: "a", count: 200), 414, "request target longer than 100 bytes")
        assertFailure("GET / HTTP/1.1\r\nHost: x\r\nX: " + String(repeating: "v", count: 600) + "\r\n\r\n", 431,
                      "request head larger than 512 bytes")
        assertFailure("GET / HTTP/1.1\r\nHost: x\r\nX: " + String(repeating: "v", count: 600), 431,
                      "request head larger than 512 bytes")
        assertFailure("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n", 413, "request body larger than 1000 bytes")
        assertFailure("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n", 413,
                      "request body larger than 1000 bytes")
        let chunked = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        assertFailure(chunked + "3e8\r\n" + String(repeating: "a", count: 1000) + "\r\n1\r\n", 413, "request body larger than 1000 bytes")
        assertFailure(chunked + "ffffffffffffffffffff\r\n", 413, "request body larger than 1000 bytes")
        assertFailure(chunked + "0\r\nX: " + String(repeating: "t", count: 600) + "\r\n\r\n", 431,
                      "request head larger than 512 bytes")
        var many = HTTPParserLimits(maxBodyBytes: 10, maxHeaderBytes: 100_000, maxURIBytes: 100)
        many.maxHeaderCount = 3
        XCTAssertEqual(parse("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits: many).last,
                       .failure(status: 431, detail: "more than 3 header fields"))
    }

    func testParserStaysFailed() {
        var parser = HTTPRequestParser(limits: smallLimits)
        parser.append(Array("BAD\r\n\r\n".utf8))
        XCTAssertEqual(drain(&parser), [.failure(status: 400, detail: "malformed request line")])
        parser.append(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        XCTAssertEqual(drain(&parser), [.failure(status: 400, detail: "malformed request line")])
    }

    func testHeaderValueEncodings() {
        let bytes = Array("GET / HTTP/1.1\r\nHost: x\r\nX-Utf8: caf\u{e9}\r\nX-Latin1: caf".utf8) + [0xE9] + Array("\r\n\r\n".utf8)
        XCTAssertEqual(parse(bytes).first, .request(method: "GET", path: "/", query: [],
            headers: ["Host: x", "X-Utf8: caf\u{e9}", "X-Latin1: caf\u{e9}"], body: "", keepAlive: true))
    }
}
