// Temporary: the agreed interface, so the API compiles before the server lands. Replaced on merge.
import Foundation
public struct HTTPHeaders: Sendable, Sequence {
    var pairs: [(String, String)]
    public init(_ pairs: [(String, String)] = []) { self.pairs = pairs }
    public subscript(name: String) -> String? { pairs.first { $0.0.lowercased() == name.lowercased() }?.1 }
    public mutating func add(_ name: String, _ value: String) { pairs.append((name, value)) }
    public mutating func set(_ name: String, _ value: String) { pairs.removeAll { $0.0.lowercased() == name.lowercased() }; add(name, value) }
    public func makeIterator() -> IndexingIterator<[(String, String)]> { pairs.makeIterator() }
}
public struct HTTPRequest: Sendable {
    public var method: String
    public var target: String
    public var path: String
    public var queryItems: [(name: String, value: String)]
    public var headers: HTTPHeaders
    public var body: [UInt8]
    public init(method: String, target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.method = method; self.target = target; self.headers = headers; self.body = body
        let parts = target.split(separator: "?", maxSplits: 1)
        path = String(parts.first ?? "")
        queryItems = parts.count > 1 ? parts[1].split(separator: "&").map { kv in
            let p = kv.split(separator: "=", maxSplits: 1)
            return (String(p[0]).removingPercentEncoding ?? "", p.count > 1 ? (String(p[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "") : "")
        } : []
    }
    public func query(_ name: String) -> String? { queryItems.first { $0.name == name }?.value }
}
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) { self.status = status; self.headers = headers; self.body = body }
    public static func problem(status: Int, detail: String, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var h = headers; h.set("Content-Type", "application/problem+json")
        let d = try! JSONSerialization.data(withJSONObject: ["type": "about:blank", "title": "\(status)", "status": status, "detail": detail])
        return HTTPResponse(status: status, headers: h, body: Array(d))
    }
}
public protocol HTTPResponder: Sendable { func respond(to request: HTTPRequest) -> HTTPResponse }
public struct HTTPServerConfiguration: Sendable {
    public var host = "127.0.0.1"; public var port = 8080; public var maxBodyBytes = 1_048_576; public var maxHeaderBytes = 16_384
    public var maxURIBytes = 8_192; public var headerTimeout: Double = 10; public var bodyTimeout: Double = 30; public var idleTimeout: Double = 60
    public var maxConnections = 512; public var workerThreads = 2; public var maxQueuedRequests = 256
    public init() {}
}
public struct HTTPRequestLog: Sendable { public let method: String; public let path: String; public let status: Int; public let duration: Double; public let remote: String }
public final class HTTPServer: Sendable {
    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder, onRequest: (@Sendable (HTTPRequestLog) -> Void)? = nil) {}
    public func start() throws -> Int { 0 }
    public func shutdown() {}
    public func waitUntilStopped() {}
}
