import ArticleStore
import EntityExtraction
import PostgresClient

// Re-extraction, as in the SQLite store (SQLiteArticleStore+Reextraction.swift): one article
// or a batch in one transaction, and the resumable queue in `reextract_pending`.
extension PostgresArticleStore {
    static let setVersion = PostgresStatement("article_set_version", "UPDATE articles SET extractor_version = $1 WHERE seq = $2")
    static let unqueue = PostgresStatement("reextract_unqueue", "DELETE FROM reextract_pending WHERE article_id = $1")

    /// Replaces everything extracted from a stored article in one transaction. False when
    /// there is no such article.
    public func replaceExtraction(articleID: String, with extraction: Extraction) throws -> Bool {
        let digest = StoredDigest.entities(extraction.entities, renderer: entityRenderer)
        return try write { c in try Self.replaceRows(articleID: articleID, extraction: extraction, digest: digest, readOld: false, in: c) != nil }
    }

    /// `replaceExtraction` inside the caller's transaction, the article's row locked; answers
    /// the entities stored before (type and key; none unless `readOld`), nil when there is no such article.
    static func replaceRows(articleID: String, extraction: Extraction, digest: [UInt8]?, readOld: Bool,
                            in c: PostgresConnection) throws -> [(type: String, key: String)]? {
        guard let (seq, publishedAt) = try lockedSeq(of: articleID, in: c) else { return nil }
        let old = !readOld ? [] : try PostgresLedgerWrite.storedEntities(seq: seq, type: nil, in: c)
            .map { (type: $0.entity.type.rawValue, key: $0.entity.key) }
        try PostgresLedgerWrite.remove(seq: seq, articleID: articleID, publishedAt: publishedAt, in: c)
        let ids = try writeLedger(extraction, seq: seq, articleID: articleID, publishedAt: publishedAt, in: c)
        try c.query(setTag, [StoredDigest.entitiesTag(digest, entities: extraction.entities, archiveIDs: ids), seq])
        try c.query(setVersion, [extraction.extractorVersion, seq])
        return old
    }

    /// Ids of the articles extracted by any other extractor version, oldest first.
    public func articleIDs(notExtractedBy version: String) throws -> [String] {
        try single { c in
            try c.query("SELECT id FROM articles WHERE extractor_version <> $1 ORDER BY received_at, id", [version])
                .compactMap { try $0.string(0) }
        }
    }

    /// Re-extracts one article in one transaction and says what changed; nil when there
    /// is no such article.
    public func reextract(articleID: String, with extraction: Extraction) throws -> ExtractionChanges? {
        try reextract([(articleID, extraction)]).first ?? nil
    }

    /// Stores new extractions for several articles and takes them off the queue, all in one
    /// transaction. One result per item: nil for an article deleted meanwhile.
    public func reextract(_ items: [(articleID: String, extraction: Extraction)]) throws -> [ExtractionChanges?] {
        let digests = items.map { StoredDigest.entities($0.extraction.entities, renderer: entityRenderer) }
        return try write { c in
            try zip(items, digests).map { item, digest -> ExtractionChanges? in
                let old = try Self.replaceRows(articleID: item.articleID, extraction: item.extraction, digest: digest,
                                               readOld: true, in: c)
                try c.query(Self.unqueue, [item.articleID])
                return old.map { ExtractionChanges.between(old: $0, new: item.extraction.entities) }
            }
        }
    }

    /// Queues the articles not extracted by `version` (every article when nil), unless the
    /// queue still holds an interrupted run's articles. The queue is locked for the
    /// transaction, so two runs started at once on two machines do not both fill it.
    public func queueReextraction(notExtractedBy version: String?) throws -> (queued: Int, resumed: Bool) {
        try write { c in
            try c.execute("LOCK TABLE reextract_pending IN EXCLUSIVE MODE")
            let left = try c.query("SELECT COUNT(*) FROM reextract_pending").first?.int(0) ?? 0
            if left > 0 { return (left, true) }
            let inserted = try c.query("""
                INSERT INTO reextract_pending (article_id) SELECT id FROM articles WHERE $1::text IS NULL OR extractor_version <> $1
                """, [version])
            return (inserted.affectedRows, false)
        }
    }

    /// Up to `limit` queued article ids, in id order.
    public func queuedForReextraction(limit: Int) throws -> [String] {
        try single { c in
            try c.query("SELECT article_id FROM reextract_pending ORDER BY article_id LIMIT $1", [max(1, limit)])
                .compactMap { try $0.string(0) }
        }
    }
}
