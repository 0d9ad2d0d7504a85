import CMalloc
import Dispatch
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

/// Closes a descriptor once every dispatch source watching it has been cancelled,
/// as Dispatch requires.
final class DescriptorCloser: @unchecked Sendable {
    private let fd: Int32
    private var sources = 0

    init(fd: Int32) { self.fd = fd }

    func retain() { sources += 1 }

    func release() {
        sources -= 1
        if sources == 0 { _ = Glibc.close(fd) }
    }
}

/// Hands freed heap back to the system after a burst of large frees. glibc keeps freed
/// buffers of closed connections in its arenas (its mmap threshold rises after the first
/// large free), so without a trim resident memory stays at its peak.
final class MemoryReturner: @unchecked Sendable {
    /// Freed bytes that warrant a trim; below this the arenas are left alone.
    static let threshold = 16 << 20

    private let queue: DispatchQueue
    // Confined to `queue`.
    private var freed = 0
    private var scheduled = false

    init(queue: DispatchQueue) {
        self.queue = queue
    }

    /// Called on the I/O queue with the capacity a closed connection gave up.
    func released(_ bytes: Int) {
        freed += bytes
        guard freed >= Self.threshold, !scheduled else { return }
        scheduled = true
        // Once the burst has passed; frees after the reset are covered by this trim or the next.
        queue.asyncAfter(deadline: .now() + 1) { [self] in
            freed = 0
            scheduled = false
            // Off the I/O queue: a trim walks every arena.
            DispatchQueue.global(qos: .utility).async { malloc_trim(0) }
        }
    }
}
