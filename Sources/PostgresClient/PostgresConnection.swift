import CPostgreSQL
import Foundation

/// One libpq connection. Not thread-safe: one thread uses it at a time (the pool sees to
/// that). Every wait is bounded: `connect_timeout` for connecting, `statement_timeout` and
/// `idle_in_transaction_session_timeout` on the server, TCP keepalives and
/// `tcp_user_timeout` for a peer that vanished.
public final class PostgresConnection {
    /// Limits applied to every connection; keys given in the URL's query win over these.
    public struct Options: Sendable {
        /// libpq's minimum is 2 s.
        public var connectTimeoutSeconds = 5
        /// 0 means no limit.
        public var statementTimeoutSeconds = 30.0
        /// A transaction left open (a client stuck mid-work) is ended after this; 0: never.
        public var idleInTransactionTimeoutSeconds = 60.0
        public var applicationName = "article-entities"
        public init() {}
    }

    public let url: PostgresURL
    private var handle: OpaquePointer?
    private let secrets: [String]
    /// Statements prepared on this server session, by name, with their SQL.
    private var prepared: [String: String] = [:]

    public init(url: PostgresURL, options: Options = Options()) throws {
        self.url = url
        secrets = url.secrets
        let ms = { (s: Double) in String(Int((s * 1000).rounded())) }
        let session = "-c statement_timeout=\(ms(options.statementTimeoutSeconds)) "
            + "-c idle_in_transaction_session_timeout=\(ms(options.idleInTransactionTimeoutSeconds))"
        var given = url.keywords
        // The URL's own `options` come after ours, so a `-c` it sets wins.
        if let i = given.firstIndex(where: { $0.0 == "options" }) {
            given[i].1 = session + " " + given[i].1
        } else {
            given.append(("options", session))
        }
        let defaults: [(String, String)] = [
            ("connect_timeout", String(options.connectTimeoutSeconds)),
            ("application_name", options.applicationName),
            ("client_encoding", "UTF8"),
            ("keepalives", "1"), ("keepalives_idle", "10"), ("keepalives_interval", "5"), ("keepalives_count", "3"),
            ("tcp_user_timeout", "30000"),
        ]
        let keywords = defaults.filter { d in !given.contains { $0.0 == d.0 } } + given
        let h = Self.withCStrings(keywords.map { $0.0 } + [nil]) { keys in
            Self.withCStrings(keywords.map { $0.1 } + [nil]) { values in PQconnectdbParams(keys, values, 0) }
        }
        guard let h else { throw PostgresError(.connectionFailed, "libpq could not allocate a connection") }
        guard PQstatus(h) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(h))
            PQfinish(h)
            throw PostgresError(.connectionFailed, scrub(message) + " (connecting to \(url))")
        }
        // Notices (`CREATE … IF NOT EXISTS` skipping) would otherwise go to standard error.
        PQsetNoticeReceiver(h, { _, _ in }, nil)
        handle = h
    }

    deinit { close() }

    public func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    /// Waits up to `timeout` seconds for `NOTIFY`s on channels this session `LISTEN`s to, and
    /// answers their payloads (none on timeout). Throws `.connectionLost` when the server goes.
    public func notifications(waiting timeout: Double) throws -> [String] {
        guard let handle else { throw PostgresError(.usage, "the connection was closed") }
        var received: [String] = []
        func drain() {
            while let n = PQnotifies(handle) {
                received.append(n.pointee.extra.map { String(cString: $0) } ?? "")
                PQfreemem(n)
            }
        }
        drain()
        if !received.isEmpty { return received }
        var fds = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        let ready = poll(&fds, 1, Int32(max(0, timeout) * 1000))
        if ready > 0 {
            guard PQconsumeInput(handle) == 1 else {
                throw PostgresError(.connectionLost, scrub(String(cString: PQerrorMessage(handle))))
            }
            drain()
        }
        if PQstatus(handle) != CONNECTION_OK { throw PostgresError(.connectionLost, "the server closed the connection") }
        return received
    }

    /// True once the server is gone or the connection was closed; `reset()` may bring it back.
    public var isBroken: Bool { handle.map { PQstatus($0) != CONNECTION_OK } ?? true }

    /// Outside any transaction (nothing begun, nothing failed and left open).
    public var isIdle: Bool { handle.map { PQtransactionStatus($0) == PQTRANS_IDLE } ?? false }

    /// The server process serving this connection (what `pg_terminate_backend` takes).
    public var backendPID: Int32 { handle.map { PQbackendPID($0) } ?? 0 }

    /// Reconnects with the same parameters (PQreset). Statements must be prepared again.
    public func reset() throws {
        guard let handle else { throw PostgresError(.usage, "the connection was closed") }
        prepared = [:]
        PQreset(handle)
        guard PQstatus(handle) == CONNECTION_OK else {
            throw PostgresError(.connectionFailed, scrub(String(cString: PQerrorMessage(handle))) + " (reconnecting to \(url))")
        }
    }

    /// Runs SQL without parameters; several `;`-separated statements are allowed. The rows
    /// are those of the last statement.
    @discardableResult
    public func execute(_ sql: String) throws -> PostgresRows {
        let h = try liveHandle()
        try Self.refuseNUL(sql, "the SQL")
        return try rows(PQexec(h, sql))
    }

    /// One statement with `$1`, `$2`… bound to `parameters` (nil is NULL), sent as text.
    @discardableResult
    public func query(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> PostgresRows {
        let h = try liveHandle()
        try Self.refuseNUL(sql, "the SQL")
        let texts = try Self.texts(parameters)
        return try rows(Self.withCStrings(texts) { PQexecParams(h, sql, Int32(texts.count), nil, $0, nil, nil, 0) })
    }

    /// Runs a named statement, preparing it on this connection the first time.
    @discardableResult
    public func query(_ statement: PostgresStatement, _ parameters: [(any PostgresEncodable)?] = []) throws -> PostgresRows {
        try prepare(statement)
        let h = try liveHandle()
        let texts = try Self.texts(parameters)
        return try rows(Self.withCStrings(texts) { PQexecPrepared(h, statement.name, Int32(texts.count), $0, nil, nil, 0) })
    }

    /// Prepares `statement` unless this connection already has it. A name reused for other SQL is refused.
    public func prepare(_ statement: PostgresStatement) throws {
        if let sql = prepared[statement.name] {
            guard sql == statement.sql else {
                throw PostgresError(.usage, "statement \"\(statement.name)\" is already prepared with other SQL")
            }
            return
        }
        let h = try liveHandle()
        try Self.refuseNUL(statement.sql, "the SQL")
        try Self.refuseNUL(statement.name, "the statement name")
        _ = try rows(PQprepare(h, statement.name, statement.sql, 0, nil))
        prepared[statement.name] = statement.sql
    }

    /// Runs `body` between BEGIN and COMMIT; a throw rolls back. A COMMIT the server turns
    /// into a rollback (the transaction had already failed) is an error, not a silent loss.
    /// If the connection is lost during COMMIT, whether it committed is unknown.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        let h = try liveHandle()
        guard PQtransactionStatus(h) == PQTRANS_IDLE else {
            throw PostgresError(.usage, "a transaction is already open on this connection")
        }
        try execute("BEGIN")
        let value: T
        do { value = try body() } catch {
            rollbackIfOpen()
            throw error
        }
        let tag = try execute("COMMIT").command
        guard tag == "COMMIT" else {
            throw PostgresError(.server, "the transaction had failed and the server rolled it back at COMMIT", sqlState: "25P02")
        }
        return value
    }

    /// Ends a transaction a caller left open, so the connection can be reused.
    func rollbackIfOpen() {
        guard let handle, PQstatus(handle) == CONNECTION_OK, PQtransactionStatus(handle) != PQTRANS_IDLE else { return }
        PQclear(PQexec(handle, "ROLLBACK"))
    }

    /// An idle connection that has something to read has been told by the server that it
    /// is closing (terminated backend, shutdown) or has been cut: it is not worth using.
    var hasPendingInput: Bool {
        guard let handle else { return false }
        let fd = PQsocket(handle)
        guard fd >= 0 else { return true }
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, 0) != 0
    }

    private func liveHandle() throws -> OpaquePointer {
        guard let handle else { throw PostgresError(.usage, "the connection was closed") }
        guard PQstatus(handle) == CONNECTION_OK else {
            throw PostgresError(.connectionLost, "the connection to \(url) is broken")
        }
        return handle
    }

    /// Copies a result's rows out and frees it, or turns a failed result into an error.
    private func rows(_ result: OpaquePointer?) throws -> PostgresRows {
        guard let result else { throw failure(nil) }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK || status == PGRES_EMPTY_QUERY else {
            throw failure(result)
        }
        let columnCount = PQnfields(result), rowCount = PQntuples(result)
        let columns = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
        var values: [String?] = []
        values.reserveCapacity(Int(columnCount) * Int(rowCount))
        for r in 0..<rowCount {
            for c in 0..<columnCount {
                values.append(PQgetisnull(result, r, c) == 1 ? nil : String(cString: PQgetvalue(result, r, c)))
            }
        }
        return PostgresRows(columns: columns, values: values, affectedRows: Int(String(cString: PQcmdTuples(result))) ?? 0,
                            command: String(cString: PQcmdStatus(result)).split(separator: " ").first.map(String.init) ?? "")
    }

    private func failure(_ result: OpaquePointer?) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let result, let p = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: p)
        }
        let message = scrub(field("M") ?? handle.map { String(cString: PQerrorMessage($0)) } ?? "no result")
        let detail = field("D").map(scrub)
        let sqlState = field("C")
        if isBroken {
            return PostgresError(.connectionLost, message, sqlState: sqlState, detail: detail)
        }
        return PostgresError(.server, message, sqlState: sqlState, detail: detail)
    }

    private func scrub(_ message: String) -> String {
        secrets.reduce(message.trimmedLibpqMessage) { $0.scrubbing($1) }
    }

    /// PostgreSQL text cannot hold U+0000, and a C string would silently end there.
    private static func refuseNUL(_ s: String, _ what: String) throws {
        if s.utf8.contains(0) { throw PostgresError(.usage, "\(what) contains a NUL character, which PostgreSQL text cannot hold") }
    }

    private static func texts(_ parameters: [(any PostgresEncodable)?]) throws -> [String?] {
        try parameters.enumerated().map { i, p in
            guard let text = p?.postgresText else { return nil }
            try refuseNUL(text, "parameter $\(i + 1)")
            return text
        }
    }

    /// C strings that live for the duration of `body`; nil stays a null pointer.
    private static func withCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let copies = strings.map { $0.flatMap { strdup($0) } }
        defer { copies.forEach { free($0) } }
        return body(copies.map { $0.map { UnsafePointer($0) } })
    }
}

/// A named statement, prepared on each connection the first time it runs there.
public struct PostgresStatement: Sendable, Hashable {
    public let name: String
    public let sql: String
    public init(_ name: String, _ sql: String) {
        self.name = name
        self.sql = sql
    }
}
