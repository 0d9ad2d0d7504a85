/// What a new article leaves for the indexes that cost far less written many articles at a
/// time: the rows that lead from an archive entity to the articles and figures that name
/// it (`article_entities`, `figure_entities`), and the full-text indexes (`articles_fts`,
/// `figures_fts`). The article's own transaction appends them to two small tables,
/// `ledger_pending` and `search_pending`; they are moved into the indexes, for all the
/// articles waiting at once, when `articlesPerMove` articles or `rowsPerMove` links wait.
///
/// Why: both link tables are keyed by entity, so one article's rows land on as many
/// scattered leaf pages as it has entities (~40 for a typical news article), and each page
/// changed is a 16 KB frame of the write-ahead log, checksummed, written and copied again
/// by the checkpoint; and each commit that indexes text makes a new FTS5 segment that
/// later merges rewrite. Appended, an article's share is a page or two; moved together,
/// each entity's leaf and the search segment are written once for all of them.
///
/// No answer may ever miss what waits: every read of those tables goes through the
/// store's `readIndexed`, which moves the backlog first, and so does every write that
/// removes an article's rows or unindexes its text (`LedgerWrite.remove`: FTS5 must be told
/// exactly what it indexed). What an earlier process left waits for the next of those
/// (opening a store writes nothing, so other processes' caches stay valid); a migration
/// that rewrites any of those tables must `move` first.
enum IndexBacklog {
    static let tables = """
        CREATE TABLE ledger_pending (
            article_seq INTEGER NOT NULL,
            ref INTEGER NOT NULL,          -- archive_entities.ref
            day INTEGER,                   -- a row of article_entities: the article's day
            figure_id INTEGER              -- or a row of figure_entities: the figure
        );
        -- Articles whose title, text and figure sentences are not yet in the search indexes.
        CREATE TABLE search_pending (article_seq INTEGER PRIMARY KEY);

        -- An article's words are taken out of the index only if they were put in: FTS5 must be
        -- told exactly what it indexed, and is corrupt otherwise. (Also when another process,
        -- such as the sqlite3 shell, changes a title.) One that waits is indexed as it is then.
        DROP TRIGGER articles_fts_delete;
        DROP TRIGGER articles_fts_update;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, text) SELECT 'delete', old.seq, old.title, old.text
                WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE article_seq = old.seq);
            DELETE FROM search_pending WHERE article_seq = old.seq;
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text, seq ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, text) SELECT 'delete', old.seq, old.title, old.text
                WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE article_seq = old.seq);
            INSERT INTO articles_fts (rowid, title, text) SELECT new.seq, new.title, new.text
                WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE article_seq = old.seq);
            UPDATE search_pending SET article_seq = new.seq WHERE article_seq = old.seq;
        END;
        """

    static func migration(version: Int) -> Migration {
        Migration(version: version, name: "entity links and search of new articles written in bulk", sql: tables)
    }

    /// Articles waiting that make the next write of new articles move the backlog.
    static let articlesPerMove = 64
    /// Links waiting that do the same (articles with very many entities).
    static let rowsPerMove = 2_000

    /// Queues the links of article `seq`: one per archive entity it names (`refs`, distinct),
    /// one per entity a figure's sentence names (`figureLinks`).
    static func addLinks(seq: Int64, day: Int, refs: [Int64], figureLinks: [(ref: Int64, figureID: Int64)],
                         in db: SQLiteConnection) throws {
        var values: [SQLiteValue] = []
        values.reserveCapacity(4 * (refs.count + figureLinks.count))
        for ref in refs { values.append(contentsOf: [.integer(seq), .integer(ref), .int(day), .null]) }
        for link in figureLinks { values.append(contentsOf: [.integer(seq), .integer(link.ref), .null, .integer(link.figureID)]) }
        // OR IGNORE (there is no constraint to break) spares SQLite the statement journal
        // of a many-row insert that could abort.
        try LedgerWrite.insertRows(values, width: 4, using: pendingInserts, in: db)
    }

    /// The INSERT of n rows into `ledger_pending`, by n (1 ... `LedgerWrite.rowsPerInsert`):
    /// made once, so each keeps one address and the connection finds its statement by it.
    private static let pendingInserts: [String] = LedgerWrite.multiRowInserts(
        "INSERT OR IGNORE INTO ledger_pending (article_seq, ref, day, figure_id) VALUES", tuple: "(?, ?, ?, ?)")

    /// Queues the articles numbered after `seq` for search (those a write added since
    /// `SearchIndexing.lastArticle` answered `seq`).
    static func addSearch(after seq: Int64, in db: SQLiteConnection) throws {
        try db.run("INSERT INTO search_pending (article_seq) SELECT seq FROM articles WHERE seq > ?", [.integer(seq)])
    }

    /// Whether anything waits.
    static func waiting(in db: SQLiteConnection) throws -> Bool {
        try db.int64("SELECT EXISTS (SELECT 1 FROM search_pending) OR EXISTS (SELECT 1 FROM ledger_pending)") == 1
    }

    /// Moves everything waiting into its index (links in that table's key order); inside
    /// the caller's write transaction.
    static func move(in db: SQLiteConnection) throws {
        guard try waiting(in: db) else { return }
        try db.run("""
            INSERT OR IGNORE INTO article_entities (ref, day, article_seq)
            SELECT ref, day, article_seq FROM ledger_pending WHERE figure_id IS NULL ORDER BY ref, day DESC, article_seq DESC
            """)
        try db.run("""
            INSERT OR IGNORE INTO figure_entities (ref, figure_id)
            SELECT ref, figure_id FROM ledger_pending WHERE figure_id IS NOT NULL ORDER BY ref, figure_id
            """)
        try db.run("DELETE FROM ledger_pending")
        try SearchIndexing.indexArticles(in: "SELECT article_seq FROM search_pending", in: db)
        try db.run("DELETE FROM search_pending")
    }

    /// `move`, when enough waits (after a write of new articles). `early` (for a writer with
    /// nothing else to do but wait: `GroupCommit`'s `whileWaiting`) moves at half as much,
    /// so that under a steady load most moves fall in those waits rather than in a batch
    /// its clients wait for.
    static func moveIfFull(in db: SQLiteConnection, early: Bool = false) throws {
        let share: Int64 = early ? 2 : 1
        let articles = try db.int64("SELECT COUNT(*) FROM search_pending") ?? 0
        let full = try articles * share >= Int64(articlesPerMove)
            || (db.int64("SELECT COUNT(*) FROM ledger_pending") ?? 0) * share >= Int64(rowsPerMove)
        if full { try move(in: db) }
    }
}
