/// Turns recognised spans into entities: one entity per real-world thing in an article.
/// `Jens Stoltenberg` … `Stoltenberg` become one person; `European Union` … `EU` one
/// organisation; equal sums and equal dates one entity each.
struct EntityGrouper {
    let document: Document

    private struct Group {
        var type: EntityType
        var key: String
        var name: String
        var value: EntityValue?
        var mentions: [Mention]
        /// Lower-cased words of the fullest name, for surname and acronym matching.
        var words: [String]
        /// Initials of the name's significant words (`eu` for `European Union`).
        var initials: String
    }

    private struct GroupKey: Hashable {
        var type: EntityType
        var key: String
    }

    func group(money: [MoneyMatch], dates: [DateMatch], names: [NameMatch], version: String) -> Extraction {
        var groups: [Group] = []
        var index: [GroupKey: Int] = [:]
        var shortForms = ShortFormIndex()

        func add(_ type: EntityType, key: String, mention: Mention, value: EntityValue?, words: [String]) {
            let k = GroupKey(type: type, key: key)
            if let g = index[k] {
                groups[g].mentions.append(mention)
                if mention.text.count > groups[g].name.count, value == nil { groups[g].name = mention.text }
            } else {
                index[k] = groups.count
                let initials = String(words.filter { !EntityKeys.minorWords.contains($0) }.compactMap(\.first))
                groups.append(Group(type: type, key: key, name: mention.text, value: value, mentions: [mention], words: words,
                                    initials: initials))
                shortForms.register(groups[groups.count - 1], at: groups.count - 1)
            }
        }

        for m in money {
            let mention = self.mention(m.start, m.end)
            add(.money, key: EntityKeys.moneyKey(m.value), mention: mention, value: .money(m.value), words: [])
        }
        for d in dates {
            let mention = self.mention(d.start, d.end)
            add(.date, key: EntityKeys.dateKey(d.value, text: mention.text), mention: mention, value: .date(d.value), words: [])
        }
        // Names: full forms first, so that a later short form can join them.
        let nameMentions = names.map { match -> (match: NameMatch, mention: Mention, words: [String]) in
            let mention = self.mention(match.start, match.end)
            return (match, mention, EntityKeys.words(mention.text))
        }
        let order = nameMentions.indices.sorted {
            let a = nameMentions[$0].words.count, b = nameMentions[$1].words.count
            return a != b ? a > b : nameMentions[$0].match.start < nameMentions[$1].match.start
        }
        for i in order {
            let (match, mention, words) = nameMentions[i]
            guard !words.isEmpty else { continue }
            let key = EntityKeys.nameKey(words)
            if let g = index[GroupKey(type: match.type, key: key)] {
                groups[g].mentions.append(mention)
                continue
            }
            if let g = shortForms.firstGroup(joining: words, in: groups) {
                groups[g].mentions.append(mention)
                index[GroupKey(type: match.type, key: key)] = g
                continue
            }
            add(match.type, key: key, mention: mention, value: nil, words: words)
        }

        var entities: [Entity] = []
        var figures: [Figure] = []
        for g in groups {
            let mentions = g.mentions.sorted { $0.start < $1.start }
            let id = EntityKeys.id(type: g.type, key: g.key)
            entities.append(Entity(id: id, type: g.type, name: g.value == nil ? Self.displayName(g.name) : g.name, key: g.key,
                                   value: g.value, mentions: mentions))
            if case .money(let value)? = g.value {
                for m in mentions {
                    let span = Self.figureContext(sentence: document.sentenceSpan(containing: m.start), mention: m)
                    figures.append(Figure(entityID: id, mention: m, value: value,
                                          sentence: document.text(from: span.lowerBound, to: span.upperBound),
                                          sentenceStart: span.lowerBound, sentenceEnd: span.upperBound))
                }
            }
        }
        entities.sort { $0.mentions[0].start < $1.mentions[0].start }
        figures.sort { $0.mention.start < $1.mention.start }
        return Extraction(entities: entities, figures: figures, extractorVersion: version)
    }

    /// The longest sentence a figure keeps, in code points. Text without sentence breaks
    /// (a table, a list of sums) would otherwise give every figure a copy of all of it.
    static let maxFigureContext = 600

    /// The figure's sentence, or a window of it around the mention when it is too long.
    static func figureContext(sentence s: Range<Int>, mention m: Mention) -> Range<Int> {
        let whole = min(s.lowerBound, m.start)..<max(s.upperBound, m.end)
        guard whole.count > maxFigureContext else { return whole }
        let room = max(0, maxFigureContext - (m.end - m.start)) / 2
        let lower = max(whole.lowerBound, m.start - room)
        let upper = min(whole.upperBound, max(m.end + room, lower + maxFigureContext))
        return lower..<upper
    }

    /// A name as a list shows it: without the article OntoNotes keeps in the span
    /// (`The United States` → `United States`); the mentions keep their exact text.
    static func displayName(_ name: String) -> String {
        for article in ["the ", "The ", "THE "] where name.hasPrefix(article) && name.count > article.count {
            return String(name.dropFirst(article.count))
        }
        return name
    }

    private func mention(_ start: Int, _ end: Int) -> Mention {
        Mention(start: start, end: end, text: document.text(from: start, to: end))
    }

    /// The groups a short form may join, by the words it would match: person names by
    /// their last one or two words, longer names by their initials, each in creation
    /// order. It finds what a scan of every group for `isShortForm` finds, which took 40 s
    /// for a 660 kB article of 45,000 distinct names (quadratic).
    private struct ShortFormIndex {
        private var bySuffix: [[String]: [Int]] = [:]
        private var byInitials: [String: [Int]] = [:]

        mutating func register(_ g: Group, at i: Int) {
            if g.type == .person {
                var k = 1
                while k <= 2, k < g.words.count {
                    bySuffix[Array(g.words.suffix(k)), default: []].append(i)
                    k += 1
                }
            }
            if g.words.count >= 2, g.initials.count >= 2 { byInitials[g.initials, default: []].append(i) }
        }

        /// The first group (in creation order) that `words` is a short form of.
        func firstGroup(joining words: [String], in groups: [Group]) -> Int? {
            var best = words.count <= 2 ? bySuffix[words]?.first : nil
            if words.count == 1, let candidates = byInitials[words[0]] {
                for g in candidates {
                    if let b = best, g >= b { break }
                    if EntityGrouper.isShortForm(words, of: groups[g]) { best = g; break }
                }
            }
            return best
        }
    }

    /// A one-word mention that is the surname of a person or a word of a longer name
    /// (`Stoltenberg`), or an acronym of a longer name (`EU` for `European Union`).
    private static func isShortForm(_ words: [String], of group: Group) -> Bool {
        guard group.words.count > words.count else { return false }
        if group.type == .person, words.count <= 2, Array(group.words.suffix(words.count)) == words { return true }
        if words.count == 1 {
            let w = words[0]
            if group.type == .person, group.words.first == w, group.words.count == 2 { return false }
            if w.count >= 2, group.initials == w { return true }
        }
        return false
    }
}
