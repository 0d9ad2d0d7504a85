import EntityExtraction
import Foundation

/// How a page of figures is found. Two ways, and the cheaper one is picked per request:
///
/// - `.drive(filter)`: one filter's own index finds every figure it matches (a date range,
///   the sentences holding a word, the figures of one entity or of one article); they are
///   checked against the other filters and sorted. Costs about one row per match.
/// - `.walk`: the sort's index is read in order and each figure is checked against the
///   filters until the page is full. Costs about `limit × figures ÷ matches` rows.
///
/// Each filter's matches are counted up to a bound (`window`) first, through its own
/// index: a filter with fewer drives; when every filter matches more, the walk finds a
/// page after a bounded number of rows, as matches are then at least `window` of all.
/// Both give the same rows in the same order; only the work differs.
enum FigurePlan: Equatable {
    case drive(FigureDriver)
    case walk

    /// Matches above which walking the sort's index is cheaper than sorting the matches:
    /// the two costs meet near √(page × figures). Settable so tests can force either plan.
    nonisolated(unsafe) static var windowOverride: Int?

    static func window(limit: Int, figures: Int) -> Int {
        if let windowOverride { return windowOverride }
        let meet = Double(limit + 1) * Double(max(figures, 1))
        return min(50_000, max(500, Int(meet.squareRoot())))
    }
}

/// A filter that can find its own matches through an index.
enum FigureDriver: Equatable {
    case article, date, text, entity, value
}

/// One listing's filters, each written for the role the plan gives it: the driver as an
/// index lookup, the others as checks that no index serves (so SQLite cannot pick
/// another index and sort more rows than the plan counted).
struct FigureFilterSet {
    let query: FigureQuery
    /// The entity filter resolved to archive refs, as `IN (…)`; nil without one.
    let refs: String?
    let walkingAmount: Bool

    init(_ query: FigureQuery, walkingAmount: Bool, in db: SQLiteConnection) throws {
        self.query = query
        self.walkingAmount = walkingAmount
        refs = try query.entity.map { EntityMatch.list(try EntityMatch.refs($0, type: nil, in: db)) }
    }

    /// The filters that could drive, each with a statement that counts its matches up to the
    /// bound it is given last (`?`), through index entries alone: a count may be over (never
    /// under) the matches, which changes only the plan, never the answer.
    func candidates() -> [(driver: FigureDriver, count: String, values: [SQLiteValue])] {
        var list: [(FigureDriver, String, [SQLiteValue])] = []
        func upTo(_ sql: String) -> String { "SELECT COUNT(*) FROM (\(sql) LIMIT ?)" }
        if query.since != nil || query.until != nil {
            // The article's day of every figure, plus the figures dated by their sentence: the
            // exact condition (`dateRange`) would read each figure's row.
            var day = WhereClause(), sentence = WhereClause()
            day.add("published_day >= ?", query.since) { .int($0.dayNumber) }
            day.add("published_day <= ?", query.until) { .int($0.dayNumber) }
            sentence.add("date_start >= ?", query.since) { .int($0.dayNumber) }
            sentence.add("date_start <= ?", query.until) { .int($0.dayNumber) }
            sentence.add("date_position IS NOT NULL", [])
            list.append((.date, upTo("SELECT 1 FROM figures \(day.sql) UNION ALL SELECT 1 FROM figures \(sentence.sql)"),
                         day.values + sentence.values))
        }
        if let text = query.text {
            list.append((.text, upTo("SELECT rowid FROM figures_fts WHERE figures_fts MATCH ?"), [.text(FigureSearch.match(text))]))
        }
        if let refs {
            switch query.entityScope {
            case .sentence: list.append((.entity, upTo("SELECT 1 FROM figure_entities WHERE ref IN \(refs)"), []))
            case .article:
                // The figures of up to bound + 1 articles: each has at least one.
                list.append((.entity, """
                    SELECT IFNULL(SUM(n), 0) FROM (SELECT r.figure_count AS n FROM article_entities e
                        CROSS JOIN article_figures r ON r.article_seq = e.article_seq WHERE e.ref IN \(refs) LIMIT ?)
                    """, []))
            }
        }
        if query.currency != nil || query.minAmount != nil || query.maxAmount != nil {
            var w = WhereClause()
            addValue(to: &w, indexed: true, alias: "figures")
            list.append((.value, upTo("SELECT 1 FROM figures \(w.sql)"), w.values))
        }
        return list.map { (driver: $0.0, count: $0.1, values: $0.2) }
    }

