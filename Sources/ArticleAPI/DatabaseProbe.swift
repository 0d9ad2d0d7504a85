import ArticleStore
import Foundation
import Synchronization

/// Whether the database answers, as a background check last found it. `/healthz` is
/// answered on an I/O thread, which must never wait for a query, so it reads the
/// answer kept here; `start` checks once a second (`checkDatabase()`, on a thread of its
/// own), and a change either way is logged once.
public final class DatabaseProbe: @unchecked Sendable {
    private let answering = Atomic<Bool>(true)
    private let lock = NSLock()
    // Guarded by `lock`.
    private var timer: DispatchSourceTimer?
    private let store: any ArticleStorage
    private let log: @Sendable (String) -> Void

    /// Answering until a check finds otherwise: the store was just opened.
    init(store: any ArticleStorage, log: @escaping @Sendable (String) -> Void) {
        self.store = store
        self.log = log
    }

    deinit { stop() }

    /// What the last check found (true before any).
    public var isAnswering: Bool { answering.load(ordering: .relaxed) }

    /// Checks every `interval` seconds until `stop`. A check that waits (a server that
    /// accepts but does not answer) delays the next one; it never piles them up.
    public func start(every interval: Double = 1) {
        lock.lock()
        defer { lock.unlock() }
        guard timer == nil else { return }
        let t = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "article-entities.database-probe"))
        t.schedule(deadline: .now() + interval, repeating: interval)
        t.setEventHandler { [weak self] in self?.checkNow() }
        t.resume()
        timer = t
    }

    public func stop() {
        lock.lock()
        let t = timer
        timer = nil
        lock.unlock()
        t?.cancel()
    }

    /// One check, now, on the calling thread; returns what it found.
    @discardableResult
    public func checkNow() -> Bool {
        var failure: (any Error)?
        do { try store.checkDatabase() } catch { failure = error }
        let now = failure == nil
        if answering.exchange(now, ordering: .relaxed) != now {
            log(now ? "the database answers again" : "the database does not answer: \(failure!)")
        }
        return now
    }
}
