import EntityExtraction
import Foundation

extension ArticleStore {
    static let metadataColumns = "a.id, a.title, a.url, a.source, a.published_at, a.received_at, a.text_hash, a.extractor_version"
    static let articleColumns = metadataColumns + ", a.text"

    /// Stores the article and everything extracted from it in one transaction: either
    /// all of it is written or none. The same text with the same title, url, source and
    /// publication date returns the article already stored, with `created: false`.
    ///
    /// Concurrent inserts share one transaction and commit (see `GroupCommit`); each
    /// returns only once its own commit is done. `textHash` is `textHash(of:)` of the
    /// text, when the caller has it already (from `existing`).
    public func insert(_ article: NewArticle, extraction: Extraction,
                       textHash: String? = nil) throws -> (article: StoredArticle, created: Bool) {
        let hash = textHash ?? Self.textHash(of: article.text)
        let valuesJSON = try extraction.entities.map { try EntityValueJSON.encode($0.value) }
        let rendered = render(extraction.entities)
        let result = try groupCommit.submit({ db -> (article: StoredArticle, created: Bool) in
            try Self.insertRow(article, extraction: extraction, hash: hash, valuesJSON: valuesJSON, rendered: rendered, in: db)
        }, transaction: { batch in try write(batch) })
        if result.created { countChanged(by: 1) }
        return result
    }

    /// Writes one new article and its extraction on `db` (inside the caller's transaction),
    /// or finds the same article already stored. Shared by `insert` and `insertMany`.
    static func insertRow(_ article: NewArticle, extraction: Extraction, hash: String, valuesJSON: [String?],
                          rendered: RenderedSet?, in db: SQLiteConnection) throws -> (article: StoredArticle, created: Bool) {
        let id = newArticleID()
        let receivedAt = Timestamp.format(article.receivedAt)
        let publishedAt = article.publishedAt.description
        do {
            // search_rowid: the full-text index's key (see Schema), one past the largest, from its unique index.
            try db.run("""
                INSERT INTO articles (id, text, title, url, source, published_at, received_at, text_hash, extractor_version, search_rowid)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT IFNULL(MAX(search_rowid), 0) + 1 FROM articles))
                """, [.text(id), .text(article.text), .optionalText(article.title), .optionalText(article.url),
                      .optionalText(article.source), .text(publishedAt), .text(receivedAt), .text(hash),
                      .text(extraction.extractorVersion)])
        } catch StoreError.sqlite(let code, let message) where code == uniqueViolation {
            // Stored meanwhile (the unique index is the duplicate check): answer with that one.
            if let existing = try find(article, hash: hash, in: db) { return (existing, false) }
            throw StoreError.sqlite(code: code, message: message)
        }
        try writeExtraction(extraction, valuesJSON: valuesJSON, articleID: id, publishedAt: publishedAt, in: db)
        try writeRendered(rendered, articleID: id, in: db)
        let stored = StoredArticle(id: id, title: article.title, url: article.url, source: article.source,
                                   publishedAt: article.publishedAt,
                                   receivedAt: Timestamp.date(milliseconds: Timestamp.milliseconds(article.receivedAt)),
                                   textHash: hash, extractorVersion: extraction.extractorVersion, text: article.text)
        return (stored, true)
    }

    /// SQLITE_CONSTRAINT_UNIQUE.
    static let uniqueViolation: Int32 = 2067

    /// SHA-256 of the UTF-8 text in lower-case hex: what `StoredArticle.textHash` holds.
    public static func textHash(of text: String) -> String {
        SHA256.hex(text)
    }

    /// Replaces everything extracted from a stored article (after the extractor improved),
    /// in one transaction. False when there is no such article.
    public func replaceExtraction(articleID: String, with extraction: Extraction) throws -> Bool {
        let valuesJSON = try extraction.entities.map { try EntityValueJSON.encode($0.value) }
        let rendered = render(extraction.entities)
        return try write { db in
            try Self.replaceRows(articleID: articleID, extraction: extraction, valuesJSON: valuesJSON, rendered: rendered, in: db)
        }
    }

