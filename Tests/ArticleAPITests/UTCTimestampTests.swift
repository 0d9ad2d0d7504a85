import XCTest
import Foundation
@testable import ArticleAPI

final class UTCTimestampTests: XCTestCase {
    func testKnownInstants() {
        XCTAssertEqual(UTCTimestamp.seconds(Date(timeIntervalSince1970: 0)), "1970-01-01T00:00:00Z")
        // 2024-03-14T15:02:11.999Z: the second is rounded down, never up.
        XCTAssertEqual(UTCTimestamp.seconds(Date(timeIntervalSince1970: 1_710_428_531.999)), "2024-03-14T15:02:11Z")
        XCTAssertEqual(UTCTimestamp.seconds(Date(timeIntervalSince1970: 951_782_400)), "2000-02-29T00:00:00Z")
        // Within half a millisecond of the next second: rounded to the millisecond first.
        XCTAssertEqual(UTCTimestamp.seconds(Date(timeIntervalSince1970: 1_710_428_531.9996)), "2024-03-14T15:02:12Z")
        XCTAssertEqual(UTCTimestamp.seconds(Date(timeIntervalSince1970: 4_102_444_799)), "2099-12-31T23:59:59Z")
    }

    /// The same text as the formatter it replaced, over instants spread across 1970–2100
    /// with fractions of a second.
    func testAgreesWithISO8601DateFormatter() {
        let utc = TimeZone(identifier: "UTC")!
        var x: UInt64 = 0x9e37_79b9_7f4a_7c15
        for _ in 0..<2000 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            let t = Double(x >> 11) / Double(1 << 53) * 4_102_444_800
            let date = Date(timeIntervalSince1970: t)
            XCTAssertEqual(UTCTimestamp.seconds(date),
                           ISO8601DateFormatter.string(from: date, timeZone: utc, formatOptions: [.withInternetDateTime]), "\(t)")
        }
    }

    func testCodePointCount() {
        XCTAssertEqual(ArticleJSON.codePointCount(""), 0)
        XCTAssertEqual(ArticleJSON.codePointCount("€276 million, Zürich 🇺🇦"), "€276 million, Zürich 🇺🇦".unicodeScalars.count)
    }
}
