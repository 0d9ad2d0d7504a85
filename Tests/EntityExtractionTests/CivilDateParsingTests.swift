import XCTest
@testable import EntityExtraction

/// `CivilDate(iso:)` reads bytes; it accepts exactly what the rule over Characters accepts.
final class CivilDateParsingTests: XCTestCase {
    /// The rule as written over Characters: three parts of 4, 2 and 2 ASCII digits.
    static func byCharacters(_ iso: String) -> CivilDate? {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }

    func testSameAsTheCharacterRule() {
        var texts = ["2024-03-14", "2023-02-29", "2024-02-29", "0000-01-01", "9999-12-31", "2024-3-14", "2024-03-1",
                     "2024-13-01", "2024-00-10", "2024-01-00", "20240314", "2024-03-14 ", " 2024-03-14", "2024--03-14",
                     "2024-03-1\u{301}", "２０２４-03-14", "2024-0٣-14", "2024-03-14\r\n", "-2024-03-14", "+024-03-14", ""]
        let pieces = ["2024", "03", "14", "-", "1", "9", "x", "\u{301}", "٣"]
        for a in pieces { for b in pieces { for c in pieces { for d in pieces { texts.append(a + b + c + d) } } } }
        for text in texts {
            XCTAssertEqual(CivilDate(iso: text), Self.byCharacters(text), text)
        }
        XCTAssertEqual(CivilDate(iso: "2024-03-14"), CivilDate(year: 2024, month: 3, day: 14))
    }
}
