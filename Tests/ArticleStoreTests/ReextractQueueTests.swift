import EntityExtraction
import XCTest
@testable import ArticleStore

/// Re-extraction as a queue in the database: a run killed part-way resumes where it stopped.
final class ReextractQueueTests: StoreTestCase {
    private func newer(_ entities: [Entity]) -> Extraction {
        var e = Fixtures.extraction(entities)
        e.extractorVersion = "test-2"
        return e
    }

    func testAnInterruptedRunResumesWithTheArticlesItHadNotDone() throws {
        let ids = try (0..<5).map { i in try insert("Article \(i)", published: "2024-03-0\(i + 1)", received: TimeInterval(i)).id }
        let queued = try store.queueReextraction(notExtractedBy: "test-2")
        XCTAssertEqual(queued.queued, 5)
        XCTAssertFalse(queued.resumed)

        // The first batch of two is stored, then the process "dies": the store is reopened.
        let first = try store.queuedForReextraction(limit: 2)
        XCTAssertEqual(first, Array(ids.sorted().prefix(2)))
        _ = try store.reextract(first.map { ($0, newer([Fixtures.named(.place, "Ukraine", at: 3)])) })
        store.close()
        let reopened = try openStore()
        defer { reopened.close() }

        // Asking for every article again does not start over: the three left are resumed.
        let again = try reopened.queueReextraction(notExtractedBy: nil)
        XCTAssertEqual(again.queued, 3)
        XCTAssertTrue(again.resumed)
        let rest = try reopened.queuedForReextraction(limit: 10)
        XCTAssertEqual(rest, Array(ids.sorted().suffix(3)))
        _ = try reopened.reextract(rest.map { ($0, newer([])) })
        XCTAssertEqual(try reopened.queuedForReextraction(limit: 10), [])
        XCTAssertEqual(try reopened.articleIDs(notExtractedBy: "test-2"), [])

        // With the queue empty, a new run queues afresh (nothing is older than test-2 now).
        XCTAssertEqual(try reopened.queueReextraction(notExtractedBy: "test-2").queued, 0)
        XCTAssertEqual(try reopened.queueReextraction(notExtractedBy: nil).queued, 5)
    }

    func testChangesCountEntitiesAddedAndRemovedPerType() throws {
        let article = try insert("Some text", published: "2024-03-14")  // the fixture's ten entities
        let changes = try XCTUnwrap(try store.reextract(articleID: article.id, with: newer([
            Fixtures.person("Jens Stoltenberg", at: [10]),  // kept
            Fixtures.person("Mark Rutte", at: [30]),  // added
            Fixtures.named(.place, "Kyiv", at: 50),  // added; Ukraine removed
        ])))
        XCTAssertEqual(changes.added, [.person: 1, .place: 1])
        XCTAssertEqual(changes.removed, [.organisation: 1, .place: 1, .money: 4, .date: 3])
        XCTAssertEqual(try store.entities(articleID: article.id, type: nil)?.map(\.name), ["Jens Stoltenberg", "Mark Rutte", "Kyiv"])
        XCTAssertEqual(try store.article(id: article.id)?.extractorVersion, "test-2")
        XCTAssertNil(try store.reextract(articleID: "art_missing", with: newer([])))
    }

    func testADeletedArticleLeavesTheQueue() throws {
        let article = try insert("Soon gone", published: "2024-03-14")
        XCTAssertEqual(try store.queueReextraction(notExtractedBy: nil).queued, 1)
        XCTAssertTrue(try store.deleteArticle(id: article.id))
        XCTAssertEqual(try store.queuedForReextraction(limit: 10), [])
    }
}
