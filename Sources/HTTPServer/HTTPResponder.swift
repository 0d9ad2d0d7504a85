/// The one thing the server calls: turns a request into a response.
public protocol HTTPResponder: Sendable {
    /// Called on a worker thread (bounded pool); may block (CPU-bound extraction, SQLite).
    func respond(to request: HTTPRequest) -> HTTPResponse

    /// Called on a worker thread instead of `respond(to:)`: answers through `reply`, which
    /// must be called exactly once, from any thread, before or after this returns. A
    /// responder whose answer waits on something other than the CPU (a write waiting for
    /// its group commit) replies later and frees the worker meanwhile. By default it
    /// replies with `respond(to:)` at once.
    func respond(to request: HTTPRequest, reply: @escaping @Sendable (HTTPResponse) -> Void)

    /// Called on the I/O thread first, for requests cheaper to answer than to hand to a
    /// worker and back (a health check, a 404): returns the response, or nil to send the
    /// request to `respond(to:)`. It must not block or do more than microseconds of work,
    /// since every connection on that thread waits for it. By default nil.
    func respondInline(to request: HTTPRequest) -> HTTPResponse?
}

extension HTTPResponder {
    public func respondInline(to request: HTTPRequest) -> HTTPResponse? { nil }

    public func respond(to request: HTTPRequest, reply: @escaping @Sendable (HTTPResponse) -> Void) {
        reply(respond(to: request))
    }
}
