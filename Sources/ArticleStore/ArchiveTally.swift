import EntityExtraction
import Foundation

/// What one article adds to (or takes from) one archive entity: its mentions, the names
/// seen in them and the names the article's entities give it, and the longest of those.
/// Pure bookkeeping shared by the stores' ledger writes, so every store counts alike.
public struct ArchiveTally: Sendable {
    /// Mentions written so, and entities of the article that give the name as theirs.
    public struct NameCount: Sendable, Equatable {
        public var mentions = 0
        public var canonical = 0
    }

    public private(set) var mentions = 0
    public private(set) var names: [String: NameCount] = [:]
    /// The longest entity name (in Unicode scalars); the first of equal length stays.
    public private(set) var longestName: String

    public init(firstName: String) { longestName = firstName }

    /// Counts one entity of the article (or one stored row of it) towards this tally.
    public mutating func count(type: EntityType, name: String, mentions found: [Mention]) {
        mentions += found.count
        if name.unicodeScalars.count > longestName.unicodeScalars.count { longestName = name }
        guard ArchiveIdentity.isNameType(type) else { return }
        for mention in found { names[ArchiveIdentity.seenName(mention.text), default: NameCount()].mentions += 1 }
        names[ArchiveIdentity.seenName(name), default: NameCount()].canonical += 1
    }
}

extension FigureTotals {
    /// The groups one figure counts in: its currency, the article's month and the article
    /// (`published_at` + space + article id), then each archive entity of its sentence.
    public static func groups(currency: String, publishedAt: CivilDate, articleID: String,
                              entityIDs: [String]) -> [Group] {
        let day = publishedAt.description
        return [Group(grouping: .currency, key: currency), Group(grouping: .month, key: String(day.prefix(7))),
                Group(grouping: .article, key: day + " " + articleID)]
            + entityIDs.map { Group(grouping: .entity, key: $0) }
    }
}

extension ArchiveIdentity {
    /// People, organisations and places: the types with names seen, archive ids in an
    /// article's entities and places in a figure's sentence (`isNameType`, for other modules).
    public static func hasNames(_ type: EntityType) -> Bool { isNameType(type) }
}
