import XCTest
@testable import HTTPServer

/// The parser's strictness as a client sees it: exact statuses, and nothing served after a refusal.
final class HTTPServerStrictnessLiveTests: LiveServerTestCase {
    private func refusal(_ raw: String, file: StaticString = #filePath, line: UInt = #line) throws -> WireResponse {
        let client = try client()
        client.send(raw)
        let response = try XCTUnwrap(client.readResponse(), file: file, line: line)
        XCTAssertEqual(response.header("Connection"), "close", file: file, line: line)
        XCTAssertTrue(client.closedWithoutMoreData(), "connection left open", file: file, line: line)
        return response
    }

    func testUnknownMethodGets501AndConnectGets405WithAllow() throws {
        try startServer()
        let unknown = try refusal("MKCOLA / HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(unknown.status, 501)
        XCTAssertEqual(unknown.text, problemBody(501, "method MKCOLA is not implemented"))
        let connect = try refusal("CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n")
        XCTAssertEqual(connect.status, 405)
        XCTAssertEqual(connect.header("Allow"), "GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS, TRACE")
        XCTAssertEqual(connect.text, problemBody(405, "CONNECT is not supported: this server is not a proxy"))
        XCTAssertEqual(logs.lines, ["MKCOLA / 501", "CONNECT example.org:443 405"])
    }

    func testBareLFCannotSmuggleASecondRequest() throws {
        try startServer()
        let response = try refusal("GET / HTTP/1.1\r\nHost: t\r\nDummy: x\nContent-Length: 23\r\n\r\n"
                                   + "GET / HTTP/1.1\r\nDummy: GET /admin HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(response.status, 400)
        XCTAssertEqual(response.text, problemBody(400, "bare LF in request head"))
        XCTAssertEqual(logs.statuses, [400], "nothing reached the responder")
    }

    func testChunkSizeWithTrailingSpaceIs400() throws {
        try startServer()
        let response = try refusal("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\na \r\n0123456789\r\n0\r\n\r\n")
        XCTAssertEqual(response.status, 400)
        XCTAssertEqual(response.text, problemBody(400, "malformed chunk size"))
    }

    /// The head never ends, yet the answer comes at once (the header timeout here is 10 s,
    /// longer than the client waits).
    func testInvalidLineIsAnsweredBeforeTheHeadEnds() throws {
        try startServer()
        let length = try refusal("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1x\r\n")
        XCTAssertEqual(length.status, 400)
        XCTAssertEqual(length.text, problemBody(400, "invalid Content-Length"))
        let version = try refusal("GET / HTTP/2.0\r\n")
        XCTAssertEqual(version.status, 505)
    }
}
