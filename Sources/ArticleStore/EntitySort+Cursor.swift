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
