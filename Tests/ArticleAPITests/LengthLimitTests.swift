import XCTest
import ArticleAPI

/// Length limits count Unicode code points, as `maxLength` does in openapi.yaml (JSON
/// Schema), not grapheme clusters: schemathesis found a title of 2,000+ code points
/// accepted because its combining marks made it fewer than 2,000 Characters.
final class LengthLimitTests: XCTestCase {
    var fixture: ServiceFixture!

    override func setUpWithError() throws { fixture = try ServiceFixture() }
    override func tearDown() { fixture.tearDown() }

    /// `e` + COMBINING ACUTE ACCENT: one Character, two code points.
    func accented(_ characters: Int) -> String { String(repeating: "e\u{301}", count: characters) }

    func testJSONMetadataLimitCountsCodePoints() throws {
        let client = fixture.inProcess
        let tooLong = accented(1_001)  // 1,001 Characters, 2,002 code points
        let refused = try client.postJSON("/v1/articles", ["text": "Refused.", "title": tooLong])
        XCTAssertEqual(refused.status, 422, refused.text)
        XCTAssertEqual(refused.json["detail"] as? String, "\"title\" is longer than 2000 characters")
        let atLimit = accented(1_000)  // exactly 2,000 code points
        let stored = try client.postJSON("/v1/articles", ["text": "Stored.", "title": atLimit])
        XCTAssertEqual(stored.status, 201, stored.text)
        XCTAssertEqual(stored.json["title"] as? String, atLimit)
    }

    func testQueryParameterLimitCountsCodePoints() throws {
        let client = fixture.inProcess
        func entityQuery(_ value: String) -> String {
            "/v1/articles?entity=" + value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        }
        let refused = try client.get(entityQuery(accented(251)))  // 502 code points
        XCTAssertEqual(refused.status, 400, refused.text)
        XCTAssertEqual(refused.json["detail"] as? String, "entity is longer than 500 characters")
        XCTAssertEqual(try client.get(entityQuery(accented(250))).status, 200)
    }
}
