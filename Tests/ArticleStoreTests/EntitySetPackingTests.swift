import EntityExtraction
import XCTest
@testable import ArticleStore

/// The per-article entity set: texts by reference where the article says them, spelled out
/// where it does not, and everything back byte for byte.
final class EntitySetPackingTests: XCTestCase {
    let text = CodePointText("Ann met Bob. Ann left.")

    func testTextsTheArticleSaysCostNoBytes() throws {
        let ann = EntitySetPacking.Item(ref: 5, name: "Ann", key: nil,
                                        mentions: [Mention(start: 0, end: 3, text: "Ann"), Mention(start: 13, end: 16, text: "Ann")], date: nil)
        // ref 5, 2 mentions and no flags (2 << 2): start 0 (zigzag 0), length 3 (zigzag 6, shifted: 12),
        // start +13 (zigzag 26), length 3; the name is the first mention's text.
        XCTAssertEqual(EntitySetPacking.pack([ann], text: text), [5, 8, 0, 12, 26, 12, 1])
        XCTAssertEqual(try EntitySetPacking.unpack([5, 8, 0, 12, 26, 12, 1], text: text).map(\.item), [ann])
    }

    func testOtherTextsKeysAndDatesAreSpelledOut() throws {
        let items = [
            EntitySetPacking.Item(ref: 300, name: "Robert", key: "bob", mentions: [Mention(start: 8, end: 11, text: "Bob")], date: nil),
            // Beyond the text: the mention's own text is kept.
            EntitySetPacking.Item(ref: 7, name: "Thursday", key: nil, mentions: [Mention(start: 30, end: 38, text: "Thursday")],
                                  date: DateValue(date: "2024-03-14", grain: .day)),
            EntitySetPacking.Item(ref: 8, name: "spring", key: nil, mentions: [Mention(start: 4, end: 7, text: "mat")],
                                  date: DateValue(from: "2024-03", to: "2024-W22", grain: .month)),
        ]
        let blob = EntitySetPacking.pack(items, text: text)
        XCTAssertEqual(blob, [0xAC, 0x02, 5, 16, 12, 0, 6] + Array("Robert".utf8) + [3] + Array("bob".utf8)
                       + [7, 6, 44, 33, 8] + Array("Thursday".utf8) + [1, 1, 1, 0xA8, 0xB5, 0x02, 0]
                       + [8, 6, 0x33, 13, 3] + Array("mat".utf8) + [0, 6] + Array("spring".utf8)
                       + [3, 2, 7] + Array("2024-03".utf8) + [2, 8] + Array("2024-W22".utf8))
        XCTAssertEqual(try EntitySetPacking.unpack(blob, text: text).map(\.item), items)
    }

    func testStringsComeBackByteForByte() throws {
        // Canonically equal but not the same bytes: never taken one for the other.
        let precomposed = "Z\u{FC}rich", decomposed = "Zu\u{308}rich"
        let article = CodePointText("In \(precomposed) 🇨🇭 today")
        let items = [
            EntitySetPacking.Item(ref: 1, name: decomposed, key: nil, mentions: [Mention(start: 3, end: 9, text: precomposed)], date: nil),
            EntitySetPacking.Item(ref: 2, name: "🇨🇭", key: nil, mentions: [Mention(start: 10, end: 12, text: "🇨🇭")], date: nil),
            EntitySetPacking.Item(ref: 3, name: precomposed, key: nil, mentions: [Mention(start: 3, end: 9, text: decomposed)], date: nil),
        ]
        let back = try EntitySetPacking.unpack(EntitySetPacking.pack(items, text: article), text: article).map(\.item)
        XCTAssertEqual(back.map { Array($0.name.utf8) }, items.map { Array($0.name.utf8) })
        XCTAssertEqual(back.map { $0.mentions.map { Array($0.text.utf8) } }, items.map { $0.mentions.map { Array($0.text.utf8) } })
    }

    func testKeepSkipsTheOthers() throws {
        let items = (0..<4).map { i in
            EntitySetPacking.Item(ref: Int64(10 + i), name: "x\(i)", key: i == 2 ? "k" : nil,
                                  mentions: [Mention(start: i * 2, end: i * 2 + 1, text: "y\(i)")], date: nil)
        }
        let kept = try EntitySetPacking.unpack(EntitySetPacking.pack(items, text: text), text: text) { position, ref in
            position == 0 || ref == 12
        }
        XCTAssertEqual(kept.map(\.position), [0, 2])
        XCTAssertEqual(kept.map(\.item), [items[0], items[2]])
    }

    func testCorruptSetsThrow() {
        for blob: [UInt8] in [[5], [5, 8, 0, 12], [5, 4, 0, 12, 2], [5, 4, 0, 13, 9, 65], [5, 0, 0xFF, 0xFF], [5, 2, 1, 3, 0],
                              [5, 2, 0, 0, 65], [5, 4, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]] {
            XCTAssertThrowsError(try EntitySetPacking.unpack(blob, text: text), "\(blob)")
        }
    }
}
