import EntityExtraction

extension Schema {
    /// An article's entities as one row: an `EntitySetPacking` blob that keeps mention and
    /// name texts by reference to the article text, with a bit per entity type for the
    /// listing's type filter. The lookup from an archive entity to its articles is a table
    /// of only its key, newest first (entity pages and `entity` filters read it).
    static let entitySetTables = """
        CREATE TABLE article_entity_sets (
            article_seq INTEGER PRIMARY KEY,
            types INTEGER NOT NULL,        -- EntitySetPacking.typeBit of each type it has
            entities BLOB NOT NULL         -- EntitySetPacking, in stored order: first mention, then id
        );
        CREATE TABLE article_entities (
            ref INTEGER NOT NULL,          -- archive_entities.ref
            day INTEGER NOT NULL,          -- the article's published_at, days since 1970-01-01
            article_seq INTEGER NOT NULL,
            PRIMARY KEY (ref, day DESC, article_seq DESC)
        ) WITHOUT ROWID;
        """

    /// Databases whose ledger was written with one row per entity (migration 6 before this
    /// layout) are converted article by article from their stored rows; the old table and
    /// its index go. A database whose migration 6 already made this layout has nothing to do.
    static func entitiesPack(version: Int) -> Migration {
        Migration(version: version, name: "one entity set per article", sql: "", backfill: { db in
            let old = try db.query("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'article_entities_ref'") { _ in true }
            guard !old.isEmpty else { return }
            try db.execute("""
                DROP INDEX article_entities_ref;
                ALTER TABLE article_entities RENAME TO old_article_entities;
                \(entitySetTables)
                """)
            try EntitySetConversion.run(db)
            try db.execute("DROP TABLE old_article_entities;")
        })
    }
}

/// Reads the per-entity rows of each article (with the article's text) and writes its set.
enum EntitySetConversion {
    static func run(_ db: SQLiteConnection) throws {
        // Numbers and dates first, each text as its article comes: not every text at once.
        let articles = try db.query("SELECT seq, published_at FROM articles ORDER BY seq") { row in
            (seq: row.int64(0), published: try CivilDate.stored(row.text(1)))
        }
        for article in articles {
            let text = try db.query("SELECT text FROM articles WHERE seq = ?", [.integer(article.seq)]) { $0.text(0) }.first ?? ""
            var types = 0
            let items = try db.query("""
                SELECT e.position, e.ref, e.name, e.key, e.mentions, e.texts, e.date, e.date_to, e.grain, x.type
                FROM old_article_entities e JOIN archive_entities x ON x.ref = e.ref
                WHERE e.article_seq = ? ORDER BY e.position
                """, [.integer(article.seq)]) { row -> (position: Int, item: EntitySetPacking.Item) in
                let name = row.text(2)
                var date: DateValue?
                if let grainText = row.optionalText(8) {
                    guard let grain = DateGrain(rawValue: grainText) else { throw StoreError.corrupt("date grain \(grainText)") }
                    let first = row.optionalText(6), to = row.optionalText(7)
                    date = to == nil ? DateValue(date: first, grain: grain) : DateValue(from: first, to: to, grain: grain)
                }
                let typeText = row.text(9)
                guard let type = EntityType(rawValue: typeText) else { throw StoreError.corrupt("entity type \(typeText)") }
                types |= EntitySetPacking.typeBit(type)
                let mentions = try MentionPacking.unpack(row.bytes(4), name: name, texts: row.optionalText(5))
                return (row.int(0), EntitySetPacking.Item(ref: row.int64(1), name: name, key: row.optionalText(3),
                                                          mentions: mentions, date: date))
            }
            guard items.map(\.position) == Array(items.indices) else {
                throw StoreError.corrupt("article \(article.seq): entity positions \(items.map(\.position))")
            }
            try LedgerWrite.storeSet(items.map(\.item), types: types, seq: article.seq, day: article.published.dayNumber,
                                     text: text, in: db)
        }
    }
}
