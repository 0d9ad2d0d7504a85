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
    /// Stores many articles in one transaction (see `WriteBatch`): one that fails leaves
    /// the others stored. Deduplicates exactly as `insert` does, also between two equal
    /// articles of the same batch (the second answers the first, `created: false`).
    /// The results are in the order of `items`.
    public func insertMany(_ items: [BatchArticle]) throws -> [Result<(article: StoredArticle, created: Bool), any Error>] {
        guard !items.isEmpty else { return [] }
        let digests = items.map { renderDigest($0.extraction.entities) }
        let results = try WriteBatch.run(items.count, transaction: { batch in try writeArticles(batch) }) { index, db in
            let row = try Self.insertRow(items[index].article, extraction: items[index].extraction, hash: items[index].textHash,
                                         digest: digests[index], batch: ledgerBatch, in: db)
            return (article: row.article, created: row.created)
        }
        let created = results.reduce(0) { n, r in n + ((try? r.get().created) == true ? 1 : 0) }
        if created > 0 { countChanged(by: created) }
        return results
    }
}
