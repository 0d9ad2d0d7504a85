import EntityExtraction

/// What the API needs of a store of articles, their entities and the figures ledger. Two
/// implementations: `SQLiteArticleStore` (one file, the embedded default) and the
/// PostgreSQL store (many stateless nodes over one database). Every call is synchronous and
/// may block on the database: the API calls it from its worker pool, never from an I/O loop.
///
/// The contract both keep: a write returns only after its commit; storing a text already
/// stored answers the stored article with `created == false` (decided by a unique
/// constraint, not a read-then-write race); delete and re-extraction are atomic; a cursor
/// one instance gives out is understood by any other instance over the same database.
/// A database that does not answer throws `StoreError.unavailable`, never hangs.
public protocol ArticleStorage: AnyObject, Sendable {
    // MARK: health
    /// Articles stored, from memory (no query): what `/healthz` reports. May lag behind
    /// writes made through another node.
    var storedArticleCount: Int { get }
    /// Articles stored, counted by a query.
    func articleCount() throws -> Int
    /// Throws unless the database answers a trivial query now.
    func checkDatabase() throws
    /// A number that changes whenever any commit changes the data (from any connection or
    /// node), read without a query; nil when the store cannot tell cheaply, and then
    /// nothing read from it may be cached.
    func dataVersion() -> Int64?
    /// Closes every connection; later calls throw `StoreError.closed`.
    func close()

    // MARK: articles
    /// Stores an article and its extraction in one transaction (see `SQLiteArticleStore.store`);
    /// `archiveIDs` maps each name entity's id within the article to its `ent_…` id.
    /// `rendering` is `entityRendering` of the extraction's entities when the caller made it
    /// (nil: the store renders them itself).
    func store(_ article: NewArticle, extraction: Extraction, textHash: String?,
               rendering: EntityRendering?) throws -> StoreResult
    /// `store`, answering through `completion`, called exactly once on any thread: a store
    /// whose writes wait for a shared commit frees the caller's thread meanwhile.
    /// `announcement` is what `announceWrite` gave for this write, if anything.
    func store(_ article: NewArticle, extraction: Extraction, textHash: String?, rendering: EntityRendering?,
               announcement: WriteAnnouncement?, completion: @escaping @Sendable (Result<StoreResult, any Error>) -> Void)
    /// Says a `store` is coming (its article is being extracted), for a store that commits
    /// writes together; nil from a store that does not. Hand it to `store` with the write.
    func announceWrite() -> WriteAnnouncement?
    /// The entities rendered as `store` tags them; nil when the store keeps no renderings.
    func entityRendering(_ entities: [Entity]) -> EntityRendering?
    /// Many articles, each with its own result; a failure of one does not undo the others.
    func insertMany(_ items: [BatchArticle]) throws -> [Result<(article: StoredArticle, created: Bool), any Error>]
    /// The stored article with the same text, if any.
    func existing(_ article: NewArticle, textHash: String?) throws -> StoredArticle?
    func article(id: String) throws -> StoredArticle?
    /// False when there is no such article.
    func deleteArticle(id: String) throws -> Bool
    func articles(_ query: ArticleListQuery) throws -> Page<StoredArticle>
    /// Full-text search, ranked, with a snippet per hit.
    func search(_ query: ArticleSearchQuery) throws -> Page<ArticleHit>

    // MARK: re-extraction
    /// False when there is no such article.
    func replaceExtraction(articleID: String, with extraction: Extraction) throws -> Bool
    func articleIDs(notExtractedBy version: String) throws -> [String]
    /// What changed; nil when there is no such article.
    func reextract(articleID: String, with extraction: Extraction) throws -> ExtractionChanges?
    func reextract(_ items: [(articleID: String, extraction: Extraction)]) throws -> [ExtractionChanges?]
    /// Queues every article not extracted by `version` (all, when nil), or resumes the queue
    /// an interrupted run left.
    func queueReextraction(notExtractedBy version: String?) throws -> (queued: Int, resumed: Bool)
    func queuedForReextraction(limit: Int) throws -> [String]

