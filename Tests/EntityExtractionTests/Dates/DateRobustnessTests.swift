import XCTest
import EntityExtraction

/// Shuffled date words, numbers and punctuation: the recognizer must never trap and must
/// return ordered, non-overlapping spans inside the text whose values are well formed.
final class DateRobustnessTests: XCTestCase {
    static let pieces = [
        "the", "of", "from", "to", "between", "and", "in", "on", "last", "next", "this", "past",
        "March", "may", "May", "Oct.", "Friday", "Sun", "week", "weeks", "year", "years", "ago",
        "later", "the 3rd", "2024", "1999", "24", "3", "31", "0", "99999", "12/31", "2/29/2023",
        "13.5.2015", "2014-2018", "-", "/", ",", ".", "'s", "'97", "Q3", "H2", "1990s", "century",
        "early", "mid-", "quarter", "half", "Christmas", "Easter", "fiscal", "about", "more than",
        "two", "twenty", "first", "thousand", "\n", "€", "$", "%", "999 centuries ago", "week 53",
        "the 31st of February", "30 February", "rest of the", "fortnight", "weekend",
    ]

    func testShuffledDateWordsNeverTrapAndStayWellFormed() {
        var seed: UInt64 = 0x9E3779B97F4A7C15
        func next() -> Int {
            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
            return Int(seed % UInt64(DateRobustnessTests.pieces.count))
        }
        let recognizer = DateRecognizer(options: DateOptions(reference: CivilDate(year: 2024, month: 2, day: 29)!))
        for _ in 0..<400 {
            var text = ""
            for _ in 0..<(8 + next() % 12) { text += DateRobustnessTests.pieces[next()] + (next() % 3 == 0 ? "" : " ") }
            let doc = Document(text: text)
            var lastEnd = 0
            for m in recognizer.recognize(doc) {
                XCTAssertLessThan(m.start, m.end, text)
                // either after the last match or nested in it (the ends of a range)
                if m.start < lastEnd { XCTAssertLessThanOrEqual(m.end, lastEnd, text) }
                XCTAssertLessThanOrEqual(m.end, doc.scalars.count, text)
                lastEnd = max(lastEnd, m.end)
                let v = m.value
                if v.grain == .duration && v.date == nil && v.from == nil { continue }
                if let d = v.date {
                    XCTAssertTrue([4, 7, 10].contains(d.count), "\(d) in \(text)")
                } else {
                    XCTAssertNotNil(v.from, text)
                    XCTAssertNotNil(v.to, text)
                    if let f = v.from, let t = v.to { XCTAssertLessThanOrEqual(f, t, text) }
                }
            }
        }
    }

    func testEmptyAndSymbolOnlyTexts() {
        let recognizer = DateRecognizer(options: DateOptions(reference: CivilDate(year: 2024, month: 3, day: 14)!))
        for text in ["", " ", "\n\n", "-", "/", "...", "'s", "2024-", "-2024", "/3/", "12/", "31st"] {
            XCTAssertNoThrow(recognizer.recognize(Document(text: text)), text)
        }
    }

    func testPublicationWeekdayAndTense() {
        let recognizer = DateRecognizer(options: DateOptions(reference: CivilDate(year: 2024, month: 3, day: 14)!))
        func value(_ text: String) -> String? { recognizer.recognize(Document(text: text)).first?.value.date }
        XCTAssertEqual(value("He spoke on Thursday."), "2024-03-14")
        XCTAssertEqual(value("He said on Tuesday."), "2024-03-12")
        XCTAssertEqual(value("He will speak on Tuesday."), "2024-03-19")
        XCTAssertEqual(value("Police said the suspect will appear in court on Monday."), "2024-03-18")
        XCTAssertEqual(value("The law came into force in April."), "2023-04")
        XCTAssertEqual(value("The law will come into force in April."), "2024-04")
    }
}
