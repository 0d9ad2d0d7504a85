import Foundation

/// What went wrong talking to PostgreSQL. Messages never hold a password: the URL parser
/// writes its own messages, and text from libpq is scrubbed of the password before it is kept.
public struct PostgresError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The `postgresql://` URL cannot be used.
        case invalidURL
        /// No connection could be opened (server down, refused, timed out, bad credentials).
        case connectionFailed
        /// An open connection broke: the server restarted, the backend was terminated, the
        /// network went away. A statement in flight may or may not have taken effect.
        case connectionLost
        /// The server answered with an error; `sqlState` says which.
        case server
        /// Every pooled connection stayed busy for the whole checkout timeout.
        case poolTimeout
        /// The pool was closed.
        case poolClosed
        /// A value could not be read as the type asked for, or a column does not exist.
        case decoding
        /// The migrations and the database's record of them disagree.
        case migration
        /// The caller asked for something the client refuses (a NUL in a parameter, a nested transaction).
        case usage
    }

    public let kind: Kind
    /// The five-character SQLSTATE the server gave (`23505` unique violation, `57P01` terminated…).
    public let sqlState: String?
    public let message: String
    public let detail: String?

    public init(_ kind: Kind, _ message: String, sqlState: String? = nil, detail: String? = nil) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
    }

    /// The database cannot serve requests right now, but may soon: an HTTP caller answers
    /// 503 with `Retry-After` rather than 500. Covers lost and refused connections, an
    /// exhausted pool, and the SQLSTATEs of a server that is shutting down, starting up or full.
    public var isUnavailable: Bool {
        switch kind {
        case .connectionFailed, .connectionLost, .poolTimeout, .poolClosed: return true
        case .server:
            guard let s = sqlState else { return false }
            // 08: connection exception; 57P01–57P03: admin/crash shutdown, cannot connect now;
            // 53300: too many connections; 40001/40P01 are not here: the caller retries those.
            return s.hasPrefix("08") || ["57P01", "57P02", "57P03", "53300"].contains(s)
        default: return false
        }
    }

    /// A statement ran out of `statement_timeout` (or was cancelled).
    public var isTimeout: Bool { sqlState == "57014" }

    /// A unique constraint refused the row (SQLSTATE 23505).
    public var isUniqueViolation: Bool { sqlState == "23505" }

    public var description: String {
        var s = "PostgreSQL"
        switch kind {
        case .invalidURL: s += " URL"
        case .connectionFailed: s += " connection failed"
        case .connectionLost: s += " connection lost"
        case .poolTimeout: s += " pool"
        case .poolClosed: s += " pool closed"
        case .migration: s += " migration"
        default: break
        }
        if let sqlState { s += " [\(sqlState)]" }
        s += ": " + message
        if let detail, !detail.isEmpty { s += " (\(detail))" }
        return s
    }
}

extension String {
    /// libpq's messages end with a newline and sometimes hold several lines; one line reads better in a log.
    var trimmedLibpqMessage: String {
        split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: "; ")
    }

    /// Replaces every occurrence of `secret` (when it is long enough to be told apart from
    /// ordinary words) so a message can never carry a password into a log.
    func scrubbing(_ secret: String?) -> String {
        guard let secret, secret.count >= 3 else { return self }
        return replacingOccurrences(of: secret, with: "***")
    }
}
