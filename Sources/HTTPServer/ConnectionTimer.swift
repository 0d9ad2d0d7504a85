import Dispatch

/// Deadlines as uptime nanoseconds; `.max` means none. Connections only store theirs:
/// their event loop sweeps them (see `HTTPEventLoop`), so a request never re-arms a timer.
enum ConnectionTimer {
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// A deadline `seconds` after `start`; a timeout too long to represent (or NaN) means never.
    static func after(_ seconds: Double, from start: UInt64) -> UInt64 {
        let nanoseconds = max(0, seconds) * 1e9
        guard nanoseconds.isFinite, nanoseconds < Double(UInt64.max - start) else { return .max }
        return start + UInt64(nanoseconds)
    }

    /// How often a loop sweeps: a tenth of the shortest timeout, between 5 ms and 250 ms,
    /// so a deadline is acted on at most that late.
    static func sweepInterval(_ configuration: HTTPServerConfiguration) -> Double {
        let shortest = [configuration.headerTimeout, configuration.bodyTimeout, configuration.idleTimeout,
                        configuration.writeTimeout, configuration.lingerTimeout].min() ?? 1
        return min(0.25, max(0.005, shortest / 10))
    }
}
