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

    /// The shortcut that gives a name back unchanged takes the usual names, and none that
    /// the rules change.
    func testSeenNameAlreadyTakesPlainNames() {
        for name in ["Jens Stoltenberg", "NATO", "European Union", "U.S.", "", "x"] {
            XCTAssertTrue(ArchiveIdentity.isSeenNameAlready(name), name)
            XCTAssertEqual(ArchiveIdentity.seenName(name), name)
        }
        for name in ["Trump's", "Reuters'", "Brussels", "Jens  Stoltenberg", " NATO", "NATO ", "NATO\t", "Zürich"] {
            XCTAssertFalse(ArchiveIdentity.isSeenNameAlready(name), name)
        }
        XCTAssertEqual(ArchiveIdentity.seenName("Brussels"), "Brussels")
    }

    /// Surnames of ASCII keys by bytes, of the others by Characters: the same last word.
    func testSurnameOfASCIIAndOtherKeys() {
        XCTAssertEqual(ArchiveIdentity.surname(type: .person, key: "jens stoltenberg"), "stoltenberg")
        XCTAssertEqual(ArchiveIdentity.surname(type: .organisation, key: "european union"), "union")
        XCTAssertEqual(ArchiveIdentity.surname(type: .person, key: "zürich  bank"), "bank")
        XCTAssertEqual(ArchiveIdentity.surname(type: .person, key: "moon jae-in"), "jae-in")
        XCTAssertNil(ArchiveIdentity.surname(type: .person, key: "stoltenberg"))
        XCTAssertNil(ArchiveIdentity.surname(type: .person, key: "jens "))
        XCTAssertNil(ArchiveIdentity.surname(type: .money, key: "276000000 EUR"))
        // A space with a combining mark is one Character that is not a space.
        XCTAssertEqual(ArchiveIdentity.surname(type: .person, key: "a b \u{301}c"), "b \u{301}c")
        XCTAssertTrue(ArchiveIdentity.isSurnameOnly(type: .person, key: "stoltenberg"))
        XCTAssertTrue(ArchiveIdentity.isSurnameOnly(type: .person, key: "zelenskyy\u{20}\u{301}"))
        XCTAssertFalse(ArchiveIdentity.isSurnameOnly(type: .person, key: "jens stoltenberg"))
        XCTAssertFalse(ArchiveIdentity.isSurnameOnly(type: .person, key: "zürich bank"))
        XCTAssertFalse(ArchiveIdentity.isSurnameOnly(type: .place, key: "brussels"))
        XCTAssertFalse(ArchiveIdentity.isSurnameOnly(type: .person, key: ""))
    }

    /// The digits-only reading of a date value agrees with the general rule, and what it
    /// does not read still gets the general rule's answer.
    func testFirstDayOfPlainAndOtherDateValues() {
        XCTAssertEqual(ArchiveIdentity.firstDay("2024-03-14"), CivilDate(year: 2024, month: 3, day: 14))
        XCTAssertEqual(ArchiveIdentity.firstDay("2024-03"), CivilDate(year: 2024, month: 3, day: 1))
        XCTAssertEqual(ArchiveIdentity.firstDay("2024"), CivilDate(year: 2024, month: 1, day: 1))
        XCTAssertNil(ArchiveIdentity.firstDay("2023-02-29"))
        XCTAssertNil(ArchiveIdentity.firstDay("2024-13"))
        XCTAssertNil(ArchiveIdentity.firstDay("2024-Q1"))
        XCTAssertNil(ArchiveIdentity.firstDay("2024-W11"))
        XCTAssertNil(ArchiveIdentity.firstDay("202X"))
        // Shapes beyond YYYY[-MM[-DD]] keep the general rule's reading.
        XCTAssertEqual(ArchiveIdentity.firstDay("2024-3-5"), CivilDate(year: 2024, month: 3, day: 5))
        XCTAssertEqual(ArchiveIdentity.firstDay("12024-03"), CivilDate(year: 12024, month: 3, day: 1))
        XCTAssertEqual(ArchiveIdentity.firstDay("+2024-03"), CivilDate(year: 2024, month: 3, day: 1))
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
                XCTAssertEqual(ArchiveIdentity.seenName(s), ArchiveIdentity.seenNameOfCharacters(s), "\(bytes)")
                if ArchiveIdentity.isSeenNameAlready(s) { XCTAssertEqual(ArchiveIdentity.seenNameOfCharacters(s), s, "\(bytes)") }
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
