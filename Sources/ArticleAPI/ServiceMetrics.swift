import Foundation
import HTTPServer

/// Request counters and a latency histogram, rendered in the Prometheus text format.
/// Fed from the server's per-response hook, so errors the server answers itself count too.
public final class ServiceMetrics: @unchecked Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    static let buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private let lock = NSLock()
    private var requestsByStatus: [Int: Int] = [:]
    private var bucketCounts = [Int](repeating: 0, count: ServiceMetrics.buckets.count)
    private var count = 0
    private var sum = 0.0

    private let logLinesDropped: @Sendable () -> Int

    /// `logLinesDropped` reads the log writer's count of lines standard error could not take.
    public init(logLinesDropped: @escaping @Sendable () -> Int = { 0 }) {
        self.logLinesDropped = logLinesDropped
    }

    public func record(_ log: HTTPRequestLog) {
        lock.lock()
        defer { lock.unlock() }
        requestsByStatus[log.status, default: 0] += 1
        count += 1
        sum += log.duration
        if let i = Self.buckets.firstIndex(where: { log.duration <= $0 }) { bucketCounts[i] += 1 }
    }

    public func render(articlesStored: Int) -> String {
        lock.lock()
        let byStatus = requestsByStatus.sorted { $0.key < $1.key }
        let counts = bucketCounts, total = count, seconds = sum
        lock.unlock()
        var out = "# HELP article_entities_http_requests_total HTTP responses written, by status code.\n"
        out += "# TYPE article_entities_http_requests_total counter\n"
        for (status, n) in byStatus { out += "article_entities_http_requests_total{status=\"\(status)\"} \(n)\n" }
        out += "# HELP article_entities_http_request_duration_seconds Time from a request's first byte to its response.\n"
        out += "# TYPE article_entities_http_request_duration_seconds histogram\n"
        var cumulative = 0
        for (i, le) in Self.buckets.enumerated() {
            cumulative += counts[i]
            out += "article_entities_http_request_duration_seconds_bucket{le=\"\(le)\"} \(cumulative)\n"
        }
        out += "article_entities_http_request_duration_seconds_bucket{le=\"+Inf\"} \(total)\n"
        out += "article_entities_http_request_duration_seconds_sum \(seconds)\n"
        out += "article_entities_http_request_duration_seconds_count \(total)\n"
        out += "# HELP article_entities_articles_stored Articles in the database.\n"
        out += "# TYPE article_entities_articles_stored gauge\n"
        out += "article_entities_articles_stored \(articlesStored)\n"
        out += "# HELP article_entities_log_lines_dropped_total Log lines dropped because standard error was closed, full or slow.\n"
        out += "# TYPE article_entities_log_lines_dropped_total counter\n"
        out += "article_entities_log_lines_dropped_total \(logLinesDropped())\n"
        return out
    }
}
