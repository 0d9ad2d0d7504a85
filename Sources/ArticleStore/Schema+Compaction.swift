extension Schema {
    /// Indexes the queries do not need. A descending sort by publication day walks
    /// `figures_published` backwards and sorts only each day's figures by id (a few
    /// hundred at most), so its DESC twin goes. The amount DESC indexes stay: one amount
    /// can be shared by tens of thousands of figures (round sums), which a backward walk
    /// would have to sort whole for each page.
    ///
    /// New databases also get 16 KB pages (`SQLiteConnection`): with 4 KB pages an article
    /// row of about 2 KB of text left a third of each page of the articles table empty.
    /// Existing files keep their page size until an operator runs VACUUM (with
    /// `PRAGMA journal_mode = DELETE` and `PRAGMA page_size = 16384` first); the pages the
    /// dropped index held are reused by later writes.
    static func compaction(version: Int) -> Migration {
        Migration(version: version, name: "no descending twin of figures_published", sql: """
            DROP INDEX figures_published_desc;
            """)
    }
}
