import Foundation

/// The places an article names, counted by territory, so that a bare `dollars`, `rupees` or
/// `francs` takes the currency of the country the story is about on the story's date:
/// `dlrs` beside `New Zealand` are NZD, `francs` beside `Paris` in 1987 FRF, beside `Zurich`
/// CHF. Names come from `CurrencyFacts` (CLDR and ISO 3166 names, adjectives such as
/// `Canadian`, large cities); a name inside a longer one counts too (`Bank of Canada`).
struct CurrencyContext {
    struct Mentions {
        var count = 0
        /// The first mention as written, for `currency_evidence`.
        var firstText = ""
        var firstToken = Int.max
    }

    /// Territory → how often the article names it.
    private(set) var territories: [String: Mentions] = [:]
    let date: CivilDate?

    /// - Parameter names: the tagger's names, sorted by start, when it ran. A name inside a
    ///   person's name never counts (`Jordan`, `Hamilton` in `Lewis Hamilton`); a city counts only
    ///   where the tagger sees a place; a country or its adjective counts anywhere else, inside an
    ///   organisation's name too (`Bank of Canada`). Without names, every match counts.
    init(document: Document, norms: [String], date: CivilDate?, names: [NameMatch]? = nil) {
        self.date = date
        let tokens = document.tokens
        let index = Self.index
        var nameIndex = 0
        /// The tagger's type for a span, if a name covers it.
        func taggedType(_ span: Range<Int>) -> EntityType? {
            guard let names else { return nil }
            while nameIndex < names.count, names[nameIndex].end <= span.lowerBound { nameIndex += 1 }
            guard nameIndex < names.count, names[nameIndex].start <= span.lowerBound, span.upperBound <= names[nameIndex].end else { return nil }
            return names[nameIndex].type
        }
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            guard t.kind == .word, Self.isCapitalized(t), let longest = index.firstWords[Self.word(norms[i])] else {
                i += 1
                continue
            }
            var matched = 0
            var territory = ""
            var phrase = ""
            var words: [String] = []
            var k = i
            while k < tokens.count, words.count < longest, tokens[k].kind == .word {
                words.append(Self.word(norms[k]))
                k += 1
                let key = words.joined(separator: " ")
                if let found = index.places[key] {
                    matched = k - i
                    territory = found
                    phrase = key
                }
                if Self.word(norms[k - 1]) != norms[k - 1] { break }   // a possessive ends the name
            }
            var counts = matched > 0 && Self.isProperMention(tokens[i], phrase: phrase)
            if counts, names != nil {
                let type = taggedType(tokens[i].start..<tokens[i + matched - 1].end)
                counts = type != .person && (type == .place || !index.cities.contains(phrase))
            }
            if counts {
                var m = territories[territory] ?? Mentions()
                if m.count == 0 {
                    m.firstToken = i
                    m.firstText = document.text(from: tokens[i].start, to: Self.endWithoutPossessive(tokens[i + matched - 1]))
                }
                m.count += 1
                territories[territory] = m
                i += matched
            } else {
                i += 1
            }
        }
    }

    /// A currency of `family` that the article's places used on its date, when they name it
    /// more often than any other of the family; with the territory's first mention as written.
    func resolve(_ family: CurrencyFamily, among allowed: Set<String>? = nil) -> (code: String, evidence: String)? {
        var score: [String: (count: Int, first: Int, text: String)] = [:]
        for (territory, m) in territories {
            let codes = CurrencyFacts.bundled.currencies(of: territory, on: date)
            guard let code = codes.first(where: { MoneyLexicon.isMember($0, of: family) }) else { continue }
            if let allowed, !allowed.contains(code) { continue }
            var s = score[code] ?? (0, Int.max, "")
            s.count += m.count
            if m.firstToken < s.first { s.first = m.firstToken; s.text = m.firstText }
            score[code] = s
        }
        // The most-named territory decides only when no other of the family is named as often.
        let ranked = score.sorted { a, b in a.value.count != b.value.count ? a.value.count > b.value.count : a.value.first < b.value.first }
        guard let best = ranked.first else { return nil }
        if ranked.count > 1, ranked[1].value.count == best.value.count { return nil }
        return (best.key, "place:" + best.value.text)
    }

    static func family(of code: String) -> CurrencyFamily? {
        MoneyLexicon.familyOfCode[code] ?? unitFamilies[code]
    }

    /// Every code's unit word as a family, including single-member ones (`rand`).
    static let unitFamilies: [String: CurrencyFamily] = CurrencyFacts.bundled.currencies.compactMapValues {
        CurrencyFacts.unitWord(of: $0.singular).map(CurrencyFamily.init)
    }

    /// `Kong's` → `kong`: the norm without a possessive ending.
    static func word(_ norm: String) -> String {
        guard norm.utf8.last == UInt8(ascii: "s") else { return norm }
        if norm.hasASCIISuffix("'s") || norm.hasSuffix("’s") { return String(norm.dropLast(2)) }
        return norm
    }

    /// `Token.isCapitalized` without a Unicode property lookup for ASCII, nearly every word.
    static func isCapitalized(_ t: Token) -> Bool {
        guard let b = t.text.utf8.first else { return false }
        return b < 0x80 ? (b >= 65 && b <= 90) : t.isCapitalized
    }

    static func endWithoutPossessive(_ t: Token) -> Int {
        t.text.hasASCIISuffix("'s") || t.text.hasSuffix("’s") ? t.end - 2 : t.end
    }

    /// Short names must be written in capitals (`US`, `UK`, `N.Z.`) so that `us` or `Us` is not America.
    static func isProperMention(_ first: Token, phrase: String) -> Bool {
        guard phrase.utf8.count <= 3 else { return true }
        return first.text.uppercased() == first.text
    }

    struct Index {
        var places: [String: String] = [:]
        /// Keys that name only a city, not a territory.
        var cities: Set<String> = []
        /// First word of every name → the most words a name starting with it has.
        var firstWords: [String: Int] = [:]
    }

    static let index: Index = {
        var index = Index()
        let facts = CurrencyFacts.bundled
        // Territories' own names first, then cities, each in a fixed order: the first claim on a key wins.
        let named = facts.places.sorted { $0.key < $1.key }.map { ($0.key, $0.value, false) }
            + facts.cities.sorted { $0.key < $1.key }.map { ($0.key, $0.value, true) }
        for (name, territory, isCity) in named {
            let key = MoneyLexicon.key(name)
            guard !key.isEmpty, index.places[key] == nil else { continue }
            index.places[key] = territory
            if isCity { index.cities.insert(key) }
            let (first, count) = CurrencyFacts.firstWord(key)
            index.firstWords[first] = max(index.firstWords[first] ?? 0, count)
        }
        return index
    }()
}
