import Foundation

/// One sum of money read from tokens, before a bare sign's currency is resolved.
struct MoneyReading: Sendable {
    var startToken: Int
    var endToken: Int
    /// First token of the number: OntoNotes leaves a lone `$` out of `$89,500`.
    var numberStartToken: Int
    var amount: Decimal
    var min: Decimal?
    var max: Decimal?
    var unit: CurrencyUnit
    var qualifier: String?
    /// Just a sign and digits (`$250`), nothing before or after.
    var isBareSignAndNumber: Bool
    /// First token after a qualifier that OntoNotes mostly leaves outside its spans (`up to`).
    var afterOuterQualifier: Int? = nil
}

/// The part of a sum around one number: `US$4.7 billion`, `five million yen`, `75 USD million`.
struct MoneyCore {
    var start: Int
    var end: Int
    var numberStart: Int
    var number: Decimal
    var written: WrittenNumber?
    var scale: Decimal?
    var unit: CurrencyUnit?
    var prefixed = false
    var prefixIsSign = false
    var suffixed = false

    var value: Decimal { number * (scale ?? 1) * (unit?.factor ?? 1) }
}

/// The money rules over one document's tokens. Every rule looks a bounded number of tokens
/// ahead, so a scan is linear in the text; no regular expressions, no backtracking.
struct MoneyGrammar {
    let tokens: [Token]
    let scalars: [Unicode.Scalar]
    /// Word tokens lower-cased without dots (`U.S.` → `us`); other tokens as written.
    let norms: [String]

    init(document: Document) {
        tokens = document.tokens
        scalars = document.scalars
        norms = document.tokens.map { t in t.kind == .word ? Self.normalize(t.text) : t.text }
    }

