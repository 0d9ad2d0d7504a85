import EntityExtraction
import Foundation

extension SQLiteArticleStore {
    static let metadataColumns = "a.id, a.title, a.url, a.source, a.published_at, a.received_at, "
        + ArticleRow.hex("a.text_hash") + ", " + ArticleRow.extractorVersion("a")
    static let articleColumns = metadataColumns + ", a.text"
    /// Made once (a string built per call gets a new address; see `SQLAddress`).
    private static let articleByIdentity = "SELECT \(articleColumns) FROM articles a WHERE a.identity = ?"
    private static let articleByID = "SELECT \(articleColumns) FROM articles a WHERE a.id = ?"

    /// Stores the article and everything extracted from it in one transaction: either
    /// all of it is written or none. The same text with the same title, url, source and
    /// publication date returns the article already stored, with `created: false`.
    ///
    /// Concurrent inserts share one transaction and commit (see `GroupCommit`); each
    /// returns only once its own commit is done. `textHash` is `textHash(of:)` of the
    /// text, when the caller has it already (from `existing`); `rendering`, likewise,
    /// `entityRendering` of the extraction's entities. Also answers the archive id
    /// (`ent_…`) of each entity of a new article, by the entity's id within the article
    /// (empty when the article was stored already).
    public func store(_ article: NewArticle, extraction: Extraction, textHash: String?,
                      rendering: EntityRendering?) throws -> StoreResult {
        let waiter = AwaitedResult<StoreResult>()
        store(article, extraction: extraction, textHash: textHash, rendering: rendering, announcement: nil) { waiter.set($0) }
        return try waiter.wait().get()
    }

    /// `store`, answering through `completion` (on the store's writer thread, after the
    /// commit) instead of holding the caller's thread while the write waits for its batch.
    public func store(_ article: NewArticle, extraction: Extraction, textHash: String?, rendering: EntityRendering?,
                      announcement: WriteAnnouncement?,
                      completion: @escaping @Sendable (Result<StoreResult, any Error>) -> Void) {
        let hash = textHash ?? StoredDigest.textHash(of: article.text)
        let digest = entityRenderer == nil ? nil : rendering?.digest ?? renderDigest(extraction.entities)
        groupCommit.enqueue({ db -> StoreResult in
            try Self.insertRow(article, extraction: extraction, hash: hash, digest: digest, batch: self.ledgerBatch, in: db)
        }, transaction: { batch in try self.writeArticles(batch) },
           whileWaiting: { db in try IndexBacklog.moveIfFull(in: db, early: true) },
           announcement: announcement, done: { result in
            if case .success(let stored) = result, stored.created { self.countChanged(by: 1) }
            completion(result)
        })
    }

    /// A write announced to the group commit, so that a writer holding others waits for it.
    public func announceWrite() -> WriteAnnouncement? { groupCommit.announce() }

