import Foundation
import XCTest
@testable import EntityExtraction

/// The recognizer runs on whatever a client posts: random mixtures of money-like tokens
/// must give well-formed spans, and adversarial runs must stay linear.
final class MoneyRobustnessTests: XCTestCase {
    /// A fixed-seed generator, so a failure reproduces.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func testRandomMixturesGiveWellFormedSpans() {
        let vocab = ["$", "US$", "€", "£", "¥", "5", "1,000", "3.5", "1 000", "-", "–", "to", "and", "between", "more", "than",
                     "about", "million", "m", "bn", "k", "a", "half", "quarter", "quarters", "three", "forty", "-five", "point",
                     "four", "dollars", "dollar", "cents", "p", "pence", "USD", "EUR", "MUSD", "u", ".", "s", "c", "hk", "Rs.",
                     "of", "billions", "tens", "several", "multibillion", "-dollar", "yuan", "RMB", "pounds", "Mark", "\n", "%",
                     "1.000.000,50", "12,34,567.89", ",", "minus", "up", "as", "much", "the", "in", "1989"]
        var rng = SplitMix(state: 2024)
        var sums = 0
        for _ in 0..<5000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...12, using: &rng) {
                text += vocab.randomElement(using: &rng)!
                if Bool.random(using: &rng) { text += " " }
            }
            let doc = Document(text: text)
            var previousEnd = 0
            for m in MoneyRecognizer().recognize(doc) {
                XCTAssertTrue(m.start >= previousEnd && m.start < m.end && m.end <= doc.scalars.count, text)
                XCTAssertFalse(m.value.amount.isNaN, text)
                if let lo = m.value.min, let hi = m.value.max { XCTAssertLessThan(lo, hi, text) }
                previousEnd = m.end
                sums += 1
            }
        }
        XCTAssertGreaterThan(sums, 500)   // the mixtures do contain sums: the loop above checked real matches
    }

    func testLongRunsOfNumberWordsAndLettersStayCheap() {
        // Each run would cost n² if every position re-read the whole run.
        for unit in ["million ", "one ", "a ", "u . ", "hundred thousand ", "1 000 "] {
            let doc = Document(text: String(repeating: unit, count: 20_000) + "dollars")
            let found = MoneyRecognizer().recognize(doc)
            XCTAssertLessThanOrEqual(found.count, 1, unit)
        }
        XCTAssertEqual(MoneyRecognizer().recognize(Document(text: "$" + String(repeating: "9", count: 400))).count, 0)
    }
}
