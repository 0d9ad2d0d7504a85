import ArticleStore
import EntityExtraction
import PostgresClient

// Articles: store, find, list, search, delete, re-extract.
extension PostgresArticleStore {
    public func store(_ article: NewArticle, extraction: Extraction,
                      textHash: String?) throws -> (article: StoredArticle, created: Bool, archiveIDs: [String: String]) {
        throw StoreError.unavailable("not built yet")
    }
    public func insertMany(_ items: [BatchArticle]) throws -> [Result<(article: StoredArticle, created: Bool), any Error>] {
        throw StoreError.unavailable("not built yet")
    }
    public func existing(_ article: NewArticle, textHash: String?) throws -> StoredArticle? { throw StoreError.unavailable("not built yet") }
    public func article(id: String) throws -> StoredArticle? { throw StoreError.unavailable("not built yet") }
    public func deleteArticle(id: String) throws -> Bool { throw StoreError.unavailable("not built yet") }
    public func articles(_ query: ArticleListQuery) throws -> Page<StoredArticle> { throw StoreError.unavailable("not built yet") }
    public func search(_ query: ArticleSearchQuery) throws -> Page<ArticleHit> { throw StoreError.unavailable("not built yet") }
    public func replaceExtraction(articleID: String, with extraction: Extraction) throws -> Bool { throw StoreError.unavailable("not built yet") }
    public func articleIDs(notExtractedBy version: String) throws -> [String] { throw StoreError.unavailable("not built yet") }
    public func reextract(articleID: String, with extraction: Extraction) throws -> ExtractionChanges? { throw StoreError.unavailable("not built yet") }
    public func reextract(_ items: [(articleID: String, extraction: Extraction)]) throws -> [ExtractionChanges?] { throw StoreError.unavailable("not built yet") }
    public func queueReextraction(notExtractedBy version: String?) throws -> (queued: Int, resumed: Bool) { throw StoreError.unavailable("not built yet") }
    public func queuedForReextraction(limit: Int) throws -> [String] { throw StoreError.unavailable("not built yet") }
}