    /// The WHERE clause for `plan`.
    func clause(for plan: FigurePlan) -> WhereClause {
        let driver: FigureDriver? = if case .drive(let d) = plan { d } else { nil }
        var w = WhereClause()
        // In a walk of the amount index, currency and amount bounds are its own key ranges.
        addValue(to: &w, indexed: driver == .value || (driver == nil && walkingAmount), alias: "f")
        addDate(to: &w, indexed: driver == .date, alias: "f")
        // The article's range of ids: a search of the figures' own key.
        if let id = query.articleID { w.add(FigureRange.ofArticleID(), [.text(id), .text(id)]) }
        if let refs {
            switch (query.entityScope, driver == .entity) {
            case (.sentence, true): w.add("f.id IN (SELECT fe.figure_id FROM figure_entities fe WHERE fe.ref IN \(refs))", [])
            case (.sentence, false):
                w.add("EXISTS (SELECT 1 FROM figure_entities fe WHERE fe.ref IN \(refs) AND fe.figure_id = f.id)", [])
            case (.article, true): w.add(FigureRange.ofArticlesNaming(refs), [])
            case (.article, false):
                // article_entities_ref is (ref, day, article_seq): the article's day is the figure's.
                w.add("""
                    EXISTS (SELECT 1 FROM article_entities e WHERE e.ref IN \(refs) AND e.day = f.published_day AND e.article_seq = f.article_seq)
                    """, [])
            }
        }
        if let text = query.text {
            let match = SQLiteValue.text(FigureSearch.match(text))
            if driver == .text {
                w.add("f.id IN (SELECT rowid FROM figures_fts WHERE figures_fts MATCH ?)", [match])
            } else {
                // As a check, the matches are read once into a bitset each row is tested
                // against (`RowSetFunctions`): an IN list would first sort them all into a
                // temporary B-tree, and a MATCH per row costs a lookup in FTS5 for each.
                w.add("in_row_set((SELECT row_set(rowid) FROM figures_fts WHERE figures_fts MATCH ?), f.id)", [match])
            }
        }
        return w
    }

    private func addDate(to w: inout WhereClause, indexed: Bool, alias: String) {
        if indexed {
            if let (sql, values) = Self.dateRange(alias, since: query.since, until: query.until) { w.add(sql, values) }
            return
        }
        w.add("+\(alias).date_start >= ?", query.since) { .int($0.dayNumber) }
        w.add("+\(alias).date_start <= ?", query.until) { .int($0.dayNumber) }
    }

    /// `since`/`until` on the figure's date, as the indexes serve it (migration 12): a figure
    /// dated by its article (`date_position` NULL) has its article's day, found through
    /// `figures_published`; only figures dated by their sentence are in `figures_date`.
    static func dateRange(_ alias: String, since: CivilDate?, until: CivilDate?) -> (String, [SQLiteValue])? {
        guard since != nil || until != nil else { return nil }
        func bounds(_ column: String) -> (String, [SQLiteValue]) {
            var w = WhereClause()
            w.add("\(alias).\(column) >= ?", since) { .int($0.dayNumber) }
            w.add("\(alias).\(column) <= ?", until) { .int($0.dayNumber) }
            return (w.conditions.joined(separator: " AND "), w.values)
        }
        let article = bounds("published_day"), sentence = bounds("date_start")
        return ("((\(article.0) AND \(alias).date_position IS NULL) OR (\(sentence.0) AND \(alias).date_position IS NOT NULL))",
                article.1 + sentence.1)
    }

    /// On the REAL column: equal decimals give equal Doubles, so bounds are inclusive as
    /// asked; only amounts beyond ~15 significant digits could compare inexactly.
    private func addValue(to w: inout WhereClause, indexed: Bool, alias: String) {
        let plus = indexed ? "" : "+"
        w.add("\(plus)\(alias).currency = ?", query.currency) { .text($0) }
        w.add("\(plus)\(alias).amount_real >= ?", query.minAmount) { .real($0.approximateDouble) }
        w.add("\(plus)\(alias).amount_real <= ?", query.maxAmount) { .real($0.approximateDouble) }
    }
}

extension FigurePlan {
    /// The plan for one listing: the article filter always drives (an article has few
    /// figures); else the filter with the fewest matches under the window; else the walk.
    static func choose(_ filters: FigureFilterSet, limit: Int, in db: SQLiteConnection) throws -> FigurePlan {
        if filters.query.articleID != nil { return .drive(.article) }
        let candidates = filters.candidates()
        guard !candidates.isEmpty else { return .walk }
        let figures = try db.query("SELECT IFNULL(MAX(id), 0) FROM figures") { $0.int(0) }.first ?? 0
        let window = window(limit: limit, figures: figures)
        var best: (driver: FigureDriver, count: Int)?
        for c in candidates {
            let count = try db.query(c.count, c.values + [.int(window + 1)]) { $0.int(0) }.first ?? 0
            if count <= window, best == nil || count < best!.count { best = (c.driver, count) }
        }
        return best.map { .drive($0.driver) } ?? .walk
    }
}
