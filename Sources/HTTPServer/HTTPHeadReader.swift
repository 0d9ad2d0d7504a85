/// How a request's body is delimited.
enum HTTPBodyFraming: Equatable, Sendable {
    case length(Int)
    case chunked
}

/// A parsed request head, before its body has arrived.
struct HTTPRequestHead: Sendable {
    var method: String
    var target: String
    var path: String
    var queryItems: [(name: String, value: String)]
    var headers: HTTPHeaders
    var minorVersion: Int
    var keepAlive: Bool
    var expectsContinue: Bool
    var framing: HTTPBodyFraming
}

/// Reads a request head one line at a time (each without its CRLF) and applies the framing
/// rules of RFC 9112 strictly, since lenient framing is what request smuggling exploits.
/// Every line is judged as soon as it is complete, so a client that sent an impossible
/// version or Content-Length is answered at once instead of when (if ever) its head ends.
struct HTTPHeadReader {
    private struct RequestLine {
        var method: String
        var target: String
        var minor: Int
        var path: String
        var query: [(name: String, value: String)]
    }

    enum Step {
        case needMoreLines
        case complete(HTTPRequestHead)
    }

    let limits: HTTPParserLimits
    private var requestLine: RequestLine?
    private var headers = HTTPHeaders()
    private var hostCount = 0
    private var contentLength: Int?
    private var transferEncodings = 0
    private var chunked = false

    init(limits: HTTPParserLimits) {
        self.limits = limits
    }

    /// True once the request line has been read: later lines are header fields.
    var hasRequestLine: Bool { requestLine != nil }

    /// The error with the request line's method and path, once known, for the access log.
    func annotated(_ error: HTTPParseError) -> HTTPParseError {
        guard let requestLine else { return error }
        return error.with(method: requestLine.method, path: requestLine.path)
    }

    mutating func read(_ line: ArraySlice<UInt8>) -> Result<Step, HTTPParseError> {
        guard let requestLine else {
            return HTTPRequestLineParser.parse(line, limits: limits).map { parsed in
                requestLine = RequestLine(method: parsed.method, target: parsed.target, minor: parsed.minor,
                                          path: parsed.path, query: parsed.query)
                return .needMoreLines
            }
        }
        if line.isEmpty {
            return finish(requestLine).map { .complete($0) }.mapError { $0.with(method: requestLine.method, path: requestLine.path) }
        }
        return addField(line, minor: requestLine.minor).map { .needMoreLines }
            .mapError { $0.with(method: requestLine.method, path: requestLine.path) }
    }

    private mutating func addField(_ line: ArraySlice<UInt8>, minor: Int) -> Result<Void, HTTPParseError> {
        if headers.count >= limits.maxHeaderCount {
            return .failure(HTTPParseError(status: 431, detail: "more than \(limits.maxHeaderCount) header fields"))
        }
        let name: String, value: String
        switch HTTPHeadParser.parseField(line) {
        case .failure(let error): return .failure(error)
        case .success(let field): (name, value) = field
        }
        headers.add(name, value)
        if HTTPHeaders.sameName(name, "Host") {
            hostCount += 1
            if hostCount > 1 { return .failure(.badRequest("more than one Host header")) }
        } else if HTTPHeaders.sameName(name, "Content-Length") {
            if transferEncodings > 0 { return .failure(.badRequest("both Content-Length and Transfer-Encoding present")) }
            return addContentLength(value)
        } else if HTTPHeaders.sameName(name, "Transfer-Encoding") {
            if contentLength != nil { return .failure(.badRequest("both Content-Length and Transfer-Encoding present")) }
            if minor == 0 { return .failure(.badRequest("Transfer-Encoding in an HTTP/1.0 request")) }
            transferEncodings += 1
            for coding in HTTPHeadParser.listElements(value) {
                // Anything after chunked would make the length unknowable; anything else we cannot decode.
                if chunked { return .failure(.badRequest("chunked must be the final transfer coding, once")) }
                guard coding == "chunked" else {
                    return .failure(HTTPParseError(status: 501, detail: "only the chunked transfer coding is supported"))
                }
                chunked = true
            }
        }
        return .success(())
    }

