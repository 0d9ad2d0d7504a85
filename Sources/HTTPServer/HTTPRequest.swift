/// A complete request as the responder sees it: body already de-chunked,
/// path and query already percent-decoded.
public struct HTTPRequest: Sendable {
    /// The method exactly as sent, e.g. "GET". HEAD reaches the responder as "HEAD";
    /// the server drops the body of the response it returns.
    public var method: String
    /// The raw request-target, e.g. "/v1/figures?currency=EUR".
    public var target: String
    /// The percent-decoded path without query, e.g. "/v1/articles/abc".
    public var path: String
    /// Percent-decoded query items in order, with '+' read as a space.
    public var queryItems: [(name: String, value: String)]
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// "ip:port" of the peer; empty for requests built in-process.
    public var remoteAddress: String = ""

    /// Parses path and query from `target` (for in-process tests). A path that cannot be
    /// decoded is kept raw; an undecodable query gives no query items.
    public init(method: String, target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        let parts = HTTPRequestTarget.split(target)
        path = HTTPRequestTarget.percentDecode(parts.path, plusAsSpace: false) ?? String(parts.path)
        queryItems = parts.query.flatMap { HTTPRequestTarget.parseQuery($0) } ?? []
    }

    /// The first query value with this name.
    public func query(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }
}

/// What the wire parser produces: the request plus what the connection needs to know.
struct ParsedHTTPRequest: Sendable {
    var request: HTTPRequest
    /// False for `Connection: close`, and for HTTP/1.0 without `Connection: keep-alive`.
    var keepAlive: Bool
    /// 0 for HTTP/1.0, 1 for HTTP/1.1; a keep-alive 1.0 response says so explicitly.
    var minorVersion: Int
}
