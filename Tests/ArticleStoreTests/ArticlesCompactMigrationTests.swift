import EntityExtraction
import Foundation
import XCTest
@testable import ArticleStore

/// Migration 10 on a database written by version 7: every article reads back as it was
/// stored (hashes, times to the millisecond, versions, tags), lists and searches alike,
/// re-posts are still recognised, and the re-extraction queue survives the table rebuild.
final class ArticlesCompactMigrationTests: XCTestCase {
    private struct Row {
        let id, text: String
        let title, url, source: String?
        let published, received, version: String
        let tag: String?
    }

    private let rows = [
        Row(id: "art_0000000000000001", text: "Ammunition for Ukraine: the U.S. pledged more.", title: "Shells",
            url: "https://example.com/a?x=1", source: "Wire", published: "2024-03-14",
            received: "2024-03-14T09:05:00.250Z", version: "2026.11.01-1", tag: "0123456789abcdef01234567"),
        Row(id: "art_0000000000000002", text: "Zürich café owners met in Kraków about ammunition.", title: nil,
            url: nil, source: nil, published: "2024-03-14", received: "2024-03-14T09:05:00.251Z",
            version: "2026.12.01-1", tag: nil),
        Row(id: "art_0000000000000003", text: "Nothing to see here.", title: "", url: nil, source: "Wire",
            published: "2024-03-20", received: "1999-12-31T23:59:59.999Z", version: "2026.11.01-1", tag: "NOT-HEX"),
    ]

    private func expected(_ row: Row) throws -> StoredArticle {
        StoredArticle(id: row.id, title: row.title, url: row.url, source: row.source,
                      publishedAt: try CivilDate.stored(row.published), receivedAt: try XCTUnwrap(Timestamp.parse(row.received)),
                      textHash: StoredDigest.textHash(of: row.text), extractorVersion: row.version, text: row.text)
    }

