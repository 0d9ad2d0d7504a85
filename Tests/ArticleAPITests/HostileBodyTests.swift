import XCTest
import ArticleAPI

/// Bodies built to break a parser get a 400 and the service keeps serving
/// (Tests/Conformance/hostile-inputs.py sends the same and more over the wire).
final class HostileBodyTests: XCTestCase {
    var fixture: ServiceFixture!

    override func setUpWithError() throws { fixture = try ServiceFixture() }
    override func tearDown() { fixture.tearDown() }

    func testDeepNestingIsRefusedWithoutCrashing() throws {
        let client = fixture.inProcess
        let json = [("Content-Type", "application/json")]
        let arrays = Array(String(repeating: "[", count: 100_000).utf8) + Array(String(repeating: "]", count: 100_000).utf8)
        for path in ["/v1/articles", "/v1/extract"] {
            let r = try client.send("POST", path, headers: json, body: arrays)
            XCTAssertEqual(r.status, 400, r.text)
            XCTAssertEqual(r.json["detail"] as? String, "the body is not valid JSON: nested deeper than 64 levels")
        }
        let inTitle = Array("{\"text\":\"x\",\"title\":".utf8) + arrays + Array("}".utf8)
        XCTAssertEqual(try client.send("POST", "/v1/articles", headers: json, body: inTitle).status, 400)
        XCTAssertEqual(try client.postText("/v1/extract", "Still here on Thursday.").status, 200)
    }

    func testLoneSurrogatesAreRefused() throws {
        let client = fixture.inProcess
        for escaped in ["\\ud800 costs $5", "\\udc00", "\\udc00\\ud800"] {
            let r = try client.send("POST", "/v1/extract", headers: [("Content-Type", "application/json")],
                                    body: Array("{\"text\":\"\(escaped)\"}".utf8))
            XCTAssertEqual(r.status, 400, "\(escaped): \(r.text)")
        }
        // A proper pair is one code point, U+1F600.
        let pair = try client.send("POST", "/v1/extract", headers: [("Content-Type", "application/json")],
                                   body: Array("{\"text\":\"\\ud83d\\ude00 on Thursday\",\"published_at\":\"2024-03-14\"}".utf8))
        XCTAssertEqual(pair.status, 200, pair.text)
        let mention = ((pair.json["entities"] as? [[String: Any]])?.first?["mentions"] as? [[String: Any]])?.first
        XCTAssertEqual(mention?["start"] as? Int, 5)
        XCTAssertEqual(mention?["text"] as? String, "Thursday")
    }
}
