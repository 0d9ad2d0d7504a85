import XCTest
@testable import HTTPServer

/// A responder that answers through `reply` after its worker has moved on.
final class HTTPServerDeferredReplyTests: LiveServerTestCase {
    func testWorkerIsFreeWhileAReplyWaits() throws {
        try startServer { $0.workerThreads = 1 }
        let waiting = try client()
        waiting.send("POST /later HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n")
        responder.laterQueued.wait()
        // The only worker answers another connection meanwhile.
        let other = try client()
        other.send("GET /echo?x=1 HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(other.readResponse()?.text, "GET /echo [x=1] ")

        XCTAssertTrue(responder.replyLater("stored"))
        let response = try XCTUnwrap(waiting.readResponse())
        XCTAssertEqual(response.status, 201)
        XCTAssertEqual(response.text, "stored")
        XCTAssertEqual(response.header("Content-Length"), "6")
        XCTAssertEqual(logs.lines, ["GET /echo 200", "POST /later 201"])
    }

    func testPipelinedRequestWaitsForTheDeferredReplyBeforeIt() throws {
        try startServer()
        let client = try client()
        client.send("POST /later HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\nGET /after HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        responder.laterQueued.wait()
        XCTAssertTrue(responder.replyLater("first"))
        XCTAssertEqual(client.readResponse()?.text, "first")
        let second = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(second.text, "GET /after [] ")
        XCTAssertEqual(second.header("Connection"), "close")
        XCTAssertTrue(client.waitForClose())
    }

    func testShutdownWaitsForAReplyStillToCome() throws {
        try startServer()
        let client = try client()
        client.send("POST /later HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n")
        responder.laterQueued.wait()
        server?.shutdown()
        // shutdown() hands the drain to the server's queue; a read through that queue returns
        // only after it has begun, so the reply is sure to be written as a closing one.
        _ = server?.queuedRequestCount
        XCTAssertTrue(responder.replyLater("in time"))
        let response = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(response.text, "in time")
        XCTAssertEqual(response.header("Connection"), "close")
        server?.waitUntilStopped()
    }
}
