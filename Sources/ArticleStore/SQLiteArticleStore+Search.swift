import EntityExtraction
import Foundation

/// A full-text search over the articles' titles and texts, best match first.
public struct ArticleSearchQuery: Sendable {
    /// The user's words, as `SearchTerms` reads them.
    public var terms: SearchTerms
    public var limit = 20
    public var cursor: String?
    /// As in `ArticleListQuery`.
    public var entity: String?
    public var type: EntityType?
    public var since: CivilDate?
    public var until: CivilDate?

    public init(terms: SearchTerms) { self.terms = terms }
}

/// One article found by a search, with the passage that matched: runs of text, the
/// matched words marked.
public struct ArticleHit: Sendable {
    public let article: StoredArticle
    public let snippet: [(text: String, match: Bool)]

    public init(article: StoredArticle, snippet: [(text: String, match: Bool)]) {
        self.article = article
        self.snippet = snippet
    }
}

/// What a user typed into a search box, made into an FTS5 query that cannot be a syntax
/// error: every word becomes a quoted string, so FTS5's operators (`AND`, `NEAR`, `:`,
/// `^`, parentheses) are searched for as words, never obeyed. Words in double quotes stay
/// one phrase; a word ending in `*` matches every word it begins. All must occur.
/// Control characters (NUL included) separate words, as they do for the tokenizer: FTS5
/// reads its expression as a C string, so a NUL inside a quoted word would end it unclosed.
public struct SearchTerms: Sendable, Hashable {
    /// The FTS5 MATCH expression for an index that keeps token positions (PostgreSQL's
    /// search reads its parts back from it).
    public let expression: String
    /// The quoted parts of `expression`: each word or phrase, and whether it ends in `*`.
    let quotedParts: [QuotedPart]

    struct QuotedPart: Sendable, Hashable {
        let text: String
        let prefix: Bool
    }

    /// Nil when the text holds no letter or digit to search for.
    public init?(_ text: String) {
        var parts: [String] = []
        var found: [QuotedPart] = []
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 })
        var rest = Substring(String(scalars))
        while let start = rest.firstIndex(where: { !$0.isWhitespace }) {
            rest = rest[start...]
            var term: Substring
            var quoted = false
            if rest.first == "\"" {
                let body = rest.dropFirst()
                let close = body.firstIndex(of: "\"") ?? body.endIndex
                term = body[..<close]
                rest = close == body.endIndex ? body[close...] : body[body.index(after: close)...]
                quoted = true
            } else {
                let end = rest.firstIndex(where: { $0.isWhitespace || $0 == "\"" }) ?? rest.endIndex
                term = rest[..<end]
                rest = rest[end...]
            }
            var prefix = false
            if !quoted, term.hasSuffix("*") {
                term = term.dropLast()
                prefix = true
            }
            // A term of punctuation alone is no word: FTS5 would find nothing for it anyway.
            guard term.contains(where: { $0.isLetter || $0.isNumber }) else { continue }
            parts.append("\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (prefix ? " *" : ""))
            found.append(QuotedPart(text: String(term), prefix: prefix))
        }
        guard !parts.isEmpty else { return nil }
        expression = parts.joined(separator: " ")
        quotedParts = found
    }
}

extension SQLiteArticleStore {
    /// Most matches a search ranks: the most recently stored ones.
    public static let rankedWindow = 1_000

