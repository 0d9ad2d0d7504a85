import EntityExtraction
import Foundation

extension ArticleStore {
    /// The article's entities in the order of their first mention, each with all its
    /// mentions sorted by offset; nil when there is no such article.
    public func entities(articleID: String, type: EntityType?) throws -> [Entity]? {
        try read { db in
            let exists = try db.query("SELECT 1 FROM articles WHERE id = ?", [.text(articleID)]) { _ in true }
            guard !exists.isEmpty else { return nil }
            var values: [SQLiteValue] = [.text(articleID)]
            var typeCondition = ""
            if let type {
                typeCondition = " AND e.type = ?"
                values.append(.text(type.rawValue))
            }
            var entities = try db.query("""
                SELECT e.entity_id, e.type, e.name, e.key, e.value_json FROM entities e
                WHERE e.article_id = ?\(typeCondition) ORDER BY e.first_start, e.entity_id
                """, values) { row in
                let typeText = row.text(1)
                guard let type = EntityType(rawValue: typeText) else { throw StoreError.corrupt("entity type \(typeText)") }
                return Entity(id: row.text(0), type: type, name: row.text(2), key: row.text(3),
                              value: try EntityValueJSON.decode(row.optionalText(4), type: type), mentions: [])
            }
            let position = Dictionary(entities.indices.map { (entities[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
            let mentions = try db.query("""
                SELECT m.entity_id, m.start, m."end", m.text FROM mentions m
                WHERE m.article_id = ? ORDER BY m.start, m."end"
                """, [.text(articleID)]) { row in
                (entityID: row.text(0), mention: Mention(start: row.int(1), end: row.int(2), text: row.text(3)))
            }
            for (entityID, mention) in mentions {
                if let i = position[entityID] { entities[i].mentions.append(mention) }
            }
            return entities
        }
    }

    /// Entities across all articles, one row per key and type, most widely reported
    /// first (article count descending, then key, then type). `query` keeps those whose
    /// key or any stored name contains it, ignoring case.
    public func entitySummaries(type: EntityType?, query: String?, limit: Int, cursor: String?) throws -> Page<EntitySummary> {
        var filters: [String] = []
        var values: [SQLiteValue] = []
        if let type {
            filters.append("e.type = ?")
            values.append(.text(type.rawValue))
        }
        if let query, !query.isEmpty {
            // instr rather than LIKE: no wildcards to escape. Keys are already lower case
            // (Unicode rules); SQLite's lower() on names folds ASCII letters only.
            filters.append("(instr(e.key, ?) > 0 OR instr(lower(e.name), ?) > 0)")
            let needle = query.lowercased()
            values += [.text(needle), .text(needle)]
        }
        var after = ""
        if let cursor {
            let fields = try Cursor.decode(cursor, kind: "entities", count: 3)
            guard let count = Int(fields[0]) else { throw StoreError.invalidCursor }
            after = "WHERE (s.article_count < ? OR (s.article_count = ? AND (s.key, s.type) > (?, ?)))"
            values += [.int(count), .int(count), .text(fields[1]), .text(fields[2])]
        }
        let limit = max(1, limit)
        values.append(.int(limit + 1))
        // Filters pick the groups, then the counts run over all rows of those groups, so a
        // name matched in one article still counts the entity's other articles.
        let groups = filters.isEmpty ? "entities e" : """
            entities e JOIN (
                SELECT DISTINCT e.key, e.type FROM entities e WHERE \(filters.joined(separator: " AND "))
            ) matching USING (key, type)
            """
        let sql = """
            WITH s AS (
                SELECT e.key, e.type, COUNT(DISTINCT e.article_id) AS article_count, SUM(e.mention_count) AS mention_count
                FROM \(groups)
                GROUP BY e.key, e.type
            )
            SELECT s.key, s.type, s.article_count, s.mention_count FROM s
            \(after)
            ORDER BY s.article_count DESC, s.key, s.type LIMIT ?
            """
        let (items, hasMore) = try read { db in
            let rows = try db.query(sql, values) { row in
                (key: row.text(0), type: row.text(1), articles: row.int(2), mentions: row.int(3))
            }
            let items = try rows.prefix(limit).map { row in
                guard let type = EntityType(rawValue: row.type) else { throw StoreError.corrupt("entity type \(row.type)") }
                let name = try db.query("""
                    SELECT name FROM entities WHERE key = ? AND type = ?
                    GROUP BY name ORDER BY COUNT(*) DESC, name LIMIT 1
                    """, [.text(row.key), .text(row.type)]) { $0.text(0) }.first ?? row.key
                return EntitySummary(key: row.key, type: type, name: name, articleCount: row.articles, mentionCount: row.mentions)
            }
            // One row more than asked for was fetched only to tell whether a next page exists.
            return (items, rows.count > limit)
        }
        let next = hasMore ? items.last.map { Cursor.encode(kind: "entities", [String($0.articleCount), $0.key, $0.type.rawValue]) } : nil
        return Page(items: items, nextCursor: next)
    }
}
