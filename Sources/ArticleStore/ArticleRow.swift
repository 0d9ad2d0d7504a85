/// The layout of a row of `articles` (migration 10) and how its compact columns read back
/// as the API's values: digests as bytes, shown as lower-case hex; `received_at` as
/// milliseconds; the extractor version as a reference into `extractor_versions`.
enum ArticleRow {
    /// Small columns first, the text last.
    static let tableColumns = """
        seq INTEGER PRIMARY KEY,       -- the article's number: full-text rowid, per-article tables
        id TEXT NOT NULL UNIQUE,
        published_at TEXT NOT NULL,
        received_at INTEGER NOT NULL,  -- milliseconds since 1970, UTC
        extractor_ref INTEGER NOT NULL, -- extractor_versions.ref
        text_hash BLOB NOT NULL,       -- SHA-256 of the UTF-8 text (32 bytes)
        identity BLOB NOT NULL,        -- ArticleRow.identity: what makes two posts the same article
        entities_tag BLOB,             -- StoredDigest.entitiesTag as 12 bytes; NULL: render on demand
        title TEXT,
        url TEXT,
        source TEXT,
        text TEXT NOT NULL
        """

    static let indexes = """
        -- Re-posting the same text with the same metadata is the same article.
        CREATE UNIQUE INDEX articles_identity ON articles (identity);
        CREATE INDEX articles_newest ON articles (published_at, received_at, id);
        -- A search's date filter checks each match of the window here, not in the article
        -- row (a rowid lookup into rows of 2 KB doubled its time at 10,000 articles).
        CREATE INDEX articles_search ON articles (seq, published_at);
        """

    /// Keep the external-content full-text index in step inside the writing transaction.
    static let triggers = """
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text, seq ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
            INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
        END;
        """

    /// A digest column as the hex the API shows (a value kept as text is shown as it is).
    static func hex(_ column: String) -> String {
        "CASE WHEN typeof(\(column)) = 'blob' THEN lower(hex(\(column))) ELSE \(column) END"
    }

    /// The extractor version's name, for a row of `articles` named `alias`.
    static func extractorVersion(_ alias: String) -> String {
        "(SELECT v.version FROM extractor_versions v WHERE v.ref = \(alias).extractor_ref)"
    }

    /// The reference of a version name: NULL when no article was extracted by it.
    static let extractorRef = "(SELECT ref FROM extractor_versions WHERE version = ?)"

    /// Hex of exactly `bytes` bytes in lower case (what this program writes) as those
    /// bytes; anything else as the text it is, so `hex(_:)` gives it back unchanged.
    static func hexValue(_ text: String, bytes count: Int) -> SQLiteValue {
        let digits = Array(text.utf8)
        guard digits.count == 2 * count else { return .text(text) }
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let high = nibble(digits[i]), let low = nibble(digits[i + 1]) else { return .text(text) }
            out.append(high << 4 | low)
        }
        return .blob(out)
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        default: return nil
        }
    }

    /// The first 16 bytes of the SHA-256 of the text hash, title, url, source and
    /// publication date, each preceded by its UTF-8 length (8 bytes, big-endian) so no two
    /// different sets of fields hash the same bytes. A missing title, url or source counts
    /// as empty, as the duplicate check always had it.
    static func identity(hash: String, title: String?, url: String?, source: String?, publishedAt: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for field in [hash, title ?? "", url ?? "", source ?? "", publishedAt] {
            let utf8 = Array(field.utf8)
            let length = UInt64(utf8.count)
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: length >> UInt64(shift))) }
            bytes += utf8
        }
        return Array(SHA256.digest(bytes).prefix(16))
    }
}
