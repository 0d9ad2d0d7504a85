import XCTest
@testable import EntityExtraction

/// Which group a short form joins, where several could take it: an acronym the earliest
/// created; a surname none when two people have it.
final class ShortFormGroupingTests: XCTestCase {
    /// Groups the names in the order given (each found after the previous one).
    func grouped(_ text: String, _ names: [(String, EntityType)]) -> [String] {
        var matches: [NameMatch] = []
        var from = text.startIndex
        for (name, type) in names {
            let r = text.range(of: name, range: from..<text.endIndex)!
            let start = text.unicodeScalars.distance(from: text.startIndex, to: r.lowerBound)
            matches.append(NameMatch(start: start, end: start + name.unicodeScalars.count, type: type))
            from = r.upperBound
        }
        let x = EntityGrouper(document: Document(text: text)).group(money: [], dates: [], names: matches, version: "t")
        return x.entities.map { "\($0.name):" + $0.mentions.map(\.text).joined(separator: "|") }
    }

    func testAcronymsJoinTheEarliestFullNameAndSharedSurnamesStayAlone() {
        let text = "Mary Ann Smith met John Smith. Ann Smith and Smith left. Ab Bc, Alpha Beta and Ab, American Broadcasting too."
        let names: [(String, EntityType)] = [
            ("Mary Ann Smith", .person), ("John Smith", .person), ("Ann Smith", .person), ("Smith", .person),
            ("Ab Bc", .person), ("Alpha Beta", .organisation), ("Ab", .organisation), ("American Broadcasting", .organisation),
        ]
        XCTAssertEqual(grouped(text, names), [
            "Mary Ann Smith:Mary Ann Smith|Ann Smith",
            "John Smith:John Smith",
            "Smith:Smith",
            "Ab Bc:Ab Bc",
            "Alpha Beta:Alpha Beta|Ab",
            "American Broadcasting:American Broadcasting",
        ], "`Smith` could be either Smith; `Ab` is not the first name of the person `Ab Bc`, and the first group with initials `ab` that takes it is Alpha Beta")
    }

    func testManyDistinctNamesEachStayAlone() {
        var text = ""
        var names: [(String, EntityType)] = []
        for i in 0..<2000 {
            var n = i, surname = "Q"
            repeat { surname.append(Character(UnicodeScalar(UInt8(97 + n % 26)))); n /= 26 } while n > 0
            let name = "Pat \(surname)"
            text += "\(name) spoke. "
            names.append((name, .person))
        }
        let groups = grouped(text, names)
        XCTAssertEqual(groups.count, 2000)
        XCTAssertEqual(groups[0], "Pat Qa:Pat Qa")
    }
}
