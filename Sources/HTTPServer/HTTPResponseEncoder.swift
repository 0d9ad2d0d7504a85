/// Turns a response into the exact bytes written: status line, headers and body in one
/// buffer, so each response goes out in a single `send`.
enum HTTPResponseEncoder {
    /// How the connection continues after this response.
    enum ConnectionHeader {
        /// HTTP/1.1 keep-alive: no `Connection` header needed.
        case none
        /// HTTP/1.0 client that asked for keep-alive: confirm it.
        case keepAlive
        case close
    }

    /// Headers the server owns; a responder's values for them are ignored.
    private static let managed = ["content-length", "transfer-encoding", "connection"]

    static func encode(_ response: HTTPResponse, date: String, omitBody: Bool, connection: ConnectionHeader) -> [UInt8] {
        let status = (100...999).contains(response.status) ? response.status : 500
        // 1xx, 204 and 304 never carry a body; 204 and 1xx must not declare a length.
        let bodyAllowed = !(status < 200 || status == 204 || status == 304)
        var head = "HTTP/1.1 \(status) \(HTTPResponse.reasonPhrase(status))\r\n"
        if !response.headers.contains("Date") { head += "Date: \(date)\r\n" }
        if !response.headers.contains("Server") { head += "Server: article-entities\r\n" }
        for field in response.headers {
            let lower = field.name.lowercased()
            guard !managed.contains(lower), isToken(field.name) else { continue }
            head += "\(field.name): \(sanitized(field.value))\r\n"
        }
        if bodyAllowed {
            head += "Content-Length: \(response.body.count)\r\n"
        }
        switch connection {
        case .none: break
        case .keepAlive: head += "Connection: keep-alive\r\n"
        case .close: head += "Connection: close\r\n"
        }
        head += "\r\n"
        var bytes = Array(head.utf8)
        if bodyAllowed && !omitBody {
            bytes.reserveCapacity(bytes.count + response.body.count)
            bytes.append(contentsOf: response.body)
        }
        return bytes
    }

    /// The interim response sent before reading a body the client held back.
    static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Line breaks in a value would let a responder split the response; replace them.
    private static func sanitized(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else { return value }
        return String(value.map { $0 == "\r" || $0 == "\n" || $0 == "\r\n" || $0 == "\0" ? " " : $0 })
    }

    private static func isToken(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { HTTPSyntax.isTokenByte($0) }
    }
}

/// Character classes from RFC 9110.
enum HTTPSyntax {
    private static let tokenTable: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in Array("!#$%&'*+-.^_`|~".utf8) { table[Int(byte)] = true }
        for byte in UInt8(0x30)...0x39 { table[Int(byte)] = true }
        for byte in UInt8(0x41)...0x5A { table[Int(byte)] = true }
        for byte in UInt8(0x61)...0x7A { table[Int(byte)] = true }
        return table
    }()

    @inline(__always) static func isTokenByte(_ byte: UInt8) -> Bool { tokenTable[Int(byte)] }

    /// Field value bytes: visible ASCII, space, tab and obs-text; no other controls.
    @inline(__always) static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte == 0x09 || (byte >= 0x20 && byte != 0x7F)
    }
}
