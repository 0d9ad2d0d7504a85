import XCTest
@testable import HTTPServer

/// Starts a server on a free port per test, with short timeouts, and stops it afterwards.
class LiveServerTestCase: XCTestCase {
    var server: HTTPServer?
    var port = 0
    let responder = EchoResponder()
    let logs = LogCollector()

    func startServer(_ adjust: (inout HTTPServerConfiguration) -> Void = { _ in }) throws {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.maxBodyBytes = 1000
        configuration.maxHeaderBytes = 1024
        configuration.maxURIBytes = 200
        configuration.workerThreads = 2
        configuration.lingerTimeout = 0.5
        configuration.shutdownGracePeriod = 2
        adjust(&configuration)
        let logs = self.logs
        let server = HTTPServer(configuration: configuration, responder: responder, onRequest: { logs.record($0) })
        port = try server.start()
        self.server = server
    }

    func client() throws -> TestHTTPClient {
        try TestHTTPClient(port: port)
    }

    override func tearDown() {
        // Release any responder still waiting so the pool can stop.
        for _ in 0..<4 { responder.gate.signal() }
        server?.shutdown()
        server?.waitUntilStopped()
        server = nil
        super.tearDown()
    }

    /// The exact problem+json body the server sends for its own errors.
    func problemBody(_ status: Int, _ detail: String) -> String {
        "{\"type\":\"about:blank\",\"title\":\"\(HTTPResponse.reasonPhrase(status))\",\"status\":\(status),\"detail\":\"\(detail)\"}"
    }
}
