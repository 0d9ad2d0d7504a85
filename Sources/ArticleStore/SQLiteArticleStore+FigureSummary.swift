import EntityExtraction
import Foundation

extension SQLiteArticleStore {
    /// Count, exact total, min and max of the figures matching `filter` (its sort and
    /// cursor are ignored), one row per group and currency, `limit` rows a page. Currency
    /// groups are ordered by code, months oldest first, entities by id, articles newest
    /// first. With no filter but `currency`, the totals kept at write time are read (by
    /// article, each listed article's figures are added up: `articleTotals`); otherwise the
    /// matching figures are added up here, in `Decimal`.
    public func figureSummary(groupBy: FigureGrouping, filter: FigureQuery, limit: Int,
                              cursor: String?) throws -> Page<FigureSummaryRow> {
        let kind = "summary-" + groupBy.rawValue
        var after: (key: String, currency: String)?
        if let cursor {
            let fields = try Cursor.decode(cursor, kind: kind, count: 2)
            after = (fields[0], fields[1])
        }
        let limit = max(1, limit)
        let newestFirst = groupBy == .article
        let rows: [(key: String, row: FigureSummaryRow)] = try readIndexed { db in
            if filter.onlyCurrency, groupBy != .article {
                return try Self.keptTotals(groupBy, currency: filter.currency, after: after, limit: limit + 1, in: db)
            }
            if filter.onlyCurrency, try Self.walksArticles(currency: filter.currency, limit: limit, in: db) {
                return try Self.articleTotals(currency: filter.currency, after: after, limit: limit + 1, in: db)
            }
            var all = try Self.addedUp(groupBy, filter: filter, in: db)
            if let after {
                // Strictly after the cursor's row in the listing's order (keys descending for articles).
                all = all.filter { item in
                    item.key == after.key ? item.row.currency > after.currency : (newestFirst ? item.key < after.key : item.key > after.key)
                }
            }
            return Array(all.prefix(limit + 1))
        }
        let page = rows.prefix(limit)
        let next = rows.count > limit ? page.last.map { Cursor.encode(kind: kind, [$0.key, $0.row.currency]) } : nil
        return Page(items: page.map(\.row), nextCursor: next)
    }

    /// Rows of `figure_totals`, in the group's order, through its primary key.
    private static func keptTotals(_ groupBy: FigureGrouping, currency: String?, after: (key: String, currency: String)?,
                                   limit: Int, in db: SQLiteConnection) throws -> [(key: String, row: FigureSummaryRow)] {
        var filter = WhereClause()
        filter.add("t.grouping = ?", [.int(FigureTotals.Group.code(groupBy))])
        filter.add("t.currency = ?", currency) { .text($0) }
        let descending = groupBy == .article
        if let after {
            let key = FigureTotals.Group(grouping: groupBy, key: after.key).storedKey
            filter.add(descending ? "(t.group_key < ? OR (t.group_key = ? AND t.currency > ?))" : "(t.group_key, t.currency) > (?, ?)",
                       descending ? [key, key, .text(after.currency)] : [key, .text(after.currency)])
        }
        // The id from the stored key: its 8 bytes as hex (see FigureTotals+StoredKey.swift).
        let label: String
        switch groupBy {
        case .entity:
            label = """
                (SELECT name FROM archive_entities WHERE id = CASE typeof(t.group_key)
                    WHEN 'blob' THEN 'ent_' || lower(hex(t.group_key)) ELSE t.group_key END)
                """
        case .currency, .month, .article: label = "NULL"  // articles: not kept (migration 12)
        }
        return try db.query("""
            SELECT t.group_key, t.currency, t.count, t.total, IFNULL(t.min_amount, t.total), IFNULL(t.max_amount, t.total),
                   \(label), typeof(t.group_key)
            FROM figure_totals t \(filter.sql)
            ORDER BY t.group_key \(descending ? "DESC" : "ASC"), t.currency LIMIT ?
            """, filter.values + [.int(limit)]) { row in
            let key = try FigureTotals.Group.key(groupBy, row: row, column: 0, type: row.text(7))
            return (key, FigureSummaryRow(group: groupBy == .article ? String(key.dropFirst(11)) : key, currency: row.text(1),
                                          count: row.int(2), total: try Decimal.stored(row.text(3)),
                                          min: try Decimal.stored(row.text(4)), max: try Decimal.stored(row.text(5)),
                                          articleTitle: groupBy == .article ? row.optionalText(6) : nil,
                                          entityName: groupBy == .entity ? row.optionalText(6) : nil))
        }
    }

