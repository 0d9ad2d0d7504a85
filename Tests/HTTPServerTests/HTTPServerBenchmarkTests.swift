import Foundation
import XCTest
@testable import HTTPServer

/// Serves a trivial responder for an external load generator; skipped unless HTTP_BENCH=1.
///
///     HTTP_BENCH=1 HTTP_BENCH_PORT=8099 swift test -c release --filter HTTPServerBenchmarkTests &
///     wrk -t2 -c32 -d5s http://127.0.0.1:8099/
final class HTTPServerBenchmarkTests: XCTestCase {
    struct HelloResponder: HTTPResponder {
        func respond(to request: HTTPRequest) -> HTTPResponse {
            let text = request.body.isEmpty ? "hello\n" : "received \(request.body.count) bytes\n"
            return HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "text/plain")]), body: Array(text.utf8))
        }
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.lock(); count += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return count }
    }

    func testServeForLoadGenerator() throws {
        let environment = ProcessInfo.processInfo.environment
        guard environment["HTTP_BENCH"] == "1" else {
            throw XCTSkip("set HTTP_BENCH=1 to serve for wrk (see the type's comment)")
        }
        var configuration = HTTPServerConfiguration()
        configuration.host = environment["HTTP_BENCH_HOST"] ?? "127.0.0.1"
        configuration.port = Int(environment["HTTP_BENCH_PORT"] ?? "8099") ?? 8099
        let counter = Counter()
        let server = HTTPServer(configuration: configuration, responder: HelloResponder(), onRequest: { _ in counter.add() })
        let port = try server.start()
        let seconds = Double(environment["HTTP_BENCH_SECONDS"] ?? "15") ?? 15
        // Unbuffered stderr: the log is usually a file, and the load generator waits for this line.
        FileHandle.standardError.write(Data("HTTP_BENCH serving on \(configuration.host) port \(port) for \(seconds) s\n".utf8))
        Thread.sleep(forTimeInterval: seconds)
        server.shutdown()
        server.waitUntilStopped()
        print("HTTP_BENCH served \(counter.value) responses")
    }
}
