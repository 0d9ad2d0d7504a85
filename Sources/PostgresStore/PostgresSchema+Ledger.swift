import PostgresClient

extension PostgresSchema {
    /// The figures ledger: archive entities, their names, figures and totals. The same
    /// logical tables as SQLite's (Schema+Ledger.swift) in PostgreSQL's types: amounts and
    /// totals are `numeric` (exact, so sums and comparisons never pass through a Double),
    /// mentions are packed into `bytea` by `MentionPacking`, a figure's sentence is kept as a
    /// `tsvector` with a GIN index for `q`. Text that listings sort or compare by range is
    /// `COLLATE "C"`: byte order, as SQLite compares, whatever the database's locale.
    /// Per-article rows go with their article (`ON DELETE CASCADE`).
    static let ledger: [PostgresMigration] = [archive, figuresOrder]

    static let archive = PostgresMigration(version: 2, name: "figures ledger", sql: """
        -- One row per entity across the archive (same type and key, after the surname join).
        -- ref numbers them in creation order: the tie-break of every listing of them.
        CREATE TABLE archive_entities (
            ref bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id text COLLATE "C" NOT NULL UNIQUE,  -- ent_ + 16 hex digits of SHA-256(type, 0x1F, key)
            type text COLLATE "C" NOT NULL,
            key text COLLATE "C" NOT NULL,
            name text COLLATE "C" NOT NULL,       -- canonical: the longest name an article gave it
            folded text COLLATE "C" NOT NULL,     -- lower-cased name: q prefix and sort=name
            surname text COLLATE "C",             -- last word of a multi-word name key
            article_count integer NOT NULL,
            mention_count integer NOT NULL
        );
        CREATE INDEX archive_entities_surname ON archive_entities (surname, mention_count DESC) WHERE surname IS NOT NULL;
        CREATE INDEX archive_entities_type_articles ON archive_entities (type, article_count DESC, ref);
        CREATE INDEX archive_entities_type_mentions ON archive_entities (type, mention_count DESC, ref);
        CREATE INDEX archive_entities_type_name ON archive_entities (type, folded, ref);

        -- Names seen for each archive entity: mentions written so, and articles naming it so.
        CREATE TABLE archive_names (
            ref bigint NOT NULL REFERENCES archive_entities (ref) ON DELETE CASCADE,
            name text COLLATE "C" NOT NULL,
            mentions integer NOT NULL,
            canonical integer NOT NULL,
            PRIMARY KEY (ref, name)
        );

        CREATE TABLE article_entities (
            article_seq bigint NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
            position integer NOT NULL,            -- stored order: first mention, then id
            ref bigint NOT NULL,                  -- archive_entities.ref, which also gives the type
            day integer NOT NULL,                 -- the article's published_at, days since 1970-01-01
            name text NOT NULL,
            key text,                             -- NULL: the archive entity's key (it differs after a surname join)
            mentions bytea NOT NULL,              -- MentionPacking: start, length, text index
            texts text,                           -- mention texts other than the name, 0x1F between
            date text,                            -- date values: date or from
            date_to text,
            grain text,
            PRIMARY KEY (article_seq, position)
        );
        CREATE INDEX article_entities_ref ON article_entities (ref, day DESC, article_seq DESC);

        CREATE TABLE figures (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            article_seq bigint NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
            position integer NOT NULL,            -- its money entity in article_entities
            published_day integer NOT NULL,
            amount numeric NOT NULL,
            currency text COLLATE "C" NOT NULL,
            currency_resolution text NOT NULL,
            currency_evidence text,
            qualifier text,
            min_amount numeric,
            max_amount numeric,
            text text NOT NULL,
            start integer NOT NULL,
            "end" integer NOT NULL,
            sentence_start integer NOT NULL,
            sentence_end integer NOT NULL,
            date_start integer NOT NULL,          -- the figure's date, days since 1970-01-01
            date_position integer,                -- the date entity of its sentence; NULL: the article's date
            date_mention integer,                 -- start of that date's mention in the sentence
            sentence_search tsvector NOT NULL     -- the sentence's words, for /v1/figures?q=
        );
        -- Each sort with its tie-break (id ascending in both directions), alone and by currency.
        CREATE INDEX figures_article ON figures (article_seq, start);
        CREATE INDEX figures_currency_amount ON figures (currency, amount, id);
        CREATE INDEX figures_currency_amount_desc ON figures (currency, amount DESC, id);
        CREATE INDEX figures_amount ON figures (amount, id);
        CREATE INDEX figures_amount_desc ON figures (amount DESC, id);
        CREATE INDEX figures_published ON figures (published_day, id);
        CREATE INDEX figures_published_desc ON figures (published_day DESC, id);
        CREATE INDEX figures_date ON figures (date_start);
        CREATE INDEX figures_search ON figures USING gin (sentence_search);

        -- The people, organisations and places each figure's sentence mentions.
        CREATE TABLE figure_entities (
            ref bigint NOT NULL,
            figure_id bigint NOT NULL REFERENCES figures (id) ON DELETE CASCADE,
            PRIMARY KEY (ref, figure_id)
        );
        CREATE INDEX figure_entities_figure ON figure_entities (figure_id);

        -- Count, exact total, min and max per group and currency, kept at write time.
        CREATE TABLE figure_totals (
            grouping text COLLATE "C" NOT NULL,   -- currency, month, entity, article
            group_key text COLLATE "C" NOT NULL,  -- code, YYYY-MM, ent_ id, or published_at + ' ' + art_ id
            currency text COLLATE "C" NOT NULL,
            count integer NOT NULL,
            total numeric NOT NULL,
            min_amount numeric NOT NULL,
            max_amount numeric NOT NULL,
            PRIMARY KEY (grouping, group_key, currency)
        );
        """)
}
