import Foundation
import XCTest
@testable import EntityExtraction

/// Runs every line of `MoneyCorpus`: exact spans and exact values, and nothing at all in
/// the negative examples.
final class MoneyCorpusTests: XCTestCase {
    func decimal(_ s: String?) -> Decimal? { s.map { Decimal(string: $0)! } }

    /// Code point offset of the first occurrence of `needle` in `text`.
    func offset(of needle: String, in text: String) -> Int? {
        let hay = Array(text.unicodeScalars), pin = Array(needle.unicodeScalars)
        guard !pin.isEmpty, hay.count >= pin.count else { return nil }
        for i in 0...(hay.count - pin.count) where Array(hay[i..<(i + pin.count)]) == pin { return i }
        return nil
    }

    func testPositiveExamples() {
        XCTAssertGreaterThanOrEqual(MoneyCorpus.positives.count, 60)
        let recognizer = MoneyRecognizer()
        for (text, sums) in MoneyCorpus.positives {
            let found = recognizer.recognize(Document(text: text))
            let doc = Document(text: text)
            XCTAssertEqual(found.count, sums.count, "\(text): found \(found.map { doc.text(from: $0.start, to: $0.end) })")
            for (m, e) in zip(found, sums) {
                guard let start = offset(of: e.span, in: text) else { return XCTFail("bad corpus line: \(e.span)") }
                XCTAssertEqual(doc.text(from: m.start, to: m.end), e.span, text)
                XCTAssertEqual(m.start, start, text)
                let expected = MoneyValue(amount: decimal(e.amount)!, currency: e.currency, currencyResolution: e.resolution,
                                          qualifier: e.qualifier, min: decimal(e.min), max: decimal(e.max),
                                          currencyEvidence: e.expectedEvidence)
                XCTAssertEqual(m.value, expected, text)
            }
        }
    }

    func testNegativeExamples() {
        XCTAssertGreaterThanOrEqual(MoneyCorpus.negatives.count, 15)
        let recognizer = MoneyRecognizer()
        for text in MoneyCorpus.negatives {
            let doc = Document(text: text)
            let found = recognizer.recognize(doc)
            XCTAssertEqual(found.map { doc.text(from: $0.start, to: $0.end) }, [], text)
        }
    }

    func testBareDollarFollowsConfiguredDefault() {
        let doc = Document(text: "It costs $5 and 20 dollars.")
        let found = MoneyRecognizer(options: MoneyOptions(defaultDollar: "AUD")).recognize(doc)
        XCTAssertEqual(found.map(\.value), [MoneyValue(amount: 5, currency: "AUD", currencyResolution: .ambiguous, currencyEvidence: "default"),
                                            MoneyValue(amount: 20, currency: "AUD", currencyResolution: .ambiguous, currencyEvidence: "default")])
    }

    func testOntoNotesSpanStyleDropsALoneSign() {
        let doc = Document(text: "Judges make $89,500 annually, about $155 a day, and up to $2 billion in all.")
        let found = MoneyRecognizer(options: MoneyOptions(spanStyle: .ontoNotes)).recognize(doc)
        XCTAssertEqual(found.map { doc.text(from: $0.start, to: $0.end) }, ["89,500", "about $155", "$2 billion"])
        XCTAssertEqual(found.map(\.value.qualifier), [nil, "about", "up_to"])
    }

    /// The same text as the service reads it: the real-news guidelines leave every
    /// qualifier and `between` outside the span, and `qualifier` says what they said.
    func testNaturalSpanStyleLeavesQualifiersOutside() {
        let doc = Document(text: "Judges make $89,500 annually, about $155 a day, up to $2 billion in all, a record $3m once and between $4m and $5m later.")
        let found = MoneyRecognizer().recognize(doc)
        XCTAssertEqual(found.map { doc.text(from: $0.start, to: $0.end) }, ["$89,500", "$155", "$2 billion", "$3m", "$4m and $5m"])
        XCTAssertEqual(found.map(\.value.qualifier), [nil, "about", "up_to", nil, nil])
        XCTAssertEqual(found.map(\.value.max), [nil, nil, nil, nil, 5_000_000])
    }

    func testVagueSumsOnlyInOntoNotesSpanStyle() {
        let doc = Document(text: "Projects cost billions of dollars and a multibillion-dollar dam.")
        XCTAssertEqual(MoneyRecognizer().recognize(doc).count, 0)
        let found = MoneyRecognizer(options: MoneyOptions(spanStyle: .ontoNotes)).recognize(doc)
        XCTAssertEqual(found.map { doc.text(from: $0.start, to: $0.end) }, ["billions of dollars", "multibillion-dollar"])
        XCTAssertEqual(found.map(\.value.amount), [2_000_000_000, 2_000_000_000])
        XCTAssertEqual(found.map(\.value.qualifier), ["at_least", "at_least"])
    }

    func testNumberParsing() {
        XCTAssertEqual(MoneyNumbers.parse("1,000,000")?.value, 1_000_000)
        XCTAssertEqual(MoneyNumbers.parse("1.000.000,50")?.value, Decimal(string: "1000000.5"))
        XCTAssertEqual(MoneyNumbers.parse("12,34,567.89")?.value, Decimal(string: "1234567.89"))
        XCTAssertEqual(MoneyNumbers.parse("3,5")?.value, Decimal(string: "3.5"))
        XCTAssertEqual(MoneyNumbers.parse("0.0343")?.value, Decimal(string: "0.0343"))
        XCTAssertEqual(MoneyNumbers.parse("12345678901234567890123")?.value, Decimal(string: "12345678901234567890123"))
        XCTAssertNil(MoneyNumbers.parse("1,00,0"))
        XCTAssertNil(MoneyNumbers.parse("1234,567"))
    }
}
