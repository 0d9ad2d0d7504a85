import ArticleStore
import EntityExtraction
import PostgresClient

extension PostgresArticleStore {
    /// Full-text search over the `search` tsvector (title words weigh ten times text words,
    /// as `ts_rank`'s weights A = 1.0 and D = 0.1 give), best first, ties in the order
    /// stored; as in the SQLite store, of more than `SQLiteArticleStore.rankedWindow`
    /// matches the newest stored are ranked. The cursor holds the last hit's rank and seq.
    public func search(_ query: ArticleSearchQuery) throws -> Page<ArticleHit> {
        let parts = query.terms.parts
        var filter = PostgresFilter()
        let tsquery = parts.map { part in
            let phrase = "phraseto_tsquery('simple', article_search_fold(\(filter.bind(part.text))))"
            // A prefix: the phrase's last word matches every word it begins.
            return part.prefix ? "(SELECT CASE WHEN numnode(p) = 0 THEN p ELSE to_tsquery('simple', p::text || ':*') END FROM \(phrase) p)"
                : phrase
        }.joined(separator: " && ")
        filter.add("a.search @@ q.q")
        var after = ""
        if let cursor = query.cursor {
            let fields = try Cursor.decode(cursor, kind: "search", count: 2)
            guard let rank = Float(fields[0]), rank.isFinite, let seq = Int64(fields[1]) else { throw StoreError.invalidCursor }
            let r = filter.bind(fields[0]), s = filter.bind(seq)
            after = "WHERE rank < \(r)::real OR (rank = \(r)::real AND seq > \(s))"
        }
        let limit = max(1, query.limit)
        let rows = try read(statements: query.entity == nil ? 1 : 2) { c -> [(article: StoredArticle, rank: String, seq: Int64)] in
            try Self.addArticleFilters(to: &filter, since: query.since, until: query.until, entity: query.entity, type: query.type, in: c)
            let sql = """
                WITH q AS (SELECT \(tsquery) AS q),
                window_ AS (
                    SELECT a.seq, ts_rank(a.search, q.q) AS rank FROM articles a, q
                    \(filter.sql)
                    ORDER BY a.seq DESC LIMIT \(SQLiteArticleStore.rankedWindow)
                ),
                page AS (SELECT seq, rank FROM window_ \(after) ORDER BY rank DESC, seq LIMIT \(filter.bind(limit + 1)))
                SELECT \(Self.articleColumns), a.text, page.rank::text, page.seq
                FROM page JOIN articles a ON a.seq = page.seq
                ORDER BY page.rank DESC, page.seq
                """
            return try c.query(sql, filter.values).map { row in
                guard let rank = try row.string(9), let seq = try row.decode(10, as: Int64.self) else {
                    throw StoreError.corrupt("a search hit without rank or seq")
                }
                return (try Self.storedArticle(row), rank, seq)
            }
        }
        let page = rows.prefix(limit)
        let hits = page.map { ArticleHit(article: $0.article, snippet: SearchSnippet.parts(title: $0.article.title, text: $0.article.text, terms: parts)) }
        let next = rows.count > limit ? page.last.map { Cursor.encode(kind: "search", [$0.rank, String($0.seq)]) } : nil
        return Page(items: hits, nextCursor: next)
    }
}
