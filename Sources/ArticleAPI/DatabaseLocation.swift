/// What the `database` setting names. A path is a SQLite file; a `postgresql://` or
/// `postgres://` URL is a PostgreSQL server; any other `scheme://…` is refused, so a URL
/// can never be mistaken for a path (and created as a folder named `postgresql:`).
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    /// The URL as written (it may hold a password: show `description`, never this).
    case postgres(url: String)

    public init(_ setting: String) throws {
        guard let scheme = Self.scheme(of: setting) else {
            self = .sqlite(path: setting)
            return
        }
        guard ["postgresql", "postgres"].contains(scheme.lowercased()) else {
            throw ConfigurationError("database: \(scheme):// is not a database this service can use; give a SQLite file path "
                                     + "(such as ./data/articles.sqlite) or a postgresql://user:password@host:port/database URL")
        }
        self = .postgres(url: setting)
    }

    /// The setting as written.
    public var setting: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let url): return url
        }
    }

    /// The setting fit for a log line or an error: a URL's password becomes `***`.
    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let url): return Self.redacted(url)
        }
    }

    /// The scheme of `scheme://…` (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`), or nil for a path.
    static func scheme(of s: String) -> String? {
        guard let end = s.range(of: "://") else { return nil }
        let scheme = s[..<end.lowerBound]
        guard let first = scheme.first, first.isASCII, first.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else { return nil }
        return String(scheme)
    }

    /// Hides the password of `scheme://user:password@host…` and of a `password=` query parameter.
    /// Anything that is not a URL is returned as it is.
    public static func redacted(_ setting: String) -> String {
        guard scheme(of: setting) != nil, let start = setting.range(of: "://")?.upperBound else { return setting }
        var s = setting
        let authorityEnd = s[start...].firstIndex(where: { $0 == "/" || $0 == "?" }) ?? s.endIndex
        if let at = s[start..<authorityEnd].lastIndex(of: "@"), let colon = s[start..<at].firstIndex(of: ":") {
            s.replaceSubrange(s.index(after: colon)..<at, with: "***")
        }
        if let q = s.firstIndex(of: "?") {
            let query = s[s.index(after: q)...].split(separator: "&", omittingEmptySubsequences: false).map { pair in
                pair.lowercased().hasPrefix("password=") ? "password=***" : String(pair)
            }
            s = String(s[...q]) + query.joined(separator: "&")
        }
        return s
    }
}

extension ServiceConfiguration {
    public func databaseLocation() throws -> DatabaseLocation { try DatabaseLocation(database) }
}
