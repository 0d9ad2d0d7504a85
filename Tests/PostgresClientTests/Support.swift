import Foundation

/// Seconds since some fixed moment, for measuring waits.
func now() -> Double { ProcessInfo.processInfo.systemUptime }
