import Foundation
import Glibc

/// Writes log lines to a descriptor (standard error by default) from a background thread,
/// so logging never traps or blocks the caller: `FileHandle.write` traps on EPIPE
/// (`serve 2>&1 | head -1` killed the server on its first request), and a slow reader of
/// a blocking pipe would stall every request that logs.
///
/// Lines wait in a bounded queue and leave in batches with one `write(2)` each; request
/// lines are queued as the entry itself and formatted on the writer thread, so the
/// caller (an event loop) pays one lock and one append per line. A line
/// that does not fit (the reader is slow or stuck), or a batch the descriptor refuses
/// (EPIPE, EAGAIN, any error), is dropped and counted in `droppedLines`; after EPIPE
/// nothing more is attempted.
public final class LogWriter: @unchecked Sendable {
    private let descriptor: Int32
    private let maxPendingBytes: Int
    private let condition = NSCondition()
    /// A line as queued: its second, and either its text or the request it describes.
    private struct Entry {
        var second: Int
        var text: String?
        var request: HTTPRequestLog?
    }

    // Guarded by `condition`.
    private var pending: [Entry] = []
    private var pendingBytes = 0
    private var queued = 0
    private var finished = 0
    private var dropped = 0
    private var broken = false
    private var stopping = false
    private var writerWaiting = false
    /// `2026-12-01T19:40:56Z ` for each line's second; the writer thread's.
    private let stamps = UTCSecondText { $0.rfc3339 + [0x20] }

    /// Ignores SIGPIPE process-wide: a closed pipe must answer EPIPE, not end the process.
    public init(descriptor: Int32 = STDERR_FILENO, maxPendingBytes: Int = 1 << 20) {
        self.descriptor = descriptor
        self.maxPendingBytes = maxPendingBytes
        signal(SIGPIPE, SIG_IGN)
        let thread = Thread { [self] in run() }
        thread.name = "log-writer"
        thread.start()
    }

    /// Lines dropped so far because the descriptor was closed, full, failing or too slow.
    public var droppedLines: Int {
        condition.lock()
        defer { condition.unlock() }
        return dropped
    }

    /// Queues `text` as one line, after the UTC time to the second (`2026-12-01T19:40:56Z `).
    /// Returns at once whatever the descriptor is doing.
    public func log(_ text: String) {
        enqueue(Entry(second: Int(time(nil)), text: text), bytes: text.utf8.count + 22)
    }

    /// Queues the access-log line of a request, `GET /healthz 200 0.1ms` after the time;
    /// it is formatted on the writer thread.
    public func log(request: HTTPRequestLog) {
        enqueue(Entry(second: Int(time(nil)), request: request), bytes: request.method.utf8.count + request.path.utf8.count + 40)
    }

    private func enqueue(_ entry: Entry, bytes: Int) {
        condition.lock()
        defer { condition.unlock() }
        queued += 1
        if broken || stopping || pendingBytes + bytes > maxPendingBytes {
            dropped += 1
            finished += 1
            return
        }
        pending.append(entry)
        pendingBytes += bytes
        // Only a sleeping writer needs waking; one that is writing or pausing comes back anyway.
        if writerWaiting { condition.signal() }
    }

