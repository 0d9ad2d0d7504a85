import ArticleStore
import EntityExtraction
import Foundation
import PostgresClient

extension PostgresArticleStore {
    /// Archive entities, one page, as the SQLite store lists them: by article count or
    /// mention count (most first) or by name, ties by creation order (`ref`); `query` keeps
    /// entities whose name, or the last word of whose key, starts with it (ignoring case).
    public func entitySummaries(type: EntityType?, query: String?, sort: EntitySort,
                                limit: Int, cursor: String?) throws -> Page<EntitySummary> {
        var filter = PostgresFilter()
        if let query, !query.isEmpty {
            let low = filter.bind(query.lowercased()), high = filter.bind(query.lowercased() + "\u{10FFFF}\u{10FFFF}")
            filter.add("((e.folded >= \(low) AND e.folded < \(high)) OR (e.surname >= \(low) AND e.surname < \(high)))")
        }
        let order: String, kind = "entities-" + sort.rawValue
        switch sort {
        case .articles: order = "article_count DESC, ref"
        case .mentions: order = "mention_count DESC, ref"
        case .name: order = "folded, ref"
        }
        if let cursor {
            let fields = try Cursor.decode(cursor, kind: kind, count: 2)
            guard let ref = Int64(fields[1]) else { throw StoreError.invalidCursor }
            let r = filter.bind(ref) + "::bigint"
            switch sort {
            case .articles, .mentions:
                guard let count = Int(fields[0]) else { throw StoreError.invalidCursor }
                let column = sort == .articles ? "e.article_count" : "e.mention_count", n = filter.bind(count) + "::integer"
                filter.add("\(column) <= \(n) AND (\(column) < \(n) OR e.ref > \(r))")
            case .name:
                filter.add("(e.folded, e.ref) > (\(filter.bind(fields[0])), \(r))")
            }
        }
        let limit = max(1, limit)
        let limitParameter = filter.bind(limit + 1)
        // Each type walks its own index for one page; all types merge those few rows.
        var values = filter.values
        let arms = (type.map { [$0] } ?? EntityType.allCases).map { t -> String in
            values.append(t.rawValue)
            let conditions = (["e.type = $\(values.count)"] + filter.conditions).joined(separator: " AND ")
            return "(SELECT \(Self.summaryColumns) FROM archive_entities e WHERE \(conditions) ORDER BY \(order) LIMIT \(limitParameter))"
        }
        let rows = try read { c in
            try Self.summaries(c.query("SELECT * FROM (" + arms.joined(separator: "\nUNION ALL\n") + ") u ORDER BY \(order) LIMIT \(limitParameter)",
                                       values), in: c)
        }
        let page = rows.prefix(limit)
        let next = rows.count > limit ? page.last.map { sort.cursor(after: $0.summary, ref: $0.ref, folded: $0.folded) } : nil
        return Page(items: page.map(\.summary), nextCursor: next)
    }

    static let summaryColumns = """
        e.id, e.key, e.type, e.name, e.article_count AS article_count, e.mention_count AS mention_count, e.ref AS ref, e.folded AS folded
        """

    /// Rows of `summaryColumns` as summaries, with the names seen of all of them read in one query.
    private static func summaries(_ rows: PostgresRows, in c: PostgresConnection) throws
        -> [(summary: EntitySummary, ref: Int64, folded: String)] {
        let refs = try rows.map { try $0.int64(6) }
        var names: [Int64: [String]] = [:]
        if !refs.isEmpty {
            for row in try c.query("""
                SELECT ref, name FROM (SELECT ref, name, row_number() OVER (PARTITION BY ref ORDER BY mentions DESC, canonical DESC, name) AS n
                                       FROM archive_names WHERE ref = ANY($1::bigint[])) s
                WHERE n <= 50 ORDER BY ref, n
                """, [PostgresLedgerSQL.array(refs)]) {
                names[try row.int64(0), default: []].append(try row.required(1))
            }
        }
        return try rows.map { row in
            let typeText = try row.required(2), name = try row.required(3), ref = try row.int64(6)
            guard let type = EntityType(rawValue: typeText) else { throw StoreError.corrupt("entity type \(typeText)") }
            // Names seen are kept for people, organisations and places; a sum or a date is its name.
            return (EntitySummary(try row.required(0), key: try row.required(1), type: type, name: name, names: names[ref] ?? [name],
                                  articleCount: try row.integer(4), mentionCount: try row.integer(5)), ref, try row.required(7))
        }
    }

