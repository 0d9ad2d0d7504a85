import EntityExtraction
import Foundation

/// What re-extraction changed: entities (compared by type and key) that one extraction
/// has and the other had not, counted per type.
public struct ExtractionChanges: Sendable, Hashable {
    public var added: [EntityType: Int] = [:]
    public var removed: [EntityType: Int] = [:]

    public init(added: [EntityType: Int] = [:], removed: [EntityType: Int] = [:]) {
        self.added = added
        self.removed = removed
    }

    public var isEmpty: Bool { added.values.allSatisfy { $0 == 0 } && removed.values.allSatisfy { $0 == 0 } }

    public mutating func add(_ other: ExtractionChanges) {
        added.merge(other.added, uniquingKeysWith: +)
        removed.merge(other.removed, uniquingKeysWith: +)
    }

    /// Compares the stored entities' type and key pairs with the new extraction's.
    public static func between(old: [(type: String, key: String)], new: [Entity]) -> ExtractionChanges {
        let before = Set(old.compactMap { row in EntityType(rawValue: row.type).map { EntityRef(type: $0, key: row.key) } })
        let after = Set(new.map { EntityRef(type: $0.type, key: $0.key) })
        var changes = ExtractionChanges()
        for ref in after.subtracting(before) { changes.added[ref.type, default: 0] += 1 }
        for ref in before.subtracting(after) { changes.removed[ref.type, default: 0] += 1 }
        return changes
    }

    private struct EntityRef: Hashable {
        let type: EntityType
        let key: String
    }
}

/// Re-extraction over the archive as a queue kept in the database (`reextract_pending`):
/// a run queues its articles once, then takes them in batches, and each batch leaves the
/// queue in the transaction that stores its new extractions. A run that is killed leaves
/// the rest queued, and the next run finishes them before queueing anything new.
extension SQLiteArticleStore {
    /// Re-extracts one article in one transaction and says what changed; nil when there
    /// is no such article.
    public func reextract(articleID: String, with extraction: Extraction) throws -> ExtractionChanges? {
        try reextract([(articleID, extraction)]).first ?? nil
    }

    /// Queues the articles not extracted by `version` (every article when nil), unless
    /// the queue still holds an interrupted run's articles: then it is left as it is.
    /// Returns how many articles are queued and whether they were left by an earlier run.
    public func queueReextraction(notExtractedBy version: String?) throws -> (queued: Int, resumed: Bool) {
        try write { db in
            let left = try db.query("SELECT COUNT(*) FROM reextract_pending") { $0.int(0) }.first ?? 0
            if left > 0 { return (left, true) }
            if let version {
                try db.run("INSERT INTO reextract_pending (article_id) SELECT id FROM articles WHERE extractor_ref IS NOT \(ArticleRow.extractorRef)",
                           [.text(version)])
            } else {
                try db.run("INSERT INTO reextract_pending (article_id) SELECT id FROM articles")
            }
            return (db.changes, false)
        }
    }

    /// Up to `limit` queued article ids, in id order.
    public func queuedForReextraction(limit: Int) throws -> [String] {
        try read { db in
            try db.query("SELECT article_id FROM reextract_pending ORDER BY article_id LIMIT ?", [.int(max(1, limit))]) { $0.text(0) }
        }
    }

    /// Stores new extractions for several articles and takes them off the queue, all in
    /// one transaction. One result per item: nil for an article deleted meanwhile.
    public func reextract(_ items: [(articleID: String, extraction: Extraction)]) throws -> [ExtractionChanges?] {
        let prepared = items.map { item in
            (item, renderDigest(item.extraction.entities))
        }
        return try write { db in
            try prepared.map { item, digest -> ExtractionChanges? in
                // An entity is its type and key: the article's own key where it differs
                // from its archive entity's (after a surname join), else the archive's.
                let old = try Self.seq(of: item.articleID, in: db).map { seq, _ in
                    try LedgerWrite.rows(seq: seq, in: db).map { (type: $0.row.type.rawValue, key: $0.row.key) }
                } ?? []
                let replaced = try Self.replaceRows(articleID: item.articleID, extraction: item.extraction,
                                                    digest: digest, in: db)
                try db.run("DELETE FROM reextract_pending WHERE article_id = ?", [.text(item.articleID)])
                return replaced ? ExtractionChanges.between(old: old, new: item.extraction.entities) : nil
            }
        }
    }
}
