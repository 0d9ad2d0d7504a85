import ArticleStore
import EntityExtraction
import Foundation
import PostgresClient

// Articles: store, find, list, delete. The same contract, ordering, cursors and errors as
// the SQLite store (Sources/ArticleStore/SQLiteArticleStore+Articles.swift).
extension PostgresArticleStore {
    /// The columns `storedArticle` reads, in its order.
    static let articleColumns = """
        a.id, a.title, a.url, a.source, to_char(a.published_at, 'YYYY-MM-DD'), \
        (extract(epoch FROM a.received_at) * 1000)::bigint, a.text_hash, a.extractor_version
        """

    /// A new row, or nothing when the same article (the `articles_dedup` index) is stored:
    /// the unique index decides between nodes posting it at once, never a read first.
    static let insertArticle = PostgresStatement("article_insert", """
        INSERT INTO articles (id, text, title, url, source, published_at, received_at, text_hash, extractor_version)
        VALUES ($1, $2, $3, $4, $5, $6::date, timestamptz 'epoch' + $7::bigint * interval '1 millisecond', $8, $9)
        ON CONFLICT DO NOTHING RETURNING seq
        """)
    static let findArticle = PostgresStatement("article_find", """
        SELECT \(articleColumns), a.text FROM articles a
        WHERE a.text_hash = $1 AND coalesce(a.title, '') = $2 AND coalesce(a.url, '') = $3
          AND coalesce(a.source, '') = $4 AND a.published_at = $5::date
        """)
    static let articleByID = PostgresStatement("article_by_id", "SELECT \(articleColumns), a.text FROM articles a WHERE a.id = $1")
    /// Locks the row, so a delete and a re-extraction of one article from two nodes take turns.
    static let lockArticle = PostgresStatement("article_lock",
                                               "SELECT seq, to_char(published_at, 'YYYY-MM-DD') FROM articles WHERE id = $1 FOR UPDATE")
    static let setTag = PostgresStatement("article_set_tag", "UPDATE articles SET entities_tag = $1 WHERE seq = $2")

    /// Stores the article and its extraction in one transaction, acknowledged after its
    /// commit; the same text with the same title, url, source and publication date answers
    /// the article already stored (`created: false`), whichever node stored it.
    public func store(_ article: NewArticle, extraction: Extraction, textHash: String?,
                      rendering: EntityRendering?) throws -> (article: StoredArticle, created: Bool, archiveIDs: [String: String]) {
        let hash = textHash ?? StoredDigest.textHash(of: article.text)
        let digest = entityRenderer == nil ? nil : rendering?.digest ?? StoredDigest.entities(extraction.entities, renderer: entityRenderer)
        let result = try write { c in try Self.insertRow(article, extraction: extraction, hash: hash, digest: digest, in: c) }
        if result.created { count.add(1, ordering: .relaxed) }
        return result
    }

    public func entityRendering(_ entities: [Entity]) -> EntityRendering? {
        entityRenderer.map { EntityRendering(entities, renderer: $0) }
    }

    /// Stores many articles in one transaction, each in its own savepoint: one that fails
    /// leaves the others stored. Two equal articles of one batch: the second answers the first.
    public func insertMany(_ items: [BatchArticle]) throws -> [Result<(article: StoredArticle, created: Bool), any Error>] {
        guard !items.isEmpty else { return [] }
        let digests = items.map { StoredDigest.entities($0.extraction.entities, renderer: entityRenderer) }
        let results = try write { c in
            try zip(items, digests).map { item, digest -> Result<(article: StoredArticle, created: Bool), any Error> in
                try c.execute("SAVEPOINT article")
                do {
                    let row = try Self.insertRow(item.article, extraction: item.extraction, hash: item.textHash, digest: digest, in: c)
                    try c.execute("RELEASE article")
                    return .success((row.article, row.created))
                } catch {
                    let failure = Self.storeError(error)
                    if case .unavailable? = failure as? StoreError { throw failure }
                    try c.execute("ROLLBACK TO article")
                    try c.execute("RELEASE article")
                    return .failure(failure)
                }
            }
        }
        let created = results.reduce(0) { n, r in n + ((try? r.get().created) == true ? 1 : 0) }
        if created > 0 { count.add(created, ordering: .relaxed) }
        return results
    }

    /// One new article and its extraction inside the caller's transaction, or the same
    /// article already stored.
    static func insertRow(_ article: NewArticle, extraction: Extraction, hash: String, digest: [UInt8]?,
                          in c: PostgresConnection) throws -> (article: StoredArticle, created: Bool, archiveIDs: [String: String]) {
        let received = milliseconds(article.receivedAt)
        // A conflict that finds no equal article was an id collision (2^-64): draw again.
        for _ in 0..<3 {
            let id = SQLiteArticleStore.newArticleID()
            let rows = try c.query(insertArticle, [id, article.text, article.title, article.url, article.source,
                                                   article.publishedAt.description, received, hash, extraction.extractorVersion])
            guard let seq = try rows.first?.decode(0, as: Int64.self) else {
                // ON CONFLICT waited for the other transaction: its row is committed and visible now.
                if let existing = try find(article, hash: hash, in: c) { return (existing, false, [:]) }
                continue
            }
            let ids = try writeLedger(extraction, seq: seq, articleID: id, publishedAt: article.publishedAt, in: c)
            try c.query(setTag, [StoredDigest.entitiesTag(digest, entities: extraction.entities, archiveIDs: ids), seq])
            let stored = StoredArticle(id: id, title: article.title, url: article.url, source: article.source,
                                       publishedAt: article.publishedAt, receivedAt: date(milliseconds: received),
                                       textHash: hash, extractorVersion: extraction.extractorVersion, text: article.text)
            return (stored, true, ids)
        }
        throw StoreError.corrupt("an article id was taken three times over")
    }

