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

    private struct Route: Sendable {
        let method: String
        let segments: [String]
        let handler: Handler
        /// Touches neither the store nor the extractor: may run on the I/O thread.
        let cheap: Bool
        let inline: InlineHandler?
    }

    private var routes: [Route] = []

    mutating func add(_ method: String, _ path: String, cheap: Bool = false, inline: InlineHandler? = nil,
                      _ handler: @escaping Handler) {
        routes.append(Route(method: method, segments: Self.split(path), handler: handler, cheap: cheap, inline: inline))
    }

    /// What may be answered on the I/O thread, with the path split once: a cheap route or
    /// none (404, 405) through `respond`, a route with an inline handler through it; nil
    /// for the rest.
    func respondInline(_ request: HTTPRequest, context: Context, respond: () -> HTTPResponse) -> HTTPResponse? {
        let segments = Self.split(request.path)
        let method = request.method == "HEAD" ? "GET" : request.method
        for (route, params) in resource(segments) where route.method == method {
            if route.cheap { return respond() }
            return route.inline?(context, request, params)
        }
        return respond()
    }

    func route(_ request: HTTPRequest, context: Context) throws -> HTTPResponse {
        let segments = Self.split(request.path)
        let method = request.method == "HEAD" ? "GET" : request.method
        var allowed: [String] = []
        for (route, params) in resource(segments) {
            if route.method == method { return try route.handler(context, request, params) }
            allowed.append(route.method)
        }
        if allowed.isEmpty { throw APIProblem.notFound("no resource at \(request.path); see GET /openapi.yaml") }
        if allowed.contains("GET") { allowed.append("HEAD") }
        let allow = allowed.joined(separator: ", ")
        throw APIProblem(405, "\(request.method) is not allowed on \(request.path); allowed: \(allow)",
                         headers: HTTPHeaders([("Allow", allow)]))
    }

    /// The routes of the resource at this path, in the order added: of the patterns that
    /// match, those with the most literal segments.
    private func resource(_ segments: [String]) -> [(Route, [String: String])] {
        var best: [(Route, [String: String])] = []
        var bestLiterals = -1
        for route in routes {
            guard let params = Self.match(route.segments, segments) else { continue }
            let literals = route.segments.count - params.count
            if literals > bestLiterals { best = []; bestLiterals = literals }
            if literals == bestLiterals { best.append((route, params)) }
        }
        return best
    }

    /// On the UTF-8 bytes: splitting Characters cost more than answering a health check.
    private static func split(_ path: String) -> [String] {
        path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map { String(Substring($0)) }
    }

    private static func match(_ pattern: [String], _ path: [String]) -> [String: String]? {
        guard pattern.count == path.count else { return nil }
        var params: [String: String] = [:]
        for (p, s) in zip(pattern, path) {
            if p.hasPrefix("{") { params[String(p.dropFirst().dropLast())] = s } else if p != s { return nil }
        }
        return params
    }
}
