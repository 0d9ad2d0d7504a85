/// What the money lexicon says about each token, found with one lookup per word, so the
/// scan can skip tokens that cannot start a sum or lie far from any currency.
struct MoneyTokenFlags {
    static let startWord: UInt8 = 1
    /// A word a currency can be read from: the first word of a name, a prefix word, a
    /// lower-case code, `p`. (Letters before `$` need the `$`, a symbol, which counts itself.)
    static let currencyWord: UInt8 = 2
    static let lowercaseCode: UInt8 = 4
    /// `MoneyNumbers.isNumberWord`, and a key of `MoneyLexicon.prefixWords`.
    static let numberWord: UInt8 = 8
    static let prefixWord: UInt8 = 16
    /// A key of `MoneyLexicon.qualifiers` (a qualifier's first word).
    static let qualifierWord: UInt8 = 32
    /// A word `readVague(at:)` starts from: a plural, multi or adjective scale, `several`.
    static let vagueWord: UInt8 = 64

    static let table: LexiconIndex<UInt8> = {
        var m: [String: UInt8] = [:]
        for w in MoneyGrammar.startWords { m[w, default: 0] |= startWord }
        for first in MoneyLexicon.nameLengthByFirstWord.keys { m[first, default: 0] |= currencyWord }
        for w in MoneyLexicon.prefixWords.keys { m[w, default: 0] |= currencyWord }
        m["p", default: 0] |= currencyWord
        for w in MoneyLexicon.prefixWords.keys { m[w, default: 0] |= prefixWord }
        for w in MoneyLexicon.qualifiers.keys { m[w, default: 0] |= qualifierWord }
        var vague = ["several"]
        vague += MoneyGrammar.pluralScales.keys
        vague += MoneyGrammar.multiScales.keys
        vague += MoneyGrammar.adjectiveScales.keys
        for w in vague { m[w, default: 0] |= vagueWord }
        var numberWords = ["hundred", "a", "an", "dozen"]
        numberWords += MoneyNumbers.units.keys
        numberWords += MoneyNumbers.tens.keys
        numberWords += MoneyNumbers.fractions.keys
        numberWords += MoneyLexicon.scales.keys
        for w in numberWords where MoneyNumbers.isNumberWord(w) { m[w, default: 0] |= numberWord }
        for w in MoneyLexicon.lowercaseCodes { m[w, default: 0] |= currencyWord | lowercaseCode }
        return LexiconIndex(m)
    }()

    /// A successful reading finds its currency within this many tokens of its first one
    /// (qualifier 5 + number words 25 + scale and second part 13, twice for a range): a
    /// bound with room to spare, so skipping beyond it changes nothing.
    static let reach = 96

    let flags: [UInt8]
    /// For each token, the index of the first currency-like token at or after it.
    let nextCurrency: [Int]

    init(tokens: [Token], norms: [String]) {
        let table = Self.table
        var flags = [UInt8](repeating: 0, count: tokens.count)
        var next = [Int](repeating: Int.max, count: tokens.count + 1)
        var i = tokens.count - 1
        while i >= 0 {
            // Fields read in place: a copy of the Token retained and released its two Strings.
            var currency = false
            switch tokens[i].kind {
            case .symbol:
                currency = true
            case .word:
                let f = table[norms[i]] ?? 0
                flags[i] = f
                currency = f & Self.currencyWord != 0 || Self.maybeCode(tokens[i].text, flags: f) || Self.mergesLetters(at: i, tokens, norms)
            case .number, .punctuation:
                break
            }
            next[i] = currency ? i : next[i + 1]
            i -= 1
        }
        self.flags = flags
        self.nextCurrency = next
    }

    /// Single letters that `mergedLetters(at:)` joins into one word (`u . s .`), which may
    /// then be a currency's name.
    static func mergesLetters(at i: Int, _ tokens: [Token], _ norms: [String]) -> Bool {
        guard isOneCharacter(norms[i]) else { return false }
        var k = i + 1
        if k < tokens.count, tokens[k].text == "." { k += 1 }
        return k < tokens.count && tokens[k].kind == .word && isOneCharacter(norms[k]) && !tokens[k].newlineBefore
    }

    /// `s.count == 1` without grapheme breaking for ASCII.
    static func isOneCharacter(_ s: String) -> Bool {
        let answer: Bool? = s.withUTF8Bytes { utf8 in
            let n = utf8.count
            if n == 1 { return true }
            // two ASCII scalars first are always two characters (CR LF aside, never in a word)
            if n > 1, utf8[0] < 0x80, utf8[1] < 0x80 { return false }
            return nil
        }
        return answer ?? (s.count == 1)
    }

    /// True for every token `code(at:)` or `millionCode(at:)` reads (and a few non-ASCII
    /// words more): a listed lower-case code, or upper-case letters that are a code or `M`
    /// and a code.
    static func maybeCode(_ text: String, flags: UInt8) -> Bool {
        let bytes = text.utf8.count
        guard bytes >= 3, bytes <= 16 else { return false }
        let (nonASCII, lower) = text.withUTF8Bytes { utf8 -> (Bool, Bool) in
            var nonASCII = false, lower = false
            for b in utf8 {
                if b >= 0x80 { nonASCII = true } else if b >= 97 && b <= 122 { lower = true }
            }
            return (nonASCII, lower)
        }
        let n = nonASCII ? text.scalarCount : bytes
        guard n == 3 || n == 4 else { return false }
        if flags & lowercaseCode != 0 || nonASCII { return true }
        guard !lower else { return false }
        if MoneyLexicon.codes[text] != nil { return true }
        return n == 4 && text.first == "M" && MoneyLexicon.codes[String(text.dropFirst())] != nil
    }

    static func hasASCIILowercase(_ text: String) -> Bool {
        text.withUTF8Bytes { $0.contains { $0 >= 97 && $0 <= 122 } }
    }
}
