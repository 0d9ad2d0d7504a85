import EntityExtraction
import Foundation
import PostgresClient
import PostgresStore
import PostgresTestSupport
import XCTest
@testable import ArticleStore

/// Gives every test a fresh database: a file in its own temporary folder, or a new schema
/// on the test PostgreSQL server.
class StoreTestCase: XCTestCase {
    private(set) var folder: URL!
    private(set) var store: (any ArticleStorage)!
    /// The PostgreSQL URL of this test's schema (PostgreSQL runs only).
    private(set) var postgresURL: PostgresURL?

    var databasePath: String { folder.appendingPathComponent("articles.sqlite").path }
    var kind: TestStoreKind { TestStoreKind.current }

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("article-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if kind == .postgresql { postgresURL = try TestDatabase.freshSchema(for: self) }
        store = try openStore()
    }

    override func tearDownWithError() throws {
        store?.close()
        store = nil
        try? FileManager.default.removeItem(at: folder)
    }

    /// A new instance over this test's database (a restart, or a second node).
    func openStore() throws -> any ArticleStorage {
        switch kind {
        case .sqlite: return try SQLiteArticleStore(path: databasePath)
        case .postgresql: return try PostgresArticleStore(url: postgresURL!, connections: 4)
        }
    }

    /// The SQLite store, for tests of what only it has (its files, plans, migrations from
    /// its old versions); skips the test on PostgreSQL.
    func sqlite() throws -> SQLiteArticleStore {
        guard let store = store as? SQLiteArticleStore else {
            throw XCTSkip("a test of the SQLite store itself: nothing to run on \(kind.rawValue)")
        }
        return store
    }

    /// Rows in a table, counted with SQL (after the store has moved the entity links that
    /// wait, as every read of them does).
    func rowCount(_ table: String) throws -> Int {
        if let postgresURL {
            let c = try PostgresConnection(url: postgresURL)
            defer { c.close() }
            return try c.query("SELECT COUNT(*) FROM \(table)").first?.int(0) ?? -1
        }
        return try sqlite().readIndexed { db in try db.query("SELECT COUNT(*) FROM \(table)") { $0.int(0) }.first ?? -1 }
    }

    @discardableResult
    func insert(_ text: String, title: String? = nil, published: String, received: TimeInterval = 0,
                extraction: Extraction? = nil) throws -> StoredArticle {
        let article = NewArticle(text: text, title: title, publishedAt: day(published),
                                 receivedAt: Date(timeIntervalSince1970: 1_700_000_000 + received))
        return try store.insert(article, extraction: extraction ?? Fixtures.extraction()).article
    }
}

func day(_ iso: String) -> CivilDate {
    guard let date = CivilDate(iso: iso) else { fatalError("bad test date \(iso)") }
    return date
}

func decimal(_ text: String) -> Decimal {
    guard let value = Decimal(string: text) else { fatalError("bad test decimal \(text)") }
    return value
}

/// Hand-built extractions. Offsets only need to be consistent, not to point into a text.
enum Fixtures {
    static func person(_ name: String, at starts: [Int]) -> Entity {
        let key = EntityKeys.nameKey(name)
        return Entity(id: EntityKeys.id(type: .person, key: key), type: .person, name: name, key: key,
                      mentions: starts.map { Mention(start: $0, end: $0 + name.unicodeScalars.count, text: name) })
    }

    static func named(_ type: EntityType, _ name: String, at start: Int) -> Entity {
        let key = EntityKeys.nameKey(name)
        return Entity(id: EntityKeys.id(type: type, key: key), type: type, name: name, key: key,
                      mentions: [Mention(start: start, end: start + name.unicodeScalars.count, text: name)])
    }

    static func money(_ text: String, _ value: MoneyValue, at starts: [Int]) -> Entity {
        let key = EntityKeys.moneyKey(value)
        return Entity(id: EntityKeys.id(type: .money, key: key), type: .money, name: text, key: key, value: .money(value),
                      mentions: starts.map { Mention(start: $0, end: $0 + text.unicodeScalars.count, text: text) })
    }

    static func date(_ text: String, _ value: DateValue, at start: Int) -> Entity {
        let key = EntityKeys.dateKey(value, text: text)
        return Entity(id: EntityKeys.id(type: .date, key: key), type: .date, name: text, key: key, value: .date(value),
                      mentions: [Mention(start: start, end: start + text.unicodeScalars.count, text: text)])
    }

    /// One figure per mention of every money entity, with a made-up sentence around it.
    static func figures(for entities: [Entity]) -> [Figure] {
        entities.flatMap { entity -> [Figure] in
            guard case .money(let value)? = entity.value else { return [] }
            return entity.mentions.map { m in
                Figure(entityID: entity.id, mention: m, value: value, sentence: "It costs \(m.text) here.",
                       sentenceStart: m.start - 9, sentenceEnd: m.end + 6)
            }
        }.sorted { $0.mention.start < $1.mention.start }
    }

    static func extraction(_ entities: [Entity]) -> Extraction {
        let ordered = entities.sorted { $0.mentions[0].start < $1.mentions[0].start }
        return Extraction(entities: ordered, figures: figures(for: ordered), extractorVersion: "test-1")
    }

    /// A realistic mix: every type, a range with qualifier, inferred currency, amounts that
    /// binary floating point cannot hold exactly, a date range.
    static func extraction() -> Extraction {
        extraction([
            person("Jens Stoltenberg", at: [10, 400]),
            named(.organisation, "European Union", at: 60),
            named(.place, "Ukraine", at: 100),
            money("€276 million", MoneyValue(amount: 276_000_000, currency: "EUR"), at: [150, 700]),
            money("$0.1bn to $1.23456789bn", MoneyValue(amount: decimal("100000000"), currency: "USD", currencyResolution: .inferred,
                                                        qualifier: "about", min: decimal("100000000"), max: decimal("1234567890")), at: [200]),
            money("50 cents", MoneyValue(amount: decimal("0.5"), currency: "USD", currencyResolution: .ambiguous), at: [250]),
            money("£0.1", MoneyValue(amount: decimal("0.1"), currency: "GBP", qualifier: "more_than"), at: [260]),
            date("Thursday", DateValue(date: "2024-03-14", grain: .day), at: [300].first!),
            date("earlier this week", DateValue(from: "2024-03-11", to: "2024-03-17", grain: .week), at: 320),
            date("annual", DateValue(grain: .duration), at: 350),
        ])
    }
}
