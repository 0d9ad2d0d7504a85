import EntityExtraction
import XCTest
@testable import ArticleStore

/// The byte-level fast paths of the insert give exactly what the general code gives.
final class StoreHotPathTests: XCTestCase {
    func testSeenNameExactAnswers() {
        XCTAssertEqual(ArchiveIdentity.seenName("Trump's"), "Trump")
        XCTAssertEqual(ArchiveIdentity.seenName("TRUMP'S"), "TRUMP")
        XCTAssertEqual(ArchiveIdentity.seenName("Reuters'"), "Reuters")
        XCTAssertEqual(ArchiveIdentity.seenName("Reuters''s"), "Reuters")
        XCTAssertEqual(ArchiveIdentity.seenName("  Jens \t\n Stoltenberg \r\n"), "Jens Stoltenberg")
        XCTAssertEqual(ArchiveIdentity.seenName("'s"), "'s")
        XCTAssertEqual(ArchiveIdentity.seenName("s'"), "s")
        XCTAssertEqual(ArchiveIdentity.seenName("'"), "'")
        XCTAssertEqual(ArchiveIdentity.seenName("Macron’s"), "Macron")
        XCTAssertEqual(ArchiveIdentity.seenName("Zelenskyy\u{A0}Volodymyr"), "Zelenskyy Volodymyr")
        XCTAssertEqual(ArchiveIdentity.fastSeenName("Macron’s"), "Macron")
        XCTAssertEqual(ArchiveIdentity.fastSeenName("Zürich’s  €"), "Zürich’s €")
        XCTAssertEqual(ArchiveIdentity.fastSeenName("Landesbanks’"), "Landesbanks")
        // Beyond cased letters, punctuation and currency signs the Character rules answer.
        XCTAssertNil(ArchiveIdentity.fastSeenName("Zelenskyy\u{A0}Volodymyr"))
        XCTAssertNil(ArchiveIdentity.fastSeenName("Jose\u{301}"))
        XCTAssertNil(ArchiveIdentity.fastSeenName("문재인"))
    }

    /// Every ASCII string of up to five bytes over the bytes the rules look at.
    func testSeenNameOfASCIIMatchesCharacterRules() {
        let alphabet = Array("asS' \t\n\r\u{0B}\u{0C}x".utf8)
        var level: [[UInt8]] = [[]]
        var checked = 0
        for _ in 0...5 {
            for bytes in level {
                let s = String(decoding: bytes, as: UTF8.self)
                XCTAssertEqual(ArchiveIdentity.fastSeenName(s), ArchiveIdentity.seenNameOfCharacters(s), "\(bytes)")
                checked += 1
            }
            level = level.flatMap { bytes in alphabet.map { bytes + [$0] } }
        }
        XCTAssertEqual(checked, (0...5).reduce(0) { $0 + Int(pow(11.0, Double($1))) })
    }

    /// Every string of up to four pieces over apostrophes, `s`, white space and non-ASCII
    /// scalars of each kind (letters with and without case, a combining mark, no-break
    /// space, a currency sign): where the byte path answers, it answers as the Character
    /// rules do, and it answers every string without a mark, other white space or uncased letter.
    func testSeenNameBeyondASCIIMatchesCharacterRules() {
        let pieces = ["a", "s", "S", "'", "’", " ", "\r\n", "é", "Ж", "\u{301}", "\u{A0}", "€", "가", "“"]
        let bails: Set<String> = ["\u{301}", "\u{A0}", "가"]
        var level: [[String]] = [[]]
        var answered = 0, total = 0
        for _ in 0...4 {
            for parts in level {
                let s = parts.joined()
                let fast = ArchiveIdentity.fastSeenName(s)
                if let fast {
                    XCTAssertEqual(fast, ArchiveIdentity.seenNameOfCharacters(s), "\(parts)")
                    answered += 1
                } else {
                    XCTAssertTrue(parts.contains(where: bails.contains), "\(parts) should take the byte path")
                }
                total += 1
            }
            level = level.flatMap { parts in pieces.map { parts + [$0] } }
        }
        XCTAssertEqual(total, (0...4).reduce(0) { $0 + Int(pow(14.0, Double($1))) })
        XCTAssertEqual(answered, (0...4).reduce(0) { $0 + Int(pow(11.0, Double($1))) })
    }

    func testStoredOrderSortsMentionsAndDropsRepeatedSpans() {
        func m(_ start: Int, _ end: Int, _ text: String) -> Mention { Mention(start: start, end: end, text: text) }
        let entities = [
            Entity(id: "b", type: .place, name: "B", key: "b", mentions: [m(9, 10, "B"), m(3, 4, "b1"), m(3, 4, "b2"), m(3, 5, "bb")]),
            Entity(id: "a2", type: .place, name: "A", key: "a", mentions: [m(3, 4, "A")]),
            Entity(id: "a1", type: .place, name: "A", key: "a", mentions: [m(3, 4, "A"), m(7, 8, "A")]),
            Entity(id: "c", type: .place, name: "C", key: "c", mentions: []),
        ]
        let stored = SQLiteArticleStore.storedOrder(entities)
        XCTAssertEqual(stored.map(\.id), ["c", "a1", "a2", "b"])
        XCTAssertEqual(stored[3].mentions, [m(3, 4, "b1"), m(3, 5, "bb"), m(9, 10, "B")])
        XCTAssertEqual(stored[1].mentions, [m(3, 4, "A"), m(7, 8, "A")])
    }

    /// Whole amounts skip Foundation's parser and come out the same value, and write back alike.
    func testStoredAmountsReadAsFoundationReadsThem() throws {
        let posix = Locale(identifier: "en_US_POSIX")
        var texts = ["0", "7", "-7", "276000000", "55000000000", "999999999999999999", "-999999999999999999",
                     "1000000000000000000", "-1000000000000000000", "0.5", "-0.25", "1234.5678", "12345678901234567890123"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 { texts.append(String(Int64.random(in: -999_999_999_999_999_999...999_999_999_999_999_999, using: &generator))) }
        for text in texts {
            let expected = try XCTUnwrap(Decimal(string: text, locale: posix))
            let read = try Decimal.stored(text)
            XCTAssertEqual(read, expected, text)
            XCTAssertEqual(read.description, expected.description, text)
            XCTAssertEqual((read + 276_000_000).description, (expected + 276_000_000).description, text)
        }
        XCTAssertThrowsError(try Decimal.stored(""))
    }
}