    /// `replaceExtraction` inside the caller's transaction (also used by `reextract`).
    static func replaceRows(articleID: String, extraction: Extraction, valuesJSON: [String?],
                            rendered: RenderedSet?, in db: SQLiteConnection) throws -> Bool {
        let rows = try db.query("SELECT published_at FROM articles WHERE id = ?", [.text(articleID)]) { $0.text(0) }
        guard let publishedAt = rows.first else { return false }
        // Mentions and figures cascade from their entities' article.
        try db.run("DELETE FROM figures WHERE article_id = ?", [.text(articleID)])
        try db.run("DELETE FROM mentions WHERE article_id = ?", [.text(articleID)])
        try db.run("DELETE FROM entities WHERE article_id = ?", [.text(articleID)])
        try Self.writeExtraction(extraction, valuesJSON: valuesJSON, articleID: articleID, publishedAt: publishedAt, in: db)
        try Self.writeRendered(rendered, articleID: articleID, in: db)
        try db.run("UPDATE articles SET extractor_version = ? WHERE id = ?", [.text(extraction.extractorVersion), .text(articleID)])
        return true
    }

    /// Ids of the articles extracted by any other extractor version than the given one, oldest first.
    public func articleIDs(notExtractedBy version: String) throws -> [String] {
        try read { db in
            try db.query("SELECT id FROM articles WHERE extractor_version <> ? ORDER BY received_at, id", [.text(version)]) { $0.text(0) }
        }
    }

    static func writeExtraction(_ extraction: Extraction, valuesJSON: [String?], articleID: String,
                                        publishedAt: String, in db: SQLiteConnection) throws {
        for (entity, valueJSON) in zip(extraction.entities, valuesJSON) {
            try db.run("""
                INSERT INTO entities (article_id, entity_id, type, name, key, value_json, first_start, mention_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(articleID), .text(entity.id), .text(entity.type.rawValue), .text(entity.name), .text(entity.key),
                      .optionalText(valueJSON), .int(entity.mentions.map(\.start).min() ?? 0),
                      .int(Set(entity.mentions.map { [$0.start, $0.end] }).count)])
            for mention in entity.mentions {
                // A mention listed twice is one mention: harmless, so not worth failing the POST.
                try db.run("INSERT OR IGNORE INTO mentions (article_id, entity_id, start, \"end\", text) VALUES (?, ?, ?, ?, ?)",
                           [.text(articleID), .text(entity.id), .int(mention.start), .int(mention.end), .text(mention.text)])
            }
        }
        for figure in extraction.figures {
            let value = figure.value
            try db.run("""
                INSERT INTO figures (article_id, entity_id, published_at, amount, amount_real, currency,
                    currency_resolution, qualifier, min_amount, max_amount, text, start, "end",
                    sentence, sentence_start, sentence_end, currency_evidence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(articleID), .text(figure.entityID), .text(publishedAt), .text(value.amount.description),
                      .real(value.amount.approximateDouble), .text(value.currency), .text(value.currencyResolution.rawValue),
                      .optionalText(value.qualifier), .optionalText(value.min?.description), .optionalText(value.max?.description),
                      .text(figure.mention.text), .int(figure.mention.start), .int(figure.mention.end),
                      .text(figure.sentence), .int(figure.sentenceStart), .int(figure.sentenceEnd),
                      .optionalText(value.currencyEvidence)])
        }
    }

    /// The stored article with this text and metadata, if there is one: lets a re-post
    /// skip extraction altogether.
    public func existing(_ article: NewArticle, textHash: String? = nil) throws -> StoredArticle? {
        let hash = textHash ?? Self.textHash(of: article.text)
        return try read { db in try Self.find(article, hash: hash, in: db) }
    }

    static func find(_ article: NewArticle, hash: String, in db: SQLiteConnection) throws -> StoredArticle? {
        try db.query("""
            SELECT \(Self.articleColumns) FROM articles a
            WHERE a.text_hash = ? AND IFNULL(a.title, '') = ? AND IFNULL(a.url, '') = ?
              AND IFNULL(a.source, '') = ? AND a.published_at = ?
            """, [.text(hash), .text(article.title ?? ""), .text(article.url ?? ""),
                  .text(article.source ?? ""), .text(article.publishedAt.description)], Self.storedArticle).first
    }

