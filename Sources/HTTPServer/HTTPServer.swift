import Dispatch
import Foundation
import Glibc

/// An HTTP/1.1 server over non-blocking POSIX sockets. One serial Dispatch queue accepts
/// and keeps the connection table; each accepted connection is given to one of
/// `eventLoops` loops (a thread on its own epoll each, one per core by default) that does
/// all its I/O and parsing; the responder runs inline there when it says so, and
/// otherwise on a bounded pool of worker threads.
public final class HTTPServer: @unchecked Sendable {
    private enum Lifecycle { case idle, running, stopping, stopped }

    private let configuration: HTTPServerConfiguration
    private let responder: any HTTPResponder
    private let onRequest: (@Sendable (HTTPRequestLog) -> Void)?
    private let queue = DispatchQueue(label: "article-entities.http.accept")
    private let lifecycleCondition = NSCondition()
    private var lifecycle = Lifecycle.idle

    // Confined to `queue`.
    private var context: HTTPServerContext?
    private var listenSource: DispatchSourceRead?
    private var acceptPaused = false
    private var connections: [ObjectIdentifier: HTTPConnection] = [:]
    private var rejectedCount = 0
    private var graceTimer: DispatchSourceTimer?
    private var stopCompleted = false
    private var loops: [HTTPEventLoop] = []
    private var nextLoop = 0

    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder,
                onRequest: (@Sendable (HTTPRequestLog) -> Void)? = nil) {
        self.configuration = configuration
        self.responder = responder
        self.onRequest = onRequest
    }

    /// Binds and starts listening; returns the bound port (useful with port 0).
    /// Throws `HTTPServerError` (e.g. address in use, invalid configuration).
    public func start() throws -> Int {
        lifecycleCondition.lock()
        defer { lifecycleCondition.unlock() }
        guard lifecycle == .idle else { throw HTTPServerError.alreadyStarted }
        try configuration.validate()
        // Writes use MSG_NOSIGNAL; this also covers anything else in the process.
        signal(SIGPIPE, SIG_IGN)
        let (fd, port) = try Socket.listen(host: configuration.host, port: configuration.port, backlog: 1024)
        let pool = WorkerPool(threads: configuration.workerThreads, maxQueued: configuration.maxQueuedRequests,
                              name: "http-worker")
        let context = HTTPServerContext(configuration: configuration, responder: responder,
                                        onRequest: onRequest, pool: pool)
        let acceptQueue = queue
        context.connectionClosed = { [weak self] connection in
            acceptQueue.async { [weak self] in self?.connectionClosed(connection) }
        }
        let sweep = ConnectionTimer.sweepInterval(configuration)
        let loops = (0..<max(1, configuration.eventLoops)).map { HTTPEventLoop(index: $0, sweepInterval: sweep) }
        queue.sync {
            self.context = context
            self.loops = loops
            let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
            source.setEventHandler { [weak self] in self?.acceptConnections(listener: fd) }
            source.setCancelHandler { _ = Glibc.close(fd) }
            listenSource = source
            source.activate()
        }
        lifecycle = .running
        return port
    }

    /// Graceful: stop accepting, let in-flight requests finish (at most
    /// `shutdownGracePeriod`), close connections. Returns at once; idempotent.
    public func shutdown() {
        lifecycleCondition.lock()
        switch lifecycle {
        case .idle:
            lifecycle = .stopped
            lifecycleCondition.broadcast()
            lifecycleCondition.unlock()
        case .running:
            lifecycle = .stopping
            lifecycleCondition.unlock()
            queue.async { self.beginShutdown() }
        case .stopping, .stopped:
            lifecycleCondition.unlock()
        }
    }

    /// Blocks until shutdown has completed (returns at once if the server never started).
    public func waitUntilStopped() {
        lifecycleCondition.lock()
        while lifecycle == .running || lifecycle == .stopping { lifecycleCondition.wait() }
        lifecycleCondition.unlock()
    }

    /// Requests waiting for a worker thread (for tests and metrics).
    var queuedRequestCount: Int {
        queue.sync { context?.pool.queuedCount ?? 0 }
    }

    /// Open connections, including ones being refused (for tests).
    var connectionCount: Int {
        queue.sync { connections.count }
    }

    /// Open connections on each event loop, in loop order (for tests).
    var connectionsPerLoop: [Int] {
        queue.sync {
            loops.map { loop in connections.values.filter { $0.loop === loop }.count }
        }
    }

    // MARK: On the accept queue

    private func acceptConnections(listener: Int32) {
        guard let context, !context.shuttingDown else { return }
        for _ in 0..<128 {
            switch Socket.accept(listener) {
            case .wouldBlock:
                return
            case .failed(let code) where code == EINTR || code == ECONNABORTED || code == EPROTO:
                continue
            case .failed:
                // Out of descriptors or memory: a ready listener would spin, so pause briefly.
                pauseAccepting()
                return
            case .accepted(let fd, let remote):
                Socket.setNoDelay(fd)
                // Even refusals cost a descriptor; past twice the cap, drop without a word.
                if connections.count >= configuration.maxConnections * 2 {
                    _ = Glibc.close(fd)
                    continue
                }
                var over = connections.count - rejectedCount >= configuration.maxConnections
                if over, let idle = oldestIdleConnection() {
                    // A keep-alive client reconnects; a new one could not get in at all.
                    idle.loop.sync { idle.close() }
                    connections.removeValue(forKey: ObjectIdentifier(idle))  // now, not when the close is reported
                    over = connections.count - rejectedCount >= configuration.maxConnections
                }
                let loop = loops[nextLoop]
                nextLoop = (nextLoop + 1) % loops.count
                let connection = HTTPConnection(fd: fd, remote: remote, rejected: over, context: context, loop: loop)
                connections[ObjectIdentifier(connection)] = connection
                if over { rejectedCount += 1 }
                loop.execute { connection.start() }
            }
        }
    }

    /// Asks each loop about its own connections (only at the cap, so rarely): whatever a
    /// loop was doing has finished by then, so a connection that just answered counts as idle.
    private func oldestIdleConnection() -> HTTPConnection? {
        var oldest: (since: UInt64, connection: HTTPConnection)?
        var byLoop: [ObjectIdentifier: [HTTPConnection]] = [:]
        for connection in connections.values where !connection.rejected {
            byLoop[ObjectIdentifier(connection.loop), default: []].append(connection)
        }
        for members in byLoop.values {
            let candidate = members[0].loop.sync { () -> (UInt64, HTTPConnection)? in
                var best: (UInt64, HTTPConnection)?
                for connection in members {
                    if let since = connection.idleKeepAliveSince, since < best?.0 ?? .max { best = (since, connection) }
                }
                return best
            }
            if let candidate, candidate.0 < oldest?.since ?? .max { oldest = candidate }
        }
        return oldest?.connection
    }

    private func pauseAccepting() {
        guard let source = listenSource, !acceptPaused else { return }
        source.suspend()
        acceptPaused = true
        queue.asyncAfter(deadline: .now() + .milliseconds(100)) { [weak self] in
            guard let self, self.acceptPaused, let source = self.listenSource else { return }
            self.acceptPaused = false
            source.resume()
        }
    }

    private func connectionClosed(_ connection: HTTPConnection) {
        guard connections.removeValue(forKey: ObjectIdentifier(connection)) != nil else { return }
        if connection.rejected { rejectedCount -= 1 }
        if context?.shuttingDown == true { completeShutdownIfDone() }
    }

    private func beginShutdown() {
        guard let context, !context.shuttingDown else { return }
        context.shuttingDown = true
        if let source = listenSource {
            if acceptPaused { source.resume() }
            acceptPaused = false
            source.cancel()
            listenSource = nil
        }
        for connection in Array(connections.values) { connection.loop.execute { connection.beginShutdown() } }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            for connection in Array(self.connections.values) { connection.loop.execute { connection.close() } }
        }
        timer.schedule(deadline: .now() + configuration.shutdownGracePeriod)
        timer.activate()
        graceTimer = timer
        completeShutdownIfDone()
    }

    private func completeShutdownIfDone() {
        guard connections.isEmpty, !stopCompleted, let context else { return }
        stopCompleted = true
        graceTimer?.cancel()
        graceTimer = nil
        context.pool.stop()
        for loop in loops { loop.stop() }
        // Queued after the listener's cancel handler, so the port is closed once we report.
        queue.async {
            self.lifecycleCondition.lock()
            self.lifecycle = .stopped
            self.lifecycleCondition.broadcast()
            self.lifecycleCondition.unlock()
        }
    }
}
