import Dispatch

/// One serial Dispatch queue with what its connections share: a read buffer, the cached
/// `Date` text, a memory returner, and one coarse timer that sweeps their deadlines. The
/// server runs one loop per core and gives each accepted connection to one loop for its
/// whole life, so connections on different loops are served in parallel while each
/// connection stays single-threaded.
final class HTTPEventLoop: @unchecked Sendable {
    let queue: DispatchQueue
    // Confined to `queue`.
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65_536, alignment: 16)
    let dates = HTTPDateCache()
    let memory: MemoryReturner
    private var connections: [ObjectIdentifier: HTTPConnection] = [:]
    private var sweep: DispatchSourceTimer?

    init(index: Int, sweepInterval: Double) {
        queue = DispatchQueue(label: "article-entities.http.io-\(index)")
        memory = MemoryReturner(queue: queue)
        let timer = DispatchSource.makeTimerSource(queue: queue)
        let interval = DispatchTimeInterval.nanoseconds(Int(sweepInterval * 1e9))
        timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(1))
        timer.setEventHandler { [weak self] in self?.sweepDeadlines() }
        timer.activate()
        sweep = timer
    }

    deinit {
        sweep?.cancel()
        readBuffer.deallocate()
    }

    /// On `queue`: the connection's deadline is swept from now until `forget`.
    func watch(_ connection: HTTPConnection) {
        connections[ObjectIdentifier(connection)] = connection
    }

    func forget(_ connection: HTTPConnection) {
        connections.removeValue(forKey: ObjectIdentifier(connection))
    }

    /// Ends the sweep once the server has stopped.
    func stop() {
        queue.async { [self] in
            sweep?.cancel()
            sweep = nil
            connections.removeAll()
        }
    }

    private func sweepDeadlines() {
        let now = ConnectionTimer.now()
        for connection in connections.values where connection.deadline <= now {
            connection.deadlineReached()
        }
    }
}
