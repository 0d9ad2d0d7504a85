extension EntitySort {
    /// The cursor of an entity listing whose page ends with `last`: its sort key (count,
    /// or folded name) and its creation number, the tie-break. Data only, so any store
    /// instance over the same database continues the listing.
    public func cursor(after last: EntitySummary, ref: Int64, folded: String) -> String {
        let key: String
        switch self {
        case .articles: key = String(last.articleCount)
        case .mentions: key = String(last.mentionCount)
        case .name: key = folded
        }
        return Cursor.encode(kind: "entities-" + rawValue, [key, String(ref)])
    }
}

/// The cursor of an entity's articles, newest first: the last article's day number
/// (days since 1970-01-01) and its sequence number in the store.
public enum EntityArticlesCursor {
    public static func encode(day: Int, seq: Int64) -> String {
        Cursor.encode(kind: "entity-articles", [String(day), String(seq)])
    }

    public static func decode(_ cursor: String) throws -> (day: Int, seq: Int64) {
        let fields = try Cursor.decode(cursor, kind: "entity-articles", count: 2)
        guard let day = Int(fields[0]), let seq = Int64(fields[1]) else { throw StoreError.invalidCursor }
        return (day, seq)
    }
}