    public func article(id: String) throws -> StoredArticle? {
        try read { db in
            try db.query("SELECT \(Self.articleColumns) FROM articles a WHERE a.id = ?", [.text(id)], Self.storedArticle).first
        }
    }

    /// Removes the article and everything extracted from it (the foreign keys cascade).
    /// False when there was no such article.
    public func deleteArticle(id: String) throws -> Bool {
        let deleted = try write { db in
            try db.run("DELETE FROM articles WHERE id = ?", [.text(id)])
            return db.changes > 0
        }
        if deleted { countChanged(by: -1) }
        return deleted
    }

    /// Articles newest first: published_at, then received_at, then id, all descending.
    public func articles(_ query: ArticleListQuery) throws -> Page<StoredArticle> {
        var filter = WhereClause()
        filter.add("a.published_at >= ?", query.since) { .text($0.description) }
        filter.add("a.published_at <= ?", query.until) { .text($0.description) }
        if let entity = query.entity {
            let match = EntityMatch(entity, type: query.type)
            filter.add("a.id IN (SELECT e.article_id FROM entities e WHERE \(match.sql))", match.values)
        } else {
            filter.add("EXISTS (SELECT 1 FROM entities e WHERE e.article_id = a.id AND e.type = ?)", query.type) { .text($0.rawValue) }
        }
        if let cursor = query.cursor {
            let fields = try Cursor.decode(cursor, kind: "articles", count: 3)
            filter.add("(a.published_at, a.received_at, a.id) < (?, ?, ?)", fields.map { .text($0) })
        }
        let limit = max(1, query.limit)
        let values = filter.values + [.int(limit + 1)]
        let columns = query.includeText ? Self.articleColumns : Self.metadataColumns + ", ''"
        let sql = """
            SELECT \(columns), a.received_at FROM articles a
            \(filter.sql)
            ORDER BY a.published_at DESC, a.received_at DESC, a.id DESC LIMIT ?
            """
        let rows = try read { db in
            try db.query(sql, values) { row in (article: try Self.storedArticle(row), receivedAt: row.text(9)) }
        }
        let page = rows.prefix(limit)
        let next = rows.count > limit ? page.last.map {
            Cursor.encode(kind: "articles", [$0.article.publishedAt.description, $0.receivedAt, $0.article.id])
        } : nil
        return Page(items: page.map(\.article), nextCursor: next)
    }

    static func storedArticle(_ row: SQLiteRow) throws -> StoredArticle {
        let receivedText = row.text(5)
        guard let receivedAt = Timestamp.parse(receivedText) else { throw StoreError.corrupt("bad received_at \(receivedText)") }
        return StoredArticle(id: row.text(0), title: row.optionalText(1), url: row.optionalText(2), source: row.optionalText(3),
                             publishedAt: try CivilDate.stored(row.text(4)), receivedAt: receivedAt,
                             textHash: row.text(6), extractorVersion: row.text(7), text: row.text(8))
    }

    /// `art_` and 16 random hex digits: opaque, unguessable enough, and short in URLs.
    static func newArticleID() -> String {
        var generator = SystemRandomNumberGenerator()
        let hex = String(generator.next() as UInt64, radix: 16)
        return "art_" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// The SQL that matches a user's `entity` filter against `entities e`: its normalised
/// name key, the text as given (money and date keys such as `276000000 EUR` are not name
/// keys), or an entity id; optionally restricted to one type.
struct EntityMatch {
    let sql: String
    let values: [SQLiteValue]

    init(_ entity: String, type: EntityType?) {
        var sql = "(e.key IN (?, ?) OR e.entity_id = ?)"
        var values: [SQLiteValue] = [.text(EntityKeys.nameKey(entity)), .text(entity), .text(entity)]
        if let type {
            sql += " AND e.type = ?"
            values.append(.text(type.rawValue))
        }
        self.sql = sql
        self.values = values
    }
}
