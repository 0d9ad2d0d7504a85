import XCTest
@testable import HTTPServer

final class HTTPValueTests: XCTestCase {
    func testHeadersAreOrderedAndCaseInsensitive() {
        var headers = HTTPHeaders([("Content-Type", "text/plain"), ("X-A", "1"), ("x-a", "2")])
        XCTAssertEqual(headers["content-type"], "text/plain")
        XCTAssertEqual(headers["X-a"], "1")
        XCTAssertEqual(headers.values("X-A"), ["1", "2"])
        headers.set("X-A", "3")
        headers.add("Vary", "Accept")
        XCTAssertEqual(headers.map { "\($0.name)=\($0.value)" }, ["Content-Type=text/plain", "X-A=3", "Vary=Accept"])
        XCTAssertNil(headers["Missing"])
    }

    func testRequestInitParsesTarget() {
        let request = HTTPRequest(method: "GET", target: "/v1/articles/a%2Fb?q=caf%C3%A9+au+lait&q=2&empty=")
        XCTAssertEqual(request.path, "/v1/articles/a/b")
        XCTAssertEqual(request.queryItems.map { "\($0.name)=\($0.value)" }, ["q=café au lait", "q=2", "empty="])
        XCTAssertEqual(request.query("q"), "café au lait")
        XCTAssertNil(request.query("none"))
        let undecodable = HTTPRequest(method: "GET", target: "/x%zz?a=%zz&b=1")
        XCTAssertEqual(undecodable.path, "/x%zz")
        XCTAssertTrue(undecodable.queryItems.isEmpty)
    }

    func testProblemJSON() {
        let problem = HTTPResponse.problem(status: 413, detail: "too \"big\"\n\u{1}", headers: HTTPHeaders([("Retry-After", "1")]))
        XCTAssertEqual(problem.status, 413)
        XCTAssertEqual(problem.headers.map { "\($0.name): \($0.value)" },
                       ["Retry-After: 1", "Content-Type: application/problem+json"])
        XCTAssertEqual(String(decoding: problem.body, as: UTF8.self),
                       #"{"type":"about:blank","title":"Content Too Large","status":413,"detail":"too \"big\"\n\u0001"}"#)
        XCTAssertEqual(HTTPResponse.reasonPhrase(431), "Request Header Fields Too Large")
        XCTAssertEqual(HTTPResponse.reasonPhrase(599), "Server Error")
    }

    func testEncoderWritesExactBytes() {
        let response = HTTPResponse(status: 201, headers: HTTPHeaders([("Content-Type", "application/json"),
                                                                       ("Content-Length", "999"), ("X-Bad", "a\r\nInjected: 1")]),
                                    body: Array("{}".utf8))
        let date = "Thu, 14 Mar 2024 10:00:00 GMT"
        XCTAssertEqual(String(decoding: HTTPResponseEncoder.encode(response, date: Array(date.utf8), omitBody: false, connection: .none), as: UTF8.self),
                       "HTTP/1.1 201 Created\r\nDate: \(date)\r\nServer: article-entities\r\nContent-Type: application/json\r\n"
                       + "X-Bad: a Injected: 1\r\nContent-Length: 2\r\n\r\n{}")
        XCTAssertEqual(String(decoding: HTTPResponseEncoder.encode(response, date: Array(date.utf8), omitBody: true, connection: .close), as: UTF8.self),
                       "HTTP/1.1 201 Created\r\nDate: \(date)\r\nServer: article-entities\r\nContent-Type: application/json\r\n"
                       + "X-Bad: a Injected: 1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n")
        XCTAssertEqual(String(decoding: HTTPResponseEncoder.encode(HTTPResponse(status: 204, body: [1]), date: Array(date.utf8),
                                                                   omitBody: false, connection: .keepAlive), as: UTF8.self),
                       "HTTP/1.1 204 No Content\r\nDate: \(date)\r\nServer: article-entities\r\nConnection: keep-alive\r\n\r\n")
    }

    func testIMFFixdate() {
        XCTAssertEqual(Self.imf(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT")
        XCTAssertEqual(Self.imf(1_710_410_405), "Thu, 14 Mar 2024 10:00:05 GMT")
        XCTAssertEqual(Self.imf(0), "Thu, 01 Jan 1970 00:00:00 GMT")
    }

    /// The log's stamp and the `Date` header come from the same calendar fields.
    func testRFC3339AndTheSameSecondAsIMFFixdate() {
        XCTAssertEqual(String(decoding: UTCSecond(secondsSince1970: 0).rfc3339, as: UTF8.self), "1970-01-01T00:00:00Z")
        XCTAssertEqual(String(decoding: UTCSecond(secondsSince1970: 1_764_618_056).rfc3339, as: UTF8.self), "2025-12-01T19:40:56Z")
        XCTAssertEqual(Self.imf(1_764_618_056), "Mon, 01 Dec 2025 19:40:56 GMT")
        // 2024-02-29 23:59:59 and the second after it.
        XCTAssertEqual(String(decoding: UTCSecond(secondsSince1970: 1_709_251_199).rfc3339, as: UTF8.self), "2024-02-29T23:59:59Z")
        XCTAssertEqual(Self.imf(1_709_251_200), "Fri, 01 Mar 2024 00:00:00 GMT")
    }

    /// Formatted once per second: the same second gives the cached bytes, the next one new ones.
    func testSecondTextFormatsOncePerSecond() {
        var calls = 0
        let text = UTCSecondText { calls += 1; return $0.rfc3339 }
        XCTAssertEqual(String(decoding: text.text(for: 0), as: UTF8.self), "1970-01-01T00:00:00Z")
        XCTAssertEqual(String(decoding: text.text(for: 0), as: UTF8.self), "1970-01-01T00:00:00Z")
        XCTAssertEqual(calls, 1)
        XCTAssertEqual(String(decoding: text.text(for: 1), as: UTF8.self), "1970-01-01T00:00:01Z")
        XCTAssertEqual(calls, 2)
    }

    /// Event loops and workers default to the cores the process may run on, as the
    /// kernel lists them for it (`taskset -c 0` gives one), not the machine's count.
    func testDefaultThreadsFollowTheCPUAffinity() throws {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try XCTUnwrap(status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") })
        var allowed = 0
        for range in line.dropFirst("Cpus_allowed_list:".count).trimmingCharacters(in: .whitespaces).split(separator: ",") {
            let ends = range.split(separator: "-").compactMap { Int($0) }
            allowed += ends.count == 2 ? ends[1] - ends[0] + 1 : 1
        }
        XCTAssertEqual(HTTPServerConfiguration.usableCores, min(allowed, ProcessInfo.processInfo.activeProcessorCount))
        XCTAssertEqual(HTTPServerConfiguration().eventLoops, HTTPServerConfiguration.usableCores)
        XCTAssertEqual(HTTPServerConfiguration().workerThreads, HTTPServerConfiguration.usableCores)
    }

    private static func imf(_ seconds: Int) -> String {
        String(decoding: UTCSecond(secondsSince1970: seconds).imfFixdate, as: UTF8.self)
    }
}
