extension Schema {
    /// New articles are indexed for search once per transaction, not by a trigger per row
    /// (`SearchIndexing.indexArticles(in:in:)`; today for many writes at once, when
    /// `IndexBacklog` moves what waits).
    ///
    /// SQLite hands every statement that may need undoing inside a transaction a savepoint
    /// of each virtual table already written in it, and an FTS5 table answers a savepoint by
    /// writing out everything it holds in memory: with the trigger, each article's words
    /// became a segment of their own as soon as its next statement ran, even when many
    /// articles shared one commit. Indexed last, a batch's articles make one segment. The
    /// delete and update triggers stay: those changes are one article at a time.
    static func searchPerBatch(version: Int) -> Migration {
        Migration(version: version, name: "articles indexed for search once per write", sql: """
            DROP TRIGGER articles_fts_insert;
            """)
    }
}

/// Puts articles added in the current transaction into the search indexes: their title
/// and text into `articles_fts`, their figures' sentences into `figures_fts`.
enum SearchIndexing {
    /// The last article number before the transaction's new articles.
    static func lastArticle(in db: SQLiteConnection) throws -> Int64 {
        try db.int64("SELECT IFNULL(MAX(seq), 0) FROM articles") ?? 0
    }

    /// Indexes the articles whose numbers `numbers` (a subquery) selects: articles added
    /// since `lastArticle` wait in `IndexBacklog` first (articles are numbered in order, so
    /// those numbered after what it answered are the new ones).
    static func indexArticles(in numbers: String, in db: SQLiteConnection) throws {
        try db.run("INSERT INTO articles_fts (rowid, title, text) SELECT seq, title, text FROM articles WHERE seq IN (\(numbers)) ORDER BY seq")
        try db.run("""
            INSERT INTO figures_fts (rowid, sentence) SELECT f.id, \(FigureSearch.sentenceSlice)
            FROM article_figures r \(FigureRange.joinWithArticles) WHERE r.article_seq IN (\(numbers))
            """)
    }
}
