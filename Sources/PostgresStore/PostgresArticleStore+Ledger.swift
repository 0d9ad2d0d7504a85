import ArticleStore
import EntityExtraction
import PostgresClient

// An article's entities and the archive ids of entities not stored, from the ledger's rows.
extension PostgresArticleStore {
    public func entities(articleID: String, type: EntityType?) throws -> [Entity]? {
        try entitiesWithArchiveIDs(articleID: articleID, type: type)?.map(\.entity)
    }

    /// The article's entities in the order of their first mention, mentions by offset, each
    /// person, organisation and place with its archive id; nil when there is no such article.
    public func entitiesWithArchiveIDs(articleID: String, type: EntityType?) throws -> [(entity: Entity, archiveID: String?)]? {
        try read { c in
            guard let seq = try c.query("SELECT seq FROM articles WHERE id = $1", [articleID]).first.map({ try $0.int64(0) }) else {
                return nil
            }
            return try PostgresLedgerWrite.storedEntities(seq: seq, type: type, in: c)
        }
    }

    /// The entity JSON of an article rendered from its rows, with the tag its write set.
    public func renderedEntities(articleID: String, type: EntityType?) throws -> RenderedEntities {
        let found = try read { c -> (tag: String?, entities: [(entity: Entity, archiveID: String?)])? in
            guard let row = try c.query("SELECT seq, entities_tag FROM articles WHERE id = $1", [articleID]).first else { return nil }
            guard let tag = try row.string(1), entityRenderer != nil else { return (nil, []) }
            return (tag, try PostgresLedgerWrite.storedEntities(seq: try row.int64(0), type: type, in: c))
        }
        guard let found else { return .noArticle }
        guard let tag = found.tag, let entityRenderer else { return .notRendered }
        return .rendered(tag: tag, entities: found.entities.map { entityRenderer($0.entity, $0.archiveID) })
    }

    /// Archive ids for entities not stored (`/v1/extract`): each as a new article would get it.
    public func archiveIDs(for entities: [Entity]) throws -> [String: String] {
        try read { c in
            try Dictionary(entities.filter { ArchiveIdentity.hasNames($0.type) }.map { e in
                let joined = try PostgresLedgerWrite.archiveTarget(type: e.type, key: e.key, in: c)
                return (e.id, ArchiveIdentity.id(type: joined.type, key: joined.key))
            }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// True when the archive has an entity with this `ent_` id.
    public func hasEntity(id: String) throws -> Bool {
        try read { c in try !c.query("SELECT 1 FROM archive_entities WHERE id = $1", [id]).isEmpty }
    }
}
