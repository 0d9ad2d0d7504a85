import EntityExtraction
import Foundation

extension SQLiteArticleStore {
    /// Archive entities, one page: by article count or mention count (most first) or by
    /// name, ties by creation order. `query` keeps entities whose name, or the last word of
    /// whose key, starts with it (ignoring case). Counts are kept at write time.
    public func entitySummaries(type: EntityType?, query: String?, sort: EntitySort,
                                limit: Int, cursor: String?) throws -> Page<EntitySummary> {
        // Conditions of every per-type arm; the type itself is the arm's.
        var filter = WhereClause()
        filter.add("e.type = ?", [.null])
        if let query, !query.isEmpty {
            let low = query.lowercased(), high = low + "\u{10FFFF}\u{10FFFF}"
            filter.add("((e.folded >= ? AND e.folded < ?) OR (e.surname >= ? AND e.surname < ?))",
                       [.text(low), .text(high), .text(low), .text(high)])
        }
        let order: String, outerOrder: String, kind = "entities-" + sort.rawValue
        switch sort {
        case .articles: (order, outerOrder) = ("e.article_count DESC, e.ref", "article_count DESC, ref")
        case .mentions: (order, outerOrder) = ("e.mention_count DESC, e.ref", "mention_count DESC, ref")
        case .name: (order, outerOrder) = ("e.folded, e.ref", "folded, ref")
        }
        if let cursor {
            let fields = try Cursor.decode(cursor, kind: kind, count: 2)
            guard let ref = Int64(fields[1]) else { throw StoreError.invalidCursor }
            switch sort {
            case .articles, .mentions:
                guard let count = Int(fields[0]) else { throw StoreError.invalidCursor }
                let column = sort == .articles ? "e.article_count" : "e.mention_count"
                filter.add("(\(column) < ? OR (\(column) = ? AND e.ref > ?))", [.int(count), .int(count), .integer(ref)])
            case .name:
                filter.add("(e.folded, e.ref) > (?, ?)", [.text(fields[0]), .integer(ref)])
            }
        }
        let limit = max(1, limit)
        // Each type walks its own index for one page; all types merge those few rows.
        let types = type.map { [$0] } ?? EntityType.allCases
        var arms: [String] = []
        var values: [SQLiteValue] = []
        for t in types {
            arms.append("""
                SELECT * FROM (SELECT \(Self.summaryColumns), e.ref AS ref, e.folded AS folded FROM archive_entities e
                \(filter.sql) ORDER BY \(order) LIMIT ?)
                """)
            values += [.text(t.rawValue)] + filter.values.dropFirst() + [.int(limit + 1)]
        }
        let sql = arms.joined(separator: "\nUNION ALL\n") + "\nORDER BY \(outerOrder) LIMIT ?"
        let rows = try read { db in
            try db.query(sql, values + [.int(limit + 1)]) { row in
                (summary: try Self.summary(row, names: try Self.names(ref: row.int64(6), in: db)), ref: row.int64(6), folded: row.text(7))
            }
        }
        let page = rows.prefix(limit)
        let next = rows.count > limit ? page.last.map { last -> String in
            let first: String
            switch sort {
            case .articles: first = String(last.summary.articleCount)
            case .mentions: first = String(last.summary.mentionCount)
            case .name: first = last.folded
            }
            return Cursor.encode(kind: kind, [first, String(last.ref)])
        } : nil
        return Page(items: page.map(\.summary), nextCursor: next)
    }

    static let summaryColumns = "e.id, e.key, e.type, e.name, e.article_count AS article_count, e.mention_count AS mention_count"

    static func summary(_ row: SQLiteRow, names: [String]) throws -> EntitySummary {
        let typeText = row.text(2)
        guard let type = EntityType(rawValue: typeText) else { throw StoreError.corrupt("entity type \(typeText)") }
        // Names seen are kept for people, organisations and places; a sum or a date is its name.
        return EntitySummary(id: row.text(0), key: row.text(1), type: type, name: row.text(3), names: names.isEmpty ? [row.text(3)] : names,
                             articleCount: row.int(4), mentionCount: row.int(5))
    }

