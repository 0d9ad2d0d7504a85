import PostgresClient

/// The PostgreSQL schema, as migrations applied in order (each once, recorded in the
/// migrator's table). The same tables, indexes and write-time aggregates as the SQLite
/// schema, in PostgreSQL's types: `numeric` amounts, `tsvector` + GIN for full text.
enum PostgresSchema {
    static let migrations: [PostgresMigration] = [articles] + ledger

    /// Articles and their full text. `seq` numbers articles in the order stored; the ledger's
    /// rows refer to it (`REFERENCES articles (seq) ON DELETE CASCADE`).
    static let articles = PostgresMigration(version: 1, name: "articles", sql: """
        -- What full text compares: lower case, accents gone (as SQLite's FTS5 with
        -- remove_diacritics), so `zurich` finds `Zürich`; ASCII punctuation is a space, so words
        -- split where FTS5 splits them and PostgreSQL's parser never reads `<ammunition>` as a tag,
        -- or a path, an address or a URL as one token. Immutable, so a generated column can use it.
        CREATE FUNCTION article_search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
            RETURN lower(regexp_replace(regexp_replace(normalize(t, NFD), '[\\u0300-\\u036f]', '', 'g'),
                                        '[!-/:-@\\[-`{-~]+', ' ', 'g'));
        CREATE TABLE articles (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id text NOT NULL UNIQUE,
            text text NOT NULL,
            title text,
            url text,
            source text,
            published_at date NOT NULL,
            received_at timestamptz NOT NULL,
            text_hash text NOT NULL,
            extractor_version text NOT NULL,
            entities_tag text,
            -- A word in the title weighs as much as ten in the text (as in SQLite's bm25 weights).
            search tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('simple', article_search_fold(coalesce(title, ''))), 'A')
                || to_tsvector('simple', article_search_fold(text))
            ) STORED
        );
        -- Re-posting the same text with the same metadata is the same article: the constraint,
        -- not a read first, decides between two nodes posting it at once.
        CREATE UNIQUE INDEX articles_dedup ON articles (
            text_hash, coalesce(title, ''), coalesce(url, ''), coalesce(source, ''), published_at
        );
        CREATE INDEX articles_newest ON articles (published_at, received_at, id);
        CREATE INDEX articles_search ON articles USING gin (search);
        CREATE TABLE reextract_pending (
            article_id text PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE
        );
        """)
}
