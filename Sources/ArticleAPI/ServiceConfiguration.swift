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

    public init() {}

    /// Keys of the JSON file, each with how to apply its value.
    private static let fileKeys: [String: @Sendable (inout ServiceConfiguration, Any) throws -> Void] = [
        "host": { $0.host = try string($1, "host") },
        "port": { $0.port = try int($1, "port", 0...65535) },
        "database": { $0.database = try string($1, "database") },
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
        "log_requests": {
            guard let n = $1 as? NSNumber, isBoolean(n), let b = $1 as? Bool else { throw ConfigurationError("log_requests must be true or false") }
            $0.logRequests = b
        },
    ]

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
            let value: Any
            switch key {
            case "log_requests":
                switch raw.lowercased() {
                case "1", "true", "yes": value = true
                case "0", "false", "no": value = false
                default: throw ConfigurationError("ARTICLE_ENTITIES_LOG_REQUESTS must be true or false, got \"\(raw)\"")
                }
            case "host", "database", "default_dollar", "numeric_date_order": value = raw
            default:
                guard let d = Double(raw) else { throw ConfigurationError("ARTICLE_ENTITIES_\(key.uppercased()) must be a number, got \"\(raw)\"") }
                value = d
            }
            // Name the variable the operator set, not the file key it stands for.
            do { try apply(&self, value) } catch let e as ConfigurationError {
                throw ConfigurationError("ARTICLE_ENTITIES_\(key.uppercased())=\"\(raw)\": \(e.description)")
            }
        }
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
