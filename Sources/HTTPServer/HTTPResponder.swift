/// The one thing the server calls: turns a request into a response.
public protocol HTTPResponder: Sendable {
    /// Called on a worker thread (bounded pool); may block (CPU-bound extraction, SQLite).
    func respond(to request: HTTPRequest) -> HTTPResponse
}
