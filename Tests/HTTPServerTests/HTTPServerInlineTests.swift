import XCTest
@testable import HTTPServer

/// Responses a responder gives inline, on the I/O thread, with no worker involved.
final class HTTPServerInlineTests: LiveServerTestCase {
    func testInlineRequestIsAnsweredWhileEveryWorkerIsBusy() throws {
        try startServer { $0.workerThreads = 1; $0.maxQueuedRequests = 1 }
        let slow = try client()
        slow.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        responder.started.wait()  // the only worker is held
        let queued = try client()
        queued.send("GET /queued HTTP/1.1\r\nHost: t\r\n\r\n")  // fills the queue

        let inline = try client()
        for n in 1...3 {
            inline.send("GET /inline?n=\(n) HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try XCTUnwrap(inline.readResponse())
            XCTAssertEqual(response.status, 200)
            XCTAssertEqual(response.text, "inline \(n)")
            XCTAssertEqual(response.header("Server"), "article-entities")
        }
        inline.send("HEAD /inline HTTP/1.1\r\nHost: t\r\n\r\n")
        let head = try XCTUnwrap(inline.readResponse(bodyless: true))
        XCTAssertEqual(head.header("Content-Length"), "7")
        XCTAssertEqual(head.body, [])

        responder.gate.signal()
        XCTAssertEqual(slow.readResponse()?.text, "slow done")
        XCTAssertEqual(queued.readResponse()?.text, "GET /queued [] ")
        XCTAssertEqual(Array(logs.lines.prefix(4)), (1...3).map { _ in "GET /inline 200" } + ["HEAD /inline 200"])
    }

    func testPipelinedInlineRequestsAreAllAnsweredInOrder() throws {
        try startServer { $0.maxHeaderBytes = 16_384 }
        let client = try client()
        // More than the server answers on one stack: the rest wait their turn on the queue.
        var burst = ""
        for n in 1...40 { burst += "GET /inline?n=\(n) HTTP/1.1\r\nHost: t\r\n\r\n" }
        burst += "GET /worker HTTP/1.1\r\nHost: t\r\n\r\nGET /inline?n=last HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
        client.send(burst)
        for n in 1...40 { XCTAssertEqual(client.readResponse()?.text, "inline \(n)") }
        XCTAssertEqual(client.readResponse()?.text, "GET /worker [] ")
        let last = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(last.text, "inline last")
        XCTAssertEqual(last.header("Connection"), "close")
        XCTAssertTrue(client.waitForClose())
        XCTAssertEqual(logs.lines.count, 42)
    }
}
