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

    /// Appends bytes to the response without building a `String` first: the head of a
    /// small response costs as much as its body otherwise.
    static func encode(_ response: HTTPResponse, date: [UInt8], omitBody: Bool, connection: ConnectionHeader) -> [UInt8] {
        let status = (100...999).contains(response.status) ? response.status : 500
        // 1xx, 204 and 304 never carry a body; 204 and 1xx must not declare a length.
        let bodyAllowed = !(status < 200 || status == 204 || status == 304)
        let sendBody = bodyAllowed && !omitBody
        var bytes: [UInt8] = []
        bytes.reserveCapacity(160 + response.headers.count * 48 + (sendBody ? response.body.count : 0))
        bytes += statusLine(status)
        var hasDate = false, hasServer = false
        for field in response.headers {
            if !hasDate && HTTPHeaders.sameName(field.name, "Date") { hasDate = true }
            if !hasServer && HTTPHeaders.sameName(field.name, "Server") { hasServer = true }
        }
        if !hasDate {
            bytes += dateName
            bytes += date
            bytes += crlf
        }
        if !hasServer { bytes += serverField }
        for field in response.headers {
            guard isToken(field.name), !managed.contains(where: { HTTPHeaders.sameName($0, field.name) }) else { continue }
            bytes += field.name.utf8
            bytes += colonSpace
            // Line breaks in a value would let a responder split the response: one space
            // for each CR, LF, CRLF or NUL.
            var afterCR = false
            for byte in field.value.utf8 {
                if byte == 0x0A && afterCR { afterCR = false; continue }
                afterCR = byte == 0x0D
                bytes.append(byte == 0x0D || byte == 0x0A || byte == 0 ? 0x20 : byte)
            }
            bytes += crlf
        }
        if bodyAllowed {
            bytes += contentLengthName
            appendDecimal(response.body.count, to: &bytes)
            bytes += crlf
        }
        switch connection {
        case .none: break
        case .keepAlive: bytes += keepAliveField
        case .close: bytes += closeField
        }
        bytes += crlf
        if sendBody { bytes += response.body }
        return bytes
    }

    private static let crlf: [UInt8] = [0x0D, 0x0A]
    private static let colonSpace: [UInt8] = [0x3A, 0x20]
    private static let dateName = Array("Date: ".utf8)
    private static let serverField = Array("Server: article-entities\r\n".utf8)
    private static let contentLengthName = Array("Content-Length: ".utf8)
    private static let keepAliveField = Array("Connection: keep-alive\r\n".utf8)
    private static let closeField = Array("Connection: close\r\n".utf8)
    /// Status lines of the codes in common use, made once.
    private static let statusLines: [Int: [UInt8]] = {
        var lines: [Int: [UInt8]] = [:]
        for status in [100, 200, 201, 204, 304, 400, 401, 403, 404, 405, 408, 409, 413, 414, 415, 421,
                       422, 429, 431, 500, 501, 503, 505] {
            lines[status] = makeStatusLine(status)
        }
        return lines
    }()

    private static func statusLine(_ status: Int) -> [UInt8] {
        statusLines[status] ?? makeStatusLine(status)
    }

    private static func makeStatusLine(_ status: Int) -> [UInt8] {
        Array("HTTP/1.1 \(status) \(HTTPResponse.reasonPhrase(status))\r\n".utf8)
    }

    /// `value` in decimal, as `String(value)` writes it (the encoder's lengths, the log's
    /// statuses and durations, the years of dates).
    static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(0x2D) }  // -
        let magnitude = value.magnitude
        var divisor: UInt = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        repeat {
            bytes.append(UInt8(truncatingIfNeeded: 0x30 + magnitude / divisor % 10))
            divisor /= 10
        } while divisor > 0
    }

    /// The interim response sent before reading a body the client held back.
    static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

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
