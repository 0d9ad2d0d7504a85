import CMalloc
import Dispatch
import Foundation
import Glibc
import Synchronization

/// What the listener shares with its connections, on every loop: fixed at start, but
/// for the shutdown flag.
final class HTTPServerContext: @unchecked Sendable {
    let configuration: HTTPServerConfiguration
    let responder: any HTTPResponder
    let onRequest: (@Sendable (HTTPRequestLog) -> Void)?
    let pool: WorkerPool
    private let stopping = Atomic<Bool>(false)
    /// Set before the loops start; called on the connection's loop when it has closed.
    var connectionClosed: ((HTTPConnection) -> Void)?

    var shuttingDown: Bool {
        get { stopping.load(ordering: .acquiring) }
        set { stopping.store(newValue, ordering: .releasing) }
    }

    init(configuration: HTTPServerConfiguration, responder: any HTTPResponder,
         onRequest: (@Sendable (HTTPRequestLog) -> Void)?, pool: WorkerPool) {
        self.configuration = configuration
        self.responder = responder
        self.onRequest = onRequest
        self.pool = pool
    }

    func log(method: String, path: String, status: Int, since start: UInt64, remote: String) {
        guard let onRequest else { return }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        onRequest(HTTPRequestLog(method: method, path: path, status: status, duration: seconds, remote: remote))
    }
}

/// Hands freed heap back to the system after a burst of large frees. glibc keeps freed
/// buffers of closed connections in its arenas (its mmap threshold rises after the first
/// large free), so without a trim resident memory stays at its peak.
final class MemoryReturner: @unchecked Sendable {
    /// Freed bytes that warrant a trim; below this the arenas are left alone.
    static let threshold = 16 << 20

    private let lock = NSLock()
    // Guarded by `lock`.
    private var freed = 0
    private var scheduled = false

    /// Called with the capacity a closed connection gave up.
    func released(_ bytes: Int) {
        lock.lock()
        freed += bytes
        let schedule = freed >= Self.threshold && !scheduled
        if schedule { scheduled = true }
        lock.unlock()
        guard schedule else { return }
        // Once the burst has passed, and off the event loop: a trim walks every arena.
        // Frees after the reset are covered by this trim or the next.
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + 1) { [self] in
            lock.lock()
            freed = 0
            scheduled = false
            lock.unlock()
            malloc_trim(0)
        }
    }
}
