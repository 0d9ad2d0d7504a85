import EntityExtraction
import Foundation
import XCTest
@testable import ArticleStore

/// A database written by the schema before archive entities opens and is backfilled from
/// its own rows: entities, mentions, values and figures come through, joins included.
final class LedgerMigrationTests: XCTestCase {
    func testOldRowsAreBackfilled() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-migration-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.sqlite").path

        // The schema databases had before full-text search and the ledger: versions 1 to 3.
        let before = Schema.migrations.filter { $0.version <= 3 }
        XCTAssertEqual(before.map(\.version), [1, 2, 3])
        let old = try SQLiteConnection(path: path)
        try Migrator(migrations: before).migrate(old)
        let first = "Donald Trump pledged €276 million on Thursday. "
        let second = "Trump's €276m arrived."
        try old.execute("""
            INSERT INTO articles (id, text, title, published_at, received_at, text_hash, extractor_version, entities_tag)
            VALUES ('art_1', '\(first)', 'One', '2024-03-14', '2024-03-14T10:00:00.000Z', 'h1', 'v1', 'tag1'),
                   ('art_2', '\(second.replacingOccurrences(of: "'", with: "''"))', 'Two', '2024-03-20', '2024-03-20T10:00:00.000Z', 'h2', 'v1', NULL);
            INSERT INTO entities VALUES
                ('art_1', 'per_a', 'person', 'Donald Trump', 'donald trump', NULL, 0, 1),
                ('art_1', 'mon_a', 'money', '€276 million', '276000000 EUR',
                 '{"amount":276000000,"currency":"EUR","currency_resolution":"explicit"}', 21, 1),
                ('art_1', 'dat_a', 'date', 'Thursday', '2024-03-14', '{"date":"2024-03-14","grain":"day"}', 37, 1),
                ('art_2', 'per_b', 'person', 'Trump', 'trump', NULL, 0, 1),
                ('art_2', 'mon_b', 'money', '€276m', '276000000 EUR',
                 '{"amount":276000000,"currency":"EUR","currency_resolution":"explicit"}', 8, 1);
            INSERT INTO mentions VALUES ('art_1', 'per_a', 0, 12, 'Donald Trump'), ('art_1', 'mon_a', 21, 33, '€276 million'),
                ('art_1', 'dat_a', 37, 45, 'Thursday'), ('art_2', 'per_b', 0, 5, 'Trump'), ('art_2', 'mon_b', 8, 13, '€276m');
            INSERT INTO figures (article_id, entity_id, published_at, amount, amount_real, currency, currency_resolution,
                text, start, "end", sentence, sentence_start, sentence_end) VALUES
                ('art_1', 'mon_a', '2024-03-14', '276000000', 276000000.0, 'EUR', 'explicit', '€276 million', 21, 33,
                 'Donald Trump pledged €276 million on Thursday.', 0, 46),
                ('art_2', 'mon_b', '2024-03-20', '276000000', 276000000.0, 'EUR', 'explicit', '€276m', 8, 13,
                 'Trump''s €276m arrived.', 0, 22);
            INSERT INTO entity_json VALUES ('art_1', 0, 'person', X'7B7D');
            """)
        old.close()

        let store = try SQLiteArticleStore(path: path)
        defer { store.close() }
        let entities = try XCTUnwrap(try store.entitiesWithArchiveIDs(articleID: "art_2", type: nil))
        let trump = ArchiveIdentity.id(type: .person, key: "donald trump")
        XCTAssertEqual(entities.map { "\($0.entity.name) \($0.entity.key) \($0.archiveID ?? "-")" },
                       ["Trump trump \(trump)", "€276m 276000000 EUR -"], "the surname joined the person stored before it")
        XCTAssertEqual(try store.entities(articleID: "art_1", type: .money)?.first?.value,
                       .money(MoneyValue(amount: 276_000_000, currency: "EUR")))
        XCTAssertEqual(try store.entities(articleID: "art_1", type: .date)?.first?.value, .date(DateValue(date: "2024-03-14", grain: .day)))
        XCTAssertEqual(try store.renderedEntities(articleID: "art_1", type: nil), .notRendered, "tags cleared: rendered on demand")

        let detail = try XCTUnwrap(try store.entityDetail(id: trump))
        XCTAssertEqual(detail.summary.articleCount, 2)
        XCTAssertEqual(detail.summary.names, ["Donald Trump", "Trump"])
        var query = FigureQuery()
        query.entity = trump
        query.sort = .publishedAt
        let figures = try store.figures(query).items
        XCTAssertEqual(figures.map(\.sentence), ["Donald Trump pledged €276 million on Thursday.", "Trump's €276m arrived."])
        XCTAssertEqual(figures.first?.date, FigureDate(value: DateValue(date: "2024-03-14", grain: .day), source: .sentence, text: "Thursday"))
        XCTAssertEqual(try store.figureSummary(groupBy: .entity, filter: FigureQuery()).items.map { "\($0.group) \($0.count) \($0.total)" },
                       ["\(trump) 2 552000000"])
        let tables = try store.read { db in try db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'old_%' OR name = 'entity_json'") { $0.text(0) } }
        XCTAssertEqual(tables, [])
    }
}
