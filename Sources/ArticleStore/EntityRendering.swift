import EntityExtraction

/// An extraction's entities as a store with a renderer tags them: each rendered without
/// archive ids, in stored order, and the digest of those bytes (`StoredDigest.entities`).
/// Made once per POST outside any transaction (`ArticleStorage.entityRendering`), so the API
/// answers with the same bytes, adding the archive ids, instead of rendering every entity again.
public struct EntityRendering: Sendable {
    /// Each entity's bytes, in stored order.
    public let parts: [[UInt8]]
    /// True when the entities given were in stored order already (`storedOrder` kept them
    /// as they were): `parts[i]` is then the rendering of the i-th entity given.
    public let inGivenOrder: Bool
    public let digest: [UInt8]

    public init(_ entities: [Entity], renderer: EntityRenderer) {
        let ordered = SQLiteArticleStore.storedOrder(entities)
        inGivenOrder = SQLiteArticleStore.isInStoredOrder(entities)
        var parts: [[UInt8]] = []
        parts.reserveCapacity(ordered.count)
        var all: [UInt8] = []
        for entity in ordered {
            let part = renderer(entity, nil)
            all += part
            all.append(0x0A)
            parts.append(part)
        }
        self.parts = parts
        digest = SHA256.digest(all)
    }
}
