import Foundation
import XCTest
@testable import EntityExtraction

/// The bundled model on hand-written news sentences, the seed article and the OntoNotes
/// newswire dev split (the last two skip when ../shared is absent).
final class PerceptronNameTaggerTests: XCTestCase {
    nonisolated(unsafe) static var shared: PerceptronNameTagger?

    func tagger() throws -> PerceptronNameTagger {
        if let t = Self.shared { return t }
        let t = try PerceptronNameTagger.loadBundled()
        Self.shared = t
        return t
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    func names(_ text: String) throws -> [String] {
        let document = Document(text: text)
        return try tagger().tag(document).map { "\($0.type.rawValue):\(document.text(from: $0.start, to: $0.end))" }
    }

    func testPeopleOrganisationsAndPlaces() throws {
        XCTAssertEqual(try names("Angela Merkel met Emmanuel Macron in Paris on Monday."),
                       ["person:Angela Merkel", "person:Emmanuel Macron", "place:Paris"])
        XCTAssertEqual(try names("Mr. Stoltenberg spoke to reporters at NATO headquarters in Brussels."),
                       ["person:Stoltenberg", "organisation:NATO", "place:Brussels"])
        XCTAssertEqual(try names("Shares of Toyota Motor Corp. rose 3% in Tokyo after Akio Toyoda said sales in China had recovered."),
                       ["organisation:Toyota Motor Corp.", "place:Tokyo", "person:Akio Toyoda", "place:China"])
    }

    func testExactOffsetsOnACaption() throws {
        let text = "Photo taken near Bakhmut, Donetsk region, Ukraine, by Efrem Lukatsky."
        XCTAssertEqual(try tagger().tag(Document(text: text)), [
            NameMatch(start: 17, end: 24, type: .place),
            NameMatch(start: 26, end: 40, type: .place),
            NameMatch(start: 42, end: 49, type: .place),
            NameMatch(start: 54, end: 68, type: .person),
        ])
    }

    func testSurnameAloneFollowsTheFullNameAndOrdinalsStayInUnitNames() throws {
        let text = "Jens Stoltenberg, NATO's secretary general, said on Thursday that Ukraine needed more ammunition. "
            + "Stoltenberg added that the 28th Separate Mechanised Brigade was short of shells."
        XCTAssertEqual(try tagger().tag(Document(text: text)), [
            NameMatch(start: 0, end: 16, type: .person),
            NameMatch(start: 18, end: 22, type: .organisation),
            NameMatch(start: 66, end: 73, type: .place),
            NameMatch(start: 98, end: 109, type: .person),
            NameMatch(start: 125, end: 157, type: .organisation),
        ])
        XCTAssertEqual(try names("By Euronews with AP"), ["organisation:Euronews", "organisation:AP"])
    }

    /// A sentence-final abbreviation's full stop belongs to the sentence (OntoNotes style);
    /// dotted acronyms and mid-sentence abbreviations keep theirs.
    func testSentenceFinalAbbreviationLeavesTheFullStopOut() throws {
        XCTAssertEqual(try names("Shares of Toyota Motor Corp. rose. The plant is in Sacramento, Calif. It employs 300 people in the U.S."),
                       ["organisation:Toyota Motor Corp.", "place:Sacramento", "place:Calif", "place:U.S."])
        XCTAssertEqual(try names("Toyota Motor Corp. said sales in Sacramento, Calif., rose."),
                       ["organisation:Toyota Motor Corp.", "place:Sacramento", "place:Calif."])
    }

    func testNothingInPlainLowerCaseText() throws {
        XCTAssertEqual(try names("the committee said prices would rise again next year."), [])
        XCTAssertEqual(try names(""), [])
    }

    /// The seed article: people, organisations and places, `optional` spans ignored.
    func testSeedArticleF1() throws {
        let fixtures = Self.packageRoot.appendingPathComponent("../shared/fixtures")
        let textURL = fixtures.appendingPathComponent("nato-ammunition.txt")
        let goldURL = fixtures.appendingPathComponent("nato-ammunition.gold.json")
        guard FileManager.default.fileExists(atPath: goldURL.path) else {
            throw XCTSkip("seed article not found at \(fixtures.path)")
        }
        let text = try String(contentsOf: textURL, encoding: .utf8)
        let gold = try JSONSerialization.jsonObject(with: Data(contentsOf: goldURL)) as! [String: Any]
        func spans(_ key: String) -> [NameMatch] {
            (gold[key] as? [[String: Any]] ?? []).compactMap { e in
                let type = (e["type"] as? String).flatMap(EntityType.init(rawValue:))
                return NameMatch(start: e["start"] as! Int, end: e["end"] as! Int, type: type ?? .person)
            }
        }
        let expected = Set(spans("entities").filter { [.person, .organisation, .place].contains($0.type) })
        let optional = Set(spans("optional").map { $0.start..<$0.end })
        let found = Set(try tagger().tag(Document(text: text)).filter { !optional.contains($0.start..<$0.end) })
        var score = NameScore()
        score.add(gold: Array(expected), predicted: Array(found))
        print("seed article:\n" + score.report)
        XCTAssertGreaterThanOrEqual(score.all.f1, 0.90, score.report)
    }

    /// OntoNotes newswire dev, exact span and type (0.889 when the model was shipped).
    func testOntoNotesNewswireDevF1() throws {
        let url = Self.packageRoot.appendingPathComponent("../shared/data/ontonotes/dev_nw.jsonl")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("OntoNotes dev split not found at \(url.path)")
        }
        var score = NameScore()
        for text in try NameCorpus.load(url) {
            score.add(gold: text.names, predicted: try tagger().tag(Document(text: text.text)))
        }
        print("dev_nw:\n" + score.report)
        XCTAssertGreaterThanOrEqual(score.all.f1, 0.885, score.report)
        XCTAssertGreaterThanOrEqual(score.perType[.person]!.f1, 0.90, score.report)
    }
}
