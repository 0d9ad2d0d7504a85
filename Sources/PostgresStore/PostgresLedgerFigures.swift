import ArticleStore
import EntityExtraction
import Foundation
import PostgresClient

extension PostgresArticleStore {
    /// Money mentions across articles, filtered and sorted as the SQLite store does: ties
    /// in the sort key broken by figure id, descending in a descending sort. Amounts compare
    /// and sort as exact `numeric`; an amount cursor carries the exact decimal.
    public func figures(_ query: FigureQuery) throws -> Page<FigureRecord> {
        let isAmount = query.sort == .amount || query.sort == .amountDescending
        let descending = query.sort == .amountDescending || query.sort == .publishedAtDescending
        let primary = isAmount ? "f.amount" : "f.published_day"
        let kind = "figures" + query.sort.rawValue
        var after: (key: any PostgresEncodable, id: Int64)?
        if let cursor = query.cursor {
            let fields = try Cursor.decode(cursor, kind: kind, count: 2)
            guard let id = Int64(fields[1]) else { throw StoreError.invalidCursor }
            if isAmount {
                guard let amount = Decimal(postgresText: fields[0]) else { throw StoreError.invalidCursor }
                after = (amount, id)
            } else {
                guard let date = CivilDate(iso: fields[0]) else { throw StoreError.invalidCursor }
                after = (date.dayNumber, id)
            }
        }
        let limit = max(1, query.limit)
        let records = try read { c -> [FigureRecord] in
            var filter = try Self.figureFilters(query, in: c)
            if let after {
                let key = filter.bind(after.key) + (isAmount ? "::numeric" : "::integer"), id = filter.bind(after.id) + "::bigint"
                // One row comparison in the sort's direction: the (key, id) index starts at the cursor.
                filter.add("(\(primary), f.id) \(descending ? "<" : ">") (\(key), \(id))")
            }
            let limitParameter = filter.bind(limit + 1)
            let raw = try c.query("""
                SELECT f.id, \(PostgresLedgerSQL.moneyColumns), f.text, f.start, f."end",
                       substr(a.text, f.sentence_start + 1, f.sentence_end - f.sentence_start), a.id, a.title, a.published_at::text,
                       f.sentence_start, f.sentence_end, f.date_position, f.date_mention, f.article_seq
                FROM figures f JOIN articles a ON a.seq = f.article_seq
                \(filter.sql)
                ORDER BY \(primary) \(descending ? "DESC" : "ASC"), f.id \(descending ? "DESC" : "ASC") LIMIT \(limitParameter)
                """, filter.values)
            let seqs = Array(Set(try raw.map { try $0.int64(19) }))
            let context = Dictionary(grouping: try PostgresLedgerWrite.rows(seqs: seqs, types: [.person, .organisation, .place, .date], in: c),
                                     by: \.seq)
            return try raw.map { try Self.figureRecord($0, context: context[try $0.int64(19)] ?? []) }
        }
        let page = records.prefix(limit)
        let next = records.count > limit ? page.last.map { last in
            Cursor.encode(kind: kind, [isAmount ? last.value.amount.description : last.articlePublishedAt.description, String(last.id)])
        } : nil
        return Page(items: Array(page), nextCursor: next)
    }

    /// One listed figure, with its sentence's entities (in the order the sentence first
    /// names them) and its date, from the article's stored rows.
    private static func figureRecord(_ row: PostgresRow, context rows: [PostgresLedgerWrite.StoredRow]) throws -> FigureRecord {
        let span = try row.integer(15)..<row.integer(16)
        guard let published = CivilDate(iso: try row.required(14)) else { throw StoreError.corrupt("published_at") }
        var entities: [(first: Int, entity: SentenceEntity)] = []
        for r in rows where ArchiveIdentity.hasNames(r.type) && !entities.contains(where: { $0.entity.id == r.archiveID }) {
            if let m = r.mentions.first(where: { $0.start >= span.lowerBound && $0.end <= span.upperBound }) {
                entities.append((m.start, SentenceEntity(r.archiveID, type: r.type, name: r.name)))
            }
        }
        var date = FigureDate(DateValue(date: published.description, grain: .day), source: .article, text: nil)
        if let position = try row.int(17), let r = rows.first(where: { $0.position == position }), let value = r.date {
            let mentionStart = try row.int(18)
            date = FigureDate(value, source: .sentence, text: r.mentions.first { $0.start == mentionStart }?.text)
        }
        return FigureRecord(try row.int64(0), value: try PostgresLedgerSQL.moneyValue(row, from: 1),
                            mention: Mention(start: try row.integer(9), end: try row.integer(10), text: try row.required(8)),
                            sentence: try row.required(11), sentenceStart: span.lowerBound, sentenceEnd: span.upperBound,
                            sentenceEntities: entities.sorted { $0.first < $1.first }.map(\.entity), date: date,
                            articleID: try row.required(12), articleTitle: try row.string(13), articlePublishedAt: published)
    }

    /// WHERE conditions over `figures f`, shared by listing and summary; the entity filter
    /// is resolved to archive entities first, in the same read.
    static func figureFilters(_ query: FigureQuery, in c: PostgresConnection) throws -> PostgresFilter {
        var filter = PostgresFilter()
        if let currency = query.currency { filter.add("f.currency = \(filter.bind(currency))") }
        if let low = query.minAmount { filter.add("f.amount >= \(filter.bind(low))::numeric") }
        if let high = query.maxAmount { filter.add("f.amount <= \(filter.bind(high))::numeric") }
        if let since = query.since { filter.add("f.date_start >= \(filter.bind(since.dayNumber))::integer") }
        if let until = query.until { filter.add("f.date_start <= \(filter.bind(until.dayNumber))::integer") }
        if let article = query.articleID { filter.add("f.article_seq = (SELECT seq FROM articles WHERE id = \(filter.bind(article)))") }
        if let entity = query.entity {
            let refs = filter.bind(PostgresLedgerSQL.array(try PostgresEntityMatch.refs(entity, type: nil, in: c))) + "::bigint[]"
            switch query.entityScope {
            case .sentence: filter.add("f.id IN (SELECT fe.figure_id FROM figure_entities fe WHERE fe.ref = ANY(\(refs)))")
            case .article: filter.add("f.article_seq IN (SELECT e.article_seq FROM article_entities e WHERE e.ref = ANY(\(refs)))")
            }
        }
        if let text = query.text {
            // Words only, as the SQLite store quotes them: no tsquery syntax from the user.
            let words = PostgresLedgerSQL.searchWords(text)
            filter.add(words.isEmpty ? "FALSE" : "f.sentence_search @@ plainto_tsquery('simple', \(filter.bind(words)))")
        }
        return filter
    }
}
