import Foundation
import EntityExtraction
import HTTPServer

/// Every setting of the service, with its default. `Config/default.json` holds the same
/// defaults; the environment (`ARTICLE_ENTITIES_*`) overrides the file, flags override both.
public struct ServiceConfiguration: Sendable, Equatable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var database = "./data/articles.sqlite"
    public var maxBodyBytes = 1_048_576
    public var maxHeaderBytes = 16_384
    public var maxURIBytes = 8_192
    public var maxConnections = 512
    public var maxQueuedRequests = 256
    /// Handler threads; 0 means one per CPU core.
    public var workerThreads = 0
    public var headerTimeoutSeconds = 10.0
    public var bodyTimeoutSeconds = 30.0
    public var idleTimeoutSeconds = 60.0
    /// ISO 4217 code a bare `$` means when the article names no dollar of its own.
    public var defaultDollar = "USD"
    public var numericDateOrder = "month-day"
    public var logRequests = true
    /// Bearer tokens any of which authorises writes (and reads with `authReads`); none: no auth.
    public var apiTokens: [String] = []
    /// Whether reads need a token too (`/healthz` stays open).
    public var authReads = false
    /// Must be set to listen on a non-loopback address without tokens.
    public var allowAnonymousWrites = false
    /// Origins (`https://app.example`) whose pages may write; a write from any other Origin is 403.
    public var corsOrigins: [String] = []
    /// Names the service answers to besides loopback ones; any other `Host` is 421.
    public var serverNames: [String] = []
    /// Requests per client address per minute, with bursts up to the same number; 0 is off.
    public var rateLimitPerMinute = 0
    /// An article whose extraction finds more entity mentions than this is refused (422).
    public var maxMentionsPerArticle = 5_000
    /// Extraction of one request's text stops with 422 after this many seconds.
    public var extractionTimeoutSeconds = 10.0
    /// The operator's alias file (`Config/aliases.json`); "" for none. See `makeExtractor`.
    public var aliasesFile = ServiceConfiguration.defaultAliasesFile

    public init() {}

    /// Keys of the JSON file, each with how to apply its value.
    private static let fileKeys: [String: @Sendable (inout ServiceConfiguration, Any) throws -> Void] = [
        "host": { $0.host = try string($1, "host") },
        "port": { $0.port = try int($1, "port", 0...65535) },
        // Checked at once, so a mysql:// or http:// URL is refused at start-up, not opened as a path.
        "database": { $0.database = try DatabaseLocation(string($1, "database")).setting },
        "max_body_bytes": { $0.maxBodyBytes = try int($1, "max_body_bytes", 1...1_073_741_824) },
        "max_header_bytes": { $0.maxHeaderBytes = try int($1, "max_header_bytes", 256...1_048_576) },
        "max_uri_bytes": { $0.maxURIBytes = try int($1, "max_uri_bytes", 64...1_048_576) },
        "max_connections": { $0.maxConnections = try int($1, "max_connections", 1...100_000) },
        "max_queued_requests": { $0.maxQueuedRequests = try int($1, "max_queued_requests", 1...100_000) },
        "worker_threads": { $0.workerThreads = try int($1, "worker_threads", 0...1024) },
        "header_timeout_seconds": { $0.headerTimeoutSeconds = try double($1, "header_timeout_seconds") },
        "body_timeout_seconds": { $0.bodyTimeoutSeconds = try double($1, "body_timeout_seconds") },
        "idle_timeout_seconds": { $0.idleTimeoutSeconds = try double($1, "idle_timeout_seconds") },
        "default_dollar": { $0.defaultDollar = try currency($1, "default_dollar") },
        "numeric_date_order": { $0.numericDateOrder = try dateOrder($1, "numeric_date_order") },
        "log_requests": { $0.logRequests = try bool($1, "log_requests") },
        "api_tokens": { $0.apiTokens = try list($1, "api_tokens", check: checkToken) },
        "auth_reads": { $0.authReads = try bool($1, "auth_reads") },
        "allow_anonymous_writes": { $0.allowAnonymousWrites = try bool($1, "allow_anonymous_writes") },
        "cors_origins": { $0.corsOrigins = try list($1, "cors_origins", check: checkOrigin).map { $0.lowercased() } },
        "server_names": { $0.serverNames = try list($1, "server_names", check: checkServerName).map { $0.lowercased() } },
        "rate_limit_per_minute": { $0.rateLimitPerMinute = try int($1, "rate_limit_per_minute", 0...1_000_000) },
        "max_mentions_per_article": { $0.maxMentionsPerArticle = try int($1, "max_mentions_per_article", 1...10_000_000) },
        "extraction_timeout_seconds": { $0.extractionTimeoutSeconds = try double($1, "extraction_timeout_seconds") },
        "aliases_file": {
            guard let s = $1 as? String else { throw ConfigurationError("aliases_file must be a path (a string), or \"\" for none") }
            $0.aliasesFile = s
        },
    ]

    /// Settings read as lists: a JSON array of strings, or one string of comma-separated items.
    static let listKeys: Set<String> = ["api_tokens", "cors_origins", "server_names"]
    static let booleanKeys: Set<String> = ["log_requests", "auth_reads", "allow_anonymous_writes"]
    static let stringKeys: Set<String> = ["host", "database", "default_dollar", "numeric_date_order", "aliases_file"]

    /// Reads a JSON configuration file over the defaults. Unknown keys are errors, so a
    /// typo cannot silently leave a setting at its default.
    public mutating func apply(file path: String) throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ConfigurationError("cannot read configuration file \(path): \(error.localizedDescription)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ConfigurationError("configuration file \(path) is not a JSON object")
        }
        for (key, value) in object.sorted(by: { $0.key < $1.key }) where !key.hasPrefix("_") {
            guard let apply = Self.fileKeys[key] else {
                throw ConfigurationError("unknown setting \"\(key)\" in \(path); known: \(Self.fileKeys.keys.sorted().joined(separator: ", "))")
            }
            do { try apply(&self, value) } catch let e as ConfigurationError {
                throw ConfigurationError("\(e.description) (\"\(key)\" in \(path))")
            }
        }
    }

    /// `ARTICLE_ENTITIES_HOST`, `_PORT`, `_DATABASE` and the other settings in upper case.
    public mutating func apply(environment: [String: String]) throws {
        for (key, apply) in Self.fileKeys {
            guard let raw = environment["ARTICLE_ENTITIES_" + key.uppercased()] else { continue }
            let name = "ARTICLE_ENTITIES_" + key.uppercased()
            // Tokens are secrets: a message about them never repeats the value.
            // A database URL may hold a password: shown without it.
            let shown = key == "api_tokens" ? name : "\(name)=\"\(key == "database" ? DatabaseLocation.redacted(raw) : raw)\""
            let value: Any
            if Self.booleanKeys.contains(key) {
                switch raw.lowercased() {
                case "1", "true", "yes": value = true
                case "0", "false", "no": value = false
                default: throw ConfigurationError("\(name) must be true or false, got \"\(raw)\"")
                }
            } else if Self.stringKeys.contains(key) || Self.listKeys.contains(key) {
                value = raw
            } else {
                guard let d = Double(raw) else { throw ConfigurationError("\(name) must be a number, got \"\(raw)\"") }
                value = d
            }
            // Name the variable the operator set, not the file key it stands for.
            do { try apply(&self, value) } catch let e as ConfigurationError {
                throw ConfigurationError("\(shown): \(e.description)")
            }
        }
    }

    /// Refuses to serve anonymous writes to other machines by accident: without tokens,
    /// only a loopback `host` is accepted unless `allow_anonymous_writes` says otherwise.
    public func checkExposure() throws {
        guard apiTokens.isEmpty, !allowAnonymousWrites, !HostNames.isLoopback(host) else { return }
        throw ConfigurationError("""
            refusing to listen on \(host) without api_tokens: anyone who can reach it could add and delete articles. \
            Set api_tokens (ARTICLE_ENTITIES_API_TOKENS=<token>[,<token>…]) and send Authorization: Bearer <token>, \
            or set allow_anonymous_writes: true (ARTICLE_ENTITIES_ALLOW_ANONYMOUS_WRITES=true) to accept that, \
            or listen on 127.0.0.1
            """)
    }

    public var numericOrder: NumericDateOrder { NumericDateOrder(rawValue: numericDateOrder) ?? .monthDay }

    /// What an article published that day is read with: the service and `reextract`
    /// both use this, so a re-extracted article reads as a freshly posted one.
    public func extractionOptions(publishedAt: CivilDate) -> ExtractionOptions {
        ExtractionOptions(publishedAt: publishedAt, money: MoneyOptions(defaultDollar: defaultDollar), numericDateOrder: numericOrder)
    }

    public var serverConfiguration: HTTPServerConfiguration {
        var c = HTTPServerConfiguration()
        c.host = host
        c.port = port
        c.maxBodyBytes = maxBodyBytes
        c.maxHeaderBytes = maxHeaderBytes
        c.maxURIBytes = maxURIBytes
        c.maxConnections = maxConnections
        c.maxQueuedRequests = maxQueuedRequests
        if workerThreads > 0 { c.workerThreads = workerThreads }
        c.headerTimeout = headerTimeoutSeconds
        c.bodyTimeout = bodyTimeoutSeconds
        c.idleTimeout = idleTimeoutSeconds
        return c
    }

    private static func bool(_ v: Any, _ key: String) throws -> Bool {
        guard let n = v as? NSNumber, isBoolean(n), let b = v as? Bool else { throw ConfigurationError("\(key) must be true or false") }
        return b
    }

    /// A JSON array of strings, or a comma-separated string; blanks around items are dropped.
    private static func list(_ v: Any, _ key: String, check: (String, String) throws -> Void) throws -> [String] {
        let items: [String]
        if let s = v as? String {
            items = s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        } else if let a = v as? [Any], a.allSatisfy({ $0 is String }) {
            items = (a as! [String]).map { $0.trimmingCharacters(in: .whitespaces) }
        } else {
            throw ConfigurationError("\(key) must be a list of strings (or one comma-separated string)")
        }
        for item in items { try check(item, key) }
        return items
    }

    /// Long enough not to be guessed, and only characters a Bearer credential may hold
    /// (RFC 6750 b64token). The message never repeats the token.
    private static func checkToken(_ t: String, _ key: String) throws {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/")
        guard t.count >= 16, t.drop(while: { allowed.contains($0) }).allSatisfy({ $0 == "=" }) else {
            throw ConfigurationError("\(key): every token must be at least 16 characters of A-Z, a-z, 0-9, -._~+/ "
                                     + "(for example the output of `openssl rand -hex 24`)")
        }
    }

    private static func checkOrigin(_ o: String, _ key: String) throws {
        let parts = o.components(separatedBy: "://")
        guard parts.count == 2, ["http", "https"].contains(parts[0].lowercased()), !parts[1].isEmpty,
              !parts[1].contains("/"), !parts[1].contains(where: { $0.isWhitespace }) else {
            throw ConfigurationError("\(key): \"\(o)\" is not an origin such as https://app.example or http://localhost:3000 (scheme, host, optional port; no path)")
        }
    }

    private static func checkServerName(_ n: String, _ key: String) throws {
        guard !n.contains("/"), !n.contains(where: { $0.isWhitespace }), !n.hasPrefix(":") else {
            throw ConfigurationError("\(key): \"\(n)\" is not a host name such as news.example.org or news.example.org:8080")
        }
    }

    private static func string(_ v: Any, _ key: String) throws -> String {
        guard let s = v as? String, !s.isEmpty else { throw ConfigurationError("\(key) must be a non-empty string") }
        return s
    }

    /// The longest timeout accepted: the server keeps deadlines in nanoseconds of uptime,
    /// where a value such as 1e12 s overflows and stops the process at the first request.
    static let maxTimeoutSeconds = 86_400.0

    private static func double(_ v: Any, _ key: String) throws -> Double {
        guard let n = number(v), n.doubleValue > 0, n.doubleValue <= maxTimeoutSeconds else {
            throw ConfigurationError("\(key) must be a positive number of seconds, at most \(Int(maxTimeoutSeconds)) (one day)")
        }
        return n.doubleValue
    }

    private static func int(_ v: Any, _ key: String, _ range: ClosedRange<Int>) throws -> Int {
        guard let n = number(v), n.doubleValue == n.doubleValue.rounded(), range.contains(n.intValue) else {
            throw ConfigurationError("\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n.intValue
    }

    /// A JSON number, not a JSON boolean (Foundation bridges both to NSNumber).
    private static func number(_ v: Any) -> NSNumber? {
        guard let n = v as? NSNumber, !isBoolean(n) else { return nil }
        return n
    }

    private static func isBoolean(_ n: NSNumber) -> Bool { String(describing: type(of: n)).contains("Boolean") }

    private static func currency(_ v: Any, _ key: String) throws -> String {
        let s = try string(v, key).uppercased()
        guard s.count == 3, s.allSatisfy({ $0.isASCII && $0.isLetter }) else { throw ConfigurationError("\(key) must be an ISO 4217 code such as USD") }
        return s
    }

    private static func dateOrder(_ v: Any, _ key: String) throws -> String {
        let s = try string(v, key)
        guard NumericDateOrder(rawValue: s) != nil else { throw ConfigurationError("\(key) must be \"month-day\" or \"day-month\"") }
        return s
    }
}

/// A configuration that cannot be used, with a message for the operator.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ message: String) { description = message }
}