    /// Articles matching the terms, ranked by `SearchRanking` (bm25 over which columns hold
    /// each term: title words weigh ten times text words), ties by the order they were
    /// stored; of more than `rankedWindow` matches, the newest stored are ranked. Ranks
    /// depend on the whole archive, so a search's later pages are exact only while the
    /// archive does not change.
    public func search(_ query: ArticleSearchQuery) throws -> Page<ArticleHit> {
        var after = ""
        var afterValues: [SQLiteValue] = []
        if let cursor = query.cursor {
            let fields = try Cursor.decode(cursor, kind: "search", count: 2)
            guard let rank = Double(fields[0]), let rowid = Int(fields[1]) else { throw StoreError.invalidCursor }
            after = "WHERE (rank > ? OR (rank = ? AND rowid > ?))"
            afterValues = [.real(rank), .real(rank), .int(rowid)]
        }
        let limit = max(1, query.limit)
        // Two steps: rank and pick the page over ids alone, then read the page's rows and
        // snippets (in one query SQLite would build every match's row and snippet before
        // sorting). Ranking costs about a microsecond a match, so it ranks the newest
        // `rankedWindow` matches only: all of them for any but the commonest words.
        // The filters read only seq and published_at: from articles_search, never from the
        // article rows (which a rowid lookup, the planner's choice without statistics, reads).
        func ranked(_ filter: WhereClause) -> String { """
            SELECT rank, rowid FROM (
                SELECT article_rank(articles_fts) AS rank, articles_fts.rowid AS rowid
                FROM articles_fts JOIN articles a INDEXED BY articles_search ON a.seq = articles_fts.rowid
                \(filter.sql)
                ORDER BY articles_fts.rowid DESC LIMIT \(Self.rankedWindow)
            )
            \(after)
            ORDER BY rank, rowid LIMIT ?
            """ }
        // The page's rows and snippets in one statement over the range of their rowids: a
        // prefix term's matches are gathered once per statement, not once per hit. The IN
        // is a check (unary plus), so the match drives and no hit re-runs it. The ranked
        // rows passed the phrase check already.
        let page = """
            SELECT \(Self.articleColumns), article_snippet(articles_fts, ?), articles_fts.rowid
            FROM articles_fts CROSS JOIN articles a ON a.seq = articles_fts.rowid
            WHERE articles_fts MATCH ? AND articles_fts.rowid >= ? AND articles_fts.rowid <= ?
              AND +articles_fts.rowid IN (SELECT value FROM json_each(?))
            """
        let (hits, more) = try readIndexed { db -> ([(hit: ArticleHit, rank: Double, rowid: Int)], Bool) in
            guard let tokenizer = db.fullText else { throw StoreError.corrupt("this libsqlite3 has no FTS5") }
            let plan = FullTextPlan(query.terms, tokenizer: tokenizer)
            guard let match = plan.match else { return ([], false) }
            var filter = WhereClause()
            filter.add("articles_fts MATCH ?", [.text(match)])
            if plan.checksAdjacency { filter.add("article_phrases(articles_fts, ?)", [.text(plan.phrases)]) }
            try Self.addArticleFilters(to: &filter, since: query.since, until: query.until,
                                       entity: query.entity, type: query.type, in: db)
            let ranked = ranked(filter)
            let ranks = try db.query(ranked, filter.values + afterValues + [.int(limit + 1)]) { (rank: $0.double(0), rowid: $0.int(1)) }
            let wanted = ranks.prefix(limit)
            var found: [Int: ArticleHit] = [:]
            if let low = wanted.map(\.rowid).min(), let high = wanted.map(\.rowid).max() {
                let list = "[" + wanted.map { String($0.rowid) }.joined(separator: ",") + "]"
                _ = try db.query(page, [.text(plan.phrases), .text(match), .int(low), .int(high), .text(list)]) { row in
                    found[row.int(10)] = ArticleHit(article: try Self.storedArticle(row), snippet: Self.snippetParts(row.text(9)))
                }
            }
            let hits = try wanted.map { hit in
                guard let article = found[hit.rowid] else { throw StoreError.corrupt("search hit \(hit.rowid) has no article") }
                return (hit: article, rank: hit.rank, rowid: hit.rowid)
            }
            return (hits, ranks.count > limit)
        }
        let next = more ? hits.last.map { Cursor.encode(kind: "search", ["\($0.rank)", String($0.rowid)]) } : nil
        return Page(items: hits.map(\.hit), nextCursor: next)
    }

    /// Splits `article_snippet`'s output at the markers it was given (U+E000 before a match,
    /// U+E001 after: private-use characters no article is expected to hold).
    static func snippetParts(_ text: String) -> [(text: String, match: Bool)] {
        var parts: [(text: String, match: Bool)] = []
        var current = ""
        var inMatch = false
        for scalar in text.unicodeScalars {
            if scalar.value == 0xE000 || scalar.value == 0xE001 {
                if !current.isEmpty { parts.append((current, inMatch)) }
                current = ""
                inMatch = scalar.value == 0xE000
            } else {
                current.unicodeScalars.append(scalar)
            }
        }
        if !current.isEmpty { parts.append((current, inMatch)) }
        return parts
    }
}
