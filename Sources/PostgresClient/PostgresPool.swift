import Foundation

/// A bounded set of connections, sized to the threads that use it (one per worker: a
/// worker never waits for another's connection). Connections open lazily; a connection
/// found broken, or with input waiting while idle (the server said goodbye), is replaced;
/// one handed back broken or mid-transaction is rolled back or dropped.
///
/// Nothing here waits without limit: checkout gives up after `checkoutTimeout` with a
/// `.poolTimeout` error, connecting after `connect_timeout`, statements after `statement_timeout`.
/// After a failed connect, new connections are not attempted for `reconnectDelay`: during
/// an outage a request fails at once (503) instead of each waiting out `connect_timeout`.
public final class PostgresPool: @unchecked Sendable {
    public let url: PostgresURL
    public let size: Int
    public let checkoutTimeout: Double
    public let reconnectDelay: Double
    private let options: PostgresConnection.Options
    private let condition = NSCondition()
    // Guarded by `condition`:
    private var idle: [PostgresConnection] = []
    private var open = 0
    private var closed = false
    private var lastConnectFailure: (error: PostgresError, retryAt: Date)?

    public init(url: PostgresURL, size: Int, checkoutTimeout: Double = 5, reconnectDelay: Double = 1,
                options: PostgresConnection.Options = .init()) {
        precondition(size > 0, "a pool needs at least one connection")
        self.url = url
        self.size = size
        self.checkoutTimeout = checkoutTimeout
        self.reconnectDelay = reconnectDelay
        self.options = options
    }

    deinit { close() }

    /// Lends `body` a connection and takes it back afterwards, whatever `body` did.
    @discardableResult
    public func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try checkout()
        defer { checkin(connection) }
        return try body(connection)
    }

    /// `withConnection` around a transaction.
    @discardableResult
    public func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try withConnection { c in try c.transaction { try body(c) } }
    }

    /// Connections open now, and how many of them are idle.
    public var counts: (open: Int, idle: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (open, idle.count)
    }

    /// Closes idle connections now and the others as they come back; later checkouts fail.
    public func close() {
        condition.lock()
        closed = true
        let toClose = idle
        idle = []
        open -= toClose.count
        condition.broadcast()
        condition.unlock()
        toClose.forEach { $0.close() }
    }

    private func checkout() throws -> PostgresConnection {
        let deadline = Date(timeIntervalSinceNow: checkoutTimeout)
        condition.lock()
        while true {
            if closed {
                condition.unlock()
                throw PostgresError(.poolClosed, "the connection pool is closed")
            }
            if let c = idle.popLast() {
                condition.unlock()
                if !c.isBroken && !c.hasPendingInput { return c }
                c.close()
                return try connect()  // takes over the broken one's slot
            }
            if open < size {
                open += 1
                condition.unlock()
                return try connect()
            }
            if !condition.wait(until: deadline) {
                condition.unlock()
                throw PostgresError(.poolTimeout, "all \(size) connections to \(url) stayed busy for \(checkoutTimeout) s")
            }
        }
    }

    /// Opens a connection for a slot already counted in `open`; on failure gives the slot back.
    private func connect() throws -> PostgresConnection {
        condition.lock()
        if let failure = lastConnectFailure, failure.retryAt > Date() {
            condition.unlock()
            release(nil)
            throw PostgresError(.connectionFailed, failure.error.message + " (not retried for \(reconnectDelay) s after a failure)")
        }
        condition.unlock()
        do {
            let c = try PostgresConnection(url: url, options: options)
            condition.lock()
            lastConnectFailure = nil
            condition.unlock()
            return c
        } catch {
            condition.lock()
            if let e = error as? PostgresError, e.kind == .connectionFailed {
                lastConnectFailure = (e, Date(timeIntervalSinceNow: reconnectDelay))
            }
            condition.unlock()
            release(nil)
            throw error
        }
    }

    private func checkin(_ c: PostgresConnection) {
        c.rollbackIfOpen()
        if c.isBroken || !c.isIdle {
            c.close()
            release(nil)
        } else {
            release(c)
        }
    }

    /// Puts `c` back among the idle ones, or (nil) frees its slot for a new connection.
    private func release(_ c: PostgresConnection?) {
        condition.lock()
        let kept = c != nil && !closed
        if kept { idle.append(c!) } else { open -= 1 }
        condition.signal()
        condition.unlock()
        if !kept { c?.close() }
    }
}
