import EntityExtraction
import Foundation

/// One article of a bulk import, extracted and hashed before the write lock is taken.
public struct BatchArticle: Sendable {
    public var article: NewArticle
    public var extraction: Extraction
    /// `StoredDigest.textHash(of:)` of the text.
    public var textHash: String

    public init(article: NewArticle, extraction: Extraction, textHash: String) {
        self.article = article
        self.extraction = extraction
        self.textHash = textHash
    }
}

extension SQLiteArticleStore {
    /// Stores many articles in one transaction, each in its own savepoint: one that fails
    /// leaves the others stored. Deduplicates exactly as `insert` does, also between two
    /// equal articles of the same batch (the second answers the first, `created: false`).
    /// The results are in the order of `items`.
    public func insertMany(_ items: [BatchArticle]) throws -> [Result<(article: StoredArticle, created: Bool), any Error>] {
        guard !items.isEmpty else { return [] }
        let prepared = items.map { item in
            (item, renderDigest(item.extraction.entities))
        }
        let results = try writeArticles { db in
            try prepared.map { item, digest -> Result<(article: StoredArticle, created: Bool), any Error> in
                try db.run("SAVEPOINT article")
                do {
                    let row = try Self.insertRow(item.article, extraction: item.extraction, hash: item.textHash,
                                                 digest: digest, batch: ledgerBatch, in: db)
                    let stored = (article: row.article, created: row.created)
                    try db.run("RELEASE article")
                    return .success(stored)
                } catch {
                    try db.run("ROLLBACK TO article")
                    try db.run("RELEASE article")
                    return .failure(error)
                }
            }
        }
        let created = results.reduce(0) { n, r in n + ((try? r.get().created) == true ? 1 : 0) }
        if created > 0 { countChanged(by: created) }
        return results
    }
}
