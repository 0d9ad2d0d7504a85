import Foundation
import XCTest
@testable import ArticleStore

/// `AmountTally` adds whole amounts as integers and the rest as decimals: totals, least
/// and greatest must be the exact decimals whichever way each amount went.
final class AmountTallyTests: XCTestCase {
    private func tally(_ amounts: [String]) throws -> AmountTally {
        var t = AmountTally()
        for a in amounts { try t.add(stored: a) }
        return t
    }

    func testWholeAndFractionalAmountsTogether() throws {
        let t = try tally(["3", "1.5", "-2", "0.25", "1000000"])
        XCTAssertEqual(t.count, 5)
        XCTAssertEqual(t.total, Decimal(string: "1000002.75"))
        XCTAssertEqual(t.min, -2)
        XCTAssertEqual(t.max, 1_000_000)
        let fractionalExtremes = try tally(["2", "-2.5", "7.75", "7"])
        XCTAssertEqual(fractionalExtremes.min, Decimal(string: "-2.5"))
        XCTAssertEqual(fractionalExtremes.max, Decimal(string: "7.75"))
    }

    func testASumPastInt64StaysExact() throws {
        // Eleven 18-digit amounts: 9.9e18 is past Int64.max (about 9.22e18).
        let t = try tally(Array(repeating: "900000000000000001", count: 11))
        XCTAssertEqual(t.total, Decimal(string: "9900000000000000011"))
        XCTAssertEqual(t.min, Decimal(string: "900000000000000001"))
        // Longer than the integer path reads: parsed as a decimal.
        let long = try tally(["12345678901234567890", "1"])
        XCTAssertEqual(long.total, Decimal(string: "12345678901234567891"))
        XCTAssertEqual(long.max, Decimal(string: "12345678901234567890"))
    }

    func testAnUnreadableAmountIsAnError() {
        var t = AmountTally()
        XCTAssertThrowsError(try t.add(stored: "abc"))
        XCTAssertEqual(t.count, 0)
    }
}
