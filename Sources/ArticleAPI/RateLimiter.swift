import Foundation

/// A token bucket per client address: each holds up to `perMinute` requests and refills at
/// `perMinute` a minute, so a client may burst that many and then keeps to the rate.
/// The clock is injected (monotonic seconds) so tests need not wait.
final class RateLimiter: @unchecked Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    private let capacity: Double
    private let refillPerSecond: Double
    private let clock: @Sendable () -> Double
    private let lock = NSLock()
    private var buckets: [String: Bucket] = [:]
    /// Clients remembered at most; beyond it, full buckets (idle clients) are forgotten.
    static let maxClients = 10_000

    init(perMinute: Int, clock: @escaping @Sendable () -> Double) {
        capacity = Double(perMinute)
        refillPerSecond = Double(perMinute) / 60
        self.clock = clock
    }

    /// Takes one request from the client's bucket; nil when admitted, otherwise the whole
    /// seconds until the next request would be (for `Retry-After`).
    func admit(_ client: String) -> Int? {
        let now = clock()
        lock.lock()
        defer { lock.unlock() }
        var bucket = buckets[client] ?? Bucket(tokens: capacity, updated: now)
        bucket.tokens = min(capacity, bucket.tokens + max(0, now - bucket.updated) * refillPerSecond)
        bucket.updated = now
        let wait: Int?
        if bucket.tokens >= 1 {
            bucket.tokens -= 1
            wait = nil
        } else {
            wait = max(1, Int(((1 - bucket.tokens) / refillPerSecond).rounded(.up)))
        }
        if buckets[client] == nil, buckets.count >= Self.maxClients { forgetIdle(now) }
        buckets[client] = bucket
        return wait
    }

    /// Drops clients whose buckets have refilled; if every client is active, starts afresh
    /// rather than grow without bound.
    private func forgetIdle(_ now: Double) {
        buckets = buckets.filter { $0.value.tokens + (now - $0.value.updated) * refillPerSecond < capacity }
        if buckets.count >= Self.maxClients { buckets.removeAll() }
    }
}
