import XCTest
@testable import EntityExtraction

/// `WordList.contains` answers as `[String].contains` does, for ASCII and other keys.
final class WordListTests: XCTestCase {
    func testSameAnswerAsArrayContains() {
        let lists: [WordList] = [WordList("period quarter month week half"), WordList("year's years"), WordList("k"),
                                 WordList("a")]
        let keys = ["", "period", "perio", "periods", "quarter", "half", "hal", "week ", " week", "week quarter",
                    "year's", "year’s", "years", "k", "\u{212A}", "K", "a", "A", "é", "e\u{301}", "month\u{301}", "qua"]
        for list in lists {
            let array = list.entries
            for key in keys {
                XCTAssertEqual(list.contains(key), array.contains(key), "\(list.words) \(key.unicodeScalars.map(\.value))")
            }
        }
        XCTAssertEqual(WordList("period quarter month week half").entries, ["period", "quarter", "month", "week", "half"])
        XCTAssertTrue(WordList("period quarter month").contains("month"))
        XCTAssertFalse(WordList("period quarter month").contains("quarter month"))
    }
}