    static func names(ref: Int64, in db: SQLiteConnection) throws -> [String] {
        try db.query("SELECT name FROM archive_names WHERE ref = ? ORDER BY mentions DESC, canonical DESC, name LIMIT 50",
                     [.integer(ref)]) { $0.text(0) }
    }

    /// One archive entity by its `ent_` id, with its most recent articles; nil if unknown.
    public func entityDetail(id: String, recent: Int) throws -> EntityDetail? {
        try readIndexed { db in
            guard let (summary, ref) = try db.query("""
                SELECT \(Self.summaryColumns), e.ref FROM archive_entities e WHERE e.id = ?
                """, [.text(id)], { row in (try Self.summary(row, names: try Self.names(ref: row.int64(6), in: db)), row.int64(6)) }).first
            else { return nil }
            let first = try db.query("SELECT day FROM article_entities WHERE ref = ? ORDER BY day LIMIT 1", [.integer(ref)]) { $0.int(0) }
            let last = try db.query("SELECT day FROM article_entities WHERE ref = ? ORDER BY day DESC LIMIT 1", [.integer(ref)]) { $0.int(0) }
            guard let firstDay = first.first, let lastDay = last.first else { throw StoreError.corrupt("entity \(id) has no articles") }
            let recentArticles = try Self.entityArticles(ref: ref, after: nil, limit: recent, in: db).map(\.article)
            return EntityDetail(summary: summary, firstSeen: CivilDate(dayNumber: firstDay), lastSeen: CivilDate(dayNumber: lastDay),
                                recentArticles: recentArticles)
        }
    }

    /// The articles that mention an archive entity, newest first (published_at, then the
    /// order they were stored in); nil if the entity is unknown.
    public func entityArticles(id: String, limit: Int, cursor: String?) throws -> Page<StoredArticle>? {
        var after: (Int, Int64)?
        if let cursor {
            let fields = try Cursor.decode(cursor, kind: "entity-articles", count: 2)
            guard let day = Int(fields[0]), let seq = Int64(fields[1]) else { throw StoreError.invalidCursor }
            after = (day, seq)
        }
        let limit = max(1, limit)
        guard let rows = try readIndexed({ db -> [(article: StoredArticle, day: Int, seq: Int64)]? in
            guard let ref = try db.query("SELECT ref FROM archive_entities WHERE id = ?", [.text(id)], { $0.int64(0) }).first else {
                return nil
            }
            return try Self.entityArticles(ref: ref, after: after, limit: limit + 1, in: db)
        }) else { return nil }
        let page = rows.prefix(limit)
        let next = rows.count > limit ? page.last.map { Cursor.encode(kind: "entity-articles", [String($0.day), String($0.seq)]) } : nil
        return Page(items: page.map(\.article), nextCursor: next)
    }

    private static func entityArticles(ref: Int64, after: (Int, Int64)?, limit: Int,
                                       in db: SQLiteConnection) throws -> [(article: StoredArticle, day: Int, seq: Int64)] {
        var values: [SQLiteValue] = [.integer(ref)]
        var condition = ""
        if let after {
            condition = " AND (e.day, e.article_seq) < (?, ?)"
            values += [.int(after.0), .integer(after.1)]
        }
        let rows = try db.query("""
            SELECT \(articleColumns), e.day, e.article_seq FROM article_entities e JOIN articles a ON a.seq = e.article_seq
            WHERE e.ref = ?\(condition) ORDER BY e.day DESC, e.article_seq DESC LIMIT ?
            """, values + [.int(limit)]) { row in (article: try storedArticle(row), day: row.int(9), seq: row.int64(10)) }
        // Two entities of one article may share an archive entity: list the article once.
        var seen = Set<Int64>()
        return rows.filter { seen.insert($0.seq).inserted }
    }
}

extension SQLiteArticleStore {
    /// True when the archive has an entity with this `ent_` id.
    public func hasEntity(id: String) throws -> Bool {
        try read { db in !(try db.query("SELECT 1 FROM archive_entities WHERE id = ?", [.text(id)]) { _ in true }).isEmpty }
    }
}
