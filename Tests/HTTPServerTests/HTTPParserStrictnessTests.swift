import XCTest
@testable import HTTPServer

/// Strictness that keeps us framing requests exactly as a strict front end (llhttp) does:
/// CRLF line ends, the RFC 9112 chunk grammar, early refusal, and method checks.
final class HTTPParserStrictnessTests: XCTestCase {
    private func assertFailure(_ raw: String, _ status: Int, _ detail: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(parse(raw).last, .failure(status: status, detail: detail), file: file, line: line)
    }

    func testBareLFEndingARequestLineOrHeaderLineIs400() {
        assertFailure("GET / HTTP/1.1\nHost: x\r\n\r\n", 400, "bare LF in request head")
        assertFailure("GET / HTTP/1.1\r\nHost: x\nX: y\r\n\r\n", 400, "bare LF in request head")
        assertFailure("GET / HTTP/1.1\r\nHost: x\r\n\n", 400, "bare LF in request head")
        // llhttp's "Missing CR between headers": a Content-Length hidden behind a bare LF
        // must not smuggle a second request.
        let smuggle = "GET / HTTP/1.1\r\nHost: localhost\r\nDummy: x\nContent-Length: 23\r\n\r\n"
            + "GET / HTTP/1.1\r\nDummy: GET /admin HTTP/1.1\r\nHost: localhost\r\n\r\n"
        XCTAssertEqual(parse(smuggle), [.failure(status: 400, detail: "bare LF in request head")])
    }

    func testBlankLinesBeforeARequestAreStillSkipped() {
        let expected = ParseOutcome.request(method: "GET", path: "/x", query: [], headers: ["Host: x"], body: "", keepAlive: true)
        XCTAssertEqual(parse("\r\n\nGET /x HTTP/1.1\r\nHost: x\r\n\r\n"), [expected, .needMore])
        // A CR and its LF arriving in different reads are still one blank line.
        XCTAssertEqual(parse("\r\nGET /x HTTP/1.1\r\nHost: x\r\n\r\n", cuts: [1]), [expected, .needMore])
        XCTAssertEqual(parse("\r\n\n\r\nGET /x HTTP/1.1\r\nHost: x\r\n\r\n", cuts: [1]), [expected, .needMore])
        XCTAssertEqual(parse("\r\n\n\r\nGET /x HTTP/1.1\r\nHost: x\r\n\r\n", cuts: [1, 2, 3, 4]), [expected, .needMore])
    }

    func testChunkSizeAndExtensionGrammar() {
        let head = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        assertFailure(head + "a \r\n0123456789\r\n0\r\n\r\n", 400, "malformed chunk size")
        assertFailure(head + "a\t\r\n", 400, "malformed chunk size")
        assertFailure(head + "2;\r\naa\r\n0\r\n\r\n", 400, "chunk extension without a name")
        assertFailure(head + "2;=v\r\n", 400, "chunk extension without a name")
        assertFailure(head + "2;a=\r\n", 400, "chunk extension without a value")
        assertFailure(head + "2;a;\r\n", 400, "chunk extension without a name")
        assertFailure(head + "2;a \r\n", 400, "malformed chunk extension")
        assertFailure(head + "5;a=\"abc\";b=\"def; ghi\r\nhello\r\n", 400, "unterminated quoted chunk extension value")
        assertFailure(head + "5;a=\"x\"y\r\n", 400, "malformed chunk extension")
        // Well-formed extensions, with quoted pairs and the whitespace RFC 9112 tolerates.
        let good = head + "5;a=\"I \\\"love\\\"; \\\\it\";b;c=d\r\nhello\r\n6 ; e = f\r\n world\r\n0;z\r\n\r\n"
        XCTAssertEqual(parse(good), [
            .request(method: "POST", path: "/", query: [], headers: ["Host: x", "Transfer-Encoding: chunked"],
                     body: "hello world", keepAlive: true),
            .needMore,
        ])
    }

