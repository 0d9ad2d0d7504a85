import EntityExtraction
import Foundation

extension SQLiteArticleStore {
    /// Money mentions across articles, filtered and sorted; ties in the sort key are
    /// broken by figure id (text order within an article), descending in a descending
    /// sort: each is the exact reverse of the other, so one index serves both.
    public func figures(_ query: FigureQuery) throws -> Page<FigureRecord> {
        let primary: String, descending: Bool
        switch query.sort {
        case .amount: (primary, descending) = ("f.amount_real", false)
        case .amountDescending: (primary, descending) = ("f.amount_real", true)
        case .publishedAt: (primary, descending) = ("f.published_day", false)
        case .publishedAtDescending: (primary, descending) = ("f.published_day", true)
        }
        let isAmount = primary == "f.amount_real"
        let cursorKind = "figures" + query.sort.rawValue
        var after: (SQLiteValue, Int64)?
        if let cursor = query.cursor {
            let fields = try Cursor.decode(cursor, kind: cursorKind, count: 2)
            guard let id = Int64(fields[1]) else { throw StoreError.invalidCursor }
            if isAmount {
                // The exact Double, by its bits, so the next page starts exactly after it.
                guard let bits = UInt64(fields[0]) else { throw StoreError.invalidCursor }
                after = (.real(Double(bitPattern: bits)), id)
            } else {
                guard let date = CivilDate(iso: fields[0]) else { throw StoreError.invalidCursor }
                after = (.int(date.dayNumber), id)
            }
        }
        let limit = max(1, query.limit)
        let rows = try readIndexed { db -> [(record: FigureRecord, amountBits: UInt64)] in
            let filters = try FigureFilterSet(query, walkingAmount: isAmount, in: db)
            let plan = try FigurePlan.choose(filters, limit: limit, in: db)
            var filter = filters.clause(for: plan)
            // A walk reads the sort's index from the cursor on; a driven plan sorts its matches.
            let sortKey = plan == .walk ? primary : "+" + primary
            if let (key, id) = after {
                let beyond = descending ? "<" : ">"
                filter.add("\(sortKey) \(beyond)= ? AND (\(sortKey) \(beyond) ? OR f.id \(beyond) ?)", [key, key, .integer(id)])
            }
            let raw = try db.query("""
                SELECT f.id, \(FigureColumns.value), IFNULL(f.text, substr(a.text, f.start + 1, f."end" - f.start)), f.start, f."end",
                       substr(a.text, f.sentence_start + 1, f.sentence_end - f.sentence_start), a.id, a.title, a.published_at,
                       f.amount_real, f.sentence_start, f.sentence_end, f.date_position, f.date_mention, f.article_seq
                FROM figures f JOIN articles a ON a.seq = f.article_seq
                \(filter.sql)
                ORDER BY \(sortKey) \(descending ? "DESC" : "ASC"), f.id \(descending ? "DESC" : "ASC") LIMIT ?
                """, filter.values + [.int(limit + 1)]) { row in
                (id: row.int64(0), value: try FigureColumns.moneyValue(row, from: 1),
                 mention: Mention(start: row.int(9), end: row.int(10), text: row.text(8)), sentence: row.text(11),
                 articleID: row.text(12), title: row.optionalText(13), published: try CivilDate.stored(row.text(14)),
                 bits: row.double(15).bitPattern, sentenceSpan: row.int(16)..<row.int(17),
                 datePosition: row.isNull(18) ? nil : row.int(18), dateMention: row.isNull(19) ? nil : row.int(19),
                 seq: row.int64(20))
            }
            let context = try Self.contextRows(figures: raw.map(\.id), in: db)
            return raw.map { r in
                let rows = context[r.id] ?? []
                // In the order the sentence first names them.
                var entities: [(first: Int, entity: SentenceEntity)] = []
                for (row, id) in rows where ArchiveIdentity.isNameType(row.type) && !entities.contains(where: { $0.entity.id == id }) {
                    if let m = row.mentions.first(where: { $0.start >= r.sentenceSpan.lowerBound && $0.end <= r.sentenceSpan.upperBound }) {
                        entities.append((m.start, SentenceEntity(id: id, type: row.type, name: row.name)))
                    }
                }
                var date = FigureDate(value: DateValue(date: r.published.description, grain: .day), source: .article, text: nil)
                if let position = r.datePosition, let row = rows.first(where: { $0.row.position == position })?.row, let value = row.date {
                    date = FigureDate(value: value, source: .sentence, text: row.mentions.first { $0.start == r.dateMention }?.text)
                }
                let record = FigureRecord(id: r.id, value: r.value, mention: r.mention, sentence: r.sentence,
                                          sentenceStart: r.sentenceSpan.lowerBound, sentenceEnd: r.sentenceSpan.upperBound,
                                          sentenceEntities: entities.sorted { $0.first < $1.first }.map(\.entity), date: date, articleID: r.articleID, articleTitle: r.title,
                                          articlePublishedAt: r.published)
                return (record, r.bits)
            }
        }
        let page = rows.prefix(limit)
        let next = rows.count > limit ? page.last.map { last in
            Cursor.encode(kind: cursorKind, [isAmount ? String(last.amountBits) : last.record.articlePublishedAt.description,
                                             String(last.record.id)])
        } : nil
        return Page(items: page.map(\.record), nextCursor: next)
    }

