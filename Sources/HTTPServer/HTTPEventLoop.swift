import Dispatch

/// One serial Dispatch queue with what its connections share: a read buffer, the cached
/// `Date` text and a memory returner. The server runs one loop per core and gives each
/// accepted connection to one loop for its whole life, so connections on different loops
/// are read, parsed and written in parallel while each connection stays single-threaded.
final class HTTPEventLoop: @unchecked Sendable {
    let queue: DispatchQueue
    // Confined to `queue`.
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65_536, alignment: 16)
    let dates = HTTPDateCache()
    let memory: MemoryReturner

    init(index: Int) {
        queue = DispatchQueue(label: "article-entities.http.io-\(index)")
        memory = MemoryReturner(queue: queue)
    }

    deinit {
        readBuffer.deallocate()
    }
}
