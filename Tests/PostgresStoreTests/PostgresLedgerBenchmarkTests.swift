import ArticleStore
import EntityExtraction
import Foundation
import PostgresClient
@testable import PostgresStore
import PostgresTestSupport
import XCTest

/// Articles a second written through each store's ledger, one writer, printed (no timed
/// assertion). Runs only with ARTICLE_ENTITIES_LEDGER_BENCH=N articles.
final class PostgresLedgerBenchmarkTests: XCTestCase {
    func testWriteThroughputAgainstSQLite() throws {
        guard let count = ProcessInfo.processInfo.environment["ARTICLE_ENTITIES_LEDGER_BENCH"].flatMap(Int.init) else {
            throw XCTSkip("set ARTICLE_ENTITIES_LEDGER_BENCH=2000 to measure")
        }
        let store = try LedgerFixture.newStore(for: self)
        defer { store.close() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-bench-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sqlite = try SQLiteArticleStore(path: directory.appendingPathComponent("b.sqlite").path)
        defer { sqlite.close() }
        let extraction = LedgerFixture.firstExtraction()
        let day = CivilDate(iso: "2024-03-12")!
        let text = { (n: Int) in LedgerFixture.first + String(repeating: " ", count: 1) + "#\(n)" }
        var start = Date()
        for n in 0..<count { _ = try sqlite.insert(NewArticle(text: text(n), publishedAt: day), extraction: extraction) }
        let sqliteSeconds = Date().timeIntervalSince(start)
        start = Date()
        for n in 0..<count { try LedgerFixture.insert(store, id: "art_\(n)", text: text(n), published: day, extraction: extraction) }
        let postgresSeconds = Date().timeIntervalSince(start)
        // The article row alone (an extraction with nothing in it), for what the ledger adds.
        let empty = Extraction(entities: [], figures: [], extractorVersion: "test-1")
        start = Date()
        for n in 0..<count { try LedgerFixture.insert(store, id: "art_e\(n)", text: "e" + text(n), published: day, extraction: empty) }
        let articleSeconds = Date().timeIntervalSince(start)
        print(String(format: "PostgreSQL articles without ledger rows: %.0f/s", Double(count) / articleSeconds))
        print(String(format: "ledger writes, %d articles of 7 entities and 3 figures: SQLite %.0f/s, PostgreSQL %.0f/s (%.2fx)",
                     count, Double(count) / sqliteSeconds, Double(count) / postgresSeconds, sqliteSeconds / postgresSeconds))
        XCTAssertEqual(try store.entitySummaries(type: .person, query: nil, limit: 5, cursor: nil).items.first?.articleCount, count)
    }
}
