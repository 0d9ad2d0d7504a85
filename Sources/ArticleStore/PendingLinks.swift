/// The rows that lead from an archive entity to the articles and figures that name it
/// (`article_entities`, `figure_entities`) are written for a new article in its own
/// transaction, but first to `ledger_pending`, an append-only table, and moved into those
/// tables many articles at a time.
///
/// Both tables are keyed by entity, so one article's rows land on as many scattered leaf
/// pages as it has entities (~40 for a typical news article), and each page changed is a
/// 16 KB frame of the write-ahead log, checksummed, written and later copied again by the
/// checkpoint: most of the log a POST wrote. Appended to `ledger_pending` they fill one or
/// two pages; moved in entity order once `rowsPerMove` rows wait, each entity's leaf is
/// written once for all the articles of the move.
///
/// Nothing reads `ledger_pending` but this type. So that no answer ever misses a row, every
/// read of `article_entities` or `figure_entities` goes through the store's `readLinked`,
/// which moves what waits first, and so does every write that removes an article's rows
/// (`LedgerWrite.remove`). Rows an earlier process left wait for the next of those (opening
/// a store writes nothing, so another process's caches stay valid); a migration that
/// rewrites either table must `move` first.
enum PendingLinks {
    static let table = """
        CREATE TABLE ledger_pending (
            article_seq INTEGER NOT NULL,
            ref INTEGER NOT NULL,          -- archive_entities.ref
            day INTEGER,                   -- a row of article_entities: the article's day
            figure_id INTEGER              -- or a row of figure_entities: the figure
        );
        """

    static func migration(version: Int) -> Migration {
        Migration(version: version, name: "entity links of new articles written in bulk", sql: table)
    }

    /// Rows waiting that make the next write of new articles move them all.
    static let rowsPerMove = 2_000

    /// Queues the rows of article `seq`: one per archive entity it names (`refs`, distinct),
    /// one per entity a figure's sentence names (`figureLinks`).
    static func add(seq: Int64, day: Int, refs: [Int64], figureLinks: [(ref: Int64, figureID: Int64)],
                    in db: SQLiteConnection) throws {
        let rows = refs.map { [SQLiteValue.integer(seq), .integer($0), .int(day), .null] }
            + figureLinks.map { [SQLiteValue.integer(seq), .integer($0.ref), .null, .integer($0.figureID)] }
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + LedgerWrite.rowsPerInsert)]
            let tuples = Array(repeating: "(?, ?, ?, ?)", count: chunk.count).joined(separator: ", ")
            // OR IGNORE (there is no constraint to break) spares SQLite the statement journal
            // of a many-row insert that could abort.
            try db.run("INSERT OR IGNORE INTO ledger_pending (article_seq, ref, day, figure_id) VALUES \(tuples)",
                       Array(chunk.joined()))
            start += chunk.count
        }
    }

    /// Whether any row waits.
    static func waiting(in db: SQLiteConnection) throws -> Bool {
        try db.int64("SELECT EXISTS (SELECT 1 FROM ledger_pending)") == 1
    }

    /// Moves every waiting row into its table, in that table's key order; inside the
    /// caller's write transaction.
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
    }

    /// `move`, when at least `rowsPerMove` rows wait (after a write of new articles).
    static func moveIfFull(in db: SQLiteConnection) throws {
        guard try db.int64("SELECT COUNT(*) FROM ledger_pending") ?? 0 >= Int64(rowsPerMove) else { return }
        try move(in: db)
    }
}
