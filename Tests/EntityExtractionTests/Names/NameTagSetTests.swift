import XCTest
@testable import EntityExtraction

final class NameTagSetTests: XCTestCase {
    func testSpansBecomeBILOUTagsAndBack() {
        let spans: [(tokens: Range<Int>, type: Int)] = [(0..<2, 0), (3..<4, 2), (5..<8, 1)]
        let tags = NameTagSet.tags(count: 9, spans: spans)
        // person B L, O, place U, O, organisation B I L, O
        XCTAssertEqual(tags, [1, 3, 0, 12, 0, 5, 6, 7, 0])
        let back = NameTagSet.spans(tags)
        XCTAssertEqual(back.map { $0.tokens }, [0..<2, 3..<4, 5..<8])
        XCTAssertEqual(back.map { $0.type }, [0, 2, 1])
    }

    func testTransitionsFollowBILOU() {
        let bPerson = NameTagSet.tag(type: 0, .begin), lPerson = NameTagSet.tag(type: 0, .last)
        let iOrg = NameTagSet.tag(type: 1, .inside), uPlace = NameTagSet.tag(type: 2, .unit)
        XCTAssertTrue(NameTagSet.isAllowed(lPerson, after: bPerson, isLast: false))
        XCTAssertFalse(NameTagSet.isAllowed(iOrg, after: bPerson, isLast: false))
        XCTAssertFalse(NameTagSet.isAllowed(NameTagSet.outside, after: bPerson, isLast: false))
        XCTAssertFalse(NameTagSet.isAllowed(bPerson, after: NameTagSet.outside, isLast: true))
        XCTAssertTrue(NameTagSet.isAllowed(uPlace, after: lPerson, isLast: true))
        XCTAssertFalse(NameTagSet.isAllowed(lPerson, after: NameTagSet.outside, isLast: false))
    }

    func testGazetteerMarksPhrasesByPosition() {
        var gazetteer = Gazetteer()
        gazetteer.add("New York", kind: .city)
        gazetteer.add("Ukraine", kind: .country)
        let document = Document(text: "From new York to Ukraine.")
        let lower = document.tokens.map { TokenHashing.lowerHash(document.scalars, $0.start, $0.end) }
        let marks = gazetteer.marks(lowerHashes: lower, isWord: document.tokens.map { $0.kind == .word })
        let city = UInt32(Gazetteer.Kind.city.rawValue * 4), country = UInt32(Gazetteer.Kind.country.rawValue * 4)
        XCTAssertEqual(marks, [0, 1 << city, 1 << (city + 2), 0, 1 << (country + 3), 0])
    }
}