    func testVersionSevenArticlesReadBackTheSame() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("articles-compact-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("v7.sqlite").path

        let old = try SQLiteConnection(path: path)
        try Migrator(migrations: Schema.migrations.filter { $0.version <= 7 }).migrate(old)
        for (i, row) in rows.enumerated() {
            try old.run("""
                INSERT INTO articles (id, text, title, url, source, published_at, received_at, text_hash, extractor_version,
                                      entities_tag, seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(row.id), .text(row.text), .optionalText(row.title), .optionalText(row.url), .optionalText(row.source),
                      .text(row.published), .text(row.received), .text(StoredDigest.textHash(of: row.text)),
                      .text(row.version), .optionalText(row.tag), .int(i + 1)])
        }
        try old.run("INSERT INTO reextract_pending (article_id) VALUES (?)", [.text(rows[2].id)])
        old.close()

        let store = try SQLiteArticleStore(path: path, entityRenderer: { entity, _ in Array(entity.name.utf8) })
        defer { store.close() }
        try store.read { db in
            XCTAssertEqual(try db.query("SELECT 1 FROM schema_migrations WHERE version = 10") { $0.int(0) }, [1])
            let indexes = try db.query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'articles' ORDER BY name") { $0.text(0) }
            XCTAssertEqual(indexes, ["articles_identity", "articles_newest", "articles_search", "sqlite_autoindex_articles_1"])
            XCTAssertEqual(try db.query("SELECT typeof(text_hash), length(text_hash), typeof(received_at) FROM articles WHERE seq = 1") {
                "\($0.text(0)) \($0.int(1)) \($0.text(2))"
            }, ["blob 32 integer"])
            XCTAssertEqual(try db.query("SELECT COUNT(*) FROM extractor_versions") { $0.int(0) }, [2])
        }
        try store.write { db in try db.run("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')") }
        for row in rows {
            XCTAssertEqual(try store.article(id: row.id), try expected(row), row.id)
        }
        XCTAssertEqual(try store.renderedEntities(articleID: rows[0].id, type: nil), .rendered(tag: rows[0].tag!, entities: []))
        XCTAssertEqual(try store.renderedEntities(articleID: rows[1].id, type: nil), .notRendered)
        XCTAssertEqual(try store.renderedEntities(articleID: rows[2].id, type: nil), .rendered(tag: "NOT-HEX", entities: []),
                       "a tag that is not this program's hex is kept as it was")

        // Newest first, one a page, with the cursors the text layout gave out.
        var list = ArticleListQuery()
        list.limit = 1
        var ids: [String] = [], cursors: [String?] = []
        repeat {
            let page = try store.articles(list)
            ids += page.items.map(\.id)
            cursors.append(page.nextCursor)
            list.cursor = page.nextCursor
        } while list.cursor != nil
        XCTAssertEqual(ids, [rows[2].id, rows[1].id, rows[0].id])
        XCTAssertEqual(cursors, [Cursor.encode(kind: "articles", [rows[2].published, rows[2].received, rows[2].id]),
                                 Cursor.encode(kind: "articles", [rows[1].published, rows[1].received, rows[1].id]), nil])

        var search = ArticleSearchQuery(terms: try XCTUnwrap(SearchTerms("ammunition")))
        XCTAssertEqual(Set(try store.search(search).items.map(\.article.id)), [rows[0].id, rows[1].id])
        search.terms = try XCTUnwrap(SearchTerms("zurich"))
        XCTAssertEqual(try store.search(search).items.map(\.article), [try expected(rows[1])])

        XCTAssertEqual(try store.articleIDs(notExtractedBy: "2026.12.01-1"), [rows[2].id, rows[0].id])
        XCTAssertEqual(try store.articleIDs(notExtractedBy: "never-seen"), [rows[2].id, rows[0].id, rows[1].id])
        XCTAssertEqual(try store.queuedForReextraction(limit: 10), [rows[2].id], "the queue survives the rebuild")

        // A re-post of each, with the same metadata (an absent title and an empty one are
        // the same), answers the stored article; other metadata is a new article.
        for row in rows {
            let again = NewArticle(text: row.text, title: row.title ?? "", url: row.url, source: row.source,
                                   publishedAt: try CivilDate.stored(row.published))
            let stored = try store.insert(again, extraction: Fixtures.extraction([]))
            XCTAssertFalse(stored.created, row.id)
            XCTAssertEqual(stored.article, try expected(row))
            XCTAssertEqual(try store.existing(again), try expected(row))
        }
        let moved = NewArticle(text: rows[0].text, title: rows[0].title, url: rows[0].url, source: rows[0].source,
                               publishedAt: try CivilDate.stored("2024-03-15"))
        XCTAssertTrue(try store.insert(moved, extraction: Fixtures.extraction([])).created)
        XCTAssertEqual(try store.articleCount(), 4)

        XCTAssertTrue(try store.deleteArticle(id: rows[1].id))
        search.terms = try XCTUnwrap(SearchTerms("zurich"))
        XCTAssertEqual(try store.search(search).items.count, 0)
        try store.write { db in try db.run("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')") }
    }

    func testATableItDoesNotKnowPointingAtArticlesStopsTheMigration() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("articles-compact-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("v7.sqlite").path
        let old = try SQLiteConnection(path: path)
        try Migrator(migrations: Schema.migrations.filter { $0.version <= 7 }).migrate(old)
        try old.execute("""
            INSERT INTO articles (id, text, published_at, received_at, text_hash, extractor_version, seq)
            VALUES ('art_1', 'x', '2024-03-14', '2024-03-14T10:00:00.000Z', 'h', 'v', 1);
            CREATE TABLE notes (article_id TEXT REFERENCES articles (id) ON DELETE CASCADE);
            INSERT INTO notes VALUES ('art_1');
            """)
        old.close()
        XCTAssertThrowsError(try SQLiteArticleStore(path: path)) { error in
            XCTAssertTrue("\(error)".contains("notes"), "\(error)")
        }
        let after = try SQLiteConnection(path: path)
        defer { after.close() }
        XCTAssertEqual(try after.query("SELECT COUNT(*) FROM notes") { $0.int(0) }, [1], "nothing deleted, nothing migrated")
        XCTAssertEqual(try after.query("SELECT COUNT(*) FROM schema_migrations WHERE version = 10") { $0.int(0) }, [0])
    }

    func testIdentityTellsEveryFieldApart() {
        let base = ArticleRow.identity(hash: "h", title: "a", url: nil, source: nil, publishedAt: "2024-03-14")
        XCTAssertEqual(base.count, 16)
        XCTAssertEqual(base, ArticleRow.identity(hash: "h", title: "a", url: "", source: nil, publishedAt: "2024-03-14"))
        XCTAssertNotEqual(base, ArticleRow.identity(hash: "h", title: nil, url: "a", source: nil, publishedAt: "2024-03-14"))
        XCTAssertNotEqual(base, ArticleRow.identity(hash: "ha", title: nil, url: nil, source: nil, publishedAt: "2024-03-14"))
        XCTAssertNotEqual(base, ArticleRow.identity(hash: "h", title: "a", url: nil, source: nil, publishedAt: "2024-03-15"))
    }

    func testHexValueKeepsWhatItCannotDecode() {
        XCTAssertEqual(ArticleRow.hexValue("00ff10", bytes: 3).debugBytes, [0, 255, 16])
        XCTAssertNil(ArticleRow.hexValue("00FF10", bytes: 3).debugBytes, "upper case would not read back the same")
        XCTAssertNil(ArticleRow.hexValue("00ff1", bytes: 3).debugBytes)
        XCTAssertNil(ArticleRow.hexValue("00ff10", bytes: 2).debugBytes)
    }
}

private extension SQLiteValue {
    var debugBytes: [UInt8]? { if case .blob(let b) = self { return b } else { return nil } }
}