    /// A line that can never be part of a valid head is refused when it ends, without
    /// waiting for the blank line (the client may never send it).
    func testInvalidLineIsRefusedBeforeTheHeadEnds() {
        assertFailure("POST / HTTP/1.1\r\nContent-Length: abc\r\n", 400, "invalid Content-Length")
        assertFailure("GET / HTTP/5.6\r\n", 505, "only HTTP/1.0 and HTTP/1.1 are supported")
        assertFailure("GET / HTTP/1.x\r\n", 400, "malformed HTTP version")
        assertFailure("GET /%zz HTTP/1.1\r\n", 400, "invalid percent-encoding in path")
        assertFailure("GET / HTTP/1.1\r\nBad Name: v\r\n", 400, "malformed header field")
        assertFailure("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n", 400, "more than one Host header")
        assertFailure("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n", 400, "conflicting Content-Length values")
        assertFailure("POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n", 400,
                      "both Content-Length and Transfer-Encoding present")
        assertFailure("POST / HTTP/1.1\r\nContent-Length: 1000000000000000000000\r\n", 413, "request body larger than 1000 bytes")
        assertFailure("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n", 501, "only the chunked transfer coding is supported")
        // Known bad from the first byte of a line or the byte after a CR.
        assertFailure("GET / HTTP/1.1\r\n Host: x", 400, "obsolete line folding is not accepted")
        assertFailure("GET / HTTP/1.1\rLine: 1", 400, "bare CR in request head")
        assertFailure("PUT /url HTTP/1.1\r\nContent-Length: 3\r\n\rabc", 400, "bare CR in request head")
    }

    func testUnknownMethodIs501AndConnectIs405() {
        assertFailure("MKCOLA / HTTP/1.1\r\n", 501, "method MKCOLA is not implemented")
        assertFailure("REPORT /x HTTP/1.1\r\nHost: x\r\n\r\n", 501, "method REPORT is not implemented")
        assertFailure("CONNECT home.example:443 HTTP/1.1\r\n", 405, "CONNECT is not supported: this server is not a proxy")
        var parser = HTTPRequestParser(limits: smallLimits)
        parser.append(Array("CONNECT home.example:443 HTTP/1.1\r\nHost: home.example:443\r\n\r\n".utf8))
        guard case .failure(let error) = parser.next() else { return XCTFail("CONNECT accepted") }
        XCTAssertEqual(error.allow, "GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS, TRACE")
        for method in ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "TRACE"] {
            XCTAssertEqual(parse("\(method) /m HTTP/1.1\r\nHost: x\r\n\r\n").first,
                           .request(method: method, path: "/m", query: [], headers: ["Host: x"], body: "", keepAlive: true))
        }
        XCTAssertEqual(parse("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n").first,
                       .request(method: "OPTIONS", path: "*", query: [], headers: ["Host: x"], body: "", keepAlive: true))
        // Methods are case-sensitive (RFC 9110 §9.1): `get` is not GET.
        assertFailure("get / HTTP/1.1\r\n", 501, "method get is not implemented")
    }

    /// Idle parsers keep no big buffer, and a declared length is not reserved before it arrives.
    func testBuffersAreNotRetained() {
        let limits = HTTPParserLimits(maxBodyBytes: 2 << 20, maxHeaderBytes: 16_384, maxURIBytes: 1000)
        var parser = HTTPRequestParser(limits: limits)
        parser.append(Array("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n".utf8))
        XCTAssertEqual(drain(&parser), [.needMore])
        XCTAssertLessThan(parser.retainedBytes, 100_000, "a stalled body must not hold its declared length")
        let body = [UInt8](repeating: 0x61, count: 2_000_000)
        for start in stride(from: 0, to: body.count, by: 65_536) {
            parser.append(Array(body[start..<min(body.count, start + 65_536)]))
            _ = parser.next()
        }
        XCTAssertEqual(parser.phase, .idle)
        parser.append(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        if case .request = parser.next() {} else { XCTFail("second request not parsed") }
        XCTAssertLessThanOrEqual(parser.retainedBytes, 65_536, "an idle parser must not keep a large buffer")
    }
}
