extension Schema {
    /// The full-text index rebuilt with `detail=column`: per term and row it keeps which
    /// columns hold the term, not the term's positions, about 530 bytes an article less
    /// at 100,000 articles (the positions were the largest part of the whole database
    /// beyond the texts). What needed positions is done without them:
    ///
    /// - ranking: `article_rank` (`SearchRanking`), bm25 with a column holding a term
    ///   counted once, called by the search itself. The table keeps no `rank` setting
    ///   (the old one named `bm25(10.0, 1.0)`), so any SQLite client can still query it;
    /// - phrases (FTS5 refuses them on such an index): the search matches each token and
    ///   `article_phrases` checks the tokens are adjacent (`FullTextPlan`);
    /// - snippets: `article_snippet` tokenizes the page's rows, as `snippet()` did.
    ///
    /// The triggers that keep the index in step name the table, not its layout, so they
    /// stay. The old index's pages are reused by later writes (or returned by VACUUM).
    static func searchCompact(version: Int) -> Migration {
        Migration(version: version, name: "articles_fts without token positions", sql: """
            DROP TABLE articles_fts;
            CREATE VIRTUAL TABLE articles_fts USING fts5(
                title, text, content = 'articles', content_rowid = 'seq',
                tokenize = '\(FullTextFunctions.tokenize)', detail = column
            );
            INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
            """)
    }
}
