import EntityExtraction
import Foundation

extension ArticleStore {
    /// Money mentions across articles, filtered and sorted; ties in the sort key are
    /// broken by figure id ascending (text order within an article) in both directions.
    public func figures(_ query: FigureQuery) throws -> Page<FigureRecord> {
        var filter = Self.figureFilters(query)
        let primary: String, descending: Bool
        switch query.sort {
        case .amount: (primary, descending) = ("f.amount_real", false)
        case .amountDescending: (primary, descending) = ("f.amount_real", true)
        case .publishedAt: (primary, descending) = ("f.published_at", false)
        case .publishedAtDescending: (primary, descending) = ("f.published_at", true)
        }
        let isAmount = primary == "f.amount_real"
        let cursorKind = "figures" + query.sort.rawValue
        if let cursor = query.cursor {
            let fields = try Cursor.decode(cursor, kind: cursorKind, count: 2)
            guard let id = Int64(fields[1]) else { throw StoreError.invalidCursor }
            let key: SQLiteValue
            if isAmount {
                // The exact Double, by its bits, so the next page starts exactly after it.
                guard let bits = UInt64(fields[0]) else { throw StoreError.invalidCursor }
                key = .real(Double(bitPattern: bits))
            } else {
                guard CivilDate(iso: fields[0]) != nil else { throw StoreError.invalidCursor }
                key = .text(fields[0])
            }
            filter.add("(\(primary) \(descending ? "<" : ">") ? OR (\(primary) = ? AND f.id > ?))", [key, key, .integer(id)])
        }
        let limit = max(1, query.limit)
        let values = filter.values + [.int(limit + 1)]
        let sql = """
            SELECT f.id, f.amount, f.currency, f.currency_resolution, f.qualifier, f.min_amount, f.max_amount,
                   f.text, f.start, f."end", f.sentence, f.article_id, a.title, f.published_at, f.amount_real,
                   f.currency_evidence
            FROM figures f JOIN articles a ON a.id = f.article_id
            \(filter.sql)
            ORDER BY \(primary) \(descending ? "DESC" : "ASC"), f.id LIMIT ?
            """
        let rows = try read { db in
            try db.query(sql, values) { row -> (record: FigureRecord, amountBits: UInt64) in
                let resolutionText = row.text(3)
                guard let resolution = CurrencyResolution(rawValue: resolutionText) else {
                    throw StoreError.corrupt("currency resolution \(resolutionText)")
                }
                let value = MoneyValue(amount: try Decimal.stored(row.text(1)), currency: row.text(2),
                                       currencyResolution: resolution, qualifier: row.optionalText(4),
                                       min: try row.optionalText(5).map(Decimal.stored),
                                       max: try row.optionalText(6).map(Decimal.stored),
                                       currencyEvidence: row.optionalText(15))
                let record = FigureRecord(id: row.int64(0), value: value,
                                          mention: Mention(start: row.int(8), end: row.int(9), text: row.text(7)),
                                          sentence: row.text(10), articleID: row.text(11), articleTitle: row.optionalText(12),
                                          articlePublishedAt: try CivilDate.stored(row.text(13)))
                return (record, row.double(14).bitPattern)
            }
        }
        let page = rows.prefix(limit)
        let next = rows.count > limit ? page.last.map { last in
            Cursor.encode(kind: cursorKind, [isAmount ? String(last.amountBits) : last.record.articlePublishedAt.description,
                                             String(last.record.id)])
        } : nil
        return Page(items: page.map(\.record), nextCursor: next)
    }

    /// Count, exact total, min and max of the figures matching `filter` (its sort, limit
    /// and cursor are ignored), one row per group and currency. Currency groups are
    /// ordered by code, months oldest first, articles newest first.
    public func figureSummary(groupBy: FigureGrouping, filter: FigureQuery) throws -> [FigureSummaryRow] {
        let clause = Self.figureFilters(filter)
        let group: String, order: String
        switch groupBy {
        case .currency: (group, order) = ("f.currency", "f.currency")
        case .month: (group, order) = ("substr(f.published_at, 1, 7)", "substr(f.published_at, 1, 7), f.currency")
        case .article: (group, order) = ("f.article_id", "f.published_at DESC, f.article_id, f.currency")
        }
        let sql = """
            SELECT \(group), f.currency, f.amount, a.title
            FROM figures f JOIN articles a ON a.id = f.article_id
            \(clause.sql)
            ORDER BY \(order)
            """
        var summaries: [FigureSummaryRow] = []
        var current: (group: String, currency: String, title: String?, count: Int, total: Decimal, min: Decimal, max: Decimal)?
        func flush() {
            guard let c = current else { return }
            summaries.append(FigureSummaryRow(group: c.group, currency: c.currency, count: c.count, total: c.total,
                                              min: c.min, max: c.max, articleTitle: groupBy == .article ? c.title : nil))
        }
        // Summed here in Decimal: SQLite's SUM would add Doubles and round.
        _ = try read { db in
            try db.query(sql, clause.values) { row in
                let groupKey = row.text(0), currency = row.text(1), amount = try Decimal.stored(row.text(2))
                if var c = current, c.group == groupKey, c.currency == currency {
                    c.count += 1
                    c.total += amount
                    if amount < c.min { c.min = amount }
                    if amount > c.max { c.max = amount }
                    current = c
                } else {
                    flush()
                    current = (groupKey, currency, row.optionalText(3), 1, amount, amount, amount)
                }
            }
        }
        flush()
        return summaries
    }

    /// WHERE conditions over `figures f` (joined to `articles a`) shared by listing and summary.
    static func figureFilters(_ query: FigureQuery) -> WhereClause {
        var filter = WhereClause()
        filter.add("f.currency = ?", query.currency) { .text($0) }
        // On the REAL column: equal decimals give equal Doubles, so bounds are inclusive as
        // asked; only amounts beyond ~15 significant digits could compare inexactly.
        filter.add("f.amount_real >= ?", query.minAmount) { .real($0.approximateDouble) }
        filter.add("f.amount_real <= ?", query.maxAmount) { .real($0.approximateDouble) }
        filter.add("f.published_at >= ?", query.since) { .text($0.description) }
        filter.add("f.published_at <= ?", query.until) { .text($0.description) }
        filter.add("f.article_id = ?", query.articleID) { .text($0) }
        if let entity = query.entity {
            let match = EntityMatch(entity, type: nil)
            filter.add("f.article_id IN (SELECT e.article_id FROM entities e WHERE \(match.sql))", match.values)
        }
        return filter
    }
}
