import Foundation
import PostgresClient
import Synchronization

/// A data version for PostgreSQL, so a node may cache what it read (the entity JSON of an
/// article) as the SQLite store does: every write transaction sends `NOTIFY` on `channel`
/// before it commits, and one listening connection per node counts what arrives. The
/// version also moves at once after this node's own commits, so its own writes are never
/// served stale (and their notifications, carrying this node's id, are skipped); another
/// node's are seen once their notification arrives (PostgreSQL sends it at commit). While the listener is not connected there is no version (nil), and
/// nothing is cached: a lost notification can never leave a stale entry in use.
final class PostgresDataVersion: @unchecked Sendable {
    static let channel = "article_entities_data"
    static let notify = PostgresStatement("notify_data", "SELECT pg_notify('\(channel)', $1)")
    /// Sent with every notification, so the listener skips this node's own (already counted).
    let node = UUID().uuidString

    private let url: PostgresURL
    private let version = Atomic<Int64>(0)
    private let listening = Atomic<Bool>(false)
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let connected = DispatchSemaphore(value: 0)

    init(url: PostgresURL) {
        self.url = url
        let thread = Thread { [self] in run() }
        thread.name = "postgres-listen"
        thread.start()
    }

    /// Waits (up to `timeout` seconds) for the listener's first connection, so a store that
    /// has just opened caches from its first request.
    func waitUntilListening(timeout: Double) {
        if connected.wait(timeout: .now() + timeout) == .success { connected.signal() }
    }

    /// Nil while the listener is not connected.
    var current: Int64? { listening.load(ordering: .acquiring) ? version.load(ordering: .acquiring) : nil }

    /// After a commit of this node's.
    func bump() { version.add(1, ordering: .releasing) }

    func stop() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        finished.wait()
    }

    private func run() {
        defer {
            connected.signal()  // never leave a waiter waiting
            finished.signal()
        }
        while !stopped.load(ordering: .relaxed) {
            do {
                let c = try PostgresConnection(url: url)
                defer { c.close() }
                _ = try c.execute("LISTEN \(Self.channel)")
                bump()  // whatever was committed while not listening
                listening.store(true, ordering: .releasing)
                connected.signal()
                while !stopped.load(ordering: .relaxed) {
                    if try c.notifications(waiting: 0.25).contains(where: { $0 != node }) { bump() }
                }
            } catch {
                listening.store(false, ordering: .releasing)
                bump()
                for _ in 0..<4 where !stopped.load(ordering: .relaxed) { usleep(250_000) }
            }
        }
        listening.store(false, ordering: .releasing)
    }
}
