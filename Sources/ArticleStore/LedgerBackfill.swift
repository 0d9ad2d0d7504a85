import EntityExtraction
import Foundation

/// Moves a database written before archive entities into the new tables from its stored
/// rows (no re-extraction needed): each article's old entities, mentions and figures are
/// read back into an `Extraction` and written as a new POST would write them, oldest
/// first, so surname joins see the archive as it grew. Tags are cleared: those articles'
/// entity JSON is rendered and tagged on demand until they are re-extracted.
enum LedgerBackfill {
    static func run(_ db: SQLiteConnection) throws {
        let articles = try db.query("SELECT id, seq, published_at FROM articles ORDER BY received_at, rowid") { row in
            (id: row.text(0), seq: row.int64(1), published: try CivilDate.stored(row.text(2)))
        }
        for article in articles {
            let extraction = try oldExtraction(articleID: article.id, in: db)
            let text = try db.query("SELECT text FROM articles WHERE seq = ?", [.integer(article.seq)]) { $0.text(0) }.first ?? ""
            _ = try LedgerWrite.writeNow(extraction, seq: article.seq, articleID: article.id, publishedAt: article.published,
                                   text: text, in: db)
            try FigureSearch.index(seq: article.seq, in: db)
        }
        try db.execute("""
            DROP TABLE old_mentions;
            DROP TABLE old_figures;
            DROP TABLE old_entities;
            DROP TABLE entity_json;
            UPDATE articles SET entities_tag = NULL;
            """)
    }

    private static func oldExtraction(articleID: String, in db: SQLiteConnection) throws -> Extraction {
        var entities = try db.query("""
            SELECT entity_id, type, name, key, value_json FROM old_entities WHERE article_id = ? ORDER BY first_start, entity_id
            """, [.text(articleID)]) { row -> Entity in
            let typeText = row.text(1)
            guard let type = EntityType(rawValue: typeText) else { throw StoreError.corrupt("entity type \(typeText)") }
            return Entity(id: row.text(0), type: type, name: row.text(2), key: row.text(3),
                          value: try EntityValueJSON.decode(row.optionalText(4), type: type), mentions: [])
        }
        let index = Dictionary(entities.indices.map { (entities[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
        for (entityID, mention) in try db.query("""
            SELECT entity_id, start, "end", text FROM old_mentions WHERE article_id = ? ORDER BY start, "end"
            """, [.text(articleID)], { row in (row.text(0), Mention(start: row.int(1), end: row.int(2), text: row.text(3))) }) {
            if let i = index[entityID] { entities[i].mentions.append(mention) }
        }
        let figures = try db.query("""
            SELECT entity_id, amount, currency, currency_resolution, qualifier, min_amount, max_amount, currency_evidence,
                   text, start, "end", sentence, sentence_start, sentence_end
            FROM old_figures WHERE article_id = ? ORDER BY id
            """, [.text(articleID)]) { row -> Figure in
            let resolutionText = row.text(3)
            guard let resolution = CurrencyResolution(rawValue: resolutionText) else {
                throw StoreError.corrupt("currency resolution \(resolutionText)")
            }
            let value = MoneyValue(amount: try Decimal.stored(row.text(1)), currency: row.text(2), currencyResolution: resolution,
                                   qualifier: row.optionalText(4), min: try row.optionalText(5).map(Decimal.stored),
                                   max: try row.optionalText(6).map(Decimal.stored), currencyEvidence: row.optionalText(7))
            return Figure(entityID: row.text(0), mention: Mention(start: row.int(9), end: row.int(10), text: row.text(8)),
                          value: value, sentence: row.text(11), sentenceStart: row.int(12), sentenceEnd: row.int(13))
        }
        return Extraction(entities: entities, figures: figures, extractorVersion: "")
    }
}
