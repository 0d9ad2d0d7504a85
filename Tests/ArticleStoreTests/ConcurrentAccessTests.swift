import Dispatch
import EntityExtraction
import Foundation
import XCTest
@testable import ArticleStore

final class ConcurrentAccessTests: StoreTestCase {
    /// One thread writes while five read through the pool (four connections, so some
    /// readers wait for one). No reader may fail, and each sees the count only grow.
    func testReadsWhileWriting() throws {
        try insert("seed", published: "2024-01-01")
        let writes = 40, readers = 5, readsEach = 40
        let errors = ErrorLog()
        let store: any ArticleStorage = self.store
        DispatchQueue.concurrentPerform(iterations: readers + 1) { worker in
            do {
                if worker == 0 {
                    for i in 0..<writes {
                        let article = NewArticle(text: "article \(i)", publishedAt: day("2024-02-\(10 + i % 18)"),
                                                 receivedAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(i)))
                        _ = try store.insert(article, extraction: Fixtures.extraction())
                    }
                    return
                }
                var lastCount = 0
                for i in 0..<readsEach {
                    let count = try store.articleCount()
                    if count < lastCount { errors.add("count went back from \(lastCount) to \(count)") }
                    lastCount = count
                    var list = ArticleListQuery()
                    list.limit = 5
                    let page = try store.articles(list)
                    if let article = page.items.first, try store.entities(articleID: article.id, type: nil)?.count != 10 {
                        errors.add("article \(article.id) seen without its entities")
                    }
                    var figures = FigureQuery()
                    figures.currency = "EUR"
                    figures.limit = 3 + i % 4
                    _ = try store.figures(figures)
                    _ = try store.figureSummary(groupBy: .month, filter: FigureQuery())
                }
            } catch {
                errors.add("worker \(worker): \(error)")
            }
        }
        XCTAssertEqual(errors.messages, [])
        XCTAssertEqual(try store.articleCount(), writes + 1)
        XCTAssertEqual(try rowCount("figures"), (writes + 1) * 5)
    }
}

private final class ErrorLog: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ message: String) { lock.lock(); list.append(message); lock.unlock() }
    var messages: [String] { lock.lock(); defer { lock.unlock() }; return list }
}
