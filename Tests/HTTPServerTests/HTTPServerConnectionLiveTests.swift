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

/// Connections are dealt out over the event loops, and each loop serves its own.
final class HTTPServerEventLoopLiveTests: LiveServerTestCase {
    func testConnectionsAreSpreadOverTheLoopsAndAllServed() throws {
        try startServer { $0.eventLoops = 3 }
        let clients = try (0..<6).map { _ in try client() }
        for round in 1...3 {
            for (index, client) in clients.enumerated() {
                client.send("GET /c/\(index)?round=\(round) HTTP/1.1\r\nHost: t\r\n\r\n")
            }
            for (index, client) in clients.enumerated() {
                XCTAssertEqual(client.readResponse()?.text, "GET /c/\(index) [round=\(round)] ")
            }
        }
        XCTAssertEqual(server!.connectionsPerLoop, [2, 2, 2])
    }

    func testZeroEventLoopsIsRefused() {
        XCTAssertThrowsError(try startServer { $0.eventLoops = 0 })
    }
}
