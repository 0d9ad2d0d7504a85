import XCTest
@testable import HTTPServer

/// Limits, errors, timeouts, back-pressure and shutdown over a real socket.
final class HTTPServerLimitsLiveTests: LiveServerTestCase {
    /// Sends `raw`, expects one problem response with this status and detail, then a close.
    private func assertRefused(_ raw: String, _ status: Int, _ detail: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let client = try client()
        client.send(raw)
        let response = try XCTUnwrap(client.readResponse(), file: file, line: line)
        XCTAssertEqual(response.status, status, file: file, line: line)
        XCTAssertEqual(response.header("Content-Type"), "application/problem+json", file: file, line: line)
        XCTAssertEqual(response.header("Connection"), "close", file: file, line: line)
        XCTAssertEqual(response.text, problemBody(status, detail), file: file, line: line)
        XCTAssertTrue(client.closedWithoutMoreData(), "connection left open", file: file, line: line)
    }

    func testErrorsHaveTheirStatusProblemBodyAndClose() throws {
        try startServer()
        try assertRefused("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1001\r\n\r\n" + String(repeating: "x", count: 3000),
                          413, "request body larger than 1000 bytes")
        try assertRefused("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3e9\r\n", 413, "request body larger than 1000 bytes")
        try assertRefused("GET /" + String(repeating: "u", count: 300) + " HTTP/1.1\r\nHost: t\r\n\r\n", 414,
                          "request target longer than 200 bytes")
        try assertRefused("GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + String(repeating: "h", count: 2000) + "\r\n\r\n", 431,
                          "request head larger than 1024 bytes")
        try assertRefused("GET /\r\n\r\n", 400, "malformed request line")
        try assertRefused("GET / HTTP/1.1\r\nHost: t\r\nX: a\r\n b\r\n\r\n", 400, "obsolete line folding is not accepted")
        try assertRefused("GET / HTTP/3.0\r\nHost: t\r\n\r\n", 505, "only HTTP/1.0 and HTTP/1.1 are supported")
        try assertRefused("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n", 501, "only the chunked transfer coding is supported")
        try assertRefused("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                          400, "both Content-Length and Transfer-Encoding present")
        try assertRefused("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
                          400, "conflicting Content-Length values")
        XCTAssertEqual(logs.lines, ["POST / 413", "POST / 413", "- - 414", "- - 431", "- - 400", "GET / 400", "- - 505",
                                    "POST / 501", "POST / 400", "POST / 400"])
    }

    func testErrorAfterGoodRequestOnSameConnection() throws {
        try startServer()
        let client = try client()
        client.send("GET /ok HTTP/1.1\r\nHost: t\r\n\r\nGARBAGE\r\n\r\n")
        XCTAssertEqual(client.readResponse()?.text, "GET /ok [] ")
        XCTAssertEqual(client.readResponse()?.status, 400)
        XCTAssertTrue(client.closedWithoutMoreData())
    }

    func testSlowHeadGets408AndClose() throws {
        try startServer { $0.headerTimeout = 0.2 }
        let client = try client()
        client.send("GET / HTTP/1.1\r\nHost: t\r\n")
        let response = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(response.status, 408)
        XCTAssertEqual(response.text, problemBody(408, "request head not received within 0.2 s"))
        XCTAssertTrue(client.closedWithoutMoreData())
    }

    func testSlowBodyGets408AndClose() throws {
        try startServer { $0.bodyTimeout = 0.2 }
        let client = try client()
        client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
        let response = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(response.status, 408)
        XCTAssertEqual(response.text, problemBody(408, "request body not received within 0.2 s"))
    }

    func testIdleKeepAliveClosesSilently() throws {
        try startServer { $0.idleTimeout = 0.2 }
        let client = try client()
        client.send("GET /once HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(client.readResponse()?.status, 200)
        XCTAssertTrue(client.closedWithoutMoreData())
        XCTAssertEqual(logs.statuses, [200])
    }

    func testClientThatStopsReadingIsDropped() throws {
        try startServer { $0.writeTimeout = 0.2 }
        let client = try client()
        client.send("GET /big?size=20000000 HTTP/1.1\r\nHost: t\r\n\r\n")
        // Never read: the send buffers fill, and the write deadline closes the connection.
        for _ in 0..<2000 where logs.statuses.isEmpty { usleep(1000) }
        XCTAssertEqual(logs.statuses, [200])
        for _ in 0..<2000 where server!.connectionCount > 0 { usleep(1000) }
        XCTAssertEqual(server!.connectionCount, 0)
    }

    func testFullHandlerQueueAnswers503WithRetryAfter() throws {
        try startServer {
            $0.workerThreads = 1
            $0.maxQueuedRequests = 1
        }
        let running = try client()
        running.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        responder.started.wait()
        let queued = try client()
        queued.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        // Wait (bounded) until the server has queued it; the next one must then be refused.
        for _ in 0..<500 where server!.queuedRequestCount < 1 { usleep(1000) }
        XCTAssertEqual(server!.queuedRequestCount, 1)
        let refused = try client()
        refused.send("GET /x HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try XCTUnwrap(refused.readResponse())
        XCTAssertEqual(response.status, 503)
        XCTAssertEqual(response.header("Retry-After"), "1")
        XCTAssertEqual(response.text, problemBody(503, "server is busy; retry shortly"))
        // The request was whole, so the connection stays usable.
        responder.gate.signal()
        responder.gate.signal()
        XCTAssertEqual(running.readResponse()?.text, "slow done")
        XCTAssertEqual(queued.readResponse()?.text, "slow done")
        refused.send("GET /again HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(refused.readResponse()?.text, "GET /again [] ")
    }

    func testConnectionsBeyondTheCapGet503AndClose() throws {
        try startServer { $0.maxConnections = 2 }
        // Neither is an idle keep-alive connection (those would give way to the new one).
        let first = try client(), second = try client()
        first.send("GET /still HTTP/1.1\r\n")
        second.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\na")
        let third = try client()
        third.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try XCTUnwrap(third.readResponse())
        XCTAssertEqual(response.status, 503)
        XCTAssertEqual(response.header("Retry-After"), "1")
        XCTAssertEqual(response.text, problemBody(503, "too many connections; retry shortly"))
        XCTAssertTrue(third.closedWithoutMoreData())
        // The existing connections are unaffected.
        first.send("Host: t\r\n\r\n")
        XCTAssertEqual(first.readResponse()?.text, "GET /still [] ")
        second.send("bc")
        XCTAssertEqual(second.readResponse()?.text, "POST / [] abc")
    }

    func testGracefulShutdownFinishesInFlightRequest() throws {
        try startServer()
        let inFlight = try client()
        inFlight.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        responder.started.wait()
        let idle = try client()
        idle.send("GET /idle HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(idle.readResponse()?.status, 200)
        server!.shutdown()
        XCTAssertTrue(idle.closedWithoutMoreData(), "idle keep-alive connections close at once")
        responder.gate.signal()
        let response = try XCTUnwrap(inFlight.readResponse())
        XCTAssertEqual(response.text, "slow done")
        XCTAssertEqual(response.header("Connection"), "close")
        server!.waitUntilStopped()
        XCTAssertThrowsError(try TestHTTPClient(port: port), "listener closed")
        server!.shutdown()  // idempotent
    }

    func testShutdownIsBoundedWhenAResponderHangs() throws {
        try startServer { $0.shutdownGracePeriod = 0.2 }
        let stuck = try client()
        stuck.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        responder.started.wait()
        server!.shutdown()
        server!.waitUntilStopped()  // returns after the grace period although the responder still runs
        XCTAssertTrue(stuck.closedWithoutMoreData())
        XCTAssertEqual(server!.connectionCount, 0)
    }
}
