extension Schema {
    /// The articles table rebuilt small (`ArticleRow` reads and writes this layout):
    ///
    /// - `seq` becomes the INTEGER PRIMARY KEY, so the table's rowid is the number the
    ///   full-text index and the per-article tables use: `articles_seq` goes, `articles_search`
    ///   keeps only (seq, published_at) (the id comes with the page's rows), and VACUUM can
    ///   no longer renumber rows under the index.
    /// - The duplicate check is a UNIQUE index over `identity`, a 16-byte digest of the
    ///   text hash, title, url, source and publication date, instead of a copy of them all.
    /// - `text_hash` (32 bytes) and `entities_tag` (12) are stored as bytes, not hex;
    ///   `received_at` as milliseconds since 1970; the extractor version as a reference to
    ///   `extractor_versions`. The API still sees hex, ISO 8601 text and the version name.
    ///
    /// The rows are copied in seq order with their seq, so the full-text index stays valid
    /// (its triggers are dropped during the copy and made again). A hash or tag that is not
    /// the hex this program writes is kept as the text it was. `reextract_pending` points at
    /// articles with ON DELETE CASCADE, so it is set aside while the old table is dropped.
    static func articlesCompact(version: Int) -> Migration {
        Migration(version: version, name: "compact articles rows and indexes", sql: """
            DROP TRIGGER articles_fts_insert;
            DROP TRIGGER articles_fts_delete;
            DROP TRIGGER articles_fts_update;
            CREATE TABLE reextract_kept AS SELECT article_id FROM reextract_pending;
            DROP TABLE reextract_pending;

            CREATE TABLE extractor_versions (
                ref INTEGER PRIMARY KEY,
                version TEXT NOT NULL UNIQUE
            );
            INSERT INTO extractor_versions (version) SELECT DISTINCT extractor_version FROM articles ORDER BY 1;
            CREATE TABLE articles_compact (\(ArticleRow.tableColumns));
            INSERT INTO articles_compact (seq, id, published_at, received_at, extractor_ref, text_hash, identity,
                                          entities_tag, title, url, source, text)
            SELECT a.seq, a.id, a.published_at, 0, v.ref, a.text_hash, X'', a.entities_tag, a.title, a.url, a.source, a.text
            FROM articles a JOIN extractor_versions v ON v.version = a.extractor_version
            ORDER BY a.seq;
            """, backfill: { db in
            let rows = try db.query("""
                SELECT a.seq, a.received_at, a.text_hash, a.entities_tag, a.title, a.url, a.source, a.published_at, a.id
                FROM articles a
                """) { row in
                (seq: row.int64(0), received: row.text(1), hash: row.text(2), tag: row.optionalText(3),
                 title: row.optionalText(4), url: row.optionalText(5), source: row.optionalText(6),
                 published: row.text(7), id: row.text(8))
            }
            for row in rows {
                guard let received = Timestamp.parse(row.received) else {
                    throw StoreError.corrupt("article \(row.id) has a bad received_at \(row.received)")
                }
                let identity = ArticleRow.identity(hash: row.hash, title: row.title, url: row.url,
                                                   source: row.source, publishedAt: row.published)
                try db.run("""
                    UPDATE articles_compact SET received_at = ?, text_hash = ?, identity = ?, entities_tag = ? WHERE seq = ?
                    """, [.integer(Timestamp.milliseconds(received)), ArticleRow.hexValue(row.hash, bytes: 32),
                          .blob(identity), row.tag.map { ArticleRow.hexValue($0, bytes: 12) } ?? .null, .integer(row.seq)])
            }
            // Dropping the old table deletes its rows first, cascading to any table that points
            // at them: one this migration does not know of would be emptied, so it stops instead.
            let children = try db.query("""
                SELECT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f
                WHERE m.type = 'table' AND f."table" = 'articles'
                """) { $0.text(0) }
            guard children.isEmpty else {
                throw StoreError.corrupt("tables \(children) point at articles: migration 10 would empty them")
            }
            try db.execute("""
                DROP TABLE articles;
                ALTER TABLE articles_compact RENAME TO articles;
                \(ArticleRow.indexes)
                \(ArticleRow.triggers)
                CREATE TABLE reextract_pending (
                    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE
                ) WITHOUT ROWID;
                INSERT INTO reextract_pending (article_id) SELECT article_id FROM reextract_kept;
                DROP TABLE reextract_kept;
                """)
        })
    }
}
