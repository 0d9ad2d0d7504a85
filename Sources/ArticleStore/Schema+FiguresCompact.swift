import EntityExtraction
import Foundation

extension Schema {
    /// The columns of `figures` as migration 9 leaves them; migration 6 creates the table
    /// so too (its backfill writes through today's code).
    static let figureColumns = """
            id INTEGER PRIMARY KEY,
            article_seq INTEGER NOT NULL,
            position INTEGER NOT NULL,     -- its money entity in article_entity_sets
            published_day INTEGER NOT NULL,
            amount TEXT NOT NULL,          -- exact: Decimal's description
            amount_real REAL NOT NULL,     -- for range filters, sorting and the index
            currency TEXT NOT NULL,
            currency_resolution INTEGER NOT NULL,  -- CurrencyResolution.storedCode
            currency_evidence TEXT,
            qualifier TEXT,
            min_amount TEXT,
            max_amount TEXT,
            text TEXT,                     -- NULL: the article text from start to end
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL,
            date_start INTEGER NOT NULL,   -- the figure's date, days since 1970-01-01
            date_position INTEGER,         -- the date entity of its sentence; NULL: the article's date
            date_mention INTEGER           -- start of that date's mention in the sentence
        """

    /// `figure_totals` as migration 9 leaves it; migration 6 creates it so too (its
    /// backfill writes through today's code).
    static let figureTotalsTable = """
        CREATE TABLE figure_totals (
            grouping INTEGER NOT NULL,     -- FigureTotals.Group.codes: currency, month, entity, article
            group_key NOT NULL,            -- FigureTotals.Group.storedKey
            currency TEXT NOT NULL,
            count INTEGER NOT NULL,
            total TEXT NOT NULL,
            min_amount TEXT,               -- NULL: the total
            max_amount TEXT,               -- NULL: the total
            PRIMARY KEY (grouping, group_key, currency)
        ) WITHOUT ROWID;
        """

    /// A smaller figures ledger, same answers:
    ///
    /// - A descending sort is now the exact reverse of the ascending one (ties by id
    ///   descending too), so a backward walk of `figures_amount` / `figures_currency_amount`
    ///   serves it without sorting and their DESC twins go.
    /// - `figures.text` is NULL when it is the article text at the mention's offsets (it
    ///   always is for extracted figures; a differing text is still kept), read back by
    ///   slicing as the sentence is; `currency_resolution` is a small integer code
    ///   (`CurrencyResolution.storedCode`).
    /// - `figures_fts` is never ranked, so it keeps no column sizes (`columnsize=0`: no
    ///   docsize table). Rebuilt from the sentences, which the article text still holds.
    ///
    /// - `figure_totals` keys its groups by code and compact key (`FigureTotals.Group.storedKey`,
    ///   in the summary's order), and leaves min and max NULL when they equal the total.
    ///
    /// A database that reached migration 6 with this code already has codes and NULL
    /// texts (its backfill writes through `LedgerWrite`); both forms are converted.
    ///
    /// Figure ids are kept, so `figure_entities`, cursors and the full-text rowids stay valid.
    /// The old tables' pages go to the free list, reused by later writes; the file shrinks
    /// only after a VACUUM (see migration 7).
    static func figuresCompact(version: Int) -> Migration {
        let resolution = CurrencyResolution.stored.enumerated().map { "WHEN '\($0.element.rawValue)' THEN \($0.offset)" }
        return Migration(version: version, name: "compact figures, no descending amount indexes", sql: """
            CREATE TABLE figures_compact (
                \(figureColumns)
            );
            INSERT INTO figures_compact (id, article_seq, position, published_day, amount, amount_real, currency,
                currency_resolution, currency_evidence, qualifier, min_amount, max_amount, text, start, "end",
                sentence_start, sentence_end, date_start, date_position, date_mention)
            SELECT f.id, f.article_seq, f.position, f.published_day, f.amount, f.amount_real, f.currency,
                CASE WHEN typeof(f.currency_resolution) = 'integer' THEN f.currency_resolution
                    ELSE CASE f.currency_resolution \(resolution.joined(separator: " ")) END END, f.currency_evidence, f.qualifier,
                f.min_amount, f.max_amount, NULLIF(f.text, substr(a.text, f.start + 1, f."end" - f.start)), f.start, f."end",
                f.sentence_start, f.sentence_end, f.date_start, f.date_position, f.date_mention
            FROM figures f JOIN articles a ON a.seq = f.article_seq;
            DROP TABLE figures;
            ALTER TABLE figures_compact RENAME TO figures;
            -- Each serves its sort both ways: the rowid (figure id) ends every index key.
            CREATE INDEX figures_article ON figures (article_seq, start);
            CREATE INDEX figures_currency_amount ON figures (currency, amount_real);
            CREATE INDEX figures_amount ON figures (amount_real);
            CREATE INDEX figures_published ON figures (published_day);
            CREATE INDEX figures_date ON figures (date_start);

            DROP TABLE figures_fts;
            CREATE VIRTUAL TABLE figures_fts USING fts5 (
                sentence, content = '', columnsize = 0, tokenize = 'unicode61 remove_diacritics 2'
            );
            INSERT INTO figures_fts (rowid, sentence)
            SELECT f.id, substr(a.text, f.sentence_start + 1, f.sentence_end - f.sentence_start)
            FROM figures f JOIN articles a ON a.seq = f.article_seq;

            ALTER TABLE figure_totals RENAME TO old_figure_totals;
            \(figureTotalsTable)
            """, backfill: { db in try compactTotals(db) })
    }

    /// Each kept total under its stored key; rows already stored so are copied.
    private static func compactTotals(_ db: SQLiteConnection) throws {
        let rows = try db.query("""
            SELECT typeof(grouping), grouping, typeof(group_key), group_key, currency, count, total, min_amount, max_amount
            FROM old_figure_totals
            """) { row -> [SQLiteValue] in
            let tail: [SQLiteValue] = [.text(row.text(4)), .integer(row.int64(5)), .text(row.text(6))]
            if row.text(0) == "integer" {
                let key: SQLiteValue = switch row.text(2) {
                case "integer": .integer(row.int64(3))
                case "blob": .blob(row.bytes(3))
                default: .text(row.text(3))
                }
                return [.integer(row.int64(1)), key] + tail + [.optionalText(row.optionalText(7)), .optionalText(row.optionalText(8))]
            }
            guard let grouping = FigureGrouping(rawValue: row.text(1)) else { throw StoreError.corrupt("grouping \(row.text(1))") }
            let total = try Decimal.stored(row.text(6))
            let low = try Decimal.stored(row.text(7)), high = try Decimal.stored(row.text(8))
            return [.int(FigureTotals.Group.code(grouping)), FigureTotals.Group(grouping: grouping, key: row.text(3)).storedKey] + tail
                + [low == total ? .null : .text(row.text(7)), high == total ? .null : .text(row.text(8))]
        }
        for row in rows { try db.run("INSERT INTO figure_totals VALUES (?, ?, ?, ?, ?, ?, ?)", row) }
        try db.execute("DROP TABLE old_figure_totals")
    }
}

extension CurrencyResolution {
    /// Stored codes, by position: append new cases, never reorder.
    static let stored: [CurrencyResolution] = [.explicit, .inferred, .ambiguous]

    var storedCode: Int { Self.stored.firstIndex(of: self)! }

    init?(storedCode: Int) {
        guard Self.stored.indices.contains(storedCode) else { return nil }
        self = Self.stored[storedCode]
    }
}