    /// One write transaction that adds articles with `insertRow`: after all of them, it
    /// writes the archive counts they changed (`ledgerBatch`). Their entity links and their
    /// text wait in `IndexBacklog` until enough have gathered (then all of it is indexed in
    /// one statement per index: see `Schema.searchPerBatch`). The archive rows the writer knows are kept unless another connection
    /// committed since (`ArchiveRowCache`).
    func writeArticles<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try write(keepingArchiveRows: true) { db in
            defer { ledgerBatch.reset() }
            let last = try SearchIndexing.lastArticle(in: db)
            try ledgerBatch.archiveRows?.check(db)
            let result = try body(db)
            try ledgerBatch.apply(in: db)
            try IndexBacklog.addSearch(after: last, in: db)
            try IndexBacklog.moveIfFull(in: db)
            return result
        }
    }

    /// Writes one new article and its extraction on `db` (inside a `writeArticles`
    /// transaction), or finds the same article already stored. Shared by `store` and `insertMany`.
    static func insertRow(_ article: NewArticle, extraction: Extraction, hash: String, digest: [UInt8]?,
                          batch: LedgerBatch, in db: SQLiteConnection) throws -> StoreResult {
        let id = newArticleID()
        let receivedAt = Timestamp.milliseconds(article.receivedAt)
        let publishedAt = article.publishedAt.description
        let identity = ArticleRow.identity(hash: hash, title: article.title, url: article.url,
                                           source: article.source, publishedAt: publishedAt)
        let seq: Int64
        do {
            let version = try extractorRef(extraction.extractorVersion, in: db)
            // seq: the article's number in the per-article tables and the full-text index's key.
            seq = try db.query("""
                INSERT INTO articles (seq, id, published_at, received_at, extractor_ref, text_hash, identity, title, url, source, text)
                VALUES ((SELECT IFNULL(MAX(seq), 0) + 1 FROM articles), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq
                """, [.text(id), .text(publishedAt), .integer(receivedAt), .integer(version),
                      ArticleRow.hexValue(hash, bytes: 32), .blob(identity), .optionalText(article.title),
                      .optionalText(article.url), .optionalText(article.source), .text(article.text)]) { $0.int64(0) }.first ?? 0
        } catch StoreError.sqlite(let code, let message) where code == uniqueViolation {
            // Stored meanwhile (the unique index is the duplicate check): answer with that one.
            if let existing = try find(article, hash: hash, in: db) { return (existing, false, [:]) }
            throw StoreError.sqlite(code: code, message: message)
        }
        let (ids, changes) = try LedgerWrite.write(extraction, seq: seq, articleID: id, publishedAt: article.publishedAt,
                                                   text: article.text, queueLinks: true, batch: batch, in: db)
        try writeTag(digest, entities: extraction.entities, archiveIDs: ids, articleID: id, in: db)
        batch.merge(changes)  // last: an article whose write failed changes no count
        let stored = StoredArticle(id: id, title: article.title, url: article.url, source: article.source,
                                   publishedAt: article.publishedAt,
                                   receivedAt: Timestamp.date(milliseconds: receivedAt),
                                   textHash: hash, extractorVersion: extraction.extractorVersion, text: article.text)
        return (stored, true, ids)
    }

    /// SQLITE_CONSTRAINT_UNIQUE.
    static let uniqueViolation: Int32 = 2067

    /// The `extractor_versions` reference of a version name, added the first time it is seen.
    static func extractorRef(_ version: String, in db: SQLiteConnection) throws -> Int64 {
        if let ref = try db.query("SELECT ref FROM extractor_versions WHERE version = ?", [.text(version)], { $0.int64(0) }).first {
            return ref
        }
        return try db.query("INSERT INTO extractor_versions (version) VALUES (?) RETURNING ref", [.text(version)]) { $0.int64(0) }.first ?? 0
    }

    /// SHA-256 of the UTF-8 text in lower-case hex: what `StoredArticle.textHash` holds.
    /// Replaces everything extracted from a stored article (after the extractor improved),
    /// in one transaction, keeping archive counts and figure totals exact. False when there
    /// is no such article.
    public func replaceExtraction(articleID: String, with extraction: Extraction) throws -> Bool {
        let digest = renderDigest(extraction.entities)
        return try write { db in try Self.replaceRows(articleID: articleID, extraction: extraction, digest: digest, in: db) }
    }

    /// `replaceExtraction` inside the caller's transaction (also used by `reextract`).
    static func replaceRows(articleID: String, extraction: Extraction, digest: [UInt8]?, in db: SQLiteConnection) throws -> Bool {
        guard let (seq, publishedAt) = try seq(of: articleID, in: db) else { return false }
        try LedgerWrite.remove(seq: seq, articleID: articleID, publishedAt: publishedAt, in: db)
        let text = try db.query("SELECT text FROM articles WHERE seq = ?", [.integer(seq)]) { $0.text(0) }.first ?? ""
        let ids = try LedgerWrite.writeNow(extraction, seq: seq, articleID: articleID, publishedAt: publishedAt, text: text, in: db)
        try FigureSearch.index(seq: seq, in: db)
        try writeTag(digest, entities: extraction.entities, archiveIDs: ids, articleID: articleID, in: db)
        try db.run("UPDATE articles SET extractor_ref = ? WHERE id = ?",
                   [.integer(try extractorRef(extraction.extractorVersion, in: db)), .text(articleID)])
        return true
    }

    /// The article's number in the per-article tables, and its publication date.
    static func seq(of articleID: String, in db: SQLiteConnection) throws -> (Int64, CivilDate)? {
        guard let row = try db.query("SELECT seq, published_at FROM articles WHERE id = ?", [.text(articleID)], {
            (seq: $0.int64(0), published: $0.text(1))
        }).first else { return nil }
        return (row.seq, try CivilDate.stored(row.published))
    }

    /// Ids of the articles extracted by any other extractor version than the given one, oldest first.
    public func articleIDs(notExtractedBy version: String) throws -> [String] {
        try read { db in
            try db.query("SELECT id FROM articles WHERE extractor_ref IS NOT \(ArticleRow.extractorRef) ORDER BY received_at, id",
                         [.text(version)]) { $0.text(0) }
        }
    }

    /// The stored article with this text and metadata, if there is one: lets a re-post
    /// skip extraction altogether.
    public func existing(_ article: NewArticle, textHash: String?) throws -> StoredArticle? {
        let hash = textHash ?? StoredDigest.textHash(of: article.text)
        return try read { db in try Self.find(article, hash: hash, in: db) }
    }

    /// Through the identity index; the fields themselves are compared too, so two
    /// identities that happened to collide are never taken for the same article.
    private static func find(_ article: NewArticle, hash: String, in db: SQLiteConnection) throws -> StoredArticle? {
        let publishedAt = article.publishedAt.description
        let identity = ArticleRow.identity(hash: hash, title: article.title, url: article.url,
                                           source: article.source, publishedAt: publishedAt)
        return try db.query(Self.articleByIdentity, [.blob(identity)], Self.storedArticle).first {
            $0.textHash == hash && ($0.title ?? "") == (article.title ?? "") && ($0.url ?? "") == (article.url ?? "")
                && ($0.source ?? "") == (article.source ?? "") && $0.publishedAt == article.publishedAt
        }
    }

    public func article(id: String) throws -> StoredArticle? {
        try read { db in
            try db.query(Self.articleByID, [.text(id)], Self.storedArticle).first
        }
    }

    /// Removes the article and everything extracted from it, taking it out of every count.
    /// False when there was no such article.
    public func deleteArticle(id: String) throws -> Bool {
        let deleted = try write { db in
            guard let (seq, publishedAt) = try Self.seq(of: id, in: db) else { return false }
            try LedgerWrite.remove(seq: seq, articleID: id, publishedAt: publishedAt, in: db)
            try db.run("DELETE FROM articles WHERE id = ?", [.text(id)])
            return db.changes > 0
        }
        if deleted { countChanged(by: -1) }
        return deleted
    }

    /// Articles newest first: published_at, then received_at, then id, all descending.
    public func articles(_ query: ArticleListQuery) throws -> Page<StoredArticle> {
        var filter = WhereClause()
        if let cursor = query.cursor {
            let fields = try Cursor.decode(cursor, kind: "articles", count: 3)
            guard let received = Timestamp.parse(fields[1]) else { throw StoreError.invalidCursor }
            filter.add("(a.published_at, a.received_at, a.id) < (?, ?, ?)",
                       [.text(fields[0]), .integer(Timestamp.milliseconds(received)), .text(fields[2])])
        }
        let limit = max(1, query.limit)
        let columns = query.includeText ? Self.articleColumns : Self.metadataColumns + ", ''"
        let rows = try read(indexed: query.entity != nil) { db in
            try Self.addArticleFilters(to: &filter, since: query.since, until: query.until,
                                       entity: query.entity, type: query.type, in: db)
            let sql = """
                SELECT \(columns), a.received_at FROM articles a
                \(filter.sql)
                ORDER BY a.published_at DESC, a.received_at DESC, a.id DESC LIMIT ?
                """
            return try db.query(sql, filter.values + [.int(limit + 1)]) { row in
                (article: try Self.storedArticle(row), receivedAt: Timestamp.format(milliseconds: row.int64(9)))
            }
        }
        let page = rows.prefix(limit)
        let next = rows.count > limit ? page.last.map {
            Cursor.encode(kind: "articles", [$0.article.publishedAt.description, $0.receivedAt, $0.article.id])
        } : nil
        return Page(items: page.map(\.article), nextCursor: next)
    }

    static func storedArticle(_ row: SQLiteRow) throws -> StoredArticle {
        StoredArticle(id: row.text(0), title: row.optionalText(1), url: row.optionalText(2), source: row.optionalText(3),
                      publishedAt: try CivilDate.stored(row.text(4)), receivedAt: Timestamp.date(milliseconds: row.int64(5)),
                      textHash: row.text(6), extractorVersion: row.text(7), text: row.text(8))
    }

    /// `art_` and 16 random hex digits: opaque, unguessable enough, and short in URLs.
    public static func newArticleID() -> String {
        var generator = SystemRandomNumberGenerator()
        let hex = String(generator.next() as UInt64, radix: 16)
        return "art_" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// A user's `entity` filter as archive entities: an archive id (`ent_…`), or a name whose
/// key (or the text as given: money and date keys such as `276000000 EUR` are not name
/// keys) is an archive entity's; a surname alone also finds the person it joins.
extension SQLiteArticleStore {
    /// The filters the article listing and the search share: the publication dates, and
    /// an entity (through its archive refs) or, without one, a type some entity of the
    /// article has.
    static func addArticleFilters(to filter: inout WhereClause, since: CivilDate?, until: CivilDate?,
                                  entity: String?, type: EntityType?, in db: SQLiteConnection) throws {
        filter.add("a.published_at >= ?", since) { .text($0.description) }
        filter.add("a.published_at <= ?", until) { .text($0.description) }
        if let entity {
            let refs = try EntityMatch.refs(entity, type: type, in: db)
            filter.add("a.seq IN (SELECT e.article_seq FROM article_entities e WHERE e.ref IN \(EntityMatch.list(refs)))", [])
        } else {
            filter.add("EXISTS (SELECT 1 FROM article_entity_sets s WHERE s.article_seq = a.seq AND s.types & ? <> 0)", type) {
                .int(EntitySetPacking.typeBit($0))
            }
        }
    }
}

enum EntityMatch {
    static func refs(_ entity: String, type: EntityType?, in db: SQLiteConnection) throws -> [Int64] {
        var typeCondition = ""
        var typeValue: [SQLiteValue] = []
        if let type {
            typeCondition = " AND type = ?"
            typeValue = [.text(type.rawValue)]
        }
        if entity.hasPrefix("ent_") {
            return try db.query("SELECT ref FROM archive_entities WHERE id = ?\(typeCondition)", [.text(entity)] + typeValue) { $0.int64(0) }
        }
        let key = EntityKeys.nameKey(entity)
        // Ids are hashes of type and key: the (type, key) lookup goes through the id index.
        let ids = (type.map { [$0] } ?? EntityType.allCases).flatMap { t in
            [key, entity].map { SQLiteValue.text(ArchiveIdentity.id(type: t, key: $0)) }
        }
        var refs = try db.query("SELECT ref FROM archive_entities WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ", ")))",
                                ids) { $0.int64(0) }
        if type == nil || type == .person, ArchiveIdentity.isSurnameOnly(type: .person, key: key) {
            let joined = try LedgerWrite.archiveTarget(type: .person, key: key, in: db)
            if joined.key != key {
                refs += try db.query("SELECT ref FROM archive_entities WHERE id = ?",
                                     [.text(ArchiveIdentity.id(type: .person, key: joined.key))]) { $0.int64(0) }
            }
        }
        return refs
    }

    /// `IN (…)` over integers (never user text), for a filter already resolved to refs.
    static func list(_ refs: [Int64]) -> String {
        "(" + refs.map(String.init).joined(separator: ", ") + ")"
    }
}
