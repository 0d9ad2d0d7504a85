import XCTest
@testable import ArticleAPI
@testable import ArticleStore

/// A POST announces its write before extracting (so a commit about to start waits for
/// it): every announcement ends, whether the article is stored, was stored already, or
/// cannot be extracted. One left open would hold every later commit for its gather delay.
final class WriteAnnouncementTests: XCTestCase {
    var fixture: ServiceFixture!

    override func setUpWithError() throws { fixture = try ServiceFixture() }
    override func tearDown() { fixture.tearDown() }

    func testEveryPostEndsItsAnnouncement() throws {
        let store = try fixture.sqlite()
        let client = fixture.inProcess
        let text = "Acme Corp said on Thursday it would invest €2 million in Berlin."
        XCTAssertEqual(try client.postText("/v1/articles?published_at=2024-03-14", text).status, 201)
        XCTAssertEqual(store.groupCommit.announcedWrites, 0)
        XCTAssertEqual(try client.postText("/v1/articles?published_at=2024-03-14", text).status, 200)
        XCTAssertEqual(store.groupCommit.announcedWrites, 0)
        XCTAssertEqual(try client.postText("/v1/articles?published_at=2024-02-30", text).status, 400)
        XCTAssertEqual(store.groupCommit.announcedWrites, 0)
    }
}
