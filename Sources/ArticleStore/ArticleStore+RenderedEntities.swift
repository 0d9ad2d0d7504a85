import EntityExtraction

/// Turns one entity, as the store returns it (mentions sorted by offset, each span once),
/// into the bytes of its JSON object. The API gives the store its renderer, so the store
/// keeps bytes without knowing the API's JSON shapes.
public typealias EntityRenderer = @Sendable (Entity) -> [UInt8]

/// What the store holds of an article's entity JSON.
public enum RenderedEntities: Sendable, Equatable {
    /// No article with that id.
    case noArticle
    /// Stored without a renderer (or before renderings were kept): render from `entities`.
    case notRendered
    /// The JSON objects of the entities asked for, in their stored order, and a strong tag
    /// that changes whenever any of the article's entities change.
    case rendered(tag: String, entities: [[UInt8]])
}

extension ArticleStore {
    /// The rendered entity JSON of an article, of one type or all, in one read.
    public func renderedEntities(articleID: String, type: EntityType?) throws -> RenderedEntities {
        try read { db in
            let tags = try db.query("SELECT entities_tag FROM articles WHERE id = ?", [.text(articleID)]) { $0.optionalText(0) }
            guard let first = tags.first else { return .noArticle }
            guard let tag = first else { return .notRendered }
            let parts: [[UInt8]]
            if let type {
                parts = try db.query("SELECT json FROM entity_json WHERE article_id = ? AND type = ? ORDER BY position",
                                     [.text(articleID), .text(type.rawValue)]) { $0.bytes(0) }
            } else {
                parts = try db.query("SELECT json FROM entity_json WHERE article_id = ? ORDER BY position",
                                     [.text(articleID)]) { $0.bytes(0) }
            }
            return .rendered(tag: tag, entities: parts)
        }
    }

    /// Entities in the order and shape `entities(articleID:type:)` returns them: by first
    /// mention then id, mentions by offset, a span listed twice kept once.
    static func storedOrder(_ entities: [Entity]) -> [Entity] {
        let normalised = entities.map { entity -> (first: Int, entity: Entity) in
            var entity = entity
            // Sorted, so a span listed twice is next to itself: no set of spans needed.
            var last: (start: Int, end: Int)?
            entity.mentions = entity.mentions.enumerated()
                .sorted { ($0.element.start, $0.element.end, $0.offset) < ($1.element.start, $1.element.end, $1.offset) }
                .map(\.element)
                .filter { m in
                    defer { last = (m.start, m.end) }
                    return last.map { $0 != (m.start, m.end) } ?? true
                }
            return (entity.mentions.first?.start ?? 0, entity)
        }
        // SQLite compares the ids byte by byte.
        return normalised.sorted {
            $0.first != $1.first ? $0.first < $1.first : $0.entity.id.utf8.lexicographicallyPrecedes($1.entity.id.utf8)
        }.map(\.entity)
    }

    /// Renders every entity once, outside the write lock; nil without a renderer.
    func render(_ entities: [Entity]) -> (tag: String, parts: [(type: EntityType, json: [UInt8])])? {
        guard let entityRenderer else { return nil }
        let parts = Self.storedOrder(entities).map { (type: $0.type, json: entityRenderer($0)) }
        var all: [UInt8] = []
        for part in parts {
            all += part.json
            all.append(0x0A)
        }
        return (Self.tag(all), parts)
    }

    /// 24 hex digits of the bytes' SHA-256: enough to tell renderings apart.
    public static func tag(_ bytes: [UInt8]) -> String {
        SHA256.digest(bytes).prefix(12).map { byte -> String in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }

    /// Inside the write transaction: replaces the article's rendered entities (or clears
    /// them, leaving the article to be rendered on demand).
    static func writeRendered(_ rendered: (tag: String, parts: [(type: EntityType, json: [UInt8])])?,
                              articleID: String, in db: SQLiteConnection) throws {
        try db.run("DELETE FROM entity_json WHERE article_id = ?", [.text(articleID)])
        for (position, part) in (rendered?.parts ?? []).enumerated() {
            try db.run("INSERT INTO entity_json (article_id, position, type, json) VALUES (?, ?, ?, ?)",
                       [.text(articleID), .int(position), .text(part.type.rawValue), .blob(part.json)])
        }
        try db.run("UPDATE articles SET entities_tag = ? WHERE id = ?", [.optionalText(rendered?.tag), .text(articleID)])
    }
}