    /// Lower case without dots. ASCII words (nearly all) skip Unicode case mapping: this
    /// runs on every word of every article.
    static func normalize(_ word: String) -> String {
        var ascii = true
        var hasUpperOrDot = false
        for b in word.utf8 {
            if b >= 0x80 { ascii = false; break }
            if (b >= 65 && b <= 90) || b == 46 { hasUpperOrDot = true }
        }
        if ascii {
            guard hasUpperOrDot else { return word }
            let bytes = word.utf8
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                var n = 0
                for b in bytes where b != 46 {
                    buffer[n] = (b >= 65 && b <= 90) ? b + 32 : b
                    n += 1
                }
                return n
            }
        }
        var s = word.lowercased()
        if s.contains(".") { s.removeAll { $0 == "." } }
        return s
    }

    // MARK: reading one sum

    /// The sum starting at token `i`, if one does.
    func read(at i: Int) -> MoneyReading? {
        var j = i
        var qualifier: String? = nil
        var qualified = false
        var between = false
        if norms[i] == "between" {
            between = true
            j += 1
        } else if let q = matchQualifier(at: i) {
            qualifier = q.qualifier
            qualified = true
            j = q.end
        }
        guard j < tokens.count else { return nil }
        let outer = qualified && MoneyLexicon.outerQualifiers.contains(norms[i..<j].joined(separator: " ")) ? j : nil
        if var vague = readVague(at: j) {
            vague.startToken = i
            vague.afterOuterQualifier = outer
            return vague
        }
        guard let first = parseCore(at: j) else { return nil }
        if let range = readRangeTail(after: first, readingStart: i, between: between) {
            var r = range
            r.startToken = i
            r.qualifier = qualifier == "minus" ? nil : qualifier
            r.afterOuterQualifier = outer
            return r
        }
        guard !between, var unit = first.unit else { return nil }
        let core = first
        var amount = core.value
        var end = core.end
        if let (minor, minorEnd) = readMinorTail(after: core) {
            amount += minor * unit.factor
            end = minorEnd
        }
        if qualifier == "minus" { amount = -amount; qualifier = nil }
        unit.cautious = false
        let bare = (!qualified || outer != nil) && core.prefixIsSign && !core.suffixed && core.scale == nil && end == core.end
        return MoneyReading(startToken: i, endToken: end, numberStartToken: core.numberStart, amount: amount,
                            min: nil, max: nil, unit: unit, qualifier: qualifier, isBareSignAndNumber: bare,
                            afterOuterQualifier: outer)
    }

    /// `€5-6 billion`, `$1.2 million to $23.5 million`, `between 25 cents and 30 cents`.
    func readRangeTail(after first: MoneyCore, readingStart: Int, between: Bool) -> MoneyReading? {
        var k = first.end
        guard k < tokens.count else { return nil }
        let sep = norms[k]
        if between {
            guard sep == "and" else { return nil }
        } else if sep == "to" {
            // `rose from $5 million to $6 million` is a change, not a range.
            if readingStart > 0, Self.changeWords.contains(norms[readingStart - 1]) { return nil }
        } else if !(sep == "-" || sep == "–") {
            return nil
        }
        k += 1
        guard k < tokens.count, !tokens[k].newlineBefore, let second = parseCore(at: k) else { return nil }
        if second.end < tokens.count, norms[second.end] == "%" || norms[second.end] == "percent" { return nil }
        guard let unit = first.unit ?? second.unit else { return nil }
        // `4.10 guilders to 214.40` is a price move, not a range.
        if first.suffixed && second.unit == nil { return nil }
        if let u1 = first.unit, let u2 = second.unit, !u1.isCompatible(with: u2) { return nil }
        if first.unit == nil, first.written?.yearLike == true { return nil }
        var low = first
        low.unit = first.unit ?? unit
        if low.scale == nil, !low.suffixed, second.scale != nil { low.scale = second.scale }
        var high = second
        high.unit = second.unit ?? unit
        let lo = low.value, hi = high.value
        guard lo < hi else { return nil }
        var u = unit
        u.cautious = false
        return MoneyReading(startToken: readingStart, endToken: second.end, numberStartToken: first.numberStart,
                            amount: lo, min: lo, max: hi, unit: first.unit ?? u, qualifier: nil,
                            isBareSignAndNumber: false)
    }

    /// Words before `X to Y` that make it a movement between two sums.
    static let changeWords: Set<String> = [
        "from", "rose", "fell", "increased", "grew", "dropped", "declined", "jumped", "climbed", "slipped", "slid",
        "gained", "lost", "raised", "cut", "reduced", "boosted", "lifted", "lowered", "widened", "narrowed",
        "surged", "plunged", "soared", "tumbled", "advanced", "eased", "rising", "falling", "increasing", "up",
        "down", "by", "firmed", "shed", "added", "rallied", "slumped", "sank", "dipped", "edged", "retreated",
        "rebounded", "recovered", "improved", "moved", "decreased", "doubled", "trimmed", "rose", "expanded",
    ]

    /// `3 dollars 50 cents`, `thirteen dollars and forty-five cents`, `15 USD 50`.
    func readMinorTail(after core: MoneyCore) -> (Decimal, Int)? {
        guard let unit = core.unit, !unit.isMinor, core.scale == nil, (core.written?.fractionDigits ?? 0) == 0 else { return nil }
        var k = core.end
        guard k < tokens.count, !tokens[k].newlineBefore else { return nil }
        let hasAnd = norms[k] == "and"
        if hasAnd { k += 1 }
        guard k < tokens.count, let (minor, written, end) = parseNumber(at: k), minor >= 1, minor < 100 else { return nil }
        if let w = written, w.fractionDigits > 0 || w.grouped { return nil }
        if end < tokens.count, ["cent", "cents", "penny", "pence", "p", "c", "¢"].contains(norms[end]) {
            return (minor / 100, end + 1)
        }
        guard core.suffixed || hasAnd else { return nil }
        // Without `cents` the tail must end the clause: `15 dollars and 50.` but not `$5 and 30 days`.
        if end < tokens.count {
            let t = tokens[end]
            guard t.kind == .punctuation, t.text != "-", t.text != "%", t.text != "/" else { return nil }
        }
        return (minor / 100, end)
    }

    func matchQualifier(at i: Int) -> (qualifier: String?, end: Int)? {
        guard tokens[i].kind == .word, let options = MoneyLexicon.qualifiers[norms[i]] else { return nil }
        outer: for option in options {
            guard i + option.words.count <= tokens.count else { continue }
            for (n, w) in option.words.enumerated() where norms[i + n] != w { continue outer }
            return (option.qualifier, i + option.words.count)
        }
        return nil
    }

    // MARK: one number with its currency

    /// Currency before the number, the number, scale words, currency after it.
    func parseCore(at i: Int) -> MoneyCore? {
        var j = i
        var unit: CurrencyUnit? = nil
        var prefixScale: Decimal? = nil
        var prefixIsSign = false
        var prefixNeedsScale = false
        if let p = parsePrefix(at: i) {
            unit = p.unit
            prefixScale = p.scale
            prefixIsSign = p.isSign
            prefixNeedsScale = p.needsScale
            j = p.end
            guard j < tokens.count, !tokens[j].newlineBefore else { return nil }
        }
        // `.500 mark`, `1 . 8500 marks`, `one point four`: the tail of another number.
        if unit == nil, j > 1, tokens[j - 1].text == "." || norms[j - 1] == "point",
           tokens[j].joinedToPrevious || (!tokens[j - 1].joinedToPrevious
                && (tokens[j - 2].kind == .number || MoneyNumbers.units[norms[j - 2]] != nil)) {
            return nil
        }
        guard let (number, written, numberEnd) = parseNumber(at: j) else { return nil }
        var core = MoneyCore(start: i, end: numberEnd, numberStart: j, number: number, written: written,
                             scale: prefixScale, unit: unit, prefixed: unit != nil, prefixIsSign: prefixIsSign)
        core.numberStart = j
        if core.scale == nil, let (scale, end) = parseScale(at: numberEnd, afterSign: unit != nil, words: written == nil) {
            core.scale = scale
            core.end = end
            // `1 billion 300 million dollars`: a smaller scaled part adds to the first.
            if end < tokens.count, tokens[end].kind == .number, !tokens[end].newlineBefore,
               let (n2, w2, e2) = parseNumber(at: end), w2 != nil,
               let (s2, e3) = parseScale(at: e2, afterSign: false, words: false), s2 < scale, n2 * s2 < scale {
                core.number = number + n2 * s2 / scale
                core.end = e3
            }
        }
        if prefixNeedsScale && core.scale == nil { return nil }
        if let s = parseSuffix(at: core.end, core: core) {
            if let u = unit {
                // `$ 10 dollars`: the same currency twice; anything else is two things.
                if u.isCompatible(with: s.unit) && !s.unit.isMinor {
                    core.end = s.end
                    core.suffixed = true
                }
            } else {
                core.unit = s.unit
                core.end = s.end
                core.suffixed = true
                if let sc = s.scale { core.scale = (core.scale ?? 1) * sc }
                if core.scale == nil, s.unit.isCode, let (scale, end) = parseScale(at: s.end, afterSign: false, words: false) {
                    core.scale = scale   // `75 USD million`
                    core.end = end
                }
            }
        }
        if let u = core.unit, u.cautious, core.scale == nil, (written?.fractionDigits ?? 0) != 2 { return nil }
        return core
    }

    /// A currency written before its number: `$`, `US$`, `c $`, `EUR`, `MUSD`, `SKr`, `Rs.`.
    func parsePrefix(at i: Int) -> (unit: CurrencyUnit, end: Int, scale: Decimal?, isSign: Bool, needsScale: Bool)? {
        let t = tokens[i]
        if t.kind == .symbol {
            guard let c = t.text.unicodeScalars.first, t.text.unicodeScalars.count == 1,
                  let unit = MoneyLexicon.symbols[c] else { return nil }
            return (unit, i + 1, nil, true, false)
        }
        guard t.kind == .word else { return nil }
        // Letters before a dollar sign: `US$`, `HK $`, `u.s $`.
        let (letters, afterLetters) = mergedLetters(at: i)
        if afterLetters < tokens.count, tokens[afterLetters].text == "$", let code = MoneyLexicon.dollarPrefixes[letters] {
            let joined = tokens[afterLetters].joinedToPrevious
            let merged = afterLetters > i + 1
            let lowerSpaced = !joined && !merged && t.text == t.text.lowercased()
            let allowed = joined || merged || (letters.count > 1 && !(lowerSpaced && letters == "us")) || letters == "c"
            if allowed { return (.explicit(code), afterLetters + 1, nil, true, false) }
        }
        guard i + 1 < tokens.count else { return nil }
        let next = tokens[i + 1]
        if let unit = code(at: i) {
            guard next.kind == .number || next.kind == .word else { return nil }
            return (unit, i + 1, nil, false, false)
        }
        if let unit = millionCode(at: i) {
            return (unit, i + 1, 1_000_000, false, false)
        }
        if let p = MoneyLexicon.prefixWords[norms[i]] {
            var k = i + 1
            if tokens[k].text == ".", k + 1 < tokens.count, tokens[k].joinedToPrevious { k += 1 }  // `Rs. 500`
            guard k < tokens.count, tokens[k].kind == .number else { return nil }
            if p.joinedOnly && !tokens[k].joinedToPrevious { return nil }
            return (p.unit, k, nil, false, norms[i] == "dollar")
        }
        return nil
    }

    /// An ISO-style code in this token: upper case, or a frequent code in lower case.
    func code(at i: Int) -> CurrencyUnit? {
        let t = tokens[i]
        guard t.kind == .word else { return nil }
        let text = t.text
        let count = text.unicodeScalars.count
        guard count == 3 || count == 4 else { return nil }
        if text == text.uppercased() {
            if let c = MoneyLexicon.codes[text] { return codeUnit(c) }
        } else if MoneyLexicon.lowercaseCodes.contains(text), let c = MoneyLexicon.codes[text.uppercased()] {
            return codeUnit(c)
        }
        return nil
    }

    /// `MUSD`, `MEUR`: millions of a currency, as Nordic and German reports write them.
    func millionCode(at i: Int) -> CurrencyUnit? {
        let text = tokens[i].text
        guard tokens[i].kind == .word, text.unicodeScalars.count == 4, text.first == "M", text == text.uppercased(),
              let c = MoneyLexicon.codes[String(text.dropFirst())] else { return nil }
        return codeUnit(c)
    }

    func codeUnit(_ code: String) -> CurrencyUnit {
        var u = CurrencyUnit.explicit(code)
        u.isCode = true
        return u
    }

    /// A currency written after its number: a name (`Canadian dollars`), a code, a sign (`10 €`).
    func parseSuffix(at start: Int, core: MoneyCore) -> (unit: CurrencyUnit, end: Int, scale: Decimal?)? {
        var i = start
        guard i < tokens.count, !tokens[i].newlineBefore else { return nil }
        var hyphenated = false
        if tokens[i].text == "-", tokens[i].joinedToPrevious, i + 1 < tokens.count, tokens[i + 1].joinedToPrevious {
            hyphenated = true   // `five-cent`, `100 million-mark`
            i += 1
        }
        let t = tokens[i]
        if t.kind == .symbol {
            guard !hyphenated, let c = t.text.unicodeScalars.first, let unit = MoneyLexicon.symbols[c] else { return nil }
            // A sign before another number is that number's prefix (`2023 €5bn`), unless cents follow (`10 $ 30 cent`).
            if i + 1 < tokens.count, tokens[i + 1].kind == .number {
                let after = i + 2
                guard after < tokens.count, ["cent", "cents"].contains(norms[after]) else { return nil }
            }
            return (unit, i + 1, nil)
        }
        guard t.kind == .word else { return nil }
        if !hyphenated, let unit = code(at: i) {
            // `3 USD50 cards`: a code joined to the next number belongs to that number.
            if i + 1 < tokens.count, tokens[i + 1].kind == .number, tokens[i + 1].joinedToPrevious { return nil }
            return (unit, i + 1, nil)
        }
        if !hyphenated, let unit = millionCode(at: i) { return (unit, i + 1, 1_000_000) }
        // `75p`: pence only when joined, and not a video resolution.
        if norms[i] == "p" {
            guard t.joinedToPrevious, let w = core.written, w.fractionDigits == 0, ![480, 720, 1080, 1440, 2160].contains(core.number),
                  i + 1 >= tokens.count || !tokens[i + 1].joinedToPrevious || tokens[i + 1].kind == .punctuation else { return nil }
            return (.explicit("GBP", factor: Decimal(string: "0.01")!), i + 1, nil)
        }
        guard let (unit, end) = matchName(at: i) else { return nil }
        // `2 Mark Brooks`: a capitalised bare `Mark` is a name.
        if end == i + 1, norms[i] == "mark", t.text != "mark" { return nil }
        if unit.cautious {
            if end < tokens.count, norms[end] == "of" { return nil }   // `1.6 million pounds of food`
            if hyphenated && core.scale == nil { return nil }
        }
        // `in 1989 dollars` is a price level, not a sum.
        if let w = core.written, w.yearLike, core.scale == nil, core.numberStart > 0, norms[core.numberStart - 1] == "in" { return nil }
        return (unit, end, nil)
    }

    /// The longest currency name at token `i`, in words; dotted initials merge (`u . s . dollars`).
    func matchName(at i: Int) -> (CurrencyUnit, Int)? {
        var words: [String] = []
        var ends: [Int] = []
        var k = i
        while words.count < MoneyLexicon.longestName, k < tokens.count, tokens[k].kind == .word {
            if k > i && tokens[k].newlineBefore { break }
            let (w, next) = mergedLetters(at: k)
            words.append(w)
            ends.append(next)
            k = next
        }
        var n = words.count
        while n > 0 {
            let key = n == 1 ? words[0] : words[0..<n].joined(separator: " ")
            if let unit = MoneyLexicon.names[key] { return (unit, ends[n - 1]) }
            n -= 1
        }
        return nil
    }

    /// Single letters written with dots or spaces as one word (`u . s .`, `u.` `s`); else the token's norm.
    func mergedLetters(at i: Int) -> (String, Int) {
        guard norms[i].count == 1, tokens[i].kind == .word else { return (norms[i], i + 1) }
        var letters = norms[i]
        var k = i + 1
        if k < tokens.count, tokens[k].text == "." { k += 1 }
        var merged = false
        while k < tokens.count, tokens[k].kind == .word, norms[k].count == 1, !tokens[k].newlineBefore {
            letters += norms[k]
            merged = true
            k += 1
            if k < tokens.count, tokens[k].text == "." { k += 1 }
        }
        return merged ? (letters, k) : (norms[i], i + 1)
    }

    // MARK: numbers and scales

    /// Digits (with space-separated groups, `1 000 000`) or number words (`two million`, `a half`).
    func parseNumber(at i: Int) -> (Decimal, WrittenNumber?, Int)? {
        let t = tokens[i]
        if t.kind == .number {
            guard var w = MoneyNumbers.parse(t.text) else { return nil }
            var end = i + 1
            // `1 000 000`: groups of three after a space, read only as part of a sum.
            if !w.grouped, w.fractionDigits == 0, t.text.utf8.count <= 3 {
                var text = t.text
                var k = i + 1
                while k < tokens.count, tokens[k].kind == .number, tokens[k].text.utf8.count == 3,
                      tokens[k].start == tokens[k - 1].end + 1, Self.isGroupSpace(scalars[tokens[k].start - 1]) {
                    text += tokens[k].text
                    k += 1
                }
                if k > i + 1, let merged = MoneyNumbers.parse(text) {
                    w = merged
                    w.grouped = true
                    w.yearLike = false
                    end = k
                }
            }
            return (w.value, w, end)
        }
        guard t.kind == .word, MoneyNumbers.isNumberWord(norms[i]) else { return nil }
        return parseNumberWords(at: i).map { ($0.0, nil, $0.1) }
    }

    static func isGroupSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c.value == 0xA0 || c.value == 0x202F || c.value == 0x2009
    }

    /// English number words, scale words included: `three hundred and five`, `a half-million`,
    /// `three quarters billion`, `one and a half million`.
    func parseNumberWords(at i: Int) -> (Decimal, Int)? {
        var total: Decimal = 0
        var current: Decimal = 0
        var sawNumber = false
        var last: Character = " "   // u: unit, t: tens, h: hundred, s: scale, f: fraction
        var k = i
        var end = i
        while k < tokens.count {
            let w = norms[k]
            if tokens[k].kind == .punctuation && w == "-" && tokens[k].joinedToPrevious && sawNumber {
                k += 1
                continue
            }
            guard tokens[k].kind == .word else { break }
            if let v = MoneyNumbers.units[w] {
                if last == "u" || (last == "t" && v >= 10) { break }
                current += Decimal(v)
                last = "u"
            } else if let v = MoneyNumbers.tens[w] {
                if last == "u" || last == "t" { break }
                current += Decimal(v)
                last = "t"
            } else if w == "hundred" {
                if last == "h" { break }
                current = (current == 0 ? 1 : current) * 100
                last = "h"
            } else if w == "dozen" {
                current = (current == 0 ? 1 : current) * 12
                last = "h"
            } else if let scale = MoneyLexicon.scales[w] {
                if !sawNumber && last != "a" { break }   // `million dollars` alone names no sum
                total += (current == 0 ? 1 : current) * scale
                current = 0
                last = "s"
            } else if (w == "a" || w == "an") && !sawNumber {
                // `a billion`, `a half-million`, `a quarter million`, `a penny`.
                guard k + 1 < tokens.count else { break }
                let nx = norms[k + 1]
                guard MoneyLexicon.scales[nx] != nil || nx == "hundred" || nx == "dozen" || MoneyNumbers.fractions[nx] != nil
                        || nx == "penny" || nx == "cent" else { break }
                current = 1
                last = "a"
                k += 1
                if nx == "penny" || nx == "cent" {
                    // `a penny-stock peddler` is no sum.
                    if k + 1 < tokens.count, tokens[k + 1].text == "-", tokens[k + 1].joinedToPrevious { break }
                    sawNumber = true
                    end = k
                }
                continue
            } else if let f = MoneyNumbers.fractions[w] {
                // `half a million`, `three quarters billion`: a fraction needs a scale after it.
                var m = k + 1
                if m < tokens.count, tokens[m].text == "-" { m += 1 }
                if m < tokens.count, norms[m] == "a" { m += 1 }
                guard m < tokens.count, let scale = MoneyLexicon.scales[norms[m]] else { break }
                let base: Decimal = (w == "quarters" && last == "u") ? current * f : (last == "u" && current > 0 ? current + f : f)
                total += base * scale
                current = 0
                last = "s"
                k = m + 1
                end = k
                sawNumber = true
                continue
            } else if w == "point", sawNumber, last == "u" || last == "t", current < 1000 {
                // `one point four million`: spoken decimals, one digit word each.
                var m = k + 1
                var fraction: Decimal = 0
                var scaleOfDigit: Decimal = 1
                while m < tokens.count, let d = MoneyNumbers.units[norms[m]], d < 10 {
                    scaleOfDigit /= 10
                    fraction += Decimal(d) * scaleOfDigit
                    m += 1
                }
                guard m > k + 1 else { break }
                current += fraction
                last = "u"
                k = m
                end = k
                continue
            } else if w == "and", sawNumber, k + 1 < tokens.count {
                // `one hundred and five`, `one and a half million`; a bare `and` ends the number.
                let nx = norms[k + 1]
                if last == "h" || last == "s", MoneyNumbers.units[nx] != nil || MoneyNumbers.tens[nx] != nil {
                    k += 1
                    continue
                }
                if last == "u", nx == "a", k + 2 < tokens.count, norms[k + 2] == "half" {
                    var m = k + 3
                    if m < tokens.count, tokens[m].text == "-" { m += 1 }
                    guard m < tokens.count, let scale = MoneyLexicon.scales[norms[m]] else { break }
                    total += (current + Decimal(string: "0.5")!) * scale
                    current = 0
                    last = "s"
                    k = m + 1
                    end = k
                    continue
                }
                break
            } else {
                break
            }
            sawNumber = true
            k += 1
            end = k
        }
        guard sawNumber, end > i else { return nil }
        return (total + current, end)
    }

    /// Scale words after digits: `million`, `bn`, `crore`, and after a sign also `m`, `k`, `b`.
    func parseScale(at start: Int, afterSign: Bool, words: Bool) -> (Decimal, Int)? {
        guard !words else { return nil }   // number words already took their scale words
        var k = start
        var scale: Decimal = 1
        var found = false
        // `$100-million`: a hyphenated scale word.
        if k + 1 < tokens.count, tokens[k].text == "-", tokens[k].joinedToPrevious, tokens[k + 1].joinedToPrevious,
           MoneyLexicon.scales[norms[k + 1]] != nil {
            k += 1
        }
        while k < tokens.count, tokens[k].kind == .word, !tokens[k].newlineBefore {
            let w = norms[k]
            if let s = MoneyLexicon.scales[w] {
                scale *= s
            } else if afterSign, !found, let s = MoneyLexicon.shortScales[w],
                      tokens[k].joinedToPrevious || w == "mm" || w == "bil" {
                // `$5m` but not `$5m-a-year`'s neighbour words; a letter joined to more letters is a word.
                scale *= s
            } else {
                break
            }
            found = true
            k += 1
        }
        return found ? (scale, k) : nil
    }
}
