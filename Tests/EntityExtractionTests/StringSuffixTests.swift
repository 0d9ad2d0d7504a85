import XCTest
@testable import EntityExtraction

/// `hasSuffixOfBytes` answers as `hasSuffix` does for the suffixes it is used with.
final class StringSuffixTests: XCTestCase {
    func testSameAnswerAsHasSuffix() {
        let suffixes: [StaticString] = ["'s", "’s", "'S", "’S", "s'", "s’", "’ll"]
        let ends = ["", "s", "'", "’", "l", "ll", "S", "\u{301}", "\u{200D}", "e\u{301}", "\u{0600}", "\r\n", "x"]
        var texts: [String] = ["", "Russia's", "Russia’s", "Reuters'", "Reuters’", "we’ll", "WE’LL", "ś", "’s\u{301}",
                               "\u{0600}’s", "Trump’s\u{200D}", "s’\u{301}"]
        for a in ends { for b in ends { for c in ends { texts.append("ab" + a + b + c) } } }
        for text in texts {
            for suffix in suffixes {
                XCTAssertEqual(text.hasSuffixOfBytes(suffix), text.hasSuffix(String(describing: suffix)), "\(text.unicodeScalars.map(\.value)) \(suffix)")
            }
        }
        XCTAssertEqual(EntityIdentity.withoutPossessive("Russia’s"), "Russia")
        XCTAssertEqual(EntityIdentity.withoutPossessive("Reuters'"), "Reuters")
        XCTAssertEqual(EntityIdentity.withoutPossessive("’s"), "’s")
        XCTAssertEqual(EntityIdentity.withoutPossessive("\u{0600}’s"), "\u{0600}’s")
    }
}
