import Foundation
import HTTPServer

/// Matches method and path to a handler. Paths are literal segments and `{name}`
/// parameters; where several patterns match a path, the one with the most literal
/// segments is its resource (`/v1/articles/batch` is not the article `batch`). A path
/// that exists under another method answers 405 with `Allow`; HEAD is served by the GET
/// handler (the server drops the body).
struct Router<Context>: Sendable {
    typealias Handler = @Sendable (Context, HTTPRequest, [String: String]) throws -> HTTPResponse
    /// Answers from memory when it can, with no blocking work; nil sends the request on.
    typealias InlineHandler = @Sendable (Context, HTTPRequest, [String: String]) -> HTTPResponse?
    /// Answers through its last argument, exactly once, possibly from another thread after
    /// it returns (a write waiting for its commit); a thrown error is its answer.
    typealias Reply = @Sendable (Result<HTTPResponse, any Error>) -> Void
    typealias DeferredHandler = @Sendable (Context, HTTPRequest, [String: String], @escaping Reply) -> Void

    /// A pattern's segment, told apart once when the route is added.
    private enum Segment: Sendable {
        case literal([UInt8])
        case parameter(String)
    }

    private struct Route: Sendable {
        let method: String
        let segments: [Segment]
        let literals: Int
        let handler: Handler
        /// Touches neither the store nor the extractor: may run on the I/O thread.
        let cheap: Bool
        let inline: InlineHandler?
        let deferred: DeferredHandler?
    }

    /// A request path's segments: slices of its UTF-8, so matching copies nothing.
    private typealias PathSegments = [Substring.UTF8View]

    private var routes: [Route] = []

    mutating func add(_ method: String, _ path: String, cheap: Bool = false, inline: InlineHandler? = nil,
                      _ handler: @escaping Handler) {
        let segments = Self.split(path).map { part -> Segment in
            let text = String(Substring(part))
            return text.hasPrefix("{") ? .parameter(String(text.dropFirst().dropLast())) : .literal(Array(part))
        }
        let literals = segments.filter { if case .literal = $0 { true } else { false } }.count
        routes.append(Route(method: method, segments: segments, literals: literals, handler: handler, cheap: cheap,
                            inline: inline, deferred: nil))
    }

    /// A route whose handler may answer after it returns (see `DeferredHandler`); called
    /// through `route(_:context:)`, it is waited for.
    mutating func add(_ method: String, _ path: String, deferred: @escaping DeferredHandler) {
        add(method, path) { context, request, parameters in
            let answer = AwaitedAnswer()
            deferred(context, request, parameters) { answer.set($0) }
            return try answer.wait().get()
        }
        let route = routes.removeLast()
        routes.append(Route(method: route.method, segments: route.segments, literals: route.literals, handler: route.handler,
                            cheap: false, inline: nil, deferred: deferred))
    }

    /// What may be answered on the I/O thread, with the path split once: a cheap route or
    /// none (404, 405) through `respond`, a route with an inline handler through it; nil
    /// for the rest.
    func respondInline(_ request: HTTPRequest, context: Context, respond: () -> HTTPResponse) -> HTTPResponse? {
        let segments = Self.split(request.path)
        let method = request.method == "HEAD" ? "GET" : request.method
        let literals = resourceLiterals(segments)
        for route in routes where route.literals == literals && route.method == method && Self.matches(route, segments) {
            if route.cheap { return respond() }
            return route.inline?(context, request, Self.parameters(route, segments))
        }
        return respond()
    }

    func route(_ request: HTTPRequest, context: Context) throws -> HTTPResponse {
        let (route, parameters) = try find(request)
        return try route.handler(context, request, parameters)
    }

    /// `route`, answering through `reply`: a deferred route's handler may reply later.
    func route(_ request: HTTPRequest, context: Context, reply: @escaping Reply) {
        let found: (Route, [String: String])
        do { found = try find(request) } catch { return reply(.failure(error)) }
        let (route, parameters) = found
        if let deferred = route.deferred { return deferred(context, request, parameters, reply) }
        reply(Result { try route.handler(context, request, parameters) })
    }

    /// The route of the request and its parameters; throws the 404 or 405 to answer.
    private func find(_ request: HTTPRequest) throws -> (Route, [String: String]) {
        let segments = Self.split(request.path)
        let method = request.method == "HEAD" ? "GET" : request.method
        let literals = resourceLiterals(segments)
        var allowed: [String] = []
        for route in routes where route.literals == literals && Self.matches(route, segments) {
            if route.method == method { return (route, Self.parameters(route, segments)) }
            allowed.append(route.method)
        }
        if allowed.isEmpty { throw APIProblem.notFound("no resource at \(request.path); see GET /openapi.yaml") }
        if allowed.contains("GET") { allowed.append("HEAD") }
        let allow = allowed.joined(separator: ", ")
        throw APIProblem(405, "\(request.method) is not allowed on \(request.path); allowed: \(allow)",
                         headers: HTTPHeaders([("Allow", allow)]))
    }

    /// The resource at this path is the routes whose patterns match with the most literal
    /// segments: how many that is (-1 when none matches).
    private func resourceLiterals(_ segments: PathSegments) -> Int {
        var best = -1
        for route in routes where route.literals > best && Self.matches(route, segments) { best = route.literals }
        return best
    }

    /// On the UTF-8 bytes: splitting Characters cost more than answering a health check.
    private static func split(_ path: String) -> PathSegments {
        path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)
    }

    private static func matches(_ route: Route, _ path: PathSegments) -> Bool {
        guard route.segments.count == path.count else { return false }
        for (pattern, segment) in zip(route.segments, path) {
            if case .literal(let bytes) = pattern, !segment.elementsEqual(bytes) { return false }
        }
        return true
    }

    /// The parameters of a route that `matches` the path, built only for the route chosen.
    private static func parameters(_ route: Route, _ path: PathSegments) -> [String: String] {
        var params: [String: String] = [:]
        for (pattern, segment) in zip(route.segments, path) {
            if case .parameter(let name) = pattern { params[name] = String(Substring(segment)) }
        }
        return params
    }
}

/// The answer of a deferred handler, for a caller that waits for it.
private final class AwaitedAnswer: @unchecked Sendable {
    private let ready = DispatchSemaphore(value: 0)
    private var result: Result<HTTPResponse, any Error>?

    func set(_ value: Result<HTTPResponse, any Error>) {
        result = value
        ready.signal()  // orders the write above before the read in `wait`
    }

    func wait() -> Result<HTTPResponse, any Error> {
        ready.wait()
        return result!
    }
}
