import Foundation
import XCTest
@testable import EntityExtraction

/// The identity stage over `IdentityCorpus`: exact groupings, names and keys.
final class IdentityCorpusTests: XCTestCase {
    /// Groups the names (each found in the text after the previous one) and prints each entity
    /// as `name|key: mention|mention`.
    static func grouped(_ c: IdentityCorpus.Case, identity: EntityIdentity = EntityIdentity(), seconds: UnsafeMutablePointer<Double>? = nil)
        -> [String] {
        var matches: [NameMatch] = []
        var from = c.text.startIndex
        var offset = 0  // code points up to `from`
        for (name, type) in c.names {
            guard let r = c.text.range(of: name, range: from..<c.text.endIndex) else {
                XCTFail("\(name) is not in \(c.text)")
                return []
            }
            let start = offset + c.text.unicodeScalars[from..<r.lowerBound].count
            let end = start + name.unicodeScalars.count
            matches.append(NameMatch(start: start, end: end, type: type))
            from = r.upperBound
            offset = end
        }
        let document = Document(text: c.text)
        let started = Date()
        let x = EntityGrouper(document: document, identity: identity).group(money: [], dates: [], names: matches, version: "t")
        seconds?.pointee = Date().timeIntervalSince(started)
        return x.entities.map { "\($0.name)|\($0.key): " + $0.mentions.map(\.text).joined(separator: "|") }
    }

    func check(_ cases: [IdentityCorpus.Case], identity: EntityIdentity = EntityIdentity(), file: StaticString = #filePath, line: UInt = #line) {
        for c in cases {
            XCTAssertEqual(Self.grouped(c, identity: identity), c.expected, c.text, file: file, line: line)
        }
    }

    func testTitlesLeaveKeysAndNames() { check(IdentityCorpus.titles) }
    func testSurnamesJoinOnlyOneFullName() { check(IdentityCorpus.surnames) }
    func testAcronymsJoinTheirExpansions() { check(IdentityCorpus.acronyms) }
    func testKnownAliasesShareAKey() { check(IdentityCorpus.aliases) }

    func testCountryAliasesArePlacesAndNeverPeople() {
        let text = "US said. Jools Holland played; Holland won."
        let names: [(String, Int, EntityType)] = [("US", 0, .organisation), ("Jools Holland", 9, .person), ("Holland", 31, .person)]
        let matches = names.map { NameMatch(start: $0.1, end: $0.1 + $0.0.count, type: $0.2) }
        let x = EntityGrouper(document: Document(text: text)).group(money: [], dates: [], names: matches, version: "t")
        XCTAssertEqual(x.entities.map { "\($0.type.rawValue) \($0.key)" }, ["place united states", "person jools holland"])
    }

    func testOperatorAliasesJoinAndMayFixTheType() throws {
        let file = #"{"_comment": "x", "aliases": {"Beeb": {"means": "BBC", "type": "organisation"}, "Kremlin": "Russian government", "Holland": null}}"#
        let aliases = try NameAliases.bundled.applying(operatorFile: Data(file.utf8), path: "aliases.json")
        let identity = EntityIdentity(aliases: aliases)
        check([
            IdentityCorpus.Case(text: "The BBC, the Beeb, said the Kremlin denied it.",
                                names: [("BBC", .organisation), ("Beeb", .person), ("Kremlin", .organisation)],
                                expected: ["BBC|bbc: BBC|Beeb", "Russian government|russian government: Kremlin"]),
            // `null` removed the bundled Holland → Netherlands.
            IdentityCorpus.Case(text: "Holland and the Netherlands.", names: [("Holland", .place), ("Netherlands", .place)],
                                expected: ["Holland|holland: Holland", "Netherlands|netherlands: Netherlands"]),
        ], identity: identity)
        XCTAssertEqual(Self.grouped(IdentityCorpus.Case(text: "Holland and the Netherlands.", names: [("Holland", .place), ("Netherlands", .place)],
                                                        expected: [])),
                       ["Netherlands|netherlands: Holland|Netherlands"], "without the operator's file the bundled alias applies")
        XCTAssertNotNil(aliases.operatorFingerprint)
        XCTAssertNil(NameAliases.bundled.operatorFingerprint)
        XCTAssertEqual(EntityIdentity(aliases: aliases).nameKey("the Beeb"), "bbc")
    }

    func testOperatorAliasChainsResolveToTheirEnd() throws {
        let file = #"{"aliases": {"Beeb": "BBC", "BBC": "British Broadcasting Corporation"}}"#
        let aliases = try NameAliases.bundled.applying(operatorFile: Data(file.utf8), path: "a.json")
        XCTAssertEqual(aliases.target(forKey: "beeb")?.key, "british broadcasting corporation")
    }

    func testBadAliasFilesSayWhatIsWrong() {
        let cases: [(String, String)] = [
            ("[1, 2]", "alias file a.json is not a JSON object"),
            (#"{"alias": {}}"#, #"unknown key "alias" in alias file a.json"#),
            (#"{"_comment": "no aliases"}"#, #"alias file a.json has no "aliases" object"#),
            (#"{"aliases": {"Beeb": 3}}"#, #"alias "Beeb" in a.json: the value must be a name"#),
            (#"{"aliases": {"Beeb": {"means": "BBC", "type": "money"}}}"#, #"alias "Beeb" in a.json: "type" must be"#),
            (#"{"aliases": {"Beeb": {"name": "BBC"}}}"#, #"alias "Beeb" in a.json: unknown field "name""#),
            (#"{"aliases": {"--": "BBC"}}"#, #"alias "--" in a.json: the alias has no letters or digits"#),
            (#"{"aliases": {"Beeb": "..."}}"#, #"alias "Beeb" in a.json: "..." has no letters or digits"#),
            (#"{"aliases": {"Beeb": "BBC", "BBC": "Beeb"}}"#, "leads back to itself"),
        ]
        for (file, message) in cases {
            XCTAssertThrowsError(try NameAliases.bundled.applying(operatorFile: Data(file.utf8), path: "a.json"), file) { error in
                XCTAssertTrue((error as? AliasFileError)?.description.contains(message) == true, "\(error) should say \(message)")
            }
        }
    }

    func testTheBundledTablesLoad() {
        XCTAssertGreaterThan(NameAliases.bundled.count, 150)
        XCTAssertEqual(NameAliases.bundled.target(forKey: "us")?.key, "united states")
        XCTAssertEqual(NameTitles.bundled.leadingTitleCount(["crown", "prince", "mohammed", "bin", "salman"]), 2)
        XCTAssertEqual(NameTitles.bundled.leadingTitleCount(["president"]), 0)
    }

    /// A long article of many people sharing few surnames groups exactly. Its cost is not
    /// timed here (no timed assertions in tests): a scan per mention made this test take
    /// minutes, which a reviewer sees; the extraction benchmark measures speed.
    func testManyPeopleWithSharedSurnamesStayCheap() {
        var text = ""
        var names: [(String, EntityType)] = []
        for i in 0..<3000 {
            let first = "Pat\(i)", last = "Lee\(i % 50)"
            text += "\(first) \(last) spoke. Mr \(last) left. "
            names.append(("\(first) \(last)", .person))
            names.append(("Mr \(last)", .person))
        }
        let groups = Self.grouped(IdentityCorpus.Case(text: text, names: names, expected: []))
        XCTAssertEqual(groups.count, 3050, "3000 people and 50 ambiguous surnames")
    }
}
