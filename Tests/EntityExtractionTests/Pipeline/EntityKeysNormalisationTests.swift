import XCTest
@testable import EntityExtraction

final class EntityKeysNormalisationTests: XCTestCase {
    /// Swift's `==` treats the two spellings as equal, SQLite does not: compare bytes.
    func testDecomposedAndComposedSpellingsShareOneKey() {
        let composed = "Z\u{FC}rich", decomposed = "Zu\u{308}rich"
        XCTAssertEqual(Array(EntityKeys.nameKey(decomposed).utf8), Array("z\u{FC}rich".utf8))
        XCTAssertEqual(Array(EntityKeys.nameKey(composed).utf8), Array("z\u{FC}rich".utf8))
        XCTAssertEqual(EntityKeys.words("Ba\u{301}lint Zu\u{308}rich").count, 2, "a combining mark does not split a word")
        XCTAssertEqual(EntityKeys.id(type: .place, key: EntityKeys.nameKey(decomposed)),
                       EntityKeys.id(type: .place, key: EntityKeys.nameKey(composed)))
    }

    /// `q́` has no precomposed form: its mark stays in the word instead of splitting it.
    func testAMarkWithoutAComposedFormStaysInItsWord() {
        XCTAssertEqual(EntityKeys.words("Beq\u{301}a Corp").map { Array($0.unicodeScalars) },
                       [Array("beq\u{301}a".unicodeScalars), Array("corp".unicodeScalars)])
    }
}