    /// `GET /healthz 200 12.3ms`, as text (`appendRequestLine` is what the writer uses).
    static func requestLine(_ e: HTTPRequestLog) -> String {
        var bytes: [UInt8] = []
        appendRequestLine(e, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `GET /healthz 200 12.3ms`: the duration to a tenth of a millisecond. Bytes
    /// appended in place, since a String built by interpolation per line was most of what
    /// a logged request cost (~4,000 of ~5,900 instructions for a /healthz).
    ///
    /// The path is the decoded one, so it may hold any byte but NUL: a space, a control
    /// character (`%0A` would start a forged line) or `%` is written percent-encoded, so
    /// each request is one line of four space-separated fields and the path reads back exactly.
    static func appendRequestLine(_ e: HTTPRequestLog, to out: inout [UInt8]) {
        let tenths = e.duration.isFinite ? Int((max(0, e.duration) * 10_000).rounded()) : 0
        appendBytes(of: e.method, to: &out)
        out.append(0x20)
        var path = e.path
        path.withUTF8 { bytes in
            guard bytes.contains(where: needsEncoding) else { return out.append(contentsOf: bytes) }
            for byte in bytes {
                if needsEncoding(byte) {
                    out.append(0x25)
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0x0F)])
                } else {
                    out.append(byte)
                }
            }
        }
        out.append(0x20)
        HTTPResponseEncoder.appendDecimal(e.status, to: &out)
        out.append(0x20)
        HTTPResponseEncoder.appendDecimal(tenths / 10, to: &out)
        out.append(0x2E)  // .
        HTTPResponseEncoder.appendDecimal(tenths % 10, to: &out)
        out.append(0x6D)  // m
        out.append(0x73)  // s
    }

    @inline(__always) private static func needsEncoding(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte == 0x7F || byte == 0x25
    }

    private static func appendBytes(of text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    private func format(_ entries: [Entry], into batch: inout [UInt8]) -> Int {
        var lines = entries.count
        for entry in entries {
            batch += stamps.text(for: entry.second)
            if let text = entry.text {
                let start = batch.count
                batch += text.utf8
                lines += Self.lineCount(batch[start...])
            }
            if let request = entry.request { Self.appendRequestLine(request, to: &batch) }
            batch.append(0x0A)
        }
        return lines
    }

    /// Waits until every line queued before the call is written or dropped, at most
    /// `timeout` seconds; false if time ran out (the descriptor is blocked).
    @discardableResult
    public func flush(timeout: Double = 2) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        let target = queued
        while finished < target {
            if !condition.wait(until: deadline) { return finished >= target }
        }
        return true
    }

    /// Writes what is queued, then ends the background thread; later lines are dropped.
    public func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func run() {
        var batch: [UInt8] = []
        var entries: [Entry] = []
        while true {
            condition.lock()
            while pending.isEmpty && !stopping {
                writerWaiting = true
                condition.wait()
                writerWaiting = false
            }
            if pending.isEmpty {
                condition.unlock()
                return
            }
            swap(&entries, &pending)
            pendingBytes = 0
            condition.unlock()
            let lines = format(entries, into: &batch)
            entries.removeAll(keepingCapacity: entries.capacity <= 4096)

            let lost = writeAll(batch)
            batch.removeAll(keepingCapacity: batch.capacity <= 65_536)

            condition.lock()
            dropped += lost.lines
            if lost.broken { broken = true }
            finished += lines
            condition.broadcast()
            let pause = !stopping
            condition.unlock()
            // A millisecond between batches lets lines gather: at most a thousand wake-ups
            // and writes a second however many requests are logged, instead of one each.
            if pause { usleep(1000) }
        }
    }

    /// Writes the batch; returns the lines not (completely) written. A non-blocking
    /// descriptor that fills up drops the rest of the batch, but a line already begun is
    /// finished first (waiting at most a second), so no reader sees half a line glued to the next.
    private func writeAll(_ bytes: [UInt8]) -> (lines: Int, broken: Bool) {
        var offset = 0
        var end = bytes.count
        while offset < end {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, end - offset) }
            if written > 0 {
                offset += written
                continue
            }
            let error = written < 0 ? errno : EIO
            if error == EINTR { continue }
            let atLineStart = offset == 0 || bytes[offset - 1] == 0x0A
            if (error == EAGAIN || error == EWOULDBLOCK) && !atLineStart && end == bytes.count {
                var ready = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                if poll(&ready, 1, 1000) == 1 {
                    end = bytes[offset...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
                    continue
                }
            }
            return (Self.lineCount(bytes[offset...]), error == EPIPE || error == EBADF)
        }
        return (Self.lineCount(bytes[end...]), false)
    }

    private static func lineCount(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
    }
}
