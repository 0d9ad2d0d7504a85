/// The whole schema, as numbered migrations. Offsets are Unicode code point offsets;
/// dates are `YYYY-MM-DD` text and times ISO 8601 UTC text, so both sort as text.
enum Schema {
    static let migrations: [Migration] = [
        Migration(version: 1, name: "articles, entities, mentions, figures", sql: """
            CREATE TABLE articles (
                id TEXT PRIMARY KEY,
                text TEXT NOT NULL,
                title TEXT,
                url TEXT,
                source TEXT,
                published_at TEXT NOT NULL,
                received_at TEXT NOT NULL,
                text_hash TEXT NOT NULL,
                extractor_version TEXT NOT NULL
            );
            -- Re-posting the same text with the same metadata is the same article.
            CREATE UNIQUE INDEX articles_dedup ON articles (
                text_hash, IFNULL(title, ''), IFNULL(url, ''), IFNULL(source, ''), published_at
            );
            CREATE INDEX articles_newest ON articles (published_at, received_at, id);

            CREATE TABLE entities (
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                entity_id TEXT NOT NULL,
                type TEXT NOT NULL,
                name TEXT NOT NULL,
                key TEXT NOT NULL,
                value_json TEXT,
                first_start INTEGER NOT NULL,
                mention_count INTEGER NOT NULL,
                PRIMARY KEY (article_id, entity_id)
            ) WITHOUT ROWID;  -- the key is the lookup path; no second copy of it in a rowid index
            -- Covering the cross-article entity summaries: they group all rows by key and type.
            CREATE INDEX entities_key ON entities (key, type, article_id, mention_count, name);
            CREATE INDEX entities_entity_id ON entities (entity_id);

            CREATE TABLE mentions (
                article_id TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                text TEXT NOT NULL,
                PRIMARY KEY (article_id, entity_id, start, "end"),
                FOREIGN KEY (article_id, entity_id) REFERENCES entities (article_id, entity_id) ON DELETE CASCADE
            ) WITHOUT ROWID;

            CREATE TABLE figures (
                id INTEGER PRIMARY KEY,
                article_id TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                -- Copied from the article (never changes) so date filters and sorts use one index.
                published_at TEXT NOT NULL,
                amount TEXT NOT NULL,          -- exact: Decimal's description
                amount_real REAL NOT NULL,     -- for range filters, sorting and the index
                currency TEXT NOT NULL,
                currency_resolution TEXT NOT NULL,
                qualifier TEXT,
                min_amount TEXT,
                max_amount TEXT,
                text TEXT NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                sentence TEXT NOT NULL,
                sentence_start INTEGER NOT NULL,
                sentence_end INTEGER NOT NULL,
                FOREIGN KEY (article_id, entity_id) REFERENCES entities (article_id, entity_id) ON DELETE CASCADE
            );
            -- Each sort in both directions: ties are broken by id ascending (text order) either
            -- way, so a descending sort needs its own DESC index to avoid sorting every match.
            CREATE INDEX figures_currency_amount ON figures (currency, amount_real);
            CREATE INDEX figures_currency_amount_desc ON figures (currency, amount_real DESC);
            CREATE INDEX figures_amount ON figures (amount_real);
            CREATE INDEX figures_amount_desc ON figures (amount_real DESC);
            CREATE INDEX figures_published ON figures (published_at);
            CREATE INDEX figures_published_desc ON figures (published_at DESC);
            CREATE INDEX figures_entity ON figures (article_id, entity_id);
            """),
        // What decided a figure's currency when the text did not say it (`place:New Zealand`).
        Migration(version: 2, name: "figures.currency_evidence", sql: """
            ALTER TABLE figures ADD COLUMN currency_evidence TEXT;
            """),
        // The entity JSON of each article, rendered once when it is stored or re-extracted,
        // one row per entity so a type filter still selects; the tag names the whole set.
        // Articles stored before (entities_tag NULL) are rendered on demand.
        Migration(version: 3, name: "rendered entity JSON", sql: """
            ALTER TABLE articles ADD COLUMN entities_tag TEXT;
            CREATE TABLE entity_json (
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                type TEXT NOT NULL,
                json BLOB NOT NULL,
                PRIMARY KEY (article_id, position)
            ) WITHOUT ROWID;
            """),
        // Full-text search over title and text. External content (no second copy of the
        // text), keyed by seq (the article's number, which the ledger's
        // per-article tables use too): the articles table's own rowid may change on VACUUM
        // (it has no INTEGER PRIMARY KEY), which would unhook the index from its rows.
        // Triggers keep the index in step inside the transaction that changes the article.
        Migration(version: 4, name: "articles_fts", sql: """
            ALTER TABLE articles ADD COLUMN seq INTEGER;
            UPDATE articles SET seq = rowid;
            CREATE UNIQUE INDEX articles_seq ON articles (seq);
            -- Also covers the search's filters on date and id, so ranking many matches
            -- never reads the article rows themselves.
            CREATE INDEX articles_search ON articles (seq, published_at, id);
            CREATE VIRTUAL TABLE articles_fts USING fts5(
                title, text, content = 'articles', content_rowid = 'seq',
                tokenize = 'unicode61 remove_diacritics 2'
            );
            -- A word in the title counts ten times one in the text.
            INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
            INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
            \(ArticleRow.triggers)
            """),
        // The articles a `reextract` run has still to do: queued when it starts, each removed
        // in the transaction that re-extracts it, so a run that is killed resumes where it stopped.
        Migration(version: 5, name: "reextract_pending", sql: """
            CREATE TABLE reextract_pending (
                article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE
            ) WITHOUT ROWID;
            """),
        Schema.ledger(version: 6),
        Schema.compaction(version: 7),
        Schema.entitiesPack(version: 8),
        Schema.figuresCompact(version: 9),
        Schema.articlesCompact(version: 10),
        Schema.searchCompact(version: 11),
        Schema.figureRanges(version: 12),
        Schema.searchPerBatch(version: 13),
        IndexBacklog.migration(version: 14),
    ]
}
