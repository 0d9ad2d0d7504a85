extension Schema {
    /// Archive-wide entities, figures with their context and write-time totals, in a compact
    /// form: per-article rows point at archive entities and articles by small integers,
    /// mentions are packed into one blob per entity, values live in typed columns, and a
    /// figure's sentence is read back from the article text by its offsets. Rendered entity
    /// JSON is no longer kept (the tag is): `GET …/entities` renders from these rows.
    /// The per-article entities have the layout of migration 8 (`entitySetTables`), which
    /// converts databases this migration gave one row per entity.
    ///
    /// Existing databases are backfilled from their stored rows (no re-extraction): the
    /// old `entities`, `mentions`, `figures` and `entity_json` tables are read article by
    /// article, oldest first, through the same write path as a new POST, then dropped.
    static func ledger(version: Int) -> Migration {
        Migration(version: version, name: "archive entities, figure context, compact storage", sql: """
            -- articles.seq, the number per-article rows point at, comes with the full-text index.
            ALTER TABLE entities RENAME TO old_entities;
            ALTER TABLE mentions RENAME TO old_mentions;
            ALTER TABLE figures RENAME TO old_figures;
            DROP INDEX entities_key;
            DROP INDEX entities_entity_id;
            DROP INDEX figures_currency_amount;
            DROP INDEX figures_currency_amount_desc;
            DROP INDEX figures_amount;
            DROP INDEX figures_amount_desc;
            DROP INDEX figures_published;
            DROP INDEX figures_published_desc;
            DROP INDEX figures_entity;

            -- One row per entity across the archive (same type and key, after the surname join).
            CREATE TABLE archive_entities (
                ref INTEGER PRIMARY KEY,
                id TEXT NOT NULL,              -- ent_ + 16 hex digits of SHA-256(type, 0x1F, key)
                type TEXT NOT NULL,
                key TEXT NOT NULL,
                name TEXT NOT NULL,            -- canonical: the longest name an article gave it
                folded TEXT NOT NULL,          -- lower-cased name: q prefix and sort=name
                surname TEXT,                  -- last word of a multi-word person key
                article_count INTEGER NOT NULL,
                mention_count INTEGER NOT NULL
            );
            -- The id is a hash of type and key, so it is also the (type, key) lookup.
            CREATE UNIQUE INDEX archive_entities_id ON archive_entities (id);
            CREATE INDEX archive_entities_surname ON archive_entities (surname, mention_count DESC) WHERE surname IS NOT NULL;
            -- One index per sort and type; a listing of all types merges the five (few rows each).
            CREATE INDEX archive_entities_type_articles ON archive_entities (type, article_count DESC, ref);
            CREATE INDEX archive_entities_type_mentions ON archive_entities (type, mention_count DESC, ref);
            CREATE INDEX archive_entities_type_name ON archive_entities (type, folded, ref);

            -- Names seen for each archive entity: mentions written so, and articles naming it so.
            CREATE TABLE archive_names (
                ref INTEGER NOT NULL,
                name TEXT NOT NULL,
                mentions INTEGER NOT NULL,
                canonical INTEGER NOT NULL,
                PRIMARY KEY (ref, name)
            ) WITHOUT ROWID;

            \(entitySetTables)

            CREATE TABLE figures (
                \(figureColumns)
            );
            CREATE INDEX figures_article ON figures (article_seq, start);
            CREATE INDEX figures_currency_amount ON figures (currency, amount_real);
            CREATE INDEX figures_currency_amount_desc ON figures (currency, amount_real DESC);
            CREATE INDEX figures_amount ON figures (amount_real);
            CREATE INDEX figures_amount_desc ON figures (amount_real DESC);
            CREATE INDEX figures_published ON figures (published_day);
            CREATE INDEX figures_published_desc ON figures (published_day DESC);
            CREATE INDEX figures_date ON figures (date_start);
            -- As migration 12 leaves it (the backfill below writes through today's code).
            \(articleFiguresTable)

            -- The people, organisations and places each figure's sentence mentions.
            CREATE TABLE figure_entities (
                ref INTEGER NOT NULL,
                figure_id INTEGER NOT NULL,
                PRIMARY KEY (ref, figure_id)
            ) WITHOUT ROWID;
            -- From a figure to its entities: summaries by entity over filtered figures.
            CREATE INDEX figure_entities_figure ON figure_entities (figure_id);

            -- Full text of each figure's sentence, for /v1/figures?q= (the text stays in articles).
            CREATE VIRTUAL TABLE figures_fts USING fts5 (sentence, content = '', tokenize = 'unicode61 remove_diacritics 2');

            -- Count, exact total, min and max per group and currency, kept at write time.
            -- As migration 9 leaves it (the backfill below writes through today's code).
            \(figureTotalsTable)
            """, backfill: { db in try LedgerBackfill.run(db) })
    }
}
