/// Why a store operation failed.
public enum StoreError: Error, Sendable, CustomStringConvertible, Equatable {
    /// A pagination cursor that this store did not issue (or issued for another listing).
    case invalidCursor
    /// SQLite refused: its (extended) result code and message.
    case sqlite(code: Int32, message: String)
    /// PostgreSQL refused: its SQLSTATE and message.
    case postgres(sqlState: String, message: String)
    /// A stored row that cannot be read back (bad date, bad JSON, unknown type).
    case corrupt(String)
    /// The store was closed.
    case closed
    /// A value this store cannot hold as given (PostgreSQL text cannot hold U+0000): nothing
    /// was written, and the same request will fail again.
    case unstorable(String)
    /// The database server does not answer (down, restarting, unreachable, or every
    /// connection busy past the wait): the same request may succeed later. The message
    /// never holds credentials.
    case unavailable(String)

    /// SQLite gave up waiting for another connection's lock (SQLITE_BUSY or SQLITE_LOCKED,
    /// whatever the extended code): the same request may succeed a moment later.
    public var isBusy: Bool {
        guard case .sqlite(let code, _) = self else { return false }
        return code & 0xFF == 5 || code & 0xFF == 6
    }

    public var description: String {
        switch self {
        case .invalidCursor: return "invalid cursor"
        case .sqlite(let code, let message): return "SQLite error \(code): \(message)"
        case .postgres(let state, let message): return "PostgreSQL error \(state): \(message)"
        case .corrupt(let what): return "corrupt database: \(what)"
        case .closed: return "the article store is closed"
        case .unstorable(let why): return "cannot be stored: \(why)"
        case .unavailable(let why): return "the database is unavailable: \(why)"
        }
    }
}
