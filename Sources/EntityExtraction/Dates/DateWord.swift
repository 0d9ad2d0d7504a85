/// Everything the date lexicon says about one token key, gathered so a document looks
/// each word up once (one hash) instead of once per rule and table. Field names are the
/// `DateLexicon` tables they come from.
struct DateWord: Sendable {
    var months: Int?
    var weekdays: Int?
    var weekdayPlurals: Int?
    var cardinals: Int?
    var ordinals: Int?
    var vagueCounts: Int?
    var units: TimeUnit?
    var shifts: Int?
    var seasons: Int?
    var decadeWords: Int?
    var dayWords: Int?
    var ambiguousMonths = false
    var abbreviatedWeekdays = false
    var tens = false
    var ordinalSuffixes = false
    var frequencyWords = false
    var futureCues = false
    var pastCues = false
    var datePrepositions = false
    var leadWords = false
    var starters = false
    var determiners = false
    var yearFollowers = false
    var adjectivePosition = false
    var qualifiers = false
    var scheduledPresent = false
    var presentTense = false
    var reportingVerbs = false
    /// The first word of some holiday's name (`christmas`, `new`, `labor`).
    var holidayFirst = false
    /// The second word of a two-word qualifier that begins with this one (`more` → `than`),
    /// as its place in `qualifierSeconds` plus one (0: none). An index, not a String, so
    /// that a DateWord holds no reference and copying one (every `lex`) retains nothing.
    var qualifierSecond: UInt8 = 0

    /// The second words of the two-word qualifiers, in the order `table` numbers them.
    static let qualifierSeconds: [String] = DateGrammar.twoWordQualifiers.map {
        String($0.split(separator: " ")[1])
    }

    /// The second word of the two-word qualifier this word begins, if any.
    var qualifierSecondWord: String? {
        qualifierSecond == 0 ? nil : DateWord.qualifierSeconds[Int(qualifierSecond) - 1]
    }

    /// Entry 0 is the empty word: every key outside the lexicon, and indices off the ends.
    static let table: (entries: [DateWord], ids: LexiconIndex<UInt16>) = {
        var entries = [DateWord()]
        var ids: [String: UInt16] = [:]
        func edit(_ key: String, _ change: (inout DateWord) -> Void) {
            let id: Int
            if let known = ids[key] { id = Int(known) } else {
                id = entries.count
                entries.append(DateWord())
                ids[key] = UInt16(id)
            }
            change(&entries[id])
        }
        for (k, v) in DateLexicon.months { edit(k) { $0.months = v } }
        for (k, v) in DateLexicon.weekdays { edit(k) { $0.weekdays = v } }
        for (k, v) in DateLexicon.weekdayPlurals { edit(k) { $0.weekdayPlurals = v } }
        for (k, v) in DateLexicon.cardinals { edit(k) { $0.cardinals = v } }
        for (k, v) in DateLexicon.ordinals { edit(k) { $0.ordinals = v } }
        for (k, v) in DateLexicon.vagueCounts { edit(k) { $0.vagueCounts = v } }
        for (k, v) in DateLexicon.units { edit(k) { $0.units = v } }
        for (k, v) in DateLexicon.shifts { edit(k) { $0.shifts = v } }
        for (k, v) in DateLexicon.seasons { edit(k) { $0.seasons = v } }
        for (k, v) in DateLexicon.decadeWords { edit(k) { $0.decadeWords = v } }
        for (k, v) in DateGrammar.dayWords { edit(k) { $0.dayWords = v } }
        for k in DateLexicon.ambiguousMonths { edit(k) { $0.ambiguousMonths = true } }
        for k in DateLexicon.abbreviatedWeekdays { edit(k) { $0.abbreviatedWeekdays = true } }
        for k in DateLexicon.tens { edit(k) { $0.tens = true } }
        for k in DateLexicon.ordinalSuffixes { edit(k) { $0.ordinalSuffixes = true } }
        for k in DateLexicon.frequencyWords { edit(k) { $0.frequencyWords = true } }
        for k in DateLexicon.futureCues { edit(k) { $0.futureCues = true } }
        for k in DateLexicon.pastCues { edit(k) { $0.pastCues = true } }
        for k in DateLexicon.datePrepositions { edit(k) { $0.datePrepositions = true } }
        for k in DateLexicon.leadWords { edit(k) { $0.leadWords = true } }
        for k in DateLexicon.starters { edit(k) { $0.starters = true } }
        for k in DateLexicon.determiners { edit(k) { $0.determiners = true } }
        for k in DateLexicon.yearFollowers { edit(k) { $0.yearFollowers = true } }
        for k in DateGrammar.adjectivePosition { edit(k) { $0.adjectivePosition = true } }
        for k in DateGrammar.qualifiers { edit(k) { $0.qualifiers = true } }
        for k in DateGrammar.scheduledPresent { edit(k) { $0.scheduledPresent = true } }
        for k in DateGrammar.presentTense { edit(k) { $0.presentTense = true } }
        for k in DateGrammar.reportingVerbs { edit(k) { $0.reportingVerbs = true } }
        for (n, pair) in DateGrammar.twoWordQualifiers.enumerated() {
            let words = pair.split(separator: " ").map(String.init)
            edit(words[0]) { $0.qualifierSecond = UInt8(n + 1) }
        }
        for (words, _) in DateGrammar.holidays { edit(words[0]) { $0.holidayFirst = true } }
        return (entries, LexiconIndex(ids))
    }()

    /// The entry id of every token: only word tokens can be lexicon words (every key
    /// above is letters), so numbers and punctuation get the empty entry without a lookup.
    static func ids(of tokens: [Token], keys: [String]) -> [UInt16] {
        let ids = table.ids
        var out = [UInt16](repeating: 0, count: tokens.count)
        for i in tokens.indices where tokens[i].kind == .word {
            out[i] = ids[keys[i]] ?? 0
        }
        return out
    }
}
