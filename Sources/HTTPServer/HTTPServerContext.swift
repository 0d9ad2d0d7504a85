import Dispatch
import Glibc

/// What the listener shares with its connections. The mutable parts are confined to
/// the I/O queue; the rest is fixed at start.
final class HTTPServerContext: @unchecked Sendable {
    let configuration: HTTPServerConfiguration
    let responder: any HTTPResponder
    let onRequest: (@Sendable (HTTPRequestLog) -> Void)?
    let queue: DispatchQueue
    let pool: WorkerPool
    let dates = HTTPDateCache()
    /// One read buffer for every connection: reads all happen on the one I/O queue.
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65_536, alignment: 16)
    var shuttingDown = false
    var connectionClosed: ((HTTPConnection) -> Void)?

    init(configuration: HTTPServerConfiguration, responder: any HTTPResponder,
         onRequest: (@Sendable (HTTPRequestLog) -> Void)?, queue: DispatchQueue, pool: WorkerPool) {
        self.configuration = configuration
        self.responder = responder
        self.onRequest = onRequest
        self.queue = queue
        self.pool = pool
    }

    deinit {
        readBuffer.deallocate()
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
