/// A person, organisation or place found by a name tagger.
public struct NameMatch: Hashable, Sendable {
    public var start: Int
    public var end: Int
    public var type: EntityType

    public init(start: Int, end: Int, type: EntityType) {
        self.start = start
        self.end = end
        self.type = type
    }
}

/// Anything that finds people, organisations and places in a document.
public protocol NameTagging: Sendable {
    /// Names in the document, in order, not overlapping each other.
    func tag(_ document: Document) -> [NameMatch]
}
