import Foundation

/// A fixed set of threads running responder calls, with a bounded queue: CPU-bound or
/// blocking handlers never occupy the I/O queue, and overload is refused, not buffered.
final class WorkerPool: @unchecked Sendable {
    typealias Job = @Sendable () -> Void

    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var head = 0
    private var stopping = false
    private let maxQueued: Int

    init(threads: Int, maxQueued: Int, name: String) {
        self.maxQueued = maxQueued
        for index in 0..<max(1, threads) {
            let thread = Thread { [self] in self.run() }
            thread.name = "\(name)-\(index)"
            thread.stackSize = 4 << 20  // extraction recurses a little; leave room
            thread.start()
        }
    }

    /// Queues a job unless `maxQueued` jobs are already waiting or the pool is stopping.
    func submit(_ job: @escaping Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping, jobs.count - head < maxQueued else { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    /// Jobs waiting for a thread.
    var queuedCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return jobs.count - head
    }

    /// Threads finish the queued jobs, then exit.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func run() {
        while let job = take() {
            job()
        }
    }

    private func take() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count && !stopping { condition.wait() }
        guard head < jobs.count else { return nil }
        let job = jobs[head]
        head += 1
        if head > 64 && head * 2 > jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        return job
    }
}
