import CEpoll
import Foundation

/// Listening address, limits and timeouts. Timeouts are in seconds.
public struct HTTPServerConfiguration: Sendable {
    /// "0.0.0.0" in containers; "::1" or "::" for IPv6.
    public var host: String = "127.0.0.1"
    /// 0 picks a free port; `HTTPServer.start()` returns the one bound.
    public var port: Int = 8080
    /// Larger bodies (declared or chunked total) are answered 413.
    public var maxBodyBytes: Int = 1_048_576
    /// Larger request line plus header fields are answered 431.
    public var maxHeaderBytes: Int = 16_384
    /// Longer request targets are answered 414.
    public var maxURIBytes: Int = 8_192
    /// Time to receive a whole head once its first byte arrived (slowloris): 408 and close.
    public var headerTimeout: Double = 10
    /// Time to receive a whole body once the head arrived: 408 and close.
    public var bodyTimeout: Double = 30
    /// A keep-alive connection with no request for this long is closed silently.
    public var idleTimeout: Double = 60
    /// Connections beyond this are answered 503 with Retry-After and closed.
    public var maxConnections: Int = 512
    /// Threads running the responder; CPU-bound work stays off the event loops.
    public var workerThreads: Int = HTTPServerConfiguration.usableCores
    /// Threads doing socket I/O and parsing, each on its own epoll with its share of the connections.
    public var eventLoops: Int = HTTPServerConfiguration.usableCores
    /// Requests waiting for a worker beyond this are answered 503 with Retry-After: 1.
    public var maxQueuedRequests: Int = 256
    /// A client that does not read its response within this is dropped.
    public var writeTimeout: Double = 30
    /// After an error response, unread request bytes are drained for at most this long
    /// before closing, so the client sees the response rather than a reset.
    public var lingerTimeout: Double = 2
    /// How long `shutdown()` lets in-flight requests finish before closing them.
    public var shutdownGracePeriod: Double = 10
    /// Methods the responder may see. Others are answered 501 Not Implemented as soon as
    /// the request line arrives; CONNECT is always 405 with these in `Allow`.
    public var implementedMethods: [String] = HTTPServerConfiguration.standardMethods

    /// RFC 9110's methods (CONNECT aside) and PATCH: a responder answers 405 for the ones
    /// a path does not support.
    public static let standardMethods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"]

    public init() {}

    /// The cores this process may run on: its CPU affinity (`taskset`, a container's
    /// cpuset), not the machine's count, so a server pinned to one core runs one event
    /// loop instead of two taking turns on it. At least 1.
    public static var usableCores: Int {
        let machine = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let allowed = Int(cepoll_usable_cores())
        return allowed > 0 ? min(allowed, machine) : machine
    }

    public init(host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 1_048_576,
                maxHeaderBytes: Int = 16_384, maxURIBytes: Int = 8_192, headerTimeout: Double = 10,
                bodyTimeout: Double = 30, idleTimeout: Double = 60, maxConnections: Int = 512,
                workerThreads: Int = HTTPServerConfiguration.usableCores,
                maxQueuedRequests: Int = 256) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxURIBytes = maxURIBytes
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.workerThreads = workerThreads
        self.maxQueuedRequests = maxQueuedRequests
    }

    var parserLimits: HTTPParserLimits {
        HTTPParserLimits(maxBodyBytes: maxBodyBytes, maxHeaderBytes: maxHeaderBytes, maxURIBytes: maxURIBytes,
                         implementedMethods: implementedMethods.filter { $0 != "CONNECT" })
    }

    func validate() throws {
        if maxBodyBytes < 0 || maxHeaderBytes < 64 || maxURIBytes < 1 {
            throw HTTPServerError.invalidConfiguration("limits must be positive (maxHeaderBytes at least 64)")
        }
        if workerThreads < 1 || eventLoops < 1 || maxConnections < 1 || maxQueuedRequests < 0 {
            throw HTTPServerError.invalidConfiguration("workerThreads, eventLoops and maxConnections must be at least 1")
        }
        let timeouts = [headerTimeout, bodyTimeout, idleTimeout, writeTimeout, lingerTimeout, shutdownGracePeriod]
        if timeouts.contains(where: { !($0 > 0) || !$0.isFinite }) {
            throw HTTPServerError.invalidConfiguration("timeouts must be positive")
        }
    }
}

/// One line of the access log: every response the server writes, including its own errors.
public struct HTTPRequestLog: Sendable {
    /// "-" when the request line could not be read.
    public let method: String
    public let path: String
    public let status: Int
    /// Seconds from the request's first byte arriving to its response being handed to the socket.
    public let duration: Double
    public let remote: String

    public init(method: String, path: String, status: Int, duration: Double, remote: String) {
        self.method = method
        self.path = path
        self.status = status
        self.duration = duration
        self.remote = remote
    }
}
