import EntityExtraction

/// Turns one entity, as the store returns it (mentions sorted by offset, each span once),
/// and its archive id (`ent_…`, nil for money and dates) into the bytes of its JSON
/// object. The API gives the store its renderer, so the store keeps a tag of the bytes
/// without knowing the API's JSON shapes.
public typealias EntityRenderer = @Sendable (Entity, String?) -> [UInt8]

/// What the store holds of an article's entity JSON.
public enum RenderedEntities: Sendable, Equatable {
    /// No article with that id.
    case noArticle
    /// Stored without a renderer (or before this schema): render from `entities`.
    case notRendered
    /// The JSON objects of the entities asked for, in their stored order, and a strong tag
    /// that changes whenever any of the article's entities change.
    case rendered(tag: String, entities: [[UInt8]])
}

extension SQLiteArticleStore {
    /// Made once (a string built per call gets a new address; see `SQLAddress`).
    private static let entitiesTagByID = "SELECT \(ArticleRow.hex("entities_tag")) FROM articles WHERE id = ?"

    /// The entity JSON of an article, of one type or all, rendered from its stored rows in
    /// one read (the rows are the one copy kept: no second copy as JSON).
    public func renderedEntities(articleID: String, type: EntityType?) throws -> RenderedEntities {
        let found = try read { db -> (tag: String?, entities: [(Entity, String?)])? in
            let tags = try db.query(Self.entitiesTagByID, [.text(articleID)]) { $0.optionalText(0) }
            guard let first = tags.first else { return nil }
            guard let tag = first, entityRenderer != nil else { return (nil, []) }
            return (tag, try Self.storedEntities(articleID: articleID, type: type, in: db) ?? [])
        }
        guard let found else { return .noArticle }
        guard let tag = found.tag, let entityRenderer else { return .notRendered }
        return .rendered(tag: tag, entities: found.entities.map { entityRenderer($0.0, $0.1) })
    }

    /// Entities in the order and shape `entities(articleID:type:)` returns them: by first
    /// mention then id, mentions by offset, a span listed twice kept once.
    public static func storedOrder(_ entities: [Entity]) -> [Entity] {
        // A POST orders its entities three times (tag digest, rows, tag), and the extractor
        // mostly gives them in this order already: a check costs a fraction of the sort.
        if isInStoredOrder(entities) { return entities }
        var normalised: [(first: Int, entity: Entity)] = []
        normalised.reserveCapacity(entities.count)
        for var entity in entities {
            if !inStoredOrder(entity.mentions) {
                // Sorted by start, end and position, a span listed twice is adjacent: keep its first.
                let sorted = entity.mentions.enumerated()
                    .sorted { ($0.element.start, $0.element.end, $0.offset) < ($1.element.start, $1.element.end, $1.offset) }
                var kept: [Mention] = []
                kept.reserveCapacity(sorted.count)
                for (_, m) in sorted where kept.last.map({ $0.start != m.start || $0.end != m.end }) ?? true { kept.append(m) }
                entity.mentions = kept
            }
            normalised.append((entity.mentions.first?.start ?? 0, entity))
        }
        // SQLite compares the ids byte by byte.
        return normalised.sorted {
            $0.first != $1.first ? $0.first < $1.first : $0.entity.id.utf8.lexicographicallyPrecedes($1.entity.id.utf8)
        }.map(\.entity)
    }

    /// Whether `storedOrder` would give `entities` back as they are.
    static func isInStoredOrder(_ entities: [Entity]) -> Bool {
        var previous: (first: Int, id: String)?
        for entity in entities {
            guard inStoredOrder(entity.mentions) else { return false }
            let first = entity.mentions.first?.start ?? 0
            if let (p, id) = previous, !(p < first || (p == first && id.utf8.lexicographicallyPrecedes(entity.id.utf8))) {
                return false
            }
            previous = (first, entity.id)
        }
        return true
    }

    /// Mentions already by start then end, no span twice: what the extractor mostly gives,
    /// left as it is without a sort or a copy.
    private static func inStoredOrder(_ mentions: [Mention]) -> Bool {
        var i = 1
        while i < mentions.count {
            let a = mentions[i - 1], b = mentions[i]
            guard a.start < b.start || (a.start == b.start && a.end < b.end) else { return false }
            i += 1
        }
        return true
    }

    /// The SHA-256 of every entity rendered without archive ids, outside the write lock;
    /// nil without a renderer. With the archive ids it makes the article's tag.
    func renderDigest(_ entities: [Entity]) -> [UInt8]? {
        StoredDigest.entities(entities, renderer: entityRenderer)
    }

    public func entityRendering(_ entities: [Entity]) -> EntityRendering? {
        entityRenderer.map { EntityRendering(entities, renderer: $0) }
    }

    /// Inside the write transaction: sets the article's tag from the digest and the archive
    /// ids (or clears it, leaving the article to be rendered and tagged on demand).
    static func writeTag(_ digest: [UInt8]?, entities: [Entity], archiveIDs: [String: String],
                         articleID: String, in db: SQLiteConnection) throws {
        let tag = StoredDigest.entitiesTag(digest, entities: entities, archiveIDs: archiveIDs)
        try db.run("UPDATE articles SET entities_tag = ? WHERE id = ?",
                   [tag.map { ArticleRow.hexValue($0, bytes: 12) } ?? .null, .text(articleID)])
    }
}

/// The entity tag both stores keep in `articles.entities_tag`, computed alike so a node of
/// either kind tags the same extraction the same way.
extension StoredDigest {
    /// The SHA-256 of every entity rendered without archive ids, in stored order (computed
    /// outside any transaction); nil without a renderer.
    public static func entities(_ entities: [Entity], renderer: EntityRenderer?) -> [UInt8]? {
        guard let renderer else { return nil }
        return EntityRendering(entities, renderer: renderer).digest
    }

    /// The article's tag from `entities(_:renderer:)` and the archive ids the write gave its
    /// entities; nil (no digest) leaves the article to be rendered on demand.
    public static func entitiesTag(_ digest: [UInt8]?, entities: [Entity], archiveIDs: [String: String]) -> String? {
        guard var bytes = digest else { return nil }
        for entity in SQLiteArticleStore.storedOrder(entities) { bytes += Array((archiveIDs[entity.id] ?? "-").utf8) }
        return tag(bytes)
    }
}
