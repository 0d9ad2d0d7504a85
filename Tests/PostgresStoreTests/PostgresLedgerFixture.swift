import ArticleStore
import EntityExtraction
import Foundation
import PostgresClient
@testable import PostgresStore
import PostgresTestSupport
import XCTest

/// Articles written straight into the ledger (a plain INSERT into `articles`, then
/// `PostgresLedgerWrite.write` in the same transaction), with extractions built by hand
/// so every offset, amount and name is known.
enum LedgerFixture {
    /// Where the `occurrence`-th `part` starts in `text`, in Unicode scalars (the store's offsets).
    static func offset(of part: String, in text: String, occurrence: Int = 0) -> Int {
        var from = text.startIndex
        for _ in 0..<occurrence { from = text.index(after: text.range(of: part, range: from..<text.endIndex)!.lowerBound) }
        let range = text.range(of: part, range: from..<text.endIndex)!
        return text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
    }

    static func mention(_ part: String, in text: String, occurrence: Int = 0) -> Mention {
        let start = offset(of: part, in: text, occurrence: occurrence)
        return Mention(start: start, end: start + part.unicodeScalars.count, text: part)
    }

    static func entity(_ type: EntityType, _ name: String, key: String, _ mentions: [Mention], value: EntityValue? = nil) -> Entity {
        Entity(id: EntityKeys.id(type: type, key: key), type: type, name: name, key: key, value: value, mentions: mentions)
    }

    static func money(_ text: String, in article: String, amount: String, currency: String) -> Entity {
        let value = MoneyValue(amount: Decimal(string: amount)!, currency: currency)
        return entity(.money, text, key: currency + " " + amount, [mention(text, in: article)], value: .money(value))
    }

    /// The extraction: one figure per money mention, its sentence the one around it (". " ends one).
    static func extraction(_ text: String, _ entities: [Entity]) -> Extraction {
        let scalars = Array(text.unicodeScalars)
        var figures: [Figure] = []
        for e in entities {
            guard case .money(let value)? = e.value else { continue }
            for m in e.mentions {
                var start = m.start, end = m.end
                while start > 1 && !(scalars[start - 2] == "." && scalars[start - 1] == " ") { start -= 1 }
                if start == 1 { start = 0 }
                while end < scalars.count && scalars[end] != "." { end += 1 }
                if end < scalars.count { end += 1 }
                let sentence = String(String.UnicodeScalarView(scalars[start..<end]))
                figures.append(Figure(entityID: e.id, mention: m, value: value, sentence: sentence, sentenceStart: start, sentenceEnd: end))
            }
        }
        return Extraction(entities: entities, figures: figures.sorted { $0.mention.start < $1.mention.start }, extractorVersion: "test-1")
    }

    /// Inserts the article row as pg-store's `store` would, and writes its ledger rows.
    @discardableResult
    static func insert(_ store: PostgresArticleStore, id: String, text: String, title: String? = nil, published: CivilDate,
                       receivedMilliseconds: Int64 = 1_700_000_000_000, extraction: Extraction) throws -> [String: String] {
        try store.write { c in
            let seq = try c.query("""
                INSERT INTO articles (id, text, title, published_at, received_at, text_hash, extractor_version)
                VALUES ($1, $2, $3, $4::date, to_timestamp($5::double precision / 1000), $6, $7) RETURNING seq
                """, [id, text, title, published.description, receivedMilliseconds, StoredDigest.textHash(of: text),
                      extraction.extractorVersion])[0].int64(0)
            return try PostgresLedgerWrite.write(extraction, seq: seq, articleID: id, publishedAt: published, in: c)
        }
    }

    /// Removes the article's ledger rows and the article, as pg-store's delete does.
    static func delete(_ store: PostgresArticleStore, id: String) throws {
        try store.write { c in
            let row = try c.query("SELECT seq, published_at::text FROM articles WHERE id = $1", [id])[0]
            try PostgresLedgerWrite.remove(seq: try row.int64(0), articleID: id, publishedAt: CivilDate(iso: try row.required(1))!, in: c)
            _ = try c.query("DELETE FROM articles WHERE seq = $1", [try row.int64(0)])
        }
    }

    static let first = "Donald Trump pledged $1.5 billion to Ukraine on Monday. The European Union added €0.1 on top. Trump's aides gave €0.2 more."
    static let second = "President Trump spent $3 billion in Ukraine. The European Union paid €0.25 too."

    static func firstExtraction() -> Extraction {
        let t = first
        return extraction(t, [
            entity(.person, "Donald Trump", key: "donald trump", [mention("Donald Trump", in: t), mention("Trump's", in: t)]),
            money("$1.5 billion", in: t, amount: "1500000000", currency: "USD"),
            entity(.place, "Ukraine", key: "ukraine", [mention("Ukraine", in: t)]),
            entity(.date, "Monday", key: "2024-03-11", [mention("Monday", in: t)], value: .date(DateValue(date: "2024-03-11", grain: .day))),
            entity(.organisation, "European Union", key: "european union", [mention("European Union", in: t)]),
            money("€0.1", in: t, amount: "0.1", currency: "EUR"),
            money("€0.2", in: t, amount: "0.2", currency: "EUR"),
        ])
    }

    static func secondExtraction() -> Extraction {
        let t = second
        return extraction(t, [
            entity(.person, "Trump", key: "trump", [mention("Trump", in: t)]),
            money("$3 billion", in: t, amount: "3000000000", currency: "USD"),
            entity(.place, "Ukraine", key: "ukraine", [mention("Ukraine", in: t)]),
            entity(.organisation, "European Union", key: "european union", [mention("European Union", in: t)]),
            money("€0.25", in: t, amount: "0.25", currency: "EUR"),
        ])
    }

    static func newStore(for test: XCTestCase) throws -> PostgresArticleStore {
        try PostgresArticleStore(url: TestDatabase.freshSchema(for: test), connections: 2)
    }
}
