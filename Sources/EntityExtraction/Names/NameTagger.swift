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
    /// The same within a time budget: throws `ExtractionDeadlineExceeded` once it has passed.
    func tag(_ document: Document, deadline: ExtractionDeadline) throws -> [NameMatch]
}

extension NameTagging {
    /// Tagging within a time budget. This default checks only before and after; a tagger
    /// that can stop part-way (the perceptron, per sentence) provides its own.
    public func tag(_ document: Document, deadline: ExtractionDeadline) throws -> [NameMatch] {
        try deadline.check("tagging names")
        let names = tag(document)
        try deadline.check("tagging names")
        return names
    }
}
