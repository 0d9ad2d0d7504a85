import Foundation

/// A sum of money found in a document: its span (code points, end exclusive) and value.
public struct MoneyMatch: Hashable, Sendable {
    public var start: Int
    public var end: Int
    public var value: MoneyValue

    public init(start: Int, end: Int, value: MoneyValue) {
        self.start = start
        self.end = end
        self.value = value
    }
}

/// Where a money span starts: after its qualifier (the API), or as OntoNotes draws it (scoring).
public enum MoneySpanStyle: String, Sendable {
    /// `$89,500` whole, and without its qualifier (`£5m` of `more than £5m`, which
    /// `qualifier` says): what the API returns, by the real-news guidelines.
    case natural
    /// `89,500` without the lone sign, as OntoNotes annotates it (`about $155` and
    /// `$2 billion` keep theirs), with the qualifiers OntoNotes mostly keeps inside
    /// (`about $5 million`, not `up to`). Only for scoring against OntoNotes.
    case ontoNotes
}

/// Settings for money recognition.
public struct MoneyOptions: Sendable {
    /// ISO 4217 code a bare `$` falls back to when the article names no dollar of its own.
    public var defaultDollar: String
    public var spanStyle: MoneySpanStyle
    /// The article's date: a territory's currency is the one it used then (`francs` in
    /// Paris are FRF in 1987, no franc in 2024). Nil: the currencies in use now.
    public var referenceDate: CivilDate?

    public init(defaultDollar: String = "USD", spanStyle: MoneySpanStyle = .natural, referenceDate: CivilDate? = nil) {
        self.defaultDollar = defaultDollar
        self.spanStyle = spanStyle
        self.referenceDate = referenceDate
    }
}

/// Finds and normalises sums of money: `€276 million` → 276000000 EUR, `€5-6 billion` →
/// 5e9…6e9, `more than $10,000` → 10000 USD `more_than`.
///
/// A bare sign or name (`$`, `dlrs`, `cents`, `¥`, `francs`) is resolved from the article
/// (`inferred`, with `currency_evidence`): the one member of its family the article writes
/// out (`US$`, `A$`, `Danish kroner`), else the currency its places used on its date
/// (`CurrencyContext`); minor units take the article's major unit. With nothing to decide it
/// takes the family default (`options.defaultDollar` for dollars, GBP for pounds, …) and is
/// `ambiguous`. `£`, `€`, `US$`, codes and full names are `explicit`. A bare sum in brackets
/// right after a foreign one (`Z$1,000 ($100)`) is a conversion and keeps the default.
/// Sums named only by their order of magnitude (`billions of dollars`) are no figure and are
/// left out, except in the OntoNotes span style, whose corpus counts them.
public struct MoneyRecognizer: Sendable {
    public var options: MoneyOptions

    public init(options: MoneyOptions = MoneyOptions()) {
        self.options = options
    }

    /// - Parameter names: the name tagger's findings, when it ran: a place name then counts as
    ///   a place only where the tagger sees one (`Hamilton` the city, not Lewis Hamilton).
    public func recognize(_ document: Document, names: [NameMatch]? = nil) -> [MoneyMatch] {
        let grammar = MoneyGrammar(document: document)
        let readings = Self.read(grammar).filter { !$0.isVague || options.spanStyle == .ontoNotes }
        guard !readings.isEmpty else { return [] }
        let tokens = document.tokens
        let date = options.referenceDate
        // Explicit members of each family named in this article, with the first one's text.
        var named: [CurrencyFamily: [String: String]] = [:]
        var explicitCodes = Set<String>()
        for r in readings {
            guard var code = r.unit.code else { continue }
            if let t = r.unit.territory, let f = r.unit.family ?? CurrencyContext.family(of: code) {
                code = Self.member(of: f, usedBy: t, on: date) ?? code
            }
            explicitCodes.insert(code)
            if let f = r.unit.family, named[f]?[code] == nil {
                named[f, default: [:]][code] = document.text(from: tokens[r.unitStartToken].start, to: Self.end(of: tokens[max(r.unitStartToken, r.unitEndToken - 1)]))
            }
        }
        var context: CurrencyContext? = nil
        var resolved: [CurrencyFamily: (code: String, resolution: CurrencyResolution, evidence: String)] = [:]
        func resolve(_ f: CurrencyFamily) -> (code: String, resolution: CurrencyResolution, evidence: String)? {
            if let r = resolved[f] { return r }
            let members = named[f] ?? [:]
            let fallback = MoneyLexicon.familyDefault(f, dollar: options.defaultDollar)
            var answer: (String, CurrencyResolution, String)? = nil
            if members.count == 1, let only = members.first {
                answer = (only.key, .inferred, "earlier:" + only.value)
            } else {
                if context == nil { context = CurrencyContext(document: document, norms: grammar.norms, date: date, names: names) }
                let allowed = members.isEmpty ? nil : Set(members.keys)
                if let p = context!.resolve(f, among: allowed) {
                    answer = (p.code, .inferred, p.evidence)
                } else if let d = fallback {
                    answer = (d, .ambiguous, "default")
                }
            }
            if let a = answer { resolved[f] = (a.0, a.1, a.2) }
            return answer.map { ($0.0, $0.1, $0.2) }
        }
        var matches: [MoneyMatch] = []
        matches.reserveCapacity(readings.count)
        for (index, r) in readings.enumerated() {
            var currency: String
            var resolution = CurrencyResolution.explicit
            var evidence: String? = nil
            if var code = r.unit.code {
                if let t = r.unit.territory, let f = r.unit.family ?? CurrencyContext.family(of: code) {
                    code = Self.member(of: f, usedBy: t, on: date) ?? code
                }
                currency = code
            } else if let f = r.unit.family {
                if Self.isConversion(r, after: index > 0 ? readings[index - 1] : nil, tokens: tokens) {
                    guard let d = MoneyLexicon.familyDefault(f, dollar: options.defaultDollar) else { continue }
                    (currency, resolution, evidence) = (d, .ambiguous, "default")
                } else if f == .dollar, r.unit.isMinor, named[.dollar] == nil, explicitCodes == ["EUR"] {
                    // Cents in an article that names only euros are euro cents.
                    (currency, resolution, evidence) = ("EUR", .inferred, "major:EUR")
                } else if let x = resolve(f) {
                    (currency, resolution, evidence) = x
                    if r.unit.isMinor, x.resolution != .ambiguous { evidence = "major:\(x.code)" }
                } else {
                    continue   // `dinars` alone: no currency to say
                }
            } else {
                continue
            }
            var firstToken = r.valueStartToken
            if options.spanStyle == .ontoNotes {
                if r.isBareSignAndNumber {
                    firstToken = r.numberStartToken
                } else {
                    firstToken = r.afterOuterQualifier ?? r.startToken
                }
            }
            let value = MoneyValue(amount: r.amount, currency: currency, currencyResolution: resolution,
                                   qualifier: r.qualifier, min: r.min, max: r.max, currencyEvidence: evidence)
            matches.append(MoneyMatch(start: tokens[firstToken].start, end: Self.end(of: tokens[r.endToken - 1]), value: value))
        }
        return matches
    }

