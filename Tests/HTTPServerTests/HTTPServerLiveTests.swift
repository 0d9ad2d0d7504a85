import XCTest
@testable import HTTPServer

/// HTTP/1.1 behaviour over a real socket.
final class HTTPServerLiveTests: LiveServerTestCase {
    func testKeepAliveServesThreeRequestsOnOneConnection() throws {
        try startServer()
        let client = try client()
        for index in 1...3 {
            client.send("GET /n/\(index)?a=\(index) HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try XCTUnwrap(client.readResponse())
            XCTAssertEqual(response.status, 200)
            XCTAssertEqual(response.text, "GET /n/\(index) [a=\(index)] ")
            XCTAssertEqual(response.header("Content-Length"), "\(response.body.count)")
            XCTAssertEqual(response.header("Server"), "article-entities")
            XCTAssertTrue(response.header("Date")?.hasSuffix(" GMT") ?? false)
            XCTAssertNil(response.header("Connection"))
        }
        XCTAssertEqual(logs.statuses, [200, 200, 200])
        XCTAssertEqual(Set(logs.remotes).count, 1)
        XCTAssertTrue(logs.remotes[0].hasPrefix("127.0.0.1:"), logs.remotes[0])
    }

    func testIPv6Loopback() throws {
        do {
            try startServer { $0.host = "::1" }
        } catch {
            throw XCTSkip("no IPv6 loopback here: \(error)")
        }
        let client = try TestHTTPClient(host: "::1", port: port)
        client.send("GET /six HTTP/1.1\r\nHost: [::1]\r\n\r\n")
        XCTAssertEqual(client.readResponse()?.text, "GET /six [] ")
        XCTAssertTrue(logs.remotes[0].hasPrefix("[::1]:"), logs.remotes[0])
    }

    func testPipelinedRequestsAreAnsweredInOrder() throws {
        try startServer()
        let client = try client()
        client.send("GET /1 HTTP/1.1\r\nHost: t\r\n\r\nPOST /2 HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc"
                    + "GET /3 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        XCTAssertEqual(client.readResponse()?.text, "GET /1 [] ")
        XCTAssertEqual(client.readResponse()?.text, "POST /2 [] abc")
        let last = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(last.text, "GET /3 [] ")
        XCTAssertEqual(last.header("Connection"), "close")
        XCTAssertTrue(client.closedWithoutMoreData())
    }

    func testExpectContinueGetsInterimResponseBeforeBody() throws {
        try startServer()
        let client = try client()
        client.send("POST /up HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
        let interim = try XCTUnwrap(client.readResponse(bodyless: true))
        XCTAssertEqual(interim.status, 100)
        client.send("hello")
        XCTAssertEqual(client.readResponse()?.text, "POST /up [] hello")
        // Declared too large: 413 at once, no 100.
        let other = try self.client()
        other.send("POST /up HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n")
        let refused = try XCTUnwrap(other.readResponse())
        XCTAssertEqual(refused.status, 413)
        XCTAssertEqual(refused.header("Connection"), "close")
    }

    func testChunkedRequestBody() throws {
        try startServer()
        let client = try client()
        client.send("POST /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n4;x=y\r\nwiki\r\n")
        client.send("5\r\npedia\r\n0\r\nTrailer: 1\r\n\r\n")
        XCTAssertEqual(client.readResponse()?.text, "POST /c [] wikipedia")
    }

    func testHeadHasGetLengthAndNoBody() throws {
        try startServer()
        let client = try client()
        client.send("HEAD /h HTTP/1.1\r\nHost: t\r\n\r\nGET /h HTTP/1.1\r\nHost: t\r\n\r\n")
        let head = try XCTUnwrap(client.readResponse(bodyless: true))
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.header("Content-Length"), "\("HEAD /h [] ".utf8.count)")
        // The next response starts right after the head's headers: no stray body bytes.
        XCTAssertEqual(client.readResponse()?.text, "GET /h [] ")
    }

    func testHTTP10ClosesUnlessKeepAliveRequested() throws {
        try startServer()
        let keep = try client()
        keep.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        XCTAssertEqual(keep.readResponse()?.header("Connection"), "keep-alive")
        keep.send("GET /b HTTP/1.0\r\n\r\n")
        let last = try XCTUnwrap(keep.readResponse())
        XCTAssertEqual(last.text, "GET /b [] ")
        XCTAssertEqual(last.header("Connection"), "close")
        XCTAssertTrue(keep.closedWithoutMoreData())
    }

    func testLargeResponseIsWrittenCompletely() throws {
        try startServer()
        let client = try client()
        client.send("GET /big?size=1000000 HTTP/1.1\r\nHost: t\r\n\r\nGET /after HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(response.body.count, 1_000_000)
        XCTAssertEqual(response.body.last, 0x61)
        XCTAssertEqual(client.readResponse()?.text, "GET /after [] ")
    }

    func testHalfClosedClientStillGetsItsAnswer() throws {
        try startServer()
        let client = try client()
        client.send("GET /half HTTP/1.1\r\nHost: t\r\n\r\n")
        client.finishSending()
        let response = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(response.text, "GET /half [] ")
        XCTAssertTrue(client.closedWithoutMoreData())
    }

    func testHalfClosedClientGetsEveryPipelinedAnswer() throws {
        try startServer()
        let client = try client()
        client.send("GET /1 HTTP/1.1\r\nHost: t\r\n\r\nGET /2 HTTP/1.1\r\nHost: t\r\n\r\nGET /3 HTTP/1.1\r\nHost: t\r\n\r\n")
        client.finishSending()
        XCTAssertEqual(client.readResponse()?.text, "GET /1 [] ")
        XCTAssertEqual(client.readResponse()?.text, "GET /2 [] ")
        XCTAssertEqual(client.readResponse()?.text, "GET /3 [] ")
        XCTAssertTrue(client.closedWithoutMoreData())
    }

    func testSlowResponderDoesNotBlockOtherConnections() throws {
        try startServer()
        let slow = try client()
        slow.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        responder.started.wait()
        let fast = try client()
        fast.send("GET /fast HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(fast.readResponse()?.text, "GET /fast [] ")
        responder.gate.signal()
        XCTAssertEqual(slow.readResponse()?.text, "slow done")
    }

    func testClientDisconnectMidRequestLeavesServerWorking() throws {
        try startServer()
        do {
            let leaving = try client()
            leaving.send("POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\npartial")
        }
        do {
            let leaving = try client()
            leaving.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
            responder.started.wait()
        }
        responder.gate.signal()  // its response now goes to a closed socket
        let client = try client()
        client.send("GET /still HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(client.readResponse()?.text, "GET /still [] ")
    }

    func testStartFailsClearlyWhenPortIsTaken() throws {
        try startServer()
        var configuration = HTTPServerConfiguration()
        configuration.port = port
        let second = HTTPServer(configuration: configuration, responder: responder)
        XCTAssertThrowsError(try second.start()) { error in
            XCTAssertEqual("\(error)", "cannot listen on 127.0.0.1:\(self.port): Address already in use")
        }
    }
}