    private mutating func addContentLength(_ value: String) -> Result<Void, HTTPParseError> {
        for element in value.split(separator: ",", omittingEmptySubsequences: false) {
            let digits = element.trimmingWhitespace()
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                return .failure(.badRequest("invalid Content-Length"))
            }
            // Too many digits for an Int is still a well-formed, just enormous, length.
            let length = digits.count > 18 ? Int.max : Int(digits)!
            if let previous = contentLength, previous != length {
                return .failure(.badRequest("conflicting Content-Length values"))
            }
            contentLength = length
        }
        if let length = contentLength, length > limits.maxBodyBytes {
            return .failure(HTTPParseError(status: 413, detail: "request body larger than \(limits.maxBodyBytes) bytes"))
        }
        return .success(())
    }

    /// What only the whole head can tell: a missing Host or coding, Expect, keep-alive.
    private func finish(_ line: RequestLine) -> Result<HTTPRequestHead, HTTPParseError> {
        if line.minor == 1 && hostCount == 0 { return .failure(.badRequest("missing Host header")) }
        let framing: HTTPBodyFraming
        if transferEncodings > 0 {
            guard chunked else { return .failure(.badRequest("empty Transfer-Encoding")) }
            framing = .chunked
        } else {
            framing = .length(contentLength ?? 0)
        }
        var expectsContinue = false
        if line.minor == 1, let expect = headers["Expect"] {
            guard expect.lowercased() == "100-continue", headers.values("Expect").count == 1 else {
                return .failure(HTTPParseError(status: 417, detail: "only Expect: 100-continue is supported"))
            }
            expectsContinue = true
        }
        let options = headers.values("Connection").flatMap(HTTPHeadParser.listElements)
        let keepAlive = line.minor == 1 ? !options.contains("close") : options.contains("keep-alive") && !options.contains("close")
        return .success(HTTPRequestHead(method: line.method, target: line.target, path: line.path, queryItems: line.query,
                                        headers: headers, minorVersion: line.minor, keepAlive: keepAlive,
                                        expectsContinue: expectsContinue, framing: framing))
    }
}

/// Field-level helpers shared by the head reader and chunked trailers.
enum HTTPHeadParser {
    /// One `name: value` line.
    static func parseField(_ line: ArraySlice<UInt8>) -> Result<(String, String), HTTPParseError> {
        guard let first = line.first else { return .failure(.badRequest("empty header line")) }
        if first == 0x20 || first == 0x09 {
            return .failure(.badRequest("obsolete line folding is not accepted"))
        }
        guard let colon = line.firstIndex(of: 0x3A), colon > line.startIndex,
              line[line.startIndex..<colon].allSatisfy(HTTPSyntax.isTokenByte)
        else { return .failure(.badRequest("malformed header field")) }
        var value = line[(colon + 1)...]
        while let b = value.first, b == 0x20 || b == 0x09 { value = value.dropFirst() }
        while let b = value.last, b == 0x20 || b == 0x09 { value = value.dropLast() }
        guard value.allSatisfy(HTTPSyntax.isFieldValueByte) else {
            return .failure(.badRequest("control character in header value"))
        }
        let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
        // Values are UTF-8 in practice; anything else is read as ISO-8859-1 per RFC 9110.
        let text = String(validating: value, as: UTF8.self)
            ?? String(String.UnicodeScalarView(value.map { Unicode.Scalar($0) }))
        return .success((name, text))
    }

    /// A comma-separated list header's elements, trimmed and lower-cased, empty ones dropped.
    static func listElements(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingWhitespace().lowercased() }.filter { !$0.isEmpty }
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let c = slice.first, c == " " || c == "\t" { slice = slice.dropFirst() }
        while let c = slice.last, c == " " || c == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
