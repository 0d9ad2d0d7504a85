import EntityExtraction
import Foundation
import XCTest
@testable import ArticleStore

/// Concurrent inserts share transactions: every one is acknowledged and stored, a failing
/// one takes no other with it, and the same article sent at once is stored once.
final class GroupCommitTests: StoreTestCase {
    private static func article(_ n: Int) -> NewArticle {
        NewArticle(text: "Article number \(n) about Jens Stoltenberg.", title: "t\(n)", publishedAt: day("2024-03-14"))
    }

    /// Runs `count` inserts at once on as many threads; results in order of `n`.
    private func concurrently(_ count: Int, _ insert: @escaping @Sendable (Int) -> Result<(StoredArticle, Bool), any Error>)
        -> [Result<(StoredArticle, Bool), any Error>] {
        let results = ResultBox(count)
        DispatchQueue.concurrentPerform(iterations: count) { n in results.set(n, insert(n)) }
        return results.values
    }

    func testConcurrentInsertsAreAllAcknowledgedAndStored() throws {
        let store = self.store!
        let results = concurrently(24) { n in
            Result { try store.insert(Self.article(n), extraction: Fixtures.extraction()) }
        }
        let stored = try results.map { try $0.get() }
        XCTAssertTrue(stored.allSatisfy { $0.1 }, "every one new")
        XCTAssertEqual(Set(stored.map { $0.0.id }).count, 24)
        XCTAssertEqual(try rowCount("articles"), 24)
        XCTAssertEqual(store.storedArticleCount, 24)
        for (n, (article, _)) in stored.enumerated() {
            XCTAssertEqual(try store.article(id: article.id)?.title, "t\(n)")
            XCTAssertEqual(try store.entities(articleID: article.id, type: nil)?.count, Fixtures.extraction().entities.count)
        }
    }

    func testAFailingInsertLosesNoOther() throws {
        let store = self.store!
        let person = Fixtures.person("Ada Lovelace", at: [0])
        let broken = Extraction(entities: [person, person], figures: [], extractorVersion: "t")  // duplicate entity ids
        let results = concurrently(20) { n in
            Result { try store.insert(Self.article(n), extraction: n % 3 == 0 ? broken : Fixtures.extraction()) }
        }
        for (n, result) in results.enumerated() {
            switch result {
            case .success(let (article, created)):
                XCTAssertNotEqual(n % 3, 0, "insert \(n) should have failed")
                XCTAssertTrue(created)
                XCTAssertNotNil(try store.article(id: article.id))
            case .failure:
                XCTAssertEqual(n % 3, 0, "insert \(n) should have been stored")
            }
        }
        let good = (0..<20).filter { $0 % 3 != 0 }.count
        XCTAssertEqual(try rowCount("articles"), good)
        XCTAssertEqual(store.storedArticleCount, good)
        XCTAssertEqual(try rowCount("article_entities"), good * Fixtures.extraction().entities.count)
    }

    func testTheSameArticleSentAtOnceIsStoredOnce() throws {
        let store = self.store!
        let same = Self.article(7)
        let results = concurrently(12) { _ in Result { try store.insert(same, extraction: Fixtures.extraction()) } }
        let stored = try results.map { try $0.get() }
        XCTAssertEqual(stored.filter { $0.1 }.count, 1)
        XCTAssertEqual(Set(stored.map { $0.0.id }).count, 1)
        XCTAssertEqual(try rowCount("articles"), 1)
        XCTAssertEqual(store.storedArticleCount, 1)
    }
}

/// Results written from many threads.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<(StoredArticle, Bool), any Error>?]

    init(_ count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result<(StoredArticle, Bool), any Error>) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [Result<(StoredArticle, Bool), any Error>] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
