import EntityExtraction
import XCTest

/// Cutting text by code point offsets, ASCII or not, and never past the text.
final class CodePointTextTests: XCTestCase {
    func testSlicesByCodePoints() {
        for (text, start, end, expected) in [("Ann met Bob.", 4, 7, "met"), ("Zürich 🇨🇭 €5", 0, 6, "Zürich"),
                                            ("Zürich 🇨🇭 €5", 7, 9, "🇨🇭"), ("Zürich 🇨🇭 €5", 10, 12, "€5"), ("", 0, 0, "")] {
            let cut = CodePointText(text)
            XCTAssertEqual(cut.count, text.unicodeScalars.count)
            XCTAssertEqual(cut.slice(start, end).map { Array($0.utf8) }, Array(expected.utf8), text)
            XCTAssertTrue(cut.matches(start, end, expected), text)
            XCTAssertEqual(CodePointText(utf8: Array(text.utf8)).slice(start, end), expected)
        }
    }

    func testNeverPastTheTextAndBytesMustMatch() {
        let cut = CodePointText("Zürich")
        XCTAssertNil(cut.slice(3, 7))
        XCTAssertNil(cut.slice(-1, 2))
        XCTAssertNil(cut.slice(4, 3))
        XCTAssertFalse(cut.matches(0, 7, "Zürich!"))
        XCTAssertFalse(cut.matches(0, 6, "Zu\u{308}rich"), "canonically equal is not the same bytes")
        XCTAssertFalse(cut.matches(0, 5, "Zürich"))
    }
}
