/// What decides, inside one article, which name mentions are one entity, and what that
/// entity is called and keyed by: titles (`President`) leave a person's name, known aliases
/// (`U.S.` → United States) key alike. `NameGrouper` applies it; the surname and acronym
/// rules there need no data.
public struct EntityIdentity: Sendable {
    let titles: NameTitles
    public let aliases: NameAliases

    init(titles: NameTitles, aliases: NameAliases) {
        self.titles = titles
        self.aliases = aliases
    }

    /// The bundled titles and aliases, with `aliases` in place of the bundled aliases when given.
    public init(aliases: NameAliases = .bundled) {
        self.init(titles: .bundled, aliases: aliases)
    }

    /// One mention read for grouping: its key, the type it takes, and its name as an entity
    /// would show it.
    struct ReadName {
        var type: EntityType
        var key: String
        /// Words of the name without titles (what surnames and initials are matched on).
        var words: [String]
        /// The mention's text without titles, a leading `the` or a possessive.
        var name: String
        /// The name the alias stands for, when the mention is an alias, and its word count.
        var aliasName: String?
        var aliasNameWords = 0
    }

    /// A name mention and how it reads (a struct, not a tuple, for the arrays of them).
    struct ReadMention {
        var mention: Mention
        var name: ReadName
    }

    func read(text: String, type tagged: EntityType) -> ReadName? {
        var words = EntityKeys.words(text)
        guard !words.isEmpty else { return nil }
        var titleCount = 0
        if tagged == .person {
            titleCount = titles.leadingTitleCount(words)
            if titleCount > 0 { words.removeFirst(titleCount) }
        }
        let joined = words.joined(separator: " ")
        var name = Self.withoutPossessive(EntityGrouper.displayName(titles.strippingTitles(from: text, count: titleCount)))
        if name.isEmpty { name = text }
        if let target = aliases.target(forKey: joined), tagged != .person || target.appliesToPeople {
            return ReadName(type: target.type ?? tagged, key: target.key, words: words, name: name, aliasName: target.name,
                            aliasNameWords: target.nameWords)
        }
        return ReadName(type: tagged, key: joined, words: words, name: name, aliasName: nil)
    }

    /// The key a name has as text alone (`?entity=` and the like), aliases applied, titles kept
    /// since the type is not known.
    public func nameKey(_ text: String) -> String {
        let joined = EntityKeys.words(text).joined(separator: " ")
        return aliases.target(forKey: joined)?.key ?? joined
    }

    /// `Russia's` → `Russia`, `Reuters'` → `Reuters`.
    static func withoutPossessive(_ name: String) -> String {
        let possessives: [(StaticString, Int)] = [("'s", 2), ("’s", 2), ("'S", 2), ("’S", 2)]
        for (suffix, count) in possessives where name.hasSuffixOfBytes(suffix) && name.count > count {
            return String(name.dropLast(count))
        }
        for suffix: StaticString in ["s'", "s’"] where name.hasSuffixOfBytes(suffix) && name.count > 2 {
            return String(name.dropLast())
        }
        return name
    }
}