    /// The ledger's rows for an extraction. One with no entity and no figure has no rows
    /// to write, so the ledger is not called for it.
    static func writeLedger(_ extraction: Extraction, seq: Int64, articleID: String, publishedAt: CivilDate,
                            in c: PostgresConnection) throws -> [String: String] {
        guard !extraction.entities.isEmpty || !extraction.figures.isEmpty else { return [:] }
        return try PostgresLedgerWrite.write(extraction, seq: seq, articleID: articleID, publishedAt: publishedAt, in: c)
    }

    /// The stored article with this text and metadata, if there is one.
    public func existing(_ article: NewArticle, textHash: String?) throws -> StoredArticle? {
        let hash = textHash ?? StoredDigest.textHash(of: article.text)
        return try single { c in try Self.find(article, hash: hash, in: c) }
    }

    static func find(_ article: NewArticle, hash: String, in c: PostgresConnection) throws -> StoredArticle? {
        try c.query(findArticle, [hash, article.title ?? "", article.url ?? "", article.source ?? "",
                                  article.publishedAt.description]).first.map { try storedArticle($0) }
    }

    public func article(id: String) throws -> StoredArticle? {
        try single { c in try c.query(Self.articleByID, [id]).first.map { try Self.storedArticle($0) } }
    }

    /// Removes the article and everything extracted from it, in one transaction.
    public func deleteArticle(id: String) throws -> Bool {
        let deleted = try write { c -> Bool in
            guard let (seq, publishedAt) = try Self.lockedSeq(of: id, in: c) else { return false }
            try PostgresLedgerWrite.remove(seq: seq, articleID: id, publishedAt: publishedAt, in: c)
            return try c.query("DELETE FROM articles WHERE seq = $1", [seq]).affectedRows > 0
        }
        if deleted { count.add(-1, ordering: .relaxed) }
        return deleted
    }

    /// The article's number in the ledger's tables and its publication date, its row
    /// locked until the transaction ends; nil when there is no such article.
    static func lockedSeq(of articleID: String, in c: PostgresConnection) throws -> (Int64, CivilDate)? {
        guard let row = try c.query(lockArticle, [articleID]).first else { return nil }
        guard let seq = try row.decode(0, as: Int64.self), let published = try row.string(1).flatMap(CivilDate.init(iso:)) else {
            throw StoreError.corrupt("article \(articleID) has no seq or a bad published_at")
        }
        return (seq, published)
    }

    /// Articles newest first: published_at, then received_at, then id, all descending. The
    /// cursor holds the last row's three keys, so any node continues the listing.
    public func articles(_ query: ArticleListQuery) throws -> Page<StoredArticle> {
        var filter = PostgresFilter()
        if let cursor = query.cursor {
            let fields = try Cursor.decode(cursor, kind: "articles", count: 3)
            guard CivilDate(iso: fields[0]) != nil, let ms = Int64(fields[1]) else { throw StoreError.invalidCursor }
            filter.add("(a.published_at, a.received_at, a.id) < (\(filter.bind(fields[0]))::date, "
                       + "timestamptz 'epoch' + \(filter.bind(ms))::bigint * interval '1 millisecond', \(filter.bind(fields[2])))")
        }
        let limit = max(1, query.limit)
        // An entity filter is resolved to refs by a query of its own first.
        let rows = try read(statements: query.entity == nil ? 1 : 2) { c in
            try Self.addArticleFilters(to: &filter, since: query.since, until: query.until, entity: query.entity, type: query.type, in: c)
            return try c.query("""
                SELECT \(Self.articleColumns), \(query.includeText ? "a.text" : "''") FROM articles a
                \(filter.sql)
                ORDER BY a.published_at DESC, a.received_at DESC, a.id DESC LIMIT \(filter.bind(limit + 1))
                """, filter.values).map { try Self.storedArticle($0) }
        }
        let page = rows.prefix(limit)
        let next = rows.count > limit ? page.last.map {
            Cursor.encode(kind: "articles", [$0.publishedAt.description, String(Self.milliseconds($0.receivedAt)), $0.id])
        } : nil
        return Page(items: Array(page), nextCursor: next)
    }

    /// A row of `articleColumns` followed by the text.
    static func storedArticle(_ row: PostgresRow) throws -> StoredArticle {
        guard let id = try row.string(0), let publishedText = try row.string(4), let publishedAt = CivilDate(iso: publishedText),
              let received = try row.decode(5, as: Int64.self), let hash = try row.string(6), let version = try row.string(7) else {
            throw StoreError.corrupt("an articles row with a missing or bad column")
        }
        return StoredArticle(id: id, title: try row.string(1), url: try row.string(2), source: try row.string(3),
                             publishedAt: publishedAt, receivedAt: date(milliseconds: received), textHash: hash,
                             extractorVersion: version, text: try row.string(8) ?? "")
    }

    /// Milliseconds since 1970, rounded down: the precision both stores keep.
    static func milliseconds(_ date: Date) -> Int64 { Timestamp.milliseconds(date) }
    static func date(milliseconds ms: Int64) -> Date { Timestamp.date(milliseconds: ms) }
}
