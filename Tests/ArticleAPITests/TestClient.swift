import Foundation
import HTTPServer
#if canImport(Glibc)
import Glibc
#endif

/// A response as a test sees it.
struct TestResponse {
    var status: Int
    var headers: [String: String]  // lower-cased names
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
}

/// Sends requests to the API, either in process or over a live socket, so one set of
/// tests covers the handlers and the transport.
protocol APITestClient {
    func send(_ method: String, _ target: String, headers: [(String, String)], body: [UInt8]) throws -> TestResponse
}

extension APITestClient {
    func get(_ target: String) throws -> TestResponse { try send("GET", target, headers: [], body: []) }
    func delete(_ target: String) throws -> TestResponse { try send("DELETE", target, headers: [], body: []) }
    func postJSON(_ target: String, _ object: [String: Any]) throws -> TestResponse {
        let data = try JSONSerialization.data(withJSONObject: object)
        return try send("POST", target, headers: [("Content-Type", "application/json")], body: Array(data))
    }
    func postText(_ target: String, _ text: String) throws -> TestResponse {
        try send("POST", target, headers: [("Content-Type", "text/plain")], body: Array(text.utf8))
    }
}

/// Calls the responder directly: no socket, no parser.
struct InProcessClient: APITestClient {
    let responder: any HTTPResponder

    func send(_ method: String, _ target: String, headers: [(String, String)], body: [UInt8]) throws -> TestResponse {
        let r = responder.respond(to: HTTPRequest(method: method, target: target, headers: HTTPHeaders(headers), body: body))
        var h: [String: String] = [:]
        for (k, v) in r.headers { h[k.lowercased()] = v }
        return TestResponse(status: r.status, headers: h, body: method == "HEAD" ? [] : r.body)
    }
}

/// A blocking HTTP/1.1 client over one keep-alive TCP connection to 127.0.0.1.
final class LiveClient: APITestClient {
    private let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var tv = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { throw NSError(domain: "LiveClient", code: Int(errno)) }
    }

    deinit { close(fd) }

    func sendRaw(_ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
    }

    func send(_ method: String, _ target: String, headers: [(String, String)], body: [UInt8]) throws -> TestResponse {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        sendRaw(Array(head.utf8) + body)
        return try readResponse(isHead: method == "HEAD")
    }

    /// Reads one response (Content-Length framed, as the server always frames them).
    /// `interim`: return a 100 Continue instead of skipping it.
    func readResponse(isHead: Bool = false, interim: Bool = false) throws -> TestResponse {
        while true {
            if let end = find([13, 10, 13, 10]) {
                let head = String(decoding: buffer[..<end], as: UTF8.self)
                var lines = head.components(separatedBy: "\r\n")
                let statusLine = lines.removeFirst().split(separator: " ")
                guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw NSError(domain: "LiveClient", code: -1) }
                var headers: [String: String] = [:]
                for l in lines {
                    guard let c = l.firstIndex(of: ":") else { continue }
                    headers[l[..<c].lowercased()] = l[l.index(after: c)...].trimmingCharacters(in: .whitespaces)
                }
                let length = (status == 100 || status == 204 || isHead) ? 0 : Int(headers["content-length"] ?? "0") ?? 0
                while buffer.count < end + 4 + length { try fill() }
                let body = Array(buffer[(end + 4)..<(end + 4 + length)])
                buffer.removeFirst(end + 4 + length)
                if status == 100 && !interim { continue }
                return TestResponse(status: status, headers: headers, body: body)
            }
            try fill()
        }
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &chunk, chunk.count, 0)
        guard n > 0 else { throw NSError(domain: "LiveClient", code: Int(n == 0 ? -2 : errno)) }
        buffer.append(contentsOf: chunk[..<n])
    }

    private func find(_ pattern: [UInt8]) -> Int? {
        guard buffer.count >= pattern.count else { return nil }
        for i in 0...(buffer.count - pattern.count) where buffer[i] == pattern[0] && Array(buffer[i..<(i + pattern.count)]) == pattern {
            return i
        }
        return nil
    }
}
