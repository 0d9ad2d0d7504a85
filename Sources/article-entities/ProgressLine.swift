import Foundation
import Glibc

/// The one-line progress report of a long command (`done/total`, articles/s, ETA),
/// redrawn in place on standard error, and only when standard error is a terminal: a
/// log file or pipe gets nothing but the summary.
struct ProgressLine {
    let total: Int?
    private let started = Date()
    private var lastDrawn = Date.distantPast
    private let enabled = isatty(STDERR_FILENO) == 1
    private var visible = false

    init(total: Int?) { self.total = total }

    var elapsed: TimeInterval { Date().timeIntervalSince(started) }

    /// Redraws at most four times a second unless `force`.
    mutating func update(done: Int, force: Bool = false) {
        guard enabled, force || Date().timeIntervalSince(lastDrawn) >= 0.25 else { return }
        lastDrawn = Date()
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        var text = total.map { "\(done)/\($0)" } ?? "\(done)"
        text += String(format: "  %.0f articles/s", rate)
        if let total, rate > 0, done < total {
            let left = Int((Double(total - done) / rate).rounded())
            text += String(format: "  ETA %d:%02d:%02d", left / 3600, left / 60 % 60, left % 60)
        }
        StandardError.write("\r\u{1B}[K" + text)
        visible = true
    }

    /// Clears the line so that a message can be written in its place.
    mutating func clear() {
        guard visible else { return }
        StandardError.write("\r\u{1B}[K")
        visible = false
    }

    /// Articles a second over the whole run.
    func rate(done: Int) -> Double { elapsed > 0 ? Double(done) / elapsed : 0 }
}
