import Foundation
import Glibc
import XCTest
@testable import HTTPServer

/// The log writer drops and counts what a closed, full or failing descriptor cannot take,
/// and never blocks or traps the caller. No timing: each test only waits for the writer
/// to have handled what was queued.
final class LogWriterTests: XCTestCase {
    private func makePipe(capacity: Int32 = 4096) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        _ = fcntl(fds[1], 1031 /* F_SETPIPE_SZ */, capacity)
        return (fds[0], fds[1])
    }

    /// Reads until EOF, or until a non-blocking descriptor has nothing more.
    private static func readAll(_ fd: Int32) -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { return out }
            out += chunk[0..<count]
        }
    }

    private func lines(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    func testLinesCarryTheSecondInUTC() {
        let (r, w) = makePipe()
        let writer = LogWriter(descriptor: w)
        writer.log("GET / 200 1.5ms")
        XCTAssertTrue(writer.flush(timeout: 10))
        writer.stop()
        close(w)
        let written = lines(Self.readAll(r))
        close(r)
        XCTAssertEqual(written.count, 1)
        XCTAssertTrue(written[0].hasSuffix("Z GET / 200 1.5ms"), written[0])
        XCTAssertEqual(written[0].count, "2026-12-01T19:40:56Z GET / 200 1.5ms".count)
        XCTAssertEqual(writer.droppedLines, 0)
    }

    /// `serve 2>&1 | head -1`: once the reader has gone, writes fail with EPIPE.
    func testPipeWithClosedReadEndDropsAndCounts() {
        let (r, w) = makePipe()
        close(r)
        let writer = LogWriter(descriptor: w)
        for n in 0..<3 { writer.log("line \(n)") }
        XCTAssertTrue(writer.flush(timeout: 10))
        XCTAssertEqual(writer.droppedLines, 3)
        for n in 3..<5 { writer.log("line \(n)") }
        XCTAssertTrue(writer.flush(timeout: 10))
        XCTAssertEqual(writer.droppedLines, 5)
        writer.stop()
        close(w)
    }

    /// A reader that does not read: the writer thread blocks in write(2), the callers do not.
    func testFullBlockingPipeDropsInsteadOfBlocking() {
        let (r, w) = makePipe()
        let writer = LogWriter(descriptor: w, maxPendingBytes: 4096)
        let text = String(repeating: "x", count: 100)
        for n in 0..<1000 { writer.log("\(n) \(text)") }
        // At most pipe + pending + one batch (about 76 KiB even if the pipe kept its default
        // 64 KiB) of the ~125 KiB logged can have been taken.
        XCTAssertGreaterThan(writer.droppedLines, 0)
        // Now read everything: what arrives are whole lines, and nothing is lost uncounted.
        final class Received: @unchecked Sendable { var bytes: [UInt8] = [] }
        let received = Received()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue(label: "pipe-reader").async {
            received.bytes = Self.readAll(r)  // read only after `done` is signalled
            done.signal()
        }
        XCTAssertTrue(writer.flush(timeout: 10))
        writer.stop()
        close(w)
        done.wait()
        close(r)
        let delivered = lines(received.bytes)
        XCTAssertTrue(delivered.allSatisfy { $0.hasSuffix(text) })
        XCTAssertEqual(delivered.count + writer.droppedLines, 1000)
    }

    /// A non-blocking descriptor that is full answers EAGAIN: the batch is dropped at once.
    func testFullNonBlockingPipeDropsOnEAGAIN() {
        let (r, w) = makePipe()
        _ = fcntl(w, F_SETFL, fcntl(w, F_GETFL) | O_NONBLOCK)
        var byte: UInt8 = 0x2E
        var filler = 0
        while write(w, &byte, 1) == 1 { filler += 1 }
        XCTAssertEqual(errno, EAGAIN)
        let writer = LogWriter(descriptor: w)
        for n in 0..<50 { writer.log("line \(n)") }
        XCTAssertTrue(writer.flush(timeout: 10))
        XCTAssertEqual(writer.droppedLines, 50)
        writer.stop()
        close(w)
        XCTAssertEqual(Self.readAll(r).count, filler, "only the filler was in the pipe")
        close(r)
    }

    func testRequestLinesAreFormattedByTheWriterInOrderWithText() {
        XCTAssertEqual(LogWriter.requestLine(HTTPRequestLog(method: "GET", path: "/healthz", status: 200, duration: 0.01234, remote: "")),
                       "GET /healthz 200 12.3ms")
        XCTAssertEqual(LogWriter.requestLine(HTTPRequestLog(method: "-", path: "-", status: 400, duration: .nan, remote: "")), "- - 400 0.0ms")
        let (r, w) = makePipe(capacity: 65_536)
        let writer = LogWriter(descriptor: w)
        writer.log("listening")
        writer.log(request: HTTPRequestLog(method: "POST", path: "/v1/articles", status: 201, duration: 0.0005, remote: "x"))
        writer.log("stopped")
        XCTAssertTrue(writer.flush(timeout: 10))
        writer.stop()
        close(w)
        let written = lines(Self.readAll(r))
        close(r)
        XCTAssertEqual(written.map { String($0.dropFirst(21)) }, ["listening", "POST /v1/articles 201 0.5ms", "stopped"])
    }

    /// A decoded path may hold a newline (`%0A`), a space or `%`: written percent-encoded,
    /// so a request can never forge a second line or a fifth field.
    func testRequestLineEncodesSpacesControlsAndPercentInThePath() {
        XCTAssertEqual(LogWriter.requestLine(HTTPRequestLog(method: "GET", path: "/a\nb c%\u{7F}\tz\r", status: 404,
                                                            duration: 1.23456, remote: "")),
                       "GET /a%0Ab%20c%25%7F%09z%0D 404 1234.6ms")
        XCTAssertEqual(LogWriter.requestLine(HTTPRequestLog(method: "GET", path: "/caf\u{E9}/\u{1F600}", status: 200,
                                                            duration: 0.00004, remote: "")),
                       "GET /caf\u{E9}/\u{1F600} 200 0.0ms", "other UTF-8 as it is")
        let (r, w) = makePipe(capacity: 65_536)
        let writer = LogWriter(descriptor: w)
        writer.log(request: HTTPRequestLog(method: "GET", path: "/x\n2026-01-01T00:00:00Z GET /forged 200 0.1ms", status: 404,
                                           duration: 0, remote: ""))
        XCTAssertTrue(writer.flush(timeout: 10))
        writer.stop()
        close(w)
        let written = lines(Self.readAll(r))
        close(r)
        XCTAssertEqual(written.map { String($0.dropFirst(21)) },
                       ["GET /x%0A2026-01-01T00:00:00Z%20GET%20/forged%20200%200.1ms 404 0.0ms"])
    }

    func testDecimalDigitsAreStringsDigits() {
        for n in [0, 7, 10, 99, 100, 404, 65_535, -1, -12, Int.max, Int.min] {
            var bytes: [UInt8] = []
            HTTPResponseEncoder.appendDecimal(n, to: &bytes)
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), String(n))
        }
    }

    /// Request entries count against the same bound as text: past it they are dropped and counted.
    func testRequestLinesBeyondTheBoundAreDroppedAndCounted() {
        let (r, w) = makePipe()
        close(r)
        let writer = LogWriter(descriptor: w, maxPendingBytes: 100)
        for _ in 0..<50 {
            writer.log(request: HTTPRequestLog(method: "GET", path: "/a/long/path/to/something", status: 200, duration: 0, remote: ""))
        }
        XCTAssertTrue(writer.flush(timeout: 10))
        XCTAssertEqual(writer.droppedLines, 50, "each dropped: refused by the bound or by the closed pipe")
        writer.stop()
        close(w)
    }
}
