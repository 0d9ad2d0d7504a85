import HTTPServer
import WebPages

/// Who may ask for what, checked before a request is routed: the `Host` it was sent to
/// (421 against DNS rebinding), the `Origin` of a write (403 against cross-site forms and
/// "simple" text/plain posts) and the bearer token (401 missing, 403 wrong).
/// `GET /healthz` passes without checks, so probes need no token; it reveals only the
/// article count and the extractor version.
struct AccessPolicy: Sendable {
    private let tokens: [[UInt8]]
    private let authReads: Bool
    private let origins: Set<String>
    private let serverNames: Set<String>

    init(_ c: ServiceConfiguration) {
        tokens = c.apiTokens.map { Array($0.utf8) }
        authReads = c.authReads
        origins = Set(c.corsOrigins.map { $0.lowercased() })
        serverNames = Set(c.serverNames.map { $0.lowercased() })
    }

    /// Requests that change what is stored, or cost as much as doing so (`POST /v1/extract`).
    static func isWrite(_ request: HTTPRequest) -> Bool {
        !["GET", "HEAD", "OPTIONS"].contains(request.method)
    }

    static func isOpen(_ request: HTTPRequest) -> Bool {
        (request.method == "GET" || request.method == "HEAD") && request.path == "/healthz"
    }

    func check(_ request: HTTPRequest) throws(APIProblem) {
        if Self.isOpen(request) { return }
        try checkHost(request)
        let write = Self.isWrite(request)
        if write { try checkOrigin(request) }
        // A page is a static shell with no data in it (its script asks the API, with the
        // token), and a browser cannot send a bearer token when it follows a link. Asked
        // only when a token could be needed: matching the path cost 5% of a cached GET.
        guard !tokens.isEmpty else { return }
        if write || (authReads && !WebPages.isPagePath(request.path)) { try checkToken(request) }
    }

    /// A request without `Host` (HTTP/1.0, or built in process) passes: browsers always send one.
    private func checkHost(_ request: HTTPRequest) throws(APIProblem) {
        guard let host = request.headers["Host"] else { return }
        if HostNames.isPlainLoopback(host) { return }
        let value = host.trimmingSpaces.lowercased()
        if HostNames.isLoopback(value) || serverNames.contains(value) || serverNames.contains(HostNames.hostPart(value)) { return }
        throw APIProblem(421, "this service does not answer to the host \"\(String(value.prefix(100)))\": "
                         + "use localhost or 127.0.0.1, or add the name to server_names (ARTICLE_ENTITIES_SERVER_NAMES)")
    }

    private func checkOrigin(_ request: HTTPRequest) throws(APIProblem) {
        guard let origin = request.headers["Origin"] else { return }
        let value = origin.trimmingSpaces.lowercased()
        guard !origins.contains(value), !Self.isSameOrigin(value, host: request.headers["Host"]) else { return }
        throw APIProblem(403, "writes from pages at origin \"\(String(value.prefix(100)))\" are not allowed: "
                         + "add it to cors_origins (ARTICLE_ENTITIES_CORS_ORIGINS) to allow them")
    }

    /// The service's own pages post with an `Origin` naming the `Host` they were loaded
    /// from (which `checkHost` has already accepted): that is not a cross-site write.
    static func isSameOrigin(_ origin: String, host: String?) -> Bool {
        guard let host = host?.trimmingSpaces.lowercased(), !host.isEmpty else { return false }
        return origin == "http://" + host || origin == "https://" + host
    }

    private func checkToken(_ request: HTTPRequest) throws(APIProblem) {
        let challenge = HTTPHeaders([("WWW-Authenticate", "Bearer")])
        guard let header = request.headers["Authorization"]?.trimmingSpaces else {
            throw APIProblem(401, "this request needs a token: send Authorization: Bearer <token>", headers: challenge)
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIProblem(401, "the Authorization header must be Bearer <token>", headers: challenge)
        }
        let given = Array(String(parts[1]).trimmingSpaces.utf8)
        // Every token is compared in full, so the time taken says nothing about which matched or how far.
        var matched = false
        for token in tokens { matched = Self.constantTimeEqual(given, token) || matched }
        guard matched else { throw APIProblem(403, "the bearer token is not one this service accepts") }
    }

    /// Compares every byte position up to the longer length, whatever differs first.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let n = max(a.count, b.count)
        guard n > 0 else { return true }
        var difference = UInt(bitPattern: a.count ^ b.count)
        for i in 0..<n {
            let x = a.isEmpty ? 0 : a[i % a.count], y = b.isEmpty ? 0 : b[i % b.count]
            difference |= UInt(x ^ y)
        }
        return difference == 0
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
