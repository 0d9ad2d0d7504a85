import ArticleStore
import EntityExtraction
import Foundation
import PostgresClient
@testable import PostgresStore
import PostgresTestSupport
import XCTest

/// The ledger's writes on PostgreSQL: archive identity, names seen, counts and exact totals,
/// the surname join, and removal putting every count and total back.
final class PostgresLedgerWriteTests: XCTestCase {
    let trump = ArchiveIdentity.id(type: .person, key: "donald trump")
    let eu = ArchiveIdentity.id(type: .organisation, key: "european union")

    func testWriteKeepsArchiveEntitiesNamesCountsAndExactTotals() throws {
        let store = try LedgerFixture.newStore(for: self)
        defer { store.close() }
        let extraction = LedgerFixture.firstExtraction()
        let ids = try LedgerFixture.insert(store, id: "art_1", text: LedgerFixture.first, published: CivilDate(iso: "2024-03-12")!,
                                           extraction: extraction)
        XCTAssertEqual(ids, [EntityKeys.id(type: .person, key: "donald trump"): trump,
                             EntityKeys.id(type: .place, key: "ukraine"): ArchiveIdentity.id(type: .place, key: "ukraine"),
                             EntityKeys.id(type: .organisation, key: "european union"): eu])
        let people = try store.entitySummaries(type: .person, query: nil, limit: 10, cursor: nil).items
        XCTAssertEqual(people, [EntitySummary(trump, key: "donald trump", type: .person, name: "Donald Trump",
                                              names: ["Donald Trump", "Trump"], articleCount: 1, mentionCount: 2)])
        let currencies = try store.figureSummary(groupBy: .currency, filter: FigureQuery()).items
        XCTAssertEqual(currencies.map(\.group), ["EUR", "USD"])
        XCTAssertEqual(currencies[0].total, Decimal(string: "0.3"))
        XCTAssertEqual(currencies[0].min, Decimal(string: "0.1"))
        XCTAssertEqual(currencies[0].max, Decimal(string: "0.2"))
        XCTAssertEqual(currencies[0].count, 2)
        XCTAssertEqual(currencies[1].total, Decimal(string: "1500000000"))
        let entities = try store.figureSummary(groupBy: .entity, filter: FigureQuery()).items
        XCTAssertEqual(entities.map { [$0.group, $0.currency, $0.entityName ?? "", $0.total.description] },
                       [[eu, "EUR", "European Union", "0.1"], [trump, "EUR", "Donald Trump", "0.2"],
                        [trump, "USD", "Donald Trump", "1500000000"], [ArchiveIdentity.id(type: .place, key: "ukraine"), "USD", "Ukraine", "1500000000"]]
                        .sorted { ($0[0], $0[1]) < ($1[0], $1[1]) })
        // The article's entities come back as stored: first mention order, money with its value.
        let stored = try XCTUnwrap(store.entities(articleID: "art_1", type: nil))
        XCTAssertEqual(stored, SQLiteArticleStore.storedOrder(extraction.entities))
        XCTAssertEqual(try store.entities(articleID: "art_1", type: .money)?.count, 3)
        XCTAssertNil(try store.entities(articleID: "art_none", type: nil))
        XCTAssertTrue(try store.hasEntity(id: trump))
        XCTAssertFalse(try store.hasEntity(id: "ent_0000000000000000"))
    }

    func testASurnameJoinsTheFullNameAndRemovalPutsEveryCountAndTotalBack() throws {
        let store = try LedgerFixture.newStore(for: self)
        defer { store.close() }
        try LedgerFixture.insert(store, id: "art_1", text: LedgerFixture.first, published: CivilDate(iso: "2024-03-12")!,
                                 extraction: LedgerFixture.firstExtraction())
        let before = try store.figureSummary(groupBy: .month, filter: FigureQuery()).items
        let beforeNames = try store.entitySummaries(type: nil, query: nil, limit: 50, cursor: nil).items
        let second = LedgerFixture.secondExtraction()
        let ids = try LedgerFixture.insert(store, id: "art_2", text: LedgerFixture.second, published: CivilDate(iso: "2024-03-14")!,
                                           extraction: second)
        XCTAssertEqual(ids[EntityKeys.id(type: .person, key: "trump")], trump)
        XCTAssertEqual(try store.archiveIDs(for: second.entities)[EntityKeys.id(type: .person, key: "trump")], trump)
        let person = try XCTUnwrap(store.entityDetail(id: trump))
        XCTAssertEqual(person.summary.names, ["Trump", "Donald Trump"])
        XCTAssertEqual(person.summary.name, "Donald Trump")
        XCTAssertEqual([person.summary.articleCount, person.summary.mentionCount], [2, 3])
        XCTAssertEqual(person.firstSeen.description, "2024-03-12")
        XCTAssertEqual(person.lastSeen.description, "2024-03-14")
        XCTAssertEqual(person.recentArticles.map(\.id), ["art_2", "art_1"])
        let eur = try XCTUnwrap(store.figureSummary(groupBy: .currency, filter: FigureQuery()).items.first)
        XCTAssertEqual([eur.total, eur.min, eur.max], [Decimal(string: "0.55")!, Decimal(string: "0.1")!, Decimal(string: "0.25")!])

        try LedgerFixture.delete(store, id: "art_2")
        XCTAssertEqual(try store.figureSummary(groupBy: .month, filter: FigureQuery()).items, before)
        XCTAssertEqual(try store.entitySummaries(type: nil, query: nil, limit: 50, cursor: nil).items, beforeNames)
        let restored = try XCTUnwrap(store.figureSummary(groupBy: .currency, filter: FigureQuery()).items.first)
        XCTAssertEqual([restored.total, restored.min, restored.max], [Decimal(string: "0.3")!, Decimal(string: "0.1")!, Decimal(string: "0.2")!])
        try LedgerFixture.delete(store, id: "art_1")
        XCTAssertEqual(try store.figureSummary(groupBy: .currency, filter: FigureQuery()).items, [])
        XCTAssertEqual(try store.entitySummaries(type: nil, query: nil, limit: 50, cursor: nil).items, [])
        let leftovers = try store.read { c in
            try ["archive_names", "article_entities", "figures", "figure_entities", "figure_totals"].map {
                try c.query("SELECT count(*) FROM \($0)")[0].integer(0)
            }
        }
        XCTAssertEqual(leftovers, [0, 0, 0, 0, 0])
    }
}
