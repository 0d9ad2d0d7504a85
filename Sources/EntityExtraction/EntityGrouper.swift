/// Turns recognised spans into entities: one entity per real-world thing in an article.
/// Equal sums and equal dates are one entity each; names are grouped by `NameGrouper`
/// (`Jens Stoltenberg` … `Stoltenberg` one person, `European Union` … `EU` one organisation).
struct EntityGrouper {
    let document: Document
    var identity = EntityIdentity()

    /// One entity before its id and order are given. (A struct, not a tuple: arrays of
    /// tuples are copied and freed element by element through runtime metadata.)
    private struct Group {
        var type: EntityType
        var key: String
        var name: String
        var value: EntityValue?
        var mentions: [Mention]
    }

    func group(money: [MoneyMatch], dates: [DateMatch], names: [NameMatch], version: String) -> Extraction {
        var groups: [Group] = []
        var index: [String: Int] = [:]
        func add(_ type: EntityType, key: String, mention: Mention, value: EntityValue) {
            let k = "\(type.rawValue)\u{1F}\(key)"
            if let g = index[k] {
                groups[g].mentions.append(mention)
            } else {
                index[k] = groups.count
                groups.append(Group(type: type, key: key, name: mention.text, value: value, mentions: [mention]))
            }
        }
        for m in money {
            let mention = self.mention(m.start, m.end)
            add(.money, key: EntityKeys.moneyKey(m.value), mention: mention, value: .money(m.value))
        }
        for d in dates {
            let mention = self.mention(d.start, d.end)
            add(.date, key: EntityKeys.dateKey(d.value, text: mention.text), mention: mention, value: .date(d.value))
        }
        for g in NameGrouper(document: document, identity: identity).group(names) {
            groups.append(Group(type: g.type, key: g.key, name: g.name, value: nil, mentions: g.mentions))
        }

        var entities: [Entity] = []
        var figures: [Figure] = []
        for g in groups {
            // Mostly in order already: checked, then sorted only when not (the same order).
            let inOrder = g.mentions.indices.dropFirst().allSatisfy { g.mentions[$0 - 1].start <= g.mentions[$0].start }
            let mentions = inOrder ? g.mentions : g.mentions.sorted { $0.start < $1.start }
            let id = EntityKeys.id(type: g.type, key: g.key)
            entities.append(Entity(id: id, type: g.type, name: g.name, key: g.key,
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
        // Positions sorted, then the entities taken in that order: the same order as sorting
        // the entities, without moving each one at every step.
        let order = entities.indices.sorted { entities[$0].mentions[0].start < entities[$1].mentions[0].start }
        entities = order.map { entities[$0] }
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
        for article in ["the ", "The ", "THE "] where name.hasPrefix(article) && name.characterCount > article.count {
            return String(name.dropFirst(article.count))
        }
        return name
    }

    private func mention(_ start: Int, _ end: Int) -> Mention {
        Mention(start: start, end: end, text: document.text(from: start, to: end))
    }
}
