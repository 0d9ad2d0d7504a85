import EntityExtraction
import Foundation

extension SQLiteArticleStore {
    /// Whether the summary by article (no filter but `currency`) walks the articles newest
    /// first: always without a currency; with one, when more figures have it than a walk
    /// needs to find a page (`FigurePlan.window`), else its few figures are added up.
    static func walksArticles(currency: String?, limit: Int, in db: SQLiteConnection) throws -> Bool {
        guard let currency else { return true }
        let figures = try db.query("SELECT IFNULL(MAX(id), 0) FROM figures") { $0.int(0) }.first ?? 0
        let window = FigurePlan.window(limit: limit, figures: figures)
        let count = try db.query("SELECT COUNT(*) FROM (SELECT 1 FROM figures WHERE currency = ? LIMIT ?)",
                                 [.text(currency), .int(window + 1)]) { $0.int(0) }.first ?? 0
        return count > window
    }

    /// The summary by article, `limit` rows after `after`: the articles with figures, newest
    /// first (ids descending within a day), each article's figures read by its range and
    /// added up in `Decimal`, one row per currency in code order. Nothing is kept per
    /// article at write time (migration 12); keys and cursors are those the kept totals had.
    static func articleTotals(currency: String?, after: (key: String, currency: String)?, limit: Int,
                              in db: SQLiteConnection) throws -> [(key: String, row: FigureSummaryRow)] {
        var out: [(key: String, row: FigureSummaryRow)] = []
        // The cursor's article may have currencies left; articles after it have all theirs.
        var bound = after.map { (published: String($0.key.prefix(10)), id: String($0.key.dropFirst(11)), inclusive: true) }
        // Articles a read: most have figures in several currencies, so a page of rows
        // usually needs far fewer articles than rows; more are read only when short.
        let batch = max(8, min(limit + 1, 32))
        while out.count < limit {
            var w = WhereClause()
            if let b = bound {
                w.add("a.published_at <= ? AND (a.published_at < ? OR a.id \(b.inclusive ? "<=" : "<") ?)",
                      [.text(b.published), .text(b.published), .text(b.id)])
            }
            let articles = try db.query("""
                SELECT a.published_at, a.id, a.title, r.first_figure, r.figure_count
                FROM articles a CROSS JOIN article_figures r ON r.article_seq = a.seq \(w.sql)
                ORDER BY a.published_at DESC, a.id DESC LIMIT ?
                """, w.values + [.int(batch)]) { row in
                (published: row.text(0), id: row.text(1), title: row.optionalText(2), first: row.int64(3), count: row.int64(4))
            }
            for article in articles {
                let key = article.published + " " + article.id
                for row in try addedUp(article.id, title: article.title, first: article.first, count: article.count, in: db) {
                    if let currency, row.currency != currency { continue }
                    if let after, key == after.key, row.currency <= after.currency { continue }
                    out.append((key, row))
                }
            }
            guard articles.count == batch, let last = articles.last else { break }
            bound = (last.published, last.id, false)
        }
        return Array(out.prefix(limit))
    }

    /// One article's figures by currency, in code order.
    private static func addedUp(_ articleID: String, title: String?, first: Int64, count: Int64,
                                in db: SQLiteConnection) throws -> [FigureSummaryRow] {
        var groups: [String: AmountTally] = [:]
        _ = try db.query("SELECT currency, amount FROM figures WHERE id BETWEEN ? AND ?",
                         [.integer(first), .integer(first + count - 1)]) { row in
            try groups[row.text(0), default: AmountTally()].add(stored: row.text(1))
        }
        return groups.keys.sorted().map { currency in
            let g = groups[currency]!
            return FigureSummaryRow(group: articleID, currency: currency, count: g.count, total: g.total, min: g.min, max: g.max,
                                    articleTitle: title, entityName: nil)
        }
    }
}
