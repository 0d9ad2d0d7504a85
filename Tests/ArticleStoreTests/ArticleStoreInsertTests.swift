import EntityExtraction
import Foundation
import XCTest
@testable import ArticleStore

final class ArticleStoreInsertTests: StoreTestCase {
    func testExtractionRoundTripsExactly() throws {
        let extraction = Fixtures.extraction()
        var new = NewArticle(text: "Some text € with NATO\u{00A0}and a NUL \u{0000} inside", title: "Ammunition", url: "https://example.org/a",
                             source: "Example", publishedAt: day("2024-03-14"),
                             receivedAt: Date(timeIntervalSince1970: 1_710_400_000.123456))
        if kind == .postgresql {
            // PostgreSQL text cannot hold U+0000: refused whole, nothing written; U+0001 stands in.
            XCTAssertThrowsError(try store.insert(new, extraction: extraction)) { error in
                guard case StoreError.unstorable = error else { return XCTFail("\(error)") }
            }
            XCTAssertEqual(try store.articleCount(), 0)
            new.text = new.text.replacingOccurrences(of: "\u{0000}", with: "\u{0001}")
        }
        let (stored, created) = try store.insert(new, extraction: extraction)
        XCTAssertTrue(created)
        XCTAssertTrue(stored.id.hasPrefix("art_"))
        XCTAssertEqual(stored.id.count, 20)
        XCTAssertEqual(stored.textHash, SHA256.hex(new.text))
        XCTAssertEqual(stored.extractorVersion, "test-1")
        XCTAssertEqual(Timestamp.milliseconds(stored.receivedAt), 1_710_400_000_123)

        XCTAssertEqual(try store.article(id: stored.id), stored)
        XCTAssertEqual(try store.entities(articleID: stored.id, type: nil), extraction.entities)
        XCTAssertEqual(try store.entities(articleID: stored.id, type: .money), extraction.entities.filter { $0.type == .money })
        XCTAssertEqual(try store.entities(articleID: stored.id, type: .person)?.map(\.name), ["Jens Stoltenberg"])
    }

    func testUnknownArticle() throws {
        XCTAssertNil(try store.article(id: "art_0000000000000000"))
        XCTAssertNil(try store.entities(articleID: "art_0000000000000000", type: nil))
        XCTAssertEqual(try store.entities(articleID: try insert("x", published: "2024-01-01", extraction: Fixtures.extraction([])).id,
                                          type: nil), [])
        XCTAssertFalse(try store.deleteArticle(id: "art_0000000000000000"))
    }

    func testReinsertingTheSameArticleReturnsIt() throws {
        let extraction = Fixtures.extraction()
        let new = NewArticle(text: "Same text", title: "T", url: nil, source: "S", publishedAt: day("2024-03-14"))
        let first = try store.insert(new, extraction: extraction)
        let again = try store.insert(new, extraction: extraction)
        XCTAssertTrue(first.created)
        XCTAssertFalse(again.created)
        XCTAssertEqual(again.article, first.article)
        XCTAssertEqual(try store.articleCount(), 1)
        XCTAssertEqual(try rowCount("article_entities"), extraction.entities.count)

        var emptyURL = new
        emptyURL.url = ""  // NULL and '' are the same for deduplication
        XCTAssertFalse(try store.insert(emptyURL, extraction: extraction).created)

        var otherTitle = new
        otherTitle.title = "Another title"
        let third = try store.insert(otherTitle, extraction: extraction)
        XCTAssertTrue(third.created)
        XCTAssertNotEqual(third.article.id, first.article.id)

        var otherDay = new
        otherDay.publishedAt = day("2024-03-15")
        XCTAssertTrue(try store.insert(otherDay, extraction: extraction).created)
        XCTAssertEqual(try store.articleCount(), 3)
    }

    func testDeleteRemovesEverythingExtracted() throws {
        let kept = try insert("kept", published: "2024-03-01")
        let gone = try insert("gone", published: "2024-03-02")
        let perArticle = (entities: try rowCount("article_entities") / 2, figures: try rowCount("figures") / 2)
        XCTAssertEqual(perArticle.entities, 10)
        XCTAssertEqual(perArticle.figures, 5)
        XCTAssertEqual(try rowCount("archive_entities"), 10, "the same ten entities in both")
        let totals = try rowCount("figure_totals")

        XCTAssertTrue(try store.deleteArticle(id: gone.id))
        XCTAssertFalse(try store.deleteArticle(id: gone.id))
        XCTAssertNil(try store.article(id: gone.id))
        XCTAssertEqual(try rowCount("articles"), 1)
        XCTAssertEqual(try rowCount("article_entities"), perArticle.entities)
        XCTAssertEqual(try rowCount("figures"), perArticle.figures)
        XCTAssertEqual(try rowCount("archive_entities"), 10)
        switch kind {
        case .sqlite:
            // Currency and month groups are shared with the kept article; none is the deleted
            // one's own (the summary by article adds up each article's figure range when asked).
            XCTAssertEqual(try rowCount("figure_totals"), totals)
            XCTAssertEqual(try rowCount("article_figures"), 1)
        case .postgresql:
            XCTAssertEqual(try rowCount("figure_totals"), totals - 3, "the deleted article's own groups (EUR, USD, GBP) went")
        }
        XCTAssertEqual(Set(try store.figureSummary(groupBy: .article, filter: FigureQuery()).items.map(\.group)), [kept.id])
        XCTAssertEqual(try store.entitySummaries(type: .person, query: nil, limit: 5, cursor: nil).items.map(\.articleCount), [1])

        XCTAssertTrue(try store.deleteArticle(id: kept.id))
        for table in ["articles", "article_entities", "figures", "archive_entities", "archive_names", "figure_entities", "figure_totals"]
            + (kind == .sqlite ? ["article_figures"] : []) {
            XCTAssertEqual(try rowCount(table), 0, table)
        }
    }

