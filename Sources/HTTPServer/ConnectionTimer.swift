import Dispatch

/// One timer per connection, re-armed only when its deadline changes.
final class ConnectionTimer {
    private let timer: DispatchSourceTimer
    /// Uptime in nanoseconds; `.max` means none.
    private(set) var deadline = UInt64.max

    init(queue: DispatchQueue, handler: @escaping () -> Void) {
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.setEventHandler(handler: handler)
        timer.schedule(deadline: .distantFuture)
        timer.activate()
    }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// A deadline `seconds` after `start`; a timeout too long to represent (or NaN) means never.
    static func after(_ seconds: Double, from start: UInt64) -> UInt64 {
        let nanoseconds = max(0, seconds) * 1e9
        guard nanoseconds.isFinite, nanoseconds < Double(UInt64.max - start) else { return .max }
        return start + UInt64(nanoseconds)
    }

    func set(_ newDeadline: UInt64) {
        guard newDeadline != deadline else { return }
        deadline = newDeadline
        if newDeadline == .max {
            timer.schedule(deadline: .distantFuture)
        } else {
            timer.schedule(deadline: DispatchTime(uptimeNanoseconds: newDeadline), leeway: .milliseconds(5))
        }
    }

    /// True once the deadline has really passed; an early fire re-arms the timer.
    func hasExpired() -> Bool {
        guard deadline != .max else { return false }
        if Self.now() >= deadline {
            deadline = .max
            return true
        }
        timer.schedule(deadline: DispatchTime(uptimeNanoseconds: deadline), leeway: .milliseconds(5))
        return false
    }

    func cancel() {
        timer.cancel()
    }
}