    /// The member of a family a territory used on a day (`Turkish lira` is TRL in 2004, TRY in 2006).
    static func member(of family: CurrencyFamily, usedBy territory: String, on date: CivilDate?) -> String? {
        CurrencyFacts.bundled.currencies(of: territory, on: date).first { MoneyLexicon.isMember($0, of: family) }
    }

    /// `Z$1,000 ($100)`, `A$5m ($3.5m)`: a bare sum in brackets right after a foreign one of its
    /// family converts it into the paper's own currency, so it does not take the foreign code.
    static func isConversion(_ r: MoneyReading, after previous: MoneyReading?, tokens: [Token]) -> Bool {
        guard let p = previous, p.unit.code != nil, p.unit.family == r.unit.family, r.startToken >= 1,
              tokens[r.startToken - 1].text == "(" else { return false }
        return p.endToken == r.startToken - 1
    }

    /// Where a span ending in this token ends: a sentence's full stop that the tokenizer kept
    /// on a letter (`75p.`, `£200m.`) is not part of the sum; `U.S.` keeps its dots.
    static func end(of last: Token) -> Int {
        guard last.kind == .word, last.text.hasASCIISuffix("."),
              last.text.unicodeScalars.reduce(0, { $0 + ($1 == "." ? 1 : 0) }) == 1 else { return last.end }
        return last.end - 1
    }

    /// Every sum in the document, left to right, none overlapping.
    static func read(_ grammar: MoneyGrammar) -> [MoneyReading] {
        let tokens = grammar.tokens
        guard !tokens.isEmpty else { return [] }
        var readings: [MoneyReading] = []
        var i = 0
        while i < tokens.count {
            // Both tests are pure: the cheaper (how far the next currency-like token is) first.
            if grammar.lexicon.nextCurrency[i] - i <= MoneyTokenFlags.reach, grammar.mayStart(at: i), let r = grammar.read(at: i) {
                readings.append(r)
                i = r.endToken
            } else {
                i += 1
            }
        }
        return readings
    }
}

extension MoneyGrammar {
    /// A cheap test before the rules run: only numbers, signs and a few words begin a sum.
    func mayStart(at i: Int) -> Bool {
        // The kind read in place: a copy of the Token retained and released its two Strings.
        switch tokens[i].kind {
        case .number, .symbol: return true
        case .punctuation: return false
        case .word:
            if lexicon.flags[i] & MoneyTokenFlags.startWord != 0 { return true }
            let n = norms[i].utf8.count
            return n == 1 || ((n == 3 || n == 4) && (code(at: i) != nil || millionCode(at: i) != nil))
        }
    }

    /// Every word that can begin a sum, for one lookup per word in the scan.
    static let startWords: Set<String> = {
        var s: Set<String> = ["between", "from", "several", "a", "an", "hundred", "dozen"]
        s.formUnion(MoneyLexicon.qualifiers.keys)
        s.formUnion(MoneyNumbers.units.keys)
        s.formUnion(MoneyNumbers.tens.keys)
        s.formUnion(MoneyNumbers.fractions.keys)
        s.formUnion(MoneyLexicon.scales.keys)
        s.formUnion(MoneyLexicon.dollarPrefixes.keys)
        s.formUnion(MoneyLexicon.prefixWords.keys)
        s.formUnion(MoneyGrammar.pluralScales.keys)
        s.formUnion(MoneyGrammar.multiScales.keys)
        return s
    }()
}
