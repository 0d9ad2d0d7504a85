/// The pipeline stage that makes entities of the name mentions of one article: mentions with
/// one key are one entity (titles and possessives gone, aliases applied); then a surname joins
/// the one full name that ends with it (`Stoltenberg` → `Jens Stoltenberg`, never when two
/// people share it), a first and last name the one fuller name with them (`Donald Trump` →
/// `Donald J. Trump`), and an acronym joins its expansion (`ISW` → `Institute for the Study of
/// War`, by initials or by a definition in brackets). Every lookup is a hash: a long article of
/// many names costs time in proportion to its mentions.
struct NameGrouper {
    let document: Document
    let identity: EntityIdentity

    struct Group {
        var type: EntityType
        var key: String
        /// The canonical name: the longest proper mention (most words; then one that is not an
        /// alias, so `BBC` over `Beeb`; then most characters), an alias counting as the name it
        /// stands for.
        var name: String
        var nameRank: (words: Int, proper: Int, characters: Int)
        var mentions: [Mention]
        /// Words of the first (fullest) name, without titles.
        var words: [String]
    }

    private struct GroupKey: Hashable {
        var type: EntityType
        var key: String
    }

    func group(_ names: [NameMatch]) -> [Group] {
        var read: [EntityIdentity.ReadMention] = []
        read.reserveCapacity(names.count)
        // A text of one type always reads the same, and articles repeat their names: each
        // is read once (reading costs ~2,000 instructions, a lookup a tenth of that).
        var readOf: [GroupKey: EntityIdentity.ReadName?] = [:]
        readOf.reserveCapacity(names.count)
        for match in names {
            let mention = Mention(start: match.start, end: match.end, text: document.text(from: match.start, to: match.end))
            let textKey = GroupKey(type: match.type, key: mention.text)
            let name: EntityIdentity.ReadName?
            if let known = readOf[textKey] {
                name = known
            } else {
                name = identity.read(text: mention.text, type: match.type)
                readOf[textKey] = name
            }
            if let name { read.append(EntityIdentity.ReadMention(mention: mention, name: name)) }
        }
        let definitions = AcronymRule.definitions(in: read, document: document)

        // Full forms first, so that a later short form finds every name it could join.
        let order = read.indices.sorted {
            let a = read[$0].name.words.count, b = read[$1].name.words.count
            return a != b ? a > b : read[$0].mention.start < read[$1].mention.start
        }
        var groups: [Group] = []
        var index: [GroupKey: Int] = [:]
        index.reserveCapacity(read.count)
        var shortForms = ShortFormIndex()
        for i in order {
            let mention = read[i].mention, name = read[i].name
            let key = GroupKey(type: name.type, key: name.key)
            var target = index[key]
            if target == nil, let defined = definitions[name.key] {
                target = index[GroupKey(type: defined.type, key: defined.key)]
            }
            if target == nil { target = shortForms.group(joining: name) }
            if let g = target {
                groups[g].mentions.append(mention)
                index[key] = g
                let (display, rank) = Self.bestName(name)
                if rank > groups[g].nameRank {
                    groups[g].name = display
                    groups[g].nameRank = rank
                }
                continue
            }
            index[key] = groups.count
            let (display, rank) = Self.bestName(name)
            groups.append(Group(type: name.type, key: name.key, name: display, nameRank: rank,
                                mentions: [mention], words: name.words))
            shortForms.register(groups[groups.count - 1], at: groups.count - 1)
        }
        return groups
    }

    /// The name a mention offers and its rank. An alias offers the name it stands for too, as
    /// a proper name: `US` alone makes `United States`, `Beeb` alone `BBC`.
    private static func bestName(_ name: EntityIdentity.ReadName) -> (String, (words: Int, proper: Int, characters: Int)) {
        // `characterCount`: `count` without grapheme breaking for ASCII, the same number.
        let own = (name.name, (words: name.words.count, proper: name.aliasName == nil ? 1 : 0, characters: name.name.characterCount))
        guard let target = name.aliasName else { return own }
        let offered = (target, (words: name.aliasNameWords, proper: 1, characters: target.characterCount))
        return offered.1 > own.1 ? offered : own
    }

    /// The groups a short form may join, by the words it would match: a person by the last one
    /// or two words of the name, a longer name by its initials.
    private struct ShortFormIndex {
        private var bySuffix: [[String]: [Int]] = [:]
        /// People of three words or more by first and last word (`Donald J. Trump`).
        private var byFirstAndLast: [[String]: [Int]] = [:]
        private var byInitials: [String: [Int]] = [:]

        mutating func register(_ g: Group, at i: Int) {
            if g.type == .person {
                var k = 1
                while k <= 2, k < g.words.count {
                    bySuffix[Array(g.words.suffix(k)), default: []].append(i)
                    k += 1
                }
                if g.words.count >= 3 { byFirstAndLast[[g.words[0], g.words[g.words.count - 1]], default: []].append(i) }
            }
            guard g.words.count >= 2 else { return }
            for initials in AcronymRule.initials(of: g.words) where initials.count >= 2 {
                // `Ab` is not the first name of the person `Ab Bc`.
                if g.type == .person, g.words.count == 2, g.words[0] == initials { continue }
                if byInitials[initials]?.last != i { byInitials[initials, default: []].append(i) }
            }
        }

        func group(joining name: EntityIdentity.ReadName) -> Int? {
            let words = name.words
            // A surname (or the last two words) of exactly one person: two people of one
            // surname in an article stay apart, each under its own full name.
            // `Donald Trump` is `Donald J. Trump` when no other Donald … Trump is in the article.
            if name.type == .person, words.count <= 2 {
                var people = bySuffix[words] ?? []
                if words.count == 2, let fuller = byFirstAndLast[words] {
                    for g in fuller where !people.contains(g) { people.append(g) }
                }
                if !people.isEmpty { return people.count == 1 ? people[0] : nil }
            }
            // The earliest name with these initials.
            guard words.count == 1 else { return nil }
            return byInitials[words[0]]?.first
        }
    }
}
