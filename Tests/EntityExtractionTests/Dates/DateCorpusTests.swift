import XCTest
import EntityExtraction

/// Runs `DateCorpus` at its fixed publication date: exact spans and values for every
/// positive line, nothing at all for every negative line.
final class DateCorpusTests: XCTestCase {
    let recognizer = DateRecognizer(options: DateOptions(reference: CivilDate(iso: DateCorpus.reference)!))

    static func render(_ v: DateValue) -> String {
        if let d = v.date { return d }
        if let f = v.from, let t = v.to { return "\(f)..\(t)" }
        return "duration"
    }

    func testCorpusHasEnoughLines() {
        XCTAssertGreaterThanOrEqual(DateCorpus.positive.count, 80)
        XCTAssertGreaterThanOrEqual(DateCorpus.negative.count, 20)
        XCTAssertGreaterThanOrEqual(DateCorpus.news.count + DateCorpus.newsNegative.count, 50)
    }

    func testPositiveLines() {
        check(DateCorpus.positive, recognizer)
    }

    func testNewsLines() {
        check(DateCorpus.news, recognizer)
        check(DateCorpus.newsContrasts, recognizer)
        for text in DateCorpus.newsNegative {
            let doc = Document(text: text)
            XCTAssertEqual(recognizer.recognize(doc).map { doc.text(from: $0.start, to: $0.end) }, [], text)
        }
    }

    func testRecognizersConventionReportsCountedRanges() {
        let counted = DateRecognizer(options: DateOptions(reference: CivilDate(iso: DateCorpus.reference)!, convention: .recognizers))
        check(DateCorpus.countedRanges, counted)
        // the calendar convention reports only the calendar references of those lines
        let calendarOnly = DateCorpus.countedRanges.map { line in
            (text: line.text, expected: line.expected.filter { $0.span.hasSuffix(" week") && !$0.span.hasPrefix("the ") })
        }
        check(calendarOnly, recognizer)
    }

    func testOntoNotesConvention() {
        let onto = DateRecognizer(options: DateOptions(reference: CivilDate(iso: DateCorpus.reference)!, convention: .ontoNotes))
        check(DateCorpus.ontoNotes, onto)
    }

    private func check(_ lines: [(text: String, expected: [(span: String, value: String)])], _ recognizer: DateRecognizer) {
        for line in lines {
            let doc = Document(text: line.text)
            let found = recognizer.recognize(doc).map { (doc.text(from: $0.start, to: $0.end), DateCorpusTests.render($0.value)) }
            let expected = line.expected.map { ($0.span, $0.value) }
            XCTAssertEqual(found.map { "\($0.0) = \($0.1)" }, expected.map { "\($0.0) = \($0.1)" }, line.text)
            // spans are exact code point offsets of the first occurrence
            for (m, e) in zip(recognizer.recognize(doc), line.expected) {
                let scalars = Array(line.text.unicodeScalars)
                let target = Array(e.span.unicodeScalars)
                var first = -1
                for s in 0...(scalars.count - target.count) where Array(scalars[s..<(s + target.count)]) == target { first = s; break }
                if first >= 0, e.span == doc.text(from: m.start, to: m.end) { XCTAssertEqual(m.start, first, line.text) }
            }
        }
    }

    func testNegativeLines() {
        for text in DateCorpus.negative {
            let doc = Document(text: text)
            let found = recognizer.recognize(doc).map { doc.text(from: $0.start, to: $0.end) }
            XCTAssertEqual(found, [], text)
        }
    }

    func testDayMonthOrderOption() {
        let dm = DateRecognizer(options: DateOptions(reference: CivilDate(iso: "2024-03-14")!, numericOrder: .dayMonth))
        let doc = Document(text: "The talks were held on 3/4/24.")
        XCTAssertEqual(dm.recognize(doc).map { DateCorpusTests.render($0.value) }, ["2024-04-03"])
        let unambiguous = Document(text: "Payment was due 03/14/2024.")
        XCTAssertEqual(dm.recognize(unambiguous).map { DateCorpusTests.render($0.value) }, ["2024-03-14"])
    }
}
