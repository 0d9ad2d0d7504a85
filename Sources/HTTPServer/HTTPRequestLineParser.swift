/// Parses `method SP request-target SP HTTP-version` (RFC 9112 §3) and refuses, in this
/// order: malformed syntax (400, 414), versions other than 1.x (505), CONNECT (405, since
/// this server is no proxy) and methods it does not implement (501, RFC 9110 §9.1).
enum HTTPRequestLineParser {
    struct Parsed {
        var method: String
        var target: String
        var minor: Int
        var path: String
        var query: [(name: String, value: String)]
    }

    static func parse(_ line: ArraySlice<UInt8>, limits: HTTPParserLimits) -> Result<Parsed, HTTPParseError> {
        let parts = line.split(separator: 0x20, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
            return .failure(.badRequest("malformed request line"))
        }
        let (methodBytes, targetBytes, version) = (parts[0], parts[1], parts[2])
        guard methodBytes.allSatisfy(HTTPSyntax.isTokenByte) else {
            return .failure(.badRequest("malformed request method"))
        }
        if targetBytes.count > limits.maxURIBytes {
            return .failure(HTTPParseError(status: 414, detail: "request target longer than \(limits.maxURIBytes) bytes"))
        }
        guard targetBytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
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
        let method = String(decoding: methodBytes, as: UTF8.self)
        let target = String(decoding: targetBytes, as: UTF8.self)
        let rawPath = String(HTTPRequestTarget.split(target).path)

        if method == "CONNECT" {
            var error = HTTPParseError(status: 405, detail: "CONNECT is not supported: this server is not a proxy")
            error.allow = limits.implementedMethods.joined(separator: ", ")
            return .failure(error.with(method: method, path: rawPath))
        }
        guard limits.implementedMethods.contains(method) else {
            return .failure(HTTPParseError(status: 501, detail: "method \(method) is not implemented").with(method: method, path: rawPath))
        }
        return targetParts(method: method, target: target).map {
            Parsed(method: method, target: target, minor: minor, path: $0.path, query: $0.query)
        }.mapError { $0.with(method: method, path: rawPath) }
    }

    /// Origin, absolute, or `*` for OPTIONS; path and query percent-decoded.
    private static func targetParts(method: String, target: String)
        -> Result<(path: String, query: [(name: String, value: String)]), HTTPParseError> {
        let isAbsolute = hasPrefixIgnoringCase(target, "http://") || hasPrefixIgnoringCase(target, "https://")
        guard target.utf8.first == UInt8(ascii: "/") || isAbsolute || (target == "*" && method == "OPTIONS") else {
            return .failure(.badRequest("unsupported request target form"))
        }
        let parts = HTTPRequestTarget.split(target)
        guard let path = HTTPRequestTarget.percentDecode(parts.path, plusAsSpace: false), !path.utf8.contains(0) else {
            return .failure(.badRequest("invalid percent-encoding in path"))
        }
        guard let query = parts.query.map(HTTPRequestTarget.parseQuery) ?? [] else {
            return .failure(.badRequest("invalid percent-encoding in query"))
        }
        return .success((path, query))
    }

    /// ASCII prefix test ignoring case; `prefix` is lower-case.
    private static func hasPrefixIgnoringCase(_ text: String, _ prefix: String) -> Bool {
        let bytes = text.utf8
        guard bytes.count >= prefix.utf8.count else { return false }
        return zip(bytes, prefix.utf8).allSatisfy { HTTPHeaders.lowerASCII($0) == $1 }
    }
}
