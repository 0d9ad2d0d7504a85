import Foundation
import XCTest
@testable import EntityExtraction

/// The one-pass token hashes and the byte-level string helpers give exactly what the
/// functions they replace give, on ASCII, accented, combining, capitalised and short tokens.
final class NameTokenHashesTests: XCTestCase {
    let text = "Jens Stoltenberg’s NATO—“Ukraine” a I’m 3/3/24 €276m São Paulo Ｓｏｎｙ e\u{301}te ΔΕΗ Zürich US$4.7bn Ab"

    func testOnePassHashesEqualTheSeparateHashFunctions() {
        let document = Document(text: text)
        let s = document.scalars
        let hashes = NameTokenHashes(tokens: document.tokens, scalars: s)
        XCTAssertGreaterThan(document.tokens.count, 20)
        for (i, t) in document.tokens.enumerated() {
            XCTAssertEqual(hashes.lower[i], TokenHashing.lowerHash(s, t.start, t.end), t.text)
            XCTAssertEqual(hashes.exact[i], TokenHashing.exactHash(s, t.start, t.end), t.text)
            XCTAssertEqual(hashes.shape[i], TokenHashing.shapeHash(s, t.start, t.end), t.text)
            XCTAssertEqual(hashes.suffix2[i], TokenHashing.suffixHash(s, t.start, t.end, 2), t.text)
            XCTAssertEqual(hashes.suffix3[i], TokenHashing.suffixHash(s, t.start, t.end, 3), t.text)
            XCTAssertEqual(hashes.suffix4[i], TokenHashing.suffixHash(s, t.start, t.end, 4), t.text)
            XCTAssertEqual(hashes.prefix3[i], TokenHashing.prefixHash(s, t.start, t.end, 3), t.text)
            let word = t.kind == .word
            XCTAssertEqual(hashes.isWord[i], word, t.text)
            XCTAssertEqual(hashes.capitalised[i], word && s[t.start].properties.isUppercase, t.text)
            XCTAssertEqual(hashes.startsLowercase[i], word && s[t.start].properties.isLowercase, t.text)
            let noLower = !(t.start..<t.end).contains { NameFeatures.isLowercaseLetter(s[$0]) }
            XCTAssertEqual(hashes.hasNoLowercase[i], word && noLower, t.text)
        }
    }

    func testASCIISuffixAndCountAgreeWithCharacterVersions() {
        let words = ["years", "s", "", "ed", "opened", "we'll", "caf\u{E9}s", "cafe\u{301}", "s\u{301}", "x\r\ns", "x\r\n",
                     "Dec.", ".", "months\u{301}", "\u{212A}", "going", "ing", "U.S.", "días", "€", "US$", "😀"]
        for w in words {
            XCTAssertEqual(w.hasASCIISuffix("s"), w.hasSuffix("s"), w)
            XCTAssertEqual(w.hasASCIISuffix("ed"), w.hasSuffix("ed"), w)
            XCTAssertEqual(w.hasASCIISuffix("ing"), w.hasSuffix("ing"), w)
            XCTAssertEqual(w.hasASCIISuffix("."), w.hasSuffix("."), w)
            XCTAssertEqual(w.hasASCIISuffix("'ll"), w.hasSuffix("'ll"), w)
            XCTAssertEqual(w.characterCount, w.count, w)
            XCTAssertEqual(w.scalarCount, w.unicodeScalars.count, w)
            XCTAssertEqual(w.containsUTF8Byte(UInt8(ascii: ".")), w.utf8.contains(UInt8(ascii: ".")), w)
        }
    }
}

/// The run-time layout (stage one stored offset by 128) gives back the model file's values.
final class InterleavedWeightsLayoutTests: XCTestCase {
    func testBundledModelSavesTheValuesItLoaded() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Sources/EntityExtraction/Resources/names.model").standardizedFileURL
        let original = try NameModelFile.decodeQuantised(Data(contentsOf: url))
        let saved = try NameModelFile.decodeQuantised(PerceptronNameTagger(contentsOf: url).modelData())
        XCTAssertEqual(original.count, 2)
        XCTAssertEqual(saved.count, original.count)
        for (a, b) in zip(original, saved) {
            XCTAssertEqual(a.rowBits, b.rowBits)
            XCTAssertEqual(a.scale, b.scale)
            XCTAssertTrue(a.values == b.values, "the quantised values changed on load and save")
        }
    }
}
