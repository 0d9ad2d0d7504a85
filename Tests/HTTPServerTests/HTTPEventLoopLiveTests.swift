import XCTest
@testable import HTTPServer

/// The epoll loops are edge-triggered: readiness is remembered by the connection, not
/// re-reported by the kernel. These cover what that could lose: a response larger than the
/// socket buffer finishing only when the client reads, bytes already buffered when a
/// request ends, and one busy connection not holding up another on the same loop.
final class HTTPEventLoopLiveTests: LiveServerTestCase {
    func testAResponseLargerThanTheSocketBufferFinishesWhenTheClientReadsAndOthersAreServedMeanwhile() throws {
        try startServer { $0.eventLoops = 1 }
        let slowReader = try client()
        slowReader.send("GET /big?size=8000000 HTTP/1.1\r\nHost: t\r\n\r\n")
        usleep(300_000)  // the server fills the socket and waits for it to drain
        let other = try client()
        for n in 0..<3 {
            other.send("GET /inline?n=\(n) HTTP/1.1\r\nHost: t\r\n\r\n")
            XCTAssertEqual(other.readResponse()?.text, "inline \(n)", "the loop was held by the unread response")
        }
        let big = try XCTUnwrap(slowReader.readResponse())
        XCTAssertEqual(big.status, 200)
        XCTAssertEqual(big.body.count, 8_000_000)
        XCTAssertTrue(big.body.allSatisfy { $0 == 0x61 })
        slowReader.send("GET /after HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(slowReader.readResponse()?.text, "GET /after [] ", "keep-alive continues after the drained write")
    }

    func testAPipelinedBurstIsAnsweredInOrderWhetherInlineOrByWorkers() throws {
        try startServer { $0.eventLoops = 1 }
        let connection = try client()
        var burst = ""
        for n in 0..<400 {
            burst += n % 3 == 0 ? "GET /w/\(n) HTTP/1.1\r\nHost: t\r\n\r\n" : "GET /inline?n=\(n) HTTP/1.1\r\nHost: t\r\n\r\n"
        }
        connection.send(burst)  // far more than one read, and more inline answers than may recurse
        for n in 0..<400 {
            let expected = n % 3 == 0 ? "GET /w/\(n) [] " : "inline \(n)"
            XCTAssertEqual(connection.readResponse()?.text, expected)
        }
        let second = try client()
        second.send("GET /inline?n=last HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(second.readResponse()?.text, "inline last")
    }

    func testBytesThatArriveWhileAWorkerRunsAreReadAfterItsAnswer() throws {
        try startServer { $0.eventLoops = 1 }
        let connection = try client()
        connection.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(responder.started.wait(timeout: .now() + 5), .success)
        // Sent while the request is processed: no new edge will come for these bytes.
        connection.send("GET /next HTTP/1.1\r\nHost: t\r\n\r\n")
        usleep(100_000)
        responder.gate.signal()
        XCTAssertEqual(connection.readResponse()?.text, "slow done")
        XCTAssertEqual(connection.readResponse()?.text, "GET /next [] ")
    }
}
