import Foundation
import Glibc
@testable import HTTPServer

/// A response as read off the wire by the test client.
struct WireResponse {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// A small blocking client: raw bytes out, responses parsed by Content-Length.
/// A receive timeout keeps a broken server from hanging the test run.
final class TestHTTPClient {
    private let fd: Int32
    private var buffer: [UInt8] = []

    init(host: String = "127.0.0.1", port: Int) throws {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let info = list else {
            throw NSError(domain: "TestHTTPClient", code: 1, userInfo: [NSLocalizedDescriptionKey: "cannot resolve \(host)"])
        }
        defer { freeaddrinfo(list) }
        fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, 0)
        guard connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            let code = errno
            Glibc.close(fd)
            throw NSError(domain: "TestHTTPClient", code: Int(code), userInfo: [NSLocalizedDescriptionKey: "connect failed"])
        }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { Glibc.close(fd) }

    func send(_ text: String) { send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return }
            offset += sent
        }
    }

    /// Closes our sending side only, as `nc -N` does.
    func finishSending() { shutdown(fd, Int32(SHUT_WR)) }

    /// Reads more bytes into the buffer; false on EOF, error or timeout.
    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer += chunk[0..<count]
        return true
    }

    /// The next response, or nil if the connection closed (or timed out) first.
    func readResponse(bodyless: Bool = false) -> WireResponse? {
        var headEnd: Int?
        while headEnd == nil {
            headEnd = findHeadEnd()
            if headEnd == nil && !fill() { return nil }
        }
        let head = String(decoding: buffer[0..<headEnd!], as: UTF8.self)
        buffer.removeFirst(headEnd! + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        let headers = lines.map { line -> (name: String, value: String) in
            let colon = line.firstIndex(of: ":")!
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var response = WireResponse(status: status, headers: headers, body: [])
        let length = bodyless ? 0 : Int(response.header("Content-Length") ?? "0")!
        while buffer.count < length {
            if !fill() { return nil }
        }
        response.body = Array(buffer[0..<length])
        buffer.removeFirst(length)
        return response
    }

    /// True when the server closed the connection with nothing more sent.
    func closedWithoutMoreData() -> Bool {
        buffer.isEmpty && !fill()
    }

    /// True when the server closes the connection (EOF or reset) before the receive
    /// timeout; false when it is still open then, or sends data.
    func waitForClose() -> Bool {
        var byte: UInt8 = 0
        let count = recv(fd, &byte, 1, 0)
        return count == 0 || (count < 0 && errno == ECONNRESET)
    }

    private func findHeadEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4)
        where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
            return index
        }
        return nil
    }
}

/// Echoes what it received; `/slow` blocks until the test opens the gate;
/// `/big` answers with `size` bytes.
final class EchoResponder: HTTPResponder, @unchecked Sendable {
    let started = DispatchSemaphore(value: 0)
    let gate = DispatchSemaphore(value: 0)

    func respond(to request: HTTPRequest) -> HTTPResponse {
        switch request.path {
        case "/slow":
            started.signal()
            gate.wait()
            return HTTPResponse(status: 200, body: Array("slow done".utf8))
        case "/big":
            let size = Int(request.query("size") ?? "0") ?? 0
            return HTTPResponse(status: 200, body: [UInt8](repeating: 0x61, count: size))
        default:
            let query = request.queryItems.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
            let text = "\(request.method) \(request.path) [\(query)] \(String(decoding: request.body, as: UTF8.self))"
            return HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "text/plain")]), body: Array(text.utf8))
        }
    }

    /// `/later` returns at once and is answered when the test calls `replyLater` (from the
    /// test's thread), as a responder waiting on a group commit answers.
    private let laterLock = NSLock()
    private var laterReplies: [@Sendable (HTTPResponse) -> Void] = []
    let laterQueued = DispatchSemaphore(value: 0)

    func respond(to request: HTTPRequest, reply: @escaping @Sendable (HTTPResponse) -> Void) {
        guard request.path == "/later" else { return reply(respond(to: request)) }
        laterLock.lock()
        laterReplies.append(reply)
        laterLock.unlock()
        laterQueued.signal()
    }

    /// Answers the oldest `/later` request still waiting; false when none waits.
    @discardableResult
    func replyLater(_ text: String) -> Bool {
        laterLock.lock()
        let reply = laterReplies.isEmpty ? nil : laterReplies.removeFirst()
        laterLock.unlock()
        reply?(HTTPResponse(status: 201, body: Array(text.utf8)))
        return reply != nil
    }

    /// `/inline?n=…` is answered on the I/O thread, never by a worker.
    func respondInline(to request: HTTPRequest) -> HTTPResponse? {
        guard request.path == "/inline" else { return nil }
        return HTTPResponse(status: 200, body: Array("inline \(request.query("n") ?? "")".utf8))
    }
}

/// Collects access-log entries from the server's threads.
final class LogCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [HTTPRequestLog] = []

    func record(_ entry: HTTPRequestLog) {
        lock.lock()
        entries.append(entry)
        lock.unlock()
    }

    /// "METHOD path status" per entry.
    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return entries.map { "\($0.method) \($0.path) \($0.status)" }
    }

    var remotes: [String] {
        lock.lock()
        defer { lock.unlock() }
        return entries.map(\.remote)
    }

    var statuses: [Int] {
        lock.lock()
        defer { lock.unlock() }
        return entries.map(\.status)
    }
}
