import Dispatch

/// A time budget for one extraction, checked cooperatively between pipeline stages and
/// every few sentences inside the name tagger, so an expensive text frees its thread
/// instead of holding it until the text is done. The clock is injected so tests can
/// expire a deadline without depending on the machine's speed.
public struct ExtractionDeadline: Sendable {
    /// Seconds on a monotonic clock.
    public typealias Clock = @Sendable () -> Double

    /// The budget the deadline was made with, for messages.
    public let seconds: Double
    private let expiry: Double
    private let clock: Clock

    /// A deadline `seconds` from now on `clock` (by default, the system's uptime clock).
    public init(seconds: Double, clock: @escaping Clock = ExtractionDeadline.uptime) {
        self.seconds = seconds
        self.clock = clock
        expiry = clock() + seconds
    }

    /// A deadline that never expires (the command line's extractions).
    public static let unlimited = ExtractionDeadline(seconds: .infinity, clock: { 0 })

    public static let uptime: Clock = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    public var isExpired: Bool { seconds.isFinite && clock() >= expiry }

    /// Throws when the budget is spent; `stage` names where, for the error's message.
    public func check(_ stage: String) throws {
        if isExpired { throw ExtractionDeadlineExceeded(seconds: seconds, stage: stage) }
    }
}

/// An extraction stopped because its time budget ran out; nothing it found is kept.
public struct ExtractionDeadlineExceeded: Error, Sendable, CustomStringConvertible {
    public let seconds: Double
    /// The pipeline stage that was running or about to run.
    public let stage: String

    public var description: String { "extraction ran out of its \(seconds) s budget (during \(stage))" }
}