    /// A figure's context, for each figure: the rows of its article that name an archive
    /// entity its sentence mentions (as `figure_entities` lists them) and the row of its
    /// sentence's date, with their archive ids, in stored order. Each article's set is read
    /// once and only these rows are decoded: decoding every row of each article cost most
    /// of a page of 500 figures.
    private static func contextRows(figures: [Int64], in db: SQLiteConnection) throws
        -> [Int64: [(row: LedgerWrite.StoredRow, id: String)]] {
        guard !figures.isEmpty else { return [:] }
        let list = SQLiteValue.text("[" + figures.map(String.init).joined(separator: ",") + "]")
        var wanted: [Int64: (seq: Int64, refs: Set<Int64>, datePosition: Int?)] = [:]
        _ = try db.query("""
            SELECT f.id, f.article_seq, f.date_position, fe.ref FROM json_each(?) j
            CROSS JOIN figures f ON f.id = j.value
            LEFT JOIN figure_entities fe ON fe.figure_id = f.id
            """, [list]) { row in
            var w = wanted[row.int64(0)] ?? (row.int64(1), [], row.isNull(2) ? nil : row.int(2))
            if !row.isNull(3) { w.refs.insert(row.int64(3)) }
            wanted[row.int64(0)] = w
        }
        var perArticle: [Int64: (refs: Set<Int64>, positions: Set<Int>)] = [:]
        for w in wanted.values {
            var a = perArticle[w.seq] ?? ([], [])
            a.refs.formUnion(w.refs)
            if let p = w.datePosition { a.positions.insert(p) }
            perArticle[w.seq] = a
        }
        let seqs = SQLiteValue.text("[" + perArticle.keys.map(String.init).joined(separator: ",") + "]")
        var items: [Int64: [(position: Int, item: EntitySetPacking.Item)]] = [:]
        for set in try db.query("""
            SELECT s.article_seq, s.entities, a.text FROM json_each(?) j
            CROSS JOIN article_entity_sets s ON s.article_seq = j.value
            JOIN articles a ON a.seq = s.article_seq
            """, [seqs], { (seq: $0.int64(0), blob: $0.bytes(1), text: $0.bytes(2)) }) {
            guard let need = perArticle[set.seq] else { continue }
            items[set.seq] = try EntitySetPacking.unpack(set.blob, text: CodePointText(utf8: set.text)) { position, ref in
                need.refs.contains(ref) || need.positions.contains(position)
            }
        }
        // The archive entities of every article at once: one statement, not one per article.
        let archive = try LedgerWrite.archiveEntities(Set(items.values.joined().map(\.item.ref)), in: db)
        let articleRows = try items.mapValues { try LedgerWrite.rows($0, archive: archive) }
        return wanted.mapValues { w in
            (articleRows[w.seq] ?? []).filter { w.refs.contains($0.row.ref) || $0.row.position == w.datePosition }
        }
    }

    /// WHERE conditions over `figures f`, shared by listing and summary; the entity filter
    /// is resolved to archive entities first, in the same read.
    static func figureFilters(_ query: FigureQuery, in db: SQLiteConnection) throws -> WhereClause {
        var filter = WhereClause()
        filter.add("f.currency = ?", query.currency) { .text($0) }
        // On the REAL column: equal decimals give equal Doubles, so bounds are inclusive as
        // asked; only amounts beyond ~15 significant digits could compare inexactly.
        filter.add("f.amount_real >= ?", query.minAmount) { .real($0.approximateDouble) }
        filter.add("f.amount_real <= ?", query.maxAmount) { .real($0.approximateDouble) }
        if let (sql, values) = FigureFilterSet.dateRange("f", since: query.since, until: query.until) { filter.add(sql, values) }
        if let id = query.articleID { filter.add(FigureRange.ofArticleID(), [.text(id), .text(id)]) }
        if let entity = query.entity {
            let refs = EntityMatch.list(try EntityMatch.refs(entity, type: nil, in: db))
            switch query.entityScope {
            case .sentence: filter.add("f.id IN (SELECT fe.figure_id FROM figure_entities fe WHERE fe.ref IN \(refs))", [])
            case .article: filter.add(FigureRange.ofArticlesNaming(refs), [])
            }
        }
        if let text = query.text {
            filter.add("f.id IN (SELECT rowid FROM figures_fts WHERE figures_fts MATCH ?)", [.text(FigureSearch.match(text))])
        }
        return filter
    }
}
