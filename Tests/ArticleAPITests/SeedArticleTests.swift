import XCTest
import Foundation

/// The article the project started from, POSTed over a real socket the way curl sends
/// it (with `Expect: 100-continue`), checked against its gold annotation.
final class SeedArticleTests: XCTestCase {
    var fixture: ServiceFixture!

    override func setUpWithError() throws { fixture = try ServiceFixture() }
    override func tearDown() { fixture.tearDown() }

    struct Gold {
        var spans: [(start: Int, end: Int, type: String, value: Any?)] = []
        var optional: [(Int, Int)] = []
    }

    func loadGold() throws -> (text: String, gold: Gold) {
        let dir = ServiceFixture.sharedData.appendingPathComponent("fixtures")
        let textURL = dir.appendingPathComponent("nato-ammunition.txt")
        guard FileManager.default.fileExists(atPath: textURL.path) else {
            throw XCTSkip("../shared/fixtures/nato-ammunition.txt is absent: the seed article test needs it")
        }
        let text = try String(contentsOf: textURL, encoding: .utf8)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("nato-ammunition.gold.json"))) as! [String: Any]
        var gold = Gold()
        for e in object["entities"] as! [[String: Any]] {
            let value: Any? = e["type"] as? String == "money" ? e["amount"] : e["value"]
            gold.spans.append((e["start"] as! Int, e["end"] as! Int, e["type"] as! String, value))
        }
        gold.optional = (object["optional"] as! [[String: Any]]).map { ($0["start"] as! Int, $0["end"] as! Int) }
        return (text, gold)
    }

    func testSeedArticleOverTheWire() throws {
        let (text, gold) = try loadGold()
        let client = try fixture.live()
        // The head alone first: the server must answer 100 Continue before any body arrives
        // (curl otherwise waits a second), then the body gets the final answer.
        let bytes = Array(text.utf8)
        client.sendRaw(Array(("POST /v1/articles?published_at=2024-03-14&title=Running%20out HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
            "Content-Type: text/plain\r\nExpect: 100-continue\r\nContent-Length: \(bytes.count)\r\n\r\n").utf8))
        XCTAssertEqual(try client.readResponse(interim: true).status, 100)
        client.sendRaw(bytes)
        let posted = try client.readResponse()
        XCTAssertEqual(posted.status, 201, posted.text)
        let id = try XCTUnwrap(posted.json["id"] as? String)
        let entities = try XCTUnwrap(try client.get("/v1/articles/\(id)/entities").json["entities"] as? [[String: Any]])

        var predicted: [(start: Int, end: Int, type: String, value: [String: Any]?)] = []
        for e in entities {
            for m in e["mentions"] as? [[String: Any]] ?? [] {
                predicted.append((m["start"] as! Int, m["end"] as! Int, e["type"] as! String, e["value"] as? [String: Any]))
                // Offsets are code points and always point at the mention's text.
                let scalars = Array(text.unicodeScalars)[(m["start"] as! Int)..<(m["end"] as! Int)]
                XCTAssertEqual(String(String.UnicodeScalarView(scalars)), m["text"] as? String)
            }
        }
        func found(_ g: (start: Int, end: Int, type: String, value: Any?)) -> [String: Any]? {
            predicted.first { $0.start == g.start && $0.end == g.end && $0.type == g.type }.map { $0.value ?? [:] }
        }

        // All three sums of money, exact.
        let money = gold.spans.filter { $0.type == "money" }
        XCTAssertEqual(money.count, 3)
        for g in money {
            let v = found(g)
            XCTAssertEqual(v.map { "\($0["amount"]!) \($0["currency"]!)" }, "\(g.value!) EUR", "money at \(g.start)")
        }

        // At least 8 of the 10 dates exact, span and value.
        let dates = gold.spans.filter { $0.type == "date" }
        let exactDates = dates.filter { g in
            guard let v = found(g) else { return false }
            if let want = g.value as? String { return v["date"] as? String == want }
            if let want = g.value as? [String: String] { return v["from"] as? String == want["from"] && v["to"] as? String == want["to"] }
            return false
        }
        XCTAssertGreaterThanOrEqual(exactDates.count, 8, "exact dates: \(exactDates.map(\.start))")

        // People, organisations and places: F1 >= 0.80, predictions over optional spans ignored.
        let nameTypes: Set<String> = ["person", "organisation", "place"]
        let goldNames = Set(gold.spans.filter { nameTypes.contains($0.type) }.map { "\($0.start)-\($0.end)-\($0.type)" })
        let goldSpans = Set(gold.spans.map { "\($0.start)-\($0.end)" })
        let predictedNames = Set(predicted.filter { p in
            nameTypes.contains(p.type) && (goldSpans.contains("\(p.start)-\(p.end)") || !gold.optional.contains { p.start < $0.1 && $0.0 < p.end })
        }.map { "\($0.start)-\($0.end)-\($0.type)" })
        let tp = Double(goldNames.intersection(predictedNames).count)
        let f1 = 2 * tp / Double(goldNames.count + predictedNames.count)
        XCTAssertGreaterThanOrEqual(f1, 0.80, "names F1; missed: \(goldNames.subtracting(predictedNames).sorted())")

        // Stoltenberg is one person with all seven mentions.
        let stoltenberg = entities.filter { ($0["name"] as? String ?? "").contains("Stoltenberg") }
        XCTAssertEqual(stoltenberg.count, 1)
        XCTAssertEqual(stoltenberg.first?["type"] as? String, "person")
        XCTAssertEqual((stoltenberg.first?["mentions"] as? [Any])?.count, 7)

        // Posting the same article again returns it, and the figures ledger finds its sums.
        let again = try client.send("POST", "/v1/articles?published_at=2024-03-14&title=Running%20out",
                                    headers: [("Content-Type", "text/plain"), ("Expect", "100-continue")], body: Array(text.utf8))
        XCTAssertEqual(again.status, 200)
        XCTAssertEqual(again.json["id"] as? String, id)
        let figures = try client.get("/v1/figures?currency=EUR&min_amount=1000000000&entity=Ukraine")
        XCTAssertEqual((figures.json["figures"] as? [[String: Any]])?.map { "\($0["amount"]!)" }, ["55000000000", "5000000000"])
    }
}
