import ArticleStore
import EntityExtraction
import Foundation
import PostgresClient

extension PostgresArticleStore {
    /// Count, exact total, min and max of the figures matching `filter` (its sort and
    /// cursor ignored), one row per group and currency, `limit` rows a page, in the SQLite
    /// store's order: currencies by code, months oldest first, entities by id, articles
    /// newest first. With no filter but `currency`, the totals kept at write time are read;
    /// otherwise PostgreSQL adds up the matching figures in `numeric`.
    public func figureSummary(groupBy: FigureGrouping, filter: FigureQuery, limit: Int,
                              cursor: String?) throws -> Page<FigureSummaryRow> {
        let kind = "summary-" + groupBy.rawValue
        var after: [String]?
        if let cursor { after = try Cursor.decode(cursor, kind: kind, count: 2) }
        let limit = max(1, limit)
        let descending = groupBy == .article
        let rows = try read { c -> [(key: String, row: FigureSummaryRow)] in
            var clause: PostgresFilter, source: String
            if filter.onlyCurrency {
                clause = PostgresFilter()
                clause.add("t.grouping = \(clause.bind(groupBy.rawValue))")
                if let currency = filter.currency { clause.add("t.currency = \(clause.bind(currency))") }
                let label: String
                switch groupBy {
                case .article: label = "(SELECT title FROM articles WHERE id = substr(t.group_key, 12))"
                case .entity: label = "(SELECT name FROM archive_entities WHERE id = t.group_key)"
                case .currency, .month: label = "NULL"
                }
                source = """
                    SELECT t.group_key AS k, t.currency AS c, t.count AS n, t.total AS total, t.min_amount AS lo,
                           t.max_amount AS hi, \(label) AS label
                    FROM figure_totals t \(clause.sql)
                    """
            } else {
                clause = try Self.figureFilters(filter, in: c)
                let group: String, from: String, label: String
                switch groupBy {
                case .currency: (group, from, label) = ("f.currency", "figures f", "NULL::text")
                case .month: (group, from, label) = ("to_char(date '1970-01-01' + f.published_day, 'YYYY-MM')", "figures f", "NULL::text")
                case .article: (group, from, label) = ("a.published_at::text || ' ' || a.id", "figures f JOIN articles a ON a.seq = f.article_seq", "a.title")
                case .entity: (group, from, label) = ("e.id", """
                    figures f JOIN figure_entities fe ON fe.figure_id = f.id JOIN archive_entities e ON e.ref = fe.ref
                    """, "e.name")
                }
                source = """
                    SELECT \(group) COLLATE "C" AS k, f.currency AS c, count(*) AS n, sum(f.amount) AS total, min(f.amount) AS lo,
                           max(f.amount) AS hi, min(\(label)) AS label
                    FROM \(from) \(clause.sql) GROUP BY 1, 2
                    """
            }
            var outer = ""
            if let after {
                let key = clause.bind(after[0]), currency = clause.bind(after[1])
                outer = "WHERE g.k \(descending ? "<" : ">") \(key) OR (g.k = \(key) AND g.c > \(currency))"
            }
            let limitParameter = clause.bind(limit + 1)
            return try c.query("""
                SELECT g.k, g.c, g.n, g.total, g.lo, g.hi, g.label FROM (\(source)) g \(outer)
                ORDER BY g.k \(descending ? "DESC" : "ASC"), g.c LIMIT \(limitParameter)
                """, clause.values).map { row in
                let key = try row.required(0)
                return (key, FigureSummaryRow(groupBy == .article ? String(key.dropFirst(11)) : key, currency: try row.required(1),
                                              count: try row.integer(2), total: try row.decimal(3), min: try row.decimal(4),
                                              max: try row.decimal(5), articleTitle: groupBy == .article ? try row.string(6) : nil,
                                              entityName: groupBy == .entity ? try row.string(6) : nil))
            }
        }
        let page = rows.prefix(limit)
        let next = rows.count > limit ? page.last.map { Cursor.encode(kind: kind, [$0.key, $0.row.currency]) } : nil
        return Page(items: page.map(\.row), nextCursor: next)
    }
}