    /// Every group of the matching figures, added up in `Decimal` (SQLite's SUM would add
    /// Doubles and round).
    private static func addedUp(_ groupBy: FigureGrouping, filter query: FigureQuery,
                                in db: SQLiteConnection) throws -> [(key: String, row: FigureSummaryRow)] {
        let clause = try figureFilters(query, in: db)
        let group: String, from: String, label: String
        switch groupBy {
        case .currency: (group, from, label) = ("f.currency", "figures f", "NULL")
        case .month: (group, from, label) = ("f.published_day", "figures f", "NULL")
        case .article:
            // By article number; each group's date, id and title are read once at the end.
            (group, from, label) = ("f.article_seq", "figures f", "NULL")
        case .entity:
            (group, from, label) = ("e.id", """
                figures f CROSS JOIN figure_entities fe ON fe.figure_id = f.id JOIN archive_entities e ON e.ref = fe.ref
                """, "e.name")  // CROSS: the filtered figures drive, never a walk over every figure's entities
        }
        var groups: [SummaryGroup: (label: String?, tally: AmountTally)] = [:]
        // A month's key is its day number until the end: one month string per group, not per figure.
        var monthOf: [Int: String] = [:]
        _ = try db.query("SELECT \(group), f.currency, f.amount, \(label) FROM \(from) \(clause.sql)", clause.values) { row in
            let key: String
            if groupBy == .month {
                let day = row.int(0)
                if let month = monthOf[day] { key = month } else {
                    key = String(CivilDate(dayNumber: day).description.prefix(7))
                    monthOf[day] = key
                }
            } else {
                key = row.text(0)
            }
            let id = SummaryGroup(key: key, currency: row.text(1))
            if groups[id] == nil { groups[id] = (row.optionalText(3), AmountTally()) }
            try groups[id]!.tally.add(stored: row.text(2))
        }
        if groupBy == .article { groups = try Self.keyedByArticle(groups, in: db) }
        let descending = groupBy == .article
        let keys = groups.keys.sorted { a, b in
            a.key != b.key ? (descending ? a.key > b.key : a.key < b.key) : a.currency < b.currency
        }
        return keys.map { k in
            let g = groups[k]!
            return (k.key, FigureSummaryRow(group: groupBy == .article ? String(k.key.dropFirst(11)) : k.key, currency: k.currency,
                                            count: g.tally.count, total: g.tally.total, min: g.tally.min, max: g.tally.max,
                                            articleTitle: groupBy == .article ? g.label : nil,
                                            entityName: groupBy == .entity ? g.label : nil))
        }
    }

    /// Groups keyed by article number, re-keyed by each article's place in the listing
    /// (`published_at id`) and labelled with its title: one lookup an article, not a join
    /// for every figure.
    private static func keyedByArticle(_ groups: [SummaryGroup: (label: String?, tally: AmountTally)],
                                       in db: SQLiteConnection) throws -> [SummaryGroup: (label: String?, tally: AmountTally)] {
        guard !groups.isEmpty else { return groups }
        let seqs = Set(groups.keys.map(\.key))
        var articles: [String: (key: String, title: String?)] = [:]
        _ = try db.query("""
            SELECT a.seq, a.published_at || ' ' || a.id, a.title FROM json_each(?) j CROSS JOIN articles a ON a.seq = j.value
            """, [.text("[" + seqs.joined(separator: ",") + "]")]) { row in
            articles[String(row.int64(0))] = (row.text(1), row.optionalText(2))
        }
        var out: [SummaryGroup: (label: String?, tally: AmountTally)] = [:]
        for (group, value) in groups {
            guard let article = articles[group.key] else { throw StoreError.corrupt("figures of a missing article \(group.key)") }
            out[SummaryGroup(key: article.key, currency: group.currency)] = (article.title, value.tally)
        }
        return out
    }
}

/// One row of a summary being added up: the group's key and the currency.
private struct SummaryGroup: Hashable {
    let key: String, currency: String
}
