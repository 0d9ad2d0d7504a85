import EntityExtraction
import Foundation
import XCTest
@testable import ArticleStore

/// Migration 8 on a database whose ledger has one row per entity (as migration 6 wrote
/// it until then): the rows become one set per article and every answer stays the same.
final class EntitiesPackMigrationTests: XCTestCase {
    static let texts = [
        "Donald Trump met Jens Stoltenberg in Brussels on Thursday. NATO pledged €276 million to Ukraine.",
        "Trump said the European Union would spend $1.5 billion in Zürich 🇨🇭 by March 2025.",
        "In Kyiv, Volodymyr Zelensky thanked Germany for €2 million; Stoltenberg welcomed it on 14 March 2024.",
        "Emmanuel Macron and Olaf Scholz met in Paris from 3 to 5 June 2024. France gave €45,000.",
    ]

    func testPerEntityRowsBecomeSetsAndAnswerTheSame() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("entities-pack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("v7.sqlite").path
        let renderer: EntityRenderer = { entity, id in Array("\(entity) \(id ?? "-")".utf8) }

        var store = try SQLiteArticleStore(path: path, entityRenderer: renderer)
        let extractor = EntityExtractor(nameTagger: nil)
        var ids: [String] = []
        for (i, text) in Self.texts.enumerated() {
            let published = day("2024-03-14").adding(days: i * 2)
            var extraction = extractor.extract(text, options: ExtractionOptions(publishedAt: published))
            if i == 1 {
                // A mention whose text is not what the article says there, and one beyond it.
                extraction.entities.append(Fixtures.person("Ursula von der Leyen", at: [3, 500]))
            }
            ids.append(try store.insert(NewArticle(text: text, title: "T\(i)", publishedAt: published), extraction: extraction).article.id)
        }
        XCTAssertEqual(try store.read { db in try db.query("SELECT COUNT(*) FROM article_entity_sets") { $0.int(0) } }, [4])
        let before = try answers(store, ids: ids)
        for said in ["Zürich", "Stoltenberg", "€276 million", "2024-06-03", "FigureRecord"] { XCTAssertTrue(before.contains(said), said) }
        XCTAssertTrue(before.contains("Ursula von der Leyen"), before)
        // Back to the layout of version 7, written as the old writer wrote it.
        try store.write { db in try Self.downgrade(db) }
        XCTAssertEqual(try store.read { db in try db.query("SELECT COUNT(*) FROM article_entities WHERE position = 0") { $0.int(0) } }, [4])
        store.close()

        store = try SQLiteArticleStore(path: path, entityRenderer: renderer)
        defer { store.close() }
        try store.read { db in
            XCTAssertEqual(try db.query("SELECT version FROM schema_migrations WHERE version = 8") { $0.int(0) }, [8])
            XCTAssertEqual(try db.query("""
                SELECT name FROM sqlite_master WHERE name IN ('article_entities_ref', 'old_article_entities')
                """) { $0.text(0) }, [])
            XCTAssertEqual(try db.query("SELECT name FROM pragma_table_info('article_entities')") { $0.text(0) },
                           ["ref", "day", "article_seq"])
            XCTAssertEqual(try db.query("SELECT COUNT(*) FROM article_entity_sets") { $0.int(0) }, [4])
        }
        let after = try answers(store, ids: ids)
        XCTAssertEqual(Array(after.utf8), Array(before.utf8), after)
    }

    /// Every answer that reads the per-article entities, as text (byte-exact strings).
    private func answers(_ store: SQLiteArticleStore, ids: [String]) throws -> String {
        var out: [String] = []
        for id in ids {
            out.append("\(try store.entitiesWithArchiveIDs(articleID: id, type: nil) as Any)")
            for type in EntityType.allCases {
                out.append("\(try store.entities(articleID: id, type: type) as Any)")
                if case .rendered(let tag, let entities) = try store.renderedEntities(articleID: id, type: type) {
                    out.append(tag + " " + entities.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n"))
                } else {
                    out.append("not rendered")
                }
            }
        }
        let summaries = try store.entitySummaries(type: nil, query: nil, sort: .articles, limit: 100, cursor: nil)
        for summary in summaries.items {
            out.append("\(try store.entityDetail(id: summary.id) as Any)")
            out.append("\(try store.entityArticles(id: summary.id, limit: 2, cursor: nil) as Any)")
            var list = ArticleListQuery()
            list.entity = summary.id
            out.append("\(try store.articles(list).items.map(\.id))")
            var figures = FigureQuery()
            figures.entity = summary.id
            figures.entityScope = .article
            out.append("\(try store.figures(figures))")
        }
        for type in EntityType.allCases {
            var list = ArticleListQuery()
            list.type = type
            out.append("\(type): \(try store.articles(list).items.map(\.id))")
        }
        out.append("\(try store.figures(FigureQuery()))")
        return out.joined(separator: "\n")
    }

    /// Writes each article's set back as one row per entity (name, key, MentionPacking
    /// blob, other texts, date columns) with the old index, and forgets migration 8.
    static func downgrade(_ db: SQLiteConnection) throws {
        let sets = try db.query("""
            SELECT s.article_seq, s.entities, a.text, a.published_at FROM article_entity_sets s JOIN articles a ON a.seq = s.article_seq
            """) { (seq: $0.int64(0), blob: $0.bytes(1), text: $0.text(2), day: try CivilDate.stored($0.text(3)).dayNumber) }
        try db.execute("""
            DROP TABLE article_entity_sets;
            DROP TABLE article_entities;
            CREATE TABLE article_entities (
                article_seq INTEGER NOT NULL, position INTEGER NOT NULL, ref INTEGER NOT NULL, day INTEGER NOT NULL,
                name TEXT NOT NULL, key TEXT, mentions BLOB NOT NULL, texts TEXT, date TEXT, date_to TEXT, grain TEXT,
                PRIMARY KEY (article_seq, position)
            ) WITHOUT ROWID;
            CREATE INDEX article_entities_ref ON article_entities (ref, day DESC, article_seq DESC);
            DELETE FROM schema_migrations WHERE version = 8;
            """)
        for set in sets {
            for (position, item) in try EntitySetPacking.unpack(set.blob, text: CodePointText(set.text)) {
                let packed = MentionPacking.pack(item.mentions, name: item.name)
                let date = item.date
                try db.run("""
                    INSERT INTO article_entities (article_seq, position, ref, day, name, key, mentions, texts, date, date_to, grain)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [.integer(set.seq), .int(position), .integer(item.ref), .int(set.day), .text(item.name),
                          .optionalText(item.key), .blob(packed.blob), .optionalText(MentionPacking.joinedTexts(packed.texts)),
                          .optionalText(date.flatMap { $0.date ?? $0.from }), .optionalText(date?.date == nil ? date?.to : nil),
                          .optionalText(date?.grain.rawValue)])
            }
        }
    }
}
