import Foundation
import XCTest
import EntityExtraction

/// The seed article (published 2024-03-14) and its gold dates, span and value exact.
/// The gold lists `Friday` and `Sunday` apart and marks the range `Friday through to
/// Sunday` optional; the recognizer reads the range (2024-03-15..2024-03-17, as the task
/// asks), so a gold day inside a found range whose matching end has the gold value counts.
final class NatoFixtureDateTests: XCTestCase {
    func testSeedArticleDates() throws {
        let fixtures = DateSuiteSupport.sharedData.deletingLastPathComponent().appendingPathComponent("fixtures")
        let textURL = fixtures.appendingPathComponent("nato-ammunition.txt")
        let goldURL = fixtures.appendingPathComponent("nato-ammunition.gold.json")
        guard FileManager.default.fileExists(atPath: textURL.path), FileManager.default.fileExists(atPath: goldURL.path) else {
            throw XCTSkip("\(textURL.path) is absent: the shared fixtures are not in the repository")
        }
        let text = try String(contentsOf: textURL, encoding: .utf8)
        let gold = try JSONSerialization.jsonObject(with: Data(contentsOf: goldURL)) as! [String: Any]
        let published = CivilDate(iso: String((gold["published_at"] as! String).prefix(10)))!
        let doc = Document(text: text)
        let found = DateRecognizer(options: DateOptions(reference: published)).recognize(doc)
        let got = Set(found.map { "\($0.start)-\($0.end) \(DateSuiteSupport.jsonValue($0.value))" })
        for e in (gold["entities"] as! [[String: Any]]) where e["type"] as? String == "date" {
            let key = "\(e["start"]!)-\(e["end"]!) \(e["value"] is String ? e["value"] as! String : DateSuiteSupport.jsonValue(DateValue(from: (e["value"] as! [String: String])["from"], to: (e["value"] as! [String: String])["to"], grain: .week)))"
            let start = e["start"] as! Int, end = e["end"] as! Int
            let inRange = found.contains { m in
                m.start <= start && end <= m.end && (m.start == start ? m.value.from : m.end == end ? m.value.to : nil) == e["value"] as? String
            }
            XCTAssertTrue(got.contains(key) || inRange, "missing gold date \(e["text"]!) \(key); found \(found.map { doc.text(from: $0.start, to: $0.end) })")
        }
        for m in found { print("seed date:", doc.text(from: m.start, to: m.end), m.start, m.end, DateSuiteSupport.jsonValue(m.value)) }
    }
}