    // MARK: an article's entities
    /// Nil when there is no such article.
    func entities(articleID: String, type: EntityType?) throws -> [Entity]?
    func entitiesWithArchiveIDs(articleID: String, type: EntityType?) throws -> [(entity: Entity, archiveID: String?)]?
    /// The archive id each name entity of `entities` has or would have.
    func archiveIDs(for entities: [Entity]) throws -> [String: String]
    func renderedEntities(articleID: String, type: EntityType?) throws -> RenderedEntities

    // MARK: the ledger
    func figures(_ query: FigureQuery) throws -> Page<FigureRecord>
    func figureSummary(groupBy: FigureGrouping, filter: FigureQuery, limit: Int,
                       cursor: String?) throws -> Page<FigureSummaryRow>
    func entitySummaries(type: EntityType?, query: String?, sort: EntitySort,
                         limit: Int, cursor: String?) throws -> Page<EntitySummary>
    func entityDetail(id: String, recent: Int) throws -> EntityDetail?
    func entityArticles(id: String, limit: Int, cursor: String?) throws -> Page<StoredArticle>?
    func hasEntity(id: String) throws -> Bool
}

/// What `store` answers: the article stored (or the same one found already stored), and
/// the `ent_…` id of each name entity by its id within the article (empty when found).
public typealias StoreResult = (article: StoredArticle, created: Bool, archiveIDs: [String: String])

extension ArticleStorage {
    /// The synchronous `store`, answered at once: for a store whose writes hold the
    /// caller's thread anyway.
    public func store(_ article: NewArticle, extraction: Extraction, textHash: String?, rendering: EntityRendering?,
                      announcement: WriteAnnouncement?,
                      completion: @escaping @Sendable (Result<StoreResult, any Error>) -> Void) {
        completion(Result { try store(article, extraction: extraction, textHash: textHash, rendering: rendering) })
    }

    public func announceWrite() -> WriteAnnouncement? { nil }

    public func store(_ article: NewArticle, extraction: Extraction) throws
        -> (article: StoredArticle, created: Bool, archiveIDs: [String: String]) {
        try store(article, extraction: extraction, textHash: nil)
    }

    public func store(_ article: NewArticle, extraction: Extraction,
                      textHash: String?) throws -> (article: StoredArticle, created: Bool, archiveIDs: [String: String]) {
        try store(article, extraction: extraction, textHash: textHash, rendering: nil)
    }

    /// `store` without the archive ids.
    public func insert(_ article: NewArticle, extraction: Extraction,
                       textHash: String? = nil) throws -> (article: StoredArticle, created: Bool) {
        let stored = try store(article, extraction: extraction, textHash: textHash)
        return (stored.article, stored.created)
    }

    public func existing(_ article: NewArticle) throws -> StoredArticle? { try existing(article, textHash: nil) }

    public func figureSummary(groupBy: FigureGrouping, filter: FigureQuery) throws -> Page<FigureSummaryRow> {
        try figureSummary(groupBy: groupBy, filter: filter, limit: 500, cursor: nil)
    }

    public func entitySummaries(type: EntityType?, query: String?, limit: Int,
                                cursor: String?) throws -> Page<EntitySummary> {
        try entitySummaries(type: type, query: query, sort: .articles, limit: limit, cursor: cursor)
    }

    public func entityDetail(id: String) throws -> EntityDetail? { try entityDetail(id: id, recent: 5) }
}

/// The digests both stores keep, so an article hashed by one node matches on another.
public enum StoredDigest {
    /// The SHA-256 of the text, in hex: how a text already stored is recognised.
    public static func textHash(of text: String) -> String { SHA256.hex(text) }

    /// 24 hex digits of the bytes' SHA-256: enough to tell renderings apart.
    public static func tag(_ bytes: [UInt8]) -> String {
        SHA256.digest(bytes).prefix(12).map { byte -> String in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
