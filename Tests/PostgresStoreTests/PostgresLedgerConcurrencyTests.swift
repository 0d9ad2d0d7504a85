import ArticleStore
import EntityExtraction
import Foundation
import PostgresClient
@testable import PostgresStore
import PostgresTestSupport
import Synchronization
import XCTest

/// Two stores on one database, as two nodes: concurrent writes of articles naming the
/// same entities in opposite orders neither deadlock nor lose a count, and a cursor one
/// gives out pages on the other.
final class PostgresLedgerConcurrencyTests: XCTestCase {
    private static func article(_ n: Int) -> (text: String, extraction: Extraction) {
        // Even articles name Alpha Corp first, odd ones Beta Group first.
        let names = n % 2 == 0 ? ["Alpha Corp", "Beta Group"] : ["Beta Group", "Alpha Corp"]
        let text = "\(names[0]) and \(names[1]) paid $\(n + 1) in article \(n)."
        return (text, LedgerFixture.extraction(text, [
            LedgerFixture.entity(.organisation, names[0], key: names[0].lowercased(), [LedgerFixture.mention(names[0], in: text)]),
            LedgerFixture.entity(.organisation, names[1], key: names[1].lowercased(), [LedgerFixture.mention(names[1], in: text)]),
            LedgerFixture.money("$\(n + 1)", in: text, amount: String(n + 1), currency: "USD"),
        ]))
    }

    func testTwoNodesWritingTheSameEntitiesInOppositeOrdersKeepExactCounts() throws {
        let url = try TestDatabase.freshSchema(for: self)
        let nodes = [try PostgresArticleStore(url: url, connections: 2), try PostgresArticleStore(url: url, connections: 2)]
        defer { nodes.forEach { $0.close() } }
        let perNode = 40
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for i in 0..<perNode / 2 {
                let n = worker * perNode / 2 + i
                let (text, extraction) = Self.article(n)
                do {
                    try LedgerFixture.insert(nodes[worker % 2], id: "art_\(n)", text: text, published: CivilDate(iso: "2024-05-01")!,
                                             extraction: extraction)
                } catch { failures.withLock { $0.append("\(n): \(error)") } }
            }
        }
        XCTAssertEqual(failures.withLock { $0 }, [String]())
        let total = 2 * perNode
        let listed = try nodes[1].entitySummaries(type: .organisation, query: nil, limit: 10, cursor: nil).items
        XCTAssertEqual(listed.map(\.articleCount), [total, total])
        XCTAssertEqual(listed.map(\.mentionCount), [total, total])
        let usd = try XCTUnwrap(nodes[0].figureSummary(groupBy: .currency, filter: FigureQuery()).items.first)
        XCTAssertEqual([usd.count], [total])
        XCTAssertEqual([usd.total, usd.min, usd.max], [Decimal(total * (total + 1) / 2), 1, Decimal(total)])

        // A cursor from one node continues on the other.
        var query = FigureQuery()
        query.limit = 7
        var seen: [Int64] = [], cursor: String?, node = 0
        repeat {
            query.cursor = cursor
            let page = try nodes[node % 2].figures(query)
            seen += page.items.map(\.id)
            cursor = page.nextCursor
            node += 1
        } while cursor != nil
        let amounts = try nodes[0].figures({ var q = FigureQuery(); q.limit = 1000; return q }()).items
        XCTAssertEqual(seen, amounts.map(\.id))
        XCTAssertEqual(amounts.map(\.value.amount), (1...total).reversed().map { Decimal($0) })
    }
}
