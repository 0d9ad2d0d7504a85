import CEpoll
import Foundation
import Glibc

/// One thread waiting on its own epoll instance, with what its connections share: a read
/// buffer, the cached `Date` text and a memory returner. The server runs one loop per
/// core and gives each accepted connection to one loop for its whole life, so
/// connections on different loops are served in parallel while each connection stays
/// single-threaded. Deadlines are swept once per `sweepInterval`, from the wait's timeout.
///
/// Dispatch sources cost a thread hop per event (its manager thread waits on epoll, then
/// wakes a worker to run the queue); here the thread that waits is the one that serves.
/// Descriptors are registered once, edge-triggered, and never re-armed: a connection
/// remembers that its socket is readable or writable until a call says otherwise.
final class HTTPEventLoop: @unchecked Sendable {
    typealias Task = () -> Void

    // Confined to the loop's thread.
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65_536, alignment: 16)
    let dates = UTCSecondText(\.imfFixdate)
    let memory = MemoryReturner()
    private var connections: [UInt64: HTTPConnection] = [:]
    private var lastID: UInt64 = 0
    private var stopped = false
    private let sweepNanoseconds: UInt64

    private let epoll: Int32
    /// An eventfd that wakes the wait when another thread queues a task; id 0 in epoll.
    private let wake: Int32
    private let lock = NSLock()
    // Guarded by `lock`.
    private var tasks: [Task] = []
    private var wakeSent = false
    private var thread = pthread_t()

    init(index: Int, sweepInterval: Double) {
        sweepNanoseconds = UInt64(max(0.001, sweepInterval) * 1e9)
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        wake = eventfd(0, Int32(EFD_CLOEXEC) | Int32(EFD_NONBLOCK))
        precondition(epoll >= 0 && wake >= 0, "cannot create an event loop: \(Socket.errorText(errno))")
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.u64 = 0
        precondition(epoll_ctl(epoll, EPOLL_CTL_ADD, wake, &event) == 0)
        let started = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            self.thread = pthread_self()
            started.signal()
            run()
        }
        thread.name = "http-io-\(index)"
        thread.start()
        started.wait()
    }

    deinit {
        _ = Glibc.close(epoll)
        _ = Glibc.close(wake)
        readBuffer.deallocate()
    }

    var isCurrent: Bool { pthread_equal(pthread_self(), thread) != 0 }

    /// Runs `task` on the loop's thread, after the events it is handling now.
    func execute(_ task: @escaping Task) {
        let current = isCurrent
        lock.lock()
        tasks.append(task)
        // The loop runs its own tasks after each batch; only a waiting loop needs the eventfd.
        let signal = !current && !wakeSent
        if signal { wakeSent = true }
        lock.unlock()
        if signal {
            var one: UInt64 = 1
            _ = Glibc.write(wake, &one, 8)
        }
    }

    /// Runs `body` on the loop's thread and waits for its result (never call it from a
    /// task the loop is waiting on: the accept queue uses it, the loops never do).
    func sync<T>(_ body: @escaping () -> T) -> T {
        if isCurrent { return body() }
        let done = DispatchSemaphore(value: 0)
        var result: T?
        execute {
            result = body()
            done.signal()
        }
        done.wait()
        return result!
    }

    /// On the loop: watches the connection's descriptor (readable, writable, hung up;
    /// edge-triggered) and sweeps its deadline until `forget`. Returns its id, or nil
    /// when epoll refuses the descriptor.
    func register(_ connection: HTTPConnection, fd: Int32) -> UInt64? {
        lastID += 1
        var event = epoll_event()
        event.events = EPOLLIN.rawValue | EPOLLOUT.rawValue | EPOLLRDHUP.rawValue | EPOLLET.rawValue
        event.data.u64 = lastID
        guard epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event) == 0 else { return nil }
        connections[lastID] = connection
        return lastID
    }

    /// On the loop, before the descriptor is closed (closing it leaves epoll by itself;
    /// events already fetched for this id find no connection and are dropped).
    func forget(_ id: UInt64) {
        connections.removeValue(forKey: id)
    }

    /// Ends the thread once the server has stopped.
    func stop() {
        execute { [self] in
            stopped = true
            connections.removeAll()
        }
    }

    private func run() {
        let capacity = 128
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: capacity)
        defer { events.deallocate() }
        var nextSweep = ConnectionTimer.now() + sweepNanoseconds
        var ownTasks = false
        while !stopped {
            let now = ConnectionTimer.now()
            let timeout = ownTasks ? 0 : Int32(min(1000, (nextSweep &- min(now, nextSweep) + 999_999) / 1_000_000))
            let count = epoll_wait(epoll, events, Int32(capacity), timeout)
            if count < 0 && errno != EINTR {
                fatalError("epoll_wait failed: \(Socket.errorText(errno))")
            }
            for index in 0..<max(0, Int(count)) {
                let event = events[index]
                if event.data.u64 == 0 {
                    var value: UInt64 = 0
                    _ = Glibc.read(wake, &value, 8)
                } else {
                    connections[event.data.u64]?.ioEvent(event.events)
                }
            }
            ownTasks = runTasks()
            let after = ConnectionTimer.now()
            if after >= nextSweep {
                sweepDeadlines(now: after)
                nextSweep = after + sweepNanoseconds
            }
        }
    }

    /// Runs the tasks queued so far; true when running them queued more.
    private func runTasks() -> Bool {
        lock.lock()
        var batch: [Task] = []
        swap(&batch, &tasks)
        wakeSent = false
        lock.unlock()
        for task in batch { task() }
        lock.lock()
        defer { lock.unlock() }
        return !tasks.isEmpty
    }

    private func sweepDeadlines(now: UInt64) {
        for connection in connections.values where connection.deadline <= now {
            connection.deadlineReached()
        }
    }
}
