import XCTest
import Foundation
@testable import EntityExtraction

/// The cooperative time budget: checked between stages and every few sentences while the
/// name tagger decodes, on a clock that counts its reads (so nothing depends on speed).
final class ExtractionDeadlineTests: XCTestCase {
    static let extractor = try! EntityExtractor.bundled()
    let options = ExtractionOptions(publishedAt: CivilDate(iso: "2024-03-14")!)

    /// Each read returns the next whole number: a deadline of N seconds expires at its Nth check.
    final class CountingClock: @unchecked Sendable {
        private let lock = NSLock()
        private var reads = 0
        var count: Int { lock.lock(); defer { lock.unlock() }; return reads }
        var clock: ExtractionDeadline.Clock {
            { [self] in lock.lock(); defer { lock.unlock() }; reads += 1; return Double(reads) }
        }
    }

    static let sentenceCount = 640
    let longText = String(repeating: "Olaf Scholz met NATO officials in Brussels on Monday. ", count: ExtractionDeadlineTests.sentenceCount)

    func testAGenerousDeadlineChangesNothing() throws {
        let text = "Olaf Scholz pledged €5 billion to Ukraine on Thursday in Berlin."
        let plain = Self.extractor.extract(text, options: options)
        let counting = CountingClock()
        let budgeted = try Self.extractor.extract(text, options: options, deadline: ExtractionDeadline(seconds: 1e12, clock: counting.clock))
        XCTAssertEqual(budgeted.entities, plain.entities)
        XCTAssertEqual(budgeted.figures, plain.figures)
        XCTAssertGreaterThan(counting.count, 5, "checked between stages")
    }

    func testTheTaggerChecksWhileDecodingAndStopsEarly() throws {
        let full = CountingClock()
        _ = try Self.extractor.extract(longText, options: options, deadline: ExtractionDeadline(seconds: 1e12, clock: full.clock))
        // Hundreds of sentences, asked every 64, in two stages: dozens of checks inside the tagger.
        XCTAssertGreaterThan(full.count, 2 * Self.sentenceCount / ExtractionDeadline.testStopInterval)

        let short = CountingClock()
        // Read 1 starts the deadline; reads 2–8 are the stage checks up to the decoder's
        // first ask, so a budget of 9 runs out inside the first stage's decoding.
        XCTAssertThrowsError(try Self.extractor.extract(longText, options: options,
                                                        deadline: ExtractionDeadline(seconds: 9, clock: short.clock))) { error in
            let exceeded = error as? ExtractionDeadlineExceeded
            XCTAssertEqual(exceeded?.stage, "tagging names")
            XCTAssertEqual(exceeded?.description, "extraction ran out of its 9.0 s budget (during tagging names)")
        }
        XCTAssertLessThan(short.count, 15, "stopped at the first check past the budget, not at the end of the text")
    }

    func testAnExpiredDeadlineStopsBeforeAnyWork() {
        let clock = CountingClock()
        XCTAssertThrowsError(try Self.extractor.extract("Paris", options: options, deadline: ExtractionDeadline(seconds: 1, clock: clock.clock))) {
            XCTAssertEqual(($0 as? ExtractionDeadlineExceeded)?.stage, "reading the text")
        }
        XCTAssertFalse(ExtractionDeadline.unlimited.isExpired)
    }
}

extension ExtractionDeadline {
    static var testStopInterval: Int { InterleavedWeights.stopCheckInterval }
}
