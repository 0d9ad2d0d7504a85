import XCTest
@testable import HTTPServer

/// Which connections the server keeps: silent ones only for the header timeout, and at
/// the cap the oldest idle keep-alive connection gives way to a new client.
final class HTTPServerConnectionLiveTests: LiveServerTestCase {
    func testSilentConnectionIsClosedAfterTheHeaderTimeoutNotTheIdleTimeout() throws {
        try startServer {
            $0.headerTimeout = 0.2
            $0.idleTimeout = 3600
        }
        let silent = try client()
        XCTAssertTrue(silent.waitForClose(), "a connection that sent nothing was kept past the header timeout")
        XCTAssertEqual(logs.statuses, [], "closed without an answer")
    }

    func testAtTheCapTheOldestIdleConnectionMakesRoom() throws {
        try startServer { $0.maxConnections = 2 }
        let oldest = try client(), newer = try client()
        for client in [oldest, newer] {
            client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            XCTAssertEqual(client.readResponse()?.status, 200)
        }
        let third = try client()
        third.send("GET /third HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(third.readResponse()?.text, "GET /third [] ")
        XCTAssertTrue(oldest.waitForClose(), "the oldest idle connection was not closed")
        newer.send("GET /newer HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(newer.readResponse()?.text, "GET /newer [] ")
    }
}
