/// The one thing the server calls: turns a request into a response.
public protocol HTTPResponder: Sendable {
    /// Called on a worker thread (bounded pool); may block (CPU-bound extraction, SQLite).
    func respond(to request: HTTPRequest) -> HTTPResponse

    /// Called on the I/O thread first, for requests cheaper to answer than to hand to a
    /// worker and back (a health check, a 404): returns the response, or nil to send the
    /// request to `respond(to:)`. It must not block or do more than microseconds of work,
    /// since every connection on that thread waits for it. By default nil.
    func respondInline(to request: HTTPRequest) -> HTTPResponse?
}

extension HTTPResponder {
    public func respondInline(to request: HTTPRequest) -> HTTPResponse? { nil }
}