    /// One archive entity by its `ent_` id, with its most recent articles; nil if unknown.
    public func entityDetail(id: String, recent: Int) throws -> EntityDetail? {
        try read { c in
            guard let (summary, ref, _) = try Self.summaries(
                c.query("SELECT \(Self.summaryColumns) FROM archive_entities e WHERE e.id = $1", [id]), in: c).first else { return nil }
            let days = try c.query("""
                SELECT (SELECT day FROM article_entities WHERE ref = $1 ORDER BY day LIMIT 1),
                       (SELECT day FROM article_entities WHERE ref = $1 ORDER BY day DESC LIMIT 1)
                """, [ref])
            guard let first = try days.first?.int(0), let last = try days.first?.int(1) else {
                throw StoreError.corrupt("entity \(id) has no articles")
            }
            return EntityDetail(summary, firstSeen: CivilDate(dayNumber: first), lastSeen: CivilDate(dayNumber: last),
                                recentArticles: try Self.entityArticles(ref: ref, after: nil, limit: recent, in: c).map(\.article))
        }
    }

    /// The articles that mention an archive entity, newest first (published_at, then the
    /// order they were stored in); nil if the entity is unknown.
    public func entityArticles(id: String, limit: Int, cursor: String?) throws -> Page<StoredArticle>? {
        let after = try cursor.map { try EntityArticlesCursor.decode($0) }
        let limit = max(1, limit)
        guard let rows = try read({ c -> [(article: StoredArticle, day: Int, seq: Int64)]? in
            guard let ref = try c.query("SELECT ref FROM archive_entities WHERE id = $1", [id]).first.map({ try $0.int64(0) }) else {
                return nil
            }
            return try Self.entityArticles(ref: ref, after: after, limit: limit + 1, in: c)
        }) else { return nil }
        let page = rows.prefix(limit)
        let next = rows.count > limit ? page.last.map { EntityArticlesCursor.encode(day: $0.day, seq: $0.seq) } : nil
        return Page(items: page.map(\.article), nextCursor: next)
    }

    private static func entityArticles(ref: Int64, after: (day: Int, seq: Int64)?, limit: Int,
                                       in c: PostgresConnection) throws -> [(article: StoredArticle, day: Int, seq: Int64)] {
        var values: [(any PostgresEncodable)?] = [ref, limit]
        var condition = ""
        if let after {
            condition = " AND (e.day, e.article_seq) < ($3::integer, $4::bigint)"
            values += [after.day, after.seq]
        }
        // Two entities of one article may share an archive entity: the article is listed once,
        // before the limit (as SQLite's lookup, one row per archive entity and article), so a
        // page is full and its cursor says whether more follow.
        let rows = try c.query("""
            SELECT \(PostgresLedgerSQL.articleColumns), r.day, r.article_seq
            FROM (SELECT DISTINCT e.day, e.article_seq FROM article_entities e
                  WHERE e.ref = $1\(condition) ORDER BY e.day DESC, e.article_seq DESC LIMIT $2) r
            JOIN articles a ON a.seq = r.article_seq
            ORDER BY r.day DESC, r.article_seq DESC
            """, values)
        return try rows.map { (try PostgresLedgerSQL.article($0), try $0.integer(9), try $0.int64(10)) }
    }
}
