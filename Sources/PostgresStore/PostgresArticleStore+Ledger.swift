import ArticleStore
import EntityExtraction
import PostgresClient

// The figures ledger: an article's entities, figures, their summary, archive entities.
extension PostgresArticleStore {
    public func entities(articleID: String, type: EntityType?) throws -> [Entity]? { throw StoreError.unavailable("not built yet") }
    public func entitiesWithArchiveIDs(articleID: String, type: EntityType?) throws -> [(entity: Entity, archiveID: String?)]? {
        throw StoreError.unavailable("not built yet")
    }
    public func renderedEntities(articleID: String, type: EntityType?) throws -> RenderedEntities { throw StoreError.unavailable("not built yet") }
    public func archiveIDs(for entities: [Entity]) throws -> [String: String] { throw StoreError.unavailable("not built yet") }
    public func figures(_ query: FigureQuery) throws -> Page<FigureRecord> { throw StoreError.unavailable("not built yet") }
    public func figureSummary(groupBy: FigureGrouping, filter: FigureQuery, limit: Int,
                              cursor: String?) throws -> Page<FigureSummaryRow> { throw StoreError.unavailable("not built yet") }
    public func entitySummaries(type: EntityType?, query: String?, sort: EntitySort,
                                limit: Int, cursor: String?) throws -> Page<EntitySummary> { throw StoreError.unavailable("not built yet") }
    public func entityDetail(id: String, recent: Int) throws -> EntityDetail? { throw StoreError.unavailable("not built yet") }
    public func entityArticles(id: String, limit: Int, cursor: String?) throws -> Page<StoredArticle>? { throw StoreError.unavailable("not built yet") }
    public func hasEntity(id: String) throws -> Bool { throw StoreError.unavailable("not built yet") }
}

/// Writes and removes one article's ledger rows inside the caller's transaction (the
/// PostgreSQL twin of the SQLite store's `LedgerWrite`), keeping archive counts, names
/// seen and figure totals exact. Called by the article writes.
enum PostgresLedgerWrite {
    /// Stores the extraction of article `seq`; returns the archive id of each name entity,
    /// by the entity's id within the article.
    static func write(_ extraction: Extraction, seq: Int64, articleID: String, publishedAt: CivilDate,
                      in c: PostgresConnection) throws -> [String: String] {
        throw StoreError.unavailable("not built yet")
    }

    /// The entities of article `seq` as `SQLiteArticleStore.entitiesWithArchiveIDs` returns
    /// them (stored order, mentions by offset), read inside the caller's transaction (for
    /// re-extraction's before-and-after counts).
    static func storedEntities(seq: Int64, type: EntityType?, in c: PostgresConnection) throws -> [(entity: Entity, archiveID: String?)] {
        throw StoreError.unavailable("not built yet")
    }

    /// Removes article `seq`'s ledger rows (before its deletion or re-extraction).
    static func remove(seq: Int64, articleID: String, publishedAt: CivilDate, in c: PostgresConnection) throws {
        throw StoreError.unavailable("not built yet")
    }
}
