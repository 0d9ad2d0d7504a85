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
        let beforeByEntity = try store.figureSummary(groupBy: .entity, filter: FigureQuery()).items
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
        XCTAssertEqual(try store.figureSummary(groupBy: .entity, filter: FigureQuery()).items, beforeByEntity)
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

    func testASurnameStaysApartUnlessOnePersonDominates() throws {
        let store = try LedgerFixture.newStore(for: self)
        defer { store.close() }
        func person(_ name: String, times: Int) -> Extraction {
            let text = Array(repeating: name, count: times).joined(separator: " met ") + "."
            return LedgerFixture.extraction(text, [LedgerFixture.entity(.person, name, key: name.lowercased(),
                (0..<times).map { LedgerFixture.mention(name, in: text, occurrence: $0) })])
        }
        try LedgerFixture.insert(store, id: "art_b", text: "b", published: CivilDate(iso: "2024-01-01")!, extraction: person("Boris Johnson", times: 2))
        try LedgerFixture.insert(store, id: "art_l", text: "l", published: CivilDate(iso: "2024-01-01")!, extraction: person("Lyndon Johnson", times: 2))
        let johnson = [EntityKeys.id(type: .person, key: "johnson")]
        let alone = try store.archiveIDs(for: person("Johnson", times: 1).entities)
        XCTAssertEqual(johnson.map { alone[$0] }, [ArchiveIdentity.id(type: .person, key: "johnson")])
        try LedgerFixture.insert(store, id: "art_b2", text: "b2", published: CivilDate(iso: "2024-01-02")!, extraction: person("Boris Johnson", times: 6))
        let joined = try LedgerFixture.insert(store, id: "art_j", text: "j", published: CivilDate(iso: "2024-01-03")!,
                                              extraction: person("Johnson", times: 1))
        XCTAssertEqual(johnson.map { joined[$0] }, [ArchiveIdentity.id(type: .person, key: "boris johnson")])
    }

    func testRemovingAndRewritingInOneTransactionAsReextractionDoes() throws {
        let store = try LedgerFixture.newStore(for: self)
        defer { store.close() }
        let day = CivilDate(iso: "2024-03-12")!
        try LedgerFixture.insert(store, id: "art_1", text: LedgerFixture.first, published: day, extraction: LedgerFixture.firstExtraction())
        let before = try XCTUnwrap(store.entitiesWithArchiveIDs(articleID: "art_1", type: nil))
        // The same text extracted anew with only the money: the people and places go.
        let fewer = LedgerFixture.extraction(LedgerFixture.first, LedgerFixture.firstExtraction().entities.filter { $0.type == .money })
        let old = try store.write { c -> [(entity: Entity, archiveID: String?)] in
            let seq = try c.query("SELECT seq FROM articles WHERE id = 'art_1'")[0].int64(0)
            let old = try PostgresLedgerWrite.storedEntities(seq: seq, type: nil, in: c)
            try PostgresLedgerWrite.remove(seq: seq, articleID: "art_1", publishedAt: day, in: c)
            _ = try PostgresLedgerWrite.write(fewer, seq: seq, articleID: "art_1", publishedAt: day, in: c)
            return old
        }
        XCTAssertEqual(old.map(\.entity), before.map(\.entity))
        XCTAssertEqual(old.map(\.archiveID), before.map(\.archiveID))
        XCTAssertEqual(try store.entities(articleID: "art_1", type: nil), SQLiteArticleStore.storedOrder(fewer.entities))
        XCTAssertEqual(try store.entitySummaries(type: .person, query: nil, limit: 5, cursor: nil).items, [])
        XCTAssertEqual(try store.figureSummary(groupBy: .entity, filter: FigureQuery()).items, [])
        XCTAssertEqual(try store.figureSummary(groupBy: .currency, filter: FigureQuery()).items.map(\.total),
                       [Decimal(string: "0.3")!, Decimal(1_500_000_000)])
    }
}
