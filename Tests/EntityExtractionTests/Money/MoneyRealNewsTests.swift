import Foundation
import XCTest
@testable import EntityExtraction

/// The whole extractor on the real-news development set (`shared/data/realnews/dev_money.jsonl`:
/// 59 BBC and Reuters articles, every sum annotated by its GUIDELINES.md), scored as
/// `score_figures.py` scores it, against the bars. Skips when the corpora are absent.
final class MoneyRealNewsTests: XCTestCase {
    func testDevSetMeetsTheBars() throws {
        let url = MoneySuiteTests.shared.appendingPathComponent("data/realnews/dev_money.jsonl")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("\(url.path) is absent: the shared corpora are not on this machine")
        }
        let extractor = try EntityExtractor.bundled()
        var score = FigureSuiteScore(kind: .money)
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
            let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let c = try XCTUnwrap(FigureSuiteCase(json: o))
            let extraction = extractor.extract(c.text, options: ExtractionOptions(publishedAt: c.reference ?? CivilDate(year: 2026, month: 1, day: 1)!))
            var found: [FigureFinding] = []
            for e in extraction.entities {
                if case .money(let v)? = e.value { found += e.mentions.map { FigureFinding(start: $0.start, end: $0.end, money: v) } }
            }
            score.add(c, found: found.sorted { $0.start < $1.start })
        }
        print(score.summary())
        XCTAssertEqual(score.cases, 59)
        XCTAssertGreaterThanOrEqual(score.detectionRecall, 0.95, score.errors.joined(separator: "\n"))
        XCTAssertGreaterThanOrEqual(score.detectionPrecision, 0.97, score.errors.joined(separator: "\n"))
        XCTAssertGreaterThanOrEqual(score.valueAccuracyStrict, 0.92, score.errors.joined(separator: "\n"))
    }
}
