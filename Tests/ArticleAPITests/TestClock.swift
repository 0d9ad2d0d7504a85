import Foundation
import EntityExtraction

/// A clock the test moves: `now` only changes when the test sets it, or by `step` on
/// every read (to make any deadline expire at its first check).
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var time: Double = 1_000
    private var stepPerRead: Double = 0

    init(stepPerRead: Double = 0) { self.stepPerRead = stepPerRead }

    var now: Double {
        get { lock.lock(); defer { lock.unlock() }; return time }
        set { lock.lock(); time = newValue; lock.unlock() }
    }

    func advance(_ seconds: Double) { now += seconds }

    var clock: ExtractionDeadline.Clock {
        { [self] in
            lock.lock()
            defer { lock.unlock() }
            time += stepPerRead
            return time
        }
    }
}