    /// A figure pointing at an entity the extraction does not have is found after the
    /// article and its entities were written: all of it must be rolled back.
    func testFailedInsertWritesNothing() throws {
        var broken = Fixtures.extraction()
        broken.figures.append(Figure(entityID: "mon_doesnotexist", mention: Mention(start: 1, end: 2, text: "€"),
                                     value: MoneyValue(amount: 1, currency: "EUR"), sentence: "€", sentenceStart: 0, sentenceEnd: 3))
        let new = NewArticle(text: "text", publishedAt: day("2024-03-14"))
        XCTAssertThrowsError(try store.insert(new, extraction: broken)) { error in
            XCTAssertEqual(error as? StoreError, .corrupt("figure of unknown entity mon_doesnotexist"))
        }
        for table in ["articles", "article_entities", "figures", "archive_entities", "archive_names", "figure_totals"] {
            XCTAssertEqual(try rowCount(table), 0, table)
        }
        // The writer is usable afterwards, and the same article can now be stored.
        XCTAssertTrue(try store.insert(new, extraction: Fixtures.extraction()).created)
        XCTAssertEqual(try rowCount("figures"), 5)
    }

    func testDuplicateEntityIDsAreRejected() throws {
        let person = Fixtures.person("Jens Stoltenberg", at: [1])
        let extraction = Extraction(entities: [person, person], figures: [], extractorVersion: "t")
        XCTAssertThrowsError(try store.insert(NewArticle(text: "t", publishedAt: day("2024-01-01")), extraction: extraction))
        XCTAssertEqual(try rowCount("articles"), 0)
    }

    func testMigrationsApplyOnceAcrossReopens() throws {
        let article = try insert("persisted", published: "2024-03-14")
        store.close()
        XCTAssertThrowsError(try store.articleCount()) { XCTAssertEqual($0 as? StoreError, .closed) }

        let reopened = try openStore()
        defer { reopened.close() }
        XCTAssertEqual(try reopened.article(id: article.id), article)
        guard let reopened = reopened as? SQLiteArticleStore else { return }
        let versions = try reopened.read { db in try db.query("SELECT version FROM schema_migrations") { $0.int(0) } }
        XCTAssertEqual(versions, Schema.migrations.map(\.version))

        let connection = try SQLiteConnection(path: databasePath)
        defer { connection.close() }
        XCTAssertEqual(try Migrator(migrations: Schema.migrations).migrate(connection), [])
    }

    func testRefusesADatabaseFromANewerVersion() throws {
        try sqlite().write { db in
            try db.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', '')")
        }
        store.close()
        XCTAssertThrowsError(try SQLiteArticleStore(path: databasePath)) { error in
            guard case StoreError.corrupt = error else { return XCTFail("\(error)") }
        }
    }

    func testOpeningInAMissingFolderFails() {
        XCTAssertThrowsError(try SQLiteArticleStore(path: folder.appendingPathComponent("missing/db.sqlite").path)) { error in
            guard case StoreError.sqlite(let code, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(code, 14)  // SQLITE_CANTOPEN
        }
    }

    func testReceivedAtFormat() {
        XCTAssertEqual(Timestamp.format(milliseconds: 1_710_400_000_123), "2024-03-14T07:06:40.123Z")
        XCTAssertEqual(Timestamp.format(milliseconds: -1), "1969-12-31T23:59:59.999Z")
        XCTAssertEqual(Timestamp.parse("2024-03-14T07:06:40.123Z").map(Timestamp.milliseconds), 1_710_400_000_123)
        XCTAssertNil(Timestamp.parse("2024-03-14T07:06:40Z"))
        XCTAssertNil(Timestamp.parse("2024-02-30T07:06:40.123Z"))
    }
}

extension ArticleStoreInsertTests {
    func testAMentionListedTwiceIsStoredOnce() throws {
        var person = Fixtures.person("Jens Stoltenberg", at: [5, 40])
        person.mentions.insert(person.mentions[0], at: 1)
        let stored = try insert("t", published: "2024-01-01", extraction: Extraction(entities: [person], figures: [], extractorVersion: "t"))
        XCTAssertEqual(try store.entities(articleID: stored.id, type: nil)?.first?.mentions.map(\.start), [5, 40])
        XCTAssertEqual(try store.entitySummaries(type: nil, query: nil, limit: 5, cursor: nil).items.first?.mentionCount, 2)
    }
}
