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

/// Parses a complete request head (request line and header fields, up to and including the
/// empty line) and applies the framing rules of RFC 9112 strictly, since lenient framing
/// is what request smuggling exploits.
enum HTTPHeadParser {
    static func parse(_ head: ArraySlice<UInt8>, limits: HTTPParserLimits) -> Result<HTTPRequestHead, HTTPParseError> {
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = head.startIndex
        var index = head.startIndex
        while index < head.endIndex {
            if head[index] == 0x0A {
                var end = index
                if end > lineStart && head[end - 1] == 0x0D { end -= 1 }
                let line = head[lineStart..<end]
                if line.contains(0x0D) { return .failure(.badRequest("bare CR in request head")) }
                lines.append(line)
                lineStart = index + 1
            }
            index += 1
        }
        // The last line is the empty one that ends the head.
        guard let requestLine = lines.first, lines.count >= 2 else {
            return .failure(.badRequest("incomplete request head"))
        }
        let fieldLines = lines[1..<(lines.count - 1)]
        if fieldLines.count > limits.maxHeaderCount {
            return .failure(HTTPParseError(status: 431, detail: "more than \(limits.maxHeaderCount) header fields"))
        }
        switch parseRequestLine(requestLine, limits: limits) {
        case .failure(let error): return .failure(error)
        case .success(let (method, target, minor)):
            let rawPath = String(HTTPRequestTarget.split(target).path)
            var headers = HTTPHeaders()
            for line in fieldLines {
                switch parseField(line) {
                case .failure(let error): return .failure(error.with(method: method, path: rawPath))
                case .success(let (name, value)): headers.add(name, value)
                }
            }
            return applySemantics(method: method, target: target, minor: minor, headers: headers, limits: limits)
                .mapError { $0.with(method: method, path: rawPath) }
        }
    }

    private static func parseRequestLine(_ line: ArraySlice<UInt8>, limits: HTTPParserLimits)
        -> Result<(String, String, Int), HTTPParseError> {
        let parts = line.split(separator: 0x20, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
            return .failure(.badRequest("malformed request line"))
        }
        let (method, target, version) = (parts[0], parts[1], parts[2])
        guard method.allSatisfy(HTTPSyntax.isTokenByte) else {
            return .failure(.badRequest("malformed request method"))
        }
        if target.count > limits.maxURIBytes {
            return .failure(HTTPParseError(status: 414, detail: "request target longer than \(limits.maxURIBytes) bytes"))
        }
        guard target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return .failure(.badRequest("malformed request target"))
        }
        let v = Array(version)
        guard v.count == 8, v[0...4].elementsEqual("HTTP/".utf8), v[6] == 0x2E,
              (0x30...0x39).contains(v[5]), (0x30...0x39).contains(v[7])
        else { return .failure(.badRequest("malformed HTTP version")) }
        guard v[5] == 0x31 else {
            return .failure(HTTPParseError(status: 505, detail: "only HTTP/1.0 and HTTP/1.1 are supported"))
        }
        // A later 1.x minor version is answered as 1.1 (RFC 9110 §6.2).
        let minor = v[7] == 0x30 ? 0 : 1
        return .success((String(decoding: method, as: UTF8.self), String(decoding: target, as: UTF8.self), minor))
    }

    /// One `name: value` line; shared with chunked trailers.
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

    private static func applySemantics(method: String, target: String, minor: Int, headers: HTTPHeaders,
                                       limits: HTTPParserLimits) -> Result<HTTPRequestHead, HTTPParseError> {
        let hosts = headers.values("Host")
        if minor == 1 && hosts.count != 1 {
            return .failure(.badRequest(hosts.isEmpty ? "missing Host header" : "more than one Host header"))
        }
        if hosts.count > 1 { return .failure(.badRequest("more than one Host header")) }

        // Target form: origin, absolute, or `*` for OPTIONS.
        let lowered = target.lowercased()
        let isAbsolute = lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
        guard target.hasPrefix("/") || isAbsolute || (target == "*" && method == "OPTIONS") else {
            return .failure(.badRequest("unsupported request target form"))
        }
        let parts = HTTPRequestTarget.split(target)
        guard let path = HTTPRequestTarget.percentDecode(parts.path, plusAsSpace: false), !path.contains("\0") else {
            return .failure(.badRequest("invalid percent-encoding in path"))
        }
        guard let query = parts.query.map(HTTPRequestTarget.parseQuery) ?? [] else {
            return .failure(.badRequest("invalid percent-encoding in query"))
        }

        let framing: HTTPBodyFraming
        switch bodyFraming(headers: headers, minor: minor, limits: limits) {
        case .failure(let error): return .failure(error)
        case .success(let value): framing = value
        }

        var expectsContinue = false
        if minor == 1, let expect = headers["Expect"] {
            guard expect.lowercased() == "100-continue", headers.values("Expect").count == 1 else {
                return .failure(HTTPParseError(status: 417, detail: "only Expect: 100-continue is supported"))
            }
            expectsContinue = true
        }

        let options = headers.values("Connection").flatMap(listElements)
        let keepAlive = minor == 1 ? !options.contains("close") : options.contains("keep-alive") && !options.contains("close")
        return .success(HTTPRequestHead(method: method, target: target, path: path, queryItems: query,
                                        headers: headers, minorVersion: minor, keepAlive: keepAlive,
                                        expectsContinue: expectsContinue, framing: framing))
    }

    private static func bodyFraming(headers: HTTPHeaders, minor: Int, limits: HTTPParserLimits)
        -> Result<HTTPBodyFraming, HTTPParseError> {
        let lengths = headers.values("Content-Length")
        let encodings = headers.values("Transfer-Encoding")
        if !encodings.isEmpty {
            if !lengths.isEmpty {
                return .failure(.badRequest("both Content-Length and Transfer-Encoding present"))
            }
            if minor == 0 {
                return .failure(.badRequest("Transfer-Encoding in an HTTP/1.0 request"))
            }
            let codings = encodings.flatMap(listElements)
            guard let last = codings.last else { return .failure(.badRequest("empty Transfer-Encoding")) }
            if codings.dropLast().contains("chunked") || last != "chunked" && codings.contains("chunked") {
                return .failure(.badRequest("chunked must be the final transfer coding, once"))
            }
            guard codings == ["chunked"] else {
                return .failure(HTTPParseError(status: 501, detail: "only the chunked transfer coding is supported"))
            }
            return .success(.chunked)
        }
        guard !lengths.isEmpty else { return .success(.length(0)) }
        var length: Int?
        for element in lengths.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
            let digits = element.trimmingWhitespace()
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                return .failure(.badRequest("invalid Content-Length"))
            }
            // Too many digits for an Int is still a well-formed, just enormous, length.
            let value = digits.count > 18 ? Int.max : Int(digits)!
            if let previous = length, previous != value {
                return .failure(.badRequest("conflicting Content-Length values"))
            }
            length = value
        }
        let declared = length ?? 0
        if declared > limits.maxBodyBytes {
            return .failure(HTTPParseError(status: 413, detail: "request body larger than \(limits.maxBodyBytes) bytes"))
        }
        return .success(.length(declared))
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
