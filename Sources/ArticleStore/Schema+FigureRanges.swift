extension Schema {
    /// `article_figures` as migration 12 leaves it; migration 6 creates it so too (its
    /// backfill writes through today's code).
    static let articleFiguresTable = """
        CREATE TABLE article_figures (
            article_seq INTEGER PRIMARY KEY,
            first_figure INTEGER NOT NULL,  -- the article's figures are ids first_figure ..< first_figure + figure_count
            figure_count INTEGER NOT NULL
        );
        """

    /// An article's figures are written in one transaction with consecutive ids
    /// (`LedgerWrite` numbers them so), so the article keeps their range, one short row per
    /// article, instead of an index entry per figure (`figures_article`, ~90 B/article):
    /// removal, re-extraction, the article filter and the entity filter in article scope
    /// read the range and then the figures by id.
    ///
    /// `figures_date` keeps only the figures dated by their sentence (~4% in
    /// `bench-archive.sh`'s corpus): one dated by its article has its article's day
    /// (`published_day`), which `figures_published` finds (`FigureFilterSet.dateRange`).
    ///
    /// The per-article totals of `figure_totals` go too (~150 B/article): the summary by
    /// article adds up each listed article's few figures when it is asked (see
    /// `SQLiteArticleStore.articleTotals`), with the same answers and cursors.
    ///
    /// A database whose figures of one article are not consecutive (this program never
    /// writes them so) stops the migration rather than renumbering ids the API gave out.
    /// The freed pages go to the free list, reused by later writes; the file shrinks only
    /// after a VACUUM (see migration 7).
    static func figureRanges(version: Int) -> Migration {
        Migration(version: version, name: "figure ranges per article, no per-article totals", sql: "", backfill: { db in
            let scattered = try db.query("""
                SELECT article_seq FROM figures GROUP BY article_seq HAVING MAX(id) - MIN(id) + 1 <> COUNT(*) LIMIT 5
                """) { $0.int64(0) }
            guard scattered.isEmpty else {
                throw StoreError.corrupt("the figures of articles \(scattered) are not numbered consecutively")
            }
            let misdated = try db.query("""
                SELECT id FROM figures WHERE date_position IS NULL AND date_start <> published_day LIMIT 5
                """) { $0.int64(0) }
            guard misdated.isEmpty else {
                throw StoreError.corrupt("figures \(misdated) are dated by their article but not on its day")
            }
            try db.execute("""
                DROP TABLE IF EXISTS article_figures;
                \(articleFiguresTable)
                INSERT INTO article_figures (article_seq, first_figure, figure_count)
                SELECT article_seq, MIN(id), COUNT(*) FROM figures GROUP BY article_seq ORDER BY article_seq;
                DROP INDEX IF EXISTS figures_article;
                DROP INDEX IF EXISTS figures_date;
                CREATE INDEX figures_date ON figures (date_start) WHERE date_position IS NOT NULL;
                DELETE FROM figure_totals WHERE grouping = \(FigureTotals.Group.code(.article));
                """)
        })
    }
}

/// SQL over an article's figure range (`article_figures`).
enum FigureRange {
    /// Joins the figures `f` of the range row `r`, by id: a search of the table's own key.
    static func join(_ f: String = "f", range r: String = "r") -> String {
        "CROSS JOIN figures \(f) ON \(f).id BETWEEN \(r).first_figure AND \(r).first_figure + \(r).figure_count - 1"
    }

    /// `join()`, then each figure's article `a` (for its sentence), also by CROSS JOIN: with
    /// statistics for articles and none for figures, the planner otherwise starts from every
    /// article and builds an automatic index on figures (`QueryPlanTests`).
    static let joinWithArticles = join() + " CROSS JOIN articles a ON a.seq = f.article_seq"

    /// The condition on `f.id` for the figures of the article with id `?` (bound twice).
    static func ofArticleID(_ f: String = "f") -> String {
        """
        \(f).id BETWEEN (SELECT r.first_figure FROM articles a CROSS JOIN article_figures r ON r.article_seq = a.seq WHERE a.id = ?)
            AND (SELECT r.first_figure + r.figure_count - 1 FROM articles a CROSS JOIN article_figures r ON r.article_seq = a.seq WHERE a.id = ?)
        """
    }

    /// The condition on `f.id` for the figures of articles that name one of `refs` (`IN (…)`).
    static func ofArticlesNaming(_ refs: String, _ f: String = "f") -> String {
        """
        \(f).id IN (SELECT f2.id FROM article_entities e CROSS JOIN article_figures r ON r.article_seq = e.article_seq
            \(join("f2")) WHERE e.ref IN \(refs))
        """
    }

    /// The range of article `seq`: first id and count (0, 0 without figures).
    static func of(seq: Int64, in db: SQLiteConnection) throws -> (first: Int64, count: Int64) {
        try db.query("SELECT first_figure, figure_count FROM article_figures WHERE article_seq = ?", [.integer(seq)]) {
            (first: $0.int64(0), count: $0.int64(1))
        }.first ?? (0, 0)
    }
}
