import XCTest
@testable import EntityExtraction

final class TokenizerTests: XCTestCase {
    func texts(_ s: String) -> [String] { Document(text: s).tokens.map(\.text) }

    func testSplitsNumbersFromLettersAndSymbols() {
        XCTAssertEqual(texts("US$4.7 billion"), ["US", "$", "4.7", "billion"])
        XCTAssertEqual(texts("€5bn, 1,000,000"), ["€", "5", "bn", ",", "1,000,000"])
        XCTAssertEqual(texts("3/3/24."), ["3", "/", "3", "/", "24", "."])
    }

    func testKeepsAbbreviationsAndSplitsPossessives() {
        XCTAssertEqual(texts("the U.S. and Acme Corp. said"), ["the", "U.S.", "and", "Acme", "Corp.", "said"])
        XCTAssertEqual(texts("Russia’s O'Brien"), ["Russia", "’", "s", "O'Brien"])
        XCTAssertEqual(texts("US-led"), ["US", "-", "led"])
        XCTAssertEqual(texts("at Sotheby's. Then a.m. J. Smith"), ["at", "Sotheby", "'", "s", ".", "Then", "a.m.", "J.", "Smith"])
    }

    /// Only words as short as the longest abbreviation are looked up (a 1 MB "word." took 12 s).
    func testTheLongestAbbreviationsKeepTheirFullStopAndLongerWordsDoNot() {
        XCTAssertEqual(Tokenizer.longestAbbreviation, 6)
        XCTAssertEqual(texts("Messrs. Approx. Abbrevs. Washington."), ["Messrs.", "Approx.", "Abbrevs", ".", "Washington", "."])
        let long = String(repeating: "a", count: 100_000)
        XCTAssertEqual(Document(text: long + ".").tokens.map(\.end), [100_000, 100_001])
    }

    func testLowerCaseIsComputedOnce() {
        XCTAssertEqual(Document(text: "NATO Ünïon said 'Hi' €5bn").tokens.map(\.lower), ["nato", "ünïon", "said", "'", "hi", "'", "€", "5", "bn"])
        XCTAssertEqual(Document(text: "Ünïon").tokens.map(\.text), ["Ünïon"])
    }

    func testOffsetsAreCodePoints() {
        let doc = Document(text: "€276 million 👍 NATO")
        let nato = doc.tokens.last!
        XCTAssertEqual(nato.text, "NATO")
        XCTAssertEqual(nato.start, 15)
        XCTAssertEqual(doc.text(from: nato.start, to: nato.end), "NATO")
        XCTAssertTrue(doc.tokens[1].joinedToPrevious)
        XCTAssertFalse(doc.tokens[2].joinedToPrevious)
    }

    func testSentences() {
        let doc = Document(text: "He said so. \"Then we left.\" Mr. Smith came\nA caption")
        let sentences = doc.sentences.map { doc.text(ofTokens: $0) }
        XCTAssertEqual(sentences, ["He said so.", "\"Then we left.\"", "Mr. Smith came", "A caption"])
    }

    func testTextOffsets() {
        let offsets = TextOffsets("a€👍b")
        XCTAssertEqual(offsets.convert(3, to: .utf16), 4)
        XCTAssertEqual(offsets.convert(3, to: .utf8), 8)
        XCTAssertEqual(offsets.convert(2, to: .codePoints), 2)
    }

    func testCivilDate() {
        let d = CivilDate(iso: "2024-03-14")!
        XCTAssertEqual(d.weekday, 4)
        XCTAssertEqual(d.adding(days: 17).description, "2024-03-31")
        XCTAssertEqual(CivilDate(dayNumber: d.dayNumber), d)
        XCTAssertNil(CivilDate(iso: "2023-02-29"))
        XCTAssertNil(CivilDate(iso: "2024-3-14"))
    }
}

/// The ASCII shortcut for symbols agrees with the Unicode categories it stands for.
final class TokenizerSymbolTests: XCTestCase {
    func testASCIISymbolsAreExactlyTheCurrencyAndMathSymbols() {
        for v in 0..<128 {
            let c = Unicode.Scalar(UInt8(v))
            let cat = c.properties.generalCategory
            XCTAssertEqual(Tokenizer.isSymbol(c), cat == .currencySymbol || cat == .mathSymbol, "U+\(String(v, radix: 16))")
        }
        XCTAssertTrue(Tokenizer.isSymbol("€"))
        XCTAssertFalse(Tokenizer.isSymbol("—"))
    }
}
