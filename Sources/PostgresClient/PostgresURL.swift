import CPostgreSQL
import Foundation

/// Where and how to connect: `postgresql://user:password@host:port/database?key=value&…`
/// (`postgres://` too). Several hosts may be listed (`h1:5432,h2:5433`) as libpq allows;
/// query keys are libpq connection keywords (`sslmode`, `connect_timeout`, `options`…).
///
/// Parsed here rather than handed to libpq whole, so that no message about a malformed URL
/// can echo the password. `description` shows the URL with the password replaced by `***`.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    public var user: String?
    /// Kept internal: nothing outside the module needs to read it back.
    var password: String?
    /// `host[:port]` entries; empty means libpq's default (the local socket).
    public var hosts: [(host: String, port: Int?)]
    public var database: String?
    /// libpq keywords from the query string, in the order given.
    public private(set) var parameters: [(key: String, value: String)]

    public init(_ string: String) throws {
        guard let schemeEnd = string.range(of: "://"),
              ["postgresql", "postgres"].contains(string[..<schemeEnd.lowerBound].lowercased()) else {
            throw PostgresError(.invalidURL, "a PostgreSQL URL starts with postgresql:// or postgres://")
        }
        var rest = Substring(string[schemeEnd.upperBound...])
        var query: Substring = ""
        if let q = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: q)...]
            rest = rest[..<q]
        }
        var authority = rest
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            path = rest[rest.index(after: slash)...]
        }
        // The password may itself hold '@' only percent-encoded, so the last '@' ends the user part.
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                user = try Self.decode(userInfo[..<colon], "user name")
                password = try Self.decode(userInfo[userInfo.index(after: colon)...], "password")
            } else {
                user = try Self.decode(userInfo, "user name")
            }
            if user == "" { user = nil }
        }
        hosts = try authority.isEmpty ? [] : authority.split(separator: ",", omittingEmptySubsequences: false).map(Self.hostAndPort)
        database = path.isEmpty ? nil : try Self.decode(path, "database name")
        parameters = []
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = try Self.decode(parts[0], "parameter name")
            try setParameter(key, parts.count > 1 ? Self.decode(parts[1], "value of \(key)") : "")
        }
    }

    /// Sets (or replaces) one libpq keyword, such as `options` or `sslmode`.
    public mutating func setParameter(_ key: String, _ value: String) throws {
        guard Self.libpqKeywords.contains(key) else {
            throw PostgresError(.invalidURL, "\"\(key)\" is not a libpq connection parameter; known: "
                                + Self.libpqKeywords.sorted().joined(separator: ", "))
        }
        parameters.removeAll { $0.key == key }
        parameters.append((key, value))
    }

    /// The URL for logs and errors: everything but the password.
    public var description: String {
        var s = "postgresql://"
        if let user { s += Self.encode(user) + (password == nil ? "" : ":***") + "@" }
        s += hosts.map { h in (h.host.contains(":") ? "[\(h.host)]" : Self.encode(h.host)) + (h.port.map { ":\($0)" } ?? "") }
            .joined(separator: ",")
        if let database { s += "/" + Self.encode(database) }
        if !parameters.isEmpty {
            s += "?" + parameters.map { p in p.key + "=" + (p.key == "password" ? "***" : Self.encode(p.value)) }
                .joined(separator: "&")
        }
        return s
    }

    /// Every secret this URL holds, for scrubbing messages.
    var secrets: [String] {
        [password].compactMap { $0 } + parameters.filter { $0.key == "password" }.map { $0.value }
    }

    /// Keyword/value pairs for `PQconnectdbParams`: the URL's parts, then its query parameters.
    var keywords: [(String, String)] {
        var k: [(String, String)] = []
        if !hosts.isEmpty {
            k.append(("host", hosts.map { $0.host }.joined(separator: ",")))
            if hosts.contains(where: { $0.port != nil }) {
                k.append(("port", hosts.map { $0.port.map(String.init) ?? "" }.joined(separator: ",")))
            }
        }
        if let user { k.append(("user", user)) }
        if let password { k.append(("password", password)) }
        if let database { k.append(("dbname", database)) }
        return k + parameters.map { ($0.key, $0.value) }
    }

    public static func == (a: PostgresURL, b: PostgresURL) -> Bool {
        a.keywords.elementsEqual(b.keywords, by: ==)
    }

    private static func hostAndPort(_ s: Substring) throws -> (host: String, port: Int?) {
        var host = s
        var port: Substring?
        if s.hasPrefix("[") {
            guard let close = s.firstIndex(of: "]") else { throw PostgresError(.invalidURL, "an IPv6 host must be closed with ]") }
            host = s[s.index(after: s.startIndex)..<close]
            let after = s[s.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw PostgresError(.invalidURL, "only :port may follow an IPv6 host") }
                port = after.dropFirst()
            }
        } else if let colon = s.lastIndex(of: ":") {
            host = s[..<colon]
            port = s[s.index(after: colon)...]
        }
        var number: Int?
        if let port {
            guard let n = Int(port), (1...65535).contains(n) else {
                throw PostgresError(.invalidURL, "the port must be a number from 1 to 65535")
            }
            number = n
        }
        guard !host.isEmpty || number == nil else { throw PostgresError(.invalidURL, "a port needs a host before it") }
        return (try decode(host, "host"), number)
    }

    /// Percent-decoding; the message names the part, never its value (it may be the password).
    private static func decode(_ s: Substring, _ part: String) throws -> String {
        guard let d = String(s).removingPercentEncoding else {
            throw PostgresError(.invalidURL, "the \(part) in the URL holds a % not followed by two hex digits")
        }
        return d
    }

    private static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .urlUnreservedCharacters) ?? s
    }

    /// The keywords this libpq understands, asked of libpq itself so a newer libpq's keywords work too.
    static let libpqKeywords: Set<String> = {
        var names: Set<String> = []
        guard let options = PQconndefaults() else { return names }
        defer { PQconninfoFree(options) }
        var p = options
        while let keyword = p.pointee.keyword {
            names.insert(String(cString: keyword))
            p = p.advanced(by: 1)
        }
        return names
    }()
}

/// `dump()`, `debugPrint` and failing test assertions see the redacted form too.
extension PostgresURL: CustomDebugStringConvertible, CustomReflectable {
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["url": description]) }
}

extension CharacterSet {
    /// RFC 3986 unreserved characters: everything else in a URL part is percent-encoded.
    static let urlUnreservedCharacters = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
