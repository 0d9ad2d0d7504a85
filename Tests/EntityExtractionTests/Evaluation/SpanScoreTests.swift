import XCTest
@testable import EntityExtraction

final class SpanScoreTests: XCTestCase {
    /// `eval --types person,person` used to trap in Dictionary(uniqueKeysWithValues:).
    func testATypeNamedTwiceIsScoredOnce() {
        var score = SpanScore(types: ["person", "place", "person"])
        XCTAssertEqual(score.types, ["person", "place"])
        score.add(gold: [ScoredSpan(start: 0, end: 4, type: "person"), ScoredSpan(start: 10, end: 15, type: "place")],
                  predicted: [ScoredSpan(start: 0, end: 4, type: "person"), ScoredSpan(start: 10, end: 14, type: "place")])
        XCTAssertEqual(score.perType["person"], SpanScore.Counts(gold: 1, predicted: 1, truePositives: 1))
        XCTAssertEqual(score.perType["place"], SpanScore.Counts(gold: 1, predicted: 1, truePositives: 0))
        XCTAssertEqual(score.overall, SpanScore.Counts(gold: 2, predicted: 2, truePositives: 1))
        XCTAssertEqual(score.table().split(separator: "\n").count, 4, "header, two types, total")
    }
}
